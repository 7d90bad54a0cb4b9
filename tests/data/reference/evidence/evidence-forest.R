# evidence-forest.R: reference numbers for the catalog forest's options (test-comparability,
# /comparability/forest-vs-metafor). Run from this directory: Rscript evidence-forest.R
# Input: x/N per arm as Endpoint derives them from the catalog (the CSVs; the test also checks
# that derivation). Output: one JSON per case, pooled estimates back-transformed with
# transf.ilogit, as ep_meta_pool() reports them.
#   mrd_population_reml_knha.json  MRD-negative by population: rma(measure = "PLO",
#                                  method = "REML", test = "knha"), overall and per population
#   cr_class_dl_knha.json          CR by class: method = "DL", test = "knha"
#   cr_class_fe.json               CR by class: method = "FE"
suppressMessages({library(metafor); library(jsonlite)})

pool <- function(d, method, test) {
  fit <- rma(xi = events, ni = total, data = d, measure = "PLO", method = method, test = test)
  p <- predict(fit, transf = transf.ilogit)
  list(k = fit$k, estimate = p$pred, lower = p$ci.lb, upper = p$ci.ub,
       pi_lower = if (method == "FE") NA else p$pi.lb,
       pi_upper = if (method == "FE") NA else p$pi.ub,
       tau2 = fit$tau2, i2 = fit$I2, q = fit$QE)
}

case <- function(file, out, method, test) {
  d <- read.csv(file, stringsAsFactors = FALSE)
  groups <- sort(unique(d$group))
  res <- list(overall = pool(d, method, test),
              subgroups = lapply(groups, function(g) pool(d[d$group == g, ], method, test)),
              groups = groups)
  writeLines(toJSON(res, auto_unbox = TRUE, digits = NA, na = "null", pretty = TRUE), out)
}

case("mrd_population.csv", "mrd_population_reml_knha.json", "REML", "knha")
case("cr_class.csv", "cr_class_dl_knha.json", "DL", "knha")
case("cr_class.csv", "cr_class_fe.json", "FE", "z")

# survival.R: R's side of bench/survival.sh, on the same CSV as endpoint-cli.
#
# usage: Rscript bench/survival.R FILE.csv REPEAT
# Prints "key value" lines: the seconds R takes to read the file (read.csv, once) and to compute
# survfit, survdiff and coxph(ties = "efron") (system.time around each call only, the best of
# REPEAT runs), and a few of their results so the script can check both sides computed the same.
suppressPackageStartupMessages(library(survival))

args <- commandArgs(trailingOnly = TRUE)
file <- args[1]
repeats <- if (length(args) > 1) as.integer(args[2]) else 1L

best <- function(expr_fun) {
  times <- numeric(repeats)
  for (i in seq_len(repeats)) {
    gc()
    times[i] <- system.time(value <- expr_fun())[["elapsed"]]
  }
  list(seconds = min(times), value = value)
}

# Reading is timed once: it is not the target, and read.csv is slow enough to matter.
read_s <- system.time(d <- read.csv(file))[["elapsed"]]

km <- best(function() survfit(Surv(time, status) ~ group, data = d))
lr <- best(function() survdiff(Surv(time, status) ~ group, data = d))
cx <- best(function() coxph(Surv(time, status) ~ group + x1 + x2 + x3 + x4 + x5,
                            data = d, ties = "efron"))

cat("r_version", paste0(R.version$major, ".", R.version$minor), "\n")
cat("survival_version", as.character(packageVersion("survival")), "\n")
cat("rows", nrow(d), "\n")
cat("read_s", read_s, "\n")
cat("survfit_s", km$seconds, "\n")
cat("survdiff_s", lr$seconds, "\n")
cat("coxph_s", cx$seconds, "\n")
cat("median_A", format(summary(km$value)$table[1, "median"], digits = 15), "\n")
cat("logrank_chisq", format(lr$value$chisq, digits = 15), "\n")
cat("cox_loglik", format(cx$value$loglik[2], digits = 15), "\n")
cat("cox_coef_groupB", format(coef(cx$value)[["groupB"]], digits = 15), "\n")
cat("cox_coef_x1", format(coef(cx$value)[["x1"]], digits = 15), "\n")
cat("cox_iter", cx$value$iter, "\n")

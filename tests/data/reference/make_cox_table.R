# Reference for the Cox figure in seed 002's Table 3 layout (issue 13, item 2): univariable and
# multivariable hazard ratios per factor level, with events/n per level, on lung. Run here:
#   Rscript make_cox_table.R
# R 4.2.2, survival 3.5-3, jsonlite. Reads data/lung.csv (status 0/1; ph_ecog 0-3, one missing)
# and writes figures/lung_cox_table.json, which tests/test-labels.c (/labels/cox-figure) reads.
# It is not in expected/: it is not an endpoint-cli command's output (check-reference).
#
# The R calls:
#   multivariable: coxph(Surv(time, status) ~ age + factor(sex) + factor(ph_ecog), data = lung)
#                  on the 227 rows with every covariate (listwise, as coxph's na.action)
#   univariable:   coxph(Surv(time, status) ~ age, data = lung)
#                  coxph(Surv(time, status) ~ factor(sex), data = lung)
#                  coxph(Surv(time, status) ~ factor(ph_ecog), data = lung)   (227 rows)
#   reversed:      coxph(Surv(time, status) ~ relevel(factor(sex), ref = "2"), data = lung)
# All with Efron ties (coxph's default); HR = exp(coef), 95% CI = exp(confint()).
suppressMessages({library(survival); library(jsonlite)})
lung <- read.csv("data/lung.csv")
cc <- lung[complete.cases(lung[, c("time", "status", "age", "sex", "ph_ecog")]), ]

terms <- function(fit, names) {
  s <- summary(fit)$coefficients; ci <- summary(fit)$conf.int
  lapply(seq_len(nrow(s)), function(k) list(term=names[k], hr=unname(s[k, "exp(coef)"]),
       lower=unname(ci[k, "lower .95"]), upper=unname(ci[k, "upper .95"]), p=unname(s[k, "Pr(>|z|)"])))
}
multi <- coxph(Surv(time, status) ~ age + factor(sex) + factor(ph_ecog), data=lung)
u_age <- coxph(Surv(time, status) ~ age, data=lung)
u_sex <- coxph(Surv(time, status) ~ factor(sex), data=lung)
u_ecog <- coxph(Surv(time, status) ~ factor(ph_ecog), data=lung)
rev_sex <- coxph(Surv(time, status) ~ relevel(factor(sex), ref="2"), data=lung)
counts <- function(col) lapply(sort(unique(cc[[col]])), function(l)
  list(level=as.character(l), n=sum(cc[[col]] == l), events=sum(cc$status[cc[[col]] == l])))

res <- list(
  multivariable=terms(multi, c("age", "sex=2", "ph_ecog=1", "ph_ecog=2", "ph_ecog=3")),
  univariable=c(terms(u_age, "age"), terms(u_sex, "sex=2"),
                terms(u_ecog, c("ph_ecog=1", "ph_ecog=2", "ph_ecog=3"))),
  reversed_sex=terms(rev_sex, "sex=1"),
  counts=list(sex=counts("sex"), ph_ecog=counts("ph_ecog")),
  n=nrow(cc), events=sum(cc$status))
writeLines(toJSON(res, auto_unbox=TRUE, digits=NA, pretty=TRUE), "figures/lung_cox_table.json")

# The text that Endpoint's result tables show, for tests/test-analysis.c (issue 12).
# Rscript make_table_text.R  (from tests/data/reference/data)
library(survival)
library(cmprsk)

# Competing risks: cuminc at 6, 12, 24, 36 with the log(-log) interval
d <- read.csv("cr_sim.csv")
fit <- cuminc(d$time, d$status, d$group)
tp <- timepoints(fit, c(6, 12, 24, 36))
z <- qnorm(0.975)
for (nm in rownames(tp$est)) {
  f <- tp$est[nm, ]; v <- tp$var[nm, ]
  w <- z * sqrt(v) / (f * log(f))
  cat(nm, sprintf("%.1f%% (%.1f–%.1f)", 100 * f, 100 * f^exp(-w), 100 * f^exp(w)), "\n")
}
print(fit$Tests)

# Cox: Table 3 style cells
lung <- read.csv("lung.csv")
print(summary(coxph(Surv(time, status) ~ age + sex + ph_ecog, lung))$coefficients)
print(summary(coxph(Surv(time, status) ~ age + sex + ph_ecog, lung))$conf.int)
print(summary(coxph(Surv(time, status) ~ ph_ecog, lung))$coefficients)

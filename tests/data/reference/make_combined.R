# The cohort tests/test-combine.c makes with ep_project_combine_with_reconstruction(): the user's
# 11 patients (weeks, converted to months) and 20 reconstructed ones (months); source 0 = the
# user's, 1 = the published arm. Written by that test (its rows, 17 digits); R's numbers are
# the constants of /combine/same-numbers. Run: Rscript make_combined.R (from this directory).
library(survival)
d <- read.csv("data/combined.csv")
d$source <- factor(d$source, levels = c(0, 1))
s <- survdiff(Surv(time, event) ~ source, d)
cat(sprintf("survdiff chisq %.10g p %.10g\n", s$chisq, pchisq(s$chisq, 1, lower.tail = FALSE)))
f <- coxph(Surv(time, event) ~ source, d)   # Efron ties, as ep_cox_fit's default
ci <- exp(confint(f))
cat(sprintf("coxph hr %.10g lower %.10g upper %.10g\n", exp(coef(f)), ci[1], ci[2]))

# The true curves behind the committed figures (tests/test-cli-digitize.c): survival at the
# figure's ticks (summary(survfit, times, extend = TRUE)) and RMST up to tau (survfit's
# print(rmean = tau)), per arm, and each arm's number at risk at the ticks (the figure's table).
library(survival)
for (f in list(list("sim_flat_tail", seq(0, 72, 12), 60), list("lung", seq(0, 1200, 200), 800))) {
  d <- read.csv(paste0(f[[1]], ".csv"))
  for (a in c("A", "B")) {
    fit <- survfit(Surv(time, status) ~ 1, data = subset(d, arm == a))
    s <- summary(fit, times = f[[2]], extend = TRUE)
    cat(f[[1]], a, "surv:", sprintf("%.6f", s$surv), "\n")
    cat(f[[1]], a, "n.risk:", s$n.risk, " events:", sum(d$status[d$arm == a]), "\n")
    cat(f[[1]], a, "rmst:", sprintf("%.6f", summary(fit, rmean = f[[3]])$table["rmean"]), "\n")
  }
}
# The hazard ratio of arm B vs A: coxph(Surv(time, status) ~ arm) (Efron ties)
for (f in c("sim_flat_tail", "lung")) {
  d <- read.csv(paste0(f, ".csv"))
  cat(f, "hr:", sprintf("%.6f", exp(coef(coxph(Surv(time, status) ~ arm, data = d)))), "\n")
}

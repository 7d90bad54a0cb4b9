# The validation set's data (bench/reconstruct/data/*.csv): time, status (1 event, 0 censored),
# arm (A or B). Run from this directory: Rscript make-data.R. R is needed only to remake them;
# the CSVs are committed.
library(survival)
out <- function(name, time, status, arm) {
  d <- data.frame(time = time, status = as.integer(status), arm = arm)
  d <- d[!is.na(d$time) & !is.na(d$status) & !is.na(d$arm), ]
  write.csv(d, file.path("data", paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
}

# R survival's data sets (time in days unless said otherwise)
out("lung", lung$time, lung$status == 2, ifelse(lung$sex == 1, "A", "B"))
# veteran: the two treatments' curves cross
out("veteran", veteran$time, veteran$status, ifelse(veteran$trt == 1, "A", "B"))
# colon, death (etype 2): observation vs levamisole + 5-FU, large arms, long flat follow-up
d <- subset(colon, etype == 2 & rx != "Lev")
out("colon", d$time, d$status, ifelse(d$rx == "Obs", "A", "B"))
# ovarian: 26 patients, heavy censoring
out("ovarian", ovarian$futime, ovarian$fustat, ifelse(ovarian$rx == 1, "A", "B"))

set.seed(20121)
# Simulated: heavy censoring (about 70%), exponential, months
n <- 200
t <- c(rexp(n, 0.02), rexp(n, 0.012)); c <- runif(2 * n, 0, 60)
out("sim_heavy_censoring", round(pmin(t, c), 2), t <= c, rep(c("A", "B"), each = n))
# Simulated: a cure fraction (40% / 55%) gives flat, heavily censored tails
cure <- c(runif(n) < 0.40, runif(n) < 0.55)
t <- ifelse(cure, Inf, c(rweibull(n, 1.2, 10), rweibull(n, 1.2, 14))); c <- runif(2 * n, 12, 72)
out("sim_flat_tail", round(pmin(t, c), 2), t <= c, rep(c("A", "B"), each = n))
# Simulated: crossing curves (early harm, late benefit), 150 per arm
n <- 150
t <- c(rweibull(n, 1.0, 20), rweibull(n, 2.2, 24)); c <- runif(2 * n, 10, 60)
out("sim_crossing", round(pmin(t, c), 2), t <= c, rep(c("A", "B"), each = n))

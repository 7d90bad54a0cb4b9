# Knapp-Hartung when the studies agree better than chance (Q < k - 1): the variance factor
# s^2 = Q / (k - 1) is below 1 and metafor 3.8 does not truncate it (test-meta.c
# /meta/ratio/knapp-hartung-homogeneous). Rscript make_knha_homogeneous.R
library(metafor)
hr <- c(0.80, 0.78, 0.82); lo <- c(0.60, 0.55, 0.62); hi <- c(1.07, 1.10, 1.08)
yi <- log(hr); sei <- (log(hi) - log(lo)) / (2 * qnorm(0.975))
fit <- rma(yi = yi, sei = sei, method = "DL", test = "knha")
z <- rma(yi = yi, sei = sei, method = "DL", test = "z")
p <- predict(fit, transf = exp)
cat(sprintf("%.15g\n", c(fit$QE, fit$k - 1, fit$tau2, fit$se, z$se, p$pred, p$ci.lb, p$ci.ub, fit$pval)))

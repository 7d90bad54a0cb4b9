# Reference results for evidence synthesis and competing-risks regression (issue 18).
# usage (from tests/data/reference): Rscript make_synthesis.R .
# Writes data/*.csv and expected/*.json in the JSON shape endpoint-cli prints; each expected file
# carries the endpoint-cli command that must reproduce it (see README.md and tests/test-reference.c).
# R 4.2.2, metafor 3.8-1, lme4 1.1-31, cmprsk 2.2-11 (Debian 12 packages).
suppressMessages({library(metafor); library(cmprsk); library(jsonlite)})
args <- commandArgs(TRUE); out <- if (length(args)) args[1] else "."
wcsv <- function(d, name) write.csv(d, file.path(out, "data", paste0(name, ".csv")), row.names=FALSE, na="")
wjson <- function(x, name) writeLines(toJSON(x, dataframe="rows", rownames=FALSE, auto_unbox=TRUE, digits=NA, na="null", null="null", pretty=TRUE),
                                     file.path(out, "expected", paste0(name, ".json")))
u <- function(x) unname(c(x))

## 1. rma.uni: tau^2 estimators, Q-profile CIs, leave-one-out, Egger's test -----------------
# uniroot() in rma (PM) and confint (QP) stops at tol = 1.2e-4 by default; the roots themselves
# are compared, so both get control = list(tol = 1e-12).
pool_ref <- function(fit, transf, level) {
  p <- predict(fit, transf=transf, level=level)
  ci <- confint(fit, control=list(tol=1e-12), level=level)$random
  list(random=list(estimate=u(p$pred), lower=u(p$ci.lb), upper=u(p$ci.ub), pi_lower=u(p$pi.lb), pi_upper=u(p$pi.ub),
                   beta=u(fit$b), se=u(fit$se), p=u(fit$pval)),
       tau2=fit$tau2, i2=fit$I2, h2=fit$H2, q=fit$QE, q_p=fit$QEp,
       tau2_lower=ci["tau^2", "ci.lb"], tau2_upper=ci["tau^2", "ci.ub"],
       i2_lower=ci["I^2(%)", "ci.lb"], i2_upper=ci["I^2(%)", "ci.ub"],
       h2_lower=ci["H^2", "ci.lb"], h2_upper=ci["H^2", "ci.ub"])
}
l1o_ref <- function(fit, transf, labels) {
  a <- leave1out(fit); b <- leave1out(fit, transf=transf)
  data.frame(label=labels, estimate=u(b$estimate), lower=u(b$ci.lb), upper=u(b$ci.ub), beta=u(a$estimate),
             se=u(a$se), p=u(a$pval), tau2=u(a$tau2), i2=u(a$I2), h2=u(a$H2), q=u(a$Q), q_p=u(a$Qp))
}
egger_ref <- function(fit) {
  r <- regtest(fit)
  x <- list(statistic=u(r$zval), p=u(r$pval), limit=u(r$est), limit_lower=u(r$ci.lb), limit_upper=u(r$ci.ub),
            slope=u(r$fit$b[2]), slope_se=u(r$fit$se[2]), tau2=r$fit$tau2)
  if (!is.null(r$dfs) && !is.na(r$dfs)) x$df <- r$dfs
  x
}
meta_uni_ref <- function(d, method, cmd, level=0.95, test="z", leave1out=TRUE, regtest=TRUE) {
  ctl <- if (method == "PM") list(tol=1e-12) else list()
  fit <- rma(measure="PLO", xi=d$cr, ni=d$n, method=method, test=test, level=level*100, control=ctl)
  r <- c(list(analysis="meta", command=cmd, measure="logit", method=method, level=level), pool_ref(fit, transf.ilogit, level*100))
  if (leave1out) r$leave1out <- l1o_ref(fit, transf.ilogit, d$trial)
  if (regtest) r$regtest <- egger_ref(fit)
  r
}
cr <- read.csv(file.path(out, "data", "meta_cr.csv"))
for (m in c("PM", "SJ", "ML", "REML", "DL"))
  wjson(meta_uni_ref(cr, m, sprintf("meta --csv meta_cr.csv --events cr --total n --label trial --method %s --leave1out --regtest", m)),
        sprintf("meta_cr_%s_l1o", tolower(m)))
wjson(meta_uni_ref(cr, "REML", "meta --csv meta_cr.csv --events cr --total n --label trial --method REML --knapp-hartung --conf-level 0.9 --regtest",
                   level=0.9, test="knha", leave1out=FALSE), "meta_cr_reml_knha90")

# Hazard ratios on which Fisher scoring oscillates: rma (method = "REML") stops with "Fisher
# scoring algorithm did not converge"; the maximum is found with a halved step.
hr_osc <- data.frame(study=paste("Study", LETTERS[1:6]), hr=c(0.4, 1.78, 0.63, 0.58, 1.32, 1.15),
                     lower=c(0.04, 1.71, 0.06, 0.56, 0.28, 0.11), upper=c(4.2, 1.85, 6.62, 0.6, 6.33, 12.08))
wcsv(hr_osc, "hr_osc")
stopifnot(inherits(try(rma(yi=log(hr), sei=(log(upper)-log(lower))/(2*qnorm(0.975)), data=hr_osc, method="REML"), silent=TRUE), "try-error"))
f <- rma(yi=log(hr), sei=(log(upper)-log(lower))/(2*qnorm(0.975)), data=hr_osc, method="REML",
         control=list(stepadj=0.5, maxiter=10000, threshold=1e-12))
p <- predict(f, transf=exp)
wjson(list(analysis="meta", command="meta --csv hr_osc.csv --ratio hr --lower lower --upper upper --label study --method REML",
           measure="log-ratio", method="REML", converged=TRUE, tau2=f$tau2, i2=f$I2,
           random=list(estimate=u(p$pred), lower=u(p$ci.lb), upper=u(p$ci.ub), pi_lower=u(p$pi.lb), pi_upper=u(p$pi.ub))),
      "hr_osc_reml")

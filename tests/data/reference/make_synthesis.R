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

## 2. Two-arm binary outcomes: escalc + rma.uni, rma.mh, rma.peto ---------------------------
# dat.bcg (metadat 1.2, with metafor: BCG vaccine trials, tuberculosis in vaccinated vs control arms); TOWER's CR
# (seed 001/004 catalog: blinatumomab 34% of 271, chemotherapy 16% of 124, events = round(n x % / 100));
# a sparse set with zero cells and a double-zero study for the 0.5 correction rules.
bcg <- with(metadat::dat.bcg, data.frame(trial=paste(author, year), e1=tpos, n1=tpos+tneg, e2=cpos, n2=cpos+cneg,
                                           alloc=alloc))
wcsv(bcg, "bcg")
tower <- data.frame(trial="Phase 3 (TOWER)", e1=round(271*34/100), n1=271, e2=round(124*16/100), n2=124)
wcsv(tower, "tower_cr")
sparse <- data.frame(trial=c("S1","S2","S3","S4","S5","S6"), e1=c(0,2,1,0,5,3), n1=c(20,40,35,15,60,50),
                     e2=c(3,6,0,0,9,8), n2=c(21,38,30,16,58,52))
wcsv(sparse, "sparse")
bt_of <- function(measure) if (measure == "RD") function(x) x else exp
two_iv_ref <- function(d, name, measure, method, cmd, l1o=FALSE, egger=FALSE, subgroup=NULL) {
  es <- escalc(measure=measure, ai=d$e1, n1i=d$n1, ci=d$e2, n2i=d$n2)
  ss <- summary(es); bt <- bt_of(measure)
  ctl <- if (method == "PM") list(tol=1e-12) else list()
  fe <- rma(yi, vi, data=es, method="FE"); fit <- rma(yi, vi, data=es, method=method, control=ctl)
  pf <- predict(fe, transf=bt)
  studies <- data.frame(label=d$trial, estimate=bt(ss$yi), lower=bt(ss$ci.lb), upper=bt(ss$ci.ub),
                        weight_fixed=u(weights(fe)), weight_random=u(weights(fit)), yi=u(es$yi), vi=u(es$vi))
  r <- list(analysis="meta", command=cmd, measure=measure, method=method, studies=studies,
            fixed=list(estimate=u(pf$pred), lower=u(pf$ci.lb), upper=u(pf$ci.ub), beta=u(fe$b), se=u(fe$se)))
  if (method != "FE") {
    r <- c(r, pool_ref(fit, bt, 95))
  } else {
    p <- predict(fit, transf=bt)
    r <- c(r, list(random=list(estimate=u(p$pred), lower=u(p$ci.lb), upper=u(p$ci.ub)), q=fit$QE, q_p=fit$QEp, i2=fit$I2))
  }
  if (l1o) r$leave1out <- l1o_ref(fit, bt, d$trial)
  if (egger) r$regtest <- egger_ref(fit)
  if (!is.null(subgroup)) {
    sgs <- list()
    for (sg in sort(unique(d[[subgroup]]))) {
      f <- rma(yi, vi, data=es, method=method, subset=d[[subgroup]] == sg, control=ctl); p <- predict(f, transf=bt)
      sgs[[length(sgs)+1]] <- list(label=sg, k=f$k, random=list(estimate=u(p$pred), lower=u(p$ci.lb), upper=u(p$ci.ub)),
                                   tau2=f$tau2, i2=f$I2, q=f$QE)
    }
    r$subgroups <- sgs
  }
  wjson(r, name)
}
two_fixed_ref <- function(d, name, measure, peto, cmd) {
  fit <- if (peto) rma.peto(ai=d$e1, n1i=d$n1, ci=d$e2, n2i=d$n2) else rma.mh(measure=measure, ai=d$e1, n1i=d$n1, ci=d$e2, n2i=d$n2)
  bt <- bt_of(if (peto) "OR" else measure)
  studies <- data.frame(label=d$trial, weight=u(weights(fit)), yi=u(fit$yi.f), vi=u(fit$vi.f))
  r <- list(analysis="meta", command=cmd, measure=if (peto) "OR" else measure, method=if (peto) "PETO" else "MH",
            studies=studies,
            fixed=list(estimate=bt(u(fit$beta)), lower=bt(u(fit$ci.lb)), upper=bt(u(fit$ci.ub)), beta=u(fit$beta),
                       se=u(fit$se), z=u(fit$zval), p=u(fit$pval)),
            q=fit$QE, q_p=fit$QEp, i2=fit$I2, h2=fit$H2)
  if (!peto && measure == "OR") { r$cmh <- fit$MH; r$cmh_p <- fit$MHp }
  wjson(r, name)
}
arms <- "--events1 e1 --total1 n1 --events2 e2 --total2 n2 --label trial"
two_iv_ref(bcg, "bcg_or_dl", "OR", "DL", paste("meta --csv bcg.csv", arms, "--measure OR --method DL --leave1out --regtest"), l1o=TRUE, egger=TRUE)
two_iv_ref(bcg, "bcg_rr_reml", "RR", "REML", paste("meta --csv bcg.csv", arms, "--measure RR --method REML --subgroup alloc"), subgroup="alloc")
two_iv_ref(bcg, "bcg_rd_fe", "RD", "FE", paste("meta --csv bcg.csv", arms, "--measure RD --method FE"))
for (m in c("OR", "RR", "RD"))
  two_fixed_ref(bcg, sprintf("bcg_%s_mh", tolower(m)), m, FALSE, paste("meta --csv bcg.csv", arms, "--measure", m, "--method MH"))
two_fixed_ref(bcg, "bcg_peto", "OR", TRUE, paste("meta --csv bcg.csv", arms, "--method PETO"))
two_fixed_ref(tower, "tower_cr_or_mh", "OR", FALSE, paste("meta --csv tower_cr.csv", arms, "--measure OR --method MH"))
two_iv_ref(tower, "tower_cr_rr_fe", "RR", "FE", paste("meta --csv tower_cr.csv", arms, "--measure RR --method FE"))
two_iv_ref(sparse, "sparse_or_dl", "OR", "DL", paste("meta --csv sparse.csv", arms, "--measure OR --method DL"))
two_iv_ref(sparse, "sparse_rd_pm", "RD", "PM", paste("meta --csv sparse.csv", arms, "--measure RD --method PM"))
for (m in c("OR", "RR", "RD"))
  two_fixed_ref(sparse, sprintf("sparse_%s_mh", tolower(m)), m, FALSE, paste("meta --csv sparse.csv", arms, "--measure", m, "--method MH"))
two_fixed_ref(sparse, "sparse_peto", "OR", TRUE, paste("meta --csv sparse.csv", arms, "--method PETO"))

## 3. GLMM for proportions: rma.glmm (measure = "PLO") = lme4::glmer (nAGQ = 7) ---------------
# lme4's derivative-free optimiser and finite-difference Hessian limit the agreement: these files
# carry "tolerance": 1e-4 (relative), which tests/test-reference.c applies to them.
glmm_one <- function(d) {
  f <- rma.glmm(measure="PLO", xi=d$cr, ni=d$n)
  p <- predict(f, transf=transf.ilogit)
  fe <- rma.glmm(measure="PLO", xi=d$cr, ni=d$n, method="FE"); pf <- predict(fe, transf=transf.ilogit)
  list(random=list(estimate=u(p$pred), lower=u(p$ci.lb), upper=u(p$ci.ub), beta=u(f$b), se=u(f$se), p=u(f$pval)),
       fixed=list(estimate=u(pf$pred), lower=u(pf$ci.lb), upper=u(pf$ci.ub), beta=u(fe$b), se=u(fe$se)),
       tau2=f$tau2, i2=f$I2, h2=f$H2, q=f$QE.LRT, q_p=f$QEp.LRT)
}
glmm_ref <- function(d, cmd, subgroup=NULL) {
  r <- c(list(analysis="meta", command=cmd, tolerance=1e-4, measure="logit", method="GLMM"), glmm_one(d))
  if (!is.null(subgroup)) {
    r$subgroups <- lapply(sort(unique(d[[subgroup]])), function(g) {
      dd <- d[d[[subgroup]] == g, ]
      o <- glmm_one(dd); o$q_p <- NULL  # one subgroup may have tau^2 = 0 at the boundary
      c(list(label=g, k=nrow(dd)), o)
    })
  }
  r
}
wjson(glmm_ref(cr, "meta --csv meta_cr.csv --events cr --total n --label trial --subgroup class --method GLMM", "class"), "meta_cr_glmm")
# small trials with rates near 1, where the two-step logit pooling drifts from the GLMM
near1 <- data.frame(trial=c("A","B","C","D","E"), cr=c(13,12,18,9,27), n=c(13,14,20,12,30))
wcsv(near1, "near1")
wjson(glmm_ref(near1, "meta --csv near1.csv --events cr --total n --label trial --method GLMM"), "near1_glmm")

## 4. Fine-Gray regression: cmprsk::crr, predict.crr ----------------------------------------
# Simulated relapse (cause of interest) vs death in remission, text status codes, a numeric and
# two factor covariates, times rounded to whole days so that there are ties of every kind.
set.seed(18)
n <- 240
age <- round(rnorm(n, 45, 12)); arm <- sample(c("blina", "chemo"), n, TRUE); risk <- sample(c("high", "low", "standard"), n, TRUE)
lp1 <- 0.02 * (age - 45) + 0.6 * (arm == "chemo") + 0.4 * (risk == "high") - 0.3 * (risk == "low")
t1 <- rexp(n, 0.004 * exp(lp1)); t2 <- rexp(n, 0.002 * exp(0.03 * (age - 45))); cens <- runif(n, 100, 900)
time <- pmin(t1, t2, cens); code <- ifelse(time == cens, "censored", ifelse(time == t1, "relapse", "death"))
crr_dat <- data.frame(days=round(time) + 1, status=code, age=age, arm=arm, risk=risk)
wcsv(crr_dat, "crr_sim")
crr_ref <- function(d, covs, factors, cause, censor, cmd, predict=NULL, at=NULL) {
  f <- as.formula(paste("~", paste(covs, collapse="+")))
  for (v in factors) d[[v]] <- factor(d[[v]])
  X <- model.matrix(f, d)[, -1, drop=FALSE]
  names_map <- colnames(X)
  for (v in factors) for (l in levels(d[[v]])) names_map[names_map == paste0(v, l)] <- paste0(v, "=", l)
  fit <- crr(d$days, d$status, X, failcode=cause, cencode=censor)
  s <- summary(fit)
  terms <- data.frame(name=names_map, coef=u(fit$coef), hr=exp(u(fit$coef)), se=sqrt(diag(fit$var)),
                      z=u(s$coef[, "z"]), p=2 * pnorm(-abs(u(s$coef[, "z"]))), lower=u(s$conf.int[, "2.5%"]), upper=u(s$conf.int[, "97.5%"]))
  wald <- function(idx) { b <- fit$coef[idx]; v <- fit$var[idx, idx, drop=FALSE]; x2 <- c(t(b) %*% solve(v) %*% b)
                          list(chisq=x2, df=length(idx), p=pchisq(x2, length(idx), lower.tail=FALSE)) }
  assign_ <- attr(model.matrix(f, d), "assign")[-1]
  tests <- lapply(seq_along(covs), function(j) c(list(name=covs[j]), wald(which(assign_ == j))))
  all <- wald(seq_along(fit$coef))
  r <- list(analysis="crr", command=cmd, n=nrow(d), n_events=sum(d$status == cause), n_competing=sum(d$status != cause & d$status != censor),
            terms=terms, loglik=fit$loglik, loglik_null=fit$loglik.null, lr_chisq=-2 * (fit$loglik.null - fit$loglik),
            wald_chisq=all$chisq, wald_p=all$p, wald_tests=tests, converged=fit$converged)
  if (!is.null(predict)) {
    r$predictions <- lapply(names(predict), function(lab) {
      nd <- d[1, , drop=FALSE]; for (v in names(predict[[lab]])) nd[[v]] <- predict[[lab]][[v]]
      for (v in factors) nd[[v]] <- factor(nd[[v]], levels=levels(d[[v]]))
      z <- model.matrix(f, nd)[, -1]
      pr <- predict(fit, cov1=z)
      cif <- stepfun(pr[, 1], c(0, pr[, 2]))(at)
      list(label=lab, at=data.frame(time=at, cif=cif))
    })
  }
  r
}
wjson(crr_ref(crr_dat, c("age", "arm", "risk"), c("arm", "risk"), "relapse", "censored",
              "crr --csv crr_sim.csv --time days --status status --covariates age,arm,risk --factors arm,risk --cause relapse --censor censored --predict age=60,arm=chemo,risk=high --predict age=30,arm=blina,risk=low --at 30,90,180,365,730",
              predict=list("age=60,arm=chemo,risk=high"=list(age=60, arm="chemo", risk="high"),
                           "age=30,arm=blina,risk=low"=list(age=30, arm="blina", risk="low")),
              at=c(30, 90, 180, 365, 730)), "crr_sim_relapse")
wjson(crr_ref(crr_dat, c("age", "arm"), c("arm"), "death", "censored",
              "crr --csv crr_sim.csv --time days --status status --covariates age,arm --factors arm --cause death --censor censored"),
      "crr_sim_death")
# numeric codes (0 censored) on cr_sim: relapse 1 vs death 2, the group as a factor
cs <- read.csv(file.path(out, "data", "cr_sim.csv"))
cs$days <- cs$time
wjson(crr_ref(cs, c("group"), c("group"), 1, 0, "crr --csv cr_sim.csv --time time --status status --covariates group --factors group --cause 1"),
      "cr_sim_crr")

## 5. Cumulative incidence with pointwise log(-log) intervals and text status codes ------------
# cmprsk::cuminc + timepoints (cencode = the censoring text); the interval is not in cmprsk: it is
# F^exp(-/+ z sqrt(var) / (F log F)), computed here from cuminc's estimate and variance.
cif_text_ref <- function(d, time, status, group, censor, at, level, cmd) {
  g <- d[[group]]
  ci <- cuminc(d[[time]], d[[status]], g, cencode=censor)
  tp <- timepoints(ci, at); nms <- rownames(tp$est); z <- qnorm((1 + level) / 2)
  groups <- lapply(sort(unique(as.character(g))), function(gl) {
    causes <- lapply(sort(setdiff(unique(d[[status]]), censor)), function(cz) {
      key <- paste(gl, cz); est <- u(tp$est[key, ]); se <- sqrt(u(tp$var[key, ]))
      k <- z * se / (est * log(est))
      list(cause=cz, at=data.frame(time=at, estimate=est, std_err=se, lower=est^exp(-k), upper=est^exp(k)))
    })
    list(label=gl, causes=causes)
  })
  tt <- ci$Tests
  list(analysis="cif", command=cmd, groups=groups,
       gray=data.frame(cause=rownames(tt), stat=tt[, "stat"], df=tt[, "df"], p=tt[, "pv"]))
}
wjson(cif_text_ref(crr_dat, "days", "status", "arm", "censored", c(30, 90, 180, 365), 0.9,
                   "cif --csv crr_sim.csv --time days --status status --group arm --censor censored --conf-level 0.9 --at 30,90,180,365"),
      "crr_sim_cif_text")

# Reference results for issue 16's methods (RMST, median follow-up, R's tie rule, cox.zph),
# in the JSON that endpoint-cli prints. Run from this folder:  Rscript make_survstats.R
# R 4.2.2, survival 3.5-3, jsonlite. It reads data/aml.csv and data/lung.csv (make_visible.R)
# and writes data/ties.csv and expected/*.json; every expected file carries its command.
suppressMessages({library(survival); library(jsonlite)})
wjson <- function(x, name) writeLines(toJSON(x, dataframe="rows", rownames=FALSE, auto_unbox=TRUE, digits=NA,  na="null", null="null", pretty=TRUE),
                                     file.path("expected", paste0(name, ".json")))
nn <- function(x) if (is.null(x) || length(x)==0 || is.na(x)) NA else unname(x)
aml <- read.csv("data/aml.csv", stringsAsFactors=FALSE)
lung <- read.csv("data/lung.csv")

# --- RMST: survival's print(fit, rmean=tau) / summary(fit, rmean=tau)$table, and each group
# against the first as survRM2::rmst2 computes it (written out here: difference with
# se = sqrt(v1 + v0), ratio on the log scale with se = sqrt(v1/r1^2 + v0/r0^2)).
rmst_ref <- function(d, time, event, group=NULL, tau, cmd) {
  f <- if (is.null(group)) as.formula(sprintf("Surv(%s,%s)~1", time, event)) else as.formula(sprintf("Surv(%s,%s)~%s", time, event, group))
  fit <- survfit(f, data=d)
  tab <- summary(fit, rmean=tau)$table
  if (is.null(dim(tab))) tab <- t(as.matrix(tab))
  labs <- if (is.null(group)) "all" else sub("^[^=]*=", "", names(fit$strata))
  z <- qnorm(0.975)
  r <- tab[, "rmean"]; se <- tab[, "se(rmean)"]
  groups <- data.frame(label=labs, n=tab[, "records"], events=tab[, "events"], rmst=unname(r), se=unname(se),
                       lower=unname(r - z*se), upper=unname(r + z*se))
  contrasts <- NULL
  if (length(labs) > 1) {
    k <- 2:length(labs)
    diff <- r[k] - r[1]; dse <- sqrt(se[k]^2 + se[1]^2)
    lr <- log(r[k] / r[1]); lse <- sqrt(se[k]^2 / r[k]^2 + se[1]^2 / r[1]^2)
    contrasts <- data.frame(label=labs[k], reference=labs[1], diff=unname(diff), diff_se=unname(dse),
                            diff_lower=unname(diff - z*dse), diff_upper=unname(diff + z*dse), diff_p=unname(2*pnorm(-abs(diff/dse))),
                            ratio=unname(exp(lr)), ratio_lower=unname(exp(lr - z*lse)), ratio_upper=unname(exp(lr + z*lse)),
                            ratio_p=unname(2*pnorm(-abs(lr/lse))))
  }
  res <- list(analysis="rmst", command=cmd, tau=tau, conf_level=0.95, groups=groups)
  if (!is.null(contrasts)) res$contrasts <- contrasts
  res
}
wjson(rmst_ref(aml, "time", "status", "x", 40, "rmst --csv aml.csv --time time --event status --group x --tau 40"), "aml_rmst")
wjson(rmst_ref(lung, "time", "status", "sex", 730, "rmst --csv lung.csv --time time --event status --group sex --tau 730"), "lung_rmst")
wjson(rmst_ref(lung, "time", "status", NULL, 365, "rmst --csv lung.csv --time time --event status --tau 365"), "lung_rmst_all")
# tau beyond the last time of the Nonmaintained group (45): survmean carries the curve flat
wjson(rmst_ref(aml, "time", "status", "x", 100, "rmst --csv aml.csv --time time --event status --group x --tau 100"), "aml_rmst_tau100")

# --- Median follow-up: reverse Kaplan-Meier, summary(survfit(Surv(time, 1 - status) ~ g))$table
followup_ref <- function(d, time, event, group=NULL, cmd) {
  d$rev_status <- 1 - d[[event]]
  f <- if (is.null(group)) as.formula(sprintf("Surv(%s,rev_status)~1", time)) else as.formula(sprintf("Surv(%s,rev_status)~%s", time, group))
  fit <- survfit(f, data=d)
  tab <- summary(fit)$table
  if (is.null(dim(tab))) tab <- t(as.matrix(tab))
  labs <- if (is.null(group)) "all" else sub("^[^=]*=", "", names(fit$strata))
  groups <- lapply(seq_along(labs), function(i) list(label=labs[i], n=nn(tab[i, "records"]), censored=nn(tab[i, "events"]),
                   median=nn(tab[i, "median"]), median_lower=nn(tab[i, "0.95LCL"]), median_upper=nn(tab[i, "0.95UCL"])))
  list(analysis="followup", command=cmd, conf_type="log", conf_level=0.95, groups=groups)
}
wjson(followup_ref(lung, "time", "status", NULL, "followup --csv lung.csv --time time --event status"), "lung_followup")
wjson(followup_ref(lung, "time", "status", "sex", "followup --csv lung.csv --time time --event status --group sex"), "lung_followup_sex")
wjson(followup_ref(aml, "time", "status", "x", "followup --csv aml.csv --time time --event status --group x"), "aml_followup")

# --- R's tie rule: times computed in floating point (seq() gives 0.30000000000000004) next to
# the same times typed by hand (0.3). The file keeps 17 significant digits.
set.seed(16)
n <- 60
typed <- round(runif(n, 0.1, 3), 1)
computed <- seq(0.1, 3, by=0.1)[round(typed * 10)]   # the same values, with rounding noise
ties <- data.frame(time=ifelse(seq_len(n) %% 2 == 0, computed, typed),
                   status=rbinom(n, 1, 0.7), group=rep(c("A", "B"), length.out=n), x=round(rnorm(n), 2))
ties$group[sample(n, 20)] <- "A"
ties$time[ties$group == "B"] <- ties$time[ties$group == "B"] * 1  # keep
writeLines(c('"time","status","group","x"',
             sprintf('%s,%d,"%s",%s', sprintf("%.17g", ties$time), ties$status, ties$group, format(ties$x))),
           "data/ties.csv")
ties <- read.csv("data/ties.csv", stringsAsFactors=FALSE)
stopifnot(length(unique(ties$time)) > length(unique(signif(ties$time, 10))))
# Without the tie rule 1.3 and 1.3000000000000003 are two steps; the comparison matches steps
# by their time, which JSON readers do not all keep to the last bit, so that case compares the
# group summaries (n, events, median and its CI) only.
source_km <- function(d, fit, labs, cmd, timefix) {
  groups <- list()
  for (i in seq_along(labs)) {
    ss <- summary(fit[i], censored=TRUE)
    tab <- summary(fit)$table
    groups[[i]] <- list(label=labs[i], n=nn(tab[i, "records"]), events=nn(tab[i, "events"]),
                        median=nn(tab[i, "median"]), median_lower=nn(tab[i, "0.95LCL"]), median_upper=nn(tab[i, "0.95UCL"]),
                        steps=data.frame(time=ss$time, n_risk=ss$n.risk, n_event=ss$n.event, n_censor=ss$n.censor,
                                         surv=ss$surv, std_err=ss$std.err, lower=ss$lower, upper=ss$upper))
  }
  if (!timefix) for (i in seq_along(groups)) groups[[i]]$steps <- NULL
  list(analysis="km", command=cmd, conf_type="log-log", conf_level=0.95, timefix=timefix, groups=groups)
}
for (tf in c(TRUE, FALSE)) {
  suffix <- if (tf) "" else "_notimefix"
  opt <- if (tf) "" else " --no-timefix"
  fit <- survfit(Surv(time, status) ~ group, data=ties, timefix=tf, conf.type="log-log")
  labs <- sub("^[^=]*=", "", names(fit$strata))
  wjson(source_km(ties, fit, labs, paste0("km --csv ties.csv --time time --event status --group group", opt), tf), paste0("ties_km", suffix))
  # survdiff(..., timefix=FALSE) fails in survival 3.5-3 (the argument reaches model.frame);
  # without the tie rule call its worker survdiff.fit on the raw times.
  sd <- if (tf) survdiff(Surv(time, status) ~ group, data=ties) else {
    g <- factor(ties$group)
    r <- survival:::survdiff.fit(Surv(ties$time, ties$status), as.integer(g), rep(1L, nrow(ties)), 0)
    list(n=setNames(as.vector(table(g)), paste0("group=", levels(g))), obs=r$observed, exp=r$expected,
         chisq=sum((r$observed - r$expected)[-1] * solve(r$var[-1, -1, drop=FALSE], (r$observed - r$expected)[-1])))
  }
  wjson(list(analysis="logrank", command=paste0("logrank --csv ties.csv --time time --event status --group group", opt),
             rho=0, chisq=sd$chisq, df=1, p=pchisq(sd$chisq, 1, lower.tail=FALSE), timefix=tf,
             groups=data.frame(label=sub("^[^=]*=", "", names(sd$n)), n=as.numeric(sd$n), observed=sd$obs, expected=sd$exp)),
        paste0("ties_logrank", suffix))
  cf <- coxph(Surv(time, status) ~ x, data=ties, control=coxph.control(timefix=tf))
  s <- summary(cf)
  wjson(list(analysis="cox", command=paste0("cox --csv ties.csv --time time --event status --covariates x", opt), ties="efron", timefix=tf,
             n=cf$n, events=cf$nevent,
             terms=data.frame(name="x", coef=unname(coef(cf)), se=unname(sqrt(diag(vcov(cf)))), hr=unname(exp(coef(cf))),
                              z=unname(s$coefficients[, "z"]), p=unname(s$coefficients[, "Pr(>|z|)"])),
             loglik_null=cf$loglik[1], loglik=cf$loglik[2], score_chisq=unname(cf$score)),
        paste0("ties_cox", suffix))
}

# --- cox.zph (transform = "km", the default; terms = TRUE; global test)
zph_ref <- function(d, formula, ties="efron", transform="km", cmd) {
  fit <- coxph(as.formula(formula), data=d, ties=ties)
  z <- cox.zph(fit, transform=transform)
  tb <- z$table
  nt <- nrow(tb) - 1
  terms <- data.frame(name=rownames(tb)[1:nt], chisq=tb[1:nt, "chisq"], df=tb[1:nt, "df"], p=tb[1:nt, "p"])
  y <- lapply(seq_len(ncol(z$y)), function(j) list(name=colnames(z$y)[j], values=unname(z$y[, j])))
  list(analysis="cox", command=cmd, ties=ties,
       zph=list(transform=transform, terms=terms,
                global=list(chisq=tb[nt+1, "chisq"], df=tb[nt+1, "df"], p=tb[nt+1, "p"]),
                time=unname(z$time), x=unname(z$x), y=y))
}
wjson(zph_ref(lung, "Surv(time,status)~age+sex+ph_ecog", cmd="cox --csv lung.csv --time time --event status --covariates age,sex,ph_ecog --zph"), "lung_cox_zph")
wjson(zph_ref(lung, "Surv(time,status)~age+sex+ph_ecog", ties="breslow", cmd="cox --csv lung.csv --time time --event status --covariates age,sex,ph_ecog --ties breslow --zph"), "lung_cox_zph_breslow")
wjson(zph_ref(lung, "Surv(time,status)~age+sex+strata(ph_ecog)", cmd="cox --csv lung.csv --time time --event status --covariates age,sex --strata ph_ecog --zph"), "lung_cox_zph_strata")
wjson(zph_ref(aml, "Surv(time,status)~x", cmd="cox --csv aml.csv --time time --event status --covariates x --factors x --zph"), "aml_cox_zph")

# --- Delayed entry (left truncation): (start, stop] data. survfit(Surv(start, stop, event) ~ g)
# for the curves; survdiff refuses such data, so the log-rank statistic over the risk sets
# {start < t <= stop} is written out here (the hypergeometric O - E and variance of survdiff).
set.seed(1606)
n <- 150
entry <- data.frame(start=round(ifelse(runif(n) < 0.3, 0, runif(n, 0, 24)), 1), group=sample(c("early", "late"), n, TRUE))
entry$stop <- round(entry$start + rexp(n, ifelse(entry$group == "early", 1/30, 1/20)) + 0.1, 1)
cens <- round(runif(n, 12, 72), 1)
entry$event <- as.integer(entry$stop <= cens)
entry$stop <- ifelse(entry$event == 1, entry$stop, pmax(cens, entry$start + 0.1))
entry <- entry[, c("start", "stop", "event", "group")]
write.csv(entry, "data/entry.csv", row.names=FALSE)
entry <- read.csv("data/entry.csv", stringsAsFactors=FALSE)
fit <- survfit(Surv(start, stop, event) ~ group, data=entry, conf.type="log-log")
labs <- sub("^[^=]*=", "", names(fit$strata))
km <- source_km(entry, fit, labs, "km --csv entry.csv --start start --time stop --event event --group group --at 12,24,36", TRUE)
for (i in seq_along(labs)) {
  sa <- summary(fit[i], times=c(12, 24, 36), extend=TRUE)
  km$groups[[i]]$at <- data.frame(time=sa$time, surv=sa$surv, std_err=sa$std.err, lower=sa$lower, upper=sa$upper)
}
km$delayed_entry <- TRUE
wjson(km, "entry_km")
lr_counting <- function(start, stop, event, g) {
  lev <- sort(unique(g)); k <- length(lev)
  O <- E <- rep(0, k); V <- matrix(0, k, k)
  for (t in sort(unique(stop[event == 1]))) {
    atr <- start < t & stop >= t
    nr <- sum(atr); d <- sum(atr & stop == t & event == 1)
    nk <- sapply(lev, function(l) sum(atr & g == l)); dk <- sapply(lev, function(l) sum(atr & g == l & stop == t & event == 1))
    O <- O + dk; E <- E + d * nk / nr
    if (nr > 1) V <- V + d * (nr - d) / (nr * (nr - 1)) * (diag(nk) - outer(nk, nk) / nr)
  }
  dd <- (O - E)[-1]
  chisq <- drop(dd %*% solve(V[-1, -1, drop=FALSE], dd))
  list(lev=lev, n=as.vector(table(factor(g, lev))), O=O, E=E, chisq=chisq, df=k - 1)
}
lr <- lr_counting(entry$start, entry$stop, entry$event, entry$group)
wjson(list(analysis="logrank", command="logrank --csv entry.csv --start start --time stop --event event --group group",
           rho=0, chisq=lr$chisq, df=lr$df, p=pchisq(lr$chisq, lr$df, lower.tail=FALSE), delayed_entry=TRUE,
           groups=data.frame(label=lr$lev, n=lr$n, observed=lr$O, expected=lr$E)), "entry_logrank")

# --- Survival by response (guarantee-time bias): a landmark analysis at 6 months, the
# Mantel-Byar test and Simon-Makuch curves from a "time of response" column (empty: none).
set.seed(1604)
n <- 160
rtime <- round(rexp(n, 1/5) + 0.5, 1)
death <- round(rexp(n, 1/14) + 0.2, 1)
# after a response the hazard of death halves: stretch the remaining time
death <- ifelse(rtime < death, round(rtime + (death - rtime) * 2, 1), death)
cens <- round(runif(n, 10, 48), 1)
resp <- data.frame(time=pmin(death, cens), status=as.integer(death <= cens), rtime=rtime)
resp$rtime[resp$rtime >= resp$time | runif(n) < 0.3] <- NA   # no response seen (or none at all)
same <- which(resp$time == resp$rtime); resp$time[same] <- resp$time[same] + 0.1
write.csv(resp, "data/response.csv", row.names=FALSE, na="")
resp <- read.csv("data/response.csv")
L <- 6
d2 <- subset(resp, time > L)
d2$t <- d2$time - L
d2$grp <- ifelse(!is.na(d2$rtime) & d2$rtime <= L, "responder", "non-responder")
lfit <- survfit(Surv(t, status) ~ grp, data=d2, conf.type="log-log")
ltab <- summary(lfit)$table
lsd <- survdiff(Surv(t, status) ~ grp, data=d2)
lgroups <- lapply(1:2, function(i) {
  sa <- summary(lfit[i], times=c(6, 12), extend=TRUE)
  list(label=sub("^[^=]*=", "", names(lfit$strata))[i], n=nn(ltab[i, "records"]), events=nn(ltab[i, "events"]),
       median=nn(ltab[i, "median"]), median_lower=nn(ltab[i, "0.95LCL"]), median_upper=nn(ltab[i, "0.95UCL"]),
       at=data.frame(time=sa$time, surv=sa$surv, std_err=sa$std.err, lower=sa$lower, upper=sa$upper))
})
resp$id <- seq_len(nrow(resp))
td <- tmerge(resp[, c("id", "time", "status")], resp, id=id, death=event(time, status), state=tdc(rtime))
mb <- coxph(Surv(tstart, tstop, death) ~ state, data=td)
smfit <- survfit(Surv(tstart, tstop, death) ~ state, data=td, conf.type="log-log")
sm <- source_km(td, smfit, c("non-responder", "responder"), "", TRUE)$groups
for (i in 1:2) {
  sa <- summary(smfit[i], times=c(6, 12), extend=TRUE)
  sm[[i]]$n <- NULL   # survfit counts (start, stop] rows; endpoint-cli too, but say so only here
  sm[[i]]$at <- data.frame(time=sa$time, surv=sa$surv, std_err=sa$std.err, lower=sa$lower, upper=sa$upper)
}
wjson(list(analysis="landmark", command="landmark --csv response.csv --time time --event status --response-time rtime --landmark 6 --at 6,12",
           landmark=L,
           landmark_analysis=list(n=nrow(d2), n_excluded=nrow(resp) - nrow(d2), groups=lgroups,
                                  logrank=list(chisq=lsd$chisq, df=1, p=pchisq(lsd$chisq, 1, lower.tail=FALSE))),
           mantel_byar=list(n_rows=nrow(td), score_chisq=unname(mb$score), score_df=1, score_p=pchisq(unname(mb$score), 1, lower.tail=FALSE),
                            coef=unname(coef(mb)), se=unname(sqrt(vcov(mb))[1]), hr=unname(exp(coef(mb))),
                            hr_lower=unname(summary(mb)$conf.int[, "lower .95"]), hr_upper=unname(summary(mb)$conf.int[, "upper .95"]),
                            p=unname(summary(mb)$coefficients[, "Pr(>|z|)"])),
           simon_makuch=list(groups=sm)), "response_landmark")

# --- Robust (sandwich) variance with a cluster id, and case weights: coxph(..., cluster=, weights=).
# "se" is summary's se(coef) (model-based), "robust_se" its robust se; z, p and the HR's CI come
# from the robust se, wald_chisq from the robust variance (fit$wald.test).
robust_ref <- function(d, formula, ties="efron", cluster=NULL, weights=NULL, cmd) {
  args <- list(formula=as.formula(formula), data=d, ties=ties)
  if (!is.null(cluster)) args$cluster <- d[[cluster]]
  if (!is.null(weights)) args$weights <- d[[weights]]
  fit <- do.call(coxph, args)
  s <- summary(fit)
  cf <- s$coefficients
  terms <- data.frame(name=rownames(cf), coef=cf[, "coef"], se=cf[, "se(coef)"], hr=cf[, "exp(coef)"],
                      hr_lower=s$conf.int[, "lower .95"], hr_upper=s$conf.int[, "upper .95"], z=cf[, "z"], p=cf[, "Pr(>|z|)"])
  if (!is.null(cluster)) terms$robust_se <- cf[, "robust se"]
  rownames(terms) <- NULL
  res <- list(analysis="cox", command=cmd, ties=ties, n=fit$n, events=fit$nevent, terms=terms,
              loglik_null=fit$loglik[1], loglik=fit$loglik[2], score_chisq=unname(fit$score))
  res$wald_chisq <- unname(fit$wald.test)
  res
}
wjson(robust_ref(lung, "Surv(time,status)~age+sex", cluster="ph_ecog",
                 cmd="cox --csv lung.csv --time time --event status --covariates age,sex --cluster ph_ecog"), "lung_cox_cluster")
wjson(robust_ref(lung, "Surv(time,status)~age+sex", ties="breslow", cluster="ph_ecog",
                 cmd="cox --csv lung.csv --time time --event status --covariates age,sex --cluster ph_ecog --ties breslow"), "lung_cox_cluster_breslow")
lungw <- lung; lungw$w <- 1 + seq_len(nrow(lungw)) %% 3; lungw$fw <- round(0.5 + (seq_len(nrow(lungw)) %% 7) / 4, 2)
write.csv(lungw, "data/lung_weights.csv", row.names=FALSE, na="")
lungw <- read.csv("data/lung_weights.csv")
wjson(robust_ref(lungw, "Surv(time,status)~age+sex", weights="w",
                 cmd="cox --csv lung_weights.csv --time time --event status --covariates age,sex --weights w"), "lung_cox_weights")
wjson(robust_ref(lungw, "Surv(time,status)~age+sex", ties="breslow", weights="w",
                 cmd="cox --csv lung_weights.csv --time time --event status --covariates age,sex --weights w --ties breslow"), "lung_cox_weights_breslow")
wjson(robust_ref(lungw, "Surv(time,status)~age+sex+strata(ph_ecog)", weights="fw", cluster="ph_karno",
                 cmd="cox --csv lung_weights.csv --time time --event status --covariates age,sex --strata ph_ecog --weights fw --cluster ph_karno"), "lung_cox_weights_cluster")
# repeated events (Andersen-Gill) with the patient as cluster: survival::bladder2
write.csv(survival::bladder2, "data/bladder2.csv", row.names=FALSE)
bl <- read.csv("data/bladder2.csv")
wjson(robust_ref(bl, "Surv(start,stop,event)~rx+number+size", cluster="id",
                 cmd="cox --csv bladder2.csv --start start --time stop --event event --covariates rx,number,size --cluster id"), "bladder2_cox_ag")

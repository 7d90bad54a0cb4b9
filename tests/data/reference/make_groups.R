# Reference results for issue 13 item 3, more than two groups: per-group hazard ratios against a
# reference level, pairwise log-rank tests with adjusted p-values, and the log-rank test for
# trend, in the JSON that `endpoint-cli logrank` prints. Run from this folder:
#   Rscript make_groups.R
# R 4.2.2, survival 3.5-3, jsonlite. It reads data/lung.csv (ph_ecog: 0, 1, 2, 3; one missing)
# and writes expected/lung_groups*.json; every expected file carries its command.
#
# survminer is not installed here: its pairwise_survdiff (survminer 0.4.9) is written out below
# as it computes it: survdiff on the rows of each pair of levels, p = pchisq(chisq, 1, lower =
# FALSE), then p.adjust over all pairs (stats::pairwise.table). survminer's default adjustment is
# "BH"; endpoint-cli's is Holm, so each case names its method.
suppressMessages({library(survival); library(jsonlite)})
wjson <- function(x, name) writeLines(toJSON(x, dataframe="rows", rownames=FALSE, auto_unbox=TRUE, digits=NA, na="null", null="null", pretty=TRUE),
                                     file.path("expected", paste0(name, ".json")))
lung <- read.csv("data/lung.csv")

groups_ref <- function(d, group, strata=NULL, rho=0, reference=NULL, adjust=NULL, trend=FALSE, hr=FALSE, cmd) {
  d <- d[!is.na(d[[group]]), ]
  if (!is.null(strata)) d <- d[!is.na(d[[strata]]), ]
  lev <- as.character(sort(unique(d[[group]])))            # numeric order, as endpoint-cli
  d$g <- factor(as.character(d[[group]]), levels=lev)
  st <- if (is.null(strata)) "" else sprintf(" + strata(%s)", strata)
  sd <- survdiff(as.formula(paste0("Surv(time, status) ~ g", st)), data=d, rho=rho)
  obs <- if (is.matrix(sd$obs)) rowSums(sd$obs) else sd$obs
  ex  <- if (is.matrix(sd$exp)) rowSums(sd$exp) else sd$exp
  res <- list(analysis="logrank", command=cmd, rho=rho, chisq=sd$chisq, df=length(lev) - 1,
              p=pchisq(sd$chisq, length(lev) - 1, lower.tail=FALSE))

  if (hr) {
    # coxph with the group as a factor whose first level is the reference (relevel), Efron ties
    ref <- if (is.null(reference)) lev[1] else reference
    d$gr <- relevel(d$g, ref=ref)
    fit <- coxph(as.formula(paste0("Surv(time, status) ~ gr", st)), data=d, ties="efron")
    s <- summary(fit)$coefficients; ci <- summary(fit)$conf.int
    rows <- lapply(lev, function(l) {
      r <- list(label=l, n=sum(d$g == l), events=sum(d$status[d$g == l]))
      if (l == ref) c(r, list(reference=TRUE, coef=0, hr=1, se=NA, lower=NA, upper=NA, z=NA, p=NA))
      else { k <- paste0("gr", l)
        c(r, list(reference=FALSE, coef=s[k, "coef"], hr=s[k, "exp(coef)"], se=s[k, "se(coef)"],
                  lower=ci[k, "lower .95"], upper=ci[k, "upper .95"], z=s[k, "z"], p=s[k, "Pr(>|z|)"])) }
    })
    res$hazard_ratios <- list(reference=ref, ties="efron", conf_level=0.95, groups=rows,
                              lr_chisq=2 * diff(fit$loglik), wald_chisq=unname(fit$wald.test),
                              score_chisq=unname(fit$score), df=length(lev) - 1)
  }

  if (!is.null(adjust)) {
    # survminer::pairwise_survdiff(Surv(time, status) ~ g, data = d, p.adjust.method = adjust, rho = rho)
    pairs <- list(); p <- c()
    for (j in 1:(length(lev) - 1)) for (i in (j + 1):length(lev)) {
      sub <- d[d$g %in% lev[c(i, j)], ]
      sdp <- survdiff(as.formula(paste0("Surv(time, status) ~ g", st)), data=droplevels(sub), rho=rho)
      pv <- pchisq(sdp$chisq, length(sdp$n) - 1, lower.tail=FALSE)
      pairs[[length(pairs) + 1]] <- list(label=paste(lev[i], "vs", lev[j]), group=lev[i], versus=lev[j],
                                         chisq=sdp$chisq, p=pv)
      p <- c(p, pv)
    }
    padj <- p.adjust(p, method=adjust)
    for (k in seq_along(pairs)) pairs[[k]]$p_adjusted <- padj[k]
    res$pairwise <- list(adjust=adjust, comparisons=pairs)
  }

  if (trend) {
    # Log-rank test for trend (Collett 2015, sec. 2.6.2; Stata's sts test, trend): scores
    # w = 1, ..., k in level order, U = sum w (O - E), V = w' var w from survdiff, chisq = U^2 / V
    # on 1 df. With strata O - E and var are summed over strata, as survdiff does.
    w <- seq_along(lev)
    u <- sum(w * (obs - ex)); v <- drop(t(w) %*% sd$var %*% w)
    res$trend <- list(scores=w, u=u, var=v, chisq=u^2 / v, df=1, p=pchisq(u^2 / v, 1, lower.tail=FALSE))
  }
  res
}

wjson(groups_ref(lung, "ph_ecog", hr=TRUE, adjust="holm", trend=TRUE,
                 cmd="logrank --csv lung.csv --time time --event status --group ph_ecog --hr --pairwise --trend"),
      "lung_groups")
wjson(groups_ref(lung, "ph_ecog", hr=TRUE, reference="1", adjust="BH",
                 cmd="logrank --csv lung.csv --time time --event status --group ph_ecog --reference 1 --pairwise --adjust BH"),
      "lung_groups_bh")
wjson(groups_ref(lung, "ph_ecog", strata="sex", hr=TRUE, reference="2", adjust="bonferroni", trend=TRUE,
                 cmd="logrank --csv lung.csv --time time --event status --group ph_ecog --strata sex --reference 2 --pairwise --adjust bonferroni --trend"),
      "lung_groups_strata")
wjson(groups_ref(lung, "ph_ecog", rho=1, adjust="none", trend=TRUE,
                 cmd="logrank --csv lung.csv --time time --event status --group ph_ecog --rho 1 --pairwise --adjust none --trend"),
      "lung_groups_rho1")

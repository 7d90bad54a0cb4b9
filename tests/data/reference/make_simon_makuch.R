# The Simon-Makuch figure's reference (issue 16): the curves and the numbers at risk under it,
# from data/response.csv (made by make_survstats.R). Run from this folder:
#   Rscript make_simon_makuch.R
# R 4.2.2, survival 3.5-3, jsonlite. Writes figure/response_simon_makuch.json (not in expected/:
# it is not an endpoint-cli command's output; tests/test-plot.c reads it).
#  - the curves: survfit(Surv(tstart, tstop, death) ~ state) on tmerge's rows (every step:
#    time, n.risk, n.event, surv, lower, upper; conf.type "log-log" as Endpoint's default);
#  - the numbers at risk at the figure's ticks: the counting-process risk set of each curve,
#    sum(tstart < t & tstop >= t) (at t = 0: sum(tstart == 0)). R's summary(fit, times = t)
#    gives the n.risk of the next step instead, which counts the patients who respond between
#    t and that step (summary_n_risk below, for the record).
suppressMessages({library(survival); library(jsonlite)})
resp <- read.csv("data/response.csv")
resp$id <- seq_len(nrow(resp))
td <- tmerge(resp[, c("id", "time", "status")], resp, id=id, death=event(time, status), state=tdc(rtime))
fit <- survfit(Surv(tstart, tstop, death) ~ state, data=td, conf.type="log-log")
ticks <- c(0, 10, 20, 30, 40)
curves <- lapply(0:1, function(s) {
  f <- fit[s + 1]
  rows <- td[td$state == s, ]
  list(state=s,
       steps=data.frame(time=f$time, n_risk=f$n.risk, n_event=f$n.event, surv=f$surv,
                        lower=f$lower, upper=f$upper),
       at_risk=sapply(ticks, function(t) if (t == 0) sum(rows$tstart == 0) else sum(rows$tstart < t & rows$tstop >= t)),
       summary_n_risk=summary(f, times=ticks, extend=TRUE)$n.risk)
})
writeLines(toJSON(list(r_call="survfit(Surv(tstart, tstop, death) ~ state, data = tmerge(...))",
                       ticks=ticks, curves=curves),
                  dataframe="columns", auto_unbox=TRUE, digits=NA, pretty=TRUE),
           file.path("figure", "response_simon_makuch.json"))

# scaling.R: R's side of bench/scaling.sh, one task per process (so /usr/bin/time's peak RSS
# is the task's own).
#
# usage: Rscript bench/scaling.R TASK FILE.csv
#   fread    data.table::fread(FILE, nThread = 1) alone
#   readcsv  read.csv(FILE) alone
#   kmlr     fread, then survfit(Surv(time, status) ~ group) and survdiff(...)
#   cox      fread, then coxph(Surv(time, status) ~ group + x1 + ... + x5, ties = "efron")
# Prints "key value" lines: read_cpu/read_wall (system.time of the read: user + system of this
# process, and elapsed), model_cpu/model_wall (system.time of the model calls only), and a few
# results so that bench/scaling.sh can check both sides computed the same thing.
args <- commandArgs(trailingOnly = TRUE)
task <- args[1]
file <- args[2]

cpu <- function(t) t[["user.self"]] + t[["sys.self"]]
say <- function(key, value) cat(key, format(value, digits = 15), "\n")

if (task == "readcsv") {
  t <- system.time(d <- read.csv(file))
} else {
  suppressPackageStartupMessages(library(data.table))
  setDTthreads(1)
  t <- system.time(d <- fread(file, nThread = 1, showProgress = FALSE))
}
say("read_cpu", cpu(t))
say("read_wall", t[["elapsed"]])
say("rows", nrow(d))

if (task == "kmlr") {
  suppressPackageStartupMessages(library(survival))
  t <- system.time({
    km <- survfit(Surv(time, status) ~ group, data = d)
    lr <- survdiff(Surv(time, status) ~ group, data = d)
  })
  say("model_cpu", cpu(t))
  say("model_wall", t[["elapsed"]])
  say("median_A", summary(km)$table[1, "median"])
  say("logrank_chisq", lr$chisq)
} else if (task == "cox") {
  suppressPackageStartupMessages(library(survival))
  t <- system.time(cx <- coxph(Surv(time, status) ~ group + x1 + x2 + x3 + x4 + x5,
                               data = d, ties = "efron"))
  say("model_cpu", cpu(t))
  say("model_wall", t[["elapsed"]])
  say("cox_loglik", cx$loglik[2])
  say("cox_coef_groupB", coef(cx)[["groupB"]])
  say("cox_coef_x1", coef(cx)[["x1"]])
}
say("r_version", paste0(R.version$major, ".", R.version$minor))

# Gray's test at large n: cmprsk's crst forms nd1 * rs(i) in 32-bit integers (docs/analyses.md,
# "Gray's test with millions of rows"). Replicates cr_sim (times rounded up to whole units, so
# failures are tied) r times, writes bench/out/gray-rep<r>.csv for endpoint-cli cif, and prints
# cuminc's statistic, which should grow as r, and the largest product nd1 * rs(i).
# usage (from the repository): Rscript bench/gray-overflow.R; then for each file
#   _build/src/cli/endpoint-cli cif --csv bench/out/gray-rep<r>.csv --time time --status status --group group --no-curves
suppressMessages(library(cmprsk))
dir.create("bench/out", showWarnings=FALSE)
d <- read.csv("tests/data/reference/data/cr_sim.csv")
d$time <- ceiling(d$time)          # whole months: ties
for (r in c(1, 100, 1000, 3000, 6000)) {
  dd <- d[rep(seq_len(nrow(d)), r), ]
  f <- sprintf("bench/out/gray-rep%d.csv", r)
  write.csv(dd, f, row.names=FALSE)
  ci <- cuminc(dd$time, dd$status, dd$group)
  # the largest product nd1 * rs(i) that crst forms in integer arithmetic, for cause 1
  mx <- 0
  for (t in sort(unique(dd$time[dd$status == 1]))) {
    nd1 <- sum(dd$time == t & dd$status == 1)
    rs <- max(tapply(dd$time >= t, dd$group, sum))
    mx <- max(mx, as.numeric(nd1) * rs)
  }
  cat(sprintf("r=%d n=%d cmprsk stat1=%.6g stat2=%.6g  stat1/r=%.6g  max nd1*rs=%.4g (2^31-1=%.4g)\n",
              r, nrow(dd), ci$Tests[1, "stat"], ci$Tests[2, "stat"], ci$Tests[1, "stat"] / r, mx, 2^31 - 1))
}

#!/usr/bin/env python3
# scaling-report.py: the markdown tables of bench/scaling.sh from its work directory.
#
# usage: scaling-report.py WORK "SIZES" REPEAT
# Every time is the minimum over the rounds (each process on its own; a sum such as km +
# logrank is the sum of the minima), every peak RSS the maximum.
import glob
import json
import os
import re
import sys

work, sizes, repeat = sys.argv[1], [int(s) for s in sys.argv[2].split()], int(sys.argv[3])


def gnu_time(path):
    """CPU (user + sys), wall seconds and peak RSS in MB from /usr/bin/time -v."""
    text = open(path).read()
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return {"cpu": user + system, "wall": seconds, "rss": rss * 1024 / 1e6}


def inner(name, path):
    """The process's own timings: endpoint-cli's JSON, ep-bench-csv's line or R's keys."""
    text = open(path).read()
    if name.startswith("ep-csv"):
        m = re.search(r"columns ([\d.]+) s wall, ([\d.]+) s CPU", text)
        return {"read_wall": float(m.group(1)), "read_cpu": float(m.group(2))}
    if name.startswith("ep-"):
        d = json.loads(text)
        t = d["timing"]
        return {"read_cpu": t["parse_cpu_s"], "model_cpu": t["compute_cpu_s"],
                "read_wall": t["parse_s"], "model_wall": t["compute_s"], "json": d}
    values = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2:
            try:
                values[parts[0]] = float(parts[1])
            except ValueError:
                values[parts[0]] = parts[1]
    return values


runs = {}      # (task, n) -> list of dicts
loads = []
for path in glob.glob(os.path.join(work, "*.time")):
    base = os.path.basename(path)[:-5]
    task, n, _round = base.rsplit(".", 2)
    try:
        record = gnu_time(path)
        record.update(inner(task, os.path.join(work, base + ".out")))
    except (AttributeError, ValueError, KeyError):
        continue            # a process still running (a look at a run in progress)
    runs.setdefault((task, int(n)), []).append(record)
    loads.append(float(open(os.path.join(work, base + ".load")).read()))


def best(task, n, key):
    values = [r[key] for r in runs.get((task, n), []) if key in r]
    if not values:
        return None
    return max(values) if key == "rss" else min(values)


def add(*values):
    return None if any(v is None for v in values) else sum(values)


def fmt_n(n):
    e = len(str(n)) - 1
    return f"1e{e}" if n == 10 ** e else str(n)


def fmt_s(x):
    if x is None:
        return "–"
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def fmt_mb(x):
    return "–" if x is None else f"{x:.0f}"


def ratio(r, e):
    if r is None or e is None or e <= 0:
        return None
    return r / e


def fmt_x(x):
    if x is None:
        return "–"
    return f"{x:.0f}x" if x >= 100 else f"{x:.1f}x"


def rel(a, b):
    return abs(a - b) / max(abs(b), 1e-300)


print()
print(f"Load average (1 min) before each process: {min(loads):.1f} to {max(loads):.1f} "
      f"on {os.cpu_count()} cores; {repeat} interleaved rounds, minimum of each.")
r_version = next((r["r_version"] for k, v in runs.items() if k[0].startswith("r-")
                  for r in v if "r_version" in r), None)
if r_version:
    print(f"R {r_version}, data.table with one thread.")

# ---- per size: end to end and compute alone ------------------------------------------------
rows = []
for n in sizes:
    ep_csv = best("ep-csv", n, "read_cpu")
    ep_km, ep_lr, ep_cox = (best(t, n, "cpu") for t in ("ep-km", "ep-logrank", "ep-cox"))
    # one process reading once (km --logrank), as R's one script; older runs: the two processes
    ep_kmlr = best("ep-kmlr", n, "cpu") or add(ep_km, ep_lr)
    ep_kmlr_c = best("ep-kmlr", n, "model_cpu") or add(best("ep-km", n, "model_cpu"),
                                                       best("ep-logrank", n, "model_cpu"))
    ep_cox_c = best("ep-cox", n, "model_cpu")
    r_fread = best("r-fread", n, "read_cpu")
    r_readcsv = best("r-readcsv", n, "read_cpu")
    r_kmlr = add(best("r-kmlr", n, "read_cpu"), best("r-kmlr", n, "model_cpu"))
    r_kmlr_c = best("r-kmlr", n, "model_cpu")
    r_cox = add(best("r-cox", n, "read_cpu"), best("r-cox", n, "model_cpu"))
    r_cox_c = best("r-cox", n, "model_cpu")
    rows.append(dict(n=n, ep_csv=ep_csv, r_fread=r_fread, r_readcsv=r_readcsv,
                     ep_kmlr=ep_kmlr, r_kmlr=r_kmlr, ep_kmlr_c=ep_kmlr_c, r_kmlr_c=r_kmlr_c,
                     ep_cox=ep_cox, r_cox=r_cox, ep_cox_c=ep_cox_c, r_cox_c=r_cox_c))

print()
print("CPU seconds (user + system); ratio = R / Endpoint")
print()
print("| rows | CSV 8 cols: Endpoint | fread (1 thread) | ratio | read.csv | ratio "
      "| KM + log-rank end to end: Endpoint | R (fread + survfit + survdiff) | ratio "
      "| compute: Endpoint | R | ratio "
      "| Cox end to end: Endpoint | R (fread + coxph) | ratio | compute: Endpoint | R | ratio |")
print("|" + " --- |" * 19)
for r in rows:
    print(f"| {fmt_n(r['n'])} | {fmt_s(r['ep_csv'])} | {fmt_s(r['r_fread'])} | {fmt_x(ratio(r['r_fread'], r['ep_csv']))} "
          f"| {fmt_s(r['r_readcsv'])} | {fmt_x(ratio(r['r_readcsv'], r['ep_csv']))} "
          f"| {fmt_s(r['ep_kmlr'])} | {fmt_s(r['r_kmlr'])} | {fmt_x(ratio(r['r_kmlr'], r['ep_kmlr']))} "
          f"| {fmt_s(r['ep_kmlr_c'])} | {fmt_s(r['r_kmlr_c'])} | {fmt_x(ratio(r['r_kmlr_c'], r['ep_kmlr_c']))} "
          f"| {fmt_s(r['ep_cox'])} | {fmt_s(r['r_cox'])} | {fmt_x(ratio(r['r_cox'], r['ep_cox']))} "
          f"| {fmt_s(r['ep_cox_c'])} | {fmt_s(r['r_cox_c'])} | {fmt_x(ratio(r['r_cox_c'], r['ep_cox_c']))} |")

# ---- whole processes: CPU, wall, peak RSS ---------------------------------------------------
tasks = [("ep-csv", "ep-bench-csv --columns-only"), ("r-fread", "R fread"),
         ("r-readcsv", "R read.csv"), ("ep-km", "endpoint-cli km"),
         ("ep-logrank", "endpoint-cli logrank"), ("ep-kmlr", "endpoint-cli km --logrank"),
         ("r-kmlr", "R fread + survfit + survdiff"),
         ("ep-cox", "endpoint-cli cox"), ("r-cox", "R fread + coxph")]
print()
print("Whole processes (start-up and output included): CPU s / wall s / peak RSS MB")
print()
print("| process | " + " | ".join(fmt_n(n) for n in sizes) + " |")
print("|" + " --- |" * (len(sizes) + 1))
for task, label in tasks:
    if not any((task, n) in runs for n in sizes):
        continue
    cells = []
    for n in sizes:
        if (task, n) not in runs:
            cells.append("–")
        else:
            cells.append(f"{fmt_s(best(task, n, 'cpu'))} / {fmt_s(best(task, n, 'wall'))} / "
                         f"{fmt_mb(best(task, n, 'rss'))}")
    print(f"| {label} | " + " | ".join(cells) + " |")

# ---- linear growth: CPU per million rows ----------------------------------------------------
print()
print("Growth: CPU seconds per million rows (whole process for endpoint-cli; linear growth "
      "keeps a row constant)")
print()
print("| | " + " | ".join(fmt_n(n) for n in sizes) + " |")
print("|" + " --- |" * (len(sizes) + 1))
for label, f in [("CSV 8 columns (ep_csv_read_columns)", lambda r: r["ep_csv"]),
                 ("km + logrank processes", lambda r: r["ep_kmlr"]),
                 ("km + logrank compute", lambda r: r["ep_kmlr_c"]),
                 ("cox process", lambda r: r["ep_cox"]),
                 ("cox compute", lambda r: r["ep_cox_c"])]:
    cells = []
    for r in rows:
        v = f(r)
        cells.append("–" if v is None else f"{v * 1e6 / r['n']:.3f}")
    print(f"| {label} | " + " | ".join(cells) + " |")

# ---- the same answers ------------------------------------------------------------------------
bad = False
checks_out = []
for n in sizes:
    try:
        km = runs[("ep-km", n)][0]["json"]
        lr = runs[("ep-logrank", n)][0]["json"]
        cx = runs[("ep-cox", n)][0]["json"]
        rk = runs[("r-kmlr", n)][0]
        rc = runs[("r-cox", n)][0]
    except KeyError:
        continue
    checks = [
        ("log-rank chi-square", lr["chisq"], rk["logrank_chisq"]),
        ("KM median A", next(g["median"] for g in km["groups"] if g["label"] == "A"), rk["median_A"]),
        ("Cox log-likelihood", cx["loglik"], rc["cox_loglik"]),
        ("Cox coef group=B", next(t["coef"] for t in cx["terms"] if t["name"] == "group=B"),
         rc["cox_coef_groupB"]),
        ("Cox coef x1", next(t["coef"] for t in cx["terms"] if t["name"] == "x1"), rc["cox_coef_x1"]),
    ]
    worst = max(rel(a, b) for _, a, b in checks)
    bad = bad or worst >= 1e-5
    checks_out.append(f"{fmt_n(n)}: {worst:.1e}")
if checks_out:
    print()
    print("Same answers (largest relative difference of log-rank chi-square, KM median, Cox "
          "log-likelihood and two coefficients; must be < 1e-5): " + ", ".join(checks_out))

# ---- the targets at 1e6 ----------------------------------------------------------------------
r6 = next((r for r in rows if r["n"] == 1000000), None)
if r6 is not None:
    ep_rss = max((best(t, 1000000, "rss") or 0)
                 for t in ("ep-csv", "ep-km", "ep-logrank", "ep-kmlr", "ep-cox"))

    def verdict(ok):
        return "–" if ok is None else ("met" if ok else "**not met**")

    def at_least(x, target):
        return None if x is None else x >= target

    targets = [
        ("KM + log-rank end to end vs fread + survfit + survdiff", ">= 10x",
         ratio(r6["r_kmlr"], r6["ep_kmlr"]), 10),
        ("Cox end to end vs fread + coxph", ">= 10x", ratio(r6["r_cox"], r6["ep_cox"]), 10),
        ("KM + log-rank compute", ">= 50x", ratio(r6["r_kmlr_c"], r6["ep_kmlr_c"]), 50),
        ("Cox compute", ">= 20x", ratio(r6["r_cox_c"], r6["ep_cox_c"]), 20),
    ]
    print()
    print("Targets at 1e6 (issue 19)")
    print()
    print("| target | goal | measured | |")
    print("| --- | --- | --- | --- |")
    for label, goal, x, t in targets:
        print(f"| {label} | {goal} | {fmt_x(x)} | {verdict(at_least(x, t))} |")
    csv = r6["ep_csv"]
    print(f"| CSV 1e6 x 8 | <= 0.3 s CPU | {fmt_s(csv)} s | "
          f"{verdict(None if csv is None else csv <= 0.3)} |")
    print(f"| peak RSS of any endpoint-cli command | <= 200 MB | {ep_rss:.0f} MB | "
          f"{verdict(ep_rss <= 200)} |")
if bad:
    print("WARNING: the two sides disagree; the ratios compare different computations")
    sys.exit(1)

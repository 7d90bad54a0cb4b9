#!/usr/bin/python3
"""The reconstruction's validation set: draw, digitize, reconstruct, compare with the truth.

For each data set in data/ (two arms A and B; make-data.R), a Kaplan-Meier figure of one journal
column (85 x 70 mm, 300 dpi, CI bands and censor marks) is drawn
  - by Endpoint's renderer (endpoint-cli plot km), calibrated from the ticks found in the PNG
    (axes.py), and
  - by matplotlib, calibrated from its own data-to-pixel transform;
each arm is traced with endpoint-cli digitize and reconstructed with endpoint-cli reconstruct
from the numbers at risk at the ticks and the arm's total of events (what a paper prints).
The reconstructed arms are compared with the true data: the KM curves' largest vertical
difference (strictly, and once a horizontal offset of half a pixel is allowed: the measure the
KM target is judged by, kmtools.max_abs_diff_within(); docs/reconstruction.md says why), the
medians, RMST up to the last tick both arms reach, and the Cox HR of B vs A.

  bench/reconstruct/validate.py [--cli _build/src/cli/endpoint-cli] [--out DIR] [--only NAME]

prints two Markdown tables, by arm and a summary (docs/reconstruction.md holds the last ones), and
writes DIR/results.json. Runs with Debian's python3 (/usr/bin/python3, with python3-matplotlib);
R is not needed.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import kmtools as K  # noqa: E402
import axes  # noqa: E402

# name -> (tick interval, axis end, time unit label)
SETS = {
    "lung": (200, 1200, "days"),
    "veteran": (100, 1000, "days"),
    "colon": (500, 3500, "days"),
    "ovarian": (200, 1400, "days"),
    "sim_heavy_censoring": (10, 60, "months"),
    "sim_flat_tail": (12, 72, "months"),
    "sim_crossing": (10, 60, "months"),
}
ENDPOINT_COLORS = {"A": "#0072B2", "B": "#D55E00"}   # Okabe-Ito, Endpoint's default palette
MPL_COLORS = {"A": "#1f77b4", "B": "#ff7f0e"}        # matplotlib's default cycle
MM = 1 / 25.4


def run(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(" ".join(cmd) + "\n" + out.stderr)
    return out.stdout


def arms(path):
    rows = K.read_csv_rows(path)
    return {a: [(float(r["time"]), int(r["status"])) for r in rows if r["arm"] == a] for a in "AB"}


def plot_endpoint(cli, data, interval, x_max, png):
    run([cli, "plot", "km", "--csv", data, "--time", "time", "--event", "status", "--group", "arm",
         "--x-max", str(x_max), "--tick-interval", str(interval), "--risk-table", "--dpi", "300",
         "--out", png])
    x_ticks, y_ticks = axes.find_ticks(png)
    return (x_ticks[0], 0.0, x_ticks[-1], float(x_max)), (y_ticks[-1], 0.0, y_ticks[0], 1.0)


def plot_matplotlib(groups, interval, x_max, png):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(85 * MM, 70 * MM), dpi=300)
    for a in "AB":
        d = sorted(groups[a])
        steps = K.km(d)
        xs, ys = [0.0], [1.0]
        for t, s in steps:
            xs.append(t)
            ys.append(s)
        t_end = min(max(t for t, _ in d), x_max)
        xs.append(t_end)
        ys.append(ys[-1])
        ax.step(xs, ys, where="post", color=MPL_COLORS[a], lw=1.0, label="Arm " + a, clip_on=False)
        lo, hi = K.greenwood_band(d, xs)
        ax.fill_between(xs, lo, hi, step="post", color=MPL_COLORS[a], alpha=0.2, lw=0)
        cens = [(t, K.surv_at(steps, t)) for t, e in d if e == 0 and t <= x_max]
        ax.plot([c[0] for c in cens], [c[1] for c in cens], "|", color=MPL_COLORS[a], ms=4, mew=0.8)
    ax.set_xlim(0, x_max)
    ax.set_ylim(0, 1)
    ax.set_xticks(range(0, x_max + 1, interval))
    ax.set_xlabel("Time")
    ax.set_ylabel("Survival probability")
    ax.legend(frameon=False, fontsize=7, loc="upper right")
    ax.tick_params(labelsize=7)
    fig.subplots_adjust(left=0.16, bottom=0.16, right=0.96, top=0.96)
    fig.savefig(png, dpi=300)
    height = fig.get_size_inches()[1] * 300
    (x0, y0), (x1, y1) = ax.transData.transform([(0, 0), (x_max, 1)])
    plt.close(fig)
    # display coordinates: origin bottom-left; image pixels: top-left
    return (x0, 0.0, x1, float(x_max)), (height - y0, 0.0, height - y1, 1.0)


def calib(axis):
    return "%.3f:%g,%.3f:%g" % axis


def reconstruct_arm(cli, png, xcal, ycal, color, d, interval, x_max, work, tag):
    points = os.path.join(work, tag + "-points.csv")
    nrisk = os.path.join(work, tag + "-nrisk.csv")
    ipd = os.path.join(work, tag + "-ipd.csv")
    dig = json.loads(run([cli, "digitize", png, "--x-axis", calib(xcal), "--y-axis", calib(ycal),
                          "--color", color, "--out", points]))
    K.write_csv(nrisk, ["time", "n_risk"], K.at_risk(d, range(0, x_max + 1, interval)))
    rec = json.loads(run([cli, "reconstruct", "--points", points, "--at-risk", nrisk,
                          "--total-events", str(sum(e for _, e in d if True)), "--out", ipd]))
    return dig, rec, [(float(r["time"]), int(r["status"])) for r in K.read_csv_rows(ipd)]


def reconstruct_points(cli, points, d, interval, x_max, work, tag):
    nrisk = os.path.join(work, tag + "-nrisk.csv")
    ipd = os.path.join(work, tag + "-ipd.csv")
    K.write_csv(nrisk, ["time", "n_risk"], K.at_risk(d, range(0, x_max + 1, interval)))
    run([cli, "reconstruct", "--points", points, "--at-risk", nrisk,
         "--total-events", str(sum(e for _, e in d)), "--out", ipd])
    return [(float(r["time"]), int(r["status"])) for r in K.read_csv_rows(ipd)]


def cox_hr(cli, groups, path):
    K.write_csv(path, ["time", "status", "arm"],
                [(t, e, a) for a in "AB" for t, e in groups[a]])
    out = json.loads(run([cli, "cox", "--csv", path, "--time", "time", "--event", "status",
                          "--covariates", "arm", "--factors", "arm"]))
    return out["terms"][0]["hr"]


def off_step_diff(st, sr, t_end, px):
    """Largest |S_true - S_rec| at times more than 1 pixel (px: time per pixel) from a true step:
    what is left once a step that the figure's resolution puts up to a pixel early or late is
    forgiven (a step's time is known only to within its pixel, so the strict sup-norm is a whole
    step's height whenever the reconstructed time differs from the true one at all)."""
    jumps = [t for t, _ in st]
    worst, t, dt = 0.0, 0.0, px / 8
    while t <= t_end:
        if all(abs(t - j) > px for j in jumps):
            worst = max(worst, abs(K.surv_at(st, t) - K.surv_at(sr, t)))
        t += dt
    return worst


def step_offsets(points_path, st, px):
    """How far (in pixels) the traced drops are from the true steps: for each true step at least
    0.01 high, the nearest drop of the traced points (a fall of at least half of it); the
    digitizer's own error in locating a vertical segment, before any reconstruction."""
    pts = K.read_csv(points_path, ["time", "surv"])
    drops = [pts[i][0] for i in range(1, len(pts)) if pts[i - 1][1] - pts[i][1] > 0.004]
    out, prev = [], 1.0
    for t, s in st:
        if prev - s >= 0.01 and drops:
            out.append(min(abs(d - t) for d in drops) / px)
        prev = s
    return out


def compare(name, program, cli, truth, rec, interval, x_max, work, px):
    tau = max(t for t in range(0, x_max + 1, interval)
              if t <= min(max(x for x, _ in truth[a]) for a in "AB"))
    row = {"data": name, "program": program, "arms": {}}
    for a in "AB":
        st, sr = K.km(truth[a]), K.km(rec[a])
        t_end = min(x_max, max(x for x, _ in truth[a]))
        m_t, m_r = K.median(st), K.median(sr)
        r_t, r_r = K.rmst(st, tau), K.rmst(sr, tau)
        row["arms"][a] = {
            "n": len(truth[a]), "events": sum(e for _, e in truth[a]),
            "events_rec": sum(e for _, e in rec[a]),
            "km_max_abs_diff": K.max_abs_diff(st, sr, t_end),
            "km_off_step_diff": off_step_diff(st, sr, t_end, px),
            # the vertical distance once a horizontal offset of half a pixel is allowed
            "km_half_px_diff": K.max_abs_diff_within(st, sr, t_end, px / 2),
            # the same allowing a whole pixel (for information: not the target's measure)
            "km_one_px_diff": K.max_abs_diff_within(st, sr, t_end, px),
            "px": px,
            "surv_at_ticks_max_diff": max(abs(K.surv_at(st, t) - K.surv_at(sr, t))
                                          for t in range(0, int(t_end) + 1, interval)),
            "median": m_t, "median_rec": m_r, "rmst": r_t, "rmst_rec": r_r, "tau": tau,
        }
        points = os.path.join(work, "%s-%s-points.csv" % (program, a))
        offs = step_offsets(points, st, px) if program != "exact" else []
        row["arms"][a]["step_px_mean"] = sum(offs) / len(offs) if offs else None
        row["arms"][a]["step_px_max"] = max(offs) if offs else None
    hr_t = cox_hr(cli, truth, os.path.join(work, "truth.csv"))
    hr_r = cox_hr(cli, rec, os.path.join(work, program + "-rec.csv"))
    row["hr"], row["hr_rec"] = hr_t, hr_r
    return row


def median_ok(a):
    if a["median"] is None or a["median_rec"] is None:
        return a["median"] is None and a["median_rec"] is None
    diff = abs(a["median_rec"] - a["median"])
    return diff <= max(0.03 * a["median"], 1.0)


def fmt_median(a):
    if a["median"] is None:
        return "n.r. / " + ("n.r." if a["median_rec"] is None else "%.4g" % a["median_rec"])
    if a["median_rec"] is None:
        return "%.4g / n.r." % a["median"]
    return "%.4g / %.4g" % (a["median"], a["median_rec"])


def table(rows):
    lines = ["| data | drawn by | arm | n (events; rec.) | KM max abs diff | within ½ px | within 1 px | beyond 1 px of a step | "
             "at the ticks | step x error, px mean (max) | median true / rec. | RMST (τ) true / rec., diff | HR true / rec., diff |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        for a in "AB":
            x = r["arms"][a]
            hr = ("%.3f / %.3f, %+.1f%%" % (r["hr"], r["hr_rec"], 100 * (r["hr_rec"] / r["hr"] - 1))
                  if a == "A" else "")
            if a == "A" and abs(r["hr_rec"] / r["hr"] - 1) > 0.05:
                hr += " ✗"
            rmst_diff = 100 * (x["rmst_rec"] / x["rmst"] - 1)
            steps = ("%.2f (%.2f)" % (x["step_px_mean"], x["step_px_max"])
                     if x.get("step_px_mean") is not None else "")
            lines.append("| %s | %s | %s | %d (%d; %d) | %.3f%s | %.3f%s | %.3f | %.3f%s | %.3f | %s | %s%s | %.4g / %.4g (%g), %+.2f%%%s | %s |" % (
                r["data"] if a == "A" else "", r["program"] if a == "A" else "", a,
                x["n"], x["events"], x["events_rec"],
                x["km_max_abs_diff"], " ✗" if x["km_max_abs_diff"] > 0.02 else "",
                x["km_half_px_diff"], " ✗" if x["km_half_px_diff"] > 0.02 else "",
                x["km_one_px_diff"],
                x["km_off_step_diff"], " ✗" if x["km_off_step_diff"] > 0.02 else "",
                x["surv_at_ticks_max_diff"], steps, fmt_median(x), "" if median_ok(x) else " ✗",
                x["rmst"], x["rmst_rec"], x["tau"], rmst_diff, " ✗" if abs(rmst_diff) > 1 else "", hr))
    return "\n".join(lines)


def summary(rows):
    """One line per kind of input: the errors' mean and maximum over its arms and HRs."""
    lines = ["| input | RMST error, mean (max) | HR error, mean (max) | median error, mean (max) | "
             "KM max abs diff (max; arms ≤ 0.02) | within ½ px (max; arms ≤ 0.02) | "
             "within 1 px (max; arms ≤ 0.02) | beyond 1 px of a step (max; arms ≤ 0.02) | "
             "at the ticks (max) |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for program, title in (("exact", "exact points"), ("endpoint", "Endpoint's figure"),
                           ("matplotlib", "matplotlib's figure")):
        arms_ = [r["arms"][a] for r in rows if r["program"] == program for a in "AB"]
        if not arms_:
            continue
        hrs = [abs(r["hr_rec"] / r["hr"] - 1) for r in rows if r["program"] == program]
        rmst = [abs(x["rmst_rec"] / x["rmst"] - 1) for x in arms_]
        med = [abs(x["median_rec"] / x["median"] - 1) for x in arms_
               if x["median"] is not None and x["median_rec"] is not None]

        def mm(v):
            return "%.2f%% (%.2f%%)" % (100 * sum(v) / len(v), 100 * max(v)) if v else ""

        def km(key):
            v = [x[key] for x in arms_]
            return "%.3f (%d of %d)" % (max(v), sum(1 for y in v if y <= 0.02), len(v))
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %.3f |" % (
            title, mm(rmst), mm(hrs), mm(med), km("km_max_abs_diff"), km("km_half_px_diff"),
            km("km_one_px_diff"), km("km_off_step_diff"), max(x["surv_at_ticks_max_diff"] for x in arms_)))
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cli", default=os.path.join(HERE, "..", "..", "_build", "src", "cli", "endpoint-cli"))
    p.add_argument("--out", default="/tmp/endpoint-reconstruct-validation")
    p.add_argument("--only")
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rows = []
    for name, (interval, x_max, unit) in SETS.items():
        if args.only and name not in args.only.split(","):
            continue
        data = os.path.join(HERE, "data", name + ".csv")
        truth = arms(data)
        for program in ("exact", "endpoint", "matplotlib"):
            work = os.path.join(args.out, name)
            os.makedirs(work, exist_ok=True)
            png = os.path.join(work, program + ".png")
            if program == "exact":
                # no figure: both corners of every step of the true curve, the algorithm's own error
                rec, info = {}, {}
                for a in "AB":
                    points = os.path.join(work, "exact-%s-points.csv" % a)
                    t_end = min(x_max, max(t for t, _ in truth[a]))
                    K.write_csv(points, ["time", "surv"],
                                [p for p in K.corners(K.km(truth[a]), t_end) if p[0] <= x_max])
                    info[a] = {"reconstruct": None}
                    rec[a] = reconstruct_points(args.cli, points, truth[a], interval, x_max, work,
                                                "exact-" + a)
                row = compare(name, program, args.cli, truth, rec, interval, x_max, work,
                              x_max / 740.0)
                rows.append(row)
                continue
            if program == "endpoint":
                xcal, ycal = plot_endpoint(args.cli, data, interval, x_max, png)
                colors = ENDPOINT_COLORS
            else:
                xcal, ycal = plot_matplotlib(truth, interval, x_max, png)
                colors = MPL_COLORS
            rec, info = {}, {}
            for a in "AB":
                dig, r, ipd = reconstruct_arm(args.cli, png, xcal, ycal, colors[a], truth[a],
                                              interval, x_max, work, program + "-" + a)
                rec[a] = ipd
                info[a] = {"digitize": dig, "reconstruct": r}
            row = compare(name, program, args.cli, truth, rec, interval, x_max, work,
                          (xcal[3] - xcal[1]) / (xcal[2] - xcal[0]))
            row["calibration"] = {"x": xcal, "y": ycal}
            row["runs"] = info
            rows.append(row)
            print(name, program, "done", file=sys.stderr)
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(rows, f, indent=1)
    print(table(rows))
    print()
    print(summary(rows))


if __name__ == "__main__":
    main()

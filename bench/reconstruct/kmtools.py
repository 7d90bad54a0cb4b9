"""Small survival helpers for the reconstruction validation (bench/reconstruct).

KM, median and RMST here are the textbook definitions (as survfit and survival:::survmean with
rmean = tau); the Cox HR comes from endpoint-cli cox, which matches R's coxph to 1e-5.
"""
import csv
import json
import subprocess


def read_csv(path, cols):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return [tuple(float(r[c]) for c in cols) for r in rows]


def write_csv(path, header, rows):
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(repr(v) if isinstance(v, float) else str(v) for v in r) + "\n")


def km(data):
    """data: [(time, status)] -> [(t, S(t))] at each distinct event time (right-continuous)."""
    data = sorted(data)
    n = len(data)
    steps, s, i = [], 1.0, 0
    while i < n:
        t = data[i][0]
        d = c = 0
        while i < n and data[i][0] == t:
            if data[i][1] == 1:
                d += 1
            else:
                c += 1
            i += 1
        at_risk = n - (i - d - c)
        if d:
            s *= 1.0 - d / at_risk
            steps.append((t, s))
    return steps


def surv_at(steps, t):
    s = 1.0
    for ti, si in steps:
        if ti <= t:
            s = si
        else:
            break
    return s


def max_abs_diff(a, b, t_max):
    """Largest |S_a - S_b| over [0, t_max] (both are step functions: check every jump)."""
    times = sorted({t for t, _ in a} | {t for t, _ in b} | {0.0})
    return max(abs(surv_at(a, t) - surv_at(b, t)) for t in times if t <= t_max)


def median(steps):
    """survfit's median: the first time S <= 0.5 (midpoint on a flat stretch at exactly 0.5)."""
    for i, (t, s) in enumerate(steps):
        if s < 0.5 - 1e-12:
            return t
        if abs(s - 0.5) < 1e-12:
            return (t + steps[i + 1][0]) / 2 if i + 1 < len(steps) else t
    return None


def rmst(steps, tau):
    area, prev_t, prev_s = 0.0, 0.0, 1.0
    for t, s in steps:
        if t > tau:
            break
        area += (t - prev_t) * prev_s
        prev_t, prev_s = t, s
    return area + (tau - prev_t) * prev_s


def cox_hr(cli, path, group_col="arm"):
    out = subprocess.run([cli, "cox", "--csv", path, "--time", "time", "--event", "status",
                          "--covariates", group_col], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["terms"][0]["hr"]


def corners(steps, t_end):
    """The points a careful digitizer takes: both corners of each step, and the curve's end."""
    pts, prev = [(0.0, 1.0)], 1.0
    for t, s in steps:
        pts += [(t, prev), (t, s)]
        prev = s
    if t_end > pts[-1][0]:
        pts.append((t_end, prev))
    return pts


def at_risk(data, times):
    return [(t, sum(1 for x, _ in data if x >= t)) for t in times]


def read_csv_rows(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def greenwood_band(data, times, z=1.96):
    """Plain Greenwood band at the given times (decoration for the matplotlib figures)."""
    data = sorted(data)
    n = len(data)
    out_lo, out_hi = [], []
    for t0 in times:
        s, v, i = 1.0, 0.0, 0
        while i < n and data[i][0] <= t0:
            t = data[i][0]
            d = c = 0
            while i < n and data[i][0] == t:
                d += data[i][1] == 1
                c += data[i][1] == 0
                i += 1
            at = n - (i - d - c)
            if d:
                s *= 1 - d / at
                if at > d:
                    v += d / (at * (at - d))
        se = s * v ** 0.5
        out_lo.append(max(0.0, s - z * se))
        out_hi.append(min(1.0, s + z * se))
    return out_lo, out_hi

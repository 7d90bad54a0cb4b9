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


def _surv_at_fast(times, survs, t):
    """surv_at over pre-split arrays (times ascending): right-continuous, 1 before the first."""
    import bisect
    k = bisect.bisect_right(times, t)
    return survs[k - 1] if k > 0 else 1.0


def max_abs_diff_within(a, b, t_max, h):
    """Largest vertical distance between two step functions once a horizontal offset of up to
    h is allowed, symmetric in a and b:

        D = sup_t max(dist(S_a(t), S_b[t-h, t+h]), dist(S_b(t), S_a[t-h, t+h]))

    where S[t-h, t+h] is the range of values S takes in the window (for a non-increasing step
    function the interval [S(t+h), S(t-h)]) and dist is the distance of a number from it (0
    inside). With h = 0 this is max_abs_diff(); with h = half a pixel of the figure's time axis
    it forgives a step that the figure puts within half a pixel of its true time, and nothing
    else: a step misplaced by more, a wrong level or a wrong height still counts in full. It
    is the Levy-type distance used for digitized curves, with the horizontal tolerance fixed at
    the digitizing resolution instead of being minimised over."""
    at, as_ = [t for t, _ in a], [s for _, s in a]
    bt, bs = [t for t, _ in b], [s for _, s in b]
    eps = 1e-9 * max(1.0, t_max)

    def one_way(xt, xs, yt, ys):
        # D(t) changes only at x's jumps and at y's jumps shifted by -h and +h: look at each
        # breakpoint and just before it
        cand = {0.0}
        for j in xt:
            cand.update((j, j - eps))
        for j in yt:
            cand.update((j - h, j - h - eps, j + h, j + h - eps))
        worst = 0.0
        for t in cand:
            if t < 0 or t > t_max:
                continue
            s = _surv_at_fast(xt, xs, t)
            lo = _surv_at_fast(yt, ys, t + h)
            hi = _surv_at_fast(yt, ys, max(t - h, 0.0)) if t - h >= 0 else 1.0
            worst = max(worst, lo - s, s - hi)
        return worst

    return max(one_way(at, as_, bt, bs), one_way(bt, bs, at, as_))

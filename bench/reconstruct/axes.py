"""Find a figure's axis ticks in a PNG, for calibrating endpoint-cli digitize automatically.

The x axis is the longest horizontal run of dark pixels, the y axis the longest vertical one;
the ticks are the dark runs just outside them (below the x axis, left of the y axis). Returns
tick centres in image pixels (a pixel's centre at +0.5), as endpoint-cli digitize takes them.
Reads the PNG through ImageMagick's `convert` (PPM), so it needs no Python imaging library.
"""
import subprocess


def load(path):
    ppm = subprocess.run(["convert", path, "ppm:-"],
                         capture_output=True, check=True).stdout
    # P6\nW H\n255\n
    parts, pos = [], 0
    while len(parts) < 4:
        while ppm[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not ppm[end:end + 1].isspace():
            end += 1
        parts.append(ppm[pos:end])
        pos = end
    pos += 1
    w, h = int(parts[1]), int(parts[2])
    return w, h, ppm[pos:pos + 3 * w * h]


def dark(img, x, y, limit=90):
    w, h, data = img
    i = 3 * (y * w + x)
    return data[i] < limit and data[i + 1] < limit and data[i + 2] < limit


def longest_runs(img, horizontal):
    w, h, _ = img
    best = (0, 0, 0, 0)  # length, line, start, end
    outer, inner = (h, w) if horizontal else (w, h)
    for a in range(outer):
        run = 0
        for b in range(inner):
            x, y = (b, a) if horizontal else (a, b)
            if dark(img, x, y):
                run += 1
                if run > best[0]:
                    best = (run, a, b - run + 1, b)
            else:
                run = 0
    return best


def groups(flags):
    out, start = [], None
    for i, f in enumerate(flags + [False]):
        if f and start is None:
            start = i
        elif not f and start is not None:
            out.append((start + i) / 2.0)  # centre of pixels start..i-1: (start + i) / 2
            start = None
    return out


def find_ticks(path):
    img = load(path)
    w, h, _ = img
    _, y_row, x_a, x_b = longest_runs(img, True)
    _, x_col, y_a, y_b = longest_runs(img, False)
    # the axis lines' thickness
    y_bottom = y_row
    while y_bottom + 1 < h and dark(img, (x_a + x_b) // 2, y_bottom + 1):
        y_bottom += 1
    x_left = x_col
    while x_left - 1 >= 0 and dark(img, x_left - 1, (y_a + y_b) // 2):
        x_left -= 1
    x_ticks = groups([dark(img, x, y_bottom + 2) for x in range(w)])
    x_ticks = [t for t in x_ticks if x_a - 3 <= t <= x_b + 3]
    y_ticks = groups([dark(img, x_left - 2, y) for y in range(h)])
    y_ticks = [t for t in y_ticks if y_a - 3 <= t <= y_b + 3]
    return x_ticks, y_ticks


if __name__ == "__main__":
    import sys
    print(find_ticks(sys.argv[1]))

#!/usr/bin/env python3
"""Scaling curve of the cold Newton solve for docs/performance.md.

Reads Google Benchmark JSON files written by peninsula_bench (BM_SolveColdNewton, one file
per size so each peak RSS is that size's own), prints a Markdown table (variables, time,
peak memory, solve time over the Newton limit) and writes an SVG chart of time and memory against the number of variables on
log-log axes. Standard library only; scripts/scaling runs the benchmarks and this script.

    scripts/scaling_chart.py OUT.svg FILE.json [FILE.json ...]
"""
import json
import math
import sys

WIDTH, HEIGHT = 640, 400
LEFT, RIGHT, TOP, BOTTOM = 70, 70, 40, 60


def read_points(paths):
    points = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        for b in data["benchmarks"]:
            if not b["name"].startswith("BM_SolveColdNewton") or b.get("run_type") == "aggregate":
                continue
            scale = {"ms": 1e-3, "us": 1e-6, "ns": 1e-9, "s": 1.0}[b.get("time_unit", "ns")]
            size = b["name"].split("/")[1:3]  # regions:R, sectors:S
            points.append({
                "size": "×".join(s.split(":")[1] for s in size),
                "variables": b["variables"],
                "seconds": b["real_time"] * scale,
                "cpu_seconds": b["cpu_time"] * scale,
                "memory_mb": b["peak_rss_mb"],
                "factorizations": b.get("factorizations", 0),
                # The label is "newton+SOLVER, R x the Newton limit (...)": the solver alone.
                "solver": b.get("label", "").split(",")[0],
                "newton_limit": b.get("x_newton_limit"),
            })
    return sorted(points, key=lambda p: p["variables"])


def log_axis(values, lo_pad=0.8, hi_pad=1.25):
    lo = 10 ** math.floor(math.log10(min(values) * lo_pad))
    hi = 10 ** math.ceil(math.log10(max(values) * hi_pad))
    return lo, hi


def scale(value, lo, hi, start, end):
    t = (math.log10(value) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
    return start + t * (end - start)


def decades(lo, hi):
    k = round(math.log10(lo))
    while 10 ** k <= hi * 1.0001:
        yield 10 ** k
        k += 1


def label(value):
    return f"{value:g}" if value < 1e4 else f"{value:.0e}".replace("e+0", "e")


def svg(points):
    xs = [p["variables"] for p in points]
    ts = [p["seconds"] for p in points]
    ms = [p["memory_mb"] for p in points]
    x_lo, x_hi = log_axis(xs)
    t_lo, t_hi = log_axis(ts)
    m_lo, m_hi = log_axis(ms)
    x0, x1, y0, y1 = LEFT, WIDTH - RIGHT, HEIGHT - BOTTOM, TOP
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
           f'<text x="{WIDTH / 2}" y="20" text-anchor="middle" font-size="14">'
           'Cold policy solve (Newton): time and peak memory against model size</text>']
    for v in decades(x_lo, x_hi):
        x = scale(v, x_lo, x_hi, x0, x1)
        out.append(f'<line x1="{x:.1f}" y1="{y0}" x2="{x:.1f}" y2="{y1}" stroke="#ddd"/>')
        out.append(f'<text x="{x:.1f}" y="{y0 + 16}" text-anchor="middle">{label(v)}</text>')
    for v in decades(t_lo, t_hi):
        y = scale(v, t_lo, t_hi, y0, y1)
        out.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x1}" y2="{y:.1f}" stroke="#eee"/>')
        out.append(f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#1f5fa8">'
                   f'{label(v)}</text>')
    for v in decades(m_lo, m_hi):
        y = scale(v, m_lo, m_hi, y0, y1)
        out.append(f'<text x="{x1 + 6}" y="{y + 4:.1f}" fill="#b5531c">{label(v)}</text>')
    out.append(f'<rect x="{x0}" y="{y1}" width="{x1 - x0}" height="{y0 - y1}" fill="none" '
               'stroke="#444"/>')
    out.append(f'<text x="{(x0 + x1) / 2}" y="{HEIGHT - 20}" text-anchor="middle">'
               'variables (log scale)</text>')
    out.append(f'<text x="18" y="{(y0 + y1) / 2}" text-anchor="middle" fill="#1f5fa8" '
               f'transform="rotate(-90 18 {(y0 + y1) / 2})">wall time, s</text>')
    out.append(f'<text x="{WIDTH - 14}" y="{(y0 + y1) / 2}" text-anchor="middle" '
               f'fill="#b5531c" transform="rotate(90 {WIDTH - 14} {(y0 + y1) / 2})">'
               'peak RSS, MB</text>')
    for values, lo, hi, colour in ((ts, t_lo, t_hi, "#1f5fa8"), (ms, m_lo, m_hi, "#b5531c")):
        pts = [(scale(x, x_lo, x_hi, x0, x1), scale(v, lo, hi, y0, y1))
               for x, v in zip(xs, values)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for x, y in pts:
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>')
    for p in points:
        x = scale(p["variables"], x_lo, x_hi, x0, x1)
        y = scale(p["seconds"], t_lo, t_hi, y0, y1)
        out.append(f'<text x="{x:.1f}" y="{y - 9:.1f}" text-anchor="middle" '
                   f'font-size="11">{p["size"]}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def table(points):
    rows = ["| size | variables | linear solver | factorisations | wall time | CPU time "
            "| peak RSS | ÷ Newton limit (≤ 1.5) |", "|---|---|---|---|---|---|---|---|"]
    for p in points:
        limit = "" if p["newton_limit"] is None else f'{p["newton_limit"]:.2f}'
        rows.append(f'| {p["size"]} | {p["variables"]:,.0f} | {p["solver"]} '
                    f'| {p["factorizations"]:.0f} | {p["seconds"]:.3g} s '
                    f'| {p["cpu_seconds"]:.3g} s | {p["memory_mb"]:,.0f} MB | {limit} |')
    return "\n".join(rows)


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    points = read_points(argv[2:])
    if len(points) < 2:
        sys.exit("need BM_SolveColdNewton results for at least two sizes")
    with open(argv[1], "w", encoding="utf-8") as f:
        f.write(svg(points))
    print(table(points))


if __name__ == "__main__":
    main(sys.argv)

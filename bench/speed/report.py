"""Timing a call and printing a benchmark's figures: median and p95 of the application path,
of the plain SQL beside it and their ratio, with the bar it is held to."""

import statistics
import time


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def figures(values):
    return statistics.median(values), percentile(values, 0.95)


def timed(function):
    started = time.perf_counter()
    result = function()
    return (time.perf_counter() - started) * 1000, result


def report(label, app, raw=None, bar=None):
    a_med, a_95 = figures(app)
    line = f"  {label:44} n={len(app):4}  median {a_med:7.2f} ms  p95 {a_95:7.2f} ms"
    if raw is not None:
        r_med, r_95 = figures(raw)
        line += (
            f"  | plain SQL median {r_med:6.2f} p95 {r_95:6.2f}"
            f"  | ratio median {a_med / r_med:5.2f} p95 {a_95 / r_95:5.2f}"
        )
    if bar:
        line += f"  [{bar}]"
    print(line, flush=True)
    return a_med, a_95

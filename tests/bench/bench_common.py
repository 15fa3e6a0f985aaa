"""What every benchmark script shares: statistics, and the one-line JSON result scripts/bench collects.

Each tests/bench/bench_*.py is run by scripts/bench as `/usr/bin/python3 SCRIPT BUILD_DIR` against the release
build. It prints whatever progress it likes, and its LAST line of standard output is the JSON made by Result():
    {"section": "Title", "order": N, "rows": [{"what", "median", "p95", "range", "target", "verdict"}],
     "notes": ["paragraph", ...]}
scripts/bench puts one table per section into BENCHMARKS.md, in "order", with the notes beneath it.
"""
import json
import statistics


def percentile(values, p):
    """The nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(p / 100.0 * (len(ordered) - 1)))))
    return ordered[index]


def summary(values):
    """Median, p95, min and max of a non-empty list of numbers."""
    return {"median": statistics.median(values), "p95": percentile(values, 95),
            "min": min(values), "max": max(values), "n": len(values)}


def ms(value, digits=1):
    return ("%%.%df ms" % digits) % value


def row(what, median="", p95="", spread="", target="", verdict=""):
    """One table row; every cell is already formatted text. verdict: "met", "missed" or "" (no target)."""
    return {"what": what, "median": median, "p95": p95, "range": spread, "target": target, "verdict": verdict}


def verdict(met):
    return "met" if met else "missed"


def emit(section, order, rows, notes=()):
    """Prints the result line scripts/bench reads (must be the script's last output)."""
    print(json.dumps({"section": section, "order": order, "rows": rows, "notes": list(notes)}), flush=True)

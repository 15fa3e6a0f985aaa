"""What every benchmark script shares: statistics, and the one-line JSON result scripts/bench collects.

Each tests/bench/bench_*.py is run by scripts/bench as `/usr/bin/python3 SCRIPT BUILD_DIR` against the release
build. It prints whatever progress it likes, and its LAST line of standard output is the JSON made by Result():
    {"section": "Title", "order": N, "rows": [{"what", "median", "p95", "range", "target", "verdict"}],
     "notes": ["paragraph", ...]}
scripts/bench puts one table per section into BENCHMARKS.md, in "order", with the notes beneath it.
"""
import json
import os
import pathlib
import statistics
import tempfile


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



# ---- Shared by the store's benchmarks (durability, tally, merge, export) ----------------------------------------
def loadavg():
    return os.getloadavg()[0]


def load_note(start, end):
    """How busy the machine was: other processes' work makes every figure slower and its range wider."""
    cores = os.cpu_count() or 1
    busy = max(start, end) >= 0.5 * cores
    return "Load average (1 min) %.2f at the start and %.2f at the end, on %d cores%s." % (
        start, end, cores, ": other work was running, so these figures are slower and noisier than on a quiet machine"
        if busy else "")


def growth_row(what, per_unit_first, per_unit_last, limit=2.0):
    """The time per unit at the largest size over the time per unit at the smallest (1 is exactly linear), counted
    as linear up to `limit`: room for a B-tree's log n and for data that no longer fits the CPU's caches, while
    anything quadratic lands far above it (x100 from 1x to 100x)."""
    factor = per_unit_last / per_unit_first
    return row(what, "×%.2f" % factor, "", "", "≤ ×%.1f (linear)" % limit, verdict(factor <= limit))


def scratch_folder(build, prefix):
    """A fresh folder on the same disk as the build, for the files that are measured (/tmp may be in memory)."""
    return pathlib.Path(tempfile.mkdtemp(prefix=prefix, dir=str(build)))


def seed_folder(prefix):
    """Where test databases are built fast: /dev/shm when there is one (a commit's fsync costs nothing in memory),
    else the system's temporary folder. They are copied to a scratch_folder before anything is measured."""
    shm = "/dev/shm"
    return pathlib.Path(tempfile.mkdtemp(prefix=prefix, dir=shm if os.path.isdir(shm) and os.access(shm, os.W_OK)
                                         else None))

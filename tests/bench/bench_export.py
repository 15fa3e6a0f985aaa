"""Exporting many workshops: `cop-kiosk export --workshop all` (every format) on databases of 10, 100 and 1,000
workshops, built with copk_bench_export (demo communities: a completed launch and its renewal each).

Run by scripts/bench with the release build:
    /usr/bin/python3 tests/bench/bench_export.py BUILD_DIR [RUNS]
Times each size RUNS times (default 5, a fresh output folder each time), prints the median and range, the time per
workshop (flat when the export grows linearly); its last line is the result for BENCHMARKS.md (bench_common.py).
"""
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from bench_common import emit, growth_row, load_note, loadavg, row, verdict  # noqa: E402

SIZES = (10, 100, 1000)


def main():
    build = pathlib.Path(sys.argv[1]).resolve()
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    binary, helper = str(build / "cop-kiosk"), str(build / "copk_bench_export")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-bench-export-"))
    load_start = loadavg()
    results = []
    try:
        for size in SIZES:
            db = work / ("w%d.db" % size)
            started = time.monotonic()
            subprocess.run([helper, str(db), str(size)], check=True, capture_output=True, timeout=1800)
            built = time.monotonic() - started
            times = []
            for run in range(runs):
                out = work / ("out-%d-%d" % (size, run))
                started = time.monotonic()
                result = subprocess.run([binary, "export", "--db", str(db), "--workshop", "all", "--out", str(out)],
                                        capture_output=True, text=True, timeout=600)
                times.append((time.monotonic() - started) * 1000.0)
                if result.returncode != 0:
                    raise SystemExit("export failed: %s" % result.stderr)
                files = sum(1 for p in out.rglob("*") if p.is_file())
            # Removed only now: on ext4, creating 10,000 files right after deleting 10,000 spends seconds in the
            # kernel looking for free inodes, which would measure the file system rather than the export.
            for run in range(runs):
                shutil.rmtree(work / ("out-%d-%d" % (size, run)))
            entry = {"workshops": size, "median_ms": statistics.median(times), "min_ms": min(times),
                     "max_ms": max(times), "files": files, "db_bytes": db.stat().st_size,
                     "per_workshop_ms": statistics.median(times) / size, "build_s": built}
            results.append(entry)
            print("%5d workshops: export median %.0f ms (%.0f-%.0f ms over %d runs), %.2f ms per workshop, %d files; "
                  "database %.1f MB built in %.0f s" % (size, entry["median_ms"], entry["min_ms"], entry["max_ms"],
                                                       runs, entry["per_workshop_ms"], files,
                                                       entry["db_bytes"] / 1e6, built), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load_end = loadavg()
    rows = []
    for e in results:
        big = e["workshops"] == 1000
        rows.append(row("Export of {:,} workshops, every format, `--workshop all` ({:,} files; {:.2f} ms per workshop)"
                        .format(e["workshops"], e["files"], e["per_workshop_ms"]),
                        "%.0f ms" % e["median_ms"], "", "%.0f–%.0f ms (%d runs)" % (e["min_ms"], e["max_ms"], runs),
                        "< 2 s" if big else "", verdict(e["median_ms"] < 2000) if big else ""))
    first, last = results[0], results[-1]
    growth = last["per_workshop_ms"] / first["per_workshop_ms"]
    # The smallest size is mostly the process's start (opening, checking, templates): the growth from 100 to 1,000,
    # a tenfold step where start-up no longer dominates, is the fair test of linearity.
    middle = results[1]
    rows.append(growth_row("Growth of the export per workshop, {:,} → {:,} workshops".format(
        middle["workshops"], last["workshops"]), middle["per_workshop_ms"], last["per_workshop_ms"]))
    emit("Scale and growth: export", 60, rows, [
        "The databases are demo communities (a completed launch and its renewal each, built through the store by "
        "copk_bench_export); the time is the whole `cop-kiosk export` process, writing to a fresh folder on the "
        "same disk each run. From {:,} to {:,} workshops the time per workshop changed by a factor of {:.2f} "
        "(1 would be exactly linear; below 1, fixed start-up costs are spread over more workshops); the growth row "
        "compares {:,} with {:,} workshops, where start-up no longer dominates."
        .format(first["workshops"], last["workshops"], growth, middle["workshops"], last["workshops"]),
        load_note(load_start, load_end)])


if __name__ == "__main__":
    main()

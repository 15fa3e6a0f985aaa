"""Idle: the CPU each role uses while nothing changes, once it has settled.

Run by scripts/bench with the release build:  /usr/bin/python3 tests/bench/bench_idle.py BUILD_DIR [WINDOWS]
Four programs run at once, each in a 1920x1080 window on its own Xvfb: the facilitator's console at home (the
demo database, no workshop running), and on one database with a launch workshop running at its domain stage,
its countdown running: the facilitator's console, the projector (--role projector) and a kiosk at its start
screen (--role kiosk). Once each has drawn its first frames and gone quiet, their CPU time (utime + stime of
every thread, /proc/PID/stat, so Mesa's rasteriser threads count) is read over WINDOWS windows of 10 s each.
"""
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from gui_bench import (CLOCK_TICK_SECONDS, Stats, XServer, check, cpu_seconds, run_bench, seed, start,  # noqa: E402
                       wait_quiet)
from bench_common import emit, row, summary, verdict  # noqa: E402

WINDOW_SECONDS = 10.0
ROLES = [("home", "facilitator", "Facilitator's console at home (no workshop running)"),
         ("running", "facilitator", "Facilitator's console mid-workshop, the stage's countdown running"),
         ("running", "projector", "Projector following the running workshop (its countdown on screen)"),
         ("running", "kiosk", "Kiosk at its start screen, the workshop running")]


def main():
    build = pathlib.Path(sys.argv[1]).resolve()
    windows = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    binary = str(build / "cop-kiosk")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-bench-idle-"))
    servers, programs = [], []
    try:
        dbs = {"home": work / "demo.db", "running": work / "running.db"}
        made = subprocess.run([binary, "demo", "--db", str(dbs["home"])], capture_output=True, text=True, timeout=120)
        check(made.returncode == 0, "cop-kiosk demo failed: %s" % made.stderr)
        seed(build, ["timer"], dbs["running"])
        for i, (db, role, _) in enumerate(ROLES):
            x = XServer(size="1920x1080x24").start()
            servers.append(x)
            kiosk, stats = start(binary, x, dbs[db], work, "1920x1080", "idle-%d-%s" % (i, role), role)
            programs.append((kiosk, stats))
        for kiosk, stats in programs:
            kiosk.wait_for_layout()
        for kiosk, stats in programs:
            wait_quiet(kiosk, stats)  # the settle frames and any reload are over (a countdown still ticks)
        time.sleep(2.0)
        samples = [[] for _ in programs]
        frames = [[] for _ in programs]
        for _ in range(windows):
            before = [(cpu_seconds(k.pid), len(Stats(s).frames)) for k, s in programs]
            started = time.monotonic()
            time.sleep(WINDOW_SECONDS)
            elapsed = time.monotonic() - started
            for i, (kiosk, stats) in enumerate(programs):
                check(kiosk.alive(), "%s exited: %s" % (kiosk.name, kiosk.stderr_text()[-1000:]))
                all_frames = Stats(stats).frames
                samples[i].append((cpu_seconds(kiosk.pid) - before[i][0]) / elapsed * 100.0)
                frames[i].append(all_frames[before[i][1]:])
        rows = []
        for i, (_, role, label) in enumerate(ROLES):
            s = summary(samples[i])
            drawn = [len(f) for f in frames[i]]
            parts = [sum(1 for x in f if x["part"] == 1) for f in frames[i]]
            cost = [x["process"] for f in frames[i] for x in f]
            what = "%s: %d frames per 10 s (%d of them drawn in part)" % (label, max(drawn), max(parts))
            if cost:
                what += ", %.1f ms of CPU each (median, all threads)" % summary(cost)["median"]
            print("%s: CPU %.2f%% median (%s), frames per window %s, drawn in part %s" %
                  (label, s["median"], ", ".join("%.2f" % v for v in samples[i]), drawn, parts))
            rows.append(row(what, "%.2f %%" % s["median"], "", "%.2f–%.2f %%" % (s["min"], s["max"]),
                            "< 1 % of a core", verdict(s["max"] < 1.0)))
        emit("Idle: CPU with nothing changing", 20, rows, [
            "The four programs run at once, each with a 1920x1080 window on its own Xvfb; after their first frames "
            "and 2 s of quiet, their CPU time (utime + stime of all threads from /proc/PID/stat, in %.0f ms ticks, "
            "so 0.1 %% over 10 s) is read over %d windows of %.0f s; the median and range are of those windows, the "
            "verdict is on the worst. While waiting, each program wakes every 250 ms (the projector every 50 ms) to "
            "poll PRAGMA data_version. A running countdown changes the screen every second: on a software OpenGL "
            "only the part of the frame that changed (its digits, its bar) is drawn again and shown (kiosk/present.h); "
            "\"all threads\" is the process's CPU time per frame, Mesa's rasteriser threads included."
            % (CLOCK_TICK_SECONDS * 1000, windows, WINDOW_SECONDS)])
    finally:
        for kiosk, _ in programs:
            kiosk.cleanup()
        for x in servers:
            x.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    run_bench(main)

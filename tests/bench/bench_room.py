"""Ballot to projector: the time from a kiosk's committed ballot to the projector's redraw showing it.

Run by scripts/bench with the cop-kiosk binary and the copk_bench_room helper built in release mode:
    /usr/bin/python3 tests/bench/bench_room.py BUILD_DIR [BALLOTS]
A real projector process (--role projector, Mesa llvmpipe under its own Xvfb at 1920x1080) follows a database
in which copk_bench_room commits one ballot at a time through the store, as a kiosk does, and waits for the
projector's layout dump to show the new count. Prints the median, p95 and range, and returns them as JSON on
the last line for scripts/bench to put into BENCHMARKS.md.
"""
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "e2e"))
from kiosk_driver import Kiosk, XServer, check, run_main  # noqa: E402


def percentile(values, p):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(p / 100.0 * (len(ordered) - 1)))))
    return ordered[index]


def main():
    build = pathlib.Path(sys.argv[1]).resolve()
    ballots = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    binary, helper = str(build / "cop-kiosk"), str(build / "copk_bench_room")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-bench-room-"))
    try:
        db = work / "room.db"
        setup = subprocess.run([helper, "setup", str(db), str(ballots)], capture_output=True, text=True, timeout=120)
        check(setup.returncode == 0, "setup failed: %s" % setup.stderr)
        lines = setup.stdout.split()
        poll, members = lines[0], lines[1:]
        with XServer(size="1920x1080x24") as wall:
            projector = Kiosk(binary, wall, str(db), work, size="1920x1080", name="projector",
                              extra_args=["--role", "projector"])
            projector.start()
            try:
                projector.wait_for_screen("stage.stage_check")
                projector.wait_until(lambda: any(r["id"] == "poll.count" for r in projector.layout().get("readouts", [])),
                                     what="the projector's vote count")
                cast = subprocess.run([helper, "cast", str(db), poll, str(projector.layout_path)] + members,
                                      capture_output=True, text=True, timeout=600)
                check(cast.returncode == 0, "casting failed: %s" % cast.stderr)
                check(projector.alive(), "the projector stopped")
            finally:
                projector.terminate()
        pairs = [tuple(float(x) for x in line.split()) for line in cast.stdout.splitlines() if line.strip()]
        check(len(pairs) == ballots, "%d latencies for %d ballots" % (len(pairs), ballots))
        redraw = [p[0] for p in pairs]
        commit = [p[1] for p in pairs]
        result = {
            "ballots": ballots,
            "redraw_ms": {"median": statistics.median(redraw), "p95": percentile(redraw, 95),
                          "min": min(redraw), "max": max(redraw)},
            "commit_ms": {"median": statistics.median(commit), "p95": percentile(commit, 95),
                          "min": min(commit), "max": max(commit)},
        }
        print("ballot committed -> projector redrawn: median %.1f ms, p95 %.1f ms, range %.1f-%.1f ms (%d ballots)"
              % (result["redraw_ms"]["median"], result["redraw_ms"]["p95"], result["redraw_ms"]["min"],
                 result["redraw_ms"]["max"], ballots))
        print("committing the ballot itself (synchronous=FULL): median %.1f ms, p95 %.1f ms"
              % (result["commit_ms"]["median"], result["commit_ms"]["p95"]))
        print(json.dumps(result))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    run_main(main)

"""Ballot to projector: the time from a kiosk's committed ballot to the projector's redraw showing it.

Run by scripts/bench with the cop-kiosk binary and the copk_bench_room helper built in release mode:
    /usr/bin/python3 tests/bench/bench_room.py BUILD_DIR [BALLOTS]
A real projector process (--role projector, Mesa llvmpipe under its own Xvfb at 1920x1080) follows a database
in which copk_bench_room commits one ballot at a time through the store, as a kiosk does, and waits for the
projector's layout dump to show the new count. Prints the median, p95 and range; its last line is the result
for BENCHMARKS.md (bench_common.py).
"""
import pathlib
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "e2e"))
from kiosk_driver import Kiosk, XServer, check  # noqa: E402
from gui_bench import run_bench  # noqa: E402
from bench_common import emit, ms, row, summary, verdict  # noqa: E402


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
        r, c = summary(redraw), summary(commit)
        print("ballot committed -> projector redrawn: median %.1f ms, p95 %.1f ms, range %.1f-%.1f ms (%d ballots)"
              % (r["median"], r["p95"], r["min"], r["max"], ballots))
        print("committing the ballot itself (synchronous=FULL): median %.2f ms, p95 %.2f ms" % (c["median"], c["p95"]))
        emit("Input: a kiosk's ballot on the projector", 41, [
            row("Ballot committed at a kiosk → projector redrawn (%d ballots)" % ballots, ms(r["median"]),
                ms(r["p95"]), "%s–%s" % (ms(r["min"]), ms(r["max"])), "p95 ≤ 100 ms", verdict(r["p95"] <= 100)),
            row("Committing that ballot (synchronous=FULL, WAL)", ms(c["median"], 2), ms(c["p95"], 2),
                "%s–%s" % (ms(c["min"], 2), ms(c["max"], 2))),
        ], ["The projector (`--role projector`, 1920x1080) notices another process's commit by polling "
            "`PRAGMA data_version` every 50 ms while it waits for events, then reloads and redraws. The time runs "
            "from the moment the store's commit returns in the casting process (copk_bench_room, as a kiosk "
            "commits) to the moment the projector's layout dump, rewritten right after the frame that shows the "
            "new count, says so."])
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    run_bench(main)

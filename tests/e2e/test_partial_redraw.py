"""Partial redraws (kiosk/present.h) show exactly what a whole frame would.

With a software OpenGL (Mesa llvmpipe here) the program draws only the part of a frame that changed since the
last one. Run with COPK_CHECK_PARTIAL_REDRAW=1, it draws every such frame whole as well and compares the pixels,
writing any difference to stderr, and at exit how many frames it checked. A facilitator walks a launch workshop
with the countdown running: checks people in, hovers over every button, opens the help overlay, runs the stage
check's vote (names picked, choices pressed), and waits through several seconds of the countdown.
(a) no partial frame differs from the whole frame, (b) partial frames did happen (at least one per second of the
countdown and one per press), (c) the program exits 0 on SIGTERM. Artefacts in COPK_ARTIFACTS_DIR/test_partial_redraw/.
"""

import os
import pathlib
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_driver import Kiosk, XServer, artifacts_dir, binary_from_argv, check, run_cli, run_main  # noqa: E402
from stage_flows import Flow, start_workshop  # noqa: E402

NAMES = ["Amelie Laurent", "Bongani Dlamini", "Chloe Martin", "Dev Patel"]


def frames_by_kind(stats_path):
    """Counts of the frames drawn whole, in part, and not at all (unchanged), from --frame-stats."""
    counts = {0: 0, 1: 0, 2: 0}
    for line in pathlib.Path(stats_path).read_text().splitlines():
        fields = line.split()
        if fields and fields[0] == "frame" and len(fields) >= 11:
            counts[int(fields[10])] = counts.get(int(fields[10]), 0) + 1
    return counts


def main():
    binary = binary_from_argv()
    art = artifacts_dir("test_partial_redraw")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-partial-"))
    try:
        db = str(work / "demo.db")
        result = run_cli(binary, ["demo", "--db", db])
        check(result.returncode == 0, "demo failed: %s" % result.stderr.strip())
        env = dict(os.environ, COPK_CHECK_PARTIAL_REDRAW="1")
        stats = work / "frames.txt"
        with XServer(size="1920x1080x24", log_dir=str(art)) as x:
            kiosk = Kiosk(binary, x, db, work, size="1280x720", name="partial", env=env,
                          extra_args=["--frame-stats", str(stats)])
            try:
                kiosk.start()
                kiosk.wait_for_screen("home")
                kiosk.find_window()
                flow = Flow(kiosk, art, "partial", {})
                start_workshop(kiosk)
                flow.check_in(NAMES)
                flow.next_stage("stage.domain")
                flow.next_stage("stage.stage_check")
                # Hovering changes one button's colour at a time.
                for item in kiosk.items():
                    x0, y0, x1, y1 = item["rect"]
                    kiosk.xdotool("mousemove", "--window", kiosk.window, (x0 + x1) // 2, (y0 + y1) // 2)
                    flow.settle(0.15)
                flow.handled()  # the help overlay, open and closed
                before = frames_by_kind(stats)
                flow.stage_check(dict(zip(NAMES, ["committing", "coalescing", "committing", "stewarding"])),
                                 shot_before_close=False)
                kiosk.xdotool("mousemove", "--window", kiosk.window, 2, 2)
                # Several seconds of the countdown alone.
                counted = frames_by_kind(stats)
                kiosk.wait_until(lambda: frames_by_kind(stats)[1] >= counted[1] + 4, 20,
                                 "four more frames drawn in part while the countdown runs")
                flow.shot("after")
                code, _ = kiosk.terminate()
            finally:
                kiosk.cleanup()
        output = kiosk.stderr_text()
        (art / "stderr.txt").write_text(output)
        mismatches = [line for line in output.splitlines() if "partial redraw mismatch" in line]
        summary = re.search(r"partial redraw checked (\d+) frames, (\d+) mismatched", output)
        kinds = frames_by_kind(stats)
        print("frames: %d whole, %d in part, %d unchanged; during the vote: %d in part"
              % (kinds[0], kinds[1], kinds[2], counted[1] - before[1]))
        check(summary, "(a) the program did not say how many partial frames it checked: %s" % output[-1500:])
        print("(a) %s frames checked against a whole frame, %s mismatched" % (summary.group(1), summary.group(2)))
        check(not mismatches and summary.group(2) == "0", "(a) partial frames differ from whole ones:\n%s"
              % "\n".join(mismatches[:10]))
        check(counted[1] - before[1] >= len(NAMES) * 2, "(b) only %d frames were drawn in part during the vote "
              "(names picked and choices pressed): %s" % (counted[1] - before[1], kinds))
        check(code == 0, "(c) SIGTERM gave exit code %s" % code)
    finally:
        shutil.rmtree(str(work), ignore_errors=True)


if __name__ == "__main__":
    run_main(main)

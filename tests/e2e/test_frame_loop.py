"""The frame loop: event-driven, cheap when idle, prompt after input, clean on SIGTERM.

(a) SIGTERM while idle: exit code 0 within 2 s, and the database still passes `cop-kiosk check`.
(b) Idle CPU on the home screen (no workshop running): under 10% of one core over 3 s.
(c) A click registers by itself: after one click on community.new (and no further input), the layout dump
    shows the community.new screen; the number of frames it took is reported.
(d) --exit-after-frames 30 --screenshot: exit 0 and a valid PNG of the window's size.
Artefacts in COPK_ARTIFACTS_DIR/test_frame_loop/.
"""

import os
import pathlib
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_driver import (Kiosk, XServer, artifacts_dir, binary_from_argv, check, check_png, cpu_seconds,  # noqa: E402
                          run_cli, run_main)

IDLE_WINDOW_S = 3.0
IDLE_LIMIT = 0.10  # of one core
SIGTERM_LIMIT_S = 2.0


def wait_idle(kiosk, quiet_s=0.5, budget_s=0.02):
    """Waits until the program has used under budget_s of CPU over the last quiet_s seconds."""
    samples = []

    def quiet():
        now = (time.monotonic(), cpu_seconds(kiosk.pid))
        samples.append(now)
        old = [s for s in samples if now[0] - s[0] >= quiet_s]
        return bool(old) and now[1] - old[-1][1] < budget_s

    kiosk.wait_until(quiet, 20, "the program to become idle (its first frames settled)")


def sigterm_while_idle(binary, x, db, work, art):
    kiosk = Kiosk(binary, x, db, work, name="a-sigterm")
    try:
        kiosk.start()
        kiosk.wait_for_item("community.0.outcome", screen="home")
        kiosk.find_window()
        kiosk.screenshot(art / "a-home-before-sigterm-1280x720.png")
        wait_idle(kiosk)
        code, seconds = kiosk.terminate(timeout=10)
        check(seconds <= SIGTERM_LIMIT_S, "(a) SIGTERM took %.2f s to end the program (limit %.1f s)"
              % (seconds, SIGTERM_LIMIT_S))
        check(code == 0, "(a) SIGTERM while idle gave exit code %s, not 0; output: %s"
              % (code, kiosk.stderr_text().strip()))
    finally:
        kiosk.cleanup()
    result = run_cli(binary, ["check", "--db", db])
    check(result.returncode == 0 and "integrity: ok" in result.stdout,
          "(a) the database fails `check` after SIGTERM: exit %d, %s %s"
          % (result.returncode, result.stdout.strip(), result.stderr.strip()))
    print("(a) SIGTERM while idle: exit 0 in %.2f s; check: integrity ok" % seconds)


def idle_cpu(binary, x, db, work):
    kiosk = Kiosk(binary, x, db, work, name="b-idle")
    try:
        kiosk.start()
        kiosk.wait_for_screen("home")
        # The measurement window itself is the point here: 3 s in which nothing happens.
        start_cpu, start = cpu_seconds(kiosk.pid), time.monotonic()
        time.sleep(IDLE_WINDOW_S)
        used, elapsed = cpu_seconds(kiosk.pid) - start_cpu, time.monotonic() - start
        check(kiosk.alive(), "(b) the program exited while idle: %s" % kiosk.stderr_text().strip())
        share = used / elapsed
        print("(b) idle CPU on the home screen: %.3f s over %.2f s = %.1f%% of one core (limit %.0f%%)"
              % (used, elapsed, 100 * share, 100 * IDLE_LIMIT))
        check(share < IDLE_LIMIT, "(b) idle on the home screen the program used %.1f%% of one core (%.3f s of CPU in "
              "%.2f s); the limit is %.0f%%" % (100 * share, used, elapsed, 100 * IDLE_LIMIT))
        code, _ = kiosk.terminate()
        check(code == 0, "(b) SIGTERM gave exit code %s" % code)
    finally:
        kiosk.cleanup()


def click_registers(binary, x, db, work, art):
    kiosk = Kiosk(binary, x, db, work, name="c-click")
    try:
        kiosk.start()
        kiosk.wait_for_item("community.new", screen="home")
        kiosk.find_window()
        wait_idle(kiosk)  # so the frames counted below are the click's, not the start-up's
        before = kiosk.layout()
        clicked = time.monotonic()
        kiosk.click("community.new")
        # No further input from here on: the loop must draw the frames that turn press + release into a click.
        after = kiosk.wait_for_screen("community.new", timeout=10)
        seconds = time.monotonic() - clicked
        frames = after["frame"] - before["frame"]
        check(frames > 0, "(c) the frame counter did not advance: %s -> %s" % (before["frame"], after["frame"]))
        print("(c) one click on community.new: screen changed %d frame(s) after the last home dump (frame %d -> %d), "
              "%.3f s after the click" % (frames, before["frame"], after["frame"], seconds))
        kiosk.screenshot(art / "c-after-one-click-1280x720.png")
        code, _ = kiosk.terminate()
        check(code == 0, "(c) SIGTERM gave exit code %s" % code)
    finally:
        kiosk.cleanup()


def exit_after_frames(binary, x, db, work, art):
    for width, height in ((1280, 720), (1024, 768)):
        png = art / ("d-exit-after-30-frames-%dx%d.png" % (width, height))
        kiosk = Kiosk(binary, x, db, work, size="%dx%d" % (width, height), name="d-exit-after-frames",
                      extra_args=["--exit-after-frames", "30", "--screenshot", str(png)])
        try:
            kiosk.start()
            code = kiosk.wait_exit(30)
            check(code == 0, "(d) --exit-after-frames 30 exited %s; output: %s" % (code, kiosk.stderr_text().strip()))
        finally:
            kiosk.cleanup()
        check(png.exists(), "(d) --screenshot %s was not written" % png)
        size = check_png(png)
        check(size == (width, height), "(d) the screenshot is %dx%d, the window %dx%d" % (size + (width, height)))
        dump = kiosk.layout()
        check(dump and dump["window"] == [width, height] and dump["screen"] == "home",
              "(d) the layout dump of that run is %s" % dump)
        print("(d) --exit-after-frames 30 --screenshot: exit 0, PNG %dx%d" % size)


def main():
    binary = binary_from_argv()
    art = artifacts_dir("test_frame_loop")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-loop-"))
    try:
        db = str(work / "demo.db")
        result = run_cli(binary, ["demo", "--db", db])
        check(result.returncode == 0, "demo failed: %s" % result.stderr.strip())
        with XServer(log_dir=str(art)) as x:
            sigterm_while_idle(binary, x, db, work, art)
            idle_cpu(binary, x, db, work)
            click_registers(binary, x, db, work, art)
            exit_after_frames(binary, x, db, work, art)
    finally:
        shutil.rmtree(str(work), ignore_errors=True)


if __name__ == "__main__":
    run_main(main)

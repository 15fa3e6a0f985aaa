"""Scale: a poll of 10,000 ballots on the facilitator's console and the projector.

Run by scripts/bench with the release build:  /usr/bin/python3 tests/bench/bench_scale.py BUILD_DIR [BALLOTS]
The database (copk_bench_seed bigpoll) holds a running launch workshop at its domain stage, with BALLOTS people
checked in and the next stage's stage check revealed with one ballot from each. The facilitator's console and
the projector run at 1920x1080 on one Xvfb. Measured: the console's start-up on that database (process start to
first frame); opening the results, from a click on Next (XTest press, 12 ms, release) to the end of the first
frame that shows them, on the console and on the projector (which notices the change through PRAGMA
data_version); and the CPU time of a frame of the results screen on both (--bench-frames, drawn whole).
"""
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from gui_bench import (Pointer, Stats, XServer, bench_run, check, run_bench, seed, start, summarise,  # noqa: E402
                       wait_quiet)
from bench_common import emit, ms, row, summary, verdict  # noqa: E402

OPENINGS = 5
STARTS = 5


def first_frame_on(stats_path, screen, after):
    """The end (CLOCK_MONOTONIC) of the first frame drawn on `screen` that began after `after`, or None."""
    for f in Stats(stats_path).frames:
        if f["screen"] == screen and f["start"] >= after:
            return f
    return None


def main():
    build = pathlib.Path(sys.argv[1]).resolve()
    ballots = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    binary = str(build / "cop-kiosk")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-bench-scale-"))
    console = projector = pointer = None
    rows = []
    try:
        db = work / "bigpoll.db"
        seed(build, ["bigpoll", ballots], db)
        with XServer(size="1920x1080x24") as x, XServer(size="1920x1080x24") as wall:
            startups = []
            for attempt in range(STARTS + 1):  # the first warms the page cache and is not counted
                stats_path = work / "startup.txt"
                spawned = time.monotonic()
                started = subprocess.run([binary, "--db", str(db), "--windowed", "1920x1080", "--exit-after-frames", "1",
                                          "--frame-stats", str(stats_path)], env=x.env(), stdin=subprocess.DEVNULL,
                                         capture_output=True, text=True, timeout=120)
                check(started.returncode == 0, "the console did not start: %s" % started.stderr[-1500:])
                if attempt > 0:
                    startups.append((Stats(stats_path).phases["first_swap"] - spawned) * 1000.0)
            console, console_stats = start(binary, x, db, work, "1920x1080", "console", "facilitator", 120)
            projector, projector_stats = start(binary, wall, db, work, "1920x1080", "projector", "projector", 120)
            console.wait_for_screen("stage.domain", timeout=60)
            projector.wait_for_screen("stage.domain", timeout=60)
            console.find_window()
            pointer = Pointer(x.display)
            opened = {"console": [], "projector": [], "reload": []}
            try:
                for _ in range(OPENINGS):
                    next_button = console.wait_for_item("stage.next", screen="stage.domain")
                    x0, y0, x1, y1 = next_button["rect"]
                    console.xdotool("mousemove", "--window", console.window, (x0 + x1) // 2, (y0 + y1) // 2)
                    wait_quiet(console, console_stats, quiet=0.3)
                    wait_quiet(projector, projector_stats, quiet=0.3)
                    pressed = pointer.click()
                    shown = console.wait_until(lambda: first_frame_on(console_stats, "stage.stage_check", pressed),
                                               30, "the console's first frame of the results")
                    seen = projector.wait_until(lambda: first_frame_on(projector_stats, "stage.stage_check", pressed),
                                                30, "the projector's first frame of the results")
                    opened["console"].append((shown["start"] + shown["wall"] / 1000.0 - pressed) * 1000.0)
                    opened["projector"].append((seen["start"] + seen["wall"] / 1000.0 - pressed) * 1000.0)
                    opened["reload"].append(shown["reload"])
                    print("opened: console %.1f ms (its reload %.1f ms of CPU), projector %.1f ms"
                          % (opened["console"][-1], shown["reload"], opened["projector"][-1]))
                    for f in Stats(console_stats).frames:
                        if pressed <= f["start"] <= shown["start"]:
                            print("    console frame at +%.1f ms: %s, wall %.1f ms (reload %.1f, UI %.1f, draw %.1f)"
                                  % ((f["start"] - pressed) * 1000, f["screen"], f["wall"], f["reload"], f["ui"],
                                     f["render"]))
                    # Back to the domain stage for the next opening (the Back button, where Next was).
                    back = console.wait_for_item("stage.back", screen="stage.stage_check")
                    console.click_item(back)
                    console.wait_for_screen("stage.domain")
                    projector.wait_for_screen("stage.domain")
            finally:
                pointer.close()
                pointer = None
            # The results on screen, for the frame times.
            console.click("stage.next", screen="stage.domain")
            console.wait_for_screen("stage.stage_check")
            projector.wait_for_screen("stage.stage_check")
            frames = {}
            for name, kiosk, stats in (("console", console, console_stats), ("projector", projector, projector_stats)):
                wait_quiet(kiosk, stats)
                frames[name] = bench_run(kiosk, stats, 1)
            console.terminate()
            projector.terminate()
        st = summary(startups)
        rows.append(row("Console's start-up on this database, on the stage before the results (process start to first "
                        "frame, %d runs)" % STARTS, ms(st["median"]), "", "%s–%s" % (ms(st["min"]), ms(st["max"]))))
        for name, label in (("console", "facilitator's console"), ("projector", "projector")):
            s = summary(opened[name])
            rows.append(row("Opening the results of %s ballots on the %s: click on Next → first frame drawn (%d times)"
                            % ("{:,}".format(ballots), label, OPENINGS), ms(s["median"]), "",
                            "%s–%s" % (ms(s["min"]), ms(s["max"]))))
        r = summary(opened["reload"])
        rows.append(row("… of which the console's reload of the workshop (main thread CPU)", ms(r["median"]), "",
                        "%s–%s" % (ms(r["min"]), ms(r["max"]))))
        for name, label in (("console", "facilitator's console"), ("projector", "projector")):
            for f in frames[name]:
                f["main"] = f["reload"] + f["ui"] + f["render"] + f["dump"]
            m, p = summarise(frames[name], "main"), summarise(frames[name], "process")
            rows.append(row("Frame of the results (%s ballots), %s, 1920x1080: main thread; all threads %s p50"
                            % ("{:,}".format(ballots), label, ms(p["p50"])), ms(m["p50"], 2), ms(m["p95"], 2),
                            "%s–%s" % (ms(m["min"], 2), ms(m["max"], 2)), "p95 ≤ 8 ms", verdict(m["p95"] <= 8.0)))
        for r in rows:
            print("%s: %s %s %s" % (r["what"], r["median"], r["p95"], r["range"]))
        emit("Scale: a poll of 10,000 ballots", 65, rows, [
            "The poll is the stage check of a running launch workshop with %s people checked in, each with a ballot "
            "(named: seeding 10,000 anonymous ballots through the store takes minutes, each one rewriting the poll's "
            "anonymous rows). The console starts on the stage before it; each opening is a click on Next (XTest, "
            "pressed for 12 ms) with the program idle, timed to the end of the first frame each program drew on the "
            "results (--frame-stats); the console then goes Back for the next one. The console reloads the workshop "
            "after its own change; the projector notices it by polling PRAGMA data_version every 50 ms. Frame times "
            "are %d frames drawn back to back, whole, as in the frame-time section." % ("{:,}".format(ballots), 120)])
    finally:
        if pointer:
            pointer.close()
        for kiosk in (console, projector):
            if kiosk:
                kiosk.cleanup()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    run_bench(main)

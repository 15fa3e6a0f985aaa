"""Frame time: the CPU time of one frame of the busiest screens, at 1920x1080 and 3840x2160.

Run by scripts/bench with the release build:  /usr/bin/python3 tests/bench/bench_frames.py BUILD_DIR [FRAMES]
(FRAMES at 1920x1080, default 120; a third of them at 3840x2160, where each takes about four times as long).
The databases hold 200 participants and 50 tasks (copk_bench_seed, tests/bench/seed_busy.cpp): the tasks
stage's results (ranking and quadrant chart), its vote while open (the facilitator's name picker, the
facilitator's 50-task ballot, the projector's live results), and the Review's comparison of a launch and a
renewal (its tasks section). The program runs with --frame-stats and --bench-frames FRAMES: once a screen is
up and quiet, SIGUSR1 makes it draw FRAMES frames back to back, each recorded with the main thread's CPU time
(CLOCK_THREAD_CPUTIME_ID) for building the UI and for drawing and swapping, and the whole process's CPU time.
"""
import pathlib
import shutil
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from gui_bench import (XServer, bench_run, check, open_compare_tasks, run_bench, seed, start, summarise,  # noqa: E402
                       wait_quiet)
from bench_common import emit, ms, row, verdict  # noqa: E402

SIZES = ("1920x1080", "3840x2160")
TARGET_MS = 8.0


def measure(kiosk, stats, runs, frames_wanted):
    runs[0] += 1
    wait_quiet(kiosk, stats)
    frames = bench_run(kiosk, stats, runs[0])
    check(len(frames) == frames_wanted, "%d bench frames recorded, %d asked for" % (len(frames), frames_wanted))
    return frames


def scenarios(binary, x, work, dbs, size, frames_wanted):
    """Yields (label, frames) for every screen at this size."""
    for role, label in (("facilitator", "tasks results (ranking + quadrant chart), facilitator"),
                        ("projector", "tasks results (ranking + quadrant chart), projector")):
        kiosk, stats = start(binary, x, dbs["revealed"], work, size, "results-%s" % role, role, frames_wanted)
        try:
            kiosk.wait_for_screen("stage.tasks")
            yield label, measure(kiosk, stats, [0], frames_wanted)
        finally:
            kiosk.cleanup()

    kiosk, stats = start(binary, x, dbs["open"], work, size, "vote-facilitator", "facilitator", frames_wanted)
    try:
        runs = [0]
        kiosk.wait_for_item("tasks.voter.0", screen="stage.tasks")
        yield "50-task vote, name picker (200 names), facilitator", measure(kiosk, stats, runs, frames_wanted)
        kiosk.find_window()
        kiosk.click("tasks.voter.0")
        kiosk.wait_for_item("tasks.cast")
        yield "50-task vote, one person's ballot (50 rows), facilitator", measure(kiosk, stats, runs, frames_wanted)
    finally:
        kiosk.cleanup()

    kiosk, stats = start(binary, x, dbs["open-live"], work, size, "vote-projector", "projector", frames_wanted)
    try:
        kiosk.wait_for_screen("stage.tasks")
        yield "50-task vote with live results, projector", measure(kiosk, stats, [0], frames_wanted)
    finally:
        kiosk.cleanup()

    kiosk, stats = start(binary, x, dbs["compare"], work, size, "compare", "facilitator", frames_wanted)
    try:
        open_compare_tasks(kiosk)
        yield "Review: renewal compared with launch, tasks section (50 + 50 tasks)", measure(kiosk, stats, [0],
                                                                                               frames_wanted)
    finally:
        kiosk.cleanup()


def main():
    build = pathlib.Path(sys.argv[1]).resolve()
    full_hd_frames = int(sys.argv[2]) if len(sys.argv) > 2 else 120
    frames_at = {"1920x1080": full_hd_frames, "3840x2160": max(10, full_hd_frames // 3)}
    binary = str(build / "cop-kiosk")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-bench-frames-"))
    rows = []
    try:
        dbs = {"revealed": work / "tasks-revealed.db", "open": work / "tasks-open.db",
               "open-live": work / "tasks-open-live.db", "compare": work / "compare.db"}
        for state in ("revealed", "open", "open-live"):
            seed(build, ["tasks", state, 200, 50], dbs[state])
        seed(build, ["compare", 200, 50], dbs["compare"])
        with XServer(size="3840x2160x24") as x:
            for size in SIZES:
                for label, frames in scenarios(binary, x, work, dbs, size, frames_at[size]):
                    for f in frames:
                        f["main"] = f["reload"] + f["ui"] + f["render"] + f["dump"]
                    main_ms, ui, render = summarise(frames, "main"), summarise(frames, "ui"), summarise(frames, "render")
                    process, wall = summarise(frames, "process"), summarise(frames, "wall")
                    print("%s %s: main thread p50 %.2f p95 %.2f ms (UI %.2f/%.2f, draw+swap %.2f/%.2f); all threads "
                          "p50 %.2f p95 %.2f ms; wall p50 %.2f ms" % (size, label, main_ms["p50"], main_ms["p95"], ui["p50"],
                                                                      ui["p95"], render["p50"], render["p95"],
                                                                      process["p50"], process["p95"], wall["p50"]))
                    full_hd = size == "1920x1080"
                    rows.append(row("%s · %s — main thread: UI %s, draw + swap %s (p50); all threads %s p50, %s p95"
                                    % (size, label, ms(ui["p50"], 2), ms(render["p50"], 2), ms(process["p50"]),
                                       ms(process["p95"])),
                                    ms(main_ms["p50"], 2), ms(main_ms["p95"], 2),
                                    "%s–%s" % (ms(main_ms["min"], 2), ms(main_ms["max"], 2)),
                                    "p95 ≤ 8 ms" if full_hd else "", verdict(main_ms["p95"] <= TARGET_MS) if full_hd else ""))
        emit("Frame time: the busiest screens", 30, rows, [
            "Each screen is drawn %d times back to back at 1920x1080, %d times at 3840x2160 (--bench-frames, started "
            "by SIGUSR1 once the screen is up and "
            "has drawn nothing for 0.6 s) in a window of that size on a private Xvfb, with 200 participants and 50 "
            "tasks seeded through the store (copk_bench_seed). The median, p95 and range are of the main thread's CPU "
            "time per frame (CLOCK_THREAD_CPUTIME_ID, --frame-stats): building the UI (ImGui NewFrame to Render, "
            "including the screen's own layout work), then drawing and showing it (the OpenGL3 backend's draw calls, "
            "Mesa's vertex and set-up work, and the copy of the back buffer to the window: glXCopySubBufferMESA on a "
            "software OpenGL, else glfwSwapBuffers), and keeping the layout dump. With Mesa llvmpipe the "
            "pixels are rasterised on Mesa's own threads: \"all threads\" is the process's CPU time over the frame "
            "(CLOCK_PROCESS_CPUTIME_ID), which includes them; a GPU would take that part. The target applies to the "
            "main thread at 1920x1080. These frames are drawn whole, as when everything on the screen changes; on a "
            "software OpenGL a frame in which only part of the screen changed (a countdown, a pressed button) draws "
            "only that part (kiosk/present.h)." % (frames_at["1920x1080"], frames_at["3840x2160"])])
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    run_bench(main)

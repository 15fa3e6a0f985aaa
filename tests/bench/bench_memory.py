"""Memory: the peak resident memory of cop-kiosk at 3840x2160 on its busiest screens, against the floor.

Run by scripts/bench with the release build:  /usr/bin/python3 tests/bench/bench_memory.py BUILD_DIR
cop-kiosk runs in a 3840x2160 window (every font it builds is built at that size when it starts: body, bold,
heading, display) on the tasks stage's results with 200 participants and 50 tasks (ranking and quadrant chart),
and on the Review's comparison of a launch and a renewal with as many; it draws 60 frames back to back
(--bench-frames), then its VmHWM (peak resident set, /proc/PID/status) is read, and its resident memory is
broken down by mapping (/proc/PID/smaps). The floor (copk_bench_floor --wait: a GLFW window with the same ImGui
backends, one line of text) is read the same way, at the same sizes.
"""
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from gui_bench import (Stats, open_compare_tasks, XServer, bench_run, check, mapped_kib, memory_kib, run_bench, seed, start,  # noqa: E402
                       wait_quiet)
from bench_common import emit, row, verdict  # noqa: E402

TARGET_MB = 80.0


def mb(kib):
    return kib / 1024.0


def breakdown(pid):
    """Resident MB by kind: libraries (mapped files), the heap and other anonymous memory (with the largest
    anonymous mappings, where Mesa keeps its buffers), shared memory (the X server's image of the window)."""
    kinds = {"libraries": 0, "heap": 0, "anonymous": 0, "shared": 0}
    large = []
    for name, kib in mapped_kib(pid).items():
        if name == "[heap]":
            kinds["heap"] += kib
        elif name in ("[anonymous]", "[stack]", "[vvar]", "[vdso]") or name.startswith("[anon"):
            kinds["anonymous"] += kib
        elif name.startswith("/SYSV") or "(deleted)" in name or name.startswith("/dev/shm") or name.startswith("/memfd"):
            kinds["shared"] += kib
        else:
            kinds["libraries"] += kib
    return kinds


def largest_anonymous(pid, count=4):
    """The sizes (MB) of the largest resident anonymous mappings."""
    sizes = []
    current_anon = False
    with open("/proc/%d/smaps" % pid) as file:
        for line in file:
            fields = line.split()
            if fields and "-" in fields[0] and not fields[0].endswith(":"):
                current_anon = len(fields) < 6
            elif fields and fields[0] == "Rss:" and current_anon:
                sizes.append(int(fields[1]))
    return [mb(s) for s in sorted(sizes, reverse=True)[:count]]


def floor_memory(floor, size):
    with XServer(size="%sx24" % size) as x:
        process = subprocess.Popen([floor, "--windowed", size, "--exit-after-frames", "60", "--wait"], env=x.env(),
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            stats_settled = time.monotonic() + 3.0  # 60 frames, then it waits: nothing more is allocated
            while time.monotonic() < stats_settled:
                if process.poll() is not None:
                    check(False, "the floor exited: %s" % process.stderr.read())
                time.sleep(0.1)
            return memory_kib(process.pid), breakdown(process.pid), largest_anonymous(process.pid)
        finally:
            process.terminate()
            process.wait(timeout=10)


def kiosk_memory(binary, db, work, size, name, navigate):
    with XServer(size="%sx24" % size) as x:
        kiosk, stats = start(binary, x, db, work, size, name, "facilitator", 60)
        try:
            navigate(kiosk)
            wait_quiet(kiosk, stats)
            bench_run(kiosk, stats, 1)
            wait_quiet(kiosk, stats)
            result = memory_kib(kiosk.pid), breakdown(kiosk.pid), largest_anonymous(kiosk.pid), Stats(stats).atlas
            kiosk.terminate()
            return result
        finally:
            kiosk.cleanup()


def main():
    build = pathlib.Path(sys.argv[1]).resolve()
    binary, floor = str(build / "cop-kiosk"), str(build / "copk_bench_floor")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-bench-memory-"))
    rows, notes = [], []
    try:
        tasks, compare = work / "tasks.db", work / "compare.db"
        seed(build, ["tasks", "revealed", 200, 50], tasks)
        seed(build, ["compare", 200, 50], compare)

        def to_tasks(kiosk):
            kiosk.wait_for_screen("stage.tasks", timeout=60)

        for size in ("3840x2160", "1920x1080"):
            base, base_kinds, base_large = floor_memory(floor, size)
            print("%s floor: VmHWM %.1f MB %s, largest anonymous %s" % (size, mb(base["VmHWM"]), base_kinds, base_large))
            rows.append(row("%s: the floor (GLFW + ImGui window, one line of text)" % size, "%.1f MB" % mb(base["VmHWM"])))
            screens = [("tasks results (ranking + quadrant chart)", tasks, to_tasks)]
            if size == "3840x2160":
                screens.append(("Review comparison, tasks section", compare, open_compare_tasks))
            for label, db, navigate in screens:
                mem, kinds, large, atlas = kiosk_memory(binary, db, work, size, "memory", navigate)
                peak = mb(mem["VmHWM"])
                print("%s cop-kiosk on %s: VmHWM %.1f MB, %s, largest anonymous %s, atlas %s"
                      % (size, label, peak, kinds, large, atlas))
                four_k = size == "3840x2160"
                rows.append(row("%s: cop-kiosk on the %s (%.1f MB above the floor)" % (size, label, peak - mb(base["VmHWM"])),
                                "%.1f MB" % peak, "", "", "< 80 MB" if four_k else "",
                                verdict(peak < TARGET_MB) if four_k else ""))
                if label.startswith("tasks"):
                    notes.append(
                        "At %s, cop-kiosk's resident memory on the tasks results: %.0f MB of libraries (Mesa, LLVM, "
                        "ImGui, SQLite, the C++ runtime; the floor maps %.0f MB of them), %.0f MB of shared memory "
                        "(the X server's image of the window; floor %.0f MB), %.0f MB of heap and %.0f MB of other "
                        "anonymous memory (floor %.0f and %.0f MB), whose largest mappings are %s MB (the floor's %s MB: "
                        "Mesa's colour buffer of the window is %.1f MB at this size). The font atlas is %dx%d pixels, "
                        "one byte each: %.1f MB in Mesa's texture."
                        % (size, mb(kinds["libraries"]), mb(base_kinds["libraries"]), mb(kinds["shared"]),
                           mb(base_kinds["shared"]), mb(kinds["heap"]), mb(kinds["anonymous"]), mb(base_kinds["heap"]),
                           mb(base_kinds["anonymous"]), ", ".join("%.1f" % v for v in large),
                           ", ".join("%.1f" % v for v in base_large),
                           int(size.split("x")[0]) * int(size.split("x")[1]) * 4 / 1048576.0,
                           atlas[0] if atlas else 0, atlas[1] if atlas else 0,
                           (atlas[0] * atlas[1] / 1048576.0) if atlas else 0))
        emit("Memory: peak resident set", 70, rows, [
            "VmHWM (the peak resident set, /proc/PID/status) once the screen is up and has drawn 60 frames back to back "
            "(--bench-frames), with 200 participants and 50 tasks seeded through the store; the floor "
            "(copk_bench_floor --wait) is read the same way after 60 frames. With Mesa llvmpipe the window's pixels live "
            "in the process (the colour buffer, and the X server's shared image of the window), and Mesa, LLVM and "
            "the other libraries are mapped into it: the floor alone is above the 80 MB target at 3840x2160."] + notes)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    run_bench(main)

"""Start-up: from starting the process to its first presented frame, cop-kiosk against the floor.

Run by scripts/bench with the release build:  /usr/bin/python3 tests/bench/bench_startup.py BUILD_DIR [RUNS]
The floor (copk_bench_floor, tests/bench/floor_window.cpp) is the least a program on the same stack does: a
GLFW window, the same ImGui GLFW and OpenGL3 backends, one ImGui window with one line of text, presented.
Both run with --windowed WxH --exit-after-frames 1 --frame-stats PATH on one private Xvfb, alternately (so
both see the same load), and both write "phase first_swap SECONDS" (CLOCK_MONOTONIC) when their first
glfwSwapBuffers returns. The time is from just before the benchmark starts the process (time.monotonic(),
the same clock) to that line. cop-kiosk opens the demo database (cop-kiosk demo) on its home screen.
"""
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from gui_bench import Stats, XServer, check, run_bench  # noqa: E402
from bench_common import emit, ms, row, summary, verdict  # noqa: E402


# cop-kiosk's phases on its main thread, in order, as "phase" lines name them, and what each covers. The font
# atlas is built on a second thread from just after glfwInit ("fonts_built"), while the window opens.
PHASES = [("main", "exec, loading libraries, to main()"), ("glfw_init", "glfwInit (X connection)"),
          ("window", "window and OpenGL context (Mesa llvmpipe)"),
          ("database", "opening the database (checks, migrations)"),
          ("fonts_joined", "waiting for the font atlas"),
          ("imgui_init", "ImGui's backends, their shaders, the atlas uploaded"),
          ("reload", "first read of the database"), ("fonts", "fonts built again (only if the window's height differs)"),
          ("ui", "first frame's UI built"), ("first_swap", "first frame drawn and shown")]


def one_run(command, xserver, stats_path):
    started = time.monotonic()
    result = subprocess.run(command + ["--exit-after-frames", "1", "--frame-stats", str(stats_path)],
                            env=xserver.env(), stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    check(result.returncode == 0, "%s failed (%d): %s" % (command[0], result.returncode, result.stderr[-1500:]))
    phases = Stats(stats_path).phases
    check("first_swap" in phases, "%s wrote no first_swap phase" % command[0])
    return started, phases


def main():
    build = pathlib.Path(sys.argv[1]).resolve()
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    binary, floor = str(build / "cop-kiosk"), str(build / "copk_bench_floor")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-bench-startup-"))
    rows, lines = [], []
    try:
        db = work / "demo.db"
        made = subprocess.run([binary, "demo", "--db", str(db)], capture_output=True, text=True, timeout=120)
        check(made.returncode == 0, "cop-kiosk demo failed: %s" % made.stderr)
        for size in ("1920x1080", "3840x2160"):
            with XServer(size="%sx24" % size) as x:
                commands = {"floor": [floor, "--windowed", size],
                            "kiosk": [binary, "--db", str(db), "--windowed", size]}
                times = {"floor": [], "kiosk": []}
                ratios, phase_ms = [], {name: [] for name, _ in PHASES + [("fonts_built", "")]}
                for attempt in range(runs + 1):  # the first pair warms the page cache and is not counted
                    pair = {}
                    for name in ("floor", "kiosk") if attempt % 2 == 0 else ("kiosk", "floor"):
                        started, phases = one_run(commands[name], x, work / ("%s.txt" % name))
                        pair[name] = (phases["first_swap"] - started) * 1000.0
                        if name == "kiosk" and attempt > 0:
                            previous = started
                            for phase, _ in PHASES:
                                phase_ms[phase].append((phases[phase] - previous) * 1000.0)
                                previous = phases[phase]
                            phase_ms["fonts_built"].append((phases["fonts_built"] - phases["glfw_init"]) * 1000.0)
                    if attempt > 0:
                        for name in pair:
                            times[name].append(pair[name])
                        ratios.append(pair["kiosk"] / pair["floor"])
                f, k, r = summary(times["floor"]), summary(times["kiosk"]), summary(ratios)
                ratio = k["median"] / f["median"]
                print("%s: floor median %.1f ms (%.1f-%.1f), cop-kiosk median %.1f ms (%.1f-%.1f), ratio %.2f"
                      % (size, f["median"], f["min"], f["max"], k["median"], k["min"], k["max"], ratio))
                spread = lambda s: "%s–%s" % (ms(s["min"]), ms(s["max"]))  # noqa: E731
                rows += [row("%s: the floor (GLFW + ImGui window, one line of text)" % size, ms(f["median"]), ms(f["p95"]),
                             spread(f)),
                         row("%s: cop-kiosk, demo database, home screen" % size, ms(k["median"]), ms(k["p95"]), spread(k)),
                         row("%s: ratio cop-kiosk / floor (medians; range of the %d paired runs)" % (size, runs),
                             "%.2f" % ratio, "", "%.2f–%.2f" % (r["min"], r["max"]), "≤ 1.3", verdict(ratio <= 1.3))]
                parts = []
                for phase, what in PHASES:
                    p = summary(phase_ms[phase])
                    parts.append("%s %.1f ms" % (what, p["median"]))
                    print("  %-12s median %6.1f ms  range %.1f-%.1f  (%s)" % (phase, p["median"], p["min"], p["max"], what))
                built = summary(phase_ms["fonts_built"])
                print("  font atlas built on its own thread in %.1f ms (median)" % built["median"])
                lines.append("At %s, cop-kiosk's start-up by phase (medians): %s; meanwhile, on a second thread, the "
                             "font atlas took %.1f ms." % (size, "; ".join(parts), built["median"]))
        emit("Start-up: process start to first frame", 10, rows, [
            "Each program is started %d times per size after one warm-up, alternating with the other on one private "
            "Xvfb, and measured from just before the process is started (Python's time.monotonic(), CLOCK_MONOTONIC) "
            "to the return of its first glfwSwapBuffers, which it stamps on the same clock (--frame-stats; the floor, "
            "tests/bench/floor_window.cpp, writes the same line). Both use a %s window of that size, the same GLFW "
            "window hints, swap interval, ImGui backends and GLSL version; the floor draws ImGui's built-in font, "
            "cop-kiosk builds its four DejaVu fonts at sizes derived from the window height and opens its database. "
            "Both then quit (--exit-after-frames 1)." % (runs, "windowed"),
            " ".join(lines)])
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    run_bench(main)

"""What the GUI's benchmarks share (bench_startup, bench_idle, bench_frames, bench_click, bench_scale,
bench_memory): busy databases, the program started with --frame-stats, its frame records, its CPU and memory.

--frame-stats PATH (kiosk/frame_stats.h) makes cop-kiosk write one line per start-up phase and per drawn frame,
flushed as it goes; --bench-frames N makes each SIGUSR1 draw N frames back to back, marked as bench frames, and
then a "bench_done K" line. Only the Python standard library is used (run with Debian's /usr/bin/python3).
"""
import ctypes
import ctypes.util
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "e2e"))
from kiosk_driver import Kiosk, XServer, check, cpu_seconds, wait_until  # noqa: E402,F401
from bench_common import percentile  # noqa: E402

CLOCK_TICK_SECONDS = 1.0 / os.sysconf("SC_CLK_TCK")
HOLD_SECONDS = 0.012  # xdotool's click holds the button this long


def seed(build, args, dest):
    """Runs copk_bench_seed ARGS... to create `dest`. The writing happens in /dev/shm (a memory file system,
    where the store's fsync per commit costs nothing) and the closed file is then copied to `dest`: seeding
    10,000 check-ins and ballots one transaction each takes seconds instead of minutes. The benchmark itself
    then runs on `dest`, on the ordinary disk."""
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="copk-seed-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
    try:
        db = scratch / "seed.db"
        result = subprocess.run([str(pathlib.Path(build) / "copk_bench_seed"), args[0], str(db)] + [str(a) for a in args[1:]],
                                capture_output=True, text=True, timeout=300)
        check(result.returncode == 0, "copk_bench_seed %s failed: %s" % (" ".join(map(str, args)), result.stderr.strip()))
        check(not (scratch / "seed.db-wal").exists(), "the seeded database kept a -wal file")
        shutil.copyfile(db, dest)
        return result.stdout
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


class Stats:
    """The records of one --frame-stats file, read again on every call to refresh()."""

    def __init__(self, path):
        self.path = pathlib.Path(path)
        self.phases, self.frames, self.bench_runs, self.atlas = {}, [], 0, None
        self.refresh()

    def refresh(self):
        self.phases, self.frames, self.bench_runs = {}, [], 0
        try:
            text = self.path.read_text()
        except OSError:
            return self
        for line in text.split("\n")[:-1]:  # the last piece is empty, or a line still being written
            fields = line.split()
            if not fields:
                continue
            if fields[0] == "phase" and len(fields) == 3:
                self.phases[fields[1]] = float(fields[2])
            elif fields[0] == "frame" and len(fields) == 12:
                self.frames.append({"n": int(fields[1]), "screen": fields[2], "bench": fields[3] == "1",
                                    "reload": float(fields[4]), "ui": float(fields[5]), "render": float(fields[6]),
                                    "dump": float(fields[7]), "process": float(fields[8]), "wall": float(fields[9]),
                                    "part": int(fields[10]), "start": float(fields[11]), "run": self.bench_runs + 1 if fields[3] == "1" else 0})
            elif fields[0] == "bench_done":
                self.bench_runs = int(fields[1])
            elif fields[0] == "atlas" and len(fields) == 3:
                self.atlas = (int(fields[1]), int(fields[2]))
        return self

    def run(self, index):
        """The frames of the index-th --bench-frames run (1-based)."""
        return [f for f in self.frames if f["bench"] and f["run"] == index]


def start(binary, xserver, db, workdir, size, name, role="facilitator", bench_frames=0, extra=()):
    """Starts cop-kiosk with --frame-stats (and --bench-frames); returns (kiosk, stats path)."""
    stats = pathlib.Path(workdir) / ("%s-frames.txt" % name)
    args = ["--frame-stats", str(stats)] + (["--role", role] if role != "facilitator" else [])
    if bench_frames:
        args += ["--bench-frames", str(bench_frames)]
    kiosk = Kiosk(binary, xserver, str(db), workdir, size=size, name=name, extra_args=args + list(extra))
    kiosk.start()
    return kiosk, stats


def open_compare_tasks(kiosk):
    """From the console's home: Review (Ctrl+R), compare the newest workshop with its previous one, tasks section.
    Both the frame-time and the memory benchmark measure this screen."""
    kiosk.wait_for_screen("home", timeout=60)
    kiosk.find_window()
    kiosk.key("ctrl+r")
    kiosk.click("review.workshop.0.compare", screen="review.list")
    kiosk.click("review.compare.section.tasks", screen="review.compare")
    kiosk.wait_for_dump(lambda d: any(r["id"].startswith("review.compare.tasks.") for r in d.get("readouts", [])),
                        "the comparison's tasks section")


def wait_quiet(kiosk, stats_path, quiet=0.6, timeout=30.0):
    """Waits until the program has drawn no frame for `quiet` seconds (its burst after input, its settle frames
    and any reload are over)."""
    deadline = time.monotonic() + timeout
    last_count, last_change = -1, time.monotonic()
    while time.monotonic() < deadline:
        check(kiosk.alive(), "the program exited: %s" % kiosk.stderr_text()[-1500:])
        count = len(Stats(stats_path).frames)
        now = time.monotonic()
        if count != last_count:
            last_count, last_change = count, now
        elif now - last_change >= quiet:
            return count
        time.sleep(0.05)
    raise AssertionError("the program kept drawing for %.0f s" % timeout)


def bench_run(kiosk, stats_path, index, timeout=120.0):
    """Asks for one --bench-frames run (SIGUSR1) and returns its frames once it has ended."""
    os.kill(kiosk.pid, signal.SIGUSR1)
    stats = wait_until(lambda: Stats(stats_path) if Stats(stats_path).bench_runs >= index else None, timeout,
                       "bench run %d to end" % index, interval=0.05)
    return stats.run(index)


def summarise(frames, key):
    values = [f[key] for f in frames]
    return {"p50": percentile(values, 50), "p95": percentile(values, 95), "min": min(values), "max": max(values)}


def memory_kib(pid):
    """VmHWM, VmRSS, RssAnon, RssFile, RssShmem of a process, in KiB."""
    out = {}
    with open("/proc/%d/status" % pid) as file:
        for line in file:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS", "RssAnon", "RssFile", "RssShmem"):
                out[key] = int(value.split()[0])
    return out


def mapped_kib(pid):
    """Resident KiB by what is mapped (/proc/PID/smaps): each library or file, [heap], anonymous mappings, shared
    memory. Returns {name: kib}."""
    totals = {}
    name = None
    with open("/proc/%d/smaps" % pid) as file:
        for line in file:
            fields = line.split()
            if not fields:
                continue
            if "-" in fields[0] and len(fields) >= 5 and not fields[0].endswith(":"):
                name = fields[5] if len(fields) >= 6 else "[anonymous]"
                if len(fields) > 6:
                    name = " ".join(fields[5:])
            elif fields[0] == "Rss:":
                totals[name] = totals.get(name, 0) + int(fields[1])
    return totals


def run_bench(body):
    """Runs body() and exits 0, or 1 with the reason on stderr. Unlike kiosk_driver.run_main it prints nothing
    after the body: the body's last line (bench_common.emit) must stay the script's last line of output."""
    from kiosk_driver import Failure
    try:
        body()
    except Failure as failure:
        print("FAIL (%s): %s" % (pathlib.Path(sys.argv[0]).stem, failure), file=sys.stderr)
        sys.exit(1)
    except Exception:  # a harness error is a failure too, with its traceback
        import traceback

        traceback.print_exc()
        sys.exit(1)
    sys.exit(0)


class Pointer:
    """The X server's pointer button, pressed through the XTest extension (what xdotool uses)."""

    def __init__(self, display):
        self.x11 = ctypes.CDLL(ctypes.util.find_library("X11"))
        self.xtst = ctypes.CDLL(ctypes.util.find_library("Xtst"))
        self.x11.XOpenDisplay.restype = ctypes.c_void_p
        self.x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x11.XFlush.argtypes = [ctypes.c_void_p]
        self.x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
        self.display = self.x11.XOpenDisplay(display.encode())
        check(self.display, "cannot open the X display %s" % display)

    def click(self):
        """Returns the CLOCK_MONOTONIC time just before the press."""
        started = time.monotonic()
        self.xtst.XTestFakeButtonEvent(self.display, 1, 1, 0)
        self.x11.XFlush(self.display)
        time.sleep(HOLD_SECONDS)
        self.xtst.XTestFakeButtonEvent(self.display, 1, 0, 0)
        self.x11.XFlush(self.display)
        return started

    def close(self):
        self.x11.XCloseDisplay(self.display)

"""A small harness that drives the real cop-kiosk binary on its own private X server.

Each test gets an Xvfb of its own (so it never depends on the caller's DISPLAY), starts the program with
--layout-dump, and finds widgets through that dump: every interactive widget is listed with a stable id and
its rectangle in window pixels, so a click is "xdotool mousemove --window WID cx cy click 1" on its centre.

Waiting is always for a condition (the dump shows a screen or an item, a file appears, a process ends), polled
at short intervals against a deadline: never a bare sleep standing in for a condition.

Only the Python standard library is used (run with Debian's /usr/bin/python3).
"""

import ctypes
import ctypes.util
import hashlib
import json
import os
import pathlib
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unprivileged  # noqa: E402

POLL_INTERVAL = 0.02
DEFAULT_TIMEOUT = 20.0
# A sanitized build (scripts/test --sanitize) runs several times slower: scripts/test sets
# COPK_TIMEOUT_FACTOR and every wait on the program (conditions, exits, commands) is stretched by it.
# Limits that ARE the behaviour under test (idle CPU, SIGTERM latency) stay as the tests set them.
TIMEOUT_FACTOR = max(1.0, float(os.environ.get("COPK_TIMEOUT_FACTOR") or 1))
# xdotool's key --delay is split between press and release: 120 ms holds a key for about 60 ms, like a
# finger does. (Dear ImGui 1.86 keeps keys as a down/up state, so a press and its release delivered in
# one batch of events would never be seen as "down"; no human types that fast.)
KEY_DELAY_MS = 120
TYPE_DELAY_MS = 20


class Failure(Exception):
    """A test expectation that did not hold; the message says what and why."""


def check(condition, message):
    if not condition:
        raise Failure(message)


def binary_from_argv():
    if len(sys.argv) < 2:
        print("usage: %s /path/to/cop-kiosk" % sys.argv[0], file=sys.stderr)
        sys.exit(2)
    path = os.path.abspath(sys.argv[1])
    if not os.access(path, os.X_OK):
        print("FAIL: %s is not an executable" % path, file=sys.stderr)
        sys.exit(1)
    return path


def artifacts_dir(test_name):
    """COPK_ARTIFACTS_DIR/<test_name>, emptied of the previous run's files, created if missing."""
    base = os.environ.get("COPK_ARTIFACTS_DIR") or os.path.join(tempfile.gettempdir(), "copk-artifacts")
    folder = pathlib.Path(base) / test_name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def run_main(body):
    """Runs body(); exits 0 when it returns, 1 with a clear reason when it fails."""
    name = os.path.splitext(os.path.basename(sys.argv[0]))[0]
    try:
        body()
    except Failure as failure:
        print("FAIL (%s): %s" % (name, failure), file=sys.stderr)
        sys.exit(1)
    except Exception:  # a harness error is a failure too, with its traceback
        import traceback

        traceback.print_exc()
        print("FAIL (%s): unexpected error (see the traceback above)" % name, file=sys.stderr)
        sys.exit(1)
    print("PASS (%s)" % name)
    sys.exit(0)


def wait_until(predicate, timeout=DEFAULT_TIMEOUT, what="a condition", interval=POLL_INTERVAL, on_timeout=None):
    """Polls predicate() until it returns something truthy, and returns that; raises Failure after timeout
    (stretched by TIMEOUT_FACTOR)."""
    timeout *= TIMEOUT_FACTOR
    deadline = time.monotonic() + timeout
    slept = 0.0
    while True:
        value = predicate()
        if value:
            return value
        # Out of time only when this loop has also slept for half of it: a virtual machine paused for a while
        # moves the monotonic clock on at once, while the program under test, paused too, has not had a moment
        # to answer. (Two tests once timed out at the same moment in a fresh clone, each waiting on a different
        # window, and passed on the next run; a pause of the machine is the likeliest cause, not a proven one.)
        if time.monotonic() >= deadline and slept >= 0.5 * timeout:
            detail = ""
            if on_timeout is not None:
                try:
                    detail = " " + on_timeout()
                except Exception as error:  # the diagnosis must not hide the failure
                    detail = " (diagnosis failed: %s)" % error
            raise Failure("timed out after %.1f s waiting for %s.%s" % (timeout, what, detail))
        time.sleep(interval)
        slept += interval


def sha256(path):
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def png_size(path):
    """(width, height) from a PNG's IHDR; raises Failure if the file is not a PNG."""
    with open(path, "rb") as file:
        head = file.read(33)
    check(len(head) == 33, "%s is too short to be a PNG (%d bytes)" % (path, len(head)))
    check(head[:8] == b"\x89PNG\r\n\x1a\n", "%s does not start with the PNG signature" % path)
    length, kind = struct.unpack(">I4s", head[8:16])
    check(kind == b"IHDR" and length == 13, "%s has no IHDR chunk first" % path)
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def check_png(path):
    """(width, height) of a PNG after checking it whole: signature, IHDR, every chunk's CRC, IEND, and image data
    that inflates to exactly the rows the header announces."""
    import zlib

    width, height = png_size(path)
    with open(path, "rb") as file:
        data = file.read()
    position, idat, chunks = 8, b"", []
    while position < len(data):
        check(position + 12 <= len(data), "%s: truncated chunk at byte %d" % (path, position))
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length:position + 12 + length])
        check(len(body) == length and zlib.crc32(kind + body) & 0xFFFFFFFF == crc,
              "%s: chunk %r at byte %d is damaged" % (path, kind, position))
        chunks.append(kind)
        if kind == b"IDAT":
            idat += body
        position += 12 + length
    check(chunks and chunks[-1] == b"IEND", "%s does not end with IEND" % path)
    bit_depth, colour_type = data[24], data[25]
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}.get(colour_type)
    check(channels and bit_depth == 8, "%s: unexpected colour type %d / bit depth %d" % (path, colour_type, bit_depth))
    raw = zlib.decompress(idat)
    check(len(raw) == height * (1 + width * channels), "%s: image data holds %d bytes, expected %d"
          % (path, len(raw), height * (1 + width * channels)))
    return width, height


def sanitizer_report(pid):
    """The AddressSanitizer/UBSan/LeakSanitizer report that process `pid` wrote, or "" if none.

    scripts/test --sanitize sets ASAN_OPTIONS/UBSAN_OPTIONS log_path=<COPK_SANITIZER_LOG>, so a sanitized
    program writes any finding to <COPK_SANITIZER_LOG>.<pid> (scripts/test also fails the run on any such
    file left over, for processes this harness did not start)."""
    base = os.environ.get("COPK_SANITIZER_LOG")
    if not base or not pid:
        return ""
    try:
        return pathlib.Path("%s.%d" % (base, pid)).read_text(errors="replace")
    except OSError:
        return ""


def check_no_sanitizer_report(pid, what="the program"):
    report = sanitizer_report(pid)
    check(not report, "%s (pid %s) has a sanitizer finding:\n%s" % (what, pid, report[-6000:]))


def run_cli(binary, args, env=None, user=None, timeout=60):
    """Runs a headless command; returns CompletedProcess with text stdout/stderr. Fails if a sanitized binary
    reports a finding."""
    command = unprivileged.command_for(user, binary) + list(args)
    process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout * TIMEOUT_FACTOR)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise
    # Under runuser the program is runuser's child, gone by now: its report is caught by scripts/test's final
    # check of the report folder instead.
    check_no_sanitizer_report(process.pid, "%s %s" % (os.path.basename(binary), " ".join(map(str, args))))
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


# ---- The X server ---------------------------------------------------------------------------------------
# Characters beyond ASCII that `type_text` can type. xdotool types a character missing from the keymap by
# remapping a spare keycode for an instant, which races the program's own reading of the keymap (characters
# come out lower-cased or are lost). So the X server's keymap gets these characters before the program
# starts: each on a spare keycode, lower case unshifted and upper case with Shift.
DEFAULT_EXTRA_CHARS = "\u00e9\u00e8\u00ea\u00eb\u00e0\u00e2\u00e7\u00f4\u00f6\u00fc\u00ef\u00ee\u00f1\u2014\u2013\u2019"


def _load_x11():
    library = ctypes.util.find_library("X11")
    if not library:
        raise Failure("libX11 is not installed")
    x11 = ctypes.CDLL(library)
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    x11.XDisplayKeycodes.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int)]
    x11.XGetKeyboardMapping.restype = ctypes.POINTER(ctypes.c_ulong)
    x11.XGetKeyboardMapping.argtypes = [ctypes.c_void_p, ctypes.c_ubyte, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
    x11.XChangeKeyboardMapping.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                           ctypes.POINTER(ctypes.c_ulong), ctypes.c_int]
    x11.XStringToKeysym.restype = ctypes.c_ulong
    x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
    x11.XFree.argtypes = [ctypes.c_void_p]
    x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    return x11


def _keysym(x11, char):
    keysym = x11.XStringToKeysym(("U%04X" % ord(char)).encode())
    check(keysym != 0, "no X keysym for %r" % char)
    return keysym


class XServer:
    """A private Xvfb, its display number read from -displayfd once the server is ready."""

    def __init__(self, size="3840x2160x24", allow_any_client=False, log_dir=None, extra_chars=""):
        self.size = size
        self.allow_any_client = allow_any_client
        self.log_dir = log_dir
        self.extra_chars = DEFAULT_EXTRA_CHARS + extra_chars
        self.typeable = set()
        self.process = None
        self.display = None
        self._log = None

    def start(self, timeout=15.0):
        read_fd, write_fd = os.pipe()
        command = ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", self.size, "-nolisten", "tcp", "-noreset"]
        if self.allow_any_client:
            command.append("-ac")  # another user (runuser -u nobody) may connect
        log_path = os.path.join(self.log_dir, "xvfb.log") if self.log_dir else os.devnull
        self._log = open(log_path, "wb")
        self.process = subprocess.Popen(command, pass_fds=(write_fd,), stdout=self._log, stderr=self._log,
                                        stdin=subprocess.DEVNULL, start_new_session=True)
        os.close(write_fd)
        data = b""
        deadline = time.monotonic() + timeout
        try:
            while not data.endswith(b"\n"):
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.process.poll() is not None:
                    raise Failure("Xvfb did not report a display within %.0f s (exit code %s, see %s)"
                                  % (timeout, self.process.poll(), log_path))
                ready, _, _ = select.select([read_fd], [], [], min(remaining, 0.5))
                if ready:
                    chunk = os.read(read_fd, 64)
                    if not chunk:
                        raise Failure("Xvfb closed -displayfd without a display number (see %s)" % log_path)
                    data += chunk
        finally:
            os.close(read_fd)
        self.display = ":" + data.decode().strip()
        self._map_extra_chars()
        return self

    def _map_extra_chars(self):
        """Puts every extra character on a spare keycode (see DEFAULT_EXTRA_CHARS)."""
        pairs = []
        for char in self.extra_chars:
            lower, upper = char.lower(), char.upper()
            if len(lower) != 1 or len(upper) != 1:
                lower = upper = char
            if (lower, upper) not in pairs:
                pairs.append((lower, upper))
        x11 = _load_x11()
        display = x11.XOpenDisplay(self.display.encode())
        check(display, "cannot open the X display %s to set up its keymap" % self.display)
        try:
            low, high = ctypes.c_int(), ctypes.c_int()
            x11.XDisplayKeycodes(display, ctypes.byref(low), ctypes.byref(high))
            count = high.value - low.value + 1
            per = ctypes.c_int()
            symbols = x11.XGetKeyboardMapping(display, low.value, count, ctypes.byref(per))
            taken = set()
            spare = []
            for index in range(count):
                row = [symbols[index * per.value + j] for j in range(per.value)]
                taken.update(row)
                if not any(row) and low.value + index > 8:
                    spare.append(low.value + index)
            x11.XFree(symbols)
            for lower, upper in pairs:
                keysyms = (_keysym(x11, lower), _keysym(x11, upper))
                if keysyms[0] in taken and keysyms[1] in taken:
                    self.typeable.update((lower, upper))
                    continue
                check(spare, "no spare keycode left for %r: type fewer distinct non-ASCII characters" % lower)
                array = (ctypes.c_ulong * 2)(*keysyms)
                x11.XChangeKeyboardMapping(display, spare.pop(0), 2, array, 1)
                self.typeable.update((lower, upper))
            x11.XSync(display, 0)
        finally:
            x11.XCloseDisplay(display)

    def env(self, base=None):
        env = dict(os.environ if base is None else base)
        env["DISPLAY"] = self.display
        env.pop("WAYLAND_DISPLAY", None)
        env.pop("XAUTHORITY", None)
        return env

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        if self._log:
            self._log.close()
            self._log = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False


# ---- The program ------------------------------------------------------------------------------------------
class Kiosk:
    """One run of the GUI on an XServer, driven through its layout dump and xdotool."""

    def __init__(self, binary, xserver, db, workdir, size="1280x720", extra_args=(), user=None, name="kiosk",
                 env=None):
        self.binary = binary
        self.x = xserver
        self.db = str(db)
        self.workdir = pathlib.Path(workdir)
        self.size = size
        self.extra_args = list(extra_args)
        self.user = user
        self.name = name
        self.layout_path = self.workdir / ("%s-layout.json" % name)
        self.stderr_path = self.workdir / ("%s-stderr.txt" % name)
        self.base_env = env
        self.process = None
        self.window = None
        self._stderr = None
        self.exit_code = None
        self._program_pid = None

    # -- life cycle
    def start(self):
        if self.layout_path.exists():
            self.layout_path.unlink()
        command = unprivileged.command_for(self.user, self.binary) + ["--db", self.db, "--layout-dump", str(self.layout_path)]
        if self.size:
            command += ["--windowed", self.size]
        command += self.extra_args
        self._stderr = open(self.stderr_path, "wb")
        self.process = subprocess.Popen(command, env=self.x.env(self.base_env), stdin=subprocess.DEVNULL,
                                        stdout=self._stderr, stderr=subprocess.STDOUT)
        self._program_pid = None
        return self

    @property
    def pid(self):
        """The program's own process id (under runuser, the child that runuser started)."""
        if not self.user:
            return self.process.pid
        if self._program_pid is None:
            self._program_pid = wait_until(lambda: _child_pid(self.process.pid), 10, "the program started by runuser")
        return self._program_pid

    def check_sanitizer_report(self):
        """Fails with the report if this (sanitized) program wrote one. Under runuser the program's pid is
        known only if it was asked for while it ran; otherwise scripts/test's final check catches it."""
        pid = self.process.pid if not self.user else self._program_pid
        check_no_sanitizer_report(pid, "the program %r" % self.name)

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def stderr_text(self):
        try:
            return self.stderr_path.read_text(errors="replace")
        except OSError:
            return ""

    def terminate(self, timeout=5.0):
        """SIGTERM the program, wait for it; returns (exit code, seconds it took)."""
        check(self.alive(), "the program was expected to be running but exited with %s; its output: %s"
              % (self.process.poll(), self.stderr_text().strip()[-2000:]))
        started = time.monotonic()
        os.kill(self.pid, signal.SIGTERM)
        try:
            self.exit_code = self.process.wait(timeout=timeout * TIMEOUT_FACTOR)
        except subprocess.TimeoutExpired:
            raise Failure("the program did not exit within %.1f s of SIGTERM" % (timeout * TIMEOUT_FACTOR))
        self.check_sanitizer_report()
        return self.exit_code, time.monotonic() - started

    def wait_exit(self, timeout=20.0):
        try:
            self.exit_code = self.process.wait(timeout=timeout * TIMEOUT_FACTOR)
        except subprocess.TimeoutExpired:
            raise Failure("the program did not exit within %.1f s" % (timeout * TIMEOUT_FACTOR))
        self.check_sanitizer_report()
        return self.exit_code

    def cleanup(self):
        """Never leaves a process behind: SIGTERM, then SIGKILL. Then fails if the program wrote a sanitizer
        report (a sanitized build's finding fails the test even when the test did not end the program)."""
        if self.process is not None and self.process.poll() is None:
            try:
                os.kill(self.pid, signal.SIGTERM)
            except (OSError, Failure):
                pass
            try:
                self.process.wait(timeout=5 * TIMEOUT_FACTOR)
            except subprocess.TimeoutExpired:
                if self.user:
                    child = _child_pid(self.process.pid)
                    if child:
                        try:
                            os.kill(child, signal.SIGKILL)
                        except OSError:
                            pass
                self.process.kill()
                self.process.wait(timeout=5)
        if self._stderr:
            self._stderr.close()
            self._stderr = None
        if self.process is not None:
            self.check_sanitizer_report()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cleanup()
        return False

    # -- the layout dump
    def layout(self):
        """The current dump as a dict, or None while it does not exist yet."""
        try:
            with open(self.layout_path, encoding="utf-8") as file:
                return json.load(file)
        except (FileNotFoundError, json.JSONDecodeError):
            return None

    def _diagnosis(self):
        dump = self.layout()
        state = "running" if self.alive() else "exited with %s" % self.process.poll()
        if dump is None:
            where = "no layout dump yet"
        else:
            where = "screen %r, frame %s, items %s" % (dump.get("screen"), dump.get("frame"),
                                                        [i["id"] for i in dump.get("items", [])])
        return "Program %s; %s. Program output: %s" % (state, where, self.stderr_text().strip()[-1500:] or "(none)")

    def wait_until(self, predicate, timeout=DEFAULT_TIMEOUT, what="a condition"):
        """wait_until that also fails at once if the program exits, with a diagnosis."""
        def guarded():
            value = predicate()
            if not value and not self.alive():
                raise Failure("the program exited (code %s) while waiting for %s. %s"
                              % (self.process.poll(), what, self._diagnosis()))
            return value

        return wait_until(guarded, timeout, what, on_timeout=self._diagnosis)

    def wait_for_layout(self, timeout=DEFAULT_TIMEOUT):
        return self.wait_until(self.layout, timeout, "the first layout dump")

    def screen(self):
        dump = self.layout()
        return dump and dump.get("screen")

    def wait_for_screen(self, screen_id, timeout=DEFAULT_TIMEOUT):
        return self.wait_until(lambda: _if(self.layout(), lambda d: d.get("screen") == screen_id),
                               timeout, "screen %r" % screen_id)

    def items(self, dump=None):
        dump = dump or self.layout() or {}
        return dump.get("items", [])

    def item(self, item_id, dump=None):
        """The item with this id in the current dump, or None."""
        for entry in self.items(dump):
            if entry["id"] == item_id:
                return entry
        return None

    def find_by_label(self, text, dump=None):
        """The first item whose label contains text, or None."""
        for entry in self.items(dump):
            if text in entry["label"]:
                return entry
        return None

    def ids(self, prefix="", dump=None):
        return [entry["id"] for entry in self.items(dump) if entry["id"].startswith(prefix)]

    def wait_for_item(self, item_id, timeout=DEFAULT_TIMEOUT, screen=None):
        def found():
            dump = self.layout()
            if not dump or (screen and dump.get("screen") != screen):
                return None
            return self.item(item_id, dump)

        return self.wait_until(found, timeout, "item %r%s" % (item_id, " on screen %r" % screen if screen else ""))

    def wait_for_dump(self, predicate, what, timeout=DEFAULT_TIMEOUT):
        """Waits until predicate(dump) holds for the current dump; returns the dump."""
        return self.wait_until(lambda: _if(self.layout(), predicate), timeout, what)

    # -- the window and input
    def find_window(self, timeout=DEFAULT_TIMEOUT):
        def search():
            if self.user:  # runuser's child: find the window by its title
                command = ["xdotool", "search", "--onlyvisible", "--name", "^cop-kiosk$"]
            else:
                command = ["xdotool", "search", "--onlyvisible", "--pid", str(self.process.pid)]
            result = subprocess.run(command, env=self.x.env(), capture_output=True, text=True, timeout=10)
            lines = result.stdout.split()
            return lines[0] if result.returncode == 0 and lines else None

        self.window = self.wait_until(search, timeout, "the program's window to be mapped")
        # No window manager runs: give the window the keyboard focus explicitly.
        self.xdotool("windowfocus", "--sync", self.window)
        return self.window

    def xdotool(self, *args):
        result = subprocess.run(["xdotool"] + [str(a) for a in args], env=self.x.env(), capture_output=True,
                                text=True, timeout=30)
        check(result.returncode == 0, "xdotool %s failed: %s" % (" ".join(map(str, args)), result.stderr.strip()))
        return result.stdout

    def click_item(self, entry):
        check(self.window, "find_window() before clicking")
        x0, y0, x1, y1 = entry["rect"]
        self.xdotool("mousemove", "--window", self.window, (x0 + x1) // 2, (y0 + y1) // 2, "click", "1")

    def click(self, item_id, timeout=DEFAULT_TIMEOUT, screen=None):
        """Waits until the item is listed, then clicks its centre; returns the item."""
        entry = self.wait_for_item(item_id, timeout, screen)
        self.click_item(entry)
        return entry

    def type_text(self, text):
        """Types into the focused field (click into it first)."""
        missing = sorted({c for c in text if not (" " <= c <= "~") and c not in self.x.typeable})
        check(not missing, "the harness cannot type %r reliably: pass it in XServer(extra_chars=...)" % missing)
        self.xdotool("type", "--delay", TYPE_DELAY_MS, "--", text)

    def key(self, *keys):
        self.xdotool("key", "--delay", KEY_DELAY_MS, *keys)

    def screenshot(self, path):
        """Saves the window as a PNG with ImageMagick's import."""
        check(self.window, "find_window() before a screenshot")
        result = subprocess.run(["import", "-window", self.window, str(path)], env=self.x.env(),
                                capture_output=True, text=True, timeout=60)
        check(result.returncode == 0, "import failed: %s" % result.stderr.strip())
        png_size(path)
        return path


def layout_problems(dump):
    """What is wrong with a layout dump's geometry: items outside the window, empty rectangles, duplicate ids,
    and items that overlap (an item drawn under another, or clipped away, cannot be pressed where the dump
    says it is). Empty when the dump is sound. Checked without an overlay open (F1 help covers the screen)."""
    problems = []
    width, height = dump["window"]
    items = dump.get("items", [])
    seen = set()
    for entry in items:
        x0, y0, x1, y1 = entry["rect"]
        if entry["id"] in seen:
            problems.append("id %r is listed twice" % entry["id"])
        seen.add(entry["id"])
        if x1 <= x0 or y1 <= y0:
            problems.append("%s has an empty rectangle %s" % (entry["id"], entry["rect"]))
        if x0 < 0 or y0 < 0 or x1 > width or y1 > height:
            problems.append("%s %s lies (partly) outside the %dx%d window" % (entry["id"], entry["rect"], width, height))
    if any(entry["id"].startswith("help.") for entry in items):
        return problems
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            ax0, ay0, ax1, ay1 = a["rect"]
            bx0, by0, bx1, by1 = b["rect"]
            if min(ax1, bx1) > max(ax0, bx0) and min(ay1, by1) > max(ay0, by0):
                problems.append("%s %s overlaps %s %s" % (a["id"], a["rect"], b["id"], b["rect"]))
    return problems


def _if(value, predicate):
    return value if value and predicate(value) else None


def _child_pid(parent):
    """The first child process of parent, from /proc."""
    try:
        with open("/proc/%d/task/%d/children" % (parent, parent)) as file:
            children = file.read().split()
        if children:
            return int(children[0])
    except OSError:
        pass
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as file:
                fields = file.read().rsplit(")", 1)[1].split()
            if int(fields[1]) == parent:
                return int(entry)
        except (OSError, IndexError, ValueError):
            continue
    return None


def cpu_seconds(pid):
    """utime + stime of a process, in seconds, from /proc/PID/stat."""
    with open("/proc/%d/stat" % pid) as file:
        fields = file.read().rsplit(")", 1)[1].split()
    # fields[0] is the state (field 3); utime and stime are fields 14 and 15.
    ticks = int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")

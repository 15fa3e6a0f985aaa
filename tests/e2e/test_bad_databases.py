"""Databases the program must refuse without touching them.

For each bad file: a text file named x.db, a file of random bytes, an SQLite file with a damaged header, one with
damaged pages, one with zeroed pages, one cut short in the middle of a page and one cut to half its pages, one
written by a "newer" program (PRAGMA user_version = 99), a good database that is read-only for the user running
the program, and a good database (the user's own) in a folder that user cannot write: the GUI must show the "error"
screen, with a message that says what is wrong (checked through the dump's readouts) and what to do next, and keep
running there (not exit, not crash) until SIGTERM, which ends it with code 0; `check`, `list` and `export` must
exit 1 with one line on stderr saying the same; and afterwards the file must be byte-identical (sha256) with no
side files (-wal, -shm, -journal) left in its folder. A database the user may read but not record into (the
read-only cases) is still read by `check`, `list` and `export`, which exit 0. The read-only cases run as the
unprivileged user nobody (root ignores permission bits), against an X server started with -ac so nobody may
connect to it.

Then a good database held by another program (Debian's Python sqlite3 module), in two ways:
- "held-for-writing": BEGIN EXCLUSIVE and an UPDATE, kept open. In WAL mode that takes the write lock only: the
  GUI, which must be able to record, waits out the store's busy wait (5 s) and shows the error screen saying
  another program is using the database; `roster import` (a writer) exits 1 saying the same; `check`, `list` and
  `export` read the last committed state and exit 0 (a coordinator can still export while a kiosk writes).
- "held-exclusively": the same under PRAGMA locking_mode = EXCLUSIVE, which also shuts readers out: the GUI and
  `check`, `list`, `export` all wait out the busy wait, then say another program is using the database (exit 1).
Nothing hangs: every process answers within the busy wait plus a margin. After the other program rolls back and
closes, the file is byte-identical and `check` passes, and the GUI opens it.
Screenshots of every error screen are kept in COPK_ARTIFACTS_DIR/test_bad_databases/.
"""

import json
import os
import pathlib
import random
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_driver import (TIMEOUT_FACTOR, Failure, Kiosk, XServer, artifacts_dir, binary_from_argv,  # noqa: E402
                          check, check_no_sanitizer_report, run_cli, run_main, sha256)

UNPRIVILEGED = "nobody"
# Side files left next to a refused database: collected (every case still runs), they fail the test at the end.
LEFTOVERS = []


def check_no_leftovers(path, listing, who):
    added = sorted(set(folder_listing(path)) - set(listing))
    if added:
        LEFTOVERS.append("%s left %s next to %s" % (who, ", ".join(added), path.name))
        for name in added:  # the next command must start from the same folder
            os.unlink(os.path.join(os.path.dirname(path), name))


def make_demo(binary, path):
    result = run_cli(binary, ["demo", "--db", str(path)])
    check(result.returncode == 0, "demo failed: %s" % result.stderr.strip())
    check(not os.path.exists(str(path) + "-wal"), "demo left a -wal file behind")


def make_text_file(folder):
    path = folder / "x.db"
    path.write_text("Participants: Amélie, Bongani, Chloé\nThis is a text file, not a database.\n" * 40,
                    encoding="utf-8")
    return path


def make_corrupt_header(binary, folder):
    """A real database whose header bytes 16..100 (page size, versions, counters) are junk."""
    path = folder / "corrupt-header.db"
    make_demo(binary, path)
    with open(path, "r+b") as file:
        file.seek(16)
        file.write(bytes((i * 37 + 11) % 256 for i in range(84)))
    return path


def make_corrupt_pages(binary, folder):
    """A real database with an intact first page whose later pages are overwritten with junk."""
    path = folder / "corrupt-pages.db"
    make_demo(binary, path)
    size = path.stat().st_size
    with open(path, "rb") as file:
        header = file.read(100)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    check(size >= 6 * page_size, "the demo database is unexpectedly small (%d bytes)" % size)
    with open(path, "r+b") as file:
        junk = bytes((i * 131 + 7) % 251 for i in range(page_size))
        for page in range(2, size // page_size - 1):  # pages 2.. (1-based: page 1 holds the header)
            file.seek(page * page_size)
            file.write(junk)
    return path


def page_size_of(path):
    with open(path, "rb") as file:
        header = file.read(100)
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def make_random_bytes(binary, folder):
    """As many random bytes (seeded: the same every run) as the demo database has."""
    path = folder / "random-bytes.db"
    make_demo(binary, path)
    size = path.stat().st_size
    path.write_bytes(random.Random(20260601).randbytes(size))
    return path


def make_truncated_mid_page(binary, folder):
    """A real database cut short half-way through its last page, as an interrupted copy leaves it."""
    path = folder / "truncated-mid-page.db"
    make_demo(binary, path)
    size = path.stat().st_size
    with open(path, "r+b") as file:
        file.truncate(size - page_size_of(path) // 2)
    return path


def make_truncated_half(binary, folder):
    """A real database cut to the first half of its pages (whole pages: only the header's page count tells)."""
    path = folder / "truncated-half.db"
    make_demo(binary, path)
    page_size = page_size_of(path)
    pages = path.stat().st_size // page_size
    check(pages >= 8, "the demo database is unexpectedly small (%d pages)" % pages)
    with open(path, "r+b") as file:
        file.truncate(pages // 2 * page_size)
    return path


def make_zeroed_pages(binary, folder):
    """A real database with every third page after page 1 set to zeros, as a failing disk or a sparse copy
    leaves it (the header on page 1 is intact, so SQLite opens it without complaint)."""
    path = folder / "zeroed-pages.db"
    make_demo(binary, path)
    page_size = page_size_of(path)
    pages = path.stat().st_size // page_size
    with open(path, "r+b") as file:
        for page in range(3, pages + 1, 3):  # 1-based page numbers 3, 6, 9...
            file.seek((page - 1) * page_size)
            file.write(bytes(page_size))
    return path


def make_newer_version(binary, folder):
    path = folder / "newer.db"
    make_demo(binary, path)
    result = subprocess.run(["sqlite3", str(path), "PRAGMA user_version = 99;"], capture_output=True, text=True,
                            timeout=30)
    check(result.returncode == 0, "sqlite3 could not set user_version: %s" % result.stderr.strip())
    result = subprocess.run(["sqlite3", str(path), "PRAGMA user_version;"], capture_output=True, text=True,
                            timeout=30)
    check(result.stdout.strip() == "99", "user_version reads %r after setting it to 99" % result.stdout.strip())
    return path


def make_read_only(binary, folder):
    """A good database, copied into a folder that nobody may read but not write."""
    source = folder / "source-for-read-only.db"
    make_demo(binary, source)
    locked = folder / "locked"
    locked.mkdir()
    path = locked / "read-only.db"
    shutil.copyfile(source, path)
    source.unlink()
    os.chmod(path, 0o644)
    os.chmod(locked, 0o755)
    return path


def make_read_only_folder(binary, folder):
    """A good database that belongs to nobody (so nobody may write the file itself) in a folder that nobody
    cannot write: WAL needs its -wal and -shm files beside the database, so nothing could be recorded there.
    The GUI refuses it, naming the folder; check, list and export read it (SQLite reads it as immutable)."""
    source = folder / "source-for-read-only-folder.db"
    make_demo(binary, source)
    locked = folder / "locked-folder"
    locked.mkdir()
    path = locked / "own-file.db"
    shutil.copyfile(source, path)
    source.unlink()
    shutil.chown(path, user=UNPRIVILEGED)
    os.chmod(path, 0o644)
    os.chmod(locked, 0o755)
    return path


def folder_listing(path):
    return sorted(os.listdir(os.path.dirname(path)))


def check_headless_reader(binary, case, path, user, out_root):
    """A sound database the user may only read: the GUI refuses it (it cannot record anything), but a
    coordinator can still check, list and export it, and nothing is written beside it."""
    before = sha256(path)
    listing = folder_listing(path)
    out_dir = out_root / ("export-" + case)
    commands = {
        "check": ["check", "--db", str(path)],
        "list": ["list", "--db", str(path)],
        "export": ["export", "--db", str(path), "--workshop", "latest", "--out", str(out_dir)],
    }
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    for name, args in commands.items():
        result = run_cli(binary, args, env=env, user=user)
        check(result.returncode == 0, "%s: `cop-kiosk %s` exited %d, expected 0 (stderr %r)"
              % (case, name, result.returncode, result.stderr.strip()))
        check(sha256(path) == before, "%s: `cop-kiosk %s` changed the file" % (case, name))
        check_no_leftovers(path, listing, "`cop-kiosk %s`%s" % (name, " (as %s)" % user if user else ""))
        print("  %-13s exit 0" % name)
    check((out_dir / "outcome.json").exists(), "%s: export of a read-only database wrote no outcome.json" % case)


def check_headless(binary, case, path, user, out_root, expect):
    """check, list and export: exit 1, one line on stderr that says `expect`, nothing written."""
    before = sha256(path)
    listing = folder_listing(path)
    out_dir = out_root / ("export-" + case)
    commands = {
        "check": ["check", "--db", str(path)],
        "list": ["list", "--db", str(path)],
        "list --json": ["list", "--db", str(path), "--json"],
        "export": ["export", "--db", str(path), "--workshop", "latest", "--out", str(out_dir)],
    }
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    for name, args in commands.items():
        result = run_cli(binary, args, env=env, user=user)
        lines = result.stderr.splitlines()
        check(result.returncode == 1, "%s: `cop-kiosk %s` exited %d, expected 1 (stdout %r, stderr %r)"
              % (case, name, result.returncode, result.stdout.strip(), result.stderr.strip()))
        check(len(lines) == 1 and lines[0].strip(), "%s: `cop-kiosk %s` should print exactly one line on stderr, "
              "got %r" % (case, name, result.stderr))
        check(expect in lines[0] and path.name in lines[0],
              "%s: `cop-kiosk %s` should say %r and name %s, it says %r" % (case, name, expect, path.name, lines[0]))
        check(sha256(path) == before, "%s: `cop-kiosk %s` changed the file" % (case, name))
        check_no_leftovers(path, listing, "`cop-kiosk %s`%s" % (name, " (as %s)" % user if user else ""))
        print("  %-13s exit 1: %s" % (name, lines[0]))
    check(not (out_dir / "outcome.json").exists(), "%s: export wrote an outcome.json for a refused database" % case)


def readout(dump, readout_id):
    for entry in dump.get("readouts", []):
        if entry["id"] == readout_id:
            return entry["label"]
    return None


def check_error_screen(kiosk, dump, case, expect, advice):
    """The error screen offers only Quit, says `expect` and gives advice that starts with `advice`."""
    check([i["id"] for i in dump["items"]] == ["error.quit"],
          "%s: the error screen should offer only error.quit, it lists %s" % (case, kiosk.ids()))
    message = readout(dump, "error.message") or ""
    check(expect in message, "%s: the error screen should say %r, it says %r" % (case, expect, message))
    what_next = readout(dump, "error.advice") or ""
    check(what_next.startswith(advice), "%s: the error screen's advice should start %r, it is %r"
          % (case, advice, what_next))
    print("  GUI says: %s\n    %s" % (message, what_next))


def check_gui(binary, x, case, path, user, work, art, expect, advice="Nothing was changed in that file. Quit, then"):
    before = sha256(path)
    listing = folder_listing(path)
    kiosk = Kiosk(binary, x, path, work, size="1280x720", user=user, name=case)
    try:
        kiosk.start()
        dump = kiosk.wait_for_screen("error")
        check(kiosk.alive(), "%s: the program exited when showing the error screen" % case)
        check_error_screen(kiosk, dump, case, expect, advice)
        kiosk.find_window()
        kiosk.screenshot(art / ("%s-error-1280x720.png" % case))
        # Still there, still on the error screen, after its first frames and a screenshot.
        check(kiosk.alive(), "%s: the program exited after showing the error screen: %s"
              % (case, kiosk.stderr_text().strip()))
        check(kiosk.screen() == "error", "%s: left the error screen by itself for %r" % (case, kiosk.screen()))
        code, seconds = kiosk.terminate()
        check(code == 0, "%s: SIGTERM on the error screen gave exit code %s; output: %s"
              % (case, code, kiosk.stderr_text().strip()))
        print("  GUI: error screen, alive, SIGTERM -> exit 0 in %.2f s" % seconds)
    finally:
        kiosk.cleanup()
        if (work / ("%s-stderr.txt" % case)).exists():
            shutil.copy(work / ("%s-stderr.txt" % case), art / ("%s-stderr.txt" % case))
    check(sha256(path) == before, "%s: the GUI changed the refused file's bytes" % case)
    check_no_leftovers(path, listing, "the GUI%s" % (" (as %s)" % user if user else ""))


def check_quit_button(binary, x, path, work):
    """The error screen's Quit button ends the program with code 0 and leaves the file alone."""
    before = sha256(path)
    kiosk = Kiosk(binary, x, path, work, size="1280x720", name="quit-button")
    try:
        kiosk.start()
        kiosk.wait_for_screen("error")
        kiosk.find_window()
        kiosk.click("error.quit")
        code = kiosk.wait_exit(10)
        check(code == 0, "the error screen's Quit button exited with %s" % code)
    finally:
        kiosk.cleanup()
    check(sha256(path) == before, "quitting from the error screen changed the file")
    print("  error.quit -> exit 0")


# ---- A database held by another program ------------------------------------------------------------------------
BUSY_WAIT = 5.0  # kBusyTimeoutMs in facilitation/store/store.cpp
BUSY = "Another program is using the database"
# Another program: Debian's Python with its sqlite3 module, holding a write (never committed) until told to stop.
HOLDER = r"""
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":
    connection.execute("PRAGMA locking_mode = EXCLUSIVE")  # readers are shut out too
connection.execute("BEGIN EXCLUSIVE")
connection.execute("UPDATE community SET domain = domain || ' (being edited elsewhere)'")
print("holding", flush=True)
sys.stdin.readline()
connection.execute("ROLLBACK")
connection.close()
print("released", flush=True)
"""


class Holder:
    def __init__(self, path, exclusive):
        self.process = subprocess.Popen(["/usr/bin/python3", "-c", HOLDER, str(path),
                                         "exclusive" if exclusive else "write"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True)
        line = self.process.stdout.readline().strip()
        if line != "holding":
            self.process.kill()
            raise Failure("the other program could not take the database: %r %s"
                          % (line, self.process.stderr.read().strip()))

    def release(self):
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline().strip()
        code = self.process.wait(timeout=10)
        check(line == "released" and code == 0, "the other program did not release the database cleanly: %r, exit "
              "%s, %s" % (line, code, self.process.stderr.read().strip()))

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


def run_clis_together(binary, commands):
    """Starts every command at once (they each wait out the same lock) and waits for all; returns
    {name: (exit code, stdout, stderr, seconds it took)}."""
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    started = time.monotonic()
    running = {name: subprocess.Popen([binary] + args, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True) for name, args in commands.items()}
    ended = {}
    limit = (BUSY_WAIT + 20) * TIMEOUT_FACTOR
    while len(ended) < len(running):
        for name, process in running.items():
            if name not in ended and process.poll() is not None:
                ended[name] = time.monotonic() - started
        if time.monotonic() - started > limit:
            for process in running.values():
                process.kill()
            raise Failure("cop-kiosk %s did not end within %.0f s: it hangs on a held database"
                          % (", ".join(sorted(set(running) - set(ended))), limit))
        time.sleep(0.02)
    results = {}
    for name, process in running.items():
        stdout, stderr = process.communicate()
        check_no_sanitizer_report(process.pid, "cop-kiosk %s" % name)
        results[name] = (process.returncode, stdout, stderr, ended[name])
    return results


def check_held_by_another_program(binary, x, work, logs, out, art, exclusive):
    case = "held-exclusively" if exclusive else "held-for-writing"
    path = work / ("%s.db" % case)
    make_demo(binary, path)
    listed = run_cli(binary, ["list", "--db", str(path), "--json"])
    community = json.loads(listed.stdout)[0]["name"]
    roster = work / ("%s-roster.csv" % case)
    roster.write_text("name,email,level\nAmina Diallo,amina@example.org,core\n", encoding="utf-8")
    before = sha256(path)
    listing = folder_listing(path)
    print("%s (%s, another program holds %s):" % (case, path.name, "it in exclusive locking mode" if exclusive
                                                  else "its write lock"))
    holder = Holder(path, exclusive)
    kiosk = Kiosk(binary, x, path, logs, size="1280x720", name=case)
    try:
        started = time.monotonic()
        kiosk.start()
        commands = {
            "check": ["check", "--db", str(path)],
            "list": ["list", "--db", str(path)],
            "export": ["export", "--db", str(path), "--workshop", "latest", "--out", str(out / ("export-" + case))],
            "roster import": ["roster", "import", "--db", str(path), "--community", community, str(roster)],
        }
        results = run_clis_together(binary, commands)
        dump = kiosk.wait_for_screen("error", timeout=BUSY_WAIT + 20)
        waited = time.monotonic() - started
        check(waited >= BUSY_WAIT - 0.5, "%s: the GUI showed the error screen after %.1f s, before the store's "
              "%.0f s busy wait was out" % (case, waited, BUSY_WAIT))
        check_error_screen(kiosk, dump, case, BUSY, "Nothing was changed in that file. Quit, close the other program")
        kiosk.find_window()
        kiosk.screenshot(art / ("%s-error-1280x720.png" % case))
        print("  GUI: error screen after %.1f s" % waited)
        # Readers are shut out only by an exclusive lock; a writer always is.
        refused = {"check", "list", "export", "roster import"} if exclusive else {"roster import"}
        for name, (code, stdout, stderr, seconds) in results.items():
            lines = stderr.splitlines()
            if name in refused:
                check(code == 1 and len(lines) == 1 and BUSY in lines[0] and path.name in lines[0],
                      "%s: `cop-kiosk %s` should exit 1 with one line saying %r, it exited %s with %r"
                      % (case, name, BUSY, code, stderr))
                check(seconds >= BUSY_WAIT - 0.5, "%s: `cop-kiosk %s` gave up after %.1f s, before the busy wait "
                      "was out" % (case, name, seconds))
                print("  %-13s exit 1 after %.1f s: %s" % (name, seconds, lines[0]))
            else:
                check(code == 0, "%s: `cop-kiosk %s` should read the last committed state and exit 0, it exited "
                      "%s: %r" % (case, name, code, stderr))
                print("  %-13s exit 0 after %.1f s (reads the last committed state)" % (name, seconds))
        holder.release()
        check(kiosk.alive() and kiosk.screen() == "error", "%s: the GUI left the error screen" % case)
        code, _ = kiosk.terminate()
        check(code == 0, "%s: SIGTERM on the error screen gave exit code %s" % (case, code))
    finally:
        holder.kill()
        kiosk.cleanup()
    # Released: the file is as it was, and the program works with it again.
    check(sha256(path) == before, "%s: the database changed while another program held it" % case)
    check_no_leftovers(path, listing, "%s: the programs" % case)
    result = run_cli(binary, ["check", "--db", str(path)])
    check(result.returncode == 0 and "integrity: ok" in result.stdout,
          "%s: after the other program closed, `check` gave %s: %r %r"
          % (case, result.returncode, result.stdout, result.stderr))
    kiosk = Kiosk(binary, x, path, logs, size="1280x720", name=case + "-after")
    try:
        kiosk.start()
        kiosk.wait_for_screen("home")
        code, _ = kiosk.terminate()
        check(code == 0, "%s: the GUI on the released database exited with %s" % (case, code))
    finally:
        kiosk.cleanup()
    print("  released: file unchanged, check passes, the GUI opens it")


def main():
    binary = binary_from_argv()
    art = artifacts_dir("test_bad_databases")
    check(os.geteuid() == 0, "this test needs root, to run the read-only cases as %s with runuser" % UNPRIVILEGED)
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-bad-"))
    try:
        os.chmod(work, 0o755)  # nobody must reach the read-only copies inside
        copy_advice = "Nothing was changed in that file. Quit, copy the database to a folder you can write"
        # (case, file, user to run as, what the message must say, how the error screen's advice starts)
        cases = [
            ("text-file", make_text_file(work), None, "is not a cop-kiosk database", None),
            ("random-bytes", make_random_bytes(binary, work), None, "is not a cop-kiosk database", None),
            ("corrupt-header", make_corrupt_header(binary, work), None, "is damaged: its header", None),
            ("corrupt-pages", make_corrupt_pages(binary, work), None, "is damaged", None),
            ("zeroed-pages", make_zeroed_pages(binary, work), None, "is damaged", None),
            ("truncated-mid-page", make_truncated_mid_page(binary, work), None, "ends in the middle of a page", None),
            ("truncated-half", make_truncated_half(binary, work), None, "is shorter than its header says", None),
            ("newer-version", make_newer_version(binary, work), None, "was written by a newer cop-kiosk",
             "Nothing was changed in that file. Quit, then open it with the newer cop-kiosk"),
            ("read-only", make_read_only(binary, work), UNPRIVILEGED, "is read-only for this user", copy_advice),
            ("read-only-folder", make_read_only_folder(binary, work), UNPRIVILEGED,
             "The folder %s is read-only for this user" % (work / "locked-folder"), copy_advice),
        ]
        # The programs' own files (layout dumps, exports) go to folders of their own, writable by nobody too.
        logs = work / "logs"
        out = work / "out"
        for folder in (logs, out):
            folder.mkdir()
            os.chmod(folder, 0o777)
        with XServer(allow_any_client=True, log_dir=str(art)) as x:
            for case, path, user, expect, advice in cases:
                print("%s (%s%s):" % (case, path.name, ", as %s" % user if user else ""))
                if advice:
                    check_gui(binary, x, case, path, user, logs, art, expect, advice)
                else:
                    check_gui(binary, x, case, path, user, logs, art, expect)
                if user:
                    check_headless_reader(binary, case, path, user, out)
                else:
                    check_headless(binary, case, path, user, out, expect)
            check_quit_button(binary, x, cases[0][1], logs)
            for exclusive in (False, True):
                check_held_by_another_program(binary, x, work, logs, out, art, exclusive)
        if LEFTOVERS:
            raise Failure("every refused file kept its bytes, but side files were left next to refused databases:"
                          "\n  " + "\n  ".join(LEFTOVERS))
    finally:
        shutil.rmtree(str(work), ignore_errors=True)


if __name__ == "__main__":
    run_main(main)

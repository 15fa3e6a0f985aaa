"""Databases the program must refuse without touching them.

For each bad file (a text file named x.db, an SQLite file with a damaged header, one with damaged pages, one
written by a "newer" program (PRAGMA user_version = 99), and a good database that is read-only for the user
running the program): the GUI must show the "error" screen and keep running there (not exit, not crash)
until SIGTERM, which ends it with code 0; `check`, `list` and `export` must exit 1 with one line on stderr;
and afterwards the file must be byte-identical (sha256) with no side files (-wal, -shm, -journal) left in
its folder. The read-only case runs as the unprivileged user nobody (root ignores permission bits), on a
copy in a folder nobody cannot write, against an X server started with -ac so nobody may connect to it.
Screenshots of every error screen are kept in COPK_ARTIFACTS_DIR/test_bad_databases/.
"""

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_driver import (Failure, Kiosk, XServer, artifacts_dir, binary_from_argv, check, run_cli,  # noqa: E402
                          run_main, sha256)

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


def check_headless(binary, case, path, user, out_root):
    """check, list and export: exit 1, one line on stderr, nothing written."""
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
        check(sha256(path) == before, "%s: `cop-kiosk %s` changed the file" % (case, name))
        check_no_leftovers(path, listing, "`cop-kiosk %s`%s" % (name, " (as %s)" % user if user else ""))
        print("  %-13s exit 1: %s" % (name, lines[0]))
    check(not (out_dir / "outcome.json").exists(), "%s: export wrote an outcome.json for a refused database" % case)


def check_gui(binary, x, case, path, user, work, art):
    before = sha256(path)
    listing = folder_listing(path)
    kiosk = Kiosk(binary, x, path, work, size="1280x720", user=user, name=case)
    try:
        kiosk.start()
        dump = kiosk.wait_for_screen("error")
        check(kiosk.alive(), "%s: the program exited when showing the error screen" % case)
        check([i["id"] for i in dump["items"]] == ["error.quit"],
              "%s: the error screen should offer only error.quit, it lists %s" % (case, kiosk.ids()))
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


def main():
    binary = binary_from_argv()
    art = artifacts_dir("test_bad_databases")
    check(os.geteuid() == 0, "this test needs root, to run the read-only case as %s with runuser" % UNPRIVILEGED)
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-bad-"))
    try:
        os.chmod(work, 0o755)  # nobody must reach the read-only copy inside
        cases = [
            ("text-file", make_text_file(work), None),
            ("corrupt-header", make_corrupt_header(binary, work), None),
            ("corrupt-pages", make_corrupt_pages(binary, work), None),
            ("newer-version", make_newer_version(binary, work), None),
            ("read-only", make_read_only(binary, work), UNPRIVILEGED),
        ]
        # The programs' own files (layout dumps, exports) go to folders of their own, writable by nobody too.
        logs = work / "logs"
        out = work / "out"
        for folder in (logs, out):
            folder.mkdir()
            os.chmod(folder, 0o777)
        with XServer(allow_any_client=True, log_dir=str(art)) as x:
            for case, path, user in cases:
                print("%s (%s%s):" % (case, path.name, ", as %s" % user if user else ""))
                check_gui(binary, x, case, path, user, logs, art)
                if case == "read-only":
                    check_headless_reader(binary, case, path, user, out)
                else:
                    check_headless(binary, case, path, user, out)
            check_quit_button(binary, x, cases[0][1], logs)
        if LEFTOVERS:
            raise Failure("every refused file kept its bytes, but side files were left next to refused databases:"
                          "\n  " + "\n  ".join(LEFTOVERS))
    finally:
        shutil.rmtree(str(work), ignore_errors=True)


if __name__ == "__main__":
    run_main(main)

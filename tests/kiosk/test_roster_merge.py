"""`cop-kiosk roster import` and `cop-kiosk merge`: their output, their exit codes (0 ok, 1 runtime error in one
line on stderr, 2 usage), all-or-nothing imports, and sources that a merge never changes.
Run: test_roster_merge.py /path/to/cop-kiosk
"""

import hashlib
import os
import pathlib
import shutil
import sqlite3
import subprocess
import sys
import tempfile


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def headless_env():
    env = dict(os.environ)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY"):
        env.pop(name, None)
    return env


class Cli:
    def __init__(self, binary):
        self.binary = binary
        self.env = headless_env()

    def expect(self, code, *args):
        result = subprocess.run([self.binary] + [str(a) for a in args], env=self.env, capture_output=True, text=True,
                                timeout=60)
        shown = " ".join(str(a) for a in args)
        check(result.returncode == code, "`cop-kiosk %s` exited %d, expected %d; stdout %r; stderr %r"
              % (shown, result.returncode, code, result.stdout.strip()[-600:], result.stderr.strip()[-600:]))
        if code == 1:
            lines = result.stderr.splitlines()
            check(len(lines) == 1 and lines[0].strip(),
                  "`cop-kiosk %s` must explain a runtime error in one line on stderr, got %r" % (shown, result.stderr))
        if code == 2:
            check(result.stderr.strip(), "`cop-kiosk %s`: a usage error must say what is wrong on stderr" % shown)
        return result


def sha(path):
    return hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()


def query(db, sql, *args):
    connection = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return connection.execute(sql, args).fetchall()
    finally:
        connection.close()


COMMUNITY = "Water Quality Practitioners"

# UTF-8 with a byte order mark, CRLF line ends, columns in another order and case, a quoted name with a comma,
# quotes and an accent, and a quoted name over two physical lines.
GOOD_ROSTER = ("\ufeffLevel,Name,EMAIL\r\n"
               "core group,\"Dupont, Zoé \"\"Zozo\"\"\",zoe@example.org\r\n"
               "active,Sinéad O'Neil,\r\n"
               "peripheral,\"Jean\r\nLuc\",jl@example.fr\r\n")


def test_roster(cli, work):
    db = work / "roster.db"
    cli.expect(0, "demo", "--db", db)
    before = query(db, "SELECT count(*) FROM member")[0][0]
    roster = work / "roster.csv"
    roster.write_bytes(GOOD_ROSTER.encode("utf-8"))
    result = cli.expect(0, "roster", "import", "--db", db, "--community", COMMUNITY.upper(), roster)
    check("3 added, 0 updated, 0 unchanged" in result.stdout, "first import said %r" % result.stdout)
    rows = dict((name, (email, level)) for name, email, level in
                query(db, "SELECT name, email, participation FROM member WHERE archived_at IS NULL"))
    check(rows.get('Dupont, Zoé "Zozo"') == ("zoe@example.org", "core"), "Zoé stored as %r" % (rows,))
    check(rows.get("Sinéad O'Neil") == ("", "active"), "Sinéad stored as %r" % (rows.get("Sinéad O'Neil"),))
    check(rows.get("Jean Luc") == ("jl@example.fr", "peripheral"), "Jean Luc stored as %r" % (rows.get("Jean Luc"),))
    check(query(db, "SELECT count(*) FROM member")[0][0] == before + 3, "three members more")

    dump = query(db, "SELECT * FROM member ORDER BY id")
    result = cli.expect(0, "roster", "import", "--db", db, "--community", COMMUNITY, roster)
    check("0 added, 0 updated, 3 unchanged" in result.stdout, "second import said %r" % result.stdout)
    check(query(db, "SELECT * FROM member ORDER BY id") == dump, "importing the same file twice changed members")

    # A bad row after a quoted field over two lines: its physical line is named, and nothing is imported.
    bad = work / "bad.csv"
    bad.write_text("name,email\nNew Person,new@example.org\n\"Two\nLines\",x@example.org\nBroken,not-an-address\n",
                   encoding="utf-8")
    result = cli.expect(1, "roster", "import", "--db", db, "--community", COMMUNITY, bad)
    check("line 5:" in result.stderr and "not-an-address" in result.stderr, "bad row reported as %r" % result.stderr)
    check(query(db, "SELECT * FROM member ORDER BY id") == dump, "a bad file imported something")

    result = cli.expect(1, "roster", "import", "--db", db, "--community", "Nobody Here", roster)
    check("Nobody Here" in result.stderr, "unknown community reported as %r" % result.stderr)
    missing = work / "missing.db"
    cli.expect(1, "roster", "import", "--db", missing, "--community", COMMUNITY, roster)
    check(not missing.exists(), "roster import created a database")
    cli.expect(1, "roster", "import", "--db", db, "--community", COMMUNITY, work / "no-such.csv")
    cli.expect(2, "roster", "import", "--db", db, roster)  # no --community
    cli.expect(2, "roster", "--db", db)
    cli.expect(2, "roster")


def test_merge(cli, work):
    base = work / "base.db"
    cli.expect(0, "demo", "--db", base)
    kiosk_a, kiosk_b = work / "kiosk-a.db", work / "kiosk-b.db"
    shutil.copy(base, kiosk_a)
    shutil.copy(base, kiosk_b)
    roster = work / "roster.csv"
    roster.write_bytes(GOOD_ROSTER.encode("utf-8"))
    cli.expect(0, "roster", "import", "--db", kiosk_a, "--community", COMMUNITY, roster)
    sums = {p: sha(p) for p in (kiosk_a, kiosk_b)}
    listing = set(os.listdir(work))

    central = work / "central.db"
    result = cli.expect(0, "merge", "--into", central, kiosk_a, kiosk_b)
    out = result.stdout
    check("From %s:" % kiosk_a in out and "From %s:" % kiosk_b in out, "merge output names its sources: %r" % out)
    for table in ("community", "member", "workshop", "ballot", "anonymous_ballot", "voice_item"):
        check(table in out, "merge output has no line for %s: %r" % (table, out))
    check(out.strip().splitlines()[-1].startswith("Merged 2 database(s) into %s:" % central), "last line %r" % out)
    check(" 0 conflict(s)" in out, "a demo copy merged with itself has no conflict: %r" % out)
    check({p: sha(p) for p in sums} == sums, "a merge changed a source")
    check(set(os.listdir(work)) - listing == {"central.db"}, "files appeared: %r" % (set(os.listdir(work)) - listing))
    check(query(central, "SELECT count(*) FROM member WHERE archived_at IS NULL")[0][0]
          == query(kiosk_a, "SELECT count(*) FROM member WHERE archived_at IS NULL")[0][0], "members lost or doubled")
    check(query(central, "SELECT count(*) FROM anonymous_ballot WHERE token IS NOT NULL")[0][0] == 0, "a token came along")

    central_sum = sha(central)
    result = cli.expect(0, "merge", "--into", central, kiosk_b, kiosk_a)
    check("0 added, 0 updated" in result.stdout, "merging again changed something: %r" % result.stdout[-300:])
    check(query(central, "SELECT count(*) FROM member")[0][0] == query(kiosk_a, "SELECT count(*) FROM member")[0][0],
          "merging again added members")
    cli.expect(0, "check", "--db", central)
    cli.expect(0, "export", "--db", central, "--workshop", "all", "--out", work / "out")

    # A source written by a newer cop-kiosk: refused in one line, and nothing merged.
    newer = work / "newer.db"
    shutil.copy(kiosk_b, newer)
    connection = sqlite3.connect(newer)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    central_sum = sha(central)
    result = cli.expect(1, "merge", "--into", central, kiosk_a, newer)
    check("newer" in result.stderr, "newer source reported as %r" % result.stderr)
    check(sha(central) == central_sum, "a refused merge changed the central database")
    notes = work / "notes.txt"
    notes.write_text("not a database", encoding="utf-8")
    cli.expect(1, "merge", "--into", central, notes)
    cli.expect(1, "merge", "--into", central, work / "missing.db")
    cli.expect(1, "merge", "--into", central, central)
    cli.expect(2, "merge", kiosk_a)  # no --into
    cli.expect(2, "merge", "--into", central)  # no source


def main():
    if len(sys.argv) < 2:
        print("usage: %s /path/to/cop-kiosk" % sys.argv[0], file=sys.stderr)
        return 2
    cli = Cli(os.path.abspath(sys.argv[1]))
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-roster-merge-"))
    failures = 0
    try:
        for test in (test_roster, test_merge):
            folder = work / test.__name__
            folder.mkdir()
            try:
                test(cli, folder)
                print("ok   %s" % test.__name__)
            except Failure as failure:
                failures += 1
                print("FAIL %s: %s" % (test.__name__, failure))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

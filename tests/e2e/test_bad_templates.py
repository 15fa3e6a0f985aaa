"""Malformed workshop templates in the real program: a clear message, no crash, no file touched.

The GUI runs on the demo database with COPK_DATA_DIR pointing at a copy of data/ whose templates folder is
changed between presses of "Start launch workshop" / "Start renewal workshop" (the program reads the template
at each press). For each representative mistake:
  - a dotted name of 100,000 parts (it crashed the TOML parser's stack before the parser was guarded),
  - a title saved in Latin-1 (not UTF-8),
  - a prompt whose triple quotes are never closed,
  - planned_minutes = "ten" in the shipped launch template,
  - an empty renewal.toml,
the home screen shows one message naming the file, the line (where there is one), the reason and what to do
(readout "home.message" in the layout dump), no PIN is asked for, the program keeps running, the template file
is byte-identical (sha256) and no workshop was started. Then the good template is put back and the same
process starts a launch workshop: the program stayed usable. Screenshots at 1280x720 and 1920x1080 go to
COPK_ARTIFACTS_DIR/test_bad_templates/. `cop-kiosk demo` with an empty renewal.toml says so, exits 1 and creates
or changes no database file.
"""
import json
import os
import pathlib
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_driver import Kiosk, XServer, artifacts_dir, binary_from_argv, check, run_cli, run_main, sha256  # noqa: E402
from stage_flows import start_workshop  # noqa: E402

SOURCE_ROOT = pathlib.Path(os.environ.get("COPK_SOURCE_ROOT") or pathlib.Path(__file__).resolve().parents[2])
FIXTURES = SOURCE_ROOT / "tests" / "fixtures" / "templates"
LAUNCH = (SOURCE_ROOT / "data" / "templates" / "launch.toml").read_bytes()


def cases():
    """(name, kind of workshop, file name, bytes, line the message must name or None, words of the reason)."""
    deep = LAUNCH + b"\n[" + b".".join([b"a"] * 100000) + b"]\nx = 1\n"
    deep_line = LAUNCH.count(b"\n") + 2
    latin1 = LAUNCH.replace(b'title = "Rhythm"', 'title = "Rythme de la communauté"'.encode("latin-1"))
    line_of = lambda data, marker: data[:data.index(marker)].count(b"\n") + 1  # noqa: E731
    unclosed = LAUNCH.replace(b'prompt = "Who does what, by when? Say it in front of the group."',
                              b'prompt = """Who does what, by when?\nSay it in front of the group.')
    minutes = LAUNCH.replace(b"planned_minutes = 15\nprompt = \"How often", b"planned_minutes = \"ten\"\nprompt = \"How often")
    for data in (latin1, unclosed, minutes):
        check(data != LAUNCH, "a case did not change the shipped launch.toml: the test is out of date")
    return [
        ("deep-dotted-name", "launch", "launch.toml", deep, deep_line, "more than 32 parts"),
        ("latin1-title", "launch", "launch.toml", latin1, line_of(latin1, b"Rythme"), "not UTF-8"),
        ("unclosed-prompt", "launch", "launch.toml", unclosed, line_of(unclosed, b'prompt = """'), "never closed"),
        ("minutes-in-words", "launch", "launch.toml", minutes, line_of(minutes, b'"ten"'), 'not "ten"'),
        ("empty-renewal", "renewal", "renewal.toml", b"", None, "holds no settings"),
    ]


def workshop_count(binary, db):
    result = run_cli(binary, ["list", "--db", db, "--json"])
    check(result.returncode == 0, "list --json failed: %s" % result.stderr.strip())
    return sum(len(c["workshops"]) for c in json.loads(result.stdout))


def home_message(kiosk, dump=None):
    for entry in (dump or kiosk.layout() or {}).get("readouts", []):
        if entry["id"] == "home.message":
            return entry["label"]
    return None


def try_case(kiosk, templates, case, binary, db, art, shot=None):
    name, kind, file_name, data, line, reason = case
    path = templates / file_name
    path.write_bytes(data)
    before = sha256(path)
    workshops = workshop_count(binary, db)
    kiosk.click("community.0.start.%s" % kind, screen="home")
    dump = kiosk.wait_for_dump(lambda d: home_message(kiosk, d) and file_name in home_message(kiosk, d) and
                               reason in home_message(kiosk, d), "%s: the message about %s" % (name, file_name))
    message = home_message(kiosk, dump)
    check(kiosk.alive(), "%s: the program exited" % name)
    check(dump["screen"] == "home", "%s: the program left the home screen: %s" % (name, dump["screen"]))
    check(not kiosk.ids("start.pin", dump), "%s: a PIN was asked for a template that cannot be used" % name)
    check(str(path) in message, "%s: the message does not name the file %s: %r" % (name, path, message))
    if line is not None:
        check(", line %d:" % line in message, "%s: the message does not name line %d: %r" % (name, line, message))
    check("What to do:" in message and "text editor" in message, "%s: the message does not say what to do: %r"
          % (name, message))
    check("Error while parsing" not in message, "%s: parser jargon reached the screen: %r" % (name, message))
    check(sha256(path) == before, "%s: the template file was changed" % name)
    check(workshop_count(binary, db) == workshops, "%s: a workshop was started anyway" % name)
    if shot:
        kiosk.screenshot(art / shot)
    print("  %s: %s" % (name, message[:200] + ("..." if len(message) > 200 else "")))
    return message


def demo_with_a_broken_template(binary, templates, good, env, work, existing_db):
    """`cop-kiosk demo` reads both templates before it opens the database: with a broken one it says which file
    and why, exits 1, creates no database file and leaves an existing one byte-identical."""
    (templates / "renewal.toml").write_bytes(b"")
    try:
        fresh = work / "never-created.db"
        result = run_cli(binary, ["demo", "--db", str(fresh)], env=env)
        check(result.returncode == 1, "demo with an empty renewal.toml exited %d: %s" % (result.returncode,
                                                                                        result.stderr.strip()))
        check("renewal.toml" in result.stderr, "demo's message does not name the file: %r" % result.stderr)
        left = sorted(p.name for p in work.glob("never-created.db*"))
        check(not left, "demo with a broken template left files behind: %s" % left)
        before = sha256(existing_db)
        result = run_cli(binary, ["demo", "--db", existing_db], env=env)
        check(result.returncode == 1 and sha256(existing_db) == before,
              "demo with a broken template changed an existing database (exit %d)" % result.returncode)
        print("  demo: %s" % result.stderr.strip()[:200])
    finally:
        (templates / "renewal.toml").write_bytes(good["renewal.toml"])


def main():
    binary = binary_from_argv()
    art = artifacts_dir("test_bad_templates")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-bad-templates-"))
    try:
        db = str(work / "room.db")
        check(run_cli(binary, ["demo", "--db", db]).returncode == 0, "demo failed")
        db_1080 = str(work / "room-1080.db")  # the first run starts a workshop in room.db
        shutil.copyfile(db, db_1080)
        data = work / "data"
        shutil.copytree(SOURCE_ROOT / "data", data)
        templates = data / "templates"
        good = {name: (templates / name).read_bytes() for name in ("launch.toml", "renewal.toml")}
        env = dict(os.environ, COPK_DATA_DIR=str(data))
        demo_with_a_broken_template(binary, templates, good, env, work, db)
        with XServer(log_dir=str(art)) as x:
            kiosk = Kiosk(binary, x, db, work, size="1280x720", name="facilitator", env=env)
            try:
                kiosk.start()
                kiosk.wait_for_item("community.0.start.renewal", screen="home")
                kiosk.find_window()
                for case in cases():
                    try_case(kiosk, templates, case, binary, db, art,
                             shot="01-%s-1280x720.png" % case[0] if case[0] in ("deep-dotted-name", "minutes-in-words")
                             else None)
                    (templates / case[2]).write_bytes(good[case[2]])
                # Usable still: with the good template back, the same process starts a launch workshop.
                workshops = workshop_count(binary, db)
                start_workshop(kiosk, kind="launch")
                check(workshop_count(binary, db) == workshops + 1, "the launch workshop did not start")
                kiosk.screenshot(art / "02-started-after-the-fix-1280x720.png")
                kiosk.terminate()
            finally:
                kiosk.cleanup()
            # The message at 1920x1080 (a fresh process; one case is enough to see the layout).
            kiosk = Kiosk(binary, x, db_1080, work, size="1920x1080", name="facilitator-1080", env=env)
            try:
                kiosk.start()
                kiosk.wait_for_item("community.0.start.renewal", screen="home")
                kiosk.find_window()
                try_case(kiosk, templates, cases()[1], binary, db_1080, art, shot="03-latin1-title-1920x1080.png")
                kiosk.terminate()
            finally:
                kiosk.cleanup()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    run_main(main)

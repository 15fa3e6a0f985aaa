"""The headless commands (demo, list, export, check) and the command line's exit codes, with no display.

Contract: exit 0 when it worked, 1 for a runtime error with one line on stderr, 2 for a usage error.
Every command runs with DISPLAY and WAYLAND_DISPLAY removed from its environment.
Artefacts (the demo's outcome.json and list outputs) in COPK_ARTIFACTS_DIR/test_cli/.
"""

import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
import unprivileged  # noqa: E402

SQLITE_MAGIC = b"SQLite format 3\x00"
OUTCOME_FORMAT = "cop-kiosk.outcome/1"
UNPRIVILEGED = "nobody"


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

    def run(self, *args, user=None):
        command = unprivileged.command_for(user, self.binary) + [str(a) for a in args]
        return subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=60)

    def expect(self, code, *args, user=None):
        result = self.run(*args, user=user)
        shown = " ".join(str(a) for a in args)
        check(result.returncode == code, "`cop-kiosk %s` exited %d, expected %d; stdout %r; stderr %r"
              % (shown, result.returncode, code, result.stdout.strip()[-600:], result.stderr.strip()[-600:]))
        if code == 1:
            lines = result.stderr.splitlines()
            check(len(lines) == 1 and lines[0].strip(),
                  "`cop-kiosk %s` must explain a runtime error in exactly one line on stderr, got %r"
                  % (shown, result.stderr))
        if code == 2:
            check(result.stderr.strip(), "`cop-kiosk %s`: a usage error must say what is wrong on stderr" % shown)
        return result


def check_type(value, kind, where):
    names = {str: "a string", int: "an integer", bool: "a boolean", list: "a list", dict: "an object"}
    if kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, kind)
    check(ok, "%s should be %s, got %r" % (where, names.get(kind, kind), value))


def check_keys(obj, spec, where):
    check_type(obj, dict, where)
    for key, kind in spec.items():
        check(key in obj, "%s has no %r (keys: %s)" % (where, key, sorted(obj)))
        if kind is not None:
            check_type(obj[key], kind, "%s.%s" % (where, key))


def check_outcome(outcome, community_name):
    check_keys(outcome, {"format": str, "community": dict, "workshop": dict, "participants": list, "stages": list,
                         "polls": list}, "outcome")
    check(outcome["format"] == OUTCOME_FORMAT, "format is %r, expected %r" % (outcome["format"], OUTCOME_FORMAT))
    check_keys(outcome["community"], {"id": str, "name": str, "domain": str}, "community")
    check(outcome["community"]["name"] == community_name, "community.name %r, list said %r"
          % (outcome["community"]["name"], community_name))
    check_keys(outcome["workshop"], {"id": str, "kind": str, "template": str, "started_at": str, "ended_at": str},
               "workshop")
    check(outcome["workshop"]["ended_at"], "the demo workshop is completed: workshop.ended_at must be set")
    check(outcome["participants"], "the demo workshop has participants")
    for i, person in enumerate(outcome["participants"]):
        check_keys(person, {"id": str, "name": str}, "participants[%d]" % i)
        check(person["name"].strip(), "participants[%d] has an empty name" % i)
    check(len({p["id"] for p in outcome["participants"]}) == len(outcome["participants"]),
          "participant ids are not unique")
    check(outcome["stages"], "the demo workshop has stages")
    for i, stage in enumerate(outcome["stages"]):
        where = "stages[%d]" % i
        check_keys(stage, {"key": str, "title": str, "kind": str, "started_at": None, "ended_at": None}, where)
        for key in ("started_at", "ended_at"):
            check(stage[key] is None or isinstance(stage[key], str), "%s.%s should be a string or null, got %r"
                  % (where, key, stage[key]))
    check(outcome["polls"], "the demo workshop has a poll")
    for i, poll in enumerate(outcome["polls"]):
        where = "polls[%d]" % i
        check_keys(poll, {"id": str, "stage": str, "kind": str, "question": str, "anonymous": bool, "status": str,
                          "ballots": int, "options": list}, where)
        check(poll["stage"] in [s["key"] for s in outcome["stages"]], "%s.stage %r is not a stage key"
              % (where, poll["stage"]))
        check(poll["options"], "%s has no options" % where)
        for j, option in enumerate(poll["options"]):
            check_keys(option, {"key": str, "label": str, "votes": int}, "%s.options[%d]" % (where, j))
            check(option["votes"] >= 0, "%s.options[%d].votes is negative" % (where, j))
        total = sum(o["votes"] for o in poll["options"])
        if poll["kind"] == "single":  # one choice per ballot
            check(total == poll["ballots"], "%s: option votes add up to %d but ballots is %d"
                  % (where, total, poll["ballots"]))
        elif poll["kind"] == "dots":  # every ballot spends at most the budget
            check(0 < total <= poll["ballots"] * poll["budget"] or poll["ballots"] == 0,
                  "%s: %d dots from %d ballots of %d" % (where, total, poll["ballots"], poll["budget"]))
        else:  # rating: an option is rated at most once per ballot, with a mean on the scale
            for option in poll["options"]:
                check(option["votes"] <= poll["ballots"], "%s: %s rated %d times by %d ballots"
                      % (where, option["key"], option["votes"], poll["ballots"]))
                if option["votes"]:
                    check(poll["scale"][0] <= option["mean"] <= poll["scale"][1], "%s: mean %r off the scale"
                          % (where, option["mean"]))


def main():
    if len(sys.argv) < 2:
        print("usage: %s /path/to/cop-kiosk" % sys.argv[0], file=sys.stderr)
        return 2
    cli = Cli(os.path.abspath(sys.argv[1]))
    art = pathlib.Path(os.environ.get("COPK_ARTIFACTS_DIR") or tempfile.gettempdir()) / "test_cli"
    shutil.rmtree(art, ignore_errors=True)
    art.mkdir(parents=True)
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-cli-"))
    try:
        # -- help and usage errors
        result = cli.expect(0, "--help")
        for command in ("demo", "list", "export", "check"):
            check(command in result.stdout, "--help does not mention the %r command:\n%s" % (command, result.stdout))
        cli.expect(2, "frobnicate")
        cli.expect(2, "list")  # --db is required
        cli.expect(2, "export", "--workshop", "latest", "--out", work / "x")
        cli.expect(2, "check")
        cli.expect(2, "demo")
        cli.expect(2, "list", "--db", work / "a.db", "--no-such-option")
        print("help: exit 0, names the four commands; unknown command and missing --db: exit 2")

        # -- demo
        db = work / "demo.db"
        result = cli.expect(0, "demo", "--db", db)
        check(db.is_file(), "demo did not create %s" % db)
        with open(db, "rb") as file:
            check(file.read(16) == SQLITE_MAGIC, "%s is not an SQLite file" % db)
        print("demo: %s" % result.stdout.strip())

        # -- list, as JSON and as text
        result = cli.expect(0, "list", "--db", db, "--json")
        (art / "list.json").write_text(result.stdout, encoding="utf-8")
        try:
            listing = json.loads(result.stdout)
        except json.JSONDecodeError as error:
            raise Failure("list --json is not JSON (%s): %r" % (error, result.stdout[:400]))
        check(isinstance(listing, list) and len(listing) == 1, "list --json should hold 1 community: %r" % listing)
        community = listing[0]
        check_keys(community, {"id": str, "name": str, "workshops": list}, "list --json [0]")
        check(community["name"].strip(), "the demo community has no name")
        check(len(community["workshops"]) == 2, "the demo community should have 2 workshops (a launch and "
              "its renewal): %r" % community["workshops"])
        kinds = [w.get("kind") for w in community["workshops"]]
        check(kinds == ["renewal", "launch"], "workshops should be listed newest first, renewal then launch: %r" % kinds)
        for workshop in community["workshops"]:
            check_keys(workshop, {"id": str}, "list --json [0].workshops[]")
            check(isinstance(workshop.get("ended_at"), str) and workshop["ended_at"],
                  "the demo workshop's ended_at should be set: %r" % workshop)
        workshop = community["workshops"][0]
        text = cli.expect(0, "list", "--db", db).stdout
        (art / "list.txt").write_text(text, encoding="utf-8")
        check(community["name"] in text, "list does not print the community %r:\n%s" % (community["name"], text))
        check(workshop["id"] in text, "list does not print the workshop id %s:\n%s" % (workshop["id"], text))
        print("list: %r with workshop %s (ended %s)" % (community["name"], workshop["id"], workshop["ended_at"]))

        # -- export: by "latest" and by id give the same outcome
        out = work / "out"
        cli.expect(0, "export", "--db", db, "--workshop", "latest", "--out", out)
        with open(out / "outcome.json", encoding="utf-8") as file:
            outcome = json.load(file)
        shutil.copy(out / "outcome.json", art / "outcome.json")
        check_outcome(outcome, community["name"])
        check(outcome["workshop"]["id"] == workshop["id"], "export latest gave workshop %s, list says %s"
              % (outcome["workshop"]["id"], workshop["id"]))
        by_id = work / "out-by-id"
        cli.expect(0, "export", "--db", db, "--workshop", workshop["id"], "--out", by_id)
        with open(by_id / "outcome.json", encoding="utf-8") as file:
            check(json.load(file) == outcome, "export by id and export latest differ")
        print("export: outcome.json has every contract key; %d participants, %d stages, %d poll(s); votes add up"
              % (len(outcome["participants"]), len(outcome["stages"]), len(outcome["polls"])))

        # -- runtime errors: exit 1, one line on stderr
        bogus = work / "out-bogus"
        cli.expect(1, "export", "--db", db, "--workshop", "00000000-0000-4000-8000-000000000000", "--out", bogus)
        cli.expect(1, "export", "--db", db, "--workshop", "not-a-workshop", "--out", bogus)
        check(not (bogus / "outcome.json").exists(), "export of a bogus workshop wrote an outcome.json")

        result = cli.expect(0, "check", "--db", db)
        check("integrity: ok" in result.stdout, "check does not say its integrity is ok:\n%s" % result.stdout)

        missing = work / "missing.db"
        cli.expect(1, "check", "--db", missing)
        cli.expect(1, "list", "--db", missing)
        cli.expect(1, "export", "--db", missing, "--workshop", "latest", "--out", work / "out-missing")
        check(not missing.exists(), "check/list/export on a missing file created %s" % missing)

        # An unwritable place for the outcome: under a regular file (root ignores permission bits) ...
        plain_file = work / "a-file.txt"
        plain_file.write_text("not a folder\n")
        cli.expect(1, "export", "--db", db, "--workshop", "latest", "--out", plain_file / "sub")
        cli.expect(1, "export", "--db", db, "--workshop", "latest", "--out", plain_file)
        # ... and, when running as root, a folder that the unprivileged user cannot write.
        if os.geteuid() == 0 and shutil.which("runuser"):
            shared = work / "shared"
            shared.mkdir()
            shutil.copy(db, shared / "demo.db")
            os.chmod(work, 0o755)
            os.chmod(shared, 0o777)
            os.chmod(shared / "demo.db", 0o666)
            locked = work / "locked"
            locked.mkdir()
            os.chmod(locked, 0o755)
            cli.expect(0, "export", "--db", shared / "demo.db", "--workshop", "latest", "--out", shared / "ok",
                       user=UNPRIVILEGED)
            cli.expect(1, "export", "--db", shared / "demo.db", "--workshop", "latest", "--out", locked / "out",
                       user=UNPRIVILEGED)
            cli.expect(1, "export", "--db", shared / "demo.db", "--workshop", "latest", "--out", locked,
                       user=UNPRIVILEGED)
            check(not (locked / "out").exists() and not (locked / "outcome.json").exists(),
                  "export wrote into a folder its user may not write")
        print("errors: bogus workshop, missing file and unwritable --out: exit 1 with one line on stderr")
    finally:
        shutil.rmtree(str(work), ignore_errors=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as failure:
        print("FAIL (test_cli): %s" % failure, file=sys.stderr)
        sys.exit(1)

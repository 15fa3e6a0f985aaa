"""Paths with spaces, apostrophes and letters beyond ASCII, everywhere the program takes a path.

A coordinator's folders are named in their language: the database is "Ateliers d'été 2026/communauté café.db",
the roster comes from "Listes d'inscrits/membres — équipe.csv", exports go to "Résultats finaux/été 2026",
and the kiosks' databases to merge sit in "kiosques/kiosque n°1 (entrée).db" and "kiosques/キオスク 2.db".
- The headless commands: demo, list, list --json, check, export --out, roster import and merge all exit 0, name
  the paths as given, and write where they were told; the roster file and the merged kiosks' databases are left
  byte-identical (sha256), and the central database passes check.
- The GUI opens the database, draws the home screen, saves its F12 screenshot next to the database (a valid PNG),
  exports from the review into cop-kiosk-exports/ beside it, and ends with exit code 0 on SIGTERM; the database
  then passes check.
Artefacts (the F12 screenshot and one of the window) in COPK_ARTIFACTS_DIR/test_odd_paths/.
"""

import json
import os
import pathlib
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_driver import (Kiosk, XServer, artifacts_dir, binary_from_argv, check, check_png, run_cli,  # noqa: E402
                          run_main, sha256)

ROSTER = ("name,email,level\n"
          "Łucja Wróbel,lucja@example.org,core\n"
          "Søren Håkansson,soren@example.org,active\n"
          "Zoë O'Connor,zoe@example.org,peripheral\n")


def run_ok(binary, args, what):
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    result = run_cli(binary, [str(a) for a in args], env=env)
    check(result.returncode == 0, "%s: `cop-kiosk %s` exited %d: %r" % (what, " ".join(map(str, args)),
                                                                       result.returncode, result.stderr.strip()))
    check(not result.stderr.strip(), "%s: unexpected stderr %r" % (what, result.stderr))
    return result.stdout


def check_sound(binary, db, what):
    out = run_ok(binary, ["check", "--db", db], what)
    check("integrity: ok" in out, "%s: check says %r" % (what, out))


def headless(binary, root):
    folder = root / "Ateliers d'été 2026"
    folder.mkdir()
    db = folder / "communauté café.db"

    out = run_ok(binary, ["demo", "--db", db], "demo")
    check(db.is_file() and str(db) in out, "demo: no database at %s, or not named in %r" % (db, out))
    listing = json.loads(run_ok(binary, ["list", "--db", db, "--json"], "list --json"))
    community = listing[0]["name"]
    out = run_ok(binary, ["list", "--db", db], "list")
    check(community in out, "list: %r does not list %s" % (out, community))
    check_sound(binary, db, "check")
    print("demo, list, list --json, check: exit 0 on %s" % db)

    exports = root / "Résultats finaux" / "été 2026"
    out = run_ok(binary, ["export", "--db", db, "--workshop", "latest", "--out", exports], "export")
    check((exports / "outcome.json").is_file() and str(exports) in out,
          "export: no outcome.json in %s (it says %r)" % (exports, out))
    with open(exports / "outcome.json", encoding="utf-8") as file:
        check(json.load(file)["community"]["name"] == community, "export: outcome.json is another community's")
    print("export --out: %d files in %s" % (len(list(exports.iterdir())), exports))

    roster = root / "Listes d'inscrits" / "membres — équipe.csv"
    roster.parent.mkdir()
    roster.write_text(ROSTER, encoding="utf-8")
    roster_sum = sha256(roster)
    out = run_ok(binary, ["roster", "import", "--db", db, "--community", community, roster], "roster import")
    check("3 added" in out, "roster import: %r" % out)
    check(sha256(roster) == roster_sum, "roster import changed the roster file")
    exported = root / "après import"
    run_ok(binary, ["export", "--db", db, "--workshop", "latest", "--out", exported, "--format", "json"],
           "export after the import")
    check_sound(binary, db, "check after the roster import")
    print("roster import from %s: %s" % (roster, out.strip()))

    kiosks = root / "kiosques"
    kiosks.mkdir()
    sources = [kiosks / "kiosque n°1 (entrée).db", kiosks / "キオスク 2.db"]
    for source in sources:
        run_ok(binary, ["demo", "--db", source], "demo for a kiosk")
    sums = {source: sha256(source) for source in sources}
    central = root / "centrale ÉTÉ.db"
    out = run_ok(binary, ["merge", "--into", central] + sources, "merge")
    for source in sources:
        check("From %s:" % source in out, "merge: the report does not name %s: %r" % (source, out))
        check(sha256(source) == sums[source], "merge changed the kiosk's database %s" % source)
    check("Merged 2 database(s) into %s" % central in out, "merge: %r" % out.strip().splitlines()[-1])
    central_listing = json.loads(run_ok(binary, ["list", "--db", central, "--json"], "list the central database"))
    # Both kiosks ran the demo: one community of that name, with both kiosks' two workshops each.
    workshops = sum(len(c["workshops"]) for c in central_listing)
    check(workshops == 4, "the central database holds %d workshops, not both kiosks' two each" % workshops)
    check_sound(binary, central, "check the central database")
    print("merge of %s into %s: %s" % (", ".join(s.name for s in sources), central.name, out.strip().splitlines()[-1]))
    return db


def readout(dump, readout_id):
    for entry in dump.get("readouts", []):
        if entry["id"] == readout_id:
            return entry["label"]
    return None


def gui(binary, db, work, art):
    folder = db.parent
    before = set(os.listdir(folder))
    with XServer(log_dir=str(art)) as x:
        kiosk = Kiosk(binary, x, db, work, size="1280x720", name="odd-paths")
        try:
            kiosk.start()
            kiosk.wait_for_item("community.0.outcome", screen="home")
            kiosk.find_window()
            kiosk.screenshot(art / "home-1280x720.png")
            kiosk.key("F12")
            shots = kiosk.wait_until(lambda: [n for n in set(os.listdir(folder)) - before
                                              if n.startswith("cop-kiosk-") and n.endswith(".png")],
                                     what="the F12 screenshot next to the database")
            shot = folder / shots[0]
            kiosk.wait_until(lambda: _png_complete(shot), what="the F12 screenshot to be complete")
            width, height = check_png(shot)
            check((width, height) == (1280, 720), "the F12 screenshot is %dx%d" % (width, height))
            shutil.copy(shot, art / "f12-next-to-the-database.png")
            print("GUI: home screen; F12 saved %s (%dx%d)" % (shot, width, height))

            kiosk.click("home.review", screen="home")
            kiosk.click("review.workshop.0.open", screen="review.list")
            kiosk.wait_for_screen("review.outcome")
            kiosk.click("review.export")
            dump = kiosk.wait_for_dump(lambda d: readout(d, "review.export.result"), "the export's result")
            result = readout(dump, "review.export.result")
            check(result.startswith("Exported "), "the GUI's export failed: %r" % result)
            exported = pathlib.Path(result.split(" to ", 1)[1])
            check(exported.is_dir() and str(exported).startswith(str(folder / "cop-kiosk-exports")),
                  "the GUI exported to %s, not into cop-kiosk-exports beside the database" % exported)
            check(list(exported.rglob("outcome.json")), "no outcome.json under %s" % exported)
            print("GUI: review export: %s" % result)
            code, _ = kiosk.terminate()
            check(code == 0, "SIGTERM gave exit code %s: %s" % (code, kiosk.stderr_text().strip()))
        finally:
            kiosk.cleanup()
    check_sound(binary, db, "check after the GUI")


def _png_complete(path):
    try:
        check_png(path)
        return True
    except Exception:  # still being written
        return False


def main():
    binary = binary_from_argv()
    art = artifacts_dir("test_odd_paths")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-odd-paths-"))
    try:
        root = work / "Données partagées"
        root.mkdir()
        db = headless(binary, root)
        gui(binary, db, work, art)
    finally:
        shutil.rmtree(str(work), ignore_errors=True)


if __name__ == "__main__":
    run_main(main)

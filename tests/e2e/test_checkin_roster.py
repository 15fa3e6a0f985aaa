"""Check-in is a tap: an imported roster and earlier workshops' people are offered as names to tap.

The demo's community gets three members from a roster CSV (`cop-kiosk roster import`); a renewal is started on
the facilitator's console; its check-in lists, beside who is here, every member not here yet (the roster's
names and the launch's people); tapping one checks them in once, and they move from one list to the other.
"""
import os
import pathlib
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_driver import Kiosk, XServer, artifacts_dir, binary_from_argv, check, run_cli, run_main  # noqa: E402
from stage_flows import export, start_workshop  # noqa: E402

ROSTER = ["Zoë Ndiaye", "Matthieu Lefèvre", "Priya Raman"]


def main():
    binary = binary_from_argv()
    art = artifacts_dir("test_checkin_roster")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-roster-"))
    db = str(work / "room.db")
    try:
        check(run_cli(binary, ["demo", "--db", db]).returncode == 0, "demo failed")
        roster = work / "roster.csv"
        roster.write_text("name,email,level\r\n" + "".join("%s,,core\r\n" % n for n in ROSTER), encoding="utf-8")
        result = run_cli(binary, ["roster", "import", "--db", db, "--community", "Water Quality Practitioners", str(roster)])
        check(result.returncode == 0, "roster import failed: %s" % result.stderr)
        # Every member the community has: the demo's people (launch and renewal) and the roster.
        members = set(ROSTER)
        for workshop_id in _workshop_ids(binary, db):
            members |= {p["name"] for p in export(binary, db, str(work / workshop_id), workshop=workshop_id)["participants"]}
        with XServer(log_dir=str(art), extra_chars="\u00eb\u00e8") as x:
            kiosk = Kiosk(binary, x, db, work, size="1280x720", name="facilitator")
            try:
                kiosk.start()
                kiosk.wait_for_item("community.0.start.renewal", screen="home")
                kiosk.find_window()
                start_workshop(kiosk, kind="renewal")
                dump = kiosk.wait_for_dump(lambda d: kiosk.ids("checkin.member.", d), "the members not here yet")
                offered = [i["label"] for i in dump["items"] if i["id"].startswith("checkin.member.")]
                check(len(offered) >= 6 and set(offered) <= members and offered == sorted(offered, key=_folded),
                      "the check-in offers the community's members, by name: %s" % offered)
                kiosk.screenshot(art / "01-checkin-roster-1280x720.png")
                # Typing narrows the names: "zo" finds Zoë (accents aside).
                kiosk.click("checkin.name")
                kiosk.type_text("zo")
                dump = kiosk.wait_for_dump(
                    lambda d: [i["label"] for i in d["items"] if i["id"].startswith("checkin.member.")] == ["Zoë Ndiaye"],
                    "only Zoë matching \"zo\"")
                kiosk.click("checkin.member.0")
                dump = kiosk.wait_for_dump(lambda d: len(kiosk.ids("checkin.remove.", d)) == 1, "Zoë checked in")
                kiosk.wait_for_dump(lambda d: len(kiosk.ids("checkin.member.", d)) >= 6, "the field emptied, all names back")
                dump = kiosk.layout()
                offered = [i["label"] for i in dump["items"] if i["id"].startswith("checkin.member.")]
                check("Zoë Ndiaye" not in offered, "Zoë left the list of those not here yet: %s" % offered)
                kiosk.screenshot(art / "02-checkin-tapped-1280x720.png")
                outcome = export(binary, db, str(work / "renewal"))
                check([p["name"] for p in outcome["participants"]] == ["Zoë Ndiaye"],
                      "one check-in, by a tap: %r" % outcome["participants"])
                kiosk.terminate()
            finally:
                kiosk.cleanup()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _workshop_ids(binary, db):
    import json
    result = run_cli(binary, ["list", "--db", db, "--json"])
    check(result.returncode == 0, "list failed: %s" % result.stderr)
    return [w["id"] for w in json.loads(result.stdout)[0]["workshops"]]


def _folded(name):
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))


if __name__ == "__main__":
    run_main(main)

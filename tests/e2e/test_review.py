"""The coordinators' Review screen, through the real window, on the demo database (a launch and its renewal a
year later).

Run 1 (1920x1080): home → "Review workshops"; the community and both workshops listed newest first; the
renewal's outcome opened; launch and renewal compared side by side, every section's rows checked against what
`cop-kiosk export` writes in the renewal's outcome.json (changes_since_previous); the commitment ledger's rows
and kept rates checked against both workshops' exports; an export from the Review screen (the files exist,
outcome.json parses and names the workshop).
Run 2 (1280x720): the same screens for their pictures, then a launch workshop started (PIN typed twice) and
moved to its second stage; Review opened from the stage frame in the middle of it, an export made, and back:
the workshop still runs at the same stage (on screen and in the database).

Screenshots: build/artifacts/test_review (looked at by a person: nothing cramped, clipped or unreadable).
"""
import json
import os
import pathlib
import shutil
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_driver import (Failure, Kiosk, XServer, artifacts_dir, binary_from_argv, check, layout_problems,  # noqa: E402
                          run_cli, run_main)
from stage_flows import export, list_workshops, readout, start_workshop  # noqa: E402

NOTHING = "\u2014"
STATUS_WORDS = {"open": "open", "kept": "kept", "partly": "partly kept", "dropped": "dropped",
                "carried": "carried forward"}
PROBLEMS = []


def readouts(kiosk, prefix, dump=None):
    dump = dump or kiosk.layout() or {}
    return {r["id"]: r["label"] for r in dump.get("readouts", []) if r["id"].startswith(prefix)}


def percent(rate):
    return NOTHING if rate is None else "%d%%" % int(rate * 100.0 + 0.5)


def audit(kiosk, where):
    dump = kiosk.layout()
    for problem in layout_problems(dump):
        PROBLEMS.append("%s (%s): %s" % (where, kiosk.size, problem))
    return dump


def shot(kiosk, art, name):
    kiosk.screenshot(art / ("%s-%s.png" % (name, kiosk.size)))


def scroll_collect(kiosk, prefix):
    """The readouts under `prefix`, scrolling the body (the lower part of the window) down with the mouse wheel
    until no new one appears (rows scrolled out of view are not listed)."""
    seen = dict(readouts(kiosk, prefix))
    width, height = kiosk.layout()["window"]
    for _ in range(40):
        before = (kiosk.layout() or {}).get("readouts")
        kiosk.xdotool("mousemove", "--window", kiosk.window, width // 2, int(height * 0.8), "click", "5")
        try:  # the readouts move while the body scrolls; they stay put at its end
            kiosk.wait_for_dump(lambda d: d.get("readouts") != before, "the body to scroll", timeout=1.5)
        except Failure:
            break
        seen.update(readouts(kiosk, prefix))
    return seen


# ---- Checks against the export ---------------------------------------------------------------------------------
def expected_compare_rows(changes):
    """section -> [(label, before, after, changed?)] as the comparison should show them."""
    def names(people):
        return ", ".join(people) if people else "vacant"

    def task(rank, quadrant):
        return NOTHING if rank is None else "#%d \u00B7 %s" % (rank, quadrant)

    def mean(value):
        return NOTHING if value is None else "%.1f" % value

    rows = {"roles": [(r["title"], names(r["before"]), names(r["after"]), r["changed"]) for r in changes["roles"]],
            "tasks": [(t["title"], task(t["before_rank"], t["before_quadrant"]), task(t["after_rank"], t["after_quadrant"]),
                       (t["before_rank"], t["before_quadrant"]) != (t["after_rank"], t["after_quadrant"]))
                      for t in changes["tasks"]],
            "health": [(h["label"], mean(h["before"]), mean(h["after"]), mean(h["before"]) != mean(h["after"]))
                       for h in changes["health"]]}
    rhythm = changes["rhythm"]
    rows["rhythm"] = ([(t.split(":")[0], t, t, False) for t in rhythm["kept"]] +
                      [(t.split(":")[0], NOTHING, t, True) for t in rhythm["added"]] +
                      [(t.split(":")[0], t, NOTHING, True) for t in rhythm["removed"]])
    return rows


def check_compare(kiosk, art, renewal_outcome):
    changes = renewal_outcome["changes_since_previous"]
    expected = expected_compare_rows(changes)
    pair = readout(kiosk, "review.compare.pair") or ""
    check(pair.startswith("Before: Launch") and "After: Renewal" in pair, "the pair reads launch → renewal: %r" % pair)
    for section in ("stage", "roles", "rhythm", "tasks", "health", "commitments"):
        kiosk.click("review.compare.section." + section)
        kiosk.wait_for_dump(lambda d: (kiosk.item("review.compare.section." + section, d) or {}).get("label", "")
                            .startswith("\u2713"), "the %s section to be chosen" % section)
        dump = audit(kiosk, "compare " + section)
        if section == "tasks":
            shot(kiosk, art, "compare-tasks")
        shown = scroll_collect(kiosk, "review.compare.%s." % section)
        rows = [shown.get("review.compare.%s.%d" % (section, i)) for i in range(len(shown))]
        check(all(rows), "the %s rows are numbered from 0 without gaps: %s" % (section, sorted(shown)))
        if section == "stage":
            check(len(rows) == 1, "one stage check row: %r" % rows)
            same = changes["stage_check"]["before"] == changes["stage_check"]["after"]
            check(rows[0].endswith("= same") == same, "stage check row %r, export says before %s after %s" % (
                rows[0], changes["stage_check"]["before"], changes["stage_check"]["after"]))
            continue
        if section == "commitments":
            kept = renewal_outcome["review"]["kept_rate"]
            check(any(r.startswith("Kept rate of that review | %s | %s |" % (NOTHING, percent(kept))) for r in rows),
                  "the commitments section shows the renewal's kept rate %s: %r" % (percent(kept), rows))
            continue
        want = expected[section]
        check(len(rows) == len(want), "%s: %d rows on screen, the export has %d: %r" % (section, len(rows), len(want), rows))
        for row, (label, before, after, changed) in zip(rows, want):
            parts = row.split(" | ")
            check(parts[:3] == [label, before, after], "%s row %r, the export says %r" % (section, row, (label, before, after)))
            check((parts[3] != "= same") == changed, "%s row %r: marked %r, changed in the export: %s" % (
                section, row, parts[3], changed))
    kiosk.click("review.compare.section.roles")


def check_ledger(kiosk, launch_outcome, renewal_outcome):
    kiosk.wait_for_screen("review.ledger")
    dump = kiosk.wait_for_dump(lambda d: readout(kiosk, "review.ledger.kept_rate", d), "the ledger's kept rate")
    audit(kiosk, "ledger")
    commitments = renewal_outcome["commitments"] + launch_outcome["commitments"]  # newest workshop first
    statuses = [c["status"] for c in commitments]
    reviewed = [s for s in statuses if s != "open"]
    overall = statuses.count("kept") / len(reviewed) if reviewed else None
    summary = readout(kiosk, "review.ledger.kept_rate", dump)
    check(summary.startswith("Kept rate overall: %s (%d kept of %d reviewed)" % (percent(overall), statuses.count("kept"),
                                                                                len(reviewed))),
          "ledger summary %r, the exports say %s of %d" % (summary, percent(overall), len(reviewed)))
    renewal_line = readout(kiosk, "review.ledger.workshop.0", dump) or ""
    check("Renewal" in renewal_line and "kept %s" % percent(renewal_outcome["review"]["kept_rate"]) in renewal_line,
          "the renewal's line gives its review's kept rate %s: %r" % (percent(renewal_outcome["review"]["kept_rate"]),
                                                                     renewal_line))
    rows = scroll_collect(kiosk, "review.ledger.row.")
    rows = {k: v for k, v in rows.items() if not k.endswith(".continuation")}
    check(len(rows) == len(commitments), "the ledger has %d rows, the exports %d commitments" % (len(rows), len(commitments)))
    by_id = {c["id"]: c for c in commitments}
    workshops = {launch_outcome["workshop"]["id"]: "Launch", renewal_outcome["workshop"]["id"]: "Renewal"}
    reviewed_in = {c["id"]: renewal_outcome["workshop"]["id"] for c in renewal_outcome["review"]["commitments"]
                   if c.get("status") != "open"}
    for i, c in enumerate(commitments):
        row = rows.get("review.ledger.row.%d" % i, "")
        who = "the whole community" if c["who"]["whole_community"] else ", ".join(p["name"] for p in c["who"]["people"])
        parts = row.split(" | ")
        check(parts[:4] == [who, c["what"], c["due"], STATUS_WORDS[c["status"]]],
              "ledger row %d %r, the export says %r" % (i, row, (who, c["what"], c["due"], c["status"])))
        expected_reviewer = workshops.get(reviewed_in.get(c["id"]), "not yet")
        check(parts[4].startswith(expected_reviewer), "ledger row %d reviewed in %r, expected %s" % (i, parts[4],
                                                                                                   expected_reviewer))
        if c["carried_from"]:
            check(by_id[c["carried_from"]]["status"] == "carried", "a continuation's origin is carried forward")


def check_export_from_review(kiosk, expect_workshop_id=None, expect_running=False):
    before = readout(kiosk, "review.export.result")
    kiosk.click("review.export")
    dump = kiosk.wait_for_dump(lambda d: readout(kiosk, "review.export.result", d) not in (None, before),
                               "the export's result")
    result = readout(kiosk, "review.export.result", dump)
    check(result.startswith("Exported "), "the export succeeded: %r" % result)
    folder = pathlib.Path(result.split(" to ", 1)[1])
    check(folder.is_dir(), "the export folder %s exists" % folder)
    outcomes = sorted(folder.rglob("outcome.json"))
    check(outcomes, "outcome.json written under %s" % folder)
    for path in outcomes:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
        check(data["format"] == "cop-kiosk.outcome/1", "%s is an outcome: %r" % (path, data.get("format")))
        if expect_workshop_id:
            check(data["workshop"]["id"] == expect_workshop_id, "%s is the workshop's own outcome" % path)
        if expect_running:
            check(data["workshop"]["ended_at"] is None, "the running workshop's outcome has no end: %s" % path)
    files = readout(kiosk, "review.export.files", dump) or ""
    for name in files.split(", "):
        check((folder / name).is_file(), "the file %s the screen lists exists" % name)
    check("outcome.md" in files and "outcome.html" in files, "every format written: %r" % files)
    return folder


# ---- Runs --------------------------------------------------------------------------------------------------------
def open_review(kiosk):
    kiosk.click("home.review", screen="home")
    kiosk.wait_for_screen("review.list")


def run_finished(binary, x, db, work, art, size, full_checks):
    kiosk = Kiosk(binary, x, db, work, size=size, name="review-" + size)
    try:
        kiosk.start()
        kiosk.wait_for_screen("home")
        kiosk.find_window()
        open_review(kiosk)
        listing = list_workshops(binary, db)[0]
        dump = kiosk.wait_for_dump(lambda d: readout(kiosk, "review.workshop.1", d), "both workshops listed")
        audit(kiosk, "list")
        check(readout(kiosk, "review.community", dump) == listing["name"], "the community is listed")
        for i, w in enumerate(listing["workshops"]):  # newest first in both
            label = readout(kiosk, "review.workshop.%d" % i, dump) or ""
            check(label.lower().startswith(w["kind"]) and w["started_at"][:10] in label,
                  "workshop %d on screen %r, the list says %s %s" % (i, label, w["kind"], w["started_at"][:10]))
        shot(kiosk, art, "list")
        renewal_id, launch_id = listing["workshops"][0]["id"], listing["workshops"][1]["id"]

        kiosk.click("review.workshop.0.open")
        kiosk.wait_for_screen("review.outcome")
        dump = kiosk.wait_for_dump(lambda d: readout(kiosk, "review.outcome.participants", d), "the outcome")
        audit(kiosk, "outcome")
        shot(kiosk, art, "outcome")
        renewal_outcome = export(binary, db, str(work / "cli-renewal"), renewal_id)
        launch_outcome = export(binary, db, str(work / "cli-launch"), launch_id)
        title = readout(kiosk, "review.title", dump)
        check("Renewal" in title and renewal_outcome["workshop"]["started_at"][:10] in title, "outcome title %r" % title)
        people = readout(kiosk, "review.outcome.participants", dump)
        check(people == "Who took part (%d)" % len(renewal_outcome["participants"]), "outcome participants %r" % people)
        sections = scroll_collect(kiosk, "review.outcome.")
        made = sections.get("review.outcome.commitments")
        check(made == "Commitments made (%d)" % len(renewal_outcome["commitments"]), "outcome commitments %r" % made)
        review = sections.get("review.outcome.review", "")
        check(review.endswith("kept rate %s" % percent(renewal_outcome["review"]["kept_rate"])), "outcome review %r" % review)
        shot(kiosk, art, "outcome-scrolled")
        if full_checks:
            check_export_from_review(kiosk, expect_workshop_id=renewal_id)
            shot(kiosk, art, "outcome-exported")

        kiosk.click("review.tolist")
        kiosk.click("review.workshop.0.compare", screen="review.list")
        kiosk.wait_for_screen("review.compare")
        kiosk.wait_for_dump(lambda d: readout(kiosk, "review.compare.pair", d), "the comparison")
        audit(kiosk, "compare")
        shot(kiosk, art, "compare-roles")
        if full_checks:
            check_compare(kiosk, art, renewal_outcome)
        else:
            kiosk.click("review.compare.section.tasks")
            kiosk.wait_for_dump(lambda d: readout(kiosk, "review.compare.tasks.0", d), "the tasks section")
            audit(kiosk, "compare tasks")
            shot(kiosk, art, "compare-tasks")

        kiosk.click("review.ledger")
        if full_checks:
            check_ledger(kiosk, launch_outcome, renewal_outcome)
        else:
            kiosk.wait_for_screen("review.ledger")
            kiosk.wait_for_dump(lambda d: readout(kiosk, "review.ledger.kept_rate", d), "the ledger")
            audit(kiosk, "ledger")
        shot(kiosk, art, "ledger")
        if full_checks:
            check_export_from_review(kiosk)  # the whole community: both workshops
            shot(kiosk, art, "ledger-exported")
        kiosk.click("review.back")
        kiosk.wait_for_screen("home")
    finally:
        kiosk.cleanup()


def running_stage(db):
    with sqlite3.connect("file:%s?mode=ro" % db, uri=True) as connection:
        return connection.execute("SELECT id, current_stage FROM workshop WHERE ended_at IS NULL").fetchall()


def run_mid_workshop(binary, x, db, work, art):
    kiosk = Kiosk(binary, x, db, work, size="1280x720", name="review-running")
    try:
        kiosk.start()
        kiosk.wait_for_screen("home")
        kiosk.find_window()
        start_workshop(kiosk, "renewal")
        kiosk.click("stage.next")
        screen = kiosk.wait_for_dump(lambda d: d["screen"] not in ("stage.checkin", "home"), "the second stage")["screen"]
        running = running_stage(db)
        check(len(running) == 1 and running[0][1] == 1, "one workshop running at its second stage: %r" % running)
        audit(kiosk, "stage frame with Review")
        shot(kiosk, art, "stage-with-review-button")
        kiosk.click("workshop.review")
        kiosk.wait_for_screen("review.list")
        dump = kiosk.wait_for_dump(lambda d: readout(kiosk, "review.running", d), "the running workshop said")
        check(kiosk.item("review.back", dump)["label"].endswith("Back to the workshop"), "the way back is offered")
        check(readout(kiosk, "review.workshop.0", dump).endswith("running"), "the running workshop is listed first")
        kiosk.click("review.workshop.0.open")
        kiosk.wait_for_screen("review.outcome")
        running_id = running[0][0]
        check_export_from_review(kiosk, expect_workshop_id=running_id, expect_running=True)
        audit(kiosk, "outcome of the running workshop")
        shot(kiosk, art, "running-outcome-exported")
        kiosk.click("review.back")
        kiosk.wait_for_screen(screen)
        check(running_stage(db) == running, "the workshop still runs at the same stage: %r, was %r" % (running_stage(db),
                                                                                                   running))
        # Ctrl+R goes there and back too.
        kiosk.key("ctrl+r")
        kiosk.wait_for_screen("review.list")
        kiosk.key("ctrl+r")
        kiosk.wait_for_screen(screen)
        check(running_stage(db) == running, "still at the same stage after Ctrl+R twice")
    finally:
        kiosk.cleanup()


def main():
    binary = binary_from_argv()
    art = artifacts_dir("test_review")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-review-"))
    try:
        db = str(work / "demo.db")
        result = run_cli(binary, ["demo", "--db", db])
        check(result.returncode == 0, "demo exited %d: %s" % (result.returncode, result.stderr))
        with XServer(size="1920x1080x24", log_dir=str(art)) as x:
            run_finished(binary, x, db, work, art, "1920x1080", full_checks=True)
            run_finished(binary, x, db, work, art, "1280x720", full_checks=False)
            run_mid_workshop(binary, x, db, work, art)
        exports = work / "cop-kiosk-exports"
        check(exports.is_dir() and len(list(exports.iterdir())) == 3, "three export folders beside the database")
        for name in sorted(os.listdir(work)):
            if name.endswith("-stderr.txt"):
                shutil.copy(work / name, art / name)
        if PROBLEMS:
            raise Failure("widgets that cannot be pressed where the dump says:\n  " + "\n  ".join(PROBLEMS))
    finally:
        shutil.rmtree(str(work), ignore_errors=True)


if __name__ == "__main__":
    run_main(main)

"""End to end: the review, roles and voice stages of a renewal, driven through the real window.

`cop-kiosk demo` gives a community whose latest workshop is a finished renewal. From the home screen a new
renewal starts: it opens with that renewal's role holders copied and its open commitments to review.
At 1280x720:
- check-in: six people typed in (five known members, one newcomer); the sponsor (Grace), an active member
  (Chloé) and two peripheral members (Farid, Hiroshi) stay away, so they hold roles while absent;
- review: four commitments; kept, carried forward (+3 months) then changed to kept (the store withdraws the
  carried copy), partly kept, dropped then carried forward (+6 months): the kept rate is 2 of 4;
- roles: the absent sponsor is removed (a vacancy warning), Amélie takes the role; "Next role" leads to the
  coordinator, where Ingrid joins Bongani (a role held by two); the liaison passes from Ingrid to the
  newcomer Kwame, and Bongani joins it too, so he holds four roles (a warning);
- voice: one item for the sponsor (Enter), one for the organization (Add), a blank and a too long item
  refused (nothing added), a third item added then removed.
Everything is then checked through `cop-kiosk export`. A second run at 1920x1080 on the same database walks
back through voice, roles and review. Every layout dump on the way is checked for items outside the window or
under another. Screenshots: COPK_ARTIFACTS_DIR/test_stage_roles_voice_review/.
"""

import datetime
import json
import os
import pathlib
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_driver import (Failure, Kiosk, XServer, artifacts_dir, binary_from_argv, check,  # noqa: E402
                          layout_problems, run_cli, run_main, wait_until)
from stage_flows import start_workshop  # noqa: E402

HERE = ["Am\u00e9lie Laurent", "Bongani Dlamini", "Dev Patel", "\u00c9lodie Dupr\u00e9", "Ingrid Solberg", "Kwame Mensah"]
ROLE_KEYS = ["sponsor", "coordinator", "core-group", "active-member", "peripheral-member", "facilitator", "liaison"]
SPONSOR_ITEM = "Give us a room for the quarterly plant visits."
ORGANIZATION_ITEM = "Count our knowledge base as real work in appraisals."
TEMPORARY_ITEM = "A test item, removed again."
TICK = "\u2713"

PROBLEMS = {}


def audit(dump, where):
    for problem in layout_problems(dump):
        PROBLEMS.setdefault("%s at %dx%d (%s): %s" % (dump["screen"], dump["window"][0], dump["window"][1], where,
                                                      problem), None)
    return dump


def export(binary, db, out_dir):
    if os.path.exists(out_dir):
        shutil.rmtree(out_dir)
    result = run_cli(binary, ["export", "--db", db, "--workshop", "latest", "--out", out_dir])
    check(result.returncode == 0, "export exited %d: %s" % (result.returncode, result.stderr.strip()))
    with open(os.path.join(out_dir, "outcome.json"), encoding="utf-8") as file:
        return json.load(file)


def add_months(day, months):
    """Calendar months later, on the same day or the month's last day (as the review screen's quick picks)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    following = datetime.date(year + (month // 12), month % 12 + 1, 1)
    last = (following - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))


def utc_today():
    return datetime.datetime.now(datetime.timezone.utc).date()


def advance_to(kiosk, screen, where):
    """Clicks Next until `screen` is shown (each step waits for the screen to change)."""
    for _ in range(12):
        dump = kiosk.layout()
        if dump and dump["screen"] == screen:
            return audit(dump, where)
        before = dump["screen"]
        frame = dump["frame"]
        kiosk.click("stage.next")
        kiosk.wait_for_dump(lambda d: d["frame"] != frame and d["screen"] != before,
                            "the stage after %r" % before)
    raise Failure("never reached %s" % screen)


def go_back_to(kiosk, screen, where):
    for _ in range(12):
        dump = kiosk.layout()
        if dump and dump["screen"] == screen:
            return audit(dump, where)
        before = dump["screen"]
        kiosk.click("stage.back")
        kiosk.wait_for_dump(lambda d: d["screen"] != before, "the stage before %r" % before)
    raise Failure("never reached %s" % screen)


def handled(kiosk):
    """Waits until every input sent so far has been handled: F1 opens the help overlay after it, F1 closes it."""
    kiosk.key("F1")
    kiosk.wait_for_item("help.close")
    kiosk.click("help.close")
    kiosk.wait_for_dump(lambda d: not kiosk.item("help.close", d), "the help overlay to close")


def settle(kiosk, quiet=0.3):
    """Waits until the layout dump has not changed for `quiet` seconds. A list that scrolled to show the due date
    picks scrolls back one frame after they close: a click in between would land where a button was."""
    state = {"frame": None, "since": time.monotonic()}

    def quiet_enough():
        dump = kiosk.layout()
        frame = dump and dump["frame"]
        if frame != state["frame"]:
            state["frame"], state["since"] = frame, time.monotonic()
            return False
        return time.monotonic() - state["since"] >= quiet

    kiosk.wait_until(quiet_enough, what="the layout to settle")


# ---- review -------------------------------------------------------------------------------------------------
def outcome_label(kiosk, row, outcome, dump=None):
    entry = kiosk.item("review.%d.%s" % (row, outcome), dump)
    return entry and entry["label"]


def is_marked(kiosk, row, outcome, dump=None):
    label = outcome_label(kiosk, row, outcome, dump)
    return bool(label) and label.startswith(TICK)


def choose(kiosk, row, outcome):
    settle(kiosk)
    kiosk.click("review.%d.%s" % (row, outcome), screen="stage.review")
    return kiosk.wait_for_dump(lambda d: is_marked(kiosk, row, outcome, d),
                               "review row %d to be marked %r" % (row, outcome))


def carry(kiosk, row, months):
    settle(kiosk)
    kiosk.click("review.%d.carried" % row, screen="stage.review")
    kiosk.wait_for_item("review.%d.due.%d" % (row, months))
    settle(kiosk)
    dump = audit(kiosk.layout(), "carrying forward")
    check(sorted(kiosk.ids("review.%d.due." % row, dump)) == ["review.%d.due.%d" % (row, m) for m in (1, 3, 6)],
          "the due picks are %s" % kiosk.ids("review.%d.due." % row, dump))
    before = utc_today()
    kiosk.click("review.%d.due.%d" % (row, months))
    dump = kiosk.wait_for_dump(lambda d: is_marked(kiosk, row, "carried", d) and not kiosk.ids("review.%d.due." % row, d),
                               "row %d to be marked carried, the picks gone" % row)
    return dump, {add_months(before, months).isoformat(), add_months(utc_today(), months).isoformat()}


def walk_review(kiosk, binary, db, work, art):
    kiosk.wait_for_screen("stage.review")
    to_review = export(binary, db, str(work / "export-review"))["review"]["commitments"]
    check(len(to_review) == 4, "the new renewal should review the 4 open commitments of the demo's renewal, got %s"
          % [c["what"] for c in to_review])
    check(all(c["outcome"] is None for c in to_review), "nothing is reviewed yet: %s" % to_review)
    dump = audit(kiosk.wait_for_item("review.3.carried") and kiosk.layout(), "nothing reviewed")
    for row in range(4):
        for outcome in ("kept", "partly", "dropped", "carried"):
            check(kiosk.item("review.%d.%s" % (row, outcome), dump), "review.%d.%s is missing: %s"
                  % (row, outcome, kiosk.ids("review.", dump)))
            check(not is_marked(kiosk, row, outcome, dump), "row %d starts marked %r" % (row, outcome))
    kiosk.screenshot(art / "01-review-start-1280x720.png")

    choose(kiosk, 0, "kept")
    carry(kiosk, 1, 3)
    outcome = export(binary, db, str(work / "export-review"))
    copies = [c for c in outcome["commitments"] if c["carried_from"] == to_review[1]["id"]]
    check(len(copies) == 1, "carrying row 1 forward should create one commitment here, found %s" % copies)
    kiosk.screenshot(art / "02-review-carried-1280x720.png")
    choose(kiosk, 1, "kept")  # changing one's mind: the carried copy is withdrawn
    dump = choose(kiosk, 2, "partly")
    check(not is_marked(kiosk, 1, "carried", dump) and not is_marked(kiosk, 0, "partly", dump),
          "only the chosen outcome of a row is marked: %s" % [(e["id"], e["label"]) for e in kiosk.items(dump)
                                                              if e["id"].startswith("review.")])
    choose(kiosk, 3, "dropped")
    # The picks can be put away without carrying.
    settle(kiosk)
    kiosk.click("review.3.carried")
    kiosk.wait_for_item("review.3.cancel")
    settle(kiosk)
    kiosk.click("review.3.cancel")
    kiosk.wait_for_dump(lambda d: not kiosk.item("review.3.cancel", d) and is_marked(kiosk, 3, "dropped", d),
                        "the picks put away, row 3 still dropped")
    settle(kiosk)
    kiosk.click("review.3.carried")
    kiosk.wait_for_item("review.3.due.1")
    settle(kiosk)
    audit(kiosk.layout(), "carrying the last row")
    kiosk.screenshot(art / "03-review-due-picks-1280x720.png")
    kiosk.click("review.3.cancel")
    kiosk.wait_for_dump(lambda d: not kiosk.item("review.3.cancel", d), "the picks put away")
    dump, due = carry(kiosk, 3, 6)
    audit(dump, "all reviewed")
    kiosk.screenshot(art / "04-review-done-1280x720.png")
    return to_review, due


def check_review(outcome, to_review, due):
    review = outcome["review"]
    by_id = {c["id"]: c for c in review["commitments"]}
    expected = ["kept", "kept", "partly", "carried"]
    for row, status in enumerate(expected):
        got = by_id[to_review[row]["id"]]
        check(got["outcome"] == status and got["status"] == status, "row %d (%r): outcome %r status %r, expected %r"
              % (row, got["what"], got["outcome"], got["status"], status))
    check(review["kept_rate"] == 0.5, "kept_rate %r, expected 0.5 (2 kept of 4 reviewed)" % review["kept_rate"])
    withdrawn = [c for c in outcome["commitments"] if c["carried_from"] == to_review[1]["id"]]
    check(not withdrawn, "row 1 was changed from carried to kept, but its carried copy is still there: %s" % withdrawn)
    carried = [c for c in outcome["commitments"] if c["carried_from"] == to_review[3]["id"]]
    check(len(carried) == 1, "row 3 carried forward should have exactly one new commitment, got %s" % carried)
    check(carried[0]["due"] in due and carried[0]["status"] == "open", "the carried commitment is due %r (status %r), "
          "expected one of %s (+6 months)" % (carried[0]["due"], carried[0]["status"], sorted(due)))
    check(carried[0]["what"] == to_review[3]["what"], "the carried commitment says %r" % carried[0]["what"])


# ---- roles -----------------------------------------------------------------------------------------------------
def people(kiosk, dump=None):
    """{name without '(absent)': (id, holds, absent)} from the roles.person.<i> buttons."""
    result = {}
    for entry in kiosk.items(dump):
        if entry["id"].startswith("roles.person."):
            label = entry["label"]
            holds = label.endswith(TICK)
            name = label.rstrip(TICK).rstrip()
            absent = name.endswith("(absent)")
            result[name.replace("(absent)", "").strip()] = (entry["id"], holds, absent)
    return result


def toggle(kiosk, name, holds_after):
    person_id = people(kiosk)[name][0]
    kiosk.click(person_id, screen="stage.roles")
    return kiosk.wait_for_dump(
        lambda d: (people(kiosk, d).get(name, (None, False, False))[1] == holds_after) or
                  (not holds_after and name not in people(kiosk, d)),
        "%r to %s" % (name, "hold the role" if holds_after else "no longer hold the role"))


def walk_roles(kiosk, art):
    dump = advance_to(kiosk, "stage.roles", "the roles overview")
    check(sorted(kiosk.ids("roles.role.", dump)) == sorted("roles.role." + k for k in ROLE_KEYS),
          "the overview lists %s" % kiosk.ids("roles.role.", dump))
    check(kiosk.item("roles.role.sponsor", dump)["label"] == "Sponsor", "the sponsor card is labelled %r"
          % kiosk.item("roles.role.sponsor", dump)["label"])
    kiosk.screenshot(art / "05-roles-overview-1280x720.png")

    # Sponsor: the absent holder is listed, marked absent, and can be removed.
    kiosk.click("roles.role.sponsor")
    dump = audit(kiosk.wait_for_dump(lambda d: people(kiosk, d), "the names for the sponsor"), "assigning the sponsor")
    found = people(kiosk, dump)
    check(sorted(found) == sorted(HERE + ["Grace O'Neill"]), "the sponsor's names are %s, expected everyone here and "
          "the absent holder Grace" % sorted(found))
    check(found["Grace O'Neill"][1] and found["Grace O'Neill"][2], "Grace should be listed as the absent holder: %s"
          % (found["Grace O'Neill"],))
    check(not any(holds for name, (_, holds, _) in found.items() if name != "Grace O'Neill"),
          "only Grace holds the sponsor role: %s" % found)
    kiosk.screenshot(art / "06-roles-sponsor-absent-1280x720.png")
    dump = toggle(kiosk, "Grace O'Neill", False)
    check("Grace O'Neill" not in people(kiosk, dump), "once removed, absent Grace is no longer listed")
    kiosk.screenshot(art / "07-roles-sponsor-vacant-1280x720.png")
    toggle(kiosk, HERE[0], True)

    # "Next role" leads to the coordinator: Ingrid joins Bongani.
    check(kiosk.item("roles.role.coordinator") and kiosk.item("roles.done"), "assigning offers the next role and Done: %s"
          % kiosk.ids("roles."))
    kiosk.click("roles.role.coordinator")
    dump = kiosk.wait_for_dump(lambda d: kiosk.item("roles.role.core-group", d), "the coordinator's names")
    check(people(kiosk, dump)["Bongani Dlamini"][1], "Bongani holds the coordinator role from last time: %s"
          % people(kiosk, dump))
    toggle(kiosk, "Ingrid Solberg", True)
    kiosk.screenshot(art / "08-roles-coordinator-two-1280x720.png")
    kiosk.click("roles.done")
    kiosk.wait_for_dump(lambda d: len(kiosk.ids("roles.role.", d)) == len(ROLE_KEYS) and not people(kiosk, d),
                        "the overview again")

    # The liaison passes from Ingrid to the newcomer; Bongani joins, and so holds four roles.
    kiosk.click("roles.role.liaison")
    kiosk.wait_for_dump(lambda d: people(kiosk, d), "the liaison's names")
    toggle(kiosk, "Ingrid Solberg", False)
    toggle(kiosk, "Kwame Mensah", True)
    toggle(kiosk, "Bongani Dlamini", True)
    audit(kiosk.layout(), "assigning the liaison")
    kiosk.screenshot(art / "09-roles-liaison-1280x720.png")
    kiosk.click("roles.done")
    dump = kiosk.wait_for_dump(lambda d: len(kiosk.ids("roles.role.", d)) == len(ROLE_KEYS), "the overview again")
    audit(dump, "the roles overview after the changes")
    kiosk.screenshot(art / "10-roles-after-1280x720.png")


def check_roles(outcome):
    holders = {r["key"]: sorted(h["name"] for h in r["holders"]) for r in outcome["roles"]}
    expected = {
        "sponsor": ["Am\u00e9lie Laurent"],
        "coordinator": ["Bongani Dlamini", "Ingrid Solberg"],
        "core-group": sorted(["Am\u00e9lie Laurent", "Bongani Dlamini", "Dev Patel", "\u00c9lodie Dupr\u00e9"]),
        "active-member": sorted(["Chlo\u00e9 Martin", "\u00c9lodie Dupr\u00e9"]),
        "peripheral-member": ["Farid Haddad", "Hiroshi Tanaka"],
        "facilitator": ["Bongani Dlamini"],
        "liaison": ["Bongani Dlamini", "Kwame Mensah"],
    }
    check(holders == expected, "roles %s, expected %s" % (holders, expected))
    warnings = outcome["role_warnings"]
    check(len(warnings) == 1 and warnings[0].startswith("Bongani Dlamini holds 4 roles"),
          "role warnings %s, expected only Bongani holding 4 roles" % warnings)


# ---- voice -------------------------------------------------------------------------------------------------------
def removes(kiosk, dump=None):
    return kiosk.ids("voice.remove.", dump)


def walk_voice(kiosk, art):
    dump = advance_to(kiosk, "stage.voice", "the voice stage")
    check(not removes(kiosk, dump), "a new workshop's voice starts empty: %s" % removes(kiosk, dump))
    sponsor = kiosk.item("voice.audience.sponsor", dump)
    organization = kiosk.item("voice.audience.organization", dump)
    check(sponsor and sponsor["label"].startswith(TICK) and organization and not organization["label"].startswith(TICK),
          "the sponsor is the audience picked first: %s / %s" % (sponsor, organization))
    kiosk.click("voice.text")
    kiosk.type_text(SPONSOR_ITEM)
    kiosk.key("Return")
    kiosk.wait_for_dump(lambda d: len(removes(kiosk, d)) == 1, "the first item (Enter)")
    kiosk.click("voice.audience.organization")
    kiosk.wait_for_dump(lambda d: kiosk.item("voice.audience.organization", d)["label"].startswith(TICK),
                        "the organization picked")
    kiosk.click("voice.text")
    kiosk.type_text(ORGANIZATION_ITEM)
    kiosk.click("voice.add")
    kiosk.wait_for_dump(lambda d: len(removes(kiosk, d)) == 2, "the second item (Add)")
    # Refused: blank, then too long (300 characters); nothing is added.
    kiosk.click("voice.add")
    handled(kiosk)
    check(len(removes(kiosk)) == 2, "a blank item was added: %s" % removes(kiosk))
    kiosk.click("voice.text")
    kiosk.type_text("x" * 300)
    kiosk.key("Return")
    handled(kiosk)
    check(len(removes(kiosk)) == 2, "a 300-character item was added: %s" % removes(kiosk))
    kiosk.screenshot(art / "11-voice-too-long-1280x720.png")
    kiosk.click("voice.text")
    kiosk.key("ctrl+a", "BackSpace")
    kiosk.click("voice.audience.sponsor")
    kiosk.click("voice.text")
    kiosk.type_text(TEMPORARY_ITEM)
    kiosk.key("Return")
    dump = kiosk.wait_for_dump(lambda d: len(removes(kiosk, d)) == 3, "the third item")
    audit(dump, "three items")
    kiosk.click("voice.remove.2")
    dump = kiosk.wait_for_dump(lambda d: len(removes(kiosk, d)) == 2, "the third item removed")
    audit(dump, "two items")
    kiosk.screenshot(art / "12-voice-1280x720.png")


def check_voice(outcome):
    voice = [(v["audience"], v["text"]) for v in outcome["voice"]]
    expected = [("sponsor", SPONSOR_ITEM), ("organization", ORGANIZATION_ITEM)]
    check(voice == expected, "voice %s, expected %s" % (voice, expected))


# ---- the runs ------------------------------------------------------------------------------------------------------
def first_run(binary, x, db, work, art):
    kiosk = Kiosk(binary, x, db, work, size="1280x720", name="run1-1280x720")
    try:
        kiosk.start()
        audit(kiosk.wait_for_item("community.0.start.renewal", screen="home") and kiosk.layout(), "home")
        kiosk.find_window()
        start_workshop(kiosk, "renewal")
        kiosk.click("checkin.name")
        for count, name in enumerate(HERE, start=1):
            kiosk.type_text(name)
            kiosk.key("Return")
            kiosk.wait_for_dump(lambda d, n=count: len(kiosk.ids("checkin.remove.", d)) == n,
                                "%d people checked in after %r" % (count, name))
        advance_to(kiosk, "stage.review", "the review")
        to_review, due = walk_review(kiosk, binary, db, work, art)
        walk_roles(kiosk, art)
        walk_voice(kiosk, art)
        code, _ = kiosk.terminate()
        check(code == 0, "SIGTERM ended the first run with exit code %s" % code)
        return to_review, due
    finally:
        kiosk.cleanup()


def second_run(binary, x, db, work, art):
    """1920x1080: resume the workshop, then walk back through voice, roles (and one role's names) and review."""
    kiosk = Kiosk(binary, x, db, work, size="1920x1080", name="run2-1920x1080")
    try:
        kiosk.start()
        # A restarted console comes back in the running workshop, at the stage the room is on.
        kiosk.wait_for_screen("stage.voice")
        kiosk.find_window()
        audit(kiosk.wait_for_dump(lambda d: len(removes(kiosk, d)) == 2, "the two voice items after the restart"),
              "voice at 1080p")
        kiosk.screenshot(art / "21-voice-1920x1080.png")
        go_back_to(kiosk, "stage.roles", "roles at 1080p")
        kiosk.screenshot(art / "22-roles-overview-1920x1080.png")
        kiosk.click("roles.role.coordinator")
        audit(kiosk.wait_for_dump(lambda d: people(kiosk, d), "the coordinator's names at 1080p"), "a role at 1080p")
        kiosk.screenshot(art / "23-roles-coordinator-1920x1080.png")
        kiosk.click("roles.done")
        kiosk.wait_for_dump(lambda d: not people(kiosk, d), "the overview at 1080p")
        go_back_to(kiosk, "stage.review", "review at 1080p")
        dump = kiosk.wait_for_item("review.3.carried") and kiosk.layout()
        check(is_marked(kiosk, 3, "carried", dump) and is_marked(kiosk, 0, "kept", dump),
              "the review's outcomes after the restart: %s" % [(e["id"], e["label"]) for e in kiosk.items(dump)])
        kiosk.screenshot(art / "24-review-1920x1080.png")
        kiosk.click("review.0.carried")
        kiosk.wait_for_item("review.0.due.6")
        audit(kiosk.layout(), "due picks at 1080p")
        kiosk.screenshot(art / "25-review-due-picks-1920x1080.png")
        kiosk.click("review.0.cancel")
        kiosk.wait_for_dump(lambda d: not kiosk.item("review.0.cancel", d), "the picks put away")
        code, _ = kiosk.terminate()
        check(code == 0, "SIGTERM ended the second run with exit code %s" % code)
    finally:
        kiosk.cleanup()


def main():
    binary = binary_from_argv()
    art = artifacts_dir("test_stage_roles_voice_review")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-rvr-"))
    try:
        db = str(work / "renewal.db")
        result = run_cli(binary, ["demo", "--db", db])
        check(result.returncode == 0, "demo exited %d: %s" % (result.returncode, result.stderr.strip()))
        with XServer(log_dir=str(art)) as x:
            to_review, due = first_run(binary, x, db, work, art)
            outcome = export(binary, db, str(art / "export"))
            check(outcome["workshop"]["kind"] == "renewal" and outcome["workshop"]["ended_at"] is None,
                  "the workshop is a running renewal: %s" % outcome["workshop"])
            check_review(outcome, to_review, due)
            check_roles(outcome)
            check_voice(outcome)
            second_run(binary, x, db, work, art)
            after = export(binary, db, str(work / "export-after"))
            check(after["review"] == outcome["review"] and after["roles"] == outcome["roles"] and
                  after["voice"] == outcome["voice"], "the second run, which only looked, changed the outcome")
        for name in sorted(os.listdir(work)):
            if name.endswith("-stderr.txt"):
                shutil.copy(work / name, art / name)
        print("screenshots in %s" % art)
        if PROBLEMS:
            raise Failure("everything else passed, but widgets cannot be pressed where the layout dump puts "
                                 "them:\n  " + "\n  ".join(PROBLEMS))
    finally:
        shutil.rmtree(str(work), ignore_errors=True)


if __name__ == "__main__":
    run_main(main)

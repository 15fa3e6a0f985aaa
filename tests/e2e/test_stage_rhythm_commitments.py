"""End to end: the rhythm and commitments stages, driven through the real window and checked through `export`.

Run 1 (fresh database, 1280x720): a community, a launch workshop, three people checked in, then on to the
rhythm stage. Through the form: "Monthly call", every first Tuesday of the month at 12:00 for 60 minutes,
online, open, convened by the first person; then "Fortnightly lab meeting", every 2 weeks, first without a
weekday (refused by the store: nothing saved, nothing typed lost), then on Thursday at 14:30 for 90 minutes
from a typed start date; a third decision added and removed; one decision edited. The export must hold the two
decisions with their RRULEs (FREQ=MONTHLY;BYDAY=TU;BYSETPOS=1 and FREQ=WEEKLY;INTERVAL=2;BYDAY=TH), and their
"next_dates" must be the dates python-dateutil's rrule gives from the same start. On to the commitments stage:
one person's commitment (due in a week, linked to the coordinator role), the whole community's (due in three
months), one due yesterday (refused, nothing saved), then the same one with a later date (nothing lost), then
removed; a commitment naming nobody is refused too.

Run 2 (the same database, 1920x1080) resumes the workshop and looks at both stages again. Run 3 (the demo's
community, 1280x720) starts a renewal: its rhythm stage starts from the previous rhythm. The program's own tour
of the demo's finished renewal is saved at both sizes. Screenshots are kept in
COPK_ARTIFACTS_DIR/test_stage_rhythm_commitments/.

Run with Debian's /usr/bin/python3 (python3-dateutil).
"""

import datetime
import itertools
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_driver import (Failure, Kiosk, XServer, artifacts_dir, binary_from_argv, check,  # noqa: E402
                          layout_problems, png_size, run_cli, run_main)
from stage_flows import start_workshop  # noqa: E402

try:
    from dateutil.rrule import rrulestr
except ImportError:  # reported as a failure with what to install, not as a traceback
    rrulestr = None

COMMUNITY = "Rhythm & commitments lab"
NAMES = ["Ann Lee", "Bongani Dlamini", "Chiara Rossi"]
MONTHLY = "Monthly call"
LAB = "Fortnightly lab meeting"
THROWAWAY = "Yearly picnic"
C_ONE = "Convene the first monthly call"
C_ALL = "Share one lab method each per quarter"
C_LATE = "Send the minutes of this workshop"
C_NOBODY = "Tidy the shared drive"
# A click that repeats (a stepper pressed several times) is paced like a person's: each press is drawn before
# the next, as the harness does for keys.
REPEAT_DELAY_MS = 150

PROBLEMS = {}


def audit(dump, where):
    """Records the layout problems of a dump (items outside the window, overlapping, listed twice)."""
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


def today():
    """The program's today: the UTC date."""
    return datetime.datetime.now(datetime.timezone.utc).date()


def add_months(date, months):
    """The same day `months` calendar months later, or the last day of a shorter month."""
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    day = date.day
    while True:
        try:
            return datetime.date(year, month + 1, day)
        except ValueError:
            day -= 1


# ---- Driving helpers ---------------------------------------------------------------------------------------
def label(kiosk, item_id, dump=None):
    entry = kiosk.item(item_id, dump)
    return entry["label"] if entry else None


def toggle_on(kiosk, item_id):
    """Clicks a toggle and waits until it shows as chosen (its label gains a tick)."""
    kiosk.click(item_id)
    kiosk.wait_for_dump(lambda d: (label(kiosk, item_id, d) or "").startswith("\u2713"),
                        "%s to show as chosen (a tick in its label)" % item_id)


def click_times(kiosk, item_id, times):
    """Presses a button `times` times at a person's pace (xdotool's own delay between the clicks)."""
    entry = kiosk.wait_for_item(item_id)
    x0, y0, x1, y1 = entry["rect"]
    kiosk.xdotool("mousemove", "--window", kiosk.window, (x0 + x1) // 2, (y0 + y1) // 2,
                  "click", "--repeat", times, "--delay", REPEAT_DELAY_MS, "1")


def type_into(kiosk, item_id, text, replace=False):
    kiosk.click(item_id)
    if replace:
        kiosk.key("ctrl+a", "BackSpace")
    kiosk.type_text(text)


def message(kiosk, prefix, dump=None):
    """The text of the screen's message (a refusal or a confirmation), or None."""
    return label(kiosk, prefix + ".message", dump)


def wait_message(kiosk, prefix, words, what):
    dump = kiosk.wait_for_dump(lambda d: any(w in (message(kiosk, prefix, d) or "") for w in words),
                               "%s (the %s.message item saying one of %s)" % (what, prefix, words))
    return message(kiosk, prefix, dump)


def count(kiosk, prefix, dump=None):
    return len(kiosk.ids(prefix, dump))


def item_dump(kiosk, item_id, screen=None):
    """Waits for the item; returns the dump that lists it."""
    return kiosk.wait_for_dump(lambda d: kiosk.item(item_id, d) and (screen is None or d["screen"] == screen),
                               "item %r%s" % (item_id, " on screen %r" % screen if screen else ""))


def go_to(kiosk, screen):
    kiosk.click("stage.next")
    return kiosk.wait_for_screen(screen)


# ---- Run 1: a launch workshop's rhythm and commitments at 1280x720 ------------------------------------------
FORM_IDS = (["rhythm.activity", "rhythm.interval.more", "rhythm.hour.less", "rhythm.hour.more", "rhythm.minute.more",
             "rhythm.duration.less", "rhythm.duration.more", "rhythm.monthday", "rhythm.start", "rhythm.convener",
             "rhythm.add", "rhythm.cancel"]
            + ["rhythm.frequency." + f for f in ("daily", "weekly", "monthly", "yearly")]
            + ["rhythm.position." + p for p in ("1", "2", "3", "4", "-1")]
            + ["rhythm.weekday." + d for d in ("MO", "TU", "WE", "TH", "FR", "SA", "SU")]
            + ["rhythm.format." + f for f in ("online", "face-to-face", "hybrid")]
            + ["rhythm.membership.open", "rhythm.membership.closed"])
COMMIT_FORM_IDS = (["commitments.everyone", "commitments.what", "commitments.due", "commitments.link",
                    "commitments.add", "commitments.cancel"]
                   + ["commitments.person.%d" % i for i in range(len(NAMES))]
                   + ["commitments.due." + k for k in ("week", "month", "3months", "6months")])


def check_all_listed(kiosk, dump, ids, where):
    missing = [i for i in ids if kiosk.item(i, dump) is None]
    check(not missing, "%s at %dx%d: these controls are not reachable (not listed in the layout dump): %s"
          % (where, dump["window"][0], dump["window"][1], missing))


def start_launch(kiosk):
    kiosk.wait_for_screen("home")
    kiosk.find_window()
    kiosk.click("community.new")
    kiosk.wait_for_screen("community.new")
    type_into(kiosk, "community.name", COMMUNITY)
    kiosk.click("community.create")
    start_workshop(kiosk, "launch")
    for n, name in enumerate(NAMES, start=1):
        kiosk.click("checkin.name")  # the field takes the keyboard before the first character is typed
        kiosk.type_text(name)
        kiosk.key("Return")
        kiosk.wait_for_dump(lambda d, n=n: count(kiosk, "checkin.remove.", d) == n, "%d people checked in" % n)
    for screen in ("stage.domain", "stage.stage_check", "stage.roles", "stage.rhythm"):
        go_to(kiosk, screen)


def rhythm_stage(binary, kiosk, db, work, art):
    dump = audit(item_dump(kiosk, "rhythm.new", "stage.rhythm"), "empty rhythm list")
    check(count(kiosk, "rhythm.edit.", dump) == 0, "a new launch has no rhythm yet: %s" % kiosk.ids("rhythm."))
    kiosk.screenshot(art / "01-rhythm-empty-1280x720.png")

    # -- Monthly call: every first Tuesday at 12:00 for 60 minutes, online, open, convened by the first person.
    kiosk.click("rhythm.new")
    dump = audit(item_dump(kiosk, "rhythm.add"), "the rhythm form")
    check_all_listed(kiosk, dump, FORM_IDS, "the rhythm form (monthly)")
    type_into(kiosk, "rhythm.activity", MONTHLY)
    toggle_on(kiosk, "rhythm.frequency.monthly")
    toggle_on(kiosk, "rhythm.position.1")
    toggle_on(kiosk, "rhythm.weekday.TU")
    toggle_on(kiosk, "rhythm.format.online")
    toggle_on(kiosk, "rhythm.membership.open")
    kiosk.click("rhythm.convener")
    dump = audit(item_dump(kiosk, "rhythm.convener.none"), "the convener picker")
    names = [label(kiosk, "rhythm.convener.%d" % i, dump) for i in range(len(NAMES))]
    check(names == NAMES, "the convener picker lists %s, expected the people checked in %s" % (names, NAMES))
    kiosk.screenshot(art / "02-rhythm-convener-picker-1280x720.png")
    kiosk.click("rhythm.convener.0")
    kiosk.wait_for_dump(lambda d: NAMES[0] in (label(kiosk, "rhythm.convener", d) or ""),
                        "the form back, its convener button naming %r" % NAMES[0])
    audit(kiosk.layout(), "the monthly form filled")
    kiosk.screenshot(art / "03-rhythm-form-monthly-1280x720.png")
    kiosk.click("rhythm.add")
    dump = kiosk.wait_for_dump(lambda d: kiosk.item("rhythm.edit.0", d), "the list with the monthly call")
    audit(dump, "one decision")
    check("Added" in (message(kiosk, "rhythm", dump) or ""), "no confirmation after adding: %r"
          % message(kiosk, "rhythm", dump))

    # -- Fortnightly lab meeting: weekly, every 2 weeks, no weekday first (refused), then Thursday.
    kiosk.click("rhythm.new")
    kiosk.wait_for_item("rhythm.add")
    check(NAMES[0] not in (label(kiosk, "rhythm.convener") or ""),
          "a new form must start empty, but its convener is %r" % label(kiosk, "rhythm.convener"))
    type_into(kiosk, "rhythm.activity", LAB)
    toggle_on(kiosk, "rhythm.frequency.weekly")
    kiosk.click("rhythm.interval.more")
    kiosk.wait_for_item("rhythm.interval.less")  # enabled once the interval is above 1
    click_times(kiosk, "rhythm.hour.more", 2)     # 12 -> 14
    click_times(kiosk, "rhythm.minute.more", 2)   # 00 -> 30
    click_times(kiosk, "rhythm.duration.more", 2)  # 60 -> 90
    lab_start = today() + datetime.timedelta(days=10)
    type_into(kiosk, "rhythm.start", lab_start.isoformat(), replace=True)
    toggle_on(kiosk, "rhythm.format.face-to-face")
    toggle_on(kiosk, "rhythm.membership.closed")
    dump = kiosk.layout()
    check(not any((label(kiosk, "rhythm.weekday." + d, dump) or "").startswith("\u2713")
                  for d in ("MO", "TU", "WE", "TH", "FR", "SA", "SU")),
          "no weekday should be chosen yet in the new weekly form")
    kiosk.click("rhythm.add")
    refusal = wait_message(kiosk, "rhythm", ["weekday"], "the store's refusal of a weekly rhythm with no weekday")
    check(refusal.startswith("\u26A0"), "the refusal %r is not marked as a problem" % refusal)
    dump = audit(kiosk.layout(), "the refusal shown")
    check(kiosk.item("rhythm.add", dump) and not kiosk.item("rhythm.new", dump),
          "after a refusal the form must stay open: %s" % kiosk.ids("rhythm."))
    kiosk.screenshot(art / "04-rhythm-weekly-without-weekday-refused-1280x720.png")
    outcome = export(binary, db, str(work / "export-refused"))
    check([r["activity"] for r in outcome["rhythm"]] == [MONTHLY],
          "the refused weekly rhythm must not be saved; the export holds %s" % [r["activity"] for r in outcome["rhythm"]])
    toggle_on(kiosk, "rhythm.weekday.TH")
    kiosk.wait_for_dump(lambda d: message(kiosk, "rhythm", d) is None, "the refusal to clear once the form changes")
    kiosk.screenshot(art / "05-rhythm-form-weekly-1280x720.png")
    kiosk.click("rhythm.add")
    dump = audit(kiosk.wait_for_dump(lambda d: kiosk.item("rhythm.edit.1", d), "the list with two decisions"),
                 "two decisions")

    # -- a third decision, added then removed
    kiosk.click("rhythm.new")
    kiosk.wait_for_item("rhythm.add")
    type_into(kiosk, "rhythm.activity", THROWAWAY)
    toggle_on(kiosk, "rhythm.frequency.yearly")
    kiosk.click("rhythm.add")
    kiosk.wait_for_dump(lambda d: kiosk.item("rhythm.edit.2", d), "the list with three decisions")
    check(len(export(binary, db, str(work / "export-three"))["rhythm"]) == 3, "the yearly decision was not saved")
    kiosk.click("rhythm.remove.2")
    kiosk.wait_for_dump(lambda d: not kiosk.item("rhythm.edit.2", d) and kiosk.item("rhythm.edit.1", d),
                        "the third decision to be removed")

    # -- edit the lab meeting: everything loads into the form; hybrid instead of face-to-face
    kiosk.click("rhythm.edit.1")
    dump = item_dump(kiosk, "rhythm.save")
    check(kiosk.item("rhythm.add", dump) is None, "editing shows Save, not Add: %s" % kiosk.ids("rhythm."))
    for chosen in ("rhythm.frequency.weekly", "rhythm.weekday.TH", "rhythm.format.face-to-face",
                   "rhythm.membership.closed"):
        check((label(kiosk, chosen, dump) or "").startswith("\u2713"),
              "editing %r: %s should show as chosen, its label is %r" % (LAB, chosen, label(kiosk, chosen, dump)))
    toggle_on(kiosk, "rhythm.format.hybrid")
    kiosk.click("rhythm.save")
    dump = kiosk.wait_for_dump(lambda d: kiosk.item("rhythm.new", d) and "Saved" in (message(kiosk, "rhythm", d) or ""),
                               "the list after saving")
    audit(dump, "after editing")
    kiosk.screenshot(art / "06-rhythm-list-1280x720.png")
    return lab_start


def next_dates_by_dateutil(rule, start_date, start_time, from_date, count=3):
    hour, minute = (int(part) for part in start_time.split(":"))
    start = datetime.datetime.combine(datetime.date.fromisoformat(start_date), datetime.time(hour, minute))
    dates = []
    # Bounded: a rule matching nothing must fail the test, not hang it.
    for moment in itertools.islice(rrulestr("RRULE:" + rule, dtstart=start), 5000):
        if moment.date() >= from_date:
            dates.append(moment.date().isoformat())
            if len(dates) == count:
                break
    return dates


def check_rhythm(outcome, lab_start):
    rhythm = outcome["rhythm"]
    check([r["activity"] for r in rhythm] == [MONTHLY, LAB], "rhythm activities %s, expected %s"
          % ([r["activity"] for r in rhythm], [MONTHLY, LAB]))
    monthly, lab = rhythm
    expected = {"rrule": "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=1", "start_time": "12:00", "duration_minutes": 60,
                "format": "online", "membership": "open",
                "description": "Every first Tuesday of the month at 12:00 for 60 minutes",
                "start_date": today().isoformat()}
    for key, value in expected.items():
        check(monthly[key] == value, "%s: %s is %r, expected %r" % (MONTHLY, key, monthly[key], value))
    check(monthly["convener"] and monthly["convener"]["name"] == NAMES[0], "%s: convener %r, expected %r"
          % (MONTHLY, monthly["convener"], NAMES[0]))
    expected = {"rrule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "start_time": "14:30", "duration_minutes": 90,
                "format": "hybrid", "membership": "closed", "start_date": lab_start.isoformat(),
                "description": "Every 2 weeks on Thursday at 14:30 for 90 minutes", "convener": None}
    for key, value in expected.items():
        check(lab[key] == value, "%s: %s is %r, expected %r" % (LAB, key, lab[key], value))
    # The next dates: the program's own, against python-dateutil's reading of the same RRULE.
    check(rrulestr is not None, "python-dateutil is missing: install python3-dateutil (Debian) for /usr/bin/python3")
    since = datetime.date.fromisoformat(outcome["workshop"]["started_at"][:10])
    for decision in rhythm:
        theirs = next_dates_by_dateutil(decision["rrule"], decision["start_date"], decision["start_time"], since)
        check(len(decision["next_dates"]) == 3 and decision["next_dates"] == theirs,
              "%s: next_dates %s, but dateutil's rrule from %s gives %s" % (decision["activity"],
                                                                            decision["next_dates"],
                                                                            decision["start_date"], theirs))
    first = datetime.date.fromisoformat(monthly["next_dates"][0])
    check(first.weekday() == 1 and first.day <= 7, "%s: %s is not a first Tuesday" % (MONTHLY, first))
    days = [datetime.date.fromisoformat(d) for d in lab["next_dates"]]
    check(all(d.weekday() == 3 for d in days) and days[1] - days[0] == datetime.timedelta(days=14),
          "%s: %s are not Thursdays two weeks apart" % (LAB, lab["next_dates"]))


def commitments_stage(binary, kiosk, db, work, art):
    go_to(kiosk, "stage.tasks")
    go_to(kiosk, "stage.commitments")
    dump = audit(item_dump(kiosk, "commitments.new", "stage.commitments"), "empty commitments list")
    check(count(kiosk, "commitments.remove.", dump) == 0, "no commitment yet, but: %s" % kiosk.ids("commitments."))
    kiosk.screenshot(art / "07-commitments-empty-1280x720.png")

    # -- one person, due in a week, linked to the coordinator role
    kiosk.click("commitments.new")
    dump = audit(item_dump(kiosk, "commitments.add"), "the commitment form")
    check_all_listed(kiosk, dump, COMMIT_FORM_IDS, "the commitment form")
    names = [label(kiosk, "commitments.person.%d" % i, dump) for i in range(len(NAMES))]
    check(names == NAMES, "the form offers %s, expected the people checked in %s" % (names, NAMES))
    toggle_on(kiosk, "commitments.person.1")
    type_into(kiosk, "commitments.what", C_ONE)
    toggle_on(kiosk, "commitments.due.week")
    kiosk.click("commitments.link")
    audit(item_dump(kiosk, "commitments.link.none"), "the link picker")
    kiosk.screenshot(art / "08-commitments-link-picker-1280x720.png")
    kiosk.click("commitments.role.coordinator")
    kiosk.wait_for_dump(lambda d: "Coordinator" in (label(kiosk, "commitments.link", d) or ""),
                        "the form back, its link naming the coordinator role")
    kiosk.screenshot(art / "09-commitments-form-1280x720.png")
    kiosk.click("commitments.add")
    kiosk.wait_for_dump(lambda d: kiosk.item("commitments.remove.0", d), "the first commitment listed")

    # -- the whole community, due in three months
    kiosk.click("commitments.new")
    kiosk.wait_for_item("commitments.add")
    toggle_on(kiosk, "commitments.everyone")
    type_into(kiosk, "commitments.what", C_ALL)
    toggle_on(kiosk, "commitments.due.3months")
    kiosk.click("commitments.add")
    kiosk.wait_for_dump(lambda d: kiosk.item("commitments.remove.1", d), "the second commitment listed")

    # -- due yesterday: refused, nothing saved; then a month from now: nothing typed was lost; then removed
    kiosk.click("commitments.new")
    kiosk.wait_for_item("commitments.add")
    toggle_on(kiosk, "commitments.person.0")
    type_into(kiosk, "commitments.what", C_LATE)
    type_into(kiosk, "commitments.due", (today() - datetime.timedelta(days=1)).isoformat(), replace=True)
    kiosk.click("commitments.add")
    refusal = wait_message(kiosk, "commitments", ["past"], "the refusal of a due date in the past")
    check(refusal.startswith("\u26A0"), "the refusal %r is not marked as a problem" % refusal)
    dump = audit(kiosk.layout(), "a refused commitment")
    check(kiosk.item("commitments.add", dump), "after a refusal the form must stay open: %s" % kiosk.ids("commitments."))
    kiosk.screenshot(art / "10-commitments-past-due-refused-1280x720.png")
    check(len(export(binary, db, str(work / "export-late"))["commitments"]) == 2,
          "a commitment due in the past must not be saved")
    toggle_on(kiosk, "commitments.due.month")
    kiosk.click("commitments.add")
    kiosk.wait_for_dump(lambda d: kiosk.item("commitments.remove.2", d), "the corrected commitment listed")
    # The list, like the export, is in order of due date.
    listed = export(binary, db, str(work / "export-corrected"))["commitments"]
    whats = [c["what"] for c in listed]
    check(sorted(whats) == sorted([C_ONE, C_ALL, C_LATE]), "three commitments expected, the export holds %s" % whats)
    late = listed[whats.index(C_LATE)]
    check([p["name"] for p in late["who"]["people"]] == [NAMES[0]] and late["due"] == add_months(today(), 1).isoformat(),
          "the corrected commitment lost what was typed: %s" % late)
    kiosk.click("commitments.remove.%d" % whats.index(C_LATE))
    kiosk.wait_for_dump(lambda d: count(kiosk, "commitments.remove.", d) == 2, "the third commitment to be removed")
    check(sorted(c["what"] for c in export(binary, db, str(work / "export-removed"))["commitments"])
          == sorted([C_ONE, C_ALL]), "removing %r removed another commitment" % C_LATE)

    # -- nobody named: refused
    kiosk.click("commitments.new")
    kiosk.wait_for_item("commitments.add")
    type_into(kiosk, "commitments.what", C_NOBODY)
    toggle_on(kiosk, "commitments.due.6months")
    kiosk.click("commitments.add")
    wait_message(kiosk, "commitments", ["who"], "the refusal of a commitment naming nobody")
    kiosk.click("commitments.cancel")
    dump = kiosk.wait_for_dump(lambda d: kiosk.item("commitments.new", d), "the list after cancelling")
    audit(dump, "two commitments")
    check(count(kiosk, "commitments.remove.", dump) == 2, "two commitments expected in the list: %s"
          % kiosk.ids("commitments."))
    kiosk.screenshot(art / "11-commitments-list-1280x720.png")


def check_commitments(outcome):
    commitments = outcome["commitments"]
    whats = [c["what"] for c in commitments]
    check(sorted(whats) == sorted([C_ONE, C_ALL]), "commitments %s, expected %s" % (whats, [C_ONE, C_ALL]))
    one, everyone = commitments[whats.index(C_ONE)], commitments[whats.index(C_ALL)]
    check(not one["who"]["whole_community"] and [p["name"] for p in one["who"]["people"]] == [NAMES[1]],
          "%r: who is %s, expected %s alone" % (C_ONE, one["who"], NAMES[1]))
    check(one["due"] == (today() + datetime.timedelta(days=7)).isoformat(), "%r: due %s, expected a week from %s"
          % (C_ONE, one["due"], today()))
    check(one["role"] == "coordinator" and one["task"] is None, "%r: linked to role %r, task %r"
          % (C_ONE, one["role"], one["task"]))
    check(everyone["who"]["whole_community"] and everyone["who"]["people"] == [],
          "%r: who is %s, expected the whole community" % (C_ALL, everyone["who"]))
    check(everyone["due"] == add_months(today(), 3).isoformat(), "%r: due %s, expected %s"
          % (C_ALL, everyone["due"], add_months(today(), 3)))
    for c in commitments:
        check(c["status"] == "open" and c["carried_from"] is None and c["origin_workshop"] == outcome["workshop"]["id"],
              "%r: status %r, carried_from %r, origin %r" % (c["what"], c["status"], c["carried_from"],
                                                            c["origin_workshop"]))


# ---- Run 2: the same workshop at 1920x1080 ------------------------------------------------------------------
def review_at_1080p(binary, x, db, work, art):
    kiosk = Kiosk(binary, x, db, work, size="1920x1080", name="run2-1920x1080")
    try:
        kiosk.start()
        # A restarted console comes back in the running workshop, at the stage the room is on.
        audit(item_dump(kiosk, "commitments.remove.1", "stage.commitments"), "resumed at 1920x1080")
        kiosk.find_window()
        kiosk.screenshot(art / "21-commitments-list-1920x1080.png")
        kiosk.click("commitments.new")
        dump = audit(item_dump(kiosk, "commitments.add"), "the commitment form at 1080p")
        check_all_listed(kiosk, dump, COMMIT_FORM_IDS, "the commitment form")
        kiosk.screenshot(art / "22-commitments-form-1920x1080.png")
        kiosk.click("commitments.cancel")
        kiosk.wait_for_item("commitments.new")
        kiosk.click("stage.back")
        kiosk.wait_for_screen("stage.tasks")
        kiosk.click("stage.back")
        dump = audit(item_dump(kiosk, "rhythm.edit.1", "stage.rhythm"), "the rhythm list at 1080p")
        check(count(kiosk, "rhythm.edit.", dump) == 2, "two decisions expected: %s" % kiosk.ids("rhythm."))
        kiosk.screenshot(art / "23-rhythm-list-1920x1080.png")
        kiosk.click("rhythm.edit.0")
        dump = audit(item_dump(kiosk, "rhythm.save"), "the rhythm form at 1080p")
        check_all_listed(kiosk, dump, [i for i in FORM_IDS if i != "rhythm.add"] + ["rhythm.save"], "the rhythm form")
        kiosk.screenshot(art / "24-rhythm-form-monthly-1920x1080.png")
        kiosk.click("rhythm.cancel")
        kiosk.wait_for_item("rhythm.new")
        code, _ = kiosk.terminate()
        check(code == 0, "SIGTERM ended the 1080p run with exit code %s" % code)
    finally:
        kiosk.cleanup()


# ---- Run 3: a renewal starts from the previous rhythm -------------------------------------------------------
def tour(binary, x, db, work, art, size):
    folder = work / ("tour-" + size)
    kiosk = Kiosk(binary, x, db, work, size=size, name="tour-" + size, extra_args=["--tour", str(folder)])
    try:
        kiosk.start()
        code = kiosk.wait_exit(120)
        check(code == 0, "the tour at %s exited %s: %s" % (size, code, kiosk.stderr_text().strip()))
    finally:
        kiosk.cleanup()
    for stage in ("rhythm", "commitments"):
        shots = sorted(folder.glob("*-%s.png" % stage))
        check(len(shots) == 1, "the tour at %s saved %s for the %s stage" % (size, [p.name for p in shots], stage))
        width, height = png_size(shots[0])
        check("%dx%d" % (width, height) == size, "%s is %dx%d" % (shots[0], width, height))
        shutil.copy(shots[0], art / ("31-demo-renewal-%s-%s.png" % (stage, size)))


def renewal(binary, x, work, art):
    db = str(work / "demo.db")
    result = run_cli(binary, ["demo", "--db", db])
    check(result.returncode == 0, "demo exited %d: %s" % (result.returncode, result.stderr.strip()))
    finished = export(binary, db, str(work / "export-demo"))
    check(finished["workshop"]["kind"] == "renewal" and len(finished["rhythm"]) >= 2,
          "the demo's latest workshop should be a renewal with a rhythm: %s, %d decisions"
          % (finished["workshop"]["kind"], len(finished["rhythm"])))
    for size in ("1280x720", "1920x1080"):
        tour(binary, x, db, work, art, size)
    kiosk = Kiosk(binary, x, db, work, size="1280x720", name="run3-renewal")
    try:
        kiosk.start()
        kiosk.wait_for_item("community.0.start.renewal", screen="home")
        kiosk.find_window()
        start_workshop(kiosk, "renewal")
        for screen in ("stage.review", "stage.health", "stage.stage_check", "stage.tasks", "stage.roles",
                       "stage.rhythm"):
            go_to(kiosk, screen)
        dump = kiosk.wait_for_dump(lambda d: count(kiosk, "rhythm.edit.", d) == len(finished["rhythm"]),
                                   "the previous rhythm's %d decisions on the new renewal's list"
                                   % len(finished["rhythm"]))
        audit(dump, "a renewal's rhythm")
        kiosk.screenshot(art / "32-renewal-rhythm-from-previous-1280x720.png")
        copied = export(binary, db, str(work / "export-renewal"))
        check(sorted(r["rrule"] for r in copied["rhythm"]) == sorted(r["rrule"] for r in finished["rhythm"]),
              "the renewal's rhythm %s is not the previous one %s"
              % ([r["rrule"] for r in copied["rhythm"]], [r["rrule"] for r in finished["rhythm"]]))
        # Remove one and add one: the list then holds a new decision beside those unchanged since last time.
        kiosk.click("rhythm.remove.0")
        kiosk.wait_for_dump(lambda d: count(kiosk, "rhythm.edit.", d) == len(finished["rhythm"]) - 1,
                            "one decision fewer")
        kiosk.click("rhythm.new")
        kiosk.wait_for_item("rhythm.add")
        type_into(kiosk, "rhythm.activity", "Quarterly lab tour")
        kiosk.click("rhythm.interval.more")
        kiosk.wait_for_item("rhythm.interval.less")
        click_times(kiosk, "rhythm.interval.more", 1)  # every 3 months
        toggle_on(kiosk, "rhythm.monthday")
        kiosk.click("rhythm.add")
        kiosk.wait_for_dump(lambda d: count(kiosk, "rhythm.edit.", d) == len(finished["rhythm"]),
                            "the new decision listed")
        audit(kiosk.layout(), "a renewal's rhythm changed")
        kiosk.screenshot(art / "33-renewal-rhythm-changed-1280x720.png")
        changed = export(binary, db, str(work / "export-renewal-changed"))
        added = changed["changes_since_previous"]["rhythm"]["added"]
        check(any("Quarterly lab tour" in text and "Every 3 months on day" in text for text in added),
              "the change list should name the new quarterly decision as added: %s" % added)
        check(len(changed["changes_since_previous"]["rhythm"]["removed"]) == 1,
              "one decision was removed: %s" % changed["changes_since_previous"]["rhythm"])
        go_to(kiosk, "stage.commitments")
        audit(item_dump(kiosk, "commitments.new", "stage.commitments"), "a renewal's commitments")
        kiosk.screenshot(art / "34-renewal-commitments-1280x720.png")
        code, _ = kiosk.terminate()
        check(code == 0, "SIGTERM ended the renewal run with exit code %s" % code)
    finally:
        kiosk.cleanup()


def main():
    binary = binary_from_argv()
    art = artifacts_dir("test_stage_rhythm_commitments")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-rhythm-"))
    try:
        db = str(work / "launch.db")
        with XServer(log_dir=str(art)) as x:
            kiosk = Kiosk(binary, x, db, work, size="1280x720", name="run1-1280x720")
            try:
                kiosk.start()
                start_launch(kiosk)
                lab_start = rhythm_stage(binary, kiosk, db, work, art)
                check_rhythm(export(binary, db, str(work / "export-rhythm")), lab_start)
                commitments_stage(binary, kiosk, db, work, art)
                code, _ = kiosk.terminate()
                check(code == 0, "SIGTERM ended run 1 with exit code %s" % code)
            finally:
                kiosk.cleanup()
            outcome = export(binary, db, str(art / "export"))  # kept as an artefact
            check_rhythm(outcome, lab_start)
            check_commitments(outcome)
            review_at_1080p(binary, x, db, work, art)
            renewal(binary, x, work, art)
        for name in sorted(os.listdir(work)):
            if name.endswith("-stderr.txt"):
                shutil.copy(work / name, art / name)
        print("screenshots in %s" % art)
        if PROBLEMS:
            raise Failure("everything else passed, but widgets cannot be pressed where the layout dump puts them:\n  "
                          + "\n  ".join(PROBLEMS))
    finally:
        shutil.rmtree(str(work), ignore_errors=True)


if __name__ == "__main__":
    run_main(main)

"""The facilitator's controls, through the real window: the kiosk PIN at a workshop's start (a bad PIN refused with
a message, two different PINs refused), the stage timer (pause stops the countdown on screen and in the database,
T starts it again, +5 min shows in the planned minutes, Shift+T restarts), the vote's controls on the stage check
(anonymous/named and live/hidden by key, open, a ballot on the facilitator's screen, the not-voted list naming
exactly the others, close, show results, reopen, reset asked for and confirmed: back to draft with no ballot),
the tasks stage's three votes opened by key and reset together, the F1 overlay listing the shortcuts by group,
the kiosk openings of the roles and commitments stages (checked in the database), the hand-over to
participants; then, at 1920x1080, a running workshop without a PIN (as an older
database has) gets one from the stage frame with Ctrl+K, and Ctrl+K then hands the screen over.

Screenshots of the stage frame with its controls and of the help overlay at 1280x720 and 1920x1080 are kept in
build/artifacts/test_facilitator_controls. The database is read with Debian's Python sqlite3 module, read-only.
"""
import os
import pathlib
import shutil
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_driver import Failure, Kiosk, XServer, artifacts_dir, binary_from_argv, check, run_main  # noqa: E402
from stage_flows import PIN, Flow, enter_pin, label_of, names_of, readout  # noqa: E402

COMMUNITY = "Riverside Makers"
DOMAIN = "Repairing things together, and teaching it"
PEOPLE = ["Ana Costa", "Ben Okafor", "Chloe Martin", "Dev Patel"]
PROBLEMS = {}
# What only the facilitator may press: none of it may stay on screen once the screen is handed to participants.
FACILITATOR_IDS = ("stage.next", "stage.back", "workshop.home", "timer.", "kiosk.hand_over", "kiosk.set_pin",
                   "kiosk.open.", "poll.open", "poll.close", "poll.reveal", "poll.reopen", "poll.reset",
                   "poll.anonymous", "poll.live")


# ---- The database, read-only ------------------------------------------------------------------------------------
def query(db, sql, args=()):
    with sqlite3.connect("file:%s?mode=ro" % db, uri=True) as connection:
        return connection.execute(sql, args).fetchall()


def current_stage(db):
    """(key, timer_running_since, timer_elapsed_seconds, timer_extra_minutes) of the running workshop's stage."""
    rows = query(db, "SELECT s.key, s.timer_running_since, s.timer_elapsed_seconds, s.timer_extra_minutes "
                     "FROM workshop w JOIN workshop_stage s ON s.workshop_id = w.id AND s.position = w.current_stage "
                     "WHERE w.ended_at IS NULL")
    check(len(rows) == 1, "one running workshop expected, the database has %d" % len(rows))
    return rows[0]


def workshop_row(db):
    rows = query(db, "SELECT kiosk_pin_hash, kiosk_roles_open, kiosk_commitments_open FROM workshop "
                     "WHERE ended_at IS NULL")
    check(len(rows) == 1, "one running workshop expected, the database has %d" % len(rows))
    return rows[0]


def stage_check_poll(db):
    """(status, anonymous, live_results, current ballots, voters) of the stage check's poll."""
    rows = query(db, "SELECT p.status, p.anonymous, p.live_results, "
                     "(SELECT COUNT(*) FROM ballot b WHERE b.poll_id = p.id AND b.superseded_at IS NULL) + "
                     "(SELECT COUNT(*) FROM anonymous_ballot a WHERE a.poll_id = p.id AND a.superseded = 0), "
                     "(SELECT COUNT(*) FROM poll_voter v WHERE v.poll_id = p.id) "
                     "FROM poll p JOIN workshop w ON w.id = p.workshop_id "
                     "WHERE w.ended_at IS NULL AND p.kind = 'single'")
    check(len(rows) == 1, "one stage check poll expected, the database has %d" % len(rows))
    return rows[0]


def wait_db(kiosk, predicate, what, timeout=10.0):
    return kiosk.wait_until(predicate, timeout, what)


# ---- Small steps ---------------------------------------------------------------------------------------------------
def countdown(kiosk, dump=None):
    return readout(kiosk, "timer.countdown", dump) or ""


def help_lines(kiosk, dump=None):
    dump = dump or kiosk.layout() or {}
    return [r["label"] for r in dump.get("readouts", []) if r["id"].startswith("help.shortcut.")]


def not_voted(kiosk, dump=None):
    """The names of the not-voted readout ("Not voted yet: A, B." or "Everyone checked in has voted.")."""
    text = readout(kiosk, "poll.not_voted", dump)
    if text is None:
        return None
    if not text.startswith("Not voted yet: "):
        return []
    return [name.strip() for name in text[len("Not voted yet: "):].rstrip(".").split(",")]


def stays_the_same(kiosk, read, seconds, what):
    """Reads `read()` for `seconds` (each new frame of the dump): fails as soon as it changes."""
    first = read()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        now = read()
        check(now == first, "%s changed from %r to %r" % (what, first, now))
        time.sleep(0.1)
    return first


# ---- 1. At 1280x720: PIN, timer, votes, help, kiosk openings, hand-over -------------------------------------------------
def first_run(binary, x, db, work, art):
    kiosk = Kiosk(binary, x, db, work, size="1280x720", name="run1-1280x720")
    flow = Flow(kiosk, art, "a", PROBLEMS)
    try:
        kiosk.start()
        kiosk.wait_for_screen("home")
        kiosk.find_window()
        flow.new_community(COMMUNITY, DOMAIN)

        # -- the PIN: required, refused when too short, refused when the two differ, then set
        kiosk.click("community.0.start.launch", screen="home")
        flow.audit(kiosk.wait_for_item("start.pin.field", screen="home") and kiosk.layout(), "the PIN step")
        check(kiosk.item("start.pin.ok") and kiosk.item("start.pin.cancel"), "the PIN step offers ok and cancel: %s"
              % kiosk.ids())
        kiosk.click("start.pin.field")
        kiosk.type_text("12")
        kiosk.key("Return")
        dump = kiosk.wait_for_dump(lambda d: readout(kiosk, "start.pin.message", d), "a refusal of the PIN 12")
        check("at least 4 digits" in readout(kiosk, "start.pin.message", dump),
              "a 2-digit PIN is refused with why: %r" % readout(kiosk, "start.pin.message", dump))
        check(label_of(kiosk, "start.pin.field", dump) == "choose a PIN", "after a refusal the PIN is chosen again")
        flow.shot("pin-refused")
        dump = enter_pin(kiosk, "start.pin", "2468", again="2469")
        check("differ" in (readout(kiosk, "start.pin.message", dump) or ""),
              "two different PINs are refused: %r" % readout(kiosk, "start.pin.message", dump))
        check(dump["screen"] == "home", "no workshop starts with two different PINs")
        check(query(db, "SELECT COUNT(*) FROM workshop")[0][0] == 0, "a refused PIN started a workshop")
        enter_pin(kiosk, "start.pin", PIN)
        kiosk.wait_for_screen("stage.checkin")
        check(workshop_row(db)[0], "the workshop started with a PIN (its hash is stored)")
        flow.check_in(PEOPLE)
        flow.next_stage("stage.domain")
        flow.next_stage("stage.stage_check")

        # -- the timer: running, paused (still on screen and in the database), T, +5 min, +, Shift+T
        dump = flow.dump_when(lambda d: kiosk.item("timer.pause", d) and kiosk.item("poll.open", d),
                              "the stage check's controls", "the stage check")
        check(kiosk.item("timer.extend", dump) and kiosk.item("timer.restart", dump),
              "the timer offers +5 min and restart: %s" % kiosk.ids("timer."))
        first = countdown(kiosk, dump)
        check(first.startswith("9:") or first.startswith("10:00"), "the stage check plans 10 min: %r" % first)
        kiosk.wait_until(lambda: countdown(kiosk) != first, 5.0, "the countdown to tick while it runs")
        check(current_stage(db)[1], "a running clock has a start in the database")
        flow.shot("stage-check-controls")
        kiosk.click("timer.pause")
        dump = flow.dump_when(lambda d: kiosk.item("timer.start", d) and "paused" in countdown(kiosk, d),
                              "the countdown to say it is paused", "the timer paused")
        check("\u25AE\u25AE" in countdown(kiosk, dump), "a paused countdown shows the pause shape: %r" % countdown(kiosk, dump))
        stays_the_same(kiosk, lambda: countdown(kiosk), 2.5, "the paused countdown")
        key, running_since, elapsed, extra = current_stage(db)
        check(key and running_since is None and elapsed >= 1,
              "paused in the database: running since %r, %r s on the clock" % (running_since, elapsed))
        flow.shot("timer-paused")
        kiosk.key("t")
        flow.dump_when(lambda d: kiosk.item("timer.pause", d), "T to start the clock again")
        wait_db(kiosk, lambda: current_stage(db)[1] is not None, "the clock running again in the database")
        kiosk.click("timer.extend")
        flow.dump_when(lambda d: "left of 15 min (+5)" in countdown(kiosk, d), "+5 min in the planned minutes")
        kiosk.key("plus")
        flow.dump_when(lambda d: "left of 20 min (+10)" in countdown(kiosk, d), "+ to add 5 more minutes")
        flow.shot("timer-extended")
        kiosk.key("t")
        dump = flow.dump_when(lambda d: kiosk.item("timer.start", d) and "paused" in countdown(kiosk, d),
                              "T to pause the clock again")
        check(countdown(kiosk, dump).split()[0] >= "19:", "the paused clock shows the added time: %r" % countdown(kiosk, dump))
        wait_db(kiosk, lambda: current_stage(db)[1] is None, "the clock paused again in the database")
        check(current_stage(db)[3] == 10, "10 minutes added in the database: %r" % (current_stage(db),))
        kiosk.key("shift+t")
        dump = flow.dump_when(lambda d: kiosk.item("timer.pause", d) and "(+" not in countdown(kiosk, d),
                              "Shift+T to restart the clock without the added minutes")
        wait_db(kiosk, lambda: current_stage(db)[1] is not None and current_stage(db)[3] == 0,
                "the restarted clock in the database")

        # -- the vote's settings by key, before it opens
        anonymous_before = label_of(kiosk, "poll.anonymous")
        kiosk.key("a")
        flow.dump_when(lambda d: label_of(kiosk, "poll.anonymous", d) != anonymous_before, "A to switch anonymous/named")
        live_before = label_of(kiosk, "poll.live")
        kiosk.key("l")
        flow.dump_when(lambda d: label_of(kiosk, "poll.live", d) != live_before, "L to switch live results")
        wait_db(kiosk, lambda: stage_check_poll(db)[2] == 1, "live results in the database")
        # Named ballots for the rest (so the database can tell who voted what is not the point: the names are).
        if label_of(kiosk, "poll.anonymous").startswith("\u2713"):
            kiosk.click("poll.anonymous")
            flow.dump_when(lambda d: label_of(kiosk, "poll.anonymous", d) == "Named ballots", "named ballots")

        # -- open by key; the not-voted list; one ballot on this screen
        kiosk.key("o")
        dump = flow.dump_when(lambda d: kiosk.item("poll.close", d) and names_of(kiosk, "voter", d),
                              "O to open the vote", "the vote open")
        check(sorted(not_voted(kiosk, dump) or []) == sorted(PEOPLE),
              "before any ballot everyone is listed as not voted: %r" % readout(kiosk, "poll.not_voted", dump))
        kiosk.click(flow.reach_name("voter", "Chloe Martin", "the voters"))
        flow.dump_when(lambda d: len(kiosk.ids("poll.option.", d)) == 5, "the five choices for Chloe")
        kiosk.click("poll.option.committing")
        dump = flow.dump_when(lambda d: not_voted(kiosk, d) is not None and len(not_voted(kiosk, d)) == 3,
                              "the not-voted list after Chloe's ballot", "one ballot cast")
        check(not_voted(kiosk, dump) == ["Ana Costa", "Ben Okafor", "Dev Patel"],
              "the not-voted list names exactly the three others, in check-in order: %r"
              % readout(kiosk, "poll.not_voted", dump))
        check("committing" not in readout(kiosk, "poll.not_voted", dump).lower(), "never a choice in the list")
        flow.shot("vote-open-not-voted")

        # -- close by key, show results by click, reopen by key, close by click
        kiosk.key("c")
        flow.dump_when(lambda d: kiosk.item("poll.reveal", d) and kiosk.item("poll.reopen", d), "C to close the vote",
                       "the vote closed")
        check(readout(kiosk, "poll.not_voted") is None, "the not-voted list shows only while the vote is open")
        kiosk.click("poll.reveal")
        flow.dump_when(lambda d: kiosk.item("poll.reopen", d) and not kiosk.item("poll.reveal", d), "the results shown",
                       "the vote revealed")
        kiosk.key("shift+o")
        flow.dump_when(lambda d: kiosk.item("poll.close", d), "Shift+O to reopen the vote")
        check(stage_check_poll(db)[0] == "open" and stage_check_poll(db)[3] == 1,
              "reopened with Chloe's ballot kept: %r" % (stage_check_poll(db),))
        kiosk.click("poll.close")
        flow.dump_when(lambda d: kiosk.item("poll.reveal", d), "the vote closed again")

        # -- reset: asked (Ctrl+Backspace), kept (Esc), asked (click), confirmed (click)
        kiosk.key("ctrl+BackSpace")
        dump = flow.dump_when(lambda d: kiosk.item("poll.reset.confirm", d), "Ctrl+Backspace to ask before resetting",
                              "the reset asked")
        check(kiosk.item("poll.reset.cancel", dump) and not kiosk.item("poll.reveal", dump),
              "the reset's question offers only confirm and keep: %s" % kiosk.ids("poll."))
        flow.shot("reset-asked")
        kiosk.key("Escape")
        flow.dump_when(lambda d: kiosk.item("poll.reset", d) and not kiosk.item("poll.reset.confirm", d),
                       "Esc to keep the vote")
        check(stage_check_poll(db)[0] == "closed", "Esc kept the vote as it was: %r" % (stage_check_poll(db),))
        kiosk.click("poll.reset")
        kiosk.click("poll.reset.confirm")
        flow.dump_when(lambda d: kiosk.item("poll.open", d) and not kiosk.item("poll.reveal", d),
                       "the vote back to draft", "the vote reset")
        status, _, _, ballots, voters = stage_check_poll(db)
        check(status == "draft" and ballots == 0 and voters == 0,
              "reset: draft with no ballot and nobody marked as voted: %r" % (stage_check_poll(db),))
        check(query(db, "SELECT COUNT(*) FROM ballot WHERE superseded_at IS NOT NULL")[0][0] == 1,
              "Chloe's ballot is set aside, not erased")

        # -- F1: every shortcut, grouped
        kiosk.key("F1")
        dump = kiosk.wait_for_dump(lambda d: kiosk.item("help.close", d) and help_lines(kiosk, d), "the help overlay")
        lines = help_lines(kiosk, dump)
        for expected in ("Timer: T =", "Timer: +  or  = =", "Timer: Shift + T =", "Votes: O =", "Votes: C =",
                         "Votes: R =", "Votes: Shift + O =", "Votes: Ctrl + Backspace =", "Votes: A =", "Votes: L =",
                         "Kiosk: Ctrl + K =", "Kiosk: K =", "Moving: \u2192", "Typing and the app: F1 =",
                         "Typing and the app: Ctrl + Q ="):
            check(any(line.startswith(expected) for line in lines), "the help lists %r: %s" % (expected, lines))
        for entry in dump.get("readouts", []):
            if entry["id"].startswith("help.shortcut."):
                x0, y0, x1, y1 = entry["rect"]
                check(0 <= x0 < x1 <= 1280 and 0 <= y0 < y1 <= 720, "%s lies outside the window: %s"
                      % (entry["label"], entry["rect"]))
        flow.shot("help")
        kiosk.key("Escape")
        kiosk.wait_for_dump(lambda d: not kiosk.item("help.close", d), "Esc to close the help")

        # -- kiosk openings: roles by click and by K, commitments by click
        flow.next_stage("stage.roles")
        dump = flow.dump_when(lambda d: kiosk.item("kiosk.open.roles", d) and kiosk.item("kiosk.hand_over", d),
                              "the roles stage's kiosk controls", "the roles stage")
        check(label_of(kiosk, "kiosk.open.roles", dump) == "Open at the kiosk" and workshop_row(db)[1] == 0,
              "roles start closed at the kiosk")
        kiosk.click("kiosk.open.roles")
        flow.dump_when(lambda d: label_of(kiosk, "kiosk.open.roles", d) == "\u2713 Open at the kiosk",
                       "the roles open at the kiosk")
        check(workshop_row(db)[1] == 1, "roles open at the kiosk in the database")
        flow.shot("roles-open-at-kiosk")
        kiosk.key("k")
        flow.dump_when(lambda d: label_of(kiosk, "kiosk.open.roles", d) == "Open at the kiosk", "K to close them again")
        wait_db(kiosk, lambda: workshop_row(db)[1] == 0, "roles closed at the kiosk in the database")
        kiosk.key("k")
        wait_db(kiosk, lambda: workshop_row(db)[1] == 1, "K to open the roles at the kiosk again")
        flow.next_stage("stage.rhythm")
        flow.next_stage("stage.tasks")

        # -- the tasks stage's three votes: O opens them (once the field lets the keyboard go), one reset for all
        kiosk.click("tasks.text", screen="stage.tasks")
        kiosk.type_text("Fix the bench drill")
        kiosk.click("tasks.add")
        kiosk.wait_for_item("tasks.remove.0")
        kiosk.key("Escape")  # the field keeps the keyboard for the next task until Esc
        kiosk.key("o")
        dump = flow.dump_when(lambda d: kiosk.item("tasks.close", d) and readout(kiosk, "poll.not_voted", d),
                              "O to open the tasks vote", "the tasks vote open")
        check(sorted(not_voted(kiosk, dump)) == sorted(PEOPLE), "nobody has voted on the tasks yet: %r"
              % readout(kiosk, "poll.not_voted", dump))
        flow.shot("tasks-vote-open")
        kiosk.click("tasks.reset")
        kiosk.click("tasks.reset.confirm")
        flow.dump_when(lambda d: kiosk.item("tasks.open", d) and kiosk.item("tasks.remove.0", d),
                       "the tasks back to collecting, the task still listed", "the tasks vote reset")
        statuses = query(db, "SELECT p.purpose, p.status FROM poll p JOIN workshop w ON w.id = p.workshop_id "
                             "WHERE w.ended_at IS NULL AND p.stage_key = (SELECT key FROM workshop_stage "
                             "WHERE workshop_id = w.id AND position = w.current_stage)")
        check(sorted(statuses) == [("dots", "draft"), ("energy", "draft"), ("importance", "draft")],
              "the three task votes reset together: %r" % statuses)
        flow.next_stage("stage.commitments")
        dump = flow.dump_when(lambda d: kiosk.item("kiosk.open.commitments", d), "the commitments' kiosk toggle",
                              "the commitments stage")
        check(kiosk.item("kiosk.open.roles", dump) is None, "only the commitments' opening on their stage")
        kiosk.click("kiosk.open.commitments")
        flow.dump_when(lambda d: label_of(kiosk, "kiosk.open.commitments", d) == "\u2713 Open at the kiosk",
                       "the commitments open at the kiosk")
        check(workshop_row(db)[1:] == (1, 1), "roles and commitments open at the kiosk: %r" % (workshop_row(db)[1:],))
        flow.shot("commitments-open-at-kiosk")

        # -- the hand-over: the facilitator's controls leave the screen
        kiosk.click("kiosk.hand_over")
        dump = kiosk.wait_for_dump(lambda d: not kiosk.item("kiosk.hand_over", d), "the screen handed over")
        for prefix in FACILITATOR_IDS:
            check(not kiosk.ids(prefix, dump), "after the hand-over no facilitator control is left: %s" % kiosk.ids())
        kiosk.terminate()
    except Failure:
        if kiosk.alive() and kiosk.window:
            flow.shot("FAILED-here")
        raise
    finally:
        kiosk.cleanup()


# ---- 2. At 1920x1080: a running workshop without a PIN gets one; Ctrl+K hands over ----------------------------------------
def second_run(binary, x, db, work, art):
    # An older database: the workshop has no PIN (the test plays the part of the migration).
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE workshop SET kiosk_pin_hash = NULL, kiosk_pin_salt = NULL WHERE ended_at IS NULL")
    kiosk = Kiosk(binary, x, db, work, size="1920x1080", name="run2-1920x1080")
    flow = Flow(kiosk, art, "b", PROBLEMS)
    try:
        kiosk.start()
        kiosk.find_window()
        kiosk.wait_for_screen("stage.commitments")  # a restarted console comes back where the room is
        flow.audit(kiosk.wait_for_item("kiosk.set_pin") and kiosk.layout(), "no PIN yet")
        check(kiosk.item("kiosk.hand_over") is None, "no hand-over without a PIN: %s" % kiosk.ids("kiosk."))
        for screen in ("stage.tasks", "stage.rhythm", "stage.roles", "stage.stage_check"):
            kiosk.click("stage.back")
            kiosk.wait_for_screen(screen)
        dump = flow.dump_when(lambda d: kiosk.item("poll.open", d) and kiosk.item("timer.pause", d),
                              "the stage check's controls at 1920x1080", "the stage check")
        flow.shot("stage-check-controls")
        kiosk.key("o")
        flow.dump_when(lambda d: kiosk.item("poll.close", d) and readout(kiosk, "poll.not_voted", d),
                       "the vote open", "the vote open")
        kiosk.click("timer.extend")
        flow.dump_when(lambda d: "(+5)" in countdown(kiosk, d), "+5 min")
        kiosk.click("timer.pause")
        flow.dump_when(lambda d: "paused" in countdown(kiosk, d), "paused")
        flow.shot("vote-open-paused")
        kiosk.key("ctrl+BackSpace")
        flow.dump_when(lambda d: kiosk.item("poll.reset.confirm", d), "the reset asked", "the reset asked")
        flow.shot("reset-asked")
        kiosk.key("ctrl+BackSpace")
        flow.dump_when(lambda d: kiosk.item("poll.open", d), "Ctrl+Backspace twice to reset")
        check(stage_check_poll(db)[0] == "draft", "reset by keys: %r" % (stage_check_poll(db),))
        kiosk.key("F1")
        kiosk.wait_for_dump(lambda d: kiosk.item("help.close", d) and help_lines(kiosk, d), "the help overlay")
        flow.shot("help")
        kiosk.click("help.close")
        kiosk.wait_for_dump(lambda d: not kiosk.item("help.close", d), "the help closed")

        # -- Ctrl+K without a PIN: the PIN, typed twice, in place of the stage's body
        kiosk.key("ctrl+k")
        flow.audit(kiosk.wait_for_item("kiosk.pin.field") and kiosk.layout(), "setting the PIN")
        check(kiosk.item("stage.next") is None, "setting the PIN hides the stage's body and footer")
        flow.shot("set-pin")
        enter_pin(kiosk, "kiosk.pin", "13579")
        flow.dump_when(lambda d: kiosk.item("kiosk.hand_over", d), "the hand-over once the PIN is set")
        check(workshop_row(db)[0], "the PIN's hash is stored")
        check("PIN is set" in (readout(kiosk, "stage.frame.message") or ""), "the frame says the PIN is set")
        kiosk.key("ctrl+k")
        dump = kiosk.wait_for_dump(lambda d: not kiosk.item("kiosk.hand_over", d), "Ctrl+K to hand the screen over")
        for prefix in FACILITATOR_IDS:
            check(not kiosk.ids(prefix, dump), "after the hand-over no facilitator control is left: %s" % kiosk.ids())

        # -- the screen is a kiosk now: Escape and Ctrl+K do not bring the console back; only the PIN does
        kiosk.wait_for_item("kiosk.facilitator", screen="kiosk.start")
        flow.shot("handed-over")
        kiosk.key("Escape")
        kiosk.key("ctrl+k")
        kiosk.click("kiosk.facilitator")  # handled after the keys: the prompt proves they changed nothing
        dump = kiosk.wait_for_screen("kiosk.pin")
        for prefix in FACILITATOR_IDS:
            check(not kiosk.ids(prefix, dump), "keys reached the console without the PIN: %s" % kiosk.ids())
        for count, digit in enumerate("13579", start=1):
            kiosk.click("kiosk.pin.digit." + digit)
            kiosk.wait_for_dump(lambda d, n=count: readout(kiosk, "kiosk.pin.entered", d) == "%d digits" % n,
                                "%d digits entered" % count)
        kiosk.click("kiosk.pin.ok")
        leave = kiosk.wait_for_item("kiosk.leave", screen="kiosk.pin")
        check("console" in leave["label"].lower() or "back" in leave["label"].lower(),
              "a handed-over screen goes back to the console, it does not quit: %r" % leave["label"])
        kiosk.click("kiosk.leave")
        kiosk.wait_for_item("stage.next")
        dump = kiosk.layout()
        check(kiosk.alive(), "taking the screen back keeps the program running")
        check(dump["screen"] == "stage.stage_check", "back on the console at the stage it left: %s" % dump["screen"])
        kiosk.terminate()
    except Failure:
        if kiosk.alive() and kiosk.window:
            flow.shot("FAILED-here")
        raise
    finally:
        kiosk.cleanup()


def main():
    binary = binary_from_argv()
    art = artifacts_dir("test_facilitator_controls")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-facilitator-"))
    try:
        db = str(work / "room.db")
        with XServer(log_dir=str(art)) as x:
            first_run(binary, x, db, work, art)
            second_run(binary, x, db, work, art)
        for name in sorted(os.listdir(work)):
            if name.endswith("-stderr.txt"):
                shutil.copy(work / name, art / name)
        if PROBLEMS:
            raise Failure("widgets that cannot be pressed where the dump says (outside the window or under another "
                          "item):\n  " + "\n  ".join(PROBLEMS))
    finally:
        shutil.rmtree(str(work), ignore_errors=True)


if __name__ == "__main__":
    run_main(main)

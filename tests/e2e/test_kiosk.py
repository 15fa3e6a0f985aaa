"""The participants' kiosk (cop-kiosk --role kiosk) in a room: a facilitator process, a projector process and a
kiosk process share one database, each on its own display.

The facilitator starts a workshop and checks three people in; the kiosk waits calmly until a vote opens, then
offers it. A participant votes on the kiosk by touch (name, choice, review, confirm, thank-you); the projector's
count goes up and the ballot is in the export. A ballot left untouched is dropped by the idle reset (shortened
for this test with COPK_KIOSK_IDLE_SECONDS). A vote closed mid-ballot is explained kindly. With role claims and
commitments opened for the kiosk, a commitment typed on the on-screen keyboard ("Zoë répète ça") and a role
claim land in the database.
"""
import os
import pathlib
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_driver import (Kiosk, XServer, artifacts_dir, binary_from_argv, check, layout_problems,  # noqa: E402
                          run_main, wait_until)
from kiosk_room import (check_in, name_item, open_at_kiosk, readout, start_workshop,  # noqa: E402
                        type_on_screen_keyboard, walk_to)
from stage_flows import export  # noqa: E402

NAMES = ["Amélie Laurent", "Bongani Dlamini", "Chen Wei"]
IDLE_SECONDS = 8  # the kiosk's idle reset for this test (30 s in a room)


def main():
    binary = binary_from_argv()
    art = artifacts_dir("test_kiosk")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-kiosk-"))
    db = str(work / "room.db")
    problems = []

    def audit(kiosk, where):
        dump = kiosk.layout()
        problems.extend("%s (%s): %s" % (dump["screen"], where, p) for p in layout_problems(dump))

    def shot(kiosk, name):
        kiosk.screenshot(art / ("%s-%s.png" % (name, kiosk.size)))

    try:
        from kiosk_driver import run_cli
        check(run_cli(binary, ["demo", "--db", db]).returncode == 0, "demo failed")
        with XServer(log_dir=str(art), extra_chars="\u00e9") as laptop, XServer(log_dir=str(art)) as wall, \
                XServer(log_dir=str(art)) as booth:
            facilitator = Kiosk(binary, laptop, db, work, size="1280x720", name="facilitator")
            projector = Kiosk(binary, wall, db, work, size="1280x720", name="projector", extra_args=["--role", "projector"])
            env = dict(os.environ, COPK_KIOSK_IDLE_SECONDS=str(IDLE_SECONDS))
            kiosk = Kiosk(binary, booth, db, work, size="1280x720", name="kiosk", extra_args=["--role", "kiosk"], env=env)
            try:
                # ---- Before anything is open: a calm wait, and only the facilitator's button.
                kiosk.start()
                dump = kiosk.wait_for_screen("kiosk.start")
                kiosk.find_window()
                check(kiosk.ids() == ["kiosk.facilitator"], "a waiting kiosk offers only the facilitator's button: %s"
                      % kiosk.ids())
                facilitator.start()
                facilitator.wait_for_item("community.0.start.renewal", screen="home")
                facilitator.find_window()
                start_workshop(facilitator, db)
                check_in(facilitator, NAMES)
                kiosk.wait_for_dump(lambda d: readout(d, "kiosk.waiting") == "Waiting for the facilitator to open a vote.",
                                    "the kiosk to wait for a vote in the running workshop")
                shot(kiosk, "01-kiosk-waiting")

                # ---- The facilitator opens the stage check: the kiosk offers it.
                walk_to(facilitator, ["stage.review", "stage.health", "stage.stage_check"])
                projector.start()
                projector.wait_for_screen("stage.stage_check")
                projector.find_window()
                facilitator.click("poll.open", screen="stage.stage_check")
                facilitator.wait_for_item("poll.close")
                start = kiosk.wait_for_item("kiosk.start.vote", screen="kiosk.start")
                check(start["label"].startswith("Vote: Which stage"), "the start names the vote: %r" % start["label"])
                audit(kiosk, "a vote open")
                shot(kiosk, "02-kiosk-start")
                projector.wait_for_dump(lambda d: "0 of 3 have voted" in (readout(d, "poll.count") or ""),
                                        "the projector's count at 0 of 3")

                # ---- One person votes by touch: name, choice, review, confirm, thank-you.
                kiosk.click("kiosk.start.vote")
                kiosk.wait_for_screen("kiosk.name")
                check(sorted(kiosk.ids("kiosk.name.")) == ["kiosk.name.0", "kiosk.name.1", "kiosk.name.2"],
                      "one big button per person checked in: %s" % kiosk.ids())
                audit(kiosk, "names")
                shot(kiosk, "03-kiosk-names")
                kiosk.click_item(kiosk.wait_until(lambda: name_item(kiosk, "Bongani Dlamini"), what="Bongani's name"))
                kiosk.wait_for_item("kiosk.option.stewarding", screen="kiosk.ballot")
                check(not kiosk.item("kiosk.review"), "Review waits until a choice is made: %s" % kiosk.ids())
                kiosk.click("kiosk.option.stewarding")
                kiosk.wait_for_dump(lambda d: kiosk.item("kiosk.option.stewarding", d)["label"].startswith("\u2713")
                                    and kiosk.item("kiosk.review", d), "the choice ticked and Review offered")
                audit(kiosk, "ballot")
                shot(kiosk, "04-kiosk-ballot")
                kiosk.click("kiosk.review")
                dump = kiosk.wait_for_screen("kiosk.review")
                check("Stewarding" in (readout(dump, "kiosk.review.lines") or ""), "the review says the choice in words: %r"
                      % readout(dump, "kiosk.review.lines"))
                audit(kiosk, "review")
                shot(kiosk, "05-kiosk-review")
                kiosk.click("kiosk.confirm")
                dump = kiosk.wait_for_screen("kiosk.thanks")
                check("Bongani" in (readout(dump, "kiosk.thanks") or ""), "the thank-you names the voter")
                shot(kiosk, "06-kiosk-thanks")
                # Committed before the thank-you: the export already holds it, and the projector counts it.
                polls = [p for p in export(binary, db, str(work / "out1"))["polls"] if p["stage"] == "stage-check"]
                check(len(polls) == 1 and polls[0]["ballots"] == 1 and
                      [o["votes"] for o in polls[0]["options"] if o["key"] == "stewarding"] == [1],
                      "the kiosk's ballot is in the database: %r" % polls)
                projector.wait_for_dump(lambda d: "1 of 3 have voted" in (readout(d, "poll.count") or ""),
                                        "the projector's count at 1 of 3")
                shot(projector, "07-projector-one-vote")
                # The thank-you gives way to the start by itself, for the next person.
                kiosk.wait_for_screen("kiosk.start", timeout=IDLE_SECONDS + 10)

                # ---- Already voted: said in words on the name; an untouched ballot is dropped by the idle reset.
                kiosk.click("kiosk.start.vote")
                kiosk.wait_for_screen("kiosk.name")
                bongani = kiosk.wait_until(lambda: name_item(kiosk, "Bongani Dlamini"), what="Bongani's name")
                check(bongani["label"].endswith("\u2713 voted"), "a voter's name says \u201c\u2713 voted\u201d: %r" % bongani["label"])
                check(not name_item(kiosk, "Chen Wei")["label"].endswith("voted"), "Chen has not voted")
                kiosk.click_item(name_item(kiosk, "Chen Wei"))
                kiosk.click("kiosk.option.renewing", screen="kiosk.ballot")
                kiosk.wait_for_item("kiosk.review")
                left_at = time.monotonic()
                kiosk.wait_for_dump(lambda d: readout(d, "kiosk.idle"), "the idle countdown", timeout=IDLE_SECONDS + 5)
                shot(kiosk, "08-kiosk-idle-countdown")
                kiosk.wait_for_screen("kiosk.start", timeout=IDLE_SECONDS + 5)
                waited = time.monotonic() - left_at
                check(waited >= IDLE_SECONDS - 1.5, "the idle reset came after %.1f s, before its %d s" % (waited, IDLE_SECONDS))
                polls = [p for p in export(binary, db, str(work / "out2"))["polls"] if p["stage"] == "stage-check"]
                check(polls[0]["ballots"] == 1, "the idle reset dropped the unconfirmed ballot: %r" % polls)
                check(not kiosk.item("kiosk.review"), "back at the start, nothing of Chen's ballot is left")

                # ---- The facilitator closes the vote mid-ballot: the person is told kindly.
                kiosk.click("kiosk.start.vote")
                kiosk.wait_for_screen("kiosk.name")
                kiosk.click_item(kiosk.wait_until(lambda: name_item(kiosk, "Amélie Laurent"), what="Amélie's name"))
                kiosk.click("kiosk.option.coalescing", screen="kiosk.ballot")
                kiosk.wait_for_item("kiosk.review")
                facilitator.click("poll.close")
                dump = kiosk.wait_for_screen("kiosk.notice")
                check("closed this vote" in (readout(dump, "kiosk.notice") or ""), "the notice says the vote closed: %r"
                      % readout(dump, "kiosk.notice"))
                shot(kiosk, "09-kiosk-vote-closed")
                kiosk.click("kiosk.done")
                kiosk.wait_for_dump(lambda d: d["screen"] == "kiosk.start" and readout(d, "kiosk.waiting"),
                                    "the start, waiting again")

                # ---- Commitments and role claims, once opened for the kiosk.
                open_at_kiosk(facilitator, "stage.stage_check",
                              ["stage.tasks", "stage.roles", "stage.rhythm", "stage.commitments"])
                kiosk.click("kiosk.start.commitment", screen="kiosk.start")
                audit(kiosk, "start with everything open")
                kiosk.wait_for_screen("kiosk.name")
                kiosk.click_item(kiosk.wait_until(lambda: name_item(kiosk, "Amélie Laurent"), what="Amélie's name"))
                kiosk.wait_for_item("kiosk.key.shift", screen="kiosk.commitment")
                audit(kiosk, "keyboard")
                type_on_screen_keyboard(kiosk, "Zoë répète ça")
                shot(kiosk, "10-kiosk-keyboard")
                kiosk.click("kiosk.next")
                kiosk.click("kiosk.due.1month", screen="kiosk.commitment")
                kiosk.wait_for_dump(lambda d: (readout(d, "kiosk.due") or "") != "", "a due date chosen")
                due = readout(kiosk.layout(), "kiosk.due")
                kiosk.click("kiosk.due.day.more")
                kiosk.wait_for_dump(lambda d: readout(d, "kiosk.due") not in (due, None, ""), "the day stepped on")
                due = readout(kiosk.layout(), "kiosk.due")
                audit(kiosk, "due date")
                shot(kiosk, "11-kiosk-due-date")
                kiosk.click("kiosk.next")
                kiosk.wait_for_screen("kiosk.review")
                shot(kiosk, "12-kiosk-commitment-review")
                kiosk.click("kiosk.confirm")
                kiosk.wait_for_screen("kiosk.thanks")
                outcome = export(binary, db, str(work / "out3"))
                made = [c for c in outcome["commitments"] if c["what"] == "Zoë répète ça"]
                check(len(made) == 1 and made[0]["due"] == due and
                      [p["name"] for p in made[0]["who"]["people"]] == ["Amélie Laurent"],
                      "the commitment typed on the kiosk is in the database: %r" % outcome["commitments"])
                kiosk.click("kiosk.done")

                kiosk.click("kiosk.start.role", screen="kiosk.start")
                kiosk.wait_for_screen("kiosk.name")
                kiosk.click_item(kiosk.wait_until(lambda: name_item(kiosk, "Chen Wei"), what="Chen's name"))
                kiosk.wait_for_item("kiosk.role.liaison", screen="kiosk.role")
                audit(kiosk, "roles")
                shot(kiosk, "13-kiosk-roles")
                kiosk.click("kiosk.role.liaison")
                dump = kiosk.wait_for_screen("kiosk.review")
                check(readout(dump, "kiosk.review.lines") == "Liaison", "the review names the role: %r"
                      % readout(dump, "kiosk.review.lines"))
                kiosk.click("kiosk.confirm")
                kiosk.wait_for_screen("kiosk.thanks")
                outcome = export(binary, db, str(work / "out4"))
                liaison = [r for r in outcome["roles"] if r["key"] == "liaison"]
                check(liaison and "Chen Wei" in [h["name"] for h in liaison[0]["holders"]],
                      "the role claimed on the kiosk is in the database: %r" % liaison)

                # ---- A tasks stage opens three votes at once: one kiosk ballot covers them, part after part.
                facilitator.click("stage.next")
                facilitator.wait_for_item("tasks.text", screen="stage.tasks")
                for count, title in enumerate(["Write the newcomer guide", "Answer the same questions again"], start=1):
                    facilitator.click("tasks.text")
                    facilitator.type_text(title)
                    facilitator.key("Return")
                    facilitator.wait_for_dump(lambda d, n=count: len(facilitator.ids("tasks.remove.", d)) == n,
                                              "%d tasks proposed" % count)
                facilitator.click("tasks.open")
                facilitator.wait_for_item("tasks.close")
                start = kiosk.wait_for_item("kiosk.start.vote", screen="kiosk.start")
                check(start["label"].startswith("Vote on the tasks"), "the start names the tasks vote: %r" % start["label"])
                shot(kiosk, "14-kiosk-start-everything-open")
                kiosk.click("kiosk.start.vote")
                kiosk.wait_for_screen("kiosk.name")
                kiosk.click_item(kiosk.wait_until(lambda: name_item(kiosk, "Bongani Dlamini"), what="Bongani's name"))
                for purpose, value in (("energy", "1"), ("importance", "3")):
                    dump = kiosk.wait_for_dump(lambda d, p=purpose: kiosk.ids("kiosk.rate.%s." % p, d), "the %s part" % purpose)
                    rows = sorted({i.rsplit(".", 1)[0] for i in kiosk.ids("kiosk.rate.%s." % purpose, dump)})
                    check(len(rows) == 2, "both tasks to rate for %s: %s" % (purpose, rows))
                    for row in rows:
                        kiosk.click(row + "." + value)
                        kiosk.wait_for_dump(lambda d, i=row + "." + value: (kiosk.item(i, d) or {}).get("label", "").startswith("\u2713"),
                                            "%s.%s chosen" % (row, value))
                    audit(kiosk, "%s part" % purpose)
                    shot(kiosk, "15-kiosk-tasks-%s" % purpose)
                    kiosk.click("kiosk.next")
                dump = kiosk.wait_for_dump(lambda d: readout(d, "kiosk.dots.left"), "the dots part")
                check(readout(dump, "kiosk.dots.left").startswith("Dots left: 3 of 3"), "the budget is shown: %r"
                      % readout(dump, "kiosk.dots.left"))
                plus = sorted(i for i in kiosk.ids("kiosk.dots.", dump) if i.endswith(".plus"))
                kiosk.click(plus[0])
                kiosk.wait_for_dump(lambda d: readout(d, "kiosk.dots.left").startswith("Dots left: 2 of 3"), "one dot placed")
                audit(kiosk, "dots part")
                shot(kiosk, "16-kiosk-tasks-dots")
                kiosk.click("kiosk.review")
                dump = kiosk.wait_for_screen("kiosk.review")
                lines = readout(dump, "kiosk.review.lines") or ""
                check("+1 energizing" in lines and "high" in lines and "1 dot" in lines,
                      "the review lists the three parts in words: %r" % lines)
                shot(kiosk, "17-kiosk-tasks-review")
                kiosk.click("kiosk.confirm")
                kiosk.wait_for_screen("kiosk.thanks")
                tasks_polls = [p for p in export(binary, db, str(work / "out5"))["polls"] if p["stage"] == "challenges"]
                check(sorted(p["purpose"] for p in tasks_polls) == ["dots", "energy", "importance"] and
                      all(p["ballots"] == 1 for p in tasks_polls), "one ballot in each of the three votes: %r" % tasks_polls)
                projector.wait_for_dump(lambda d: d["screen"] == "stage.tasks" and
                                        "1 of 3 have voted" in (readout(d, "poll.count") or ""),
                                        "the projector's tasks count at 1 of 3")

                for process in (kiosk, projector, facilitator):
                    code, _ = process.terminate()
                    check(code == 0, "SIGTERM ended %s with %s" % (process.name, code))
            finally:
                kiosk.cleanup()
                projector.cleanup()
                facilitator.cleanup()
        check(not problems, "layout problems on the kiosk:\n  " + "\n  ".join(problems))
        print("kiosk: a touch vote counted on the projector and in the export; idle reset dropped a draft; a closed "
              "vote was explained; a commitment typed on the on-screen keyboard and a role claim landed")
    finally:
        shutil.rmtree(str(work), ignore_errors=True)


if __name__ == "__main__":
    run_main(main)

"""End to end: a whole launch workshop driven through the real window, then checked through `export`.

Fresh database, 1280x720: create a community (accented name), start its launch workshop, check four people
in by typing (one duplicate refused), move to the stage check (once with the Next button, once with the Right
arrow key), open the vote, every person votes, one person changes their ballot, close and reveal the vote,
walk the remaining stages to the close, finish. SIGTERM must end the program with code 0, and the program's
own export must hold exactly what was done. A second run at 1920x1080 on the same database reopens the
outcome, and a third run saves the program's own tour of every stage at 1920x1080. Screenshots are kept in
COPK_ARTIFACTS_DIR/test_launch_workshop/.
"""

import json
import os
import pathlib
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_driver import (Failure, Kiosk, XServer, artifacts_dir, binary_from_argv, check,  # noqa: E402
                          layout_problems, png_size, run_cli, run_main, wait_until)
from stage_flows import start_workshop  # noqa: E402

COMMUNITY = "Praticiens de l'eau \u2014 Qu\u00e9bec"
DOMAIN = "Les op\u00e9rateurs d'usines d'eau potable partagent leurs m\u00e9thodes d'analyse."
NAMES = ["\u00c9lodie Dupr\u00e9", "Anne \"Nan\" O'Brien", "Kwame Mensah", "Zo\u00eb Lef\u00e8vre-Ng"]
STAGE_KEYS = ["check-in", "domain", "stage-check", "roles", "rhythm", "energizing-tasks", "commitments", "voice",
              "close"]
SCREENS = ["stage.checkin", "stage.domain", "stage.stage_check", "stage.roles", "stage.rhythm", "stage.tasks",
           "stage.commitments", "stage.voice", "stage.close"]
OPTION_KEYS = ["discovering", "coalescing", "committing", "stewarding", "renewing"]
# First ballots: a 2-2 tie between coalescing and committing; then the last person changes to committing.
FIRST_CHOICES = {NAMES[0]: "committing", NAMES[1]: "committing", NAMES[2]: "coalescing", NAMES[3]: "coalescing"}
CHANGED_VOTER, CHANGED_TO = NAMES[3], "committing"
EXPECTED_VOTES = {"discovering": 0, "coalescing": 1, "committing": 3, "stewarding": 0, "renewing": 0}

# Layout problems found on the way (an item outside the window or under another cannot be pressed where the
# dump says it is). Collected, so the walk goes on and checks everything else; they fail the test at the end.
PROBLEMS = {}


def audit(dump, where):
    """Records the layout problems of a dump; returns the dump."""
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


def remove_count(kiosk, dump=None):
    return len(kiosk.ids("checkin.remove.", dump))


def voters(kiosk, dump=None):
    """{name: (item id, voted)} from the voter.<i> buttons."""
    result = {}
    for entry in kiosk.items(dump):
        if entry["id"].startswith("voter."):
            label = entry["label"]
            voted = label.endswith("\u2713")
            result[label.rstrip("\u2713").rstrip()] = (entry["id"], voted)
    return result


def cast(kiosk, name, option):
    """Picks the person's name, then the option; waits until the ballot box is back to 'pick a name'."""
    voter_id, _ = voters(kiosk)[name]
    kiosk.click(voter_id, screen="stage.stage_check")
    audit(kiosk.wait_for_dump(lambda d: len(kiosk.ids("poll.option.", d)) == 5,
                              "the five options to be enabled after picking %r" % name), "a voter picked")
    kiosk.click("poll.option." + option)
    kiosk.wait_for_dump(lambda d: not kiosk.ids("poll.option.", d) and voters(kiosk, d).get(name, ("", False))[1],
                        "%r to be marked as voted and the options disabled again" % name)


def walk_workshop(binary, x, db, work, art):
    kiosk = Kiosk(binary, x, db, work, size="1280x720", name="run1-1280x720")
    try:
        kiosk.start()
        dump = kiosk.wait_for_screen("home")
        check(dump["window"] == [1280, 720], "the dump's window is %s, not 1280x720" % dump["window"])
        audit(dump, "empty database")
        check(kiosk.ids("community.") == ["community.new"],
              "a fresh database should list only community.new on home, got %s" % kiosk.ids())
        kiosk.find_window()

        # -- a new community
        kiosk.click("community.new")
        kiosk.wait_for_screen("community.new")
        kiosk.click("community.name")
        kiosk.type_text(COMMUNITY)
        audit(kiosk.layout(), "the form")
        kiosk.click("community.domain")
        kiosk.type_text(DOMAIN)
        kiosk.screenshot(art / "01-new-community-1280x720.png")
        kiosk.click("community.create")
        kiosk.wait_for_item("community.0.start.launch", screen="home")
        audit(kiosk.layout(), "one community")
        check(kiosk.item("community.0.start.renewal") is None and kiosk.item("community.0.resume") is None,
              "a community without workshops offers only the launch workshop: %s" % kiosk.ids())
        kiosk.screenshot(art / "02-home-1280x720.png")

        # -- check-in: four names typed, each ended by Return; the focus stays in the field
        start_workshop(kiosk, "launch")
        check(remove_count(kiosk) == 0, "a new workshop starts with nobody checked in")
        check(kiosk.item("stage.back") is None and kiosk.item("stage.next") and kiosk.item("workshop.home"),
              "the first stage offers Next and Home but no Back (disabled buttons are not listed): %s" % kiosk.ids())
        kiosk.click("checkin.name")
        for count, name in enumerate(NAMES[:3], start=1):
            kiosk.type_text(name)
            kiosk.key("Return")
            kiosk.wait_for_dump(lambda d, n=count: remove_count(kiosk, d) == n,
                                "%d checkin.remove.* items after checking in %r" % (count, name))
        # A duplicate is refused: the field keeps the refused name, so empty it before the fourth name.
        kiosk.type_text(NAMES[0])
        kiosk.key("Return")
        kiosk.key("ctrl+a", "BackSpace")
        kiosk.type_text(NAMES[3])
        kiosk.key("Return")
        dump = kiosk.wait_for_dump(lambda d: remove_count(kiosk, d) >= 4,
                                   "4 checkin.remove.* items after the fourth name")
        audit(dump, "four people checked in")
        check(remove_count(kiosk, dump) == 4,
              "the duplicate %r was not refused: %d people listed after 3 names, 1 duplicate and 1 more name"
              % (NAMES[0], remove_count(kiosk, dump)))
        # A second duplicate (with quotes in it), then F1 as a marker: once the help overlay is listed, the
        # Return before it has been handled.
        kiosk.type_text(NAMES[1])
        kiosk.key("Return")
        kiosk.key("F1")
        kiosk.wait_for_item("help.close")
        check(remove_count(kiosk) == 4, "the duplicate %r was not refused: %d people listed"
              % (NAMES[1], remove_count(kiosk)))
        kiosk.click("help.close")
        kiosk.wait_for_dump(lambda d: not kiosk.item("help.close", d), "the help overlay to close")
        kiosk.screenshot(art / "03-checkin-duplicate-refused-1280x720.png")

        # -- Next (button) to the domain, Right arrow to the stage check
        kiosk.click("stage.next")
        audit(kiosk.wait_for_screen("stage.domain"), "the domain stage")
        kiosk.key("Right")
        kiosk.wait_for_screen("stage.stage_check")
        # Back with the Left arrow to the check-in: still four people; then forward again.
        kiosk.key("Left")
        kiosk.wait_for_screen("stage.domain")
        kiosk.key("Left")
        dump = kiosk.wait_for_screen("stage.checkin")
        check(remove_count(kiosk, dump) == 4, "back on the check-in, %d people are listed instead of 4"
              % remove_count(kiosk, dump))
        kiosk.click("stage.next")
        kiosk.wait_for_screen("stage.domain")
        kiosk.click("stage.next")
        kiosk.wait_for_screen("stage.stage_check")

        # -- the stage check vote
        kiosk.click("poll.open", screen="stage.stage_check")
        dump = kiosk.wait_for_dump(lambda d: kiosk.item("poll.close", d) and len(voters(kiosk, d)) == 4,
                                   "the open vote with poll.close and 4 voter.* buttons")
        audit(dump, "the vote open")
        check(sorted(voters(kiosk, dump)) == sorted(NAMES),
              "the voter buttons are %s, expected the 4 checked-in names %s" % (sorted(voters(kiosk, dump)), NAMES))
        check(not any(voted for _, voted in voters(kiosk, dump).values()), "nobody has voted yet, but: %s"
              % voters(kiosk, dump))
        check(not kiosk.ids("poll.option.", dump), "options must be disabled until a voter is picked: %s"
              % kiosk.ids("poll.option.", dump))
        for name in NAMES:
            cast(kiosk, name, FIRST_CHOICES[name])
        kiosk.screenshot(art / "04-stage-check-all-voted-1280x720.png")
        # Changing one's mind replaces the ballot.
        voter_id, _ = voters(kiosk)[CHANGED_VOTER]
        kiosk.click(voter_id)
        dump = kiosk.wait_for_dump(lambda d: len(kiosk.ids("poll.option.", d)) == 5,
                                   "the options after picking %r again" % CHANGED_VOTER)
        check(sorted(kiosk.ids("poll.option.", dump)) == sorted("poll.option." + k for k in OPTION_KEYS),
              "the option ids are %s" % kiosk.ids("poll.option.", dump))
        kiosk.click("poll.option." + CHANGED_TO)
        kiosk.wait_for_dump(lambda d: not kiosk.ids("poll.option.", d), "the changed ballot to be cast")
        kiosk.click("poll.close")
        dump = kiosk.wait_for_dump(lambda d: kiosk.item("poll.reveal", d) and kiosk.item("poll.reopen", d),
                                   "poll.reveal and poll.reopen once the vote is closed")
        audit(dump, "the vote closed")
        check(not voters(kiosk, dump), "voter buttons must disappear once the vote is closed: %s" % kiosk.ids())
        kiosk.click("poll.reveal")
        audit(kiosk.wait_for_dump(lambda d: kiosk.item("poll.reopen", d) and not kiosk.item("poll.reveal", d),
                                  "the revealed vote (only poll.reopen left)"), "the vote revealed")
        kiosk.screenshot(art / "05-stage-check-revealed-1280x720.png")
        outcome = export(binary, db, str(work / "export-mid"))
        poll = outcome["polls"][0]
        check(poll["status"] == "revealed" and poll["ballots"] == 4,
              "mid-workshop export: poll status %r, ballots %r" % (poll["status"], poll["ballots"]))

        # -- the remaining stages: alternately the Next button and the Right arrow key. Five prompt-only
        # stages look alike in the layout dump, so each move is confirmed by the export: the new stage
        # has started.
        for index in range(3, len(STAGE_KEYS)):
            if index % 2:
                kiosk.click("stage.next")
            else:
                kiosk.key("Right")

            def reached(i=index):
                stages = export(binary, db, str(work / "export-walk"))["stages"]
                return stages[i]["started_at"] and stages[i - 1]["ended_at"]

            wait_until(reached, 20, "the export to show stage %d (%s) started" % (index + 1, STAGE_KEYS[index]))
            audit(kiosk.wait_for_screen(SCREENS[index]), "stage %d, %s" % (index + 1, STAGE_KEYS[index]))
            if index == 3:
                kiosk.screenshot(art / "06-roles-1280x720.png")
        kiosk.wait_for_item("workshop.finish", screen="stage.close")
        audit(kiosk.layout(), "before finishing")
        check(kiosk.item("stage.next") is None, "the last stage must not offer Next: %s" % kiosk.ids())
        kiosk.screenshot(art / "07-close-before-finish-1280x720.png")
        kiosk.click("workshop.finish")
        audit(kiosk.wait_for_dump(lambda d: d["screen"] == "stage.close" and not kiosk.item("workshop.finish", d),
                                  "the finished workshop (no workshop.finish button)"), "finished")
        kiosk.screenshot(art / "08-close-finished-1280x720.png")

        code, seconds = kiosk.terminate()
        check(code == 0, "SIGTERM ended the program with exit code %s, not 0; output: %s"
              % (code, kiosk.stderr_text().strip()))
        print("run 1: SIGTERM -> exit 0 in %.2f s" % seconds)
    finally:
        kiosk.cleanup()


def check_outcome(outcome):
    check(outcome["format"] == "cop-kiosk.outcome/1", "format is %r" % outcome.get("format"))
    check(outcome["community"]["name"] == COMMUNITY, "community name %r, expected %r"
          % (outcome["community"]["name"], COMMUNITY))
    check(outcome["community"]["domain"] == DOMAIN, "community domain %r, expected %r"
          % (outcome["community"]["domain"], DOMAIN))
    workshop = outcome["workshop"]
    check(workshop["kind"] == "launch" and workshop["template"] == "launch", "workshop %s" % workshop)
    check(workshop["started_at"] and workshop["ended_at"], "workshop times not set: %s" % workshop)
    names = [p["name"] for p in outcome["participants"]]
    check(sorted(names) == sorted(NAMES), "participants %r, expected exactly %r" % (names, NAMES))
    check(len({p["id"] for p in outcome["participants"]}) == 4, "participant ids are not unique")
    keys = [s["key"] for s in outcome["stages"]]
    check(keys == STAGE_KEYS, "stage keys %r, expected %r" % (keys, STAGE_KEYS))
    for stage in outcome["stages"]:
        check(stage["started_at"], "stage %s has no started_at" % stage["key"])
        check(stage["ended_at"], "stage %s has no ended_at" % stage["key"])
        check(stage["started_at"] <= stage["ended_at"], "stage %s ends before it starts" % stage["key"])
    check(outcome["stages"][-1]["ended_at"] <= workshop["ended_at"], "the close stage ends after the workshop")
    check(len(outcome["polls"]) == 1, "expected one poll, got %d" % len(outcome["polls"]))
    poll = outcome["polls"][0]
    check(poll["stage"] == "stage-check", "poll stage %r" % poll["stage"])
    check(poll["status"] == "revealed", "poll status %r, expected 'revealed'" % poll["status"])
    check(poll["ballots"] == 4, "poll ballots %r, expected 4 (a changed ballot replaces, never adds)"
          % poll["ballots"])
    votes = {o["key"]: o["votes"] for o in poll["options"]}
    check(votes == EXPECTED_VOTES, "votes %r, expected %r" % (votes, EXPECTED_VOTES))


def review_at_1080p(binary, x, db, work, art):
    """Second run on the same database: home, then the last outcome (the close stage), then one stage back."""
    kiosk = Kiosk(binary, x, db, work, size="1920x1080", name="run2-1920x1080")
    try:
        kiosk.start()
        kiosk.wait_for_item("community.0.outcome", screen="home")
        dump = audit(kiosk.layout(), "a finished workshop")
        check(dump["window"] == [1920, 1080], "window is %s" % dump["window"])
        check(kiosk.item("community.0.start.renewal") and kiosk.item("community.0.resume") is None,
              "after a finished launch, home offers renewal and outcome, no resume: %s" % kiosk.ids())
        kiosk.find_window()
        kiosk.screenshot(art / "11-home-1920x1080.png")
        kiosk.click("community.0.outcome")
        dump = audit(kiosk.wait_for_screen("stage.close"), "reviewing the outcome")
        check(kiosk.item("workshop.finish", dump) is None, "a finished workshop must not offer Finish again")
        kiosk.screenshot(art / "12-close-outcome-1920x1080.png")
        kiosk.click("stage.back")
        kiosk.wait_for_screen("stage.voice")
        kiosk.screenshot(art / "13-voice-browsed-1920x1080.png")
        code, _ = kiosk.terminate()
        check(code == 0, "SIGTERM ended the second run with exit code %s" % code)
    finally:
        kiosk.cleanup()


def tour_at_1080p(binary, x, db, work, art):
    """The program's own tour: a PNG of every stage of the latest workshop at 1920x1080, then it quits."""
    tour_dir = art / "tour-1920x1080"
    kiosk = Kiosk(binary, x, db, work, size="1920x1080", name="run3-tour", extra_args=["--tour", str(tour_dir)])
    try:
        kiosk.start()
        code = kiosk.wait_exit(120)
        check(code == 0, "the tour exited %s: %s" % (code, kiosk.stderr_text().strip()))
        pngs = sorted(p.name for p in tour_dir.glob("*.png"))
        check(len(pngs) == 1 + len(STAGE_KEYS), "the tour wrote %s" % pngs)
        for name in pngs:
            size = png_size(tour_dir / name)
            check(size == (1920, 1080), "%s is %dx%d, not 1920x1080" % ((name,) + size))
    finally:
        kiosk.cleanup()


def main():
    binary = binary_from_argv()
    art = artifacts_dir("test_launch_workshop")
    work = tempfile.mkdtemp(prefix="copk-launch-")
    try:
        work = pathlib.Path(work)
        db = str(work / "launch.db")
        with XServer(log_dir=str(art)) as x:
            walk_workshop(binary, x, db, work, art)
            outcome = export(binary, db, str(art / "export"))  # kept as an artefact
            check_outcome(outcome)
            review_at_1080p(binary, x, db, work, art)
            tour_at_1080p(binary, x, db, work, art)
        check_result = run_cli(binary, ["check", "--db", db])
        check(check_result.returncode == 0, "check after the runs: %s" % check_result.stderr.strip())
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

"""End to end: the energizing-tasks stage of a launch workshop and the health pulse of a renewal, driven through
the real window (layout dump + xdotool), then checked through the program's own `export`.

Tasks (fresh database, 1280x720): a community, a launch workshop, three people checked in; on the tasks stage
two tasks are typed, two are picked from the template's examples, a blank task and a duplicate (other case) are
refused, a fifth task is added and removed. The vote is opened; three people cast a whole ballot each (energy,
importance and dots for every task), one of them twice (the second ballot replaces the first); overspending is
impossible (every "+" disappears from the layout dump once the dots are spent). Close, reveal, reopen, close,
reveal; the export must hold exactly the dots, means and quadrants computed by hand below, and the three polls.
A second run at 1920x1080 resumes the workshop on its results.

Health (the demo database: a finished launch and renewal): a new renewal is started from the home screen, two
people check in, the health stage is reached; two people rate the eight failure modes, the vote is closed and
revealed; the export's "health" must hold the means computed by hand, the poll must be anonymous, and the
database must hold nothing that links a health ballot to a person. A second run at 1920x1080 shows the results.

Screenshots are kept in COPK_ARTIFACTS_DIR/test_stage_tasks_health/.
"""

import json
import os
import pathlib
import shutil
import sqlite3
import sys
import tempfile
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_driver import (Failure, Kiosk, XServer, artifacts_dir, binary_from_argv, check,  # noqa: E402
                          layout_problems, png_size, run_cli, run_main)
from stage_flows import start_workshop  # noqa: E402

COMMUNITY = "Lab Methods Circle"
NAMES = ["Amara Okafor", "Bruno Silva", "Chen Wei"]
TYPED = ["Compare lab methods across plants", "Collect monthly test data"]
EXAMPLES = [0, 3]          # indexes of the template's examples picked (tasks.example.<i>)
DUPLICATE = "compare LAB methods   across plants"   # the first typed task again, other case and spacing
TEMPORARY = "A task to remove again"
LAUNCH_SCREENS = ["stage.domain", "stage.stage_check", "stage.roles", "stage.rhythm", "stage.tasks"]
CHECK = "\u2713"

# The ballots, per task in the order the tasks were proposed: TYPED[0], TYPED[1], example 0, example 3.
# (energy -2..+2, importance 1..3, dots) per task; the budget is 3 dots.
BALLOTS = [
    (NAMES[0], [(2, 3, 2), (-2, 3, 0), (1, 1, 1), (0, 1, 0)]),
    (NAMES[1], [(-2, 1, 0), (-2, 1, 0), (-2, 1, 1), (-2, 1, 1)]),   # replaced by the next ballot of the same person
    (NAMES[1], [(1, 2, 1), (-1, 3, 1), (2, 1, 1), (-1, 2, 0)]),
    (NAMES[2], [(2, 3, 1), (-1, 2, 1), (0, 2, 0), (0, 1, 1)]),
]

# The health pulse: two people, a rating 1..5 for each of the eight failure modes (in FailureModes() order).
HEALTH_NAMES = ["Grace O'Neill", "Ingrid Solberg"]
HEALTH_RATINGS = [[1, 2, 3, 4, 5, 4, 3, 2], [2, 2, 4, 5, 1, 3, 3, 1]]

PROBLEMS = {}


def audit(dump, where):
    """Records the layout problems of a dump (items outside the window, overlapping, duplicated); returns it."""
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


def voters(kiosk, prefix, dump=None):
    """{name: (item id, voted)} from the <prefix>.voter.<i> buttons."""
    result = {}
    for entry in kiosk.items(dump):
        if entry["id"].startswith(prefix + ".voter."):
            label = entry["label"]
            result[label.rstrip(CHECK).rstrip()] = (entry["id"], label.endswith(CHECK))
    return result


def selected(kiosk, item_id, dump=None):
    entry = kiosk.item(item_id, dump)
    return entry is not None and entry["label"].startswith(CHECK)


def pick_scale(kiosk, item_id):
    """Clicks a scale button and waits until it shows as chosen (a tick in its label)."""
    kiosk.click(item_id)
    kiosk.wait_for_dump(lambda d: selected(kiosk, item_id, d), "%s to show as chosen" % item_id)


def type_task(kiosk, title, expected_count):
    kiosk.click("tasks.text")
    kiosk.key("ctrl+a", "BackSpace")
    kiosk.type_text(title)
    kiosk.key("Return")
    kiosk.wait_for_dump(lambda d: len(kiosk.ids("tasks.remove.", d)) == expected_count,
                        "%d tasks listed after typing %r" % (expected_count, title))


def refused(kiosk, title, count, art):
    """Types a task that must be refused; F1 (the help overlay) marks that the Return before it was handled."""
    kiosk.click("tasks.text")
    kiosk.key("ctrl+a", "BackSpace")
    if title:
        kiosk.type_text(title)
    kiosk.key("Return")
    kiosk.key("F1")
    kiosk.wait_for_item("help.close")
    kiosk.click("help.close")
    dump = kiosk.wait_for_dump(lambda d: not kiosk.item("help.close", d), "the help overlay to close")
    if len(kiosk.ids("tasks.remove.", dump)) != count:
        kiosk.screenshot(art / "tasks-refusal-failed-1280x720.png")
    check(len(kiosk.ids("tasks.remove.", dump)) == count,
          "the task %r was not refused: %d tasks listed, expected %d" % (title, len(kiosk.ids("tasks.remove.", dump)), count))


def hand_results(titles):
    """The results computed by hand from BALLOTS (the replaced ballot left out): {title: (dots, E, I, quadrant)}."""
    current = {}
    for name, ballot in BALLOTS:
        current[name] = ballot  # a later ballot of the same person replaces the earlier one
    results = {}
    for t, title in enumerate(titles):
        energy = [Fraction(b[t][0]) for b in current.values()]
        importance = [Fraction(b[t][1]) for b in current.values()]
        dots = sum(b[t][2] for b in current.values())
        e = sum(energy) / len(energy)
        i = sum(importance) / len(importance)
        # decisions.h: energizing when the mean energy is above 0; important from a mean importance of 2.
        quadrant = {(True, True): "take on", (False, True): "support needed", (True, False): "learning",
                    (False, False): "drop"}[(e > 0, i >= 2)]
        results[title] = (dots, e, i, quadrant)
    return results


# ---- Tasks ---------------------------------------------------------------------------------------------------
def reach_tasks_stage(kiosk):
    kiosk.click("community.new")
    kiosk.wait_for_screen("community.new")
    kiosk.click("community.name")
    kiosk.type_text(COMMUNITY)
    kiosk.click("community.create")
    start_workshop(kiosk, "launch")
    kiosk.click("checkin.name")
    for count, name in enumerate(NAMES, start=1):
        kiosk.type_text(name)
        kiosk.key("Return")
        kiosk.wait_for_dump(lambda d, n=count: len(kiosk.ids("checkin.remove.", d)) == n, "%d people checked in" % count)
    for screen in LAUNCH_SCREENS:
        kiosk.click("stage.next")
        kiosk.wait_for_screen(screen)


def collect_tasks(binary, db, kiosk, work, art):
    dump = audit(kiosk.wait_for_item("tasks.text", screen="stage.tasks") and kiosk.layout(), "the empty list")
    kiosk.screenshot(art / "tasks-00-empty-list-1280x720.png")
    check(kiosk.item("tasks.open", dump) is None, "the vote cannot open with no task, yet tasks.open is listed")
    check(not kiosk.ids("tasks.remove.", dump), "a new workshop has no task: %s" % kiosk.ids("tasks.remove.", dump))
    examples = {}
    for entry in kiosk.items(dump):
        if entry["id"].startswith("tasks.example."):
            examples[int(entry["id"].rsplit(".", 1)[1])] = entry["label"][2:]  # "+ " then the example
    check(all(i in examples for i in EXAMPLES), "the template's examples %s are not all offered: %s" % (EXAMPLES, examples))

    type_task(kiosk, TYPED[0], 1)
    type_task(kiosk, TYPED[1], 2)
    for count, index in enumerate(EXAMPLES, start=3):
        kiosk.click("tasks.example.%d" % index)
        dump = kiosk.wait_for_dump(lambda d, n=count: len(kiosk.ids("tasks.remove.", d)) == n,
                                   "%d tasks after picking example %d" % (count, index))
        check(kiosk.item("tasks.example.%d" % index, dump) is None,
              "example %d is on the list but can still be picked" % index)
    refused(kiosk, "", 4, art)
    refused(kiosk, DUPLICATE, 4, art)
    kiosk.screenshot(art / "tasks-01-duplicate-refused-1280x720.png")
    # A fifth task, then removed again: the list is alphabetical (case folded), so its index is known.
    type_task(kiosk, TEMPORARY, 5)
    titles = TYPED + [examples[i] for i in EXAMPLES]
    order = sorted(titles + [TEMPORARY], key=lambda t: t.lower())
    kiosk.click("tasks.remove.%d" % order.index(TEMPORARY))
    dump = kiosk.wait_for_dump(lambda d: len(kiosk.ids("tasks.remove.", d)) == 4, "4 tasks after removing one")
    audit(dump, "four tasks")
    kiosk.click("tasks.text")
    kiosk.key("ctrl+a", "BackSpace")
    kiosk.screenshot(art / "tasks-02-collected-1280x720.png")

    outcome = export(binary, db, str(work / "export-collect"))
    listed = sorted(t["title"] for t in outcome["tasks"])
    check(listed == sorted(titles), "tasks proposed %s, expected exactly %s (blank and duplicate refused, one removed)"
          % (listed, sorted(titles)))
    return titles


def cast_ballot(kiosk, name, ballot, overspend_art=None):
    """Picks the name, sets energy, importance and dots for every task, casts; waits for the tick."""
    voter_id, _ = voters(kiosk, "tasks")[name]
    kiosk.click(voter_id)
    dump = kiosk.wait_for_dump(lambda d: kiosk.item("tasks.cast", d) and kiosk.item("tasks.dots.0.more", d),
                               "the ballot form for %r" % name)
    audit(dump, "the ballot form")
    check(not kiosk.ids("tasks.voter.", dump), "the names should give way to the ballot form: %s" % kiosk.ids())
    check(not [i for i in kiosk.ids("tasks.dots.", dump) if i.endswith(".less")],
          "a new ballot starts with no dot placed: %s" % kiosk.ids("tasks.dots.", dump))
    for t, (energy, importance, _) in enumerate(ballot):
        pick_scale(kiosk, "tasks.energy.%d.%d" % (t, energy))
        pick_scale(kiosk, "tasks.importance.%d.%d" % (t, importance))
    # Dots one at a time, each click confirmed by the dump: the first dot on a task brings its "-" button, the
    # last dot of the budget takes every "+" away. Tasks with two dots get their second dot last.
    clicks = [t for t, (_, _, d) in enumerate(ballot) if d >= 1] + [t for t, (_, _, d) in enumerate(ballot) if d >= 2]
    check(all(d <= 2 for _, _, d in ballot), "the test's dots are placed at most two per task")
    budget = 3
    for n, t in enumerate(clicks, start=1):
        kiosk.click("tasks.dots.%d.more" % t)
        if n == budget:
            what, condition = "every + to disappear (3 of 3 dots spent)", lambda d: not [
                i for i in kiosk.ids("tasks.dots.", d) if i.endswith(".more")]
        elif t in clicks[:n - 1]:
            raise Failure("a second dot on task %d before the budget is spent cannot be confirmed" % t)
        else:
            what, condition = "tasks.dots.%d.less to appear" % t, lambda d, t=t: kiosk.item("tasks.dots.%d.less" % t, d)
        kiosk.wait_for_dump(condition, what)
    if overspend_art:
        dump = kiosk.layout()
        more = [i for i in kiosk.ids("tasks.dots.", dump) if i.endswith(".more")]
        less = sorted(i for i in kiosk.ids("tasks.dots.", dump) if i.endswith(".less"))
        check(not more, "with the whole budget spent, no + may be pressable, but the dump lists %s" % more)
        check(less == sorted("tasks.dots.%d.less" % t for t in set(clicks)),
              "the - buttons %s should be those of the tasks holding dots %s" % (less, sorted(set(clicks))))
        kiosk.screenshot(overspend_art / "tasks-03-ballot-budget-spent-1280x720.png")
    kiosk.click("tasks.cast")
    kiosk.wait_for_dump(lambda d: voters(kiosk, "tasks", d).get(name, ("", False))[1],
                        "%r to be ticked as voted after casting" % name)


def vote_and_reveal(binary, db, kiosk, work, art, titles):
    kiosk.click("tasks.open")
    dump = kiosk.wait_for_dump(lambda d: kiosk.item("tasks.close", d) and len(voters(kiosk, "tasks", d)) == 3,
                               "the open vote with tasks.close and 3 tasks.voter.* buttons")
    audit(dump, "the vote open")
    check(not kiosk.ids("tasks.remove.", dump) and kiosk.item("tasks.text", dump) is None,
          "once the vote is open the list cannot change: %s" % kiosk.ids())
    check(sorted(voters(kiosk, "tasks", dump)) == sorted(NAMES), "voters %s" % sorted(voters(kiosk, "tasks", dump)))
    check(not any(v for _, v in voters(kiosk, "tasks", dump).values()), "nobody has voted yet")
    kiosk.screenshot(art / "tasks-04-vote-open-1280x720.png")

    # The form lists the tasks in the polls' order: the order they were proposed in.
    outcome = export(binary, db, str(work / "export-open"))
    polls = {p["purpose"]: p for p in outcome["polls"] if p["stage"] == "energizing-tasks"}
    check(sorted(polls) == ["dots", "energy", "importance"], "the tasks stage's polls: %s" % sorted(polls))
    check(all(p["status"] == "open" for p in polls.values()), "all three polls open: %s"
          % {k: p["status"] for k, p in polls.items()})
    order = [o["label"] for o in polls["energy"]["options"]]
    check(order == titles, "the ballot's order %s is not the order the tasks were proposed in %s" % (order, titles))

    for n, (name, ballot) in enumerate(BALLOTS):
        cast_ballot(kiosk, name, ballot, overspend_art=art if n == 0 else None)
    dump = kiosk.layout()
    check(all(v for _, v in voters(kiosk, "tasks", dump).values()), "everyone is ticked: %s" % voters(kiosk, "tasks", dump))
    kiosk.screenshot(art / "tasks-05-all-voted-1280x720.png")

    kiosk.click("tasks.close")
    audit(kiosk.wait_for_dump(lambda d: kiosk.item("tasks.reveal", d) and kiosk.item("tasks.reopen", d),
                              "tasks.reveal and tasks.reopen once closed"), "the vote closed")
    kiosk.click("tasks.reveal")
    kiosk.wait_for_dump(lambda d: kiosk.item("tasks.reopen", d) and not kiosk.item("tasks.reveal", d),
                        "the revealed vote (only tasks.reopen left)")
    # Reopen and close again: the ballots stay; then reveal for good.
    kiosk.click("tasks.reopen")
    dump = kiosk.wait_for_dump(lambda d: kiosk.item("tasks.close", d), "the reopened vote")
    check(all(v for _, v in voters(kiosk, "tasks", dump).values()), "reopening keeps who voted: %s"
          % voters(kiosk, "tasks", dump))
    kiosk.click("tasks.close")
    kiosk.click("tasks.reveal")
    dump = kiosk.wait_for_dump(lambda d: kiosk.item("tasks.reopen", d) and not kiosk.item("tasks.reveal", d),
                               "the revealed vote again")
    audit(dump, "the results")
    kiosk.screenshot(art / "tasks-06-results-quadrants-1280x720.png")


def check_tasks_outcome(outcome, titles):
    expected = hand_results(titles)
    tasks = [t for t in outcome["tasks"] if t["stage"] == "energizing-tasks"]
    check(sorted(t["title"] for t in tasks) == sorted(titles), "tasks %s" % [t["title"] for t in tasks])
    for t in tasks:
        dots, energy, importance, quadrant = expected[t["title"]]
        check(t["dots"] == dots, "%r: %r dots, expected %d" % (t["title"], t["dots"], dots))
        check(abs(t["energy_mean"] - float(energy)) < 1e-9, "%r: mean energy %r, expected %s"
              % (t["title"], t["energy_mean"], energy))
        check(abs(t["importance_mean"] - float(importance)) < 1e-9, "%r: mean importance %r, expected %s"
              % (t["title"], t["importance_mean"], importance))
        check(t["quadrant"] == quadrant, "%r: quadrant %r, expected %r" % (t["title"], t["quadrant"], quadrant))
        check(t["energy_ratings"] == 3 and t["importance_ratings"] == 3,
              "%r: %d energy and %d importance ratings, expected 3 each (a replaced ballot counts once)"
              % (t["title"], t["energy_ratings"], t["importance_ratings"]))
    # Every quadrant is met once; the ranking: dots, then mean energy.
    check(sorted(q for _, _, _, q in expected.values()) == ["drop", "learning", "support needed", "take on"],
          "the test's ballots should put one task in each quadrant: %s" % expected)
    ranking = sorted(titles, key=lambda title: (-expected[title][0], -expected[title][1], title))
    got = [t["title"] for t in sorted(tasks, key=lambda t: t["rank"])]
    check(got == ranking, "ranking %s, expected %s" % (got, ranking))

    polls = {p["purpose"]: p for p in outcome["polls"] if p["stage"] == "energizing-tasks"}
    check(sorted(polls) == ["dots", "energy", "importance"], "the tasks stage's polls: %s" % sorted(polls))
    for purpose, kind in (("energy", "rating"), ("importance", "rating"), ("dots", "dots")):
        p = polls[purpose]
        check(p["status"] == "revealed", "%s poll status %r" % (purpose, p["status"]))
        check(p["kind"] == kind, "%s poll kind %r" % (purpose, p["kind"]))
        check(p["ballots"] == 3, "%s poll: %d ballots, expected 3 (the replaced one counted once)"
              % (purpose, p["ballots"]))
        check(not p["anonymous"], "%s poll should be named" % purpose)
        check([o["label"] for o in p["options"]] == titles, "%s poll options %s" % (purpose, p["options"]))
    check(polls["energy"]["scale"] == [-2, 2] and polls["importance"]["scale"] == [1, 3],
          "scales %s and %s" % (polls["energy"]["scale"], polls["importance"]["scale"]))
    check(polls["dots"]["budget"] == 3, "dot budget %r" % polls["dots"]["budget"])
    votes = {o["label"]: o["votes"] for o in polls["dots"]["options"]}
    check(votes == {title: expected[title][0] for title in titles}, "dots poll votes %s" % votes)


def tasks_part(binary, x, work, art):
    db = str(work / "tasks.db")
    kiosk = Kiosk(binary, x, db, work, size="1280x720", name="tasks-1280x720")
    try:
        kiosk.start()
        kiosk.wait_for_screen("home")
        kiosk.find_window()
        reach_tasks_stage(kiosk)
        titles = collect_tasks(binary, db, kiosk, work, art)
        vote_and_reveal(binary, db, kiosk, work, art, titles)
        code, _ = kiosk.terminate()
        check(code == 0, "SIGTERM ended the program with %s" % code)
    finally:
        kiosk.cleanup()
    check_tasks_outcome(export(binary, db, str(art / "export-tasks")), titles)

    kiosk = Kiosk(binary, x, db, work, size="1920x1080", name="tasks-1920x1080")
    try:
        kiosk.start()
        kiosk.find_window()
        # A restarted console comes back in the running workshop, at the stage the room is on.
        dump = audit(kiosk.wait_for_item("tasks.reopen", screen="stage.tasks") and kiosk.layout(), "results at 1080p")
        check(dump["window"] == [1920, 1080], "window %s" % dump["window"])
        kiosk.screenshot(art / "tasks-07-results-quadrants-1920x1080.png")
        code, _ = kiosk.terminate()
        check(code == 0, "SIGTERM ended the second run with %s" % code)
    finally:
        kiosk.cleanup()


# ---- Health --------------------------------------------------------------------------------------------------
def rate(kiosk, name, ratings, art):
    voter_id, _ = voters(kiosk, "health")[name]
    kiosk.click(voter_id)
    dump = kiosk.wait_for_dump(lambda d: kiosk.item("health.cast", d), "the health ballot for %r" % name)
    audit(dump, "the health ballot")
    if name == HEALTH_NAMES[0]:
        kiosk.screenshot(art / "health-02-ballot-empty-1280x720.png")
    rates = kiosk.ids("health.rate.", dump)
    check(len(rates) == 8 * 5, "8 failure modes x 5 values should all be on screen at once, got %d" % len(rates))
    for mode, value in enumerate(ratings):
        pick_scale(kiosk, "health.rate.%d.%d" % (mode, value))
    if name == HEALTH_NAMES[0]:
        kiosk.screenshot(art / "health-03-ballot-filled-1280x720.png")
    kiosk.click("health.cast")
    kiosk.wait_for_dump(lambda d: voters(kiosk, "health", d).get(name, ("", False))[1],
                        "%r to be ticked as voted" % name)


def health_part(binary, x, work, art):
    db = str(work / "renewal.db")
    result = run_cli(binary, ["demo", "--db", db])
    check(result.returncode == 0, "demo exited %d: %s" % (result.returncode, result.stderr.strip()))
    kiosk = Kiosk(binary, x, db, work, size="1280x720", name="health-1280x720")
    try:
        kiosk.start()
        kiosk.find_window()
        start_workshop(kiosk, "renewal")
        kiosk.click("checkin.name")
        for count, name in enumerate(HEALTH_NAMES, start=1):
            kiosk.type_text(name)
            kiosk.key("Return")
            kiosk.wait_for_dump(lambda d, n=count: len(kiosk.ids("checkin.remove.", d)) == n, "%d checked in" % count)
        kiosk.click("stage.next")
        kiosk.wait_for_screen("stage.review")
        kiosk.click("stage.next")
        dump = audit(kiosk.wait_for_item("health.open", screen="stage.health") and kiosk.layout(), "the pulse in draft")
        check(not kiosk.ids("health.voter.", dump), "nobody can vote before the pulse opens")
        kiosk.screenshot(art / "health-01-draft-1280x720.png")
        kiosk.click("health.open")
        dump = kiosk.wait_for_dump(lambda d: kiosk.item("health.close", d) and len(voters(kiosk, "health", d)) == 2,
                                   "the open pulse with 2 health.voter.* buttons")
        audit(dump, "the pulse open")
        for name, ratings in zip(HEALTH_NAMES, HEALTH_RATINGS):
            rate(kiosk, name, ratings, art)
        kiosk.click("health.close")
        kiosk.wait_for_dump(lambda d: kiosk.item("health.reveal", d), "health.reveal once closed")
        kiosk.click("health.reveal")
        dump = kiosk.wait_for_dump(lambda d: kiosk.item("health.reopen", d) and not kiosk.item("health.reveal", d),
                                   "the revealed pulse")
        audit(dump, "the pulse revealed")
        kiosk.screenshot(art / "health-04-results-1280x720.png")
        code, _ = kiosk.terminate()
        check(code == 0, "SIGTERM ended the program with %s" % code)
    finally:
        kiosk.cleanup()

    outcome = export(binary, db, str(art / "export-health"))
    check(outcome["workshop"]["kind"] == "renewal", "the latest workshop is %r" % outcome["workshop"]["kind"])
    health = outcome["health"]
    check(len(health) == 8, "8 failure modes in the export, got %d" % len(health))
    for mode, entry in enumerate(health):
        expected = Fraction(sum(r[mode] for r in HEALTH_RATINGS), len(HEALTH_RATINGS))
        check(entry["ratings"] == 2, "%s: %r ratings, expected 2" % (entry["key"], entry["ratings"]))
        check(abs(entry["mean"] - float(expected)) < 1e-9, "%s: mean %r, expected %s" % (entry["key"], entry["mean"], expected))
    pulses = [p for p in outcome["polls"] if p["purpose"] == "health"]
    check(len(pulses) == 1, "one health poll, got %d" % len(pulses))
    pulse = pulses[0]
    check(pulse["anonymous"] is True, "the health pulse must be anonymous: %r" % pulse["anonymous"])
    check(pulse["status"] == "revealed" and pulse["ballots"] == 2, "pulse %s with %d ballots"
          % (pulse["status"], pulse["ballots"]))
    check(pulse["scale"] == [1, 5], "pulse scale %s" % pulse["scale"])
    before = [h for h in outcome["changes_since_previous"]["health"] if h["before"] is not None]
    check(len(before) == 8, "the previous workshop's pulse should stand beside this one: %s"
          % outcome["changes_since_previous"]["health"])

    # Nothing links a health ballot to a person: no named ballot, no token left once closed, no member in the
    # ballot events; only the separate list of who voted names people.
    member_ids = {p["id"] for p in outcome["participants"]}
    with sqlite3.connect("file:%s?mode=ro" % db, uri=True) as connection:
        named = connection.execute("SELECT count(*) FROM ballot WHERE poll_id = ?", (pulse["id"],)).fetchone()[0]
        check(named == 0, "%d named ballots recorded for the anonymous pulse" % named)
        rows = connection.execute("SELECT * FROM anonymous_ballot WHERE poll_id = ?", (pulse["id"],)).fetchall()
        current = connection.execute("SELECT count(*) FROM anonymous_ballot WHERE poll_id = ? AND superseded = 0",
                                     (pulse["id"],)).fetchone()[0]
        check(current == 2, "the pulse should hold 2 current anonymous ballots, not %d" % current)
        for row in rows:
            check(not (set(map(str, row)) & member_ids), "an anonymous ballot row names a member: %s" % (row,))
        tokens = connection.execute("SELECT count(*) FROM anonymous_ballot WHERE poll_id = ? AND token IS NOT NULL",
                                    (pulse["id"],)).fetchone()[0]
        check(tokens == 0, "%d anonymous ballots keep a voter token after the pulse closed" % tokens)
        named_events = connection.execute(
            "SELECT count(*) FROM poll_event WHERE poll_id = ? AND action LIKE 'ballot%' AND member_id IS NOT NULL",
            (pulse["id"],)).fetchone()[0]
        check(named_events == 0, "%d ballot events of the pulse name a member" % named_events)
        voted = {r[0] for r in connection.execute("SELECT member_id FROM poll_voter WHERE poll_id = ?", (pulse["id"],))}
        names = {p["id"]: p["name"] for p in outcome["participants"]}
        check(sorted(names[m] for m in voted) == sorted(HEALTH_NAMES), "who voted: %s" % voted)

    kiosk = Kiosk(binary, x, db, work, size="1920x1080", name="health-1920x1080")
    try:
        kiosk.start()
        kiosk.find_window()
        # A restarted console comes back in the running workshop, at the stage the room is on.
        dump = audit(kiosk.wait_for_item("health.reopen", screen="stage.health") and kiosk.layout(), "pulse at 1080p")
        check(dump["window"] == [1920, 1080], "window %s" % dump["window"])
        kiosk.screenshot(art / "health-05-results-1920x1080.png")
        code, _ = kiosk.terminate()
        check(code == 0, "SIGTERM ended the second run with %s" % code)
    finally:
        kiosk.cleanup()


def main():
    binary = binary_from_argv()
    art = artifacts_dir("test_stage_tasks_health")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-tasks-health-"))
    try:
        with XServer(log_dir=str(art)) as x:
            tasks_part(binary, x, work, art)
            health_part(binary, x, work, art)
        for name in sorted(os.listdir(work)):
            if name.endswith("-stderr.txt"):
                shutil.copy(work / name, art / name)
        for png in sorted(art.glob("*.png")):
            size = png_size(png)
            check(size in ((1280, 720), (1920, 1080)), "%s is %dx%d" % ((png.name,) + size))
        print("screenshots in %s" % art)
        if PROBLEMS:
            raise Failure("everything else passed, but widgets cannot be pressed where the layout dump puts them:\n  "
                          + "\n  ".join(PROBLEMS))
    finally:
        shutil.rmtree(str(work), ignore_errors=True)


if __name__ == "__main__":
    run_main(main)

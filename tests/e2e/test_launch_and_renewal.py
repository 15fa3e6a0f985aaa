"""End to end: a whole launch workshop, then a renewal a moment later, walked through the real window (layout
dump + xdotool clicks and typing only), then checked through the program's own `list --json` and `export`.

One fresh database, 1280x720:
1. Launch: a new community (accented name and domain), five people checked in; the domain rewritten and saved;
   the stage check opened, everyone votes, closed, revealed; roles (sponsor, coordinator, core group); one
   rhythm decision (monthly, first Tuesday); three energizing tasks typed, the vote opened, three people cast
   whole ballots (energy, importance, all their dots), closed, revealed; two commitments (one person; the whole
   community); one voice item; the close; finish.
2. Renewal from the home screen: five people (one new, one of the launch absent); the review (one commitment
   kept, one carried forward); the health pulse (two people rate the eight failure modes), closed, revealed;
   the stage check with other votes; new challenges (a task of the launch again and a new one), voted and
   revealed; roles rotation (the coordinator changes); rhythm revisited (one decision added); a commitment;
   a voice item; the close; finish.
3. Both workshops exported by id (ids from `list --json`) and outcome.json checked with Python's json against
   what was done and what is computed by hand here: participants, tallies, role holders, RRULEs, task dots,
   means, quadrants and ranks, commitments and their review, the kept rate, health means, voice, and the
   renewal's changes_since_previous. Then the program's own tour of the renewal at 1920x1080.

Every layout dump on the way is checked (items outside the window, overlapping, or scrolled out of view when
only five people are checked in); such problems are collected and fail the test at the end, after everything
else has been checked. Screenshots of every stage of both workshops are kept in
COPK_ARTIFACTS_DIR/test_launch_and_renewal/ (a "FAILED-here" screenshot when the walk stops early).
"""

import datetime
import os
import pathlib
import shutil
import sys
import tempfile
import time
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_driver import (Failure, Kiosk, XServer, artifacts_dir, binary_from_argv, check,  # noqa: E402
                          check_png, run_cli, run_main)
from stage_flows import Flow, export, list_workshops, names_of, start_workshop, wait_export  # noqa: E402

COMMUNITY = "Praticiens de l'eau \u2014 Montr\u00e9al"
DOMAIN_TYPED = "Les op\u00e9rateurs partagent leurs m\u00e9thodes."
DOMAIN_SAVED = "Les op\u00e9rateurs d'usines partagent leurs m\u00e9thodes d'analyse."
A, B, C, D, E, F = ("\u00c9lodie Dupr\u00e9", "Bongani Dlamini", "Zo\u00eb Lef\u00e8vre", "Fran\u00e7ois C\u00f4t\u00e9",
                    "Kwame Mensah", "In\u00e8s Haddad")
LAUNCH_PEOPLE = [A, B, C, D, E]
RENEWAL_PEOPLE = [A, B, C, D, F]  # E stays away, F is new

LAUNCH_SCREENS = ["stage.checkin", "stage.domain", "stage.stage_check", "stage.roles", "stage.rhythm", "stage.tasks",
                  "stage.commitments", "stage.voice", "stage.close"]
RENEWAL_SCREENS = ["stage.checkin", "stage.review", "stage.health", "stage.stage_check", "stage.tasks", "stage.roles",
                   "stage.rhythm", "stage.commitments", "stage.voice", "stage.close"]
STAGE_OPTIONS = ["discovering", "coalescing", "committing", "stewarding", "renewing"]
LAUNCH_VOTES = {A: "coalescing", B: "coalescing", C: "committing", D: "coalescing", E: "discovering"}
RENEWAL_VOTES = {A: "committing", B: "committing", C: "stewarding", D: "committing", F: "stewarding"}

LAUNCH_ROLES = {"sponsor": [A], "coordinator": [B], "core-group": [B, C, E]}
RENEWAL_ROLES = {"sponsor": [A], "coordinator": [C], "core-group": [B, C, E]}  # E: absent, still holds it

MONTHLY = "Monthly call"
MONTHLY_RRULE = "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=1"
WEEKLY = "Weekly lab hour"
WEEKLY_RRULE = "FREQ=WEEKLY;BYDAY=TH"

# Tasks in the order proposed (the ballot's order); ballots: (energy -2..+2, importance 1..3, dots) per task.
REPEATED = "Compare lab methods"
LAUNCH_TASKS = ["Write a newcomer guide", REPEATED, "Organize plant visits"]
LAUNCH_BALLOTS = [
    (A, [(1, 3, 1), (2, 3, 2), (-1, 1, 0)]),
    (B, [(-1, 3, 0), (1, 2, 2), (2, 1, 1)]),
    (C, [(-2, 2, 1), (2, 3, 1), (1, 1, 1)]),
]
RENEWAL_TASKS = [REPEATED, "Build a shared test dataset"]
RENEWAL_BALLOTS = [
    (B, [(-1, 2, 1), (2, 3, 2)]),
    (F, [(0, 2, 1), (1, 3, 2)]),
]

C_ONE = "Draft the newcomer guide"
C_ALL = "Share one method each"
C_NEW = "Run the first lab hour"
SPONSOR_VOICE = "Fund two plant visits a year."
ORGANIZATION_VOICE = "Count community time as work."

# The health pulse: a rating 1..5 per failure mode (in the ballot's order), by two people.
HEALTH = [(A, [2, 3, 1, 4, 5, 2, 3, 1]), (F, [3, 3, 2, 5, 4, 1, 2, 2])]

PROBLEMS = {}


def utc_today():
    return datetime.datetime.now(datetime.timezone.utc).date()


def add_months(day, months):
    """The same day `months` calendar months later, or the last day of a shorter month (as the screens' picks)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def due_dates(before, months):
    """The due dates a pick of +months may have given (the day may turn between the click and now)."""
    return {add_months(before, months).isoformat(), add_months(utc_today(), months).isoformat()}


def hand_results(titles, ballots):
    """{title: (dots, mean energy, mean importance, quadrant)} and the ranking, computed by hand (decisions.h:
    energizing when the mean energy is above 0, important from a mean importance of 2; ranked by dots, then
    mean energy, then title)."""
    results = {}
    for t, title in enumerate(titles):
        energy = Fraction(sum(b[t][0] for _, b in ballots), len(ballots))
        importance = Fraction(sum(b[t][1] for _, b in ballots), len(ballots))
        dots = sum(b[t][2] for _, b in ballots)
        quadrant = {(True, True): "take on", (False, True): "support needed", (True, False): "learning",
                    (False, False): "drop"}[(energy > 0, importance >= 2)]
        results[title] = (dots, energy, importance, quadrant)
    ranking = sorted(titles, key=lambda title: (-results[title][0], -results[title][1], title))
    return results, ranking


def keep_failure_screen(flow):
    """A screenshot of what the window showed when the walk failed (when the program still runs)."""
    if flow.kiosk.alive() and flow.kiosk.window:
        try:
            flow.shot("FAILED-here")
        except Exception as error:  # the failure itself matters more
            print("(no screenshot of the failure: %s)" % error, file=sys.stderr)


# ---- 1. The launch ------------------------------------------------------------------------------------------
def walk_launch(binary, x, db, work, art):
    kiosk = Kiosk(binary, x, db, work, size="1280x720", name="launch-1280x720")
    flow = Flow(kiosk, art, "launch", PROBLEMS)
    started = utc_today()
    try:
        kiosk.start()
        dump = kiosk.wait_for_screen("home")
        check(dump["window"] == [1280, 720], "the window is %s, not 1280x720" % dump["window"])
        check(kiosk.ids("community.") == ["community.new"], "a fresh database lists only community.new: %s" % kiosk.ids())
        kiosk.find_window()
        flow.new_community(COMMUNITY, DOMAIN_TYPED)

        # -- check-in
        start_workshop(kiosk, "launch")
        flow.check_in(LAUNCH_PEOPLE)
        flow.shot("checkin")

        # -- domain: rewritten and saved (the save is confirmed by the export)
        flow.next_stage("stage.domain")
        flow.edit_domain(DOMAIN_SAVED)
        wait_export(binary, db, str(work / "x-domain"), lambda o: o["community"]["domain"] == DOMAIN_SAVED,
                    "the export to hold the domain statement saved on the domain stage")
        flow.shot("domain")

        # -- stage check
        flow.next_stage("stage.stage_check")
        flow.stage_check(LAUNCH_VOTES)
        flow.shot("stage-check-revealed")

        # -- roles
        flow.next_stage("stage.roles")
        for role, holders in LAUNCH_ROLES.items():
            flow.set_role(role, holders)
            if role == "core-group":
                flow.shot("roles-core-group")
            flow.roles_done()
        flow.shot("roles")

        # -- rhythm: monthly, on the first Tuesday (the form's defaults: monthly, "first")
        flow.next_stage("stage.rhythm")
        flow.add_rhythm(MONTHLY, "monthly", weekdays=["TU"], position=1)
        flow.shot("rhythm")

        # -- energizing tasks
        flow.next_stage("stage.tasks")
        flow.propose_tasks(LAUNCH_TASKS)
        flow.shot("tasks-proposed")
        flow.open_tasks_vote([name for name, _ in LAUNCH_BALLOTS])
        for name, ballot in LAUNCH_BALLOTS:
            flow.cast_task_ballot(name, ballot)
        flow.shot("tasks-voted")
        flow.close_and_reveal("tasks")
        flow.shot("tasks-results")

        # -- commitments
        flow.next_stage("stage.commitments")
        flow.add_commitment(C_ONE, "month", people=[A])
        flow.add_commitment(C_ALL, "3months", everyone=True)
        flow.shot("commitments")

        # -- voice (the sponsor is the audience picked first)
        flow.next_stage("stage.voice")
        flow.add_voice("sponsor", SPONSOR_VOICE)
        flow.shot("voice")

        # -- close
        flow.next_stage("stage.close")
        flow.finish()
        code, _ = kiosk.terminate()
        check(code == 0, "SIGTERM ended the launch run with exit code %s" % code)
    except Failure:
        keep_failure_screen(flow)
        raise
    finally:
        kiosk.cleanup()
    return started


# ---- 2. The renewal -----------------------------------------------------------------------------------------
def walk_renewal(binary, x, db, work, art):
    kiosk = Kiosk(binary, x, db, work, size="1280x720", name="renewal-1280x720")
    flow = Flow(kiosk, art, "renewal", PROBLEMS)
    started = utc_today()
    try:
        kiosk.start()
        kiosk.wait_for_item("community.0.start.renewal", screen="home")
        check(kiosk.item("community.0.resume") is None, "a finished launch leaves nothing to resume: %s" % kiosk.ids())
        kiosk.find_window()
        flow.shot("home")
        start_workshop(kiosk, "renewal")
        flow.check_in(RENEWAL_PEOPLE)
        flow.shot("checkin")

        # -- review: the launch's two open commitments; rows in the export's order
        flow.next_stage("stage.review")
        to_review = export(binary, db, str(work / "x-review"))["review"]["commitments"]
        whats = [c["what"] for c in to_review]
        check(sorted(whats) == sorted([C_ONE, C_ALL]), "the renewal should review the launch's two commitments, "
              "it lists %s" % whats)
        kiosk.wait_for_item("review.%d.carried" % (len(whats) - 1))
        flow.shot("review-start")
        flow.review(whats.index(C_ONE), "kept")
        carried_on = utc_today()
        flow.review(whats.index(C_ALL), "carried", carry_months=6)
        flow.shot("review-done")

        # -- health pulse
        flow.next_stage("stage.health")
        kiosk.click("health.open", screen="stage.health")
        flow.dump_when(lambda d: kiosk.item("health.close", d) and len(names_of(kiosk, "health.voter", d)) == 5,
                       "the open pulse with health.close and 5 health.voter.* buttons", "the pulse open")
        for name, ratings in HEALTH:
            flow.rate_health(name, ratings)
        flow.shot("health-voted")
        flow.close_and_reveal("health")
        flow.shot("health-results")

        # -- stage check, beside the launch's
        flow.next_stage("stage.stage_check")
        flow.stage_check(RENEWAL_VOTES, shot_before_close=False)
        flow.shot("stage-check-revealed")

        # -- new challenges: a task of the launch again, and a new one
        flow.next_stage("stage.tasks")
        flow.propose_tasks(RENEWAL_TASKS)
        flow.shot("tasks-proposed")
        flow.open_tasks_vote([name for name, _ in RENEWAL_BALLOTS])
        for name, ballot in RENEWAL_BALLOTS:
            flow.cast_task_ballot(name, ballot)
        flow.close_and_reveal("tasks")
        flow.shot("tasks-results")

        # -- roles rotation: starts from the launch's holders; the coordinator changes
        flow.next_stage("stage.roles")
        flow.set_role("coordinator", RENEWAL_ROLES["coordinator"])
        flow.shot("roles-coordinator")
        flow.roles_done()
        flow.shot("roles")

        # -- rhythm revisited: the launch's decision is there; one is added
        flow.next_stage("stage.rhythm")
        dump = flow.dump_when(lambda d: kiosk.item("rhythm.new", d) and kiosk.item("rhythm.edit.0", d),
                              "the launch's rhythm decision copied into the renewal", "the copied rhythm")
        check(len(kiosk.ids("rhythm.edit.", dump)) == 1, "one decision copied from the launch, the list shows %s"
              % kiosk.ids("rhythm.edit.", dump))
        flow.add_rhythm(WEEKLY, "weekly", weekdays=["TH"])
        flow.shot("rhythm")

        # -- commitments: the carried one is already there
        dump = flow.next_stage("stage.commitments")
        check(len(kiosk.ids("commitments.remove.", dump)) == 1, "the carried commitment should be listed on arrival: %s"
              % kiosk.ids("commitments.", dump))
        flow.add_commitment(C_NEW, "week", people=[F])
        flow.shot("commitments")

        # -- voice
        flow.next_stage("stage.voice")
        flow.add_voice("organization", ORGANIZATION_VOICE)
        flow.shot("voice")

        # -- close
        flow.next_stage("stage.close")
        flow.finish()
        code, _ = kiosk.terminate()
        check(code == 0, "SIGTERM ended the renewal run with exit code %s" % code)
    except Failure:
        keep_failure_screen(flow)
        raise
    finally:
        kiosk.cleanup()
    return started, carried_on


# ---- 3. The outcome -----------------------------------------------------------------------------------------
def by_key(items, key="key"):
    return {item[key]: item for item in items}


def check_common(outcome, kind, people, screens_count):
    check(outcome["format"] == "cop-kiosk.outcome/1", "format %r" % outcome.get("format"))
    check(outcome["community"]["name"] == COMMUNITY, "community name %r" % outcome["community"]["name"])
    check(outcome["community"]["domain"] == DOMAIN_SAVED, "community domain %r, expected the one saved on the domain "
          "stage %r" % (outcome["community"]["domain"], DOMAIN_SAVED))
    workshop = outcome["workshop"]
    check(workshop["kind"] == kind and workshop["ended_at"], "%s: workshop %s" % (kind, workshop))
    names = sorted(p["name"] for p in outcome["participants"])
    check(names == sorted(people), "%s participants %s, expected %s" % (kind, names, sorted(people)))
    check(len(outcome["stages"]) == screens_count, "%s: %d stages" % (kind, len(outcome["stages"])))
    for stage in outcome["stages"]:
        check(stage["started_at"] and stage["ended_at"], "%s: stage %s was not walked through: %s"
              % (kind, stage["key"], stage))


def check_stage_check(outcome, votes, kind):
    polls = [p for p in outcome["polls"] if p["stage"] == "stage-check"]
    check(len(polls) == 1, "%s: %d stage-check polls" % (kind, len(polls)))
    poll = polls[0]
    expected = {key: sum(1 for v in votes.values() if v == key) for key in STAGE_OPTIONS}
    got = {o["key"]: o["votes"] for o in poll["options"]}
    check(got == expected, "%s stage check: tally %s, expected exactly the votes cast %s" % (kind, got, expected))
    check(poll["status"] == "revealed" and poll["ballots"] == len(votes),
          "%s stage check: status %r with %r ballots" % (kind, poll["status"], poll["ballots"]))
    leader = max(expected, key=expected.get)
    check(poll["leaders"] == [leader] and not poll["tie"], "%s stage check: leaders %s, expected [%r]"
          % (kind, poll["leaders"], leader))
    return leader


def check_roles(outcome, expected, kind):
    holders = {r["key"]: sorted(h["name"] for h in r["holders"]) for r in outcome["roles"]}
    for role in ("sponsor", "coordinator", "core-group", "active-member", "peripheral-member", "facilitator", "liaison"):
        want = sorted(expected.get(role, []))
        check(holders.get(role) == want, "%s roles: %s held by %s, expected %s" % (kind, role, holders.get(role), want))
    check(outcome["role_warnings"] == [], "%s: role warnings %s, expected none" % (kind, outcome["role_warnings"]))


def check_tasks(outcome, titles, ballots, stage_key, kind):
    expected, ranking = hand_results(titles, ballots)
    tasks = [t for t in outcome["tasks"] if t["stage"] == stage_key]
    check(sorted(t["title"] for t in tasks) == sorted(titles), "%s tasks %s, expected %s"
          % (kind, [t["title"] for t in tasks], titles))
    for t in tasks:
        dots, energy, importance, quadrant = expected[t["title"]]
        check(t["dots"] == dots, "%s %r: %r dots, expected %d" % (kind, t["title"], t["dots"], dots))
        check(t["energy_mean"] is not None and abs(t["energy_mean"] - float(energy)) < 1e-9,
              "%s %r: mean energy %r, expected %s" % (kind, t["title"], t["energy_mean"], energy))
        check(t["importance_mean"] is not None and abs(t["importance_mean"] - float(importance)) < 1e-9,
              "%s %r: mean importance %r, expected %s" % (kind, t["title"], t["importance_mean"], importance))
        check(t["quadrant"] == quadrant, "%s %r: quadrant %r, expected %r" % (kind, t["title"], t["quadrant"], quadrant))
        check(t["energy_ratings"] == len(ballots) and t["importance_ratings"] == len(ballots),
              "%s %r: %d/%d ratings, expected %d each" % (kind, t["title"], t["energy_ratings"], t["importance_ratings"],
                                                         len(ballots)))
    got = [t["title"] for t in sorted(tasks, key=lambda t: t["rank"])]
    check(got == ranking, "%s ranking %s, expected %s" % (kind, got, ranking))
    for purpose in ("energy", "importance", "dots"):
        polls = [p for p in outcome["polls"] if p["stage"] == stage_key and p["purpose"] == purpose]
        check(len(polls) == 1 and polls[0]["status"] == "revealed" and polls[0]["ballots"] == len(ballots),
              "%s: the %s poll of %s: %s" % (kind, purpose, stage_key,
                                             [(p["status"], p["ballots"]) for p in polls]))
    return expected, ranking


def check_launch(launch, started):
    check_common(launch, "launch", LAUNCH_PEOPLE, len(LAUNCH_SCREENS))
    check(launch["workshop"]["previous_workshop"] is None, "a launch has no previous workshop")
    check("changes_since_previous" not in launch, "a launch has no changes_since_previous")
    check_stage_check(launch, LAUNCH_VOTES, "launch")
    check_roles(launch, LAUNCH_ROLES, "launch")
    rhythm = launch["rhythm"]
    check([(r["activity"], r["rrule"]) for r in rhythm] == [(MONTHLY, MONTHLY_RRULE)],
          "launch rhythm %s, expected %s" % ([(r["activity"], r["rrule"]) for r in rhythm], [(MONTHLY, MONTHLY_RRULE)]))
    first = datetime.date.fromisoformat(rhythm[0]["next_dates"][0])
    check(first.weekday() == 1 and first.day <= 7, "launch rhythm: the next date %s is not a first Tuesday" % first)
    check_tasks(launch, LAUNCH_TASKS, LAUNCH_BALLOTS, "energizing-tasks", "launch")
    commitments = by_key(launch["commitments"], "what")
    check(sorted(commitments) == sorted([C_ONE, C_ALL]), "launch commitments %s" % sorted(commitments))
    one, everyone = commitments[C_ONE], commitments[C_ALL]
    check([p["name"] for p in one["who"]["people"]] == [A] and not one["who"]["whole_community"],
          "%r: who %s, expected %s alone" % (C_ONE, one["who"], A))
    check(one["due"] in due_dates(started, 1), "%r due %s, expected a month from %s" % (C_ONE, one["due"], started))
    check(everyone["who"]["whole_community"] and everyone["who"]["people"] == [],
          "%r: who %s, expected the whole community" % (C_ALL, everyone["who"]))
    check(everyone["due"] in due_dates(started, 3), "%r due %s" % (C_ALL, everyone["due"]))
    # Reviewed since, at the renewal: their status is the outcome of that review.
    check(one["status"] == "kept" and everyone["status"] == "carried",
          "after the renewal's review the launch's commitments are %r and %r, expected 'kept' and 'carried'"
          % (one["status"], everyone["status"]))
    for c in (one, everyone):
        check(c["origin_workshop"] == launch["workshop"]["id"] and c["carried_from"] is None,
              "%r: origin %r, carried_from %r" % (c["what"], c["origin_workshop"], c["carried_from"]))
    voice = [(v["audience"], v["text"]) for v in launch["voice"]]
    check(voice == [("sponsor", SPONSOR_VOICE)], "launch voice %s" % voice)
    check(launch["health"] == [], "a launch takes no health pulse: %s" % launch["health"])
    check(launch["review"]["commitments"] == [] and launch["review"]["kept_rate"] is None,
          "a launch reviews nothing: %s" % launch["review"])


def check_renewal(renewal, launch, started, carried_on):
    check_common(renewal, "renewal", RENEWAL_PEOPLE, len(RENEWAL_SCREENS))
    check(renewal["workshop"]["previous_workshop"] == launch["workshop"]["id"],
          "the renewal's previous workshop is %r, expected the launch %r"
          % (renewal["workshop"]["previous_workshop"], launch["workshop"]["id"]))
    # The same people are the same members of the community, workshop after workshop.
    launch_ids = {p["name"]: p["id"] for p in launch["participants"]}
    for p in renewal["participants"]:
        if p["name"] in launch_ids:
            check(p["id"] == launch_ids[p["name"]], "%r has the id %s at the renewal but %s at the launch"
                  % (p["name"], p["id"], launch_ids[p["name"]]))
    before_leader = check_stage_check(launch, LAUNCH_VOTES, "launch")
    after_leader = check_stage_check(renewal, RENEWAL_VOTES, "renewal")
    check(before_leader != after_leader, "the test's votes should move the stage check")
    check_roles(renewal, RENEWAL_ROLES, "renewal")

    rhythm = [(r["activity"], r["rrule"]) for r in renewal["rhythm"]]
    check(sorted(rhythm) == sorted([(MONTHLY, MONTHLY_RRULE), (WEEKLY, WEEKLY_RRULE)]),
          "renewal rhythm %s, expected the launch's monthly call and the weekly lab hour" % rhythm)
    weekly = [r for r in renewal["rhythm"] if r["activity"] == WEEKLY][0]
    days = [datetime.date.fromisoformat(d) for d in weekly["next_dates"]]
    check(len(days) == 3 and all(d.weekday() == 3 for d in days), "%s: next dates %s are not Thursdays"
          % (WEEKLY, weekly["next_dates"]))

    after, after_ranking = check_tasks(renewal, RENEWAL_TASKS, RENEWAL_BALLOTS, "challenges", "renewal")
    before, before_ranking = hand_results(LAUNCH_TASKS, LAUNCH_BALLOTS)

    # Review: one kept, one carried forward; the carried copy is a new, open commitment of the renewal.
    review = renewal["review"]
    reviewed = by_key(review["commitments"], "what")
    check(sorted(reviewed) == sorted([C_ONE, C_ALL]), "the renewal reviewed %s" % sorted(reviewed))
    launch_commitments = by_key(launch["commitments"], "what")
    check(reviewed[C_ONE]["outcome"] == "kept" and reviewed[C_ONE]["status"] == "kept",
          "%r reviewed: outcome %r, status %r, expected kept" % (C_ONE, reviewed[C_ONE]["outcome"], reviewed[C_ONE]["status"]))
    check(reviewed[C_ALL]["outcome"] == "carried" and reviewed[C_ALL]["status"] == "carried",
          "%r reviewed: outcome %r, status %r, expected carried" % (C_ALL, reviewed[C_ALL]["outcome"],
                                                                    reviewed[C_ALL]["status"]))
    for what in (C_ONE, C_ALL):
        check(reviewed[what]["id"] == launch_commitments[what]["id"] and
              reviewed[what]["origin_workshop"] == launch["workshop"]["id"],
              "%r reviewed is not the launch's commitment: %s" % (what, reviewed[what]))
    check(review["kept_rate"] == 0.5, "kept_rate %r, expected 0.5 (1 kept of 2 reviewed)" % review["kept_rate"])
    commitments = by_key(renewal["commitments"], "what")
    check(sorted(commitments) == sorted([C_ALL, C_NEW]), "renewal commitments %s, expected the carried %r and %r"
          % (sorted(commitments), C_ALL, C_NEW))
    carried = commitments[C_ALL]
    check(carried["carried_from"] == launch_commitments[C_ALL]["id"], "the carried commitment's carried_from is %r, "
          "expected the launch's %r" % (carried["carried_from"], launch_commitments[C_ALL]["id"]))
    check(carried["status"] == "open" and carried["origin_workshop"] == renewal["workshop"]["id"],
          "the carried commitment: status %r, origin %r" % (carried["status"], carried["origin_workshop"]))
    check(carried["id"] != launch_commitments[C_ALL]["id"], "carrying forward must create a new commitment")
    check(carried["who"]["whole_community"], "the carried commitment keeps its 'whole community': %s" % carried["who"])
    check(carried["due"] in due_dates(carried_on, 6), "the carried commitment is due %s, expected +6 months from %s"
          % (carried["due"], carried_on))
    new = commitments[C_NEW]
    check([p["name"] for p in new["who"]["people"]] == [F] and new["status"] == "open" and new["carried_from"] is None,
          "%r: %s" % (C_NEW, new))
    check(new["due"] == (started + datetime.timedelta(days=7)).isoformat() or
          new["due"] == (utc_today() + datetime.timedelta(days=7)).isoformat(), "%r due %s" % (C_NEW, new["due"]))

    # Health: the means of the two ballots, per failure mode in the ballot's order.
    health = renewal["health"]
    check(len(health) == len(HEALTH[0][1]), "%d failure modes in the export, expected %d"
          % (len(health), len(HEALTH[0][1])))
    for mode, entry in enumerate(health):
        mean = Fraction(sum(r[mode] for _, r in HEALTH), len(HEALTH))
        check(entry["ratings"] == len(HEALTH) and abs(entry["mean"] - float(mean)) < 1e-9,
              "health %s: mean %r from %r ratings, expected %s from %d" % (entry["key"], entry["mean"], entry["ratings"],
                                                                          mean, len(HEALTH)))
    pulse = [p for p in renewal["polls"] if p["purpose"] == "health"]
    check(len(pulse) == 1 and pulse[0]["status"] == "revealed" and pulse[0]["ballots"] == len(HEALTH),
          "the health poll: %s" % [(p["status"], p["ballots"]) for p in pulse])

    voice = [(v["audience"], v["text"]) for v in renewal["voice"]]
    check(voice == [("organization", ORGANIZATION_VOICE)], "renewal voice %s" % voice)

    # What changed since the launch.
    changes = renewal["changes_since_previous"]
    check(changes["previous_workshop"] == launch["workshop"]["id"], "changes compare with %r"
          % changes["previous_workshop"])
    check(changes["stage_check"] == {"before": [before_leader], "after": [after_leader]},
          "changes.stage_check %s, expected before [%r] after [%r]" % (changes["stage_check"], before_leader, after_leader))
    roles = by_key(changes["roles"])
    coordinator = roles["coordinator"]
    check(coordinator["before"] == [B] and coordinator["after"] == [C] and coordinator["changed"],
          "changes.roles coordinator %s, expected %r -> %r" % (coordinator, B, C))
    for key in ("sponsor", "core-group"):
        check(not roles[key]["changed"], "changes.roles %s should be unchanged: %s" % (key, roles[key]))
    added, kept, removed = changes["rhythm"]["added"], changes["rhythm"]["kept"], changes["rhythm"]["removed"]
    check(len(added) == 1 and WEEKLY in added[0], "changes.rhythm.added %s, expected the %r only" % (added, WEEKLY))
    check(len(kept) == 1 and MONTHLY in kept[0] and removed == [], "changes.rhythm kept %s, removed %s" % (kept, removed))
    tasks = by_key(changes["tasks"], "title")
    repeated = tasks.get(REPEATED)
    check(repeated is not None, "changes.tasks does not list the repeated task %r: %s" % (REPEATED, sorted(tasks)))
    want = {"before_rank": before_ranking.index(REPEATED) + 1, "after_rank": after_ranking.index(REPEATED) + 1,
            "before_quadrant": before[REPEATED][3], "after_quadrant": after[REPEATED][3]}
    got = {k: repeated[k] for k in want}
    check(got == want, "changes.tasks %r: %s, expected %s" % (REPEATED, got, want))
    check(want["before_rank"] != want["after_rank"], "the test's ballots should move the repeated task's rank")
    new_task = tasks.get(RENEWAL_TASKS[1])
    check(new_task and new_task["before_rank"] is None and new_task["after_rank"] == after_ranking.index(RENEWAL_TASKS[1]) + 1,
          "changes.tasks %r: %s" % (RENEWAL_TASKS[1], new_task))
    for title in LAUNCH_TASKS:
        if title != REPEATED:
            check(tasks.get(title) and tasks[title]["after_rank"] is None, "changes.tasks %r (dropped): %s"
                  % (title, tasks.get(title)))
    check(len(changes["health"]) == len(HEALTH[0][1]) and all(h["before"] is None for h in changes["health"]),
          "changes.health: the launch took no pulse: %s" % changes["health"])


def tour_renewal(binary, x, db, work, art):
    """The program's own tour of the latest workshop (the renewal) at 1920x1080."""
    tour_dir = art / "tour-renewal-1920x1080"
    kiosk = Kiosk(binary, x, db, work, size="1920x1080", name="tour-1920x1080", extra_args=["--tour", str(tour_dir)])
    try:
        kiosk.start()
        code = kiosk.wait_exit(120)
        check(code == 0, "the tour exited %s: %s" % (code, kiosk.stderr_text().strip()))
    finally:
        kiosk.cleanup()
    pngs = sorted(tour_dir.glob("*.png"))
    check(len(pngs) == 1 + len(RENEWAL_SCREENS), "the tour wrote %s, expected home and the %d stages of the renewal"
          % ([p.name for p in pngs], len(RENEWAL_SCREENS)))
    for png in pngs:
        check(check_png(png) == (1920, 1080), "%s is not 1920x1080" % png)


def main():
    began = time.monotonic()
    binary = binary_from_argv()
    art = artifacts_dir("test_launch_and_renewal")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-launch-renewal-"))
    try:
        db = str(work / "workshops.db")
        with XServer(log_dir=str(art)) as x:
            launch_started = walk_launch(binary, x, db, work, art)
            print("launch walked in %.1f s" % (time.monotonic() - began))
            renewal_started, carried_on = walk_renewal(binary, x, db, work, art)
            print("renewal walked in %.1f s" % (time.monotonic() - began))

            communities = list_workshops(binary, db)
            check(len(communities) == 1 and communities[0]["name"] == COMMUNITY,
                  "list --json: %s" % [c.get("name") for c in communities])
            workshops = {w["kind"]: w for w in communities[0]["workshops"]}
            check(sorted(workshops) == ["launch", "renewal"] and len(communities[0]["workshops"]) == 2,
                  "list --json lists %s" % [(w["kind"], w["id"]) for w in communities[0]["workshops"]])
            check(workshops["launch"]["participants"] == 5 and workshops["renewal"]["participants"] == 5,
                  "list --json participants: %s" % {k: w["participants"] for k, w in workshops.items()})
            launch = export(binary, db, str(art / "export-launch"), workshops["launch"]["id"])
            renewal = export(binary, db, str(art / "export-renewal"), workshops["renewal"]["id"])
            check(launch["workshop"]["id"] == workshops["launch"]["id"] and
                  renewal["workshop"]["id"] == workshops["renewal"]["id"], "export --workshop exported another workshop")
            check_launch(launch, launch_started)
            check_renewal(renewal, launch, renewal_started, carried_on)
            tour_renewal(binary, x, db, work, art)
        result = run_cli(binary, ["check", "--db", db])
        check(result.returncode == 0, "check after the runs: %s" % result.stderr.strip())
        for name in sorted(os.listdir(work)):
            if name.endswith("-stderr.txt"):
                shutil.copy(work / name, art / name)
        shots = sorted(art.glob("*.png"))
        for png in shots:
            check(check_png(png) == (1280, 720), "%s is not 1280x720" % png.name)
        for tag, screens in (("launch", LAUNCH_SCREENS), ("renewal", RENEWAL_SCREENS)):
            for screen in screens:
                stage = screen.split(".", 1)[1].replace("_", "-")
                check(any(p.name.startswith(tag + "-") and ("-%s" % stage) in p.name for p in shots),
                      "no screenshot of the %s's %s stage among %s" % (tag, screen, [p.name for p in shots]))
        print("screenshots in %s; %.1f s in all" % (art, time.monotonic() - began))
        if PROBLEMS:
            raise Failure("everything else passed (both outcomes as expected), but at 1280x720 some widgets cannot be "
                          "pressed where a room needs them (outside the window, under another item, or scrolled out "
                          "of view with only five people):\n  " + "\n  ".join(PROBLEMS))
    finally:
        shutil.rmtree(str(work), ignore_errors=True)


if __name__ == "__main__":
    run_main(main)

"""Reusable steps for driving whole workshops through the real window (see kiosk_driver.py for the harness).

A `Flow` wraps one running Kiosk: it walks from stage to stage, performs each stage's usual actions through
the widgets' ids in the layout dump (clicks and typing only), waits on the dump after every action (never a
bare sleep standing in for a condition), records layout problems (an item outside the window or under another
cannot be pressed where the dump says it is), and keeps screenshots.

The ids come from the screens in kiosk/screens/*.cpp: "checkin.*", "domain.*", "poll.*" (stage check),
"roles.*", "rhythm.*", "tasks.*", "commitments.*", "voice.*", "review.*", "health.*", "workshop.finish".

Only the Python standard library is used (run with Debian's /usr/bin/python3).
"""

import json
import os
import shutil
import time

from kiosk_driver import Failure, check, layout_problems, run_cli, wait_until

TICK = "\u2713"
PIN = "2468"  # the facilitator's kiosk PIN the tests start workshops with


# ---- Starting a workshop: the kiosk PIN comes first --------------------------------------------------------
def readout(kiosk, readout_id, dump=None):
    """The text of a readout (what a screen says, kiosk/widgets.h RecordReadout), or None."""
    dump = dump or kiosk.layout() or {}
    for entry in dump.get("readouts", []):
        if entry["id"] == readout_id:
            return entry["label"]
    return None


def enter_pin(kiosk, prefix, pin, again=None):
    """Types a PIN into "<prefix>.field" (it shows dots), presses "<prefix>.ok", then types `again` (default: the
    same PIN) and presses ok again. Returns the dump once the second ok has been handled (the field gone, or the
    prompt back at its first step). Ok is clicked rather than Enter pressed: a click is never lost under load."""
    kiosk.click(prefix + ".field")
    kiosk.type_text(pin)
    kiosk.click(prefix + ".ok")
    kiosk.wait_for_dump(lambda d: (kiosk.item(prefix + ".field", d) or {}).get("label") == "type the PIN again",
                        "%s to ask for the PIN again" % prefix)
    kiosk.click(prefix + ".field")
    kiosk.type_text(pin if again is None else again)
    kiosk.click(prefix + ".ok")
    return kiosk.wait_for_dump(lambda d: (kiosk.item(prefix + ".field", d) or {}).get("label") != "type the PIN again",
                               "%s to take the PIN typed again" % prefix)


def start_workshop(kiosk, kind="launch", community=0, pin=PIN):
    """Home: "Start <kind> workshop" of community <community>, the kiosk PIN typed twice; waits for the check-in."""
    kiosk.click("community.%d.start.%s" % (community, kind), screen="home")
    enter_pin(kiosk, "start.pin", pin)
    return kiosk.wait_for_screen("stage.checkin")


# ---- Outside the window: the program's own command line ------------------------------------------------------
def list_workshops(binary, db):
    """`cop-kiosk list --json`: the communities, each with its workshops (newest first)."""
    result = run_cli(binary, ["list", "--db", db, "--json"])
    check(result.returncode == 0, "list --json exited %d: %s" % (result.returncode, result.stderr.strip()))
    try:
        return json.loads(result.stdout)
    except ValueError as error:
        raise Failure("list --json printed something that is not JSON (%s): %r" % (error, result.stdout[:500]))


def export(binary, db, out_dir, workshop="latest"):
    """`cop-kiosk export --workshop <id> --out <dir>`, then outcome.json read with Python's json."""
    if os.path.exists(out_dir):
        shutil.rmtree(out_dir)
    result = run_cli(binary, ["export", "--db", db, "--workshop", workshop, "--out", out_dir])
    check(result.returncode == 0, "export --workshop %s exited %d: %s" % (workshop, result.returncode,
                                                                        result.stderr.strip()))
    with open(os.path.join(out_dir, "outcome.json"), encoding="utf-8") as file:
        return json.load(file)


# ---- Reading the layout dump ----------------------------------------------------------------------------------
def label_of(kiosk, item_id, dump=None):
    entry = kiosk.item(item_id, dump)
    return entry["label"] if entry else None


def chosen(kiosk, item_id, dump=None):
    """A toggle or scale button shows it is chosen with a tick at the start of its label."""
    return (label_of(kiosk, item_id, dump) or "").startswith(TICK)


def names_of(kiosk, prefix, dump=None):
    """{name: (item id, ticked)} of a NameGrid (ids "<prefix>.<i>", labels "Name" or "Name  ✓")."""
    result = {}
    for entry in kiosk.items(dump):
        if entry["id"].startswith(prefix + ".") and entry["id"][len(prefix) + 1:].isdigit():
            label = entry["label"]
            result[label.rstrip(TICK).rstrip()] = (entry["id"], label.endswith(TICK))
    return result


def toggles_by_name(kiosk, prefix, dump=None):
    """{name: (item id, chosen)} of toggles "<prefix>.<i>" whose labels are "Name" or "✓ Name"."""
    result = {}
    for entry in kiosk.items(dump):
        if entry["id"].startswith(prefix + ".") and entry["id"][len(prefix) + 1:].isdigit():
            label = entry["label"]
            result[label[len(TICK):].strip() if label.startswith(TICK) else label] = (entry["id"], label.startswith(TICK))
    return result


class Flow:
    """Drives one running Kiosk through stages. `tag` prefixes screenshot names ("launch", "renewal")."""

    def __init__(self, kiosk, art, tag, problems):
        self.kiosk = kiosk
        self.art = art
        self.tag = tag
        self.problems = problems  # dict used as an ordered set, shared between flows
        self.shots = []

    # -- bookkeeping
    def audit(self, dump, where):
        for problem in layout_problems(dump):
            self.problems.setdefault("%s at %dx%d (%s %s): %s" % (dump["screen"], dump["window"][0], dump["window"][1],
                                                                  self.tag, where, problem), None)
        return dump

    def shot(self, name):
        path = self.art / ("%s-%02d-%s-%s.png" % (self.tag, len(self.shots) + 1, name, self.kiosk.size))
        self.kiosk.screenshot(path)
        self.shots.append(path)
        return path

    def dump_when(self, predicate, what, where=None, timeout=20.0):
        dump = self.kiosk.wait_for_dump(predicate, what, timeout)
        if where:
            self.audit(dump, where)
        return dump

    def settle(self, quiet=0.3):
        """Waits until the layout dump has not changed for `quiet` seconds (a list that scrolls to show new
        buttons moves back a frame later: a click in between would land where a button was)."""
        kiosk = self.kiosk
        state = {"frame": None, "since": time.monotonic()}

        def quiet_enough():
            dump = kiosk.layout()
            frame = dump and dump["frame"]
            if frame != state["frame"]:
                state["frame"], state["since"] = frame, time.monotonic()
                return False
            return time.monotonic() - state["since"] >= quiet

        kiosk.wait_until(quiet_enough, what="the layout to settle")

    def handled(self):
        """Waits until every input sent so far has been handled: F1 opens the help overlay after it."""
        self.kiosk.key("F1")
        self.kiosk.wait_for_item("help.close")
        self.kiosk.click("help.close")
        self.kiosk.wait_for_dump(lambda d: not self.kiosk.item("help.close", d), "the help overlay to close")

    def reach_name(self, prefix, name, where):
        """The item id of `name` in the NameGrid `prefix`. When the name is not listed (its button is scrolled
        out of its region), the problem is recorded (it fails the test at the end: at 1280x720 a room of 8 to 12
        must not need scrolling) and the region is scrolled with the mouse wheel, as a person would, until the
        name shows, so the rest of the walk is still checked."""
        kiosk = self.kiosk
        found = names_of(kiosk, prefix)
        if name in found:
            return found[name][0]
        dump = kiosk.layout()
        self.problems.setdefault(
            "%s at %dx%d (%s, %s): the button of %s (%s.<i>) is not on screen: only %d names are (%s); the names "
            "region needs scrolling" % (dump["screen"], dump["window"][0], dump["window"][1], self.tag, where, name,
                                        prefix, len(found), ", ".join(sorted(found))), None)
        for button in ("5", "4"):  # wheel down, then up
            for _ in range(6):
                visible = names_of(kiosk, prefix)
                if name in visible:
                    return visible[name][0]
                check(visible, "no %s.* button is listed to scroll over" % prefix)
                x0, y0, x1, y1 = kiosk.item(next(iter(visible.values()))[0])["rect"]
                frame = kiosk.layout()["frame"]
                kiosk.xdotool("mousemove", "--window", kiosk.window, (x0 + x1) // 2, (y0 + y1) // 2, "click", button)
                try:
                    kiosk.wait_for_dump(lambda d: d["frame"] != frame, "the names to scroll", timeout=2.0)
                except Failure:
                    break  # the end of the region
            self.settle(0.2)
        visible = names_of(kiosk, prefix)
        check(name in visible, "%r cannot be reached in %s even by scrolling: %s" % (name, prefix, sorted(visible)))
        return visible[name][0]

    # -- moving
    def next_stage(self, screen):
        """Next, then waits for `screen` (each consecutive stage has its own screen id)."""
        before = self.kiosk.screen()
        check(before != screen, "already on %s before pressing Next" % screen)
        self.kiosk.click("stage.next")
        return self.audit(self.kiosk.wait_for_screen(screen), "arriving")

    def type_into(self, item_id, text, replace=False):
        self.kiosk.click(item_id)
        if replace:
            self.kiosk.key("ctrl+a", "BackSpace")
        self.kiosk.type_text(text)

    def toggle_on(self, item_id):
        """Clicks a toggle (unless already chosen) and waits until its label shows the tick."""
        if not chosen(self.kiosk, item_id):
            self.kiosk.click(item_id)
        self.dump_when(lambda d: chosen(self.kiosk, item_id, d), "%s to show as chosen (a tick in its label)" % item_id)

    # -- home
    def new_community(self, name, domain):
        kiosk = self.kiosk
        kiosk.click("community.new", screen="home")
        self.audit(kiosk.wait_for_screen("community.new"), "the form")
        self.type_into("community.name", name)
        self.type_into("community.domain", domain)
        self.shot("new-community")
        kiosk.click("community.create")
        self.audit(kiosk.wait_for_item("community.0.start.launch", screen="home") and kiosk.layout(), "one community")

    # -- check-in
    def check_in(self, names):
        kiosk = self.kiosk
        self.audit(kiosk.wait_for_item("checkin.name", screen="stage.checkin") and kiosk.layout(), "nobody yet")
        check(not kiosk.ids("checkin.remove."), "a new workshop starts with nobody checked in: %s" % kiosk.ids("checkin."))
        kiosk.click("checkin.name")
        for count, name in enumerate(names, start=1):
            kiosk.type_text(name)
            kiosk.key("Return")
            kiosk.wait_for_dump(lambda d, n=count: len(kiosk.ids("checkin.remove.", d)) == n,
                                "%d checkin.remove.* items after checking in %r" % (count, name))
        self.audit(kiosk.layout(), "everyone checked in")

    # -- domain
    def edit_domain(self, text):
        kiosk = self.kiosk
        self.audit(kiosk.wait_for_item("domain.save", screen="stage.domain") and kiosk.layout(), "the domain")
        self.type_into("domain.text", text, replace=True)
        kiosk.click("domain.save")

    # -- stage check (one vote per person; then close and reveal)
    def stage_check(self, choices, shot_before_close=True):
        kiosk = self.kiosk
        kiosk.click("poll.open", screen="stage.stage_check")
        self.dump_when(lambda d: kiosk.item("poll.close", d) and names_of(kiosk, "voter", d),
                       "the open vote with poll.close and voter.* buttons", "the vote open")
        for name, option in choices.items():
            kiosk.click(self.reach_name("voter", name, "the stage check's voters"))
            self.dump_when(lambda d: len(kiosk.ids("poll.option.", d)) == 5, "the five options after picking %r" % name)
            kiosk.click("poll.option." + option)
            self.dump_when(lambda d, n=name: not kiosk.ids("poll.option.", d) and names_of(kiosk, "voter", d).get(n, ("", 0))[1],
                           "%r ticked as voted and the options disabled again" % name)
        if shot_before_close:
            self.shot("stage-check-voted")
        kiosk.click("poll.close")
        self.dump_when(lambda d: kiosk.item("poll.reveal", d), "poll.reveal once the vote is closed", "the vote closed")
        kiosk.click("poll.reveal")
        self.dump_when(lambda d: kiosk.item("poll.reopen", d) and not kiosk.item("poll.reveal", d),
                       "the revealed vote (only poll.reopen left)", "the vote revealed")

    # -- roles
    def roles_people(self, dump=None):
        """{name without "(absent)"/"(new)": (id, holds)} from the roles.person.<i> buttons."""
        result = {}
        for name, (item_id, ticked) in names_of(self.kiosk, "roles.person", dump).items():
            clean = name.replace("(absent)", "").replace("(new)", "").strip()
            result[clean] = (item_id, ticked)
        return result

    def set_role(self, role_key, holders):
        """Opens a role (its card, or "Next role" with the same id), makes exactly `holders` hold it, then Done."""
        kiosk = self.kiosk
        kiosk.click("roles.role." + role_key, screen="stage.roles")
        self.dump_when(lambda d: kiosk.item("roles.done", d) and self.roles_people(d), "the names for %s" % role_key,
                       "assigning " + role_key)
        # One change at a time, the names read again after each (a removed absent holder leaves the grid).
        for _ in range(20):
            people = self.roles_people()
            todo = [(n, i) for n, (i, h) in sorted(people.items()) if h != (n in holders)]
            if not todo:
                break
            name, item_id = todo[0]
            want = name in holders
            kiosk.click(item_id)
            self.dump_when(lambda d, n=name, w=want: (self.roles_people(d).get(n, (None, False))[1] == w) or
                           (not w and n not in self.roles_people(d)),
                           "%r to %s %s" % (name, "hold" if want else "no longer hold", role_key))
        got = sorted(n for n, (_, h) in self.roles_people().items() if h)
        check(got == sorted(holders), "%s is held by %s after the clicks, expected %s" % (role_key, got, sorted(holders)))

    def roles_done(self):
        kiosk = self.kiosk
        kiosk.click("roles.done")
        return self.dump_when(lambda d: not self.roles_people(d) and kiosk.item("roles.role.sponsor", d),
                              "the roles overview again", "the roles overview")

    # -- rhythm
    def add_rhythm(self, activity, frequency, weekdays=(), position=None):
        kiosk = self.kiosk
        count = len(kiosk.ids("rhythm.edit.", kiosk.wait_for_item("rhythm.new", screen="stage.rhythm") and kiosk.layout()))
        kiosk.click("rhythm.new", screen="stage.rhythm")
        self.dump_when(lambda d: kiosk.item("rhythm.add", d), "the rhythm form", "the rhythm form")
        self.type_into("rhythm.activity", activity)
        self.toggle_on("rhythm.frequency." + frequency)
        if position is not None:
            self.toggle_on("rhythm.position.%s" % position)
        for day in weekdays:
            self.toggle_on("rhythm.weekday." + day)
        self.shot("rhythm-form")
        kiosk.click("rhythm.add")
        return self.dump_when(lambda d: kiosk.item("rhythm.new", d) and len(kiosk.ids("rhythm.edit.", d)) == count + 1 and
                              "Added" in (label_of(kiosk, "rhythm.message", d) or ""),
                              "the list back with %r added (count before: %d)" % (activity, count), "the rhythm list")

    # -- tasks
    def propose_tasks(self, titles):
        kiosk = self.kiosk
        kiosk.wait_for_item("tasks.text", screen="stage.tasks")
        for count, title in enumerate(titles, start=1):
            kiosk.click("tasks.text")
            kiosk.type_text(title)
            kiosk.key("Return")
            kiosk.wait_for_dump(lambda d, n=count: len(kiosk.ids("tasks.remove.", d)) == n,
                                "%d tasks listed after typing %r" % (count, title))
        self.audit(kiosk.layout(), "tasks proposed")

    def open_tasks_vote(self, voters):
        kiosk = self.kiosk
        kiosk.click("tasks.open")
        dump = self.dump_when(lambda d: kiosk.item("tasks.close", d) and names_of(kiosk, "tasks.voter", d),
                              "the open vote with tasks.close and tasks.voter.* buttons", "the tasks vote open")
        check(all(v in names_of(kiosk, "tasks.voter", dump) for v in voters),
              "the tasks vote lists %s; %s should all be there" % (sorted(names_of(kiosk, "tasks.voter", dump)), voters))

    def cast_task_ballot(self, name, ballot, budget=3):
        """ballot: [(energy, importance, dots)] per task in the ballot's order (the order proposed). The dots
        must spend the whole budget, at most two per task."""
        kiosk = self.kiosk
        kiosk.click(self.reach_name("tasks.voter", name, "the tasks vote's voters"))
        self.dump_when(lambda d: kiosk.item("tasks.cast", d) and kiosk.item("tasks.dots.0.more", d),
                       "the ballot form for %r" % name, "a tasks ballot")
        for t, (energy, importance, _) in enumerate(ballot):
            for item_id in ("tasks.energy.%d.%d" % (t, energy), "tasks.importance.%d.%d" % (t, importance)):
                kiosk.click(item_id)
                self.dump_when(lambda d, i=item_id: chosen(kiosk, i, d), "%s to show as chosen" % item_id)
        check(sum(d for _, _, d in ballot) == budget and all(d <= 2 for _, _, d in ballot),
              "the test's ballot must spend exactly %d dots, at most two per task: %s" % (budget, ballot))
        # One dot per click, each confirmed: a task's first dot brings its "-", the last dot of the budget takes
        # every "+" away. Second dots go last, so every click changes the dump.
        clicks = [t for t, b in enumerate(ballot) if b[2] >= 1] + [t for t, b in enumerate(ballot) if b[2] >= 2]
        for n, t in enumerate(clicks, start=1):
            kiosk.click("tasks.dots.%d.more" % t)
            if n == budget:
                self.dump_when(lambda d: not [i for i in kiosk.ids("tasks.dots.", d) if i.endswith(".more")],
                               "every + to disappear (%d of %d dots spent)" % (budget, budget))
            else:
                check(t not in clicks[:n - 1], "a second dot before the budget is spent cannot be confirmed")
                self.dump_when(lambda d, t=t: kiosk.item("tasks.dots.%d.less" % t, d), "tasks.dots.%d.less" % t)
        kiosk.click("tasks.cast")
        self.dump_when(lambda d: names_of(kiosk, "tasks.voter", d).get(name, ("", False))[1],
                       "%r ticked as voted after casting" % name)

    def close_and_reveal(self, prefix):
        """<prefix>.close, <prefix>.reveal; waits for the revealed state (only <prefix>.reopen left)."""
        kiosk = self.kiosk
        kiosk.click(prefix + ".close")
        self.dump_when(lambda d: kiosk.item(prefix + ".reveal", d), prefix + ".reveal once closed", "closed")
        kiosk.click(prefix + ".reveal")
        return self.dump_when(lambda d: kiosk.item(prefix + ".reopen", d) and not kiosk.item(prefix + ".reveal", d),
                              "the revealed %s vote" % prefix, "revealed")

    # -- commitments
    def add_commitment(self, what, due_pick, people=(), everyone=False):
        kiosk = self.kiosk
        count = len(kiosk.ids("commitments.remove."))
        kiosk.click("commitments.new", screen="stage.commitments")
        self.dump_when(lambda d: kiosk.item("commitments.add", d), "the commitment form", "the commitment form")
        if everyone:
            self.toggle_on("commitments.everyone")
        for name in people:
            found = toggles_by_name(kiosk, "commitments.person")
            check(name in found, "the commitment form offers %s, not %r" % (sorted(found), name))
            self.toggle_on(found[name][0])
        self.type_into("commitments.what", what)
        self.toggle_on("commitments.due." + due_pick)
        kiosk.click("commitments.add")
        return self.dump_when(lambda d: kiosk.item("commitments.new", d) and
                              len(kiosk.ids("commitments.remove.", d)) == count + 1,
                              "the list with %d commitments after %r" % (count + 1, what), "the commitments list")

    # -- voice
    def add_voice(self, audience, text):
        kiosk = self.kiosk
        count = len(kiosk.ids("voice.remove."))
        item = "voice.audience." + audience
        kiosk.wait_for_item(item, screen="stage.voice")
        if not label_of(kiosk, item).startswith(TICK):
            kiosk.click(item)
            self.dump_when(lambda d: (label_of(kiosk, item, d) or "").startswith(TICK), "%s picked" % item)
        self.type_into("voice.text", text)
        kiosk.key("Return")
        return self.dump_when(lambda d: len(kiosk.ids("voice.remove.", d)) == count + 1,
                              "%d voice items after Enter" % (count + 1), "voice")

    # -- review
    def review(self, row, outcome, carry_months=None):
        kiosk = self.kiosk
        self.settle()
        kiosk.click("review.%d.%s" % (row, outcome), screen="stage.review")
        if outcome == "carried":
            kiosk.wait_for_item("review.%d.due.%d" % (row, carry_months))
            self.settle()
            kiosk.click("review.%d.due.%d" % (row, carry_months))
        return self.dump_when(lambda d: chosen(kiosk, "review.%d.%s" % (row, outcome), d) and
                              not kiosk.ids("review.%d.due." % row, d),
                              "review row %d marked %r" % (row, outcome), "review")

    # -- health
    def rate_health(self, name, ratings):
        kiosk = self.kiosk
        kiosk.click(self.reach_name("health.voter", name, "the health pulse's voters"))
        dump = self.dump_when(lambda d: kiosk.item("health.cast", d), "the health ballot for %r" % name, "health ballot")
        check(len(kiosk.ids("health.rate.", dump)) == 5 * len(ratings),
              "%d failure modes x 5 values should be on screen, the dump lists %d health.rate.* items"
              % (len(ratings), len(kiosk.ids("health.rate.", dump))))
        for mode, value in enumerate(ratings):
            item_id = "health.rate.%d.%d" % (mode, value)
            kiosk.click(item_id)
            self.dump_when(lambda d, i=item_id: chosen(kiosk, i, d), "%s to show as chosen" % item_id)
        kiosk.click("health.cast")
        self.dump_when(lambda d: names_of(kiosk, "health.voter", d).get(name, ("", False))[1],
                       "%r ticked as voted" % name)

    # -- close
    def finish(self):
        kiosk = self.kiosk
        self.audit(kiosk.wait_for_item("workshop.finish", screen="stage.close") and kiosk.layout(), "before finishing")
        check(kiosk.item("stage.next") is None, "the last stage must not offer Next: %s" % kiosk.ids())
        self.shot("close-before-finish")
        kiosk.click("workshop.finish")
        self.dump_when(lambda d: d["screen"] == "stage.close" and not kiosk.item("workshop.finish", d),
                       "the finished workshop (no workshop.finish button)", "finished")
        self.shot("close-finished")


def wait_export(binary, db, out_dir, predicate, what, workshop="latest", timeout=20.0):
    """Polls the export until predicate(outcome) holds; returns that outcome."""
    box = {}

    def ready():
        box["outcome"] = export(binary, db, out_dir, workshop)
        return predicate(box["outcome"])

    wait_until(ready, timeout, what)
    return box["outcome"]

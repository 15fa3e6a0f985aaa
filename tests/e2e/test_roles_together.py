"""The three roles together on one database, started in any order, each killed and restarted.

A projector and a kiosk start first, before any workshop runs; the facilitator's console starts last and
starts a renewal. Then each process in turn is killed with SIGKILL (no chance to clean up) and started again:
- the kiosk, in the middle of a ballot (reviewed, not confirmed): nothing of that ballot is recorded, and the
  restarted kiosk offers the open vote from its start;
- the projector, after a kiosk ballot: it comes back on the same stage with the same count;
- the facilitator's console: it comes back in the running workshop, at the stage the room is on, with the
  vote still open and the same people not voted yet.
After each restart the export holds exactly what was confirmed: no ballot lost, none duplicated, no person
checked in twice; and `cop-kiosk check` finds the database sound.
"""
import os
import pathlib
import shutil
import signal
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_driver import Kiosk, XServer, artifacts_dir, binary_from_argv, check, run_cli, run_main  # noqa: E402
from kiosk_room import check_in, name_item, readout, start_workshop, walk_to  # noqa: E402
from stage_flows import export  # noqa: E402

NAMES = ["Amélie Laurent", "Bongani Dlamini"]


def kill(process):
    """SIGKILL: the process gets no chance to close anything."""
    check(process.alive(), "%s should be running" % process.name)
    os.kill(process.pid, signal.SIGKILL)
    process.wait_exit(timeout=10)
    check(process.exit_code == -signal.SIGKILL, "%s died of SIGKILL, not %s" % (process.name, process.exit_code))


def stage_check_poll(binary, db, out):
    polls = [p for p in export(binary, db, out)["polls"] if p["stage"] == "stage-check"]
    check(len(polls) == 1, "one stage-check vote: %r" % polls)
    return polls[0]


def main():
    binary = binary_from_argv()
    art = artifacts_dir("test_roles_together")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-together-"))
    db = str(work / "room.db")
    try:
        check(run_cli(binary, ["demo", "--db", db]).returncode == 0, "demo failed")
        with XServer(log_dir=str(art), extra_chars="\u00e9") as laptop, XServer(log_dir=str(art)) as wall, \
                XServer(log_dir=str(art)) as booth:
            def role(name, display, *args):  # noqa: E306
                return Kiosk(binary, display, db, work, size="1280x720", name=name, extra_args=list(args))

            # The projector at 3840x2160 (its display is that large), the others at 1280x720.
            projector = Kiosk(binary, wall, db, work, size="3840x2160", name="projector", extra_args=["--role", "projector"])
            kiosk = role("kiosk", booth, "--role", "kiosk")
            facilitator = role("facilitator", laptop)
            everyone = [projector, kiosk, facilitator]
            try:
                # ---- Started in an unusual order: the audience and the booth before the console.
                projector.start()
                kiosk.start()
                projector.wait_for_screen("stage.close")  # the demo's finished renewal, until a workshop runs
                kiosk.wait_for_screen("kiosk.start")
                kiosk.find_window()
                facilitator.start()
                facilitator.wait_for_item("community.0.start.renewal", screen="home")
                facilitator.find_window()
                start_workshop(facilitator, db)
                check_in(facilitator, NAMES)
                walk_to(facilitator, ["stage.review", "stage.health", "stage.stage_check"])
                # Live results: the projector draws the tally as it grows.
                facilitator.click("poll.live")
                facilitator.wait_for_dump(lambda d: (facilitator.item("poll.live", d) or {}).get("label", "").startswith("\u2713"),
                                          "live results chosen")
                facilitator.click("poll.open")
                facilitator.wait_for_item("poll.close")
                projector.wait_for_dump(lambda d: "0 of 2 have voted" in (readout(d, "poll.count") or ""),
                                        "the projector following the room to the open vote")

                # ---- The kiosk is killed mid-ballot: nothing of it is recorded.
                kiosk.click("kiosk.start.vote", screen="kiosk.start")
                kiosk.wait_for_screen("kiosk.name")
                kiosk.click_item(kiosk.wait_until(lambda: name_item(kiosk, NAMES[0]), what="Amélie's name"))
                kiosk.click("kiosk.option.coalescing", screen="kiosk.ballot")
                kiosk.wait_for_item("kiosk.review")
                kiosk.click("kiosk.review")
                kiosk.wait_for_screen("kiosk.review")
                kill(kiosk)
                check(stage_check_poll(binary, db, str(work / "out1"))["ballots"] == 0,
                      "an unconfirmed ballot is not recorded")
                kiosk.start()
                start = kiosk.wait_for_item("kiosk.start.vote", screen="kiosk.start")
                check(start["label"].startswith("Vote"), "the restarted kiosk offers the open vote: %r" % start["label"])
                kiosk.find_window()

                # ---- A confirmed ballot, then the projector is killed and comes back with it.
                kiosk.click("kiosk.start.vote")
                kiosk.wait_for_screen("kiosk.name")
                kiosk.click_item(kiosk.wait_until(lambda: name_item(kiosk, NAMES[0]), what="Amélie's name"))
                kiosk.click("kiosk.option.committing", screen="kiosk.ballot")
                kiosk.wait_for_item("kiosk.review")
                kiosk.click("kiosk.review")
                kiosk.wait_for_screen("kiosk.review")
                kiosk.click("kiosk.confirm")
                kiosk.wait_for_screen("kiosk.thanks")
                projector.wait_for_dump(lambda d: "1 of 2 have voted" in (readout(d, "poll.count") or ""),
                                        "the projector's count at 1 of 2")
                kill(projector)
                projector.start()
                dump = projector.wait_for_dump(lambda d: "1 of 2 have voted" in (readout(d, "poll.count") or ""),
                                               "the restarted projector on the open vote, 1 of 2")
                check(dump["screen"] == "stage.stage_check" and dump["items"] == [],
                      "the restarted projector is the audience view of the stage check: %s %s"
                      % (dump["screen"], dump["items"]))
                check(dump["overflow"] == [] and dump["body_px"] * 30 >= 2160,
                      "the live chart at 3840x2160: nothing cut off (%s), body text %d px" % (dump["overflow"], dump["body_px"]))
                projector.find_window()
                projector.screenshot(art / "01-projector-restarted-live-3840x2160.png")

                # ---- The facilitator's console is killed and comes back where the room is.
                kill(facilitator)
                facilitator.start()
                facilitator.wait_for_item("poll.close", screen="stage.stage_check")
                dump = facilitator.wait_for_dump(
                    lambda d: "Bongani" in (readout(d, "poll.not_voted") or ""), "who has not voted yet, again")
                check("Amélie" not in readout(dump, "poll.not_voted"), "Amélie has voted: %r"
                      % readout(dump, "poll.not_voted"))
                facilitator.find_window()
                facilitator.screenshot(art / "02-facilitator-restarted-1280x720.png")

                # ---- Nothing lost, nothing duplicated.
                outcome = export(binary, db, str(work / "out2"))
                poll = [p for p in outcome["polls"] if p["stage"] == "stage-check"][0]
                check(poll["status"] == "open" and poll["ballots"] == 1 and
                      [o["key"] for o in poll["options"] if o["votes"] == 1] == ["committing"],
                      "exactly the one confirmed ballot: %r" % poll)
                check(sorted(p["name"] for p in outcome["participants"]) == sorted(NAMES),
                      "each person checked in once: %r" % outcome["participants"])
                running = [w for c in run_cli_json(binary, db) for w in c["workshops"] if not w.get("ended_at")]
                check(len(running) == 1, "one running workshop, not a second one from a restart: %r" % running)
                result = run_cli(binary, ["check", "--db", db])
                check(result.returncode == 0 and "integrity: ok" in result.stdout,
                      "the database is sound after three SIGKILLs: %s %s" % (result.stdout, result.stderr))
                for process in everyone:
                    process.terminate()
            finally:
                for process in everyone:
                    process.cleanup()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_cli_json(binary, db):
    import json
    result = run_cli(binary, ["list", "--db", db, "--json"])
    check(result.returncode == 0, "list --json failed: %s" % result.stderr)
    return json.loads(result.stdout)


if __name__ == "__main__":
    run_main(main)

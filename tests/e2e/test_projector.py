"""The projector role: an audience view on a second screen, read-only, following the database live.

A facilitator process and a projector process share one database. The projector starts on the newest
(finished) workshop, switches by itself when the facilitator starts a renewal, follows every stage the
facilitator moves to, shows a ballot cast on the facilitator's screen, offers nothing to press, and
writes nothing to the database.
"""
import os
import pathlib
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_driver import (Kiosk, XServer, artifacts_dir, binary_from_argv, check, run_cli,  # noqa: E402
                          run_main, wait_until)
from stage_flows import start_workshop  # noqa: E402


def main():
    binary = binary_from_argv()
    art = artifacts_dir("test_projector")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-projector-"))
    db = work / "room.db"
    try:
        check(run_cli(binary, ["demo", "--db", str(db)]).returncode == 0, "demo failed")
        # Two displays, as in a room: the laptop's and the projector's (windows never hide each other).
        with XServer(log_dir=str(art), extra_chars="\u00e9\u00c9") as laptop, XServer(log_dir=str(art)) as wall:
            projector = Kiosk(binary, wall, str(db), work, size="1280x720", name="projector",
                              extra_args=["--role", "projector"])
            facilitator = Kiosk(binary, laptop, str(db), work, size="1280x720", name="facilitator")
            try:
                projector.start()
                # The newest workshop is the demo's finished renewal: the projector shows its outcome.
                dump = projector.wait_for_screen("stage.close")
                check(dump["items"] == [], "the projector offers nothing to press: %s" % projector.ids())
                projector.find_window()
                projector.screenshot(art / "01-projector-finished-1280x720.png")

                facilitator.start()
                facilitator.wait_for_item("community.0.start.renewal", screen="home")
                facilitator.find_window()
                start_workshop(facilitator, "renewal")
                # The projector follows the room to the new workshop, on its own.
                dump = projector.wait_for_screen("stage.checkin")
                check(dump["items"] == [], "the projector offers nothing to press: %s" % projector.ids())
                names = ["Amélie Laurent", "Bongani Dlamini"]
                for name in names:
                    facilitator.click("checkin.name")
                    facilitator.type_text(name)
                    facilitator.key("Return")
                    count = names.index(name) + 1
                    wait_until(lambda: len([i for i in facilitator.layout()["items"]
                                            if i["id"].startswith("checkin.remove.")]) >= count, what=name + " checked in")
                # Every stage the facilitator moves to appears on the projector.
                for screen in ("stage.review", "stage.health", "stage.stage_check"):
                    facilitator.click("stage.next")
                    facilitator.wait_for_screen(screen)
                    projector.wait_for_screen(screen)
                projector.screenshot(art / "02-projector-stage-check-1280x720.png")
                facilitator.click("poll.open")
                facilitator.wait_for_item("voter.0")
                facilitator.click("voter.0")
                facilitator.click("poll.option.stewarding")
                # The projector shows how many have voted, and never whose ballot it is.
                wait_until(lambda: projector.screen() == "stage.stage_check", what="projector on the stage check")
                projector.screenshot(art / "03-projector-one-vote-1280x720.png")
                facilitator.click("stage.back")
                facilitator.wait_for_screen("stage.health")
                projector.wait_for_screen("stage.health")
                # The arrows do nothing on the projector: it never moves the room.
                projector.find_window()
                projector.key("Right")
                facilitator.wait_for_screen("stage.health")
                check(projector.screen() == "stage.health", "an arrow key moved the projector")
                code, _ = projector.terminate()
                check(code == 0, "SIGTERM ended the projector with %s" % code)
                code, _ = facilitator.terminate()
                check(code == 0, "SIGTERM ended the facilitator with %s" % code)
            finally:
                projector.cleanup()
                facilitator.cleanup()
        out = work / "export"
        check(run_cli(binary, ["export", "--db", str(db), "--workshop", "latest", "--out", str(out)]).returncode == 0,
              "export failed")
        import json
        outcome = json.loads((out / "outcome.json").read_text(encoding="utf-8"))
        check(outcome["workshop"]["kind"] == "renewal" and outcome["workshop"]["ended_at"] is None,
              "the latest workshop is the running renewal: %r" % outcome["workshop"])
        polls = [p for p in outcome["polls"] if p["stage"] == "stage-check"]
        check(len(polls) == 1 and polls[0]["ballots"] == 1, "one ballot was cast, from the facilitator: %r" % polls)
        print("projector: followed the room through 5 screens, offered nothing to press, wrote nothing")
    finally:
        shutil.rmtree(str(work), ignore_errors=True)


if __name__ == "__main__":
    run_main(main)

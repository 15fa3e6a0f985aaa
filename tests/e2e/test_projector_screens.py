"""Every projector screen at 1280x720 and 3840x2160: legible and nothing cut off.

The projector's tour (`--role projector --tour DIR`) draws each stage of the demo's renewal as the room saw it,
with every kind of result: the stage check's bars beside last time's, the health pulse, the energy/importance
quadrant chart and ranking, the roles board with its vacancies, the rhythm with its next dates, the commitments
list and the whole outcome at the close. For both sizes the test checks that
- every picture is a whole PNG of the window's size, kept as an artefact to look at;
- the tour reports no panel whose content was cut off (the projector cannot scroll);
- the body text is at least 1/30 of the screen's height (read from the layout dump of the same run);
- the projector offers nothing to press.
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_driver import XServer, artifacts_dir, binary_from_argv, check, check_png, run_cli, run_main  # noqa: E402

SIZES = [(1280, 720), (3840, 2160)]
STAGES = ["check-in", "review", "health", "stage-check", "challenges", "roles", "rhythm", "commitments", "voice", "close"]


def tour(binary, db, out, width, height, work):
    dump = work / ("layout-%dx%d.json" % (width, height))
    with XServer(size="%dx%dx24" % (max(width, 1920), max(height, 1080))) as x:
        result = subprocess.run([binary, "--db", str(db), "--role", "projector", "--windowed", "%dx%d" % (width, height),
                                 "--tour", str(out), "--layout-dump", str(dump)],
                                env=x.env(), capture_output=True, text=True, timeout=240)
    check(result.returncode == 0, "the %dx%d tour failed (%d): %s" % (width, height, result.returncode,
                                                                      result.stderr.strip()))
    return result.stdout.splitlines(), json.loads(dump.read_text())


def main():
    binary = binary_from_argv()
    art = artifacts_dir("test_projector_screens")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-projector-screens-"))
    try:
        db = work / "demo.db"
        check(run_cli(binary, ["demo", "--db", str(db)]).returncode == 0, "demo failed")
        for width, height in SIZES:
            out = art / ("%dx%d" % (width, height))
            lines, dump = tour(binary, db, out, width, height, work)
            pictures = [line.split()[0] for line in lines if line.strip()]
            for stage in STAGES:
                check(any(p.endswith("-%s.png" % stage) for p in pictures),
                      "the %dx%d tour has no picture of the %s stage: %s" % (width, height, stage, pictures))
            for picture in pictures:
                check(check_png(picture) == (width, height), "%s is not %dx%d" % (picture, width, height))
            cut = [line for line in lines if "overflow:" in line]
            check(not cut, "at %dx%d the projector cut something off: %s" % (width, height, cut))
            check(dump["window"] == [width, height], "the layout dump says the window is %s" % dump["window"])
            check(dump["body_px"] * 30 >= height, "at %dx%d the body text is %d px, under 1/30 of the height"
                  % (width, height, dump["body_px"]))
            check(dump["items"] == [], "the projector offers something to press: %s" % dump["items"])
            check(dump["overflow"] == [], "the last screen overflowed: %s" % dump["overflow"])
            print("%dx%d: %d pictures, body text %d px, nothing cut off" % (width, height, len(pictures), dump["body_px"]))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    run_main(main)

"""Awkward free text on the screens: drawn without a crash and without a garbled layout.

A finished launch workshop is written through the store by copk_free_text_seed (tests/kiosk/free_text_seed.cpp):
every typed field holds one character, Arabic, Hebrew and Persian (right to left), SQL-looking text, spreadsheet
formulas, markup, quotes, a 60-character name, and tasks, commitments and messages at their full length (120,
200 and 280 characters). The store refuses emoji, invisible direction characters and control characters, but a
merged database from an older kiosk may hold them, so some rows are then rewritten with Debian's sqlite3 module to
hold emoji (a skin tone, a ZWJ family, a flag, a keycap), U+202E, a zero-width space, an escape character and a
line break. Then:
- the projector's tour (`--role projector --tour`) draws every stage at 1280x720 and exits 0, its close page with
  nothing cut off on any of its pages (a word longer than a line once ran one pixel past the panel's edge on the
  last pages only, so a test that saw the page the clock showed failed now and then), and no other page cut off
  either: the long rhythm, commitment and voice lists turn their pages;
- the facilitator's window, at 1280x720 and 1920x1080: home, the workshop's "Last outcome" browsed from the close
  back to the check-in, and Review's outcome; after each screen the process is alive and the layout dump has no
  item outside the window, empty or overlapping (layout_problems), and the check-in's names (readouts
  "checkin.here.<i>") do not run into each other (a 60-character name once ran across two columns).
- typed on the real check-in with xdotool: "Sam" and an emoji is refused with its message (the emoji reaches the
  field as U+FFFD), a Hebrew name is checked in and comes back exactly from the export.
Characters the font lacks (Arabic, Hebrew, emoji) are drawn as a visible "?", never as nothing (checked by a
person in the screenshots, which go to COPK_ARTIFACTS_DIR/test_free_text_screens/).
"""
import json
import os
import pathlib
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_driver import (Kiosk, XServer, artifacts_dir, binary_from_argv, check, check_png,  # noqa: E402
                          layout_problems, run_cli, run_main)
from stage_flows import export, start_workshop  # noqa: E402

KEPT = [
    "A", "ب", "مجتمع الممارسة", "קהילת עשייה", "Ana وفريقها 2027", "می\u200cخواهیم",
    "Robert'); DROP TABLE ballot;--", '=HYPERLINK("http://example.invalid","click")', "+1", "-1", "@SUM(A1)",
    "<script>alert(1)</script> & <b>bold</b>", 'O\'Brien "Nan" \\ back\\slash',
    "Wolfeschlegelsteinhausenbergerdorff Maximiliane-Annabela Zoë",  # 60 characters, one long word
]
LONG = {  # each at its field's limit
    "task": ("Rédiger ensemble un guide pratique des méthodes d'analyse de l'eau potable " * 2)[:119] + ".",
    "commitment": ("Convene the working group on turbidity standards and report back to the sponsor " * 3)[:199] + ".",
    "message": ("Supercalifragilisticexpialidocious" * 3 + " we need time in our working week" * 8)[:279] + ".",
}
# Rows rewritten as a merge from an older kiosk could bring them: (table, column, old value, new value).
MERGED = [
    ("member", "name", "A", "Sam \U0001F600 \U0001F44D\U0001F3FD Ana"),
    ("task", "title", "+1", "\U0001F469\u200d\U0001F469\u200d\U0001F467 family task \U0001F1EB\U0001F1F7"),
    ("poll_option", "label", "+1", "\U0001F469\u200d\U0001F469\u200d\U0001F467 family task \U0001F1EB\U0001F1F7"),
    ("commitment", "what", "-1", "1\ufe0f\u20e3 \u2764\ufe0f \u202eevil\u202c reversed"),
    ("voice_item", "text", "ب", "line one\nline two \x1b[31m with an escape"),
    ("rhythm_decision", "activity", "ب", "\u2615 coffee\u200bbreak"),
]
EMOJI_NAME = "Sam \U0001F600"
HEBREW_NAME = "\u05d3\u05d5\u05d3 Levi"  # דוד Levi, right to left (few distinct letters: the harness has few spare keycodes)
COMMUNITY = "Awkward texts \u2014 \u0645\u062c\u062a\u0645\u0639 <b>&</b>"
BROWSE = ["stage.close", "stage.voice", "stage.commitments", "stage.tasks", "stage.rhythm", "stage.roles",
          "stage.stage_check", "stage.domain", "stage.checkin"]


def seed(work):
    helper = os.environ.get("COPK_FREE_TEXT_SEED")
    check(helper and os.access(helper, os.X_OK), "COPK_FREE_TEXT_SEED does not name the seed helper: %r" % helper)
    corpus = {"community": COMMUNITY, "domain": "=1+1 Robert'); DROP TABLE ballot;-- \u05e7\u05d4\u05d9\u05dc\u05d4",
              "kept": KEPT, "long": {k: [v] for k, v in LONG.items()}, "communities": False, "finish": True}
    path = work / "corpus.json"
    path.write_text(json.dumps(corpus, ensure_ascii=False), encoding="utf-8")
    db = work / "screens.db"
    result = subprocess.run([helper, str(db), str(path)], capture_output=True, text=True, timeout=120)
    check(result.returncode == 0, "the seed helper failed: %s" % result.stderr.strip())
    check(not json.loads(result.stdout)["accepted"], "the seed helper reports accepted bad text")
    connection = sqlite3.connect(str(db))
    with connection:
        for table, column, old, new in MERGED:
            changed = connection.execute("UPDATE %s SET %s = ? WHERE %s = ?" % (table, column, column), (new, old)).rowcount
            check(changed >= 1, "no %s.%s = %r to rewrite" % (table, column, old))
        connection.execute("UPDATE community SET domain = domain || ' \U0001F389'")
    connection.close()
    return db


def visit(kiosk, screen, shot, art, size):
    dump = kiosk.wait_for_screen(screen)
    dump = kiosk.wait_for_dump(lambda d: d.get("screen") == screen and d.get("items"), "the %s screen drawn" % screen)
    check(kiosk.alive(), "the program exited on %s: %s" % (screen, kiosk.stderr_text()[-1500:]))
    problems = layout_problems(dump)
    # Text that is only read (names in columns, with no button) must not run into its neighbour either.
    names = [r for r in dump.get("readouts", []) if r["id"].startswith("checkin.here.")]
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if min(a["rect"][2], b["rect"][2]) > max(a["rect"][0], b["rect"][0]) and \
                    min(a["rect"][3], b["rect"][3]) > max(a["rect"][1], b["rect"][1]):
                problems.append("the name %r %s runs into %r %s" % (a["label"], a["rect"], b["label"], b["rect"]))
    if screen == "stage.checkin":
        check(len(names) == len(KEPT), "the check-in lists %d names, want %d" % (len(names), len(KEPT)))
    check(not problems, "%s at %s: the layout is garbled: %s" % (screen, size, problems[:5]))
    kiosk.screenshot(art / ("%s-%s.png" % (shot, size)))
    return dump


def facilitator(binary, x, db, work, art, size, full):
    kiosk = Kiosk(binary, x, db, work, size=size, name="facilitator-" + size)
    try:
        kiosk.start()
        kiosk.wait_for_item("community.0.outcome", screen="home")
        kiosk.find_window()
        visit(kiosk, "home", "01-home", art, size)
        kiosk.click("community.0.outcome", screen="home")
        screens = BROWSE if full else ["stage.close", "stage.voice", "stage.commitments"]
        for i, screen in enumerate(screens):
            if i:
                kiosk.click("stage.back")
            visit(kiosk, screen, "%02d-%s" % (i + 2, screen.replace("stage.", "")), art, size)
        if not full:
            for screen in BROWSE[len(screens):]:  # one stage at a time: each click on the screen it was meant for
                kiosk.click("stage.back")
                kiosk.wait_for_screen(screen)
            visit(kiosk, "stage.checkin", "10-checkin", art, size)
        kiosk.click("workshop.review")  # Review, from the browsed workshop's frame
        kiosk.wait_for_screen("review.list")
        visit(kiosk, "review.list", "11-review-list", art, size)
        kiosk.click("review.workshop.0.open")
        visit(kiosk, "review.outcome", "12-review-outcome", art, size)
        check(kiosk.terminate()[0] == 0, "the facilitator's window did not end cleanly on SIGTERM")
    finally:
        kiosk.cleanup()


def typed_at_checkin(binary, x, work, art):
    """Typed on the real check-in: an emoji reaches the field as U+FFFD (this ImGui keeps 16-bit characters) and is
    refused with its message; a Hebrew name is checked in and exported exactly."""
    db = str(work / "typed.db")
    check(run_cli(binary, ["demo", "--db", db]).returncode == 0, "demo failed")
    kiosk = Kiosk(binary, x, db, work, size="1280x720", name="typing")
    try:
        kiosk.start()
        kiosk.wait_for_item("community.0.start.launch", screen="home")
        kiosk.find_window()
        start_workshop(kiosk, kind="launch")
        kiosk.click("checkin.name")
        kiosk.type_text(EMOJI_NAME)
        kiosk.key("Return")
        dump = kiosk.wait_for_dump(lambda d: any(r["id"] == "checkin.message" for r in d.get("readouts", [])),
                                   "the check-in's message")
        message = [r["label"] for r in dump["readouts"] if r["id"] == "checkin.message"][0]
        check("could not be read" in message and "emoji" in message, "an emoji typed at the check-in: %r" % message)
        check(not [r for r in dump["readouts"] if r["id"].startswith("checkin.here.")], "a name with an emoji was checked in")
        kiosk.screenshot(art / "20-typed-emoji-refused-1280x720.png")
        kiosk.key("ctrl+a", "BackSpace")
        kiosk.type_text(HEBREW_NAME)
        kiosk.key("Return")
        kiosk.wait_for_dump(lambda d: [r["label"] for r in d.get("readouts", []) if r["id"] == "checkin.here.0"] ==
                            [HEBREW_NAME], "the Hebrew name checked in")
        kiosk.screenshot(art / "21-typed-hebrew-1280x720.png")
        names = [p["name"] for p in export(binary, db, str(work / "typed-export"))["participants"]]
        check(names == [HEBREW_NAME], "the export holds %r, want exactly the typed %r" % (names, HEBREW_NAME))
        kiosk.terminate()
    finally:
        kiosk.cleanup()


def main():
    binary = binary_from_argv()
    art = artifacts_dir("test_free_text_screens")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-free-text-screens-"))
    try:
        db = seed(work)
        with XServer(log_dir=str(art)) as x:
            tour = art / "projector-1280x720"
            result = subprocess.run([binary, "--db", str(db), "--role", "projector", "--windowed", "1280x720",
                                     "--tour", str(tour)], env=x.env(), capture_output=True, text=True, timeout=240)
            check(result.returncode == 0, "the projector's tour failed (%d): %s" % (result.returncode,
                                                                                 result.stderr.strip()[-1500:]))
            pictures = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
            check(len(pictures) == 10 and all(check_png(p) == (1280, 720) for p in pictures),
                  "the tour drew %d pictures: %s" % (len(pictures), pictures))
            cut = [line for line in result.stdout.splitlines() if "overflow:" in line]
            print("projector tour: %d pictures (home and every stage); cut off: %s" % (len(pictures), cut or "nothing"))
            # The close's pages shorten an item taller than its panel (a 280-character message) with "…"; the
            # stage pages of a list taller than the screen (15 rhythm decisions, 15 commitments, 8 voice items
            # here) turn a page at a time: the tour looks at every page, and nothing may be cut off on any.
            check(not [line for line in cut if "-close.png" in line], "the close page cut text off: %s" % cut)
            check(not cut, "a projector page cut text off: %s" % cut)
            pages = {line.split()[0].rsplit("/", 1)[-1]: int(line.split("pages:")[1].split()[0])
                     for line in result.stdout.splitlines() if "pages:" in line}
            print("projector tour: pages turned: %s" % pages)
            for shot in ("05-rhythm.png", "07-commitments.png", "08-voice.png", "09-close.png"):
                check(pages.get(shot, 1) > 1, "the tour turned no pages on %s: %s" % (shot, pages))
            facilitator(binary, x, str(db), work, art, "1280x720", full=True)
            facilitator(binary, x, str(db), work, art, "1920x1080", full=False)
        # Its own X server, whose few spare keycodes go to the emoji and the Hebrew letters only (the harness's
        # default accented letters are not needed here).
        typing_x = XServer(log_dir=str(work))
        typing_x.extra_chars = EMOJI_NAME + HEBREW_NAME
        with typing_x as x:
            typed_at_checkin(binary, x, work, art)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    run_main(main)

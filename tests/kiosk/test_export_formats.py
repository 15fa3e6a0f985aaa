"""`cop-kiosk export`: every format, on the demo database and on a database full of awkward text.

1. Golden files: the demo's `--workshop all` export, with what depends on the day it runs masked (ids, dates,
   times), is compared with tests/fixtures/export/demo/. COPK_UPDATE_GOLDEN=1 rewrites the fixtures instead.
2. Parsed back: every CSV with Python's csv module (RFC 4180: BOM, CRLF, a header, as many cells per row), the
   calendars with python3-icalendar (Debian's module: this script runs under /usr/bin/python3), outcome.json
   with json, outcome.html with html.parser (balanced tags, nothing external), outcome.md by undoing its escapes.
   The CSV and calendar contents are checked against outcome.json: votes add up, RRULEs, due dates, UIDs.
3. Anonymity: votes.csv has ballot rows for named polls only; no format names a voter of an anonymous poll.
4. Awkward text (accents, œ, emoji, quotes, commas, semicolons, newlines, <tags>, & and leading = + - @) written
   into a copy of the demo with SQL survives every format.
5. The command line: the database is never modified, re-exports are identical, --format, --community and the
   errors (2 for a bad --format, 1 with one line for an unknown community or workshop or an --out that is a file).
Artefacts: COPK_ARTIFACTS_DIR/test_export_formats/ holds both exports.
"""

import csv
import hashlib
import html
import html.parser
import io
import json
import os
import pathlib
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

try:
    import icalendar
except ImportError:  # pragma: no cover - a machine without scripts/install-deps
    print("FAIL (test_export_formats): python3-icalendar is missing; run scripts/install-deps", file=sys.stderr)
    sys.exit(1)

SOURCE_ROOT = pathlib.Path(os.environ.get("COPK_SOURCE_ROOT") or pathlib.Path(__file__).resolve().parents[2])
GOLDEN = SOURCE_ROOT / "tests" / "fixtures" / "export" / "demo"
CSV_FILES = ["participants.csv", "roles.csv", "rhythm.csv", "tasks.csv", "votes.csv", "commitments.csv"]
ALL_FILES = ["outcome.json", "outcome.md", "outcome.html"] + CSV_FILES + ["rhythm.ics", "commitments.ics"]
FORMULA_STARTS = ("=", "+", "-", "@")

# Awkward text, field by field (written with SQL into a copy of the demo: the store's own checks refuse
# emoji and newlines today, but imports and merges may bring them, and the export must not depend on that).
TRICKY = {
    "community": 'Les "Ingés" de l\'eau; ça & <b>œuvre</b>, 💧',
    "domain": '=HYPERLINK("http://example.invalid") — Élodie\'s "façade", naïve; coût\nsecond line 🎉',
    "member": '+Zoë "Zed" Ça, Jr; ☕',
    "task": '-Réviser les "méthodes", vite; <i>œuf</i> & co ✅',
    "commitment": '@Écrire le guide, "v2"; œuvre\nligne 2 🚀 \\ fin',
    "voice": 'Dites-le: <script>alert("x")</script> & ça; 👍\n# pas un titre',
    "activity": 'Appel mensuel, "café"; \\ barre\n1. pas une liste ☕',
}


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def headless_env():
    env = dict(os.environ)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY"):
        env.pop(name, None)
    return env


class Cli:
    def __init__(self, binary):
        self.binary = binary

    def expect(self, code, *args):
        result = subprocess.run([self.binary] + [str(a) for a in args], env=headless_env(), capture_output=True,
                                text=True, timeout=120)
        shown = " ".join(str(a) for a in args)
        check(result.returncode == code, "`cop-kiosk %s` exited %d, expected %d; stderr %r"
              % (shown, result.returncode, code, result.stderr.strip()[-600:]))
        if code == 1:
            lines = result.stderr.splitlines()
            check(len(lines) == 1 and lines[0].strip(), "`cop-kiosk %s`: want one line on stderr, got %r"
                  % (shown, result.stderr))
        if code == 2:
            check(result.stderr.strip(), "`cop-kiosk %s`: a usage error must say what is wrong" % shown)
        return result


def sha256(path):
    return hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()


def workshop_folders(out):
    folders = sorted(p for p in out.iterdir() if p.is_dir())
    return {("launch" if "-launch-" in p.name else "renewal"): p for p in folders}


# ---- Masking what depends on the day the demo was made -------------------------------------------------------
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def mask(text):
    ids = {}
    text = UUID.sub(lambda m: "<id%d>" % ids.setdefault(m.group(0), len(ids) + 1), text)
    text = re.sub(r"(launch|renewal)-[0-9a-f]{8}\b", r"\1-<short>", text)
    text = re.sub(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z", "<time>", text)
    text = re.sub(r"\d{4}-\d{2}-\d{2}", "<date>", text)
    text = re.sub(r"\b\d{8}T\d{6}Z?", "<stamp>", text)
    text = re.sub(r"(?<=[:=])\d{8}\b", "<date>", text)
    text = re.sub(r"BYMONTH=\d+;BYMONTHDAY=\d+", "BYMONTH=<m>;BYMONTHDAY=<d>", text)
    text = re.sub(r"\bon \d{1,2} (%s)\b" % MONTHS, "on <day> <month>", text)
    return text


def normalised(name, data):
    text = data.decode("utf-8")
    if name.endswith(".ics"):
        text = text.replace("\r\n ", "")  # folding moves with the masked text's length
    if name == "outcome.json":
        # The store orders a stage's polls by creation time, which ties within a millisecond.
        outcome = json.loads(text)
        outcome["polls"].sort(key=lambda p: ([s["key"] for s in outcome["stages"]].index(p["stage"]), p["purpose"]))
        text = json.dumps(outcome, indent=2, ensure_ascii=False) + "\n"
    return mask(text)


def compare_golden(out):
    folders = workshop_folders(out)
    expected_files = {"communities.csv": out / "communities.csv"}
    for kind, folder in folders.items():
        for path in folder.iterdir():
            expected_files["%s/%s" % (kind, path.name)] = path
    if os.environ.get("COPK_UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, path in expected_files.items():
            target = GOLDEN / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(normalised(path.name, path.read_bytes()).encode("utf-8"))
        print("golden: rewrote %d files under %s" % (len(expected_files), GOLDEN))
        return
    golden = {str(p.relative_to(GOLDEN)) for p in GOLDEN.rglob("*") if p.is_file()}
    check(golden == set(expected_files), "files differ from the golden set: extra %s, missing %s"
          % (sorted(set(expected_files) - golden), sorted(golden - set(expected_files))))
    for name, path in sorted(expected_files.items()):
        got = normalised(path.name, path.read_bytes())
        want = (GOLDEN / name).read_bytes().decode("utf-8")  # bytes: CRLF is part of the format
        if got != want:
            got_lines, want_lines = got.splitlines(), want.splitlines()
            first = next((i for i, (a, b) in enumerate(zip(got_lines, want_lines)) if a != b),
                         min(len(got_lines), len(want_lines)))
            raise Failure("%s differs from its golden file at line %d:\n  got  %r\n  want %r\n"
                          "(COPK_UPDATE_GOLDEN=1 rewrites the fixtures after an intended change)"
                          % (name, first + 1, got_lines[first] if first < len(got_lines) else None,
                             want_lines[first] if first < len(want_lines) else None))
    print("golden: %d files equal their fixtures once ids, dates and times are masked" % len(expected_files))


# ---- Readers -------------------------------------------------------------------------------------------
def read_csv(path):
    raw = path.read_bytes()
    check(raw.startswith(b"\xef\xbb\xbf"), "%s does not start with the UTF-8 BOM" % path.name)
    body = raw[3:].decode("utf-8")
    # Every record ends with CRLF; a bare LF may only appear inside a quoted cell.
    check(body.endswith("\r\n"), "%s does not end with CRLF" % path.name)
    rows = list(csv.reader(io.StringIO(body, newline=""), strict=True))
    check(rows, "%s has no header" % path.name)
    header = rows[0]
    for i, row in enumerate(rows[1:], 2):
        check(len(row) == len(header), "%s row %d has %d cells, the header %d" % (path.name, i, len(row), len(header)))
    outside_quotes = re.sub(r'"(?:[^"]|"")*"', "", body)
    check("\n" not in outside_quotes.replace("\r\n", ""), "%s has a line ending other than CRLF" % path.name)
    return [dict(zip(header, row)) for row in rows[1:]]


def neutral(text):
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def read_ics(path):
    raw = path.read_bytes()
    check(raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), "%s: lines must end with CRLF" % path.name)
    for line in raw.split(b"\r\n"):
        check(len(line) <= 75, "%s: a line of %d octets: %r" % (path.name, len(line), line[:90]))
        line.decode("utf-8")  # a fold never splits a character
    calendar = icalendar.Calendar.from_ical(raw.decode("utf-8"))
    check(str(calendar.get("VERSION")) == "2.0" and calendar.get("PRODID"), "%s: no VERSION:2.0 or PRODID" % path.name)
    return calendar


class HtmlChecker(html.parser.HTMLParser):
    VOID = {"meta", "br", "img", "input", "hr", "link", "col", "area", "base", "wbr", "source"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.problems, self.tags = [], [], [], {}

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "action") or (value or "").strip().lower().startswith("http"):
                self.problems.append("attribute %s=%r on <%s>" % (name, value, tag))
        if tag in ("script", "link", "iframe", "object", "embed", "img"):
            self.problems.append("a <%s> element" % tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for name, value in attrs:
            if name in ("src", "href", "xlink:href"):
                self.problems.append("attribute %s=%r on <%s/>" % (name, value, tag))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append("</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else "nothing"))
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def read_html(path):
    page = path.read_text(encoding="utf-8")
    checker = HtmlChecker()
    checker.feed(page)
    checker.close()
    check(not checker.stack, "%s: unclosed elements %s" % (path.name, checker.stack))
    check(not checker.problems, "%s: %s" % (path.name, "; ".join(checker.problems[:5])))
    check(page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page, "%s: no doctype or charset" % path.name)
    check("@media print" in page, "%s has no print style" % path.name)
    check("url(" not in page and "@import" not in page, "%s: CSS fetches something" % path.name)
    return page, "".join(checker.text), checker.tags


def unescape_markdown(text):
    text = text.replace("\\\n  ", "\n")
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


# ---- Checks of one workshop's folder against its own outcome.json ----------------------------------------------
def check_workshop(folder, tag):
    outcome = json.loads((folder / "outcome.json").read_text(encoding="utf-8"))
    polls = {p["id"]: p for p in outcome["polls"]}

    votes = read_csv(folder / "votes.csv")
    for poll in outcome["polls"]:
        rows = [r for r in votes if r["poll_id"] == poll["id"]]
        options = [r for r in rows if r["row"] == "option"]
        ballots = [r for r in rows if r["row"] == "ballot"]
        check([r["option_key"] for r in options] == [o["key"] for o in poll["options"]],
              "%s votes.csv: the options of poll %s differ from outcome.json" % (tag, poll["id"]))
        for row, option in zip(options, poll["options"]):
            check(int(row["count"]) == option["votes"], "%s votes.csv: %s has %s, outcome.json %d"
                  % (tag, option["key"], row["count"], option["votes"]))
            if poll["kind"] == "rating" and option["votes"]:
                check(abs(float(row["mean"]) - option["mean"]) < 1e-4, "%s votes.csv: mean of %s" % (tag, option["key"]))
        check(all(r["anonymous"] == ("yes" if poll["anonymous"] else "no") for r in rows),
              "%s votes.csv: poll %s's anonymous column is wrong" % (tag, poll["id"]))
        if poll["anonymous"]:
            check(not ballots, "%s votes.csv: %d ballot rows for anonymous poll %s" % (tag, len(ballots), poll["id"]))
            continue
        check(len({r["voter_id"] for r in ballots}) == poll["ballots"],
              "%s votes.csv: %d voters for named poll %s, outcome.json says %d ballots"
              % (tag, len({r["voter_id"] for r in ballots}), poll["id"], poll["ballots"]))
        for option in poll["options"]:
            values = [int(r["value"]) for r in ballots if r["option_key"] == option["key"]]
            if poll["kind"] == "single":
                check(len(values) == option["votes"], "%s: ballots for %s do not add up" % (tag, option["key"]))
            elif poll["kind"] == "dots":
                check(sum(values) == option["votes"], "%s: dots for %s do not add up" % (tag, option["key"]))
            else:
                check(len(values) == option["votes"] and
                      (not values or abs(sum(values) / len(values) - option["mean"]) < 1e-9),
                      "%s: ratings of %s do not give its mean" % (tag, option["key"]))
    # Anonymity across formats: nobody who voted in an anonymous poll is linked to it anywhere.
    anonymous_ids = {pid for pid, p in polls.items() if p["anonymous"]}
    for path in folder.iterdir():
        if path.suffix == ".csv":
            for row in read_csv(path):
                if row.get("poll_id") in anonymous_ids:
                    check(not row.get("voter_id") and not row.get("voter_name"),
                          "%s %s links a voter to an anonymous poll" % (tag, path.name))

    tasks = read_csv(folder / "tasks.csv")
    check([(t["task_id"], int(t["rank"]), int(t["dots"]), t["quadrant"]) for t in tasks] ==
          [(t["id"], t["rank"], t["dots"], t["quadrant"]) for t in outcome["tasks"]], "%s tasks.csv != outcome.json" % tag)
    participants = read_csv(folder / "participants.csv")
    check([p["member_id"] for p in participants] == [p["id"] for p in outcome["participants"]],
          "%s participants.csv != outcome.json" % tag)
    roles = read_csv(folder / "roles.csv")
    for role in outcome["roles"]:
        held = [r["member_id"] for r in roles if r["role"] == role["key"] and r["vacant"] == "no"]
        check(held == [h["id"] for h in role["holders"]], "%s roles.csv: holders of %s" % (tag, role["key"]))
    rhythm = read_csv(folder / "rhythm.csv")
    check([(r["id"], r["rrule"]) for r in rhythm] == [(r["id"], r["rrule"]) for r in outcome["rhythm"]],
          "%s rhythm.csv != outcome.json" % tag)
    made = [c for c in read_csv(folder / "commitments.csv") if c["relation"] == "made"]
    check([(c["id"], c["due"], c["status"]) for c in made] ==
          [(c["id"], c["due"], c["status"]) for c in outcome["commitments"]], "%s commitments.csv != outcome.json" % tag)

    if outcome["rhythm"]:
        events = read_ics(folder / "rhythm.ics").walk("VEVENT")
        raw_rhythm = (folder / "rhythm.ics").read_bytes().replace(b"\r\n ", b"")
        check(len(events) == len(outcome["rhythm"]), "%s rhythm.ics: %d events for %d decisions"
              % (tag, len(events), len(outcome["rhythm"])))
        for event, decision in zip(events, outcome["rhythm"]):
            check(str(event["UID"]) == decision["id"] + "@cop-kiosk", "%s rhythm.ics: UID %s" % (tag, event["UID"]))
            check(dict(event["RRULE"]) == dict(icalendar.vRecur.from_ical(decision["rrule"])),
                  "%s rhythm.ics: RRULE %r, outcome %r" % (tag, event["RRULE"].to_ical().decode(), decision["rrule"]))
            check(("\r\nRRULE:%s\r\n" % decision["rrule"]).encode() in raw_rhythm,
                  "%s rhythm.ics: no line RRULE:%s" % (tag, decision["rrule"]))
            start = event["DTSTART"].dt
            check(start.tzinfo is None, "%s rhythm.ics: DTSTART should be a floating local time" % tag)
            check(start.strftime("%H:%M") == decision["start_time"], "%s rhythm.ics: start time" % tag)
            check(start.date().isoformat() >= decision["start_date"], "%s rhythm.ics: starts before its start" % tag)
            check(event["DURATION"].dt.total_seconds() == 60 * decision["duration_minutes"], "%s: duration" % tag)
            check(str(event["SUMMARY"]) == decision["activity"], "%s rhythm.ics SUMMARY %r != %r"
                  % (tag, str(event["SUMMARY"]), decision["activity"]))
            check(event.get("DTSTAMP") is not None, "%s rhythm.ics: no DTSTAMP" % tag)
    else:
        check(not (folder / "rhythm.ics").exists(), "%s: rhythm.ics without a rhythm" % tag)
    open_ones = [c for c in outcome["commitments"] if c["status"] == "open"]
    if open_ones:
        todos = read_ics(folder / "commitments.ics").walk("VTODO")
        check([str(t["UID"]) for t in todos] == [c["id"] + "@cop-kiosk" for c in open_ones],
              "%s commitments.ics: not one VTODO per open commitment" % tag)
        for todo, commitment in zip(todos, open_ones):
            check(todo["DUE"].dt.isoformat() == commitment["due"], "%s commitments.ics: DUE" % tag)
            check(str(todo["SUMMARY"]) == commitment["what"], "%s commitments.ics SUMMARY %r != %r"
                  % (tag, str(todo["SUMMARY"]), commitment["what"]))
            for person in commitment["who"]["people"]:
                check(person["name"] in str(todo["DESCRIPTION"]), "%s commitments.ics: %r not in DESCRIPTION"
                      % (tag, person["name"]))
    else:
        check(not (folder / "commitments.ics").exists(), "%s: commitments.ics without an open commitment" % tag)

    page, text, tags = read_html(folder / "outcome.html")
    stages_with_tasks = {t["stage"] for t in outcome["tasks"]}
    check(tags.get("svg", 0) == len(outcome["polls"]) + len(stages_with_tasks),
          "%s outcome.html: %d SVG charts for %d polls and %d quadrant charts"
          % (tag, tags.get("svg", 0), len(outcome["polls"]), len(stages_with_tasks)))
    markdown = unescape_markdown((folder / "outcome.md").read_text(encoding="utf-8"))
    for person in outcome["participants"]:
        check(person["name"] in text and person["name"] in markdown, "%s: %r missing from HTML or MD"
              % (tag, person["name"]))
    for item in outcome["voice"]:
        check(item["text"] in text and item["text"] in markdown, "%s: a voice item is missing from HTML or MD" % tag)
    return outcome


# ---- The awkward-text database ------------------------------------------------------------------------
def make_tricky(demo_db, path):
    shutil.copy(demo_db, path)
    db = sqlite3.connect(str(path))
    with db:
        db.execute("UPDATE community SET name = ?, domain = ?", (TRICKY["community"], TRICKY["domain"]))
        db.execute("UPDATE member SET name = ? WHERE name = 'Amélie Laurent'", (TRICKY["member"],))
        for table, column, old in (("task", "title", "Compare lab methods across plants"),
                                   ("poll_option", "label", "Compare lab methods across plants")):
            db.execute("UPDATE %s SET %s = ? WHERE %s = ?" % (table, column, column), (TRICKY["task"], old))
        db.execute("UPDATE commitment SET what = ? WHERE what = 'Open the shared sampling knowledge base'",
                   (TRICKY["commitment"],))
        db.execute("UPDATE voice_item SET text = ? WHERE text LIKE 'Fund the monthly%'", (TRICKY["voice"],))
        db.execute("UPDATE rhythm_decision SET activity = ? WHERE activity = 'Monthly call'", (TRICKY["activity"],))
    db.close()


def check_tricky(folder):
    outcome = json.loads((folder / "outcome.json").read_text(encoding="utf-8"))
    check(outcome["community"]["name"] == TRICKY["community"] and outcome["community"]["domain"] == TRICKY["domain"],
          "outcome.json does not hold the community's text exactly")
    check(TRICKY["member"] in [p["name"] for p in outcome["participants"]], "outcome.json lost the member's name")
    check(TRICKY["task"] in [t["title"] for t in outcome["tasks"]], "outcome.json lost the task title")
    check(TRICKY["commitment"] in [c["what"] for c in outcome["commitments"]], "outcome.json lost the commitment")
    check(TRICKY["voice"] in [v["text"] for v in outcome["voice"]], "outcome.json lost the voice item")
    check(TRICKY["activity"] in [r["activity"] for r in outcome["rhythm"]], "outcome.json lost the activity")

    # CSV: exactly the text, with a quote in front when it would run as a formula.
    cells = {name: read_csv(folder / name) for name in CSV_FILES}
    expect = [("participants.csv", "name", TRICKY["member"]), ("roles.csv", "member_name", TRICKY["member"]),
              ("tasks.csv", "title", TRICKY["task"]), ("votes.csv", "option_label", TRICKY["task"]),
              ("votes.csv", "voter_name", TRICKY["member"]), ("commitments.csv", "what", TRICKY["commitment"]),
              ("rhythm.csv", "activity", TRICKY["activity"]), ("rhythm.csv", "convener_name", TRICKY["member"])]
    for name, column, text in expect:
        values = [row[column] for row in cells[name]]
        check(neutral(text) in values, "%s.%s: %r not found (as %r) among %r" % (name, column, text, neutral(text),
                                                                               values[:6]))
        check(text.startswith(FORMULA_STARTS) or text in values, "%s.%s lost %r" % (name, column, text))
    for name, rows in cells.items():
        for row in rows:
            for column, value in row.items():
                if value.startswith(FORMULA_STARTS) and column not in ("mean", "count", "value", "energy_mean"):
                    raise Failure("%s.%s: %r would run as a formula in a spreadsheet" % (name, column, value))

    # iCalendar: SUMMARY is the text itself; DESCRIPTION holds the names and the community.
    events = read_ics(folder / "rhythm.ics").walk("VEVENT")
    summaries = [str(e["SUMMARY"]) for e in events]
    check(TRICKY["activity"] in summaries, "rhythm.ics SUMMARY: %r not among %r" % (TRICKY["activity"], summaries))
    event = events[summaries.index(TRICKY["activity"])]
    check(TRICKY["member"] in str(event["DESCRIPTION"]) and TRICKY["community"] in str(event["DESCRIPTION"]),
          "rhythm.ics DESCRIPTION lost the convener or the community: %r" % str(event["DESCRIPTION"]))
    todos = read_ics(folder / "commitments.ics").walk("VTODO")
    check(TRICKY["commitment"] in [str(t["SUMMARY"]) for t in todos], "commitments.ics lost the commitment's text")

    # HTML: the text reads back exactly; nothing of it became markup.
    page, text, tags = read_html(folder / "outcome.html")
    for key, value in TRICKY.items():
        check(value in text, "outcome.html: %s %r does not read back from the page's text" % (key, value))
    check("<script>" not in page and "<b>œuvre" not in page and "<i>œuf" not in page, "outcome.html let markup through")
    check(html.escape(TRICKY["voice"], quote=True).replace("&#x27;", "&#39;") in page,
          "outcome.html: the voice item is not escaped as expected")
    # Markdown: the text reads back once its escapes are undone, and no line of it starts markup.
    raw = (folder / "outcome.md").read_text(encoding="utf-8")
    markdown = unescape_markdown(raw)
    for key, value in TRICKY.items():
        check(value in markdown, "outcome.md: %s %r does not read back" % (key, value))
    check("<script>" not in raw and "\\<script\\>" in raw, "outcome.md: the voice item's tag is not escaped")
    check("\n  \\# pas un titre" in raw and "\n  1\\. pas une liste" in raw,
          "outcome.md: a line break inside a text started a heading or a list")
    print("awkward text: the same in JSON, CSV (neutralised), iCalendar, HTML and Markdown")


def main():
    if len(sys.argv) < 2:
        print("usage: %s /path/to/cop-kiosk" % sys.argv[0], file=sys.stderr)
        return 2
    cli = Cli(os.path.abspath(sys.argv[1]))
    art = pathlib.Path(os.environ.get("COPK_ARTIFACTS_DIR") or tempfile.gettempdir()) / "test_export_formats"
    shutil.rmtree(art, ignore_errors=True)
    art.mkdir(parents=True)
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-export-"))
    try:
        db = work / "data" / "demo.db"
        db.parent.mkdir()
        cli.expect(0, "demo", "--db", db)
        before = sha256(db)
        files_before = sorted(p.name for p in db.parent.iterdir())

        # -- every format of every workshop
        out = art / "demo"
        result = cli.expect(0, "export", "--db", db, "--workshop", "all", "--out", out)
        check(sha256(db) == before and sorted(p.name for p in db.parent.iterdir()) == files_before,
              "export changed the database or wrote beside it")
        folders = workshop_folders(out)
        check(set(folders) == {"launch", "renewal"}, "expected a launch and a renewal folder: %s"
              % sorted(p.name for p in out.iterdir()))
        print("demo: %s" % result.stdout.strip())
        index = read_csv(out / "communities.csv")
        check(sorted(r["folder"] for r in index) == sorted(p.name for p in folders.values()),
              "communities.csv does not list the workshop folders")
        for folder in folders.values():
            check(re.fullmatch(r"[a-z0-9-]+", folder.name), "folder name %r is not a safe slug" % folder.name)
        launch = check_workshop(folders["launch"], "launch")
        renewal = check_workshop(folders["renewal"], "renewal")
        check(any(p["anonymous"] for p in renewal["polls"]), "the demo renewal should have an anonymous poll")
        check(sorted(p.name for p in folders["renewal"].iterdir()) == sorted(ALL_FILES),
              "the renewal folder should hold every file: %s" % sorted(p.name for p in folders["renewal"].iterdir()))
        print("parsed back: %d CSV, calendars, JSON, HTML and Markdown of %d + %d polls agree with outcome.json"
              % (len(CSV_FILES), len(launch["polls"]), len(renewal["polls"])))
        compare_golden(out)

        # -- a single workshop goes straight into --out; outcome.json is the same as in `all`
        single = work / "single"
        cli.expect(0, "export", "--db", db, "--workshop", "latest", "--out", single)
        check(sorted(p.name for p in single.iterdir()) == sorted(ALL_FILES), "latest: %s"
              % sorted(p.name for p in single.iterdir()))
        check((single / "outcome.json").read_bytes() == (folders["renewal"] / "outcome.json").read_bytes(),
              "latest and all give different outcome.json")

        # -- reproducible: a second export is byte-identical
        again = work / "again"
        cli.expect(0, "export", "--db", db, "--workshop", "all", "--out", again)
        for kind, folder in folders.items():
            for path in folder.iterdir():
                check(path.read_bytes() == (again / folder.name / path.name).read_bytes(),
                      "a second export of %s/%s differs" % (kind, path.name))
        check((out / "communities.csv").read_bytes() == (again / "communities.csv").read_bytes(),
              "a second communities.csv differs")
        print("reproducible: a second export is byte for byte the same")

        # -- --format, --community
        only = work / "only"
        cli.expect(0, "export", "--db", db, "--workshop", launch["workshop"]["id"], "--out", only, "--format", "ics,json")
        check(sorted(p.name for p in only.iterdir()) == ["outcome.json", "rhythm.ics"],
              "--format ics,json on the launch wrote %s" % sorted(p.name for p in only.iterdir()))
        community = launch["community"]["name"]
        by_name = work / "by-name"
        cli.expect(0, "export", "--db", db, "--workshop", "all", "--community", community.upper(), "--out", by_name,
                   "--format", "csv")
        check(len(read_csv(by_name / "communities.csv")) == 2, "--community: communities.csv should list 2 workshops")
        result = cli.expect(2, "export", "--db", db, "--workshop", "latest", "--out", work / "bad", "--format", "csv,pdf")
        check("pdf" in result.stderr and "csv, json, md, html, ics" in result.stderr,
              "a bad --format must name it and the valid ones: %r" % result.stderr)
        cli.expect(1, "export", "--db", db, "--workshop", "latest", "--community", "Nobody Here", "--out", work / "bad")
        tricky_db = work / "data" / "tricky.db"
        make_tricky(db, tricky_db)
        cli.expect(1, "export", "--db", tricky_db, "--workshop", "all", "--community", "Nobody Here", "--out", work / "bad")
        check(not (work / "bad").exists(), "a refused export created its --out folder")
        plain = work / "a-file.txt"
        plain.write_text("not a folder\n")
        result = cli.expect(1, "export", "--db", db, "--workshop", "all", "--out", plain)
        check(plain.read_text() == "not a folder\n", "export wrote over a file given as --out")
        print("command line: --format, --community; bad --format exit 2; unknown community and a file as --out exit 1")

        # -- awkward text in every format
        tricky_before = sha256(tricky_db)
        tricky_out = art / "tricky"
        cli.expect(0, "export", "--db", tricky_db, "--workshop", "latest", "--out", tricky_out)
        check(sha256(tricky_db) == tricky_before, "export changed the database")
        check_workshop(tricky_out, "tricky")
        check_tricky(tricky_out)
        cli.expect(0, "export", "--db", tricky_db, "--workshop", "all", "--out", work / "tricky-all", "--format", "csv")
        names = [p.name for p in (work / "tricky-all").iterdir() if p.is_dir()]
        check(len(names) == 2 and all(n.startswith("les-inges-de-l-eau-ca-b-oeuvre-b-") for n in names),
              "folder names from an awkward community name: %r" % names)
        index = read_csv(work / "tricky-all" / "communities.csv")
        check(index[0]["community"] == TRICKY["community"] and index[0]["domain"] == "'" + TRICKY["domain"],
              "communities.csv lost the awkward name or did not neutralise the domain: %r" % index[0])
    finally:
        shutil.rmtree(str(work), ignore_errors=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as failure:
        print("FAIL (test_export_formats): %s" % failure, file=sys.stderr)
        sys.exit(1)

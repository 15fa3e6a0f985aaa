"""Free text, typed through the store as the screens type it, read back through the command line and every export.

copk_free_text_seed (tests/kiosk/free_text_seed.cpp, found through COPK_FREE_TEXT_SEED) writes a launch workshop
whose every typed field holds each text of the corpus: one character, Arabic and Hebrew (right to left), Persian
with its zero-width non-joiner, SQL-looking text, spreadsheet formulas (= + - @, and one typed after a tab), HTML
and Markdown markup, quotes and backslashes, and a name, task, commitment... at exactly its field's limit. It also
offers the bad corpus (empty, blank, 10,000 characters, control characters, direction overrides, zero-width
characters, U+FFFD, emoji with skin tones and ZWJ sequences, flags) to every call and reports the refusals.

Checked:
1. Every bad text is refused by every call, each with one sentence naming the field (10,000 characters: with the
   count and the limit); none is stored.
2. `list` and `list --json` give the community names back exactly.
3. `export --workshop all`: outcome.json holds every text exactly (the tab-led formula without its tab: the store
   trims whitespace); every CSV, read with Python's csv module, holds it exactly or, when it starts with = + - @,
   with the single quote the CSV writer adds, and no cell anywhere would run as a formula; outcome.md reads back
   once its escapes are undone; outcome.html, parsed with html.parser, reads back with no markup let through;
   rhythm.ics and commitments.ics, parsed with python3-icalendar (Debian's), give each SUMMARY back exactly.
4. The database is byte-identical after list and export (sha256).
Artefacts: COPK_ARTIFACTS_DIR/test_free_text/ holds the corpus, the seed's report and the export.
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_export_formats import (FORMULA_STARTS, Cli, Failure, check, neutral, read_csv, read_html,  # noqa: E402
                                 read_ics, sha256, unescape_markdown, workshop_folders)

# Typed -> stored. Each at most 60 characters, so that it fits every field (a person's name is the shortest).
KEPT = {
    "A": "A",
    "é": "é",
    "ب": "ب",
    "مجتمع الممارسة": "مجتمع الممارسة",
    "קהילת עשייה": "קהילת עשייה",
    "  Ana   وفريقها\t2027 ": "Ana وفريقها 2027",
    "می\u200cخواهیم": "می\u200cخواهیم",
    "Robert'); DROP TABLE ballot;--": "Robert'); DROP TABLE ballot;--",
    "' OR 1=1 --": "' OR 1=1 --",
    '=HYPERLINK("http://example.invalid","click")': '=HYPERLINK("http://example.invalid","click")',
    "+1": "+1",
    "-1": "-1",
    "@SUM(A1)": "@SUM(A1)",
    "\t=SUM(A1)": "=SUM(A1)",
    "<script>alert(1)</script> & <b>bold</b>": "<script>alert(1)</script> & <b>bold</b>",
    "# not a heading | *not bold* _x_ [link](y)": "# not a heading | *not bold* _x_ [link](y)",
    'O\'Brien "Nan" \\ back\\slash; comma, semicolon': 'O\'Brien "Nan" \\ back\\slash; comma, semicolon',
    "Zoë " + "x" * 56: "Zoë " + "x" * 56,  # exactly 60 characters, the longest name
}

REFUSED = {
    "empty": "",
    "blank": " \t\n ",
    "10,000 characters": "w" * 10000,
    "NUL": "Ann\x00Lee",
    "terminal escape": "\x1b[31mred",
    "DEL": "Ann\x7f",
    "right-to-left override": "Ann\u202eeeL",
    "direction isolate": "\u2066Ann\u2069",
    "right-to-left mark": "Ann\u200f",
    "zero-width space": "An\u200bn",
    "byte order mark": "\ufeffAnn",
    "replacement character": "Sam \ufffd",
    "emoji": "Sam \U0001F600",
    "skin tone": "\U0001F44D\U0001F3FD",
    "ZWJ family": "\U0001F469\u200d\U0001F469\u200d\U0001F467",
    "flag": "\U0001F1EB\U0001F1F7",
    "keycap": "1\ufe0f\u20e3",
}
FIELDS = ["community name", "domain statement", "name", "task", "commitment", "message", "activity"]
COMMUNITY = 'Les "Ingés" <b>de l\'eau</b> & co; =1+1'
DOMAIN = "=HYPERLINK(\"http://example.invalid\") — Robert'); DROP TABLE ballot;-- مجتمع الممارسة"


def seed(db, work, art):
    helper = os.environ.get("COPK_FREE_TEXT_SEED")
    check(helper and os.access(helper, os.X_OK), "COPK_FREE_TEXT_SEED does not name the seed helper: %r" % helper)
    corpus = {"community": COMMUNITY, "domain": DOMAIN, "kept": list(KEPT), "refused": list(REFUSED.values()),
              "communities": True, "finish": True}
    path = work / "corpus.json"
    path.write_text(json.dumps(corpus, ensure_ascii=False), encoding="utf-8")
    shutil.copy(path, art / "corpus.json")
    result = subprocess.run([helper, str(db), str(path)], capture_output=True, text=True, timeout=120)
    check(result.returncode == 0, "the seed helper failed: %s" % result.stderr.strip())
    (art / "seed-report.json").write_text(result.stdout, encoding="utf-8")
    return json.loads(result.stdout)


def check_refusals(report):
    check(not report["accepted"], "the store took bad text: %s" % report["accepted"][:5])
    refusals = report["refusals"]
    # Every call refused every bad text (the domain statement may be blank: "no statement yet").
    expected = len(REFUSED) * len(FIELDS) - 2
    check(len(refusals) == expected, "%d refusals, expected %d" % (len(refusals), expected))
    for refusal in refusals:
        message = refusal["message"]
        check(refusal["field"] in message and message.endswith(".") and "\n" not in message,
              "not one sentence naming the %s: %r" % (refusal["field"], message))
        check(not any(c in message for c in "\x00\x1b\u202e\u2066\ufeff"), "the message repeats the bad text: %r"
              % message)
    too_long = [r["message"] for r in refusals if "too long" in r["message"]]
    check(len(too_long) == len(FIELDS) and all("10000 characters" in m for m in too_long),
          "10,000 characters: want the count in every field's message: %s" % too_long)
    print("refused: %d texts x %d fields, each with its sentence, e.g. %r" % (len(REFUSED), len(FIELDS),
                                                                               too_long[0]))


def check_list(cli, db):
    stored = list(KEPT.values())
    listing = json.loads(cli.expect(0, "list", "--db", db, "--json").stdout)
    names = [c["name"] for c in listing]
    for text in stored + [COMMUNITY]:
        check(names.count(text) == 1, "list --json: the community %r is not there exactly once: %s" % (text, names))
    plain = cli.expect(0, "list", "--db", db).stdout
    for text in stored + [COMMUNITY]:
        check(text in plain, "list: %r does not read back" % text)
    print("list and list --json: %d community names back exactly" % len(names))


def check_export(folder):
    stored = list(KEPT.values())
    outcome = json.loads((folder / "outcome.json").read_text(encoding="utf-8"))
    check(outcome["community"]["name"] == COMMUNITY and outcome["community"]["domain"] == DOMAIN,
          "outcome.json: the community's name or domain changed")
    fields = {
        "participants": [p["name"] for p in outcome["participants"]],
        "tasks": [t["title"] for t in outcome["tasks"]],
        "commitments": [c["what"] for c in outcome["commitments"]],
        "voice": [v["text"] for v in outcome["voice"]],
        "rhythm": [r["activity"] for r in outcome["rhythm"]],
    }
    for name, values in fields.items():
        check(sorted(values) == sorted(stored), "outcome.json %s: %r differs from the stored texts" % (name, values))

    cells = {name: read_csv(folder / name) for name in
             ("participants.csv", "roles.csv", "tasks.csv", "votes.csv", "commitments.csv", "rhythm.csv")}
    for name, column in (("participants.csv", "name"), ("tasks.csv", "title"), ("commitments.csv", "what"),
                         ("rhythm.csv", "activity"), ("rhythm.csv", "convener_name"), ("votes.csv", "option_label"),
                         ("votes.csv", "voter_name")):
        values = [row[column] for row in cells[name]]
        for text in stored:
            check(neutral(text) in values, "%s.%s: %r is not there as %r" % (name, column, text, neutral(text)))
    for name, rows in cells.items():
        for row in rows:
            for column, value in row.items():
                if value.startswith(FORMULA_STARTS) and column not in ("mean", "count", "value", "energy_mean"):
                    raise Failure("%s.%s: %r would run as a formula in a spreadsheet" % (name, column, value))

    page, text, tags = read_html(folder / "outcome.html")
    markdown = unescape_markdown((folder / "outcome.md").read_text(encoding="utf-8"))
    for value in stored + [COMMUNITY, DOMAIN]:
        check(value in text, "outcome.html: %r does not read back from the page's text" % value)
        check(value in markdown, "outcome.md: %r does not read back" % value)
    check("<script>" not in page and "<b>bold" not in page and "<b>de l" not in page, "outcome.html let markup through")
    check(tags.get("b", 0) == 0 or "<b>bold" not in page, "outcome.html: a <b> came from the text")

    summaries = [str(e["SUMMARY"]) for e in read_ics(folder / "rhythm.ics").walk("VEVENT")]
    check(sorted(summaries) == sorted(stored), "rhythm.ics SUMMARY: %r" % summaries)
    todos = read_ics(folder / "commitments.ics").walk("VTODO")
    check(sorted(str(t["SUMMARY"]) for t in todos) == sorted(stored), "commitments.ics SUMMARY differs")
    for todo in todos:
        check(str(todo["SUMMARY"]) in str(todo["DESCRIPTION"]), "commitments.ics: the person %r is not named in %r"
              % (str(todo["SUMMARY"]), str(todo["DESCRIPTION"])))
    print("export: %d texts x 5 fields the same in JSON, CSV (neutralised), Markdown, HTML and iCalendar"
          % len(stored))


def main():
    if len(sys.argv) < 2:
        print("usage: %s /path/to/cop-kiosk" % sys.argv[0], file=sys.stderr)
        return 2
    cli = Cli(os.path.abspath(sys.argv[1]))
    art = pathlib.Path(os.environ.get("COPK_ARTIFACTS_DIR") or tempfile.gettempdir()) / "test_free_text"
    shutil.rmtree(art, ignore_errors=True)
    art.mkdir(parents=True)
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-free-text-"))
    try:
        db = work / "free-text.db"
        report = seed(db, work, art)
        check_refusals(report)
        before = sha256(db)
        check_list(cli, db)
        out = art / "export"
        cli.expect(0, "export", "--db", db, "--workshop", "all", "--out", out)
        check(sha256(db) == before, "list or export changed the database")
        folders = workshop_folders(out)
        check(set(folders) == {"launch"}, "expected one launch folder: %s" % sorted(p.name for p in out.iterdir()))
        check_export(folders["launch"])
    except Failure as failure:
        print("FAIL (test_free_text): %s" % failure, file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("PASS (test_free_text)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

// The export formats (facilitation/export): the CSV and iCalendar writers byte by byte, escaping for Markdown
// and HTML, folder names, format lists, anonymity, and outcome.json unchanged. The real command on real files
// is tested by tests/kiosk/test_export_formats.py.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "facilitation/demo.h"
#include "facilitation/domain/names.h"
#include "facilitation/domain/recurrence.h"
#include "facilitation/export/csv.h"
#include "facilitation/export/export.h"
#include "facilitation/export/ics.h"
#include "facilitation/export/text.h"
#include "facilitation/outcome.h"
#include "store_helpers.h"

using namespace facilitation;
using namespace facilitation::exporting;
using namespace copk_test;

namespace {

std::vector<std::string> SplitCrlf(const std::string& text) {
    std::vector<std::string> lines;
    size_t start = 0;
    for (size_t at = text.find("\r\n"); at != std::string::npos; at = text.find("\r\n", start)) {
        lines.push_back(text.substr(start, at - start));
        start = at + 2;
    }
    if (start < text.size()) lines.push_back(text.substr(start));
    return lines;
}

std::string Unfold(const std::string& folded) {
    std::string out;
    for (size_t i = 0; i < folded.size(); ++i) {
        if (folded.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        out += folded[i];
    }
    return out;
}

struct Demo {
    TempDir dir;
    std::unique_ptr<Store> store = Store::Open(dir.File("demo.db"));
    std::string workshop_id = CreateDemo(*store, COPK_TEST_DATA_DIR "/templates");
};

}  // namespace

// ---- CSV ------------------------------------------------------------------------------------
TEST_CASE("export csv: fields are quoted only when needed, with quotes doubled", "[export][csv]") {
    CHECK(CsvField("plain text") == "plain text");
    CHECK(CsvField("a,b") == "\"a,b\"");
    CHECK(CsvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(CsvField("two\nlines") == "\"two\nlines\"");
    CHECK(CsvField("cr\rhere") == "\"cr\rhere\"");
    CHECK(CsvField("semi;colon") == "semi;colon");  // RFC 4180: only comma, quote, CR and LF need quotes
    CHECK(CsvField("Élodie ☕") == "Élodie ☕");
    CHECK(CsvField("") == "");
}

TEST_CASE("export csv: text that a spreadsheet would run as a formula gets a single quote", "[export][csv]") {
    for (const std::string formula : {"=1+1", "+33 6 12", "-2 crowns", "@SUM(A1)", "\tTab", "\rCR"}) {
        CAPTURE(formula);
        CHECK(NeutraliseFormula(formula) == "'" + formula);
    }
    CHECK(NeutraliseFormula("Café = good") == "Café = good");
    CHECK(NeutraliseFormula("") == "");
    CHECK(NeutraliseFormula("'already") == "'already");
}

TEST_CASE("export csv: a table has a BOM, a header, CRLF rows, and neutralises text but not values", "[export][csv]") {
    CsvTable table({"name", "mean", "note"});
    table.Add({Text("=cmd|' /C calc'!A0"), Number(-0.5), Text("a \"quoted\", multi\nline")});
    table.Add({Text("Chloé"), Number(2.0), Value("-1")});
    table.Add({Text("-minus"), Number(1.0 / 3.0), Text("")});
    const std::string csv = table.Render();
    REQUIRE(csv.rfind(kUtf8Bom, 0) == 0);
    CHECK(csv.substr(3) ==
          "name,mean,note\r\n"
          "'=cmd|' /C calc'!A0,-0.5,\"a \"\"quoted\"\", multi\nline\"\r\n"
          "Chloé,2,-1\r\n"
          "'-minus,0.3333,\r\n");
    CHECK(table.Rows() == 3);
    CHECK_THROWS_AS(table.Add({Text("too few")}), std::logic_error);
    CHECK(Number(1.625).text == "1.625");
    CHECK(Number(-0.00001).text == "0");
    CHECK(Number(42LL).text == "42");
}

// ---- iCalendar ---------------------------------------------------------------------------------
TEST_CASE("export ics: TEXT escapes backslash, semicolon, comma and line breaks", "[export][ics]") {
    CHECK(IcsEscapeText("a\\b;c,d") == "a\\\\b\\;c\\,d");
    CHECK(IcsEscapeText("one\ntwo\r\nthree\rfour") == "one\\ntwo\\nthree\\nfour");
    CHECK(IcsEscapeText("Réunion \"café\" ☕") == "Réunion \"café\" ☕");  // quotes and UTF-8 pass
    CHECK(IcsEscapeText(std::string("bell\x07") + "!") == "bell !");
}

TEST_CASE("export ics: lines fold at 75 octets without splitting a UTF-8 character", "[export][ics]") {
    const std::string exactly75(75, 'x');
    CHECK(IcsFold(exactly75) == exactly75);
    CHECK(IcsFold(exactly75 + "y") == exactly75 + "\r\n y");

    // 2-, 3- and 4-octet characters at every offset against the fold.
    for (const std::string unit : {"é", "œ", "☕", "💧", "ab"}) {
        for (size_t prefix = 0; prefix < 5; ++prefix) {
            std::string line = "SUMMARY:" + std::string(prefix, 'p');
            for (int i = 0; i < 60; ++i) line += unit;
            const std::string folded = IcsFold(line);
            CAPTURE(unit, prefix);
            CHECK(Unfold(folded) == line);
            const auto physical = SplitCrlf(folded);
            REQUIRE(physical.size() > 1);
            for (size_t i = 0; i < physical.size(); ++i) {
                CHECK(physical[i].size() <= 75);
                if (i > 0) CHECK(physical[i].front() == ' ');
                // Every physical line is whole UTF-8: no line starts with a continuation byte after its space.
                const auto first = static_cast<unsigned char>(physical[i][i > 0 ? 1 : 0]);
                CHECK((first & 0xC0) != 0x80);
                CHECK(Utf8Length(physical[i]) >= 0);
            }
            // Folding packs lines: only the last may be short by more than one character.
            for (size_t i = 0; i + 1 < physical.size(); ++i) CHECK(physical[i].size() + unit.size() > 75);
        }
    }
}

TEST_CASE("export ics: a calendar is CRLF lines with VERSION and PRODID; stamps convert", "[export][ics]") {
    IcsWriter writer;
    writer.TextLine("SUMMARY", "x, y");
    const std::string ics = writer.Finish();
    CHECK(ics == "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//cop-kiosk//Workshop export 1//EN\r\n"
                 "CALSCALE:GREGORIAN\r\nSUMMARY:x\\, y\r\nEND:VCALENDAR\r\n");
    CHECK(IcsUtcStamp("2026-03-15T09:05:07.123Z") == "20260315T090507Z");
    CHECK(IcsUtcStamp("nonsense") == "");
    CHECK(IcsDate("2026-03-15") == "20260315");
}

TEST_CASE("export ics: the rhythm calendar, byte for byte, from a hand-made record", "[export][ics]") {
    ExportData data;
    data.record.community.name = "Ingés; de l'eau, \"Œuvre\"";
    data.record.workshop.id = "w1";
    data.record.workshop.kind = "launch";
    data.record.workshop.started_at = "2026-03-02T08:00:00.000Z";
    RhythmDecision call;
    call.id = "4f6c1e2a-0000-4000-8000-000000000001";
    call.activity = "Appel mensuel, \"café\"; ☕";
    call.recurrence.frequency = Frequency::Monthly;
    call.recurrence.weekdays = {1};
    call.recurrence.set_position = 1;
    CivilDate::Parse("2026-03-02", call.recurrence.start_date);  // a Monday: the first Tuesday is the 3rd
    call.recurrence.start_minutes = 12 * 60 + 30;
    call.recurrence.duration_minutes = 90;
    call.format = "online";
    call.membership = "open";
    call.convener_name = "Amélie";
    call.updated_at = "2026-03-02T09:41:00.250Z";
    data.record.rhythm = {call};
    CHECK(RenderRhythmIcs(data) ==
          "BEGIN:VCALENDAR\r\n"
          "VERSION:2.0\r\n"
          "PRODID:-//cop-kiosk//Workshop export 1//EN\r\n"
          "CALSCALE:GREGORIAN\r\n"
          "X-WR-CALNAME:Ingés\\; de l'eau\\, \"Œuvre\": rhythm\r\n"
          "BEGIN:VEVENT\r\n"
          "UID:4f6c1e2a-0000-4000-8000-000000000001@cop-kiosk\r\n"
          "DTSTAMP:20260302T094100Z\r\n"
          "DTSTART:20260303T123000\r\n"
          "DURATION:PT90M\r\n"
          "RRULE:FREQ=MONTHLY;BYDAY=TU;BYSETPOS=1\r\n"
          "SUMMARY:Appel mensuel\\, \"café\"\\; ☕\r\n"
          // 75 octets each: "é" counts two.
          "DESCRIPTION:Every first Tuesday of the month at 12:30 for 90 minutes.\\nForm\r\n"
          " at: online. Membership: open.\\nConvened by Amélie.\\nDecided at the launch\r\n"
          "  workshop of Ingés\\; de l'eau\\, \"Œuvre\" on 2026-03-02.\r\n"
          "END:VEVENT\r\n"
          "END:VCALENDAR\r\n");
    data.record.rhythm.clear();
    CHECK(RenderRhythmIcs(data).empty());  // no component: no calendar rather than an invalid one
}

TEST_CASE("export ics: the demo's calendars carry every rhythm's RRULE and every open commitment", "[export][ics]") {
    Demo demo;
    const ExportData data = LoadExportData(*demo.store, demo.workshop_id);
    const std::string rhythm = Unfold(RenderRhythmIcs(data));
    REQUIRE_FALSE(data.record.rhythm.empty());
    for (const RhythmDecision& d : data.record.rhythm) {
        CAPTURE(d.activity);
        CHECK(rhythm.find("UID:" + d.id + "@cop-kiosk\r\n") != std::string::npos);
        CHECK(rhythm.find("RRULE:" + ToRRule(d.recurrence) + "\r\n") != std::string::npos);
        CHECK(rhythm.find("DTSTAMP:" + IcsUtcStamp(d.updated_at) + "\r\n") != std::string::npos);
    }
    const std::string todo = Unfold(RenderCommitmentsIcs(data));
    int open = 0;
    for (const Commitment& c : data.record.commitments) {
        const bool listed = todo.find("UID:" + c.id + "@cop-kiosk\r\n") != std::string::npos;
        CHECK(listed == (c.status == CommitmentStatus::Open));
        if (c.status == CommitmentStatus::Open) {
            ++open;
            CHECK(todo.find("DUE;VALUE=DATE:" + IcsDate(c.due) + "\r\n") != std::string::npos);
        }
    }
    CHECK(open > 0);
    // Exporting twice gives the same bytes: nothing in a calendar depends on when it was written.
    CHECK(RenderRhythmIcs(LoadExportData(*demo.store, demo.workshop_id)) == RenderRhythmIcs(data));
}

// ---- Markdown, HTML, slugs, formats ---------------------------------------------------------------
TEST_CASE("export text: Markdown and HTML escaping", "[export][text]") {
    CHECK(MarkdownEscape("-starts a list") == "\\-starts a list");
    CHECK(MarkdownEscape("Jean-Pierre + Zoë = 2") == "Jean-Pierre + Zoë = 2");
    CHECK(MarkdownEscape("# not a heading") == "\\# not a heading");
    CHECK(MarkdownEscape("1. not a list") == "1\\. not a list");
    CHECK(MarkdownEscape("a *b* _c_ [d](e) <f> `g` | ~ & \\") ==
          "a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\> \\`g\\` \\| \\~ \\& \\\\");
    CHECK(MarkdownEscape("line one\n=== two") == "line one\\\n  \\=== two");
    CHECK(HtmlEscape("<b>\"Ça\" & 'co'</b>") == "&lt;b&gt;&quot;Ça&quot; &amp; &#39;co&#39;&lt;/b&gt;");
}

TEST_CASE("export folders: slugs are ASCII, stable and safe", "[export][folders]") {
    CHECK(Slug("Water Quality Practitioners") == "water-quality-practitioners");
    CHECK(Slug("Élodie Dupré") == "elodie-dupre");
    CHECK(Slug("Œuvre & Façade: ça ß Æther") == "oeuvre-facade-ca-ss-aether");
    CHECK(Slug("Łódź Škoda Đorđe") == "lodz-skoda-dorde");
    CHECK(Slug("💧💧") == "community");
    CHECK(Slug("../../etc/passwd") == "etc-passwd");
    CHECK(Slug(std::string(100, 'a')).size() == 40);
    Community c;
    c.name = "Les \"Ingés\" de l'eau";
    Workshop w;
    w.id = "AD5F38C1-cd2a-49de-9c7a-0ee744c5d7b5";
    w.kind = "launch";
    w.started_at = "2025-10-25T11:00:00.000Z";
    CHECK(WorkshopFolderName(c, w) == "les-inges-de-l-eau-2025-10-25-launch-ad5f38c1");
}

TEST_CASE("export formats: a comma-separated list of known names", "[export][formats]") {
    FormatSet set;
    std::string error;
    REQUIRE(ParseFormats("csv, HTML", set, error));
    CHECK((set.csv && set.html && !set.json && !set.md && !set.ics));
    CHECK_FALSE(ParseFormats("csv,pdf", set, error));
    CHECK(error.find("pdf") != std::string::npos);
    CHECK(error.find("csv, json, md, html, ics") != std::string::npos);
    CHECK_FALSE(ParseFormats("", set, error));
    CHECK_FALSE(ParseFormats("csv,", set, error));
}

// ---- Files, anonymity, outcome.json -----------------------------------------------------------------
TEST_CASE("export files: written whole into a folder, never into a file", "[export][files]") {
    TempDir dir;
    WriteFileAtomically(dir.Path(), "a.txt", "first");
    WriteFileAtomically(dir.Path(), "a.txt", "second");
    CHECK(ReadFile(dir.File("a.txt")) == "second");
    size_t entries = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.Path())) entries += entry.is_regular_file();
    CHECK(entries == 1);  // no temporary file left behind
    CHECK_THROWS_AS(PrepareFolder(dir.File("a.txt")), Error);
    CHECK_THROWS_AS(PrepareFolder(dir.Path() / "a.txt" / "sub"), Error);
}

TEST_CASE("export anonymity: anonymous polls have aggregates only; named polls list who voted what",
          "[export][anonymity]") {
    Demo demo;
    const ExportData data = LoadExportData(*demo.store, demo.workshop_id);
    std::set<std::string> anonymous, named;
    for (const PollRecord& p : data.record.polls) (p.poll.anonymous ? anonymous : named).insert(p.poll.id);
    REQUIRE_FALSE(anonymous.empty());  // the renewal's health pulse
    REQUIRE_FALSE(named.empty());
    std::set<std::string> with_ballots;
    for (const NamedBallot& b : data.ballots) with_ballots.insert(b.poll_id);
    CHECK(with_ballots == named);
    const std::string votes = RenderCsvFiles(data).at("votes.csv");
    for (const std::string& id : anonymous) {
        CAPTURE(id);
        CHECK(votes.find("ballot," + id + ",") == std::string::npos);
        CHECK(votes.find("option," + id + ",") != std::string::npos);
    }
    for (const std::string& id : named) CHECK(votes.find("ballot," + id + ",") != std::string::npos);
}

TEST_CASE("export json: outcome.json is byte for byte what WriteOutcomeFiles writes", "[export][json]") {
    Demo demo;
    const std::string written = WriteOutcomeFiles(*demo.store, demo.workshop_id, demo.dir.File("old"));
    CHECK(RenderOutcomeJson(LoadExportData(*demo.store, demo.workshop_id)) == ReadFile(written));
}

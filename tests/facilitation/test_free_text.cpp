// Free text people type (names at check-in, community names, domain statements, rhythm activities, tasks,
// commitments, messages to the sponsor): the bad input corpus against the rules of names.h, then through the
// store and back. Sections: the corpus · the rules · every field through the store · refusals change nothing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "facilitation/domain/decisions.h"
#include "facilitation/domain/names.h"
#include "facilitation/domain/time_util.h"
#include "store_helpers.h"

using namespace facilitation;
using Catch::Matchers::Contains;

namespace {

// ---- The corpus ----------------------------------------------------------------------------------------
// Accepted and stored exactly as typed (each at most 60 characters, so that it fits every field).
const std::vector<std::string> kKeptExactly = {
    "A",                                                   // one character
    "\xC3\xA9",                                            // é
    "\xE6\x9D\x8E",                                        // 李
    "\xD8\xA8",                                            // ب, one Arabic letter
    "\xD9\x85\xD8\xAC\xD8\xAA\xD9\x85\xD8\xB9 \xD8\xA7\xD9\x84\xD9\x85\xD9\x85\xD8\xA7\xD8\xB1\xD8\xB3\xD8\xA9",  // مجتمع الممارسة
    "\xD7\xA7\xD7\x94\xD7\x99\xD7\x9C\xD7\xAA \xD7\xA2\xD7\xA9\xD7\x99\xD7\x99\xD7\x94",                        // קהילת עשייה
    "Ana \xD9\x88\xD9\x81\xD8\xB1\xD9\x8A\xD9\x82\xD9\x87\xD8\xA7 2027",                                          // Ana وفريقها 2027
    "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xAE\xD9\x88\xD8\xA7\xD9\x87\xDB\x8C\xD9\x85",  // Persian with its joiner U+200C
    "Robert'); DROP TABLE ballot;--",
    "' OR 1=1 --",
    "=HYPERLINK(\"http://example.invalid\",\"click\")",
    "+1",
    "-1",
    "@SUM(A1)",
    "=1+1",
    "<script>alert(1)</script> & <b>bold</b>",
    "# not a heading | *not bold* _x_ [link](y)",
    "O'Brien \"Nan\" \\ back\\slash; comma, semicolon",
};

struct Refused {
    std::string text;
    TextProblem problem;
};

std::string Repeat(const std::string& unit, int times) {
    std::string text;
    for (int i = 0; i < times; ++i) text += unit;
    return text;
}

const std::vector<Refused> kRefused = {
    {"", TextProblem::Empty},
    {"   ", TextProblem::Empty},
    {" \t\n\r ", TextProblem::Empty},
    {"\xC2\xA0\xE3\x80\x80\xE2\x80\xA8", TextProblem::Empty},  // no-break space, ideographic space, line separator
    {std::string(10000, 'x'), TextProblem::TooLong},
    {Repeat("\xD8\xA8", 10000), TextProblem::TooLong},            // 10,000 Arabic letters (20,000 bytes)
    {std::string("Ann\0Lee", 7), TextProblem::ControlCharacter},  // NUL
    {"Ann\x01", TextProblem::ControlCharacter},
    {"\x1B[31mred", TextProblem::ControlCharacter},                // a terminal escape
    {"Ann\x7F", TextProblem::ControlCharacter},                    // DEL
    {"Ann\xC2\x9B", TextProblem::ControlCharacter},                // C1 control U+009B
    {"Ann\xE2\x80\xAE" "eeL", TextProblem::InvisibleCharacter},       // U+202E right-to-left override
    {"\xE2\x81\xA6" "Ann\xE2\x81\xA9", TextProblem::InvisibleCharacter},  // U+2066 .. U+2069 isolate
    {"Ann\xE2\x80\x8F", TextProblem::InvisibleCharacter},          // U+200F right-to-left mark
    {"An\xE2\x80\x8Bn", TextProblem::InvisibleCharacter},          // U+200B zero-width space
    {"\xEF\xBB\xBF" "Ann", TextProblem::InvisibleCharacter},       // U+FEFF pasted byte order mark
    {"Sam \xEF\xBF\xBD", TextProblem::Unreadable},                 // U+FFFD, what an emoji becomes in a text field
    {"Sam \xF0\x9F\x98\x80", TextProblem::Emoji},                  // 😀
    {"\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", TextProblem::Emoji},      // 👍🏽 skin tone
    {"\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7", TextProblem::Emoji},  // 👩‍👩‍👧 ZWJ
    {"\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7", TextProblem::Emoji},      // 🇫🇷 flag
    {"1\xEF\xB8\x8F\xE2\x83\xA3", TextProblem::Emoji},             // 1️⃣ keycap
    {"\xE2\x9D\xA4\xEF\xB8\x8F", TextProblem::Emoji},              // ❤️
    {"Ana \xFF\xFE", TextProblem::NotUtf8},
    {"\xC3\x28", TextProblem::NotUtf8},                            // a truncated sequence
    {"\xED\xA0\x80", TextProblem::NotUtf8},                        // an encoded surrogate
};

// Every field people type, with its limit, as the store takes it.
struct Field {
    const char* what;
    int max_chars;
    bool required;
};
const Field kFields[] = {
    {"name", kMaxNameChars, true},
    {"community name", kMaxCommunityNameChars, true},
    {"domain statement", kMaxDomainChars, false},
    {"activity", kMaxActivityChars, true},
    {"task", kMaxTaskChars, true},
    {"commitment", kMaxCommitmentChars, true},
    {"message", kMaxVoiceChars, true},
};

TextCheck CheckField(const Field& field, const std::string& raw) {
    if (std::string(field.what) == "domain statement") return CheckDomainStatement(raw);
    return CheckName(raw, field.what, field.max_chars);
}

}  // namespace

// ---- The rules -------------------------------------------------------------------------------------------
TEST_CASE("free text: scripts, right-to-left text, SQL-looking and formula text are kept exactly", "[free text]") {
    for (const Field& field : kFields) {
        for (const std::string& text : kKeptExactly) {
            CAPTURE(field.what, text);
            const TextCheck check = CheckField(field, text);
            CHECK(check.ok);
            CHECK(check.problem == TextProblem::None);
            CHECK(check.cleaned == text);
        }
    }
}

TEST_CASE("free text: the corpus of bad text is refused with a sentence naming the field", "[free text]") {
    for (const Field& field : kFields) {
        for (const Refused& refused : kRefused) {
            CAPTURE(field.what, refused.text.substr(0, 40));
            const TextCheck check = CheckField(field, refused.text);
            if (!field.required && refused.problem == TextProblem::Empty) {
                CHECK(check.ok);  // no domain statement yet
                CHECK(check.cleaned.empty());
                continue;
            }
            CHECK_FALSE(check.ok);
            CHECK(check.problem == refused.problem);
            CHECK_THAT(check.error, Contains(field.what));
            CHECK(check.error.back() == '.');  // a sentence
            CHECK(Utf8Length(check.error) > 0);  // the message itself is valid text, whatever came in
        }
    }
}

TEST_CASE("free text: 10,000 characters are refused with the count and each field's limit", "[free text]") {
    for (const Field& field : kFields) {
        CAPTURE(field.what);
        const TextCheck check = CheckField(field, std::string(10000, 'w'));
        CHECK(check.problem == TextProblem::TooLong);
        CHECK(check.length == 10000);
        CHECK_THAT(check.error, Contains("10000 characters") && Contains("keep it to " + std::to_string(field.max_chars)));
        // The limit itself is accepted, one more is not (characters, not bytes: é is two bytes).
        CHECK(CheckField(field, Repeat("\xC3\xA9", field.max_chars)).ok);
        CHECK_FALSE(CheckField(field, Repeat("\xC3\xA9", field.max_chars + 1)).ok);
    }
}

TEST_CASE("free text: messages name the refused character by its code point", "[free text]") {
    CHECK_THAT(CheckPersonName("Ann\xE2\x80\xAE").error, Contains("U+202E"));
    CHECK_THAT(CheckPersonName(std::string("A\0B", 3)).error, Contains("U+0000"));
    CHECK_THAT(CheckPersonName("A\x1B").error, Contains("U+001B"));
    CHECK(CheckPersonName("Sam \xF0\x9F\x98\x80").character == 0x1F600);
}

TEST_CASE("free text: whitespace of every kind is trimmed and collapsed; a leading tab goes with it", "[free text]") {
    // Tabs, line breaks, no-break and other Unicode spaces: one line, single spaces.
    CHECK(CheckName("\tMonthly\r\n\ncall\xC2\xA0\xE2\x80\x83 online ", "activity", kMaxActivityChars).cleaned ==
          "Monthly call online");
    // "\t=SUM(A1)": the tab is whitespace, trimmed; the formula that remains is kept (and neutralised in CSV).
    CHECK(CheckName("\t=SUM(A1)", "task", kMaxTaskChars).cleaned == "=SUM(A1)");
    // The joiners some scripts need are not taken for emoji.
    CHECK(CheckPersonName("\xE0\xB4\xA8\xE0\xB5\x8D\xE2\x80\x8D").ok);  // Malayalam with U+200D
}

TEST_CASE("free text: a template's prompt keeps its line breaks and follows the same character rules", "[free text]") {
    const TextCheck two_lines = CheckParagraphs("  Who is here?\r\nSay your name.\n\n\tThen sit.  ", "prompt", 600);
    REQUIRE(two_lines.ok);
    CHECK(two_lines.cleaned == "Who is here?\nSay your name.\n\n\tThen sit.");
    CHECK(CheckParagraphs("Who\xE2\x80\xAE is here?", "prompt", 600).problem == TextProblem::InvisibleCharacter);
    CHECK(CheckParagraphs("Who\x0C is here?", "prompt", 600).problem == TextProblem::ControlCharacter);
    CHECK(CheckParagraphs("Who\r is here?", "prompt", 600).problem == TextProblem::ControlCharacter);  // a lone CR
    CHECK(CheckParagraphs(" \n\t ", "prompt", 600).problem == TextProblem::Empty);
    CHECK(CheckParagraphs(std::string(601, 'p'), "prompt", 600).problem == TextProblem::TooLong);
}

// ---- Every field through the store ----------------------------------------------------------------------
namespace {
RhythmDecision Activity(const std::string& activity) {
    RhythmDecision d;
    d.activity = activity;
    d.recurrence.frequency = Frequency::Weekly;
    d.recurrence.interval = 1;
    d.recurrence.weekdays = {2};
    CivilDate start;
    CivilDate::Parse("2030-01-02", start);
    d.recurrence.start_date = start;
    d.recurrence.start_minutes = 9 * 60;
    d.recurrence.duration_minutes = 60;
    return d;
}

const char* const kTasksStage = "energizing-tasks";
}  // namespace

TEST_CASE("free text: every field comes back from the store exactly as it was accepted", "[free text][store]") {
    copk_test::RunningWorkshop f;
    Store& store = *f.store;
    const std::string id = f.workshop.id;
    const std::string tomorrow = copk_test::IsoDayFromToday(1);
    std::vector<std::string> communities;
    for (size_t i = 0; i < kKeptExactly.size(); ++i) {
        const std::string& text = kKeptExactly[i];
        CAPTURE(text);
        // Community names must differ as names: each is the text (unique in the corpus) itself.
        const Community c = store.CreateCommunity(text, text);
        CHECK(store.GetCommunity(c.id).name == text);
        CHECK(store.GetCommunity(c.id).domain == text);
        CHECK(store.CheckIn(id, text).name == text);
        CHECK(store.ProposeTask(id, kTasksStage, text).title == text);
        Store::CommitmentDraft draft;
        draft.what = text;
        draft.due = tomorrow;
        draft.whole_community = true;
        CHECK(store.AddCommitment(id, draft, tomorrow.substr(0, 10)).what == text);
        CHECK(store.AddVoice(id, i % 2 ? "sponsor" : "organization", text).text == text);
        CHECK(store.AddRhythm(id, Activity(text)).activity == text);
    }
    // Read back from a second connection, as another process (the projector, an export) would.
    const auto reader = Store::OpenForReading(f.path);
    std::vector<std::string> names, domains, people, tasks, commitments, voice, activities;
    for (const Community& c : reader->ListCommunities()) {
        names.push_back(c.name);
        domains.push_back(c.domain);
    }
    for (const Participant& p : reader->ParticipantsOf(id)) people.push_back(p.name);
    for (const Task& t : reader->TasksOf(id, kTasksStage)) tasks.push_back(t.title);
    for (const Commitment& c : reader->CommitmentsOf(id)) commitments.push_back(c.what);
    for (const VoiceItem& v : reader->VoiceOf(id)) voice.push_back(v.text);
    for (const RhythmDecision& d : reader->RhythmOf(id)) activities.push_back(d.activity);
    for (const std::string& text : kKeptExactly) {
        CAPTURE(text);
        CHECK(std::count(names.begin(), names.end(), text) == 1);
        CHECK(std::count(domains.begin(), domains.end(), text) == 1);
        CHECK(std::count(people.begin(), people.end(), text) == 1);
        CHECK(std::count(tasks.begin(), tasks.end(), text) == 1);
        CHECK(std::count(commitments.begin(), commitments.end(), text) == 1);
        CHECK(std::count(voice.begin(), voice.end(), text) == 1);
        CHECK(std::count(activities.begin(), activities.end(), text) == 1);
    }
    // "DROP TABLE ballot" was only text: the ballot table is there and a vote still counts.
    const Poll poll = store.EnsureStageCheckPoll(id, copk_test::StageCheckKey(f.launch));
    store.OpenPoll(poll.id);
    std::string robert;
    for (const Participant& p : store.ParticipantsOf(id))
        if (p.name == "Robert'); DROP TABLE ballot;--") robert = p.id;
    REQUIRE_FALSE(robert.empty());
    store.CastBallot(poll.id, robert, "coalescing");
    CHECK(store.TallyOf(poll.id).ballots == 1);
    CHECK(store.IntegrityProblems().empty());
}

// ---- Refusals change nothing -------------------------------------------------------------------------------
TEST_CASE("free text: every store call refuses the bad corpus with its message and writes nothing",
          "[free text][store]") {
    copk_test::RunningWorkshop f;
    Store& store = *f.store;
    const std::string id = f.workshop.id;
    const std::string tomorrow = copk_test::IsoDayFromToday(1);
    const std::vector<std::pair<std::string, std::function<void(const std::string&)>>> calls = {
        {"community name", [&](const std::string& t) { store.CreateCommunity(t, ""); }},
        {"domain statement", [&](const std::string& t) { store.SetCommunityDomain(f.community.id, t); }},
        {"name", [&](const std::string& t) { store.CheckIn(id, t); }},
        {"task", [&](const std::string& t) { store.ProposeTask(id, kTasksStage, t); }},
        {"commitment",
         [&](const std::string& t) {
             Store::CommitmentDraft draft;
             draft.what = t;
             draft.due = tomorrow;
             draft.whole_community = true;
             store.AddCommitment(id, draft, tomorrow);
         }},
        {"message", [&](const std::string& t) { store.AddVoice(id, "sponsor", t); }},
        {"activity", [&](const std::string& t) { store.AddRhythm(id, Activity(t)); }},
    };
    const auto snapshot = [&] {
        return std::vector<size_t>{store.ListCommunities().size(), store.ParticipantsOf(id).size(),
                                   store.TasksOf(id, kTasksStage).size(), store.CommitmentsOf(id).size(),
                                   store.VoiceOf(id).size(), store.RhythmOf(id).size()};
    };
    const std::vector<size_t> before = snapshot();
    const std::string domain_before = store.GetCommunity(f.community.id).domain;
    for (const auto& [field, call] : calls) {
        for (const Refused& refused : kRefused) {
            if (field == "domain statement" && refused.problem == TextProblem::Empty) continue;  // clears it
            CAPTURE(field, refused.text.substr(0, 40));
            try {
                call(refused.text);
                FAIL("accepted");
            } catch (const RuleError& error) {
                CHECK_THAT(std::string(error.what()), Contains(field));
            }
        }
    }
    CHECK(snapshot() == before);
    CHECK(store.GetCommunity(f.community.id).domain == domain_before);
}

TEST_CASE("free text: a due date of 10,000 characters or with control characters is refused", "[free text]") {
    const std::string today = "2030-01-01";
    for (const std::string& due : {std::string(10000, '9'), std::string("2030-01-02\x01"), std::string("2030-01-02; DROP"),
                                   std::string("=2030-01-02"), std::string("")}) {
        CAPTURE(due.substr(0, 20));
        CHECK_THAT(CommitmentProblem("Write the guide", due, today, true, 0), Contains("YYYY-MM-DD"));
    }
    CHECK(CommitmentProblem("Write the guide", "2030-01-02", today, true, 0).empty());
}

// Merging kiosks' databases (Store::MergeFrom), on real files in a temporary folder: the order of the sources
// does not matter, merging twice is merging once, the newer edit wins both ways, equal times with different
// content are conflicts, duplicates of one person/check-in/vote become one current row, the sources never
// change (byte for byte, no file appears beside them), and no anonymous ballot gains a link to anyone.
#include <catch2/catch.hpp>

#include <filesystem>

#include "store_helpers.h"

using namespace facilitation;
using namespace copk_test;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

// The store refuses emoji where people type (the projector cannot show them): the emoji is written into the
// kiosk's file directly, as another program or version could have.
// The voice stage keeps a line break as a space, so the line break is written directly as well.
const std::string kAwkward = "Zoé dit « ça va »; \"quotes\", commas";
const std::string kEmoji = " 🎉\nand a new line";

// Every row of every table, ordered: two databases with the same dump hold the same data.
std::string Dump(const std::string& path) {
    RawDb raw(path);
    std::string dump;
    for (const auto& table : raw.Column("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
        std::string row_sql;
        for (const auto& column : raw.Column("SELECT name FROM pragma_table_info('" + *table + "') ORDER BY cid"))
            row_sql += (row_sql.empty() ? "" : " || '|' || ") + std::string("quote(") + *column + ")";
        dump += "## " + *table + "\n";
        for (const auto& row : raw.Column("SELECT " + row_sql + " AS r FROM " + *table + " ORDER BY r")) dump += *row + "\n";
    }
    return dump;
}

Store::MergeCounts Total(const std::vector<Store::MergeReport>& reports) {
    Store::MergeCounts total;
    for (const auto& report : reports)
        for (const auto& [table, counts] : report.tables) {
            total.added += counts.added;
            total.updated += counts.updated;
            total.skipped += counts.skipped;
            total.conflicts += counts.conflicts;
            total.duplicates += counts.duplicates;
        }
    return total;
}

Store::MergeCounts CountsOf(const Store::MergeReport& report, const std::string& table) {
    for (const auto& [name, counts] : report.tables)
        if (name == table) return counts;
    FAIL("no table " << table << " in the report");
    return {};
}

std::vector<Store::MergeReport> Merge(const std::string& into, const std::vector<std::string>& sources) {
    return Store::Open(into)->MergeFrom(sources);
}

// A room's database as the facilitator hands it to two kiosks: a community, a launch workshop, Ann and Bob
// checked in, the stage check (named) and a domain vote (anonymous) in draft, and a voice item. Then the two
// kiosks, each working on its own copy.
struct TwoKiosks {
    TempDir dir;
    std::string base = dir.File("base.db"), a = dir.File("kiosk-a.db"), b = dir.File("kiosk-b.db");
    std::string community_id, workshop_id, stage_poll, anonymous_poll, ann, bob, voice_id;

    TwoKiosks() {
        {
            auto store = Store::Open(base);
            const Community c = store->CreateCommunity("Bakers of Besançon", "Bread, and why it matters now.");
            community_id = c.id;
            workshop_id = store->StartWorkshop(c.id, LaunchTemplate()).id;
            ann = store->CheckIn(workshop_id, "Ann").id;
            bob = store->CheckIn(workshop_id, "Bob").id;
            stage_poll = store->EnsureStageCheckPoll(workshop_id, "stage-check").id;
            PollSpec spec;
            spec.question = "Is the domain right?";
            spec.anonymous = true;
            spec.options = {{"yes", "Yes"}, {"no", "No"}};
            anonymous_poll = store->EnsurePoll(workshop_id, "domain", spec).id;
            voice_id = store->AddVoice(workshop_id, "sponsor", "We need time").id;
        }
        // Old enough that any edit at a kiosk is newer, whatever the clock's resolution.
        RawDb(base).Exec("UPDATE voice_item SET created_at = '2020-01-01T00:00:00.000Z', updated_at = "
                         "'2020-01-01T00:00:00.000Z'; UPDATE poll SET updated_at = '2020-01-01T00:00:00.000Z'");
        fs::copy_file(base, a);
        fs::copy_file(base, b);
        {
            auto store = Store::Open(a);
            store->CheckIn(workshop_id, "Zoé");  // a newcomer, at this kiosk...
            store->OpenPoll(stage_poll);
            store->OpenPoll(anonymous_poll);
            store->CastBallot(stage_poll, ann, "coalescing");
            store->CastBallot(anonymous_poll, ann, "yes");
            const std::string id = store->AddVoice(workshop_id, "organization", kAwkward).id;
            store.reset();
            RawDb(a).Exec("UPDATE voice_item SET text = text || ' 🎉' || char(10) || 'and a new line' WHERE id = '" + id + "'");
        }
        {
            auto store = Store::Open(b);
            store->CheckIn(workshop_id, "  zoé ");  // ...and at the other: the same person, another id
            store->OpenPoll(stage_poll);
            store->OpenPoll(anonymous_poll);
            store->CastBallot(stage_poll, bob, "committing");
            store->CastBallot(stage_poll, ann, "stewarding");  // Ann voted at both kiosks: one vote counts
            store->CastBallot(anonymous_poll, bob, "no");
            store->RetractVoice(workshop_id, voice_id);
        }
    }
};

}  // namespace

TEST_CASE("merge: A then B equals B then A, and merging again changes nothing", "[merge]") {
    TwoKiosks k;
    const auto a_bytes = ReadBytes(k.a), b_bytes = ReadBytes(k.b);
    const std::string ab = k.dir.File("ab.db"), ba = k.dir.File("ba.db");
    const auto first = Merge(ab, {k.a, k.b});
    Merge(ba, {k.b, k.a});
    CHECK(Dump(ab) == Dump(ba));
    CHECK(Total(first).conflicts == 0);
    CHECK(CountsOf(first[1], "member").duplicates == 1);  // zoé is Zoé

    SECTION("twice is once, in either order, and all is skipped") {
        const std::string once = Dump(ab);
        const auto again = Merge(ab, {k.a, k.b});
        CHECK(Dump(ab) == once);
        const auto total = Total(again);
        CHECK(total.added == 0);
        CHECK(total.updated == 0);
        CHECK(total.conflicts == 0);
        CHECK(total.skipped > 0);
        Merge(ab, {k.b, k.a});
        CHECK(Dump(ab) == once);
        Merge(ba, {k.a});
        CHECK(Dump(ba) == once);
    }
    SECTION("the sources are unchanged byte for byte, with nothing new beside them") {
        CHECK(ReadBytes(k.a) == a_bytes);
        CHECK(ReadBytes(k.b) == b_bytes);
        for (const auto& side : {"-wal", "-shm"}) {
            CHECK_FALSE(Exists(k.a + side));
            CHECK_FALSE(Exists(k.b + side));
        }
    }
    SECTION("one of each person, one check-in each, one current vote each") {
        auto store = Store::Open(ab);
        CHECK(store->IntegrityProblems().empty());
        const auto members = store->MembersOf(k.community_id);
        REQUIRE(members.size() == 3);
        CHECK(members[2].name.substr(0, 1) == "Z");  // whichever spelling came first; zoé is archived, not lost
        RawDb raw(ab);
        CHECK(raw.Text("SELECT count(*) FROM member WHERE name_key = 'zoé'") == "2");
        CHECK(store->ParticipantsOf(k.workshop_id).size() == 3);
        const Tally tally = store->TallyOf(k.stage_poll);
        CHECK(tally.ballots == 2);  // Bob, and Ann once
        CHECK(raw.Text("SELECT count(*) FROM ballot") == "3");  // Ann's other vote kept, superseded
        CHECK(store->TallyOf(k.anonymous_poll).ballots == 2);
        CHECK(store->VotersOf(k.stage_poll).size() == 2);
    }
    SECTION("free text survives: accents, emoji, quotes, commas, semicolons, new lines") {
        auto store = Store::Open(ab);
        bool found = false;
        for (const auto& item : store->VoiceOf(k.workshop_id)) found = found || item.text == kAwkward + kEmoji;
        CHECK(found);
        CHECK(RawDb(k.a).Text("SELECT count(*) FROM voice_item WHERE text = '" + kAwkward + kEmoji + "'") == "1");
    }
    SECTION("the newer edit wins: the retraction made at kiosk B holds in both orders") {
        auto store = Store::Open(ab);
        for (const auto& item : store->VoiceOf(k.workshop_id)) CHECK(item.id != k.voice_id);
    }
    SECTION("anonymity: no token and no key reach the merged database") {
        RawDb source(k.a);
        CHECK(source.Text("SELECT count(*) FROM anonymous_ballot WHERE token IS NOT NULL") == "1");  // still open there
        RawDb raw(ab);
        CHECK(raw.Text("SELECT count(*) FROM anonymous_ballot") == "2");
        CHECK(raw.Text("SELECT count(*) FROM anonymous_ballot WHERE token IS NOT NULL") == "0");
        CHECK(raw.Text("SELECT count(*) FROM poll_event WHERE member_id IS NOT NULL AND poll_id = '" + k.anonymous_poll +
                       "'") == "0");
        CHECK_FALSE(Exists(ab + "-poll-keys"));
    }
}

TEST_CASE("merge: the newer version wins whichever database holds it", "[merge]") {
    TwoKiosks k;
    const std::string older_first = k.dir.File("1.db"), newer_first = k.dir.File("2.db");
    const auto reports = Merge(older_first, {k.base});
    const auto update = Merge(older_first, {k.b});
    CHECK(CountsOf(update[0], "voice_item").updated == 1);
    const auto skip = Merge(newer_first, {k.b, k.base});
    CHECK(CountsOf(skip[1], "voice_item").skipped == 1);
    CHECK(CountsOf(skip[1], "voice_item").updated == 0);
    CHECK(Dump(older_first) == Dump(newer_first));
    CHECK(Store::Open(newer_first)->VoiceOf(k.workshop_id).empty());  // retracted at B
}

TEST_CASE("merge: a different row changed at the same time is a conflict; this database's version is kept", "[merge]") {
    TwoKiosks k;
    RawDb(k.b).Exec("UPDATE voice_item SET text = 'Edited elsewhere' WHERE id = '" + k.voice_id + "'");
    RawDb(k.a).Exec("UPDATE voice_item SET text = 'Edited here' WHERE id = '" + k.voice_id + "'");
    const std::string central = k.dir.File("c.db");
    Merge(central, {k.a});
    const auto reports = Merge(central, {k.base, k.a});
    CHECK(CountsOf(reports[0], "voice_item").conflicts == 1);  // base's text, same updated_at
    REQUIRE(reports[0].conflicts.size() == 1);
    CHECK_THAT(reports[0].conflicts[0], Contains("voice_item") && Contains("base.db") && Contains("kept"));
    CHECK(RawDb(central).Text("SELECT text FROM voice_item WHERE id = '" + k.voice_id + "'") == "Edited here");
}

TEST_CASE("merge: sources that are not kiosks' databases are refused and nothing is merged", "[merge]") {
    TwoKiosks k;
    const std::string central = k.dir.File("c.db");
    Merge(central, {k.a});
    const std::string before = Dump(central);
    const std::string newer = k.dir.File("newer.db"), text = k.dir.File("notes.db");
    fs::copy_file(k.b, newer);
    RawDb(newer).Exec("PRAGMA user_version = 99");
    WriteText(text, "not a database");
    CHECK_THROWS_WITH(Merge(central, {k.b, newer}), Contains("newer cop-kiosk") && Contains("nothing was merged"));
    CHECK_THROWS_WITH(Merge(central, {k.b, text}), Contains("not a cop-kiosk database"));
    CHECK_THROWS_WITH(Merge(central, {k.dir.File("missing.db")}), Contains("There is no database"));
    CHECK_THROWS_WITH(Merge(central, {central}), Contains("the database being merged into"));
    CHECK(Dump(central) == before);
}

TEST_CASE("merge: a source of an older schema version is merged through a migrated copy, itself untouched", "[merge]") {
    TempDir dir;
    const std::string old_path = dir.File("v2.db");
    {
        RawDb raw(old_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        raw.Exec(ReadFile(COPK_TEST_FIXTURES_DIR "/schema_v2.sql"));
        raw.Exec("PRAGMA user_version = 2");
        raw.Exec(
            "INSERT INTO community VALUES ('c1', 'Bakers', 'bakers', '', '2025-01-01T09:00:00.000Z', "
            "'2025-01-01T09:00:00.000Z', NULL);"
            "INSERT INTO member VALUES ('m1', 'c1', 'Zoé', 'zoé', '2025-01-01T09:00:00.000Z', "
            "'2025-01-01T09:00:00.000Z', NULL);");
    }
    const auto bytes = ReadBytes(old_path);
    const std::string central = dir.File("c.db");
    const auto reports = Merge(central, {old_path});
    CHECK(CountsOf(reports[0], "member").added == 1);
    CHECK(ReadBytes(old_path) == bytes);
    CHECK(RawDb(old_path).Text("PRAGMA user_version") == "2");
    CHECK(Store::Open(central)->MembersOf("c1").at(0).name == "Zoé");
}

TEST_CASE("merge: two kiosks that each created the same community and person make one of each", "[merge]") {
    TempDir dir;
    const std::string a = dir.File("a.db"), b = dir.File("b.db");
    std::string a_member, b_member;
    for (const auto& path : {a, b}) {
        auto store = Store::Open(path);
        const Community c = store->CreateCommunity("Potters", "");
        const Workshop w = store->StartWorkshop(c.id, LaunchTemplate());
        (path == a ? a_member : b_member) = store->CheckIn(w.id, "Élise").id;
    }
    RawDb(a).Exec("UPDATE community SET created_at = '2024-01-01T00:00:00.000Z'");  // a's came first
    const std::string ab = dir.File("ab.db"), ba = dir.File("ba.db");
    Merge(ab, {a, b});
    Merge(ba, {b, a});
    CHECK(Dump(ab) == Dump(ba));
    auto store = Store::Open(ab);
    REQUIRE(store->ListCommunities().size() == 1);
    const Community potters = store->ListCommunities()[0];
    CHECK(store->MembersOf(potters.id).size() == 1);  // Élise once, b's copy archived
    CHECK(store->WorkshopsOf(potters.id).size() == 2);  // both workshops now belong to the one community
    CHECK(store->IntegrityProblems().empty());
}

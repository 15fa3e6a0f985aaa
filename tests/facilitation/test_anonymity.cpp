// Anonymous polls, checked from outside the store: the database file is opened directly with the sqlite3 C API
// (and read as raw bytes) to try every link between a ballot and a person: a voter column, a timestamp, a rowid,
// the ballot tokens and their key, the audit trail, and the order of rows in the file.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "store_helpers.h"

using namespace facilitation;
using namespace copk_test;
using Catch::Matchers::UnorderedEquals;

namespace {

// A running workshop with eight people and one anonymous poll, opened.
struct AnonymousRoom : RunningWorkshop {
    std::vector<Participant> people;
    Poll poll;
    explicit AnonymousRoom(PollSpec spec) {
        for (const char* name : {"Ana", "Bo", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal"})
            people.push_back(store->CheckIn(workshop.id, name));
        spec.anonymous = true;
        poll = store->EnsurePoll(workshop.id, "stage-check", spec);
        poll = store->OpenPoll(poll.id);
    }
    std::string KeyFolder() const { return path + "-poll-keys"; }
    const std::string& Id(int i) const { return people[size_t(i)].id; }
};

PollSpec SingleChoice() {
    PollSpec spec;
    spec.kind = PollKind::Single;
    spec.question = "Which stage are we in?";
    spec.options = DevelopmentStages();
    return spec;
}

PollSpec OneItemRating() {
    PollSpec spec;
    spec.purpose = "energy";
    spec.kind = PollKind::Rating;
    spec.question = "How much energy does this give you?";
    spec.scale_min = -5;
    spec.scale_max = 5;
    spec.options = {{"x", "Solve a hard problem"}};
    return spec;
}

int VotesOn(const Tally& tally, const std::string& key) {
    for (const auto& c : tally.options)
        if (c.key == key) return c.votes;
    FAIL("no option " << key << " in the tally");
    return -1;
}

std::vector<std::string> ColumnsOf(RawDb& raw, const std::string& table) {
    std::vector<std::string> names;
    for (const auto& name : raw.Column("SELECT name FROM pragma_table_info('" + table + "')"))
        if (name) names.push_back(*name);
    return names;
}

bool LooksLikeTime(std::string name) {
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    for (const char* word : {"time", "date", "_at", "created", "updated", "when", "stamp", "seq", "order"})
        if (name.find(word) != std::string::npos) return true;
    return name == "at";
}

bool LooksLikePerson(std::string name) {
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    for (const char* word : {"voter", "member", "person", "participant", "who", "name"})
        if (name.find(word) != std::string::npos) return true;
    return false;
}

std::vector<std::string> Texts(const std::vector<std::optional<std::string>>& values) {
    std::vector<std::string> out;
    for (const auto& v : values) out.push_back(v.value_or("<NULL>"));
    return out;
}

bool BytesContain(const std::vector<unsigned char>& bytes, const std::string& text) {
    return std::search(bytes.begin(), bytes.end(), text.begin(), text.end()) != bytes.end();
}

// The database file and its write-ahead log (if any): everything someone copying the folder would get.
std::vector<unsigned char> FileBytes(const std::string& path) {
    std::vector<unsigned char> bytes = ReadBytes(path);
    if (Exists(path + "-wal")) {
        const auto wal = ReadBytes(path + "-wal");
        bytes.insert(bytes.end(), wal.begin(), wal.end());
    }
    return bytes;
}

std::vector<std::string> TokensOf(const std::string& path, const std::string& poll_id) {
    RawDb raw(path, SQLITE_OPEN_READONLY);
    std::vector<std::string> tokens;
    for (const auto& t : raw.Column("SELECT token FROM anonymous_ballot WHERE poll_id = '" + poll_id + "'"))
        if (t) tokens.push_back(*t);
    return tokens;
}

}  // namespace

// ---- The schema ----------------------------------------------------------------------------------------------

TEST_CASE("anonymity: anonymous ballots have no voter column, no timestamp and no rowid", "[anonymity]") {
    AnonymousRoom f(SingleChoice());
    for (int i = 0; i < 4; ++i) f.store->CastBallot(f.poll.id, f.Id(i), "committing");

    RawDb raw(f.path, SQLITE_OPEN_READONLY);
    for (const char* table : {"anonymous_ballot", "ballot_entry"}) {
        INFO(table);
        const auto columns = ColumnsOf(raw, table);
        CHECK_FALSE(columns.empty());
        for (const auto& c : columns) {
            INFO(c);
            CHECK_FALSE(LooksLikePerson(c));
            CHECK_FALSE(LooksLikeTime(c));
        }
        CHECK_FALSE(raw.Prepares(std::string("SELECT rowid FROM ") + table));
        CHECK_FALSE(raw.Prepares(std::string("SELECT _rowid_ FROM ") + table));
        CHECK_FALSE(raw.Prepares(std::string("SELECT oid FROM ") + table));
    }
    // Who voted is kept apart: no timestamp, no ballot, no rowid there either.
    for (const auto& c : ColumnsOf(raw, "poll_voter")) {
        INFO(c);
        CHECK_FALSE(LooksLikeTime(c));
        CHECK(c.find("ballot") == std::string::npos);
    }
    CHECK_FALSE(raw.Prepares("SELECT rowid FROM poll_voter"));

    // Nothing of an anonymous poll goes to the named ballots, and the store never answers "what did X vote".
    CHECK(raw.Text("SELECT count(*) FROM ballot WHERE poll_id = '" + f.poll.id + "'") == "0");
    CHECK(raw.Text("SELECT count(*) FROM anonymous_ballot WHERE poll_id = '" + f.poll.id + "'") == "4");
    for (int i = 0; i < 4; ++i) {
        CHECK_FALSE(f.store->BallotEntriesOf(f.poll.id, f.Id(i)).has_value());
        CHECK_FALSE(f.store->BallotOf(f.poll.id, f.Id(i)).has_value());
    }
    CHECK_THAT(f.store->VotersOf(f.poll.id), UnorderedEquals(std::vector<std::string>{f.Id(0), f.Id(1), f.Id(2), f.Id(3)}));
    CHECK(VotesOn(f.store->TallyOf(f.poll.id), "committing") == 4);
}

// ---- Tokens and their key -----------------------------------------------------------------------------------

TEST_CASE("anonymity: ballot tokens and their key exist only while the poll is open", "[anonymity]") {
    AnonymousRoom f(SingleChoice());
    CHECK(Exists(f.KeyFolder()));
    CHECK(Exists(f.KeyFolder() + "/" + f.poll.id + ".key"));
    for (int i = 0; i < 5; ++i) f.store->CastBallot(f.poll.id, f.Id(i), i % 2 ? "coalescing" : "committing");
    f.store->CastBallot(f.poll.id, f.Id(0), "renewing");  // replaced

    {
        RawDb raw(f.path, SQLITE_OPEN_READONLY);
        const auto tokens = raw.Column("SELECT token FROM anonymous_ballot WHERE poll_id = '" + f.poll.id +
                                       "' AND superseded = 0");
        REQUIRE(tokens.size() == 5);
        std::set<std::string> distinct;
        for (const auto& t : tokens) {
            REQUIRE(t.has_value());
            distinct.insert(*t);
            for (const auto& p : f.people) CHECK(t->find(p.id) == std::string::npos);
        }
        CHECK(distinct.size() == 5);
    }
    f.store->ClosePoll(f.poll.id);
    CHECK_FALSE(Exists(f.KeyFolder()));
    RawDb raw(f.path, SQLITE_OPEN_READONLY);
    CHECK(raw.Text("SELECT count(*) FROM anonymous_ballot WHERE poll_id = '" + f.poll.id + "'") == "6");
    CHECK(raw.Text("SELECT count(*) FROM anonymous_ballot WHERE token IS NOT NULL") == "0");
    const Tally t = f.store->TallyOf(f.poll.id);
    CHECK(t.ballots == 5);
    CHECK(VotesOn(t, "renewing") == 1);
    CHECK(VotesOn(t, "committing") == 2);
    CHECK(VotesOn(t, "coalescing") == 2);
}

TEST_CASE("anonymity: after closing, the file holds no token or key seen while the poll was open", "[anonymity]") {
    AnonymousRoom f(SingleChoice());
    std::string key;
    {
        std::ifstream in(f.KeyFolder() + "/" + f.poll.id + ".key");
        in >> key;
    }
    CHECK(key.size() >= 32);
    for (int i = 0; i < 6; ++i) f.store->CastBallot(f.poll.id, f.Id(i), "stewarding");
    f.store->CastBallot(f.poll.id, f.Id(2), "renewing");
    const std::vector<std::string> tokens = TokensOf(f.path, f.poll.id);
    REQUIRE(tokens.size() == 7);
    for (const auto& t : tokens) CHECK(t.size() == 64);
    // While open they are in the file (or its log): the search below can find them.
    const auto open_bytes = FileBytes(f.path);
    CHECK(std::any_of(tokens.begin(), tokens.end(), [&](const std::string& t) { return BytesContain(open_bytes, t); }));

    f.store->ClosePoll(f.poll.id);
    {
        const auto bytes = FileBytes(f.path);
        for (const auto& t : tokens) {
            INFO("token " << t);
            CHECK_FALSE(BytesContain(bytes, t));
        }
        CHECK_FALSE(BytesContain(bytes, key));
    }
    // And once the store is closed too.
    f.store.reset();
    const auto bytes = FileBytes(f.path);
    for (const auto& t : tokens) CHECK_FALSE(BytesContain(bytes, t));
    CHECK_FALSE(BytesContain(bytes, key));
    CHECK_FALSE(Exists(f.KeyFolder()));
}

TEST_CASE("anonymity: finishing a workshop with an anonymous poll still open erases its tokens and key",
          "[anonymity]") {
    AnonymousRoom f(SingleChoice());
    for (int i = 0; i < 4; ++i) f.store->CastBallot(f.poll.id, f.Id(i), "discovering");
    const std::vector<std::string> tokens = TokensOf(f.path, f.poll.id);
    REQUIRE(tokens.size() == 4);
    f.store->FinishWorkshop(f.workshop.id);
    CHECK(f.store->GetPoll(f.poll.id).status == PollStatus::Closed);
    CHECK(TokensOf(f.path, f.poll.id).empty());
    CHECK_FALSE(Exists(f.KeyFolder()));
    const auto bytes = FileBytes(f.path);
    for (const auto& t : tokens) {
        INFO("token " << t);
        CHECK_FALSE(BytesContain(bytes, t));
    }
    CHECK(f.store->TallyOf(f.poll.id).ballots == 4);
}

// ---- The audit trail ----------------------------------------------------------------------------------------

TEST_CASE("anonymity: the audit trail of anonymous ballots names nobody and points at no ballot", "[anonymity]") {
    AnonymousRoom f(SingleChoice());
    for (int i = 0; i < 5; ++i) f.store->CastBallot(f.poll.id, f.Id(i), "committing");
    f.store->CastBallot(f.poll.id, f.Id(1), "coalescing");
    f.store->ClosePoll(f.poll.id);

    RawDb raw(f.path, SQLITE_OPEN_READONLY);
    const std::string where = "WHERE poll_id = '" + f.poll.id + "'";
    CHECK(raw.Text("SELECT count(*) FROM poll_event " + where + " AND action = 'ballot cast'") == "5");
    CHECK(raw.Text("SELECT count(*) FROM poll_event " + where + " AND action = 'ballot replaced'") == "1");
    CHECK(raw.Text("SELECT count(*) FROM poll_event " + where + " AND member_id IS NOT NULL") == "0");
    for (const auto& c : ColumnsOf(raw, "poll_event")) CHECK(c.find("ballot") == std::string::npos);

    // No value of any audit row is, or contains, an anonymous ballot's id or a voter's id.
    const auto ballot_ids = Texts(raw.Column("SELECT id FROM anonymous_ballot " + where));
    REQUIRE(ballot_ids.size() == 6);
    std::string audit;
    for (const auto& c : ColumnsOf(raw, "poll_event"))
        for (const auto& v : raw.Column("SELECT \"" + c + "\" FROM poll_event " + where)) audit += v.value_or("") + "|";
    for (const auto& id : ballot_ids) CHECK(audit.find(id) == std::string::npos);
    for (const auto& p : f.people) CHECK(audit.find(p.id) == std::string::npos);

    for (const auto& e : f.store->PollEventsOf(f.poll.id)) CHECK(e.member_id.empty());
}

// ---- Replacement ------------------------------------------------------------------------------------------------

TEST_CASE("anonymity: while open, casting again supersedes exactly one ballot, the voter's own", "[anonymity]") {
    AnonymousRoom f(SingleChoice());
    f.store->CastBallot(f.poll.id, f.Id(0), "discovering");
    f.store->CastBallot(f.poll.id, f.Id(1), "discovering");
    f.store->CastBallot(f.poll.id, f.Id(2), "coalescing");
    RawDb raw(f.path, SQLITE_OPEN_READONLY);
    const std::string superseded =
        "SELECT count(*) FROM anonymous_ballot WHERE poll_id = '" + f.poll.id + "' AND superseded = 1";
    CHECK(raw.Text(superseded) == "0");

    f.store->CastBallot(f.poll.id, f.Id(0), "renewing");
    CHECK(raw.Text(superseded) == "1");
    Tally t = f.store->TallyOf(f.poll.id);
    CHECK(t.ballots == 3);
    CHECK(VotesOn(t, "discovering") == 1);
    CHECK(VotesOn(t, "coalescing") == 1);
    CHECK(VotesOn(t, "renewing") == 1);

    f.store->CastBallot(f.poll.id, f.Id(0), "coalescing");
    CHECK(raw.Text(superseded) == "2");
    t = f.store->TallyOf(f.poll.id);
    CHECK(t.ballots == 3);
    CHECK(VotesOn(t, "coalescing") == 2);
    CHECK(VotesOn(t, "renewing") == 0);
    CHECK(VotesOn(t, "discovering") == 1);  // Bo's ballot was not the one replaced
    CHECK(t.leaders == std::vector<std::string>{"coalescing"});
    CHECK(f.store->VotersOf(f.poll.id).size() == 3);
}

TEST_CASE("anonymity: after close and reopen, an earlier voter is refused and a newcomer can vote", "[anonymity]") {
    AnonymousRoom f(SingleChoice());
    f.store->CastBallot(f.poll.id, f.Id(0), "committing");
    f.store->CastBallot(f.poll.id, f.Id(1), "committing");
    f.store->CastBallot(f.poll.id, f.Id(2), "stewarding");
    f.store->ClosePoll(f.poll.id);
    CHECK_FALSE(Exists(f.KeyFolder()));
    f.store->ReopenPoll(f.poll.id);
    CHECK(Exists(f.KeyFolder()));

    const std::string rows = "SELECT count(*) FROM anonymous_ballot WHERE poll_id = '" + f.poll.id + "'";
    std::string before;
    {
        RawDb raw(f.path, SQLITE_OPEN_READONLY);
        before = raw.Text(rows);
    }
    CHECK_THROWS_AS(f.store->CastBallot(f.poll.id, f.Id(0), "renewing"), RuleError);
    CHECK_THROWS_AS(f.store->CastBallot(f.poll.id, f.Id(2), "committing"), RuleError);
    Tally t = f.store->TallyOf(f.poll.id);
    CHECK(t.ballots == 3);
    CHECK(VotesOn(t, "committing") == 2);
    CHECK(VotesOn(t, "renewing") == 0);

    f.store->CastBallot(f.poll.id, f.Id(3), "renewing");
    f.store->CastBallot(f.poll.id, f.Id(4), "stewarding");
    t = f.store->TallyOf(f.poll.id);
    CHECK(t.ballots == 5);
    CHECK_THAT(t.leaders, UnorderedEquals(std::vector<std::string>{"committing", "stewarding"}));
    // The newcomer can still replace their own ballot under the new key.
    f.store->CastBallot(f.poll.id, f.Id(3), "committing");
    t = f.store->TallyOf(f.poll.id);
    CHECK(t.ballots == 5);
    CHECK(VotesOn(t, "committing") == 3);
    CHECK(VotesOn(t, "renewing") == 0);
    {
        RawDb raw(f.path, SQLITE_OPEN_READONLY);
        CHECK(std::stoi(raw.Text(rows)) == std::stoi(before) + 3);  // two new ballots and one replacement
    }
    f.store->ClosePoll(f.poll.id);
    CHECK(TokensOf(f.path, f.poll.id).empty());
    CHECK(f.store->TallyOf(f.poll.id).ballots == 5);
    CHECK(f.store->VotersOf(f.poll.id).size() == 5);
}

// ---- The order of rows in the file -----------------------------------------------------------------------------

namespace {
// Where each text is found inside one b-tree page of the database file (-1 when not found).
struct PageScan {
    int type = -1;
    std::map<std::string, long> offsets;
};

PageScan ScanRootPage(const std::vector<unsigned char>& file, long root, const std::vector<std::string>& texts) {
    PageScan scan;
    long page_size = (long(file.at(16)) << 8) | long(file.at(17));
    if (page_size == 1) page_size = 65536;
    const long start = (root - 1) * page_size;
    REQUIRE(start + page_size <= long(file.size()));
    const auto begin = file.begin() + start, end = begin + page_size;
    scan.type = int(*(begin + (root == 1 ? 100 : 0)));
    for (const auto& text : texts) {
        const auto at = std::search(begin, end, text.begin(), text.end());
        scan.offsets[text] = at == end ? -1 : long(at - begin);
    }
    return scan;
}

// The keys ordered by where their cells sit in the page.
std::vector<std::string> ByOffset(const PageScan& scan) {
    std::vector<std::pair<long, std::string>> pairs;
    for (const auto& [text, offset] : scan.offsets) pairs.emplace_back(offset, text);
    std::sort(pairs.begin(), pairs.end());
    std::vector<std::string> out;
    for (const auto& p : pairs) out.push_back(p.second);
    return out;
}
}  // namespace

TEST_CASE("anonymity: the order of cells in the closed file does not pair voters with their ballots",
          "[anonymity][file-order]") {
    // Eight people each give a different score, so a ballot's content says whose it is. An attacker with the
    // file sorts who-voted rows and ballot rows by where they sit in their pages and pairs them up.
    AnonymousRoom f(OneItemRating());
    std::map<std::string, int> score_of;  // member id -> score
    for (int i = 0; i < 8; ++i) {
        score_of[f.Id(i)] = i - 4;
        f.store->CastBallot(f.poll.id, f.Id(i), BallotEntries{{"x", i - 4}});
    }
    f.store->ClosePoll(f.poll.id);
    CHECK(f.store->TallyOf(f.poll.id).ballots == 8);
    const std::string path = f.path;
    const std::string poll_id = f.poll.id;
    f.store.reset();  // everything is in the database file now

    std::map<std::string, int> score_of_ballot;  // anonymous ballot id -> score
    long voter_root = 0, entry_root = 0, ballot_root = 0;
    {
        RawDb raw(path, SQLITE_OPEN_READONLY);
        for (const auto& id : raw.Column("SELECT id FROM anonymous_ballot WHERE poll_id = '" + poll_id + "'"))
            score_of_ballot[*id] = std::stoi(raw.Text("SELECT value FROM ballot_entry WHERE ballot_id = '" + *id + "'"));
        voter_root = std::stol(raw.Text("SELECT rootpage FROM sqlite_schema WHERE name = 'poll_voter'"));
        entry_root = std::stol(raw.Text("SELECT rootpage FROM sqlite_schema WHERE name = 'ballot_entry'"));
        ballot_root = std::stol(raw.Text("SELECT rootpage FROM sqlite_schema WHERE name = 'anonymous_ballot'"));
    }
    REQUIRE(score_of_ballot.size() == 8);
    const auto file = ReadBytes(path);

    std::vector<std::string> voters, ballots;
    for (const auto& [id, score] : score_of) voters.push_back(id);
    for (const auto& [id, score] : score_of_ballot) ballots.push_back(id);
    const PageScan voter_scan = ScanRootPage(file, voter_root, voters);
    REQUIRE(voter_scan.type == 10);  // one leaf page: every row's cell is in it
    for (const auto& [id, offset] : voter_scan.offsets) REQUIRE(offset >= 0);
    const std::vector<std::string> voter_order = ByOffset(voter_scan);

    for (const auto& [table, root] : {std::pair<std::string, long>{"ballot_entry", entry_root},
                                      std::pair<std::string, long>{"anonymous_ballot", ballot_root}}) {
        INFO("voters' cells against " << table << "'s cells");
        const PageScan scan = ScanRootPage(file, root, ballots);
        REQUIRE(scan.type == 10);
        for (const auto& [id, offset] : scan.offsets) REQUIRE(offset >= 0);
        const std::vector<std::string> ballot_order = ByOffset(scan);
        int linked = 0;
        for (size_t i = 0; i < voter_order.size(); ++i)
            if (score_of.at(voter_order[i]) == score_of_ballot.at(ballot_order[i])) ++linked;
        // By chance all eight pair up once in 40320 tries; a file that keeps the order of casting pairs them always.
        CHECK(linked < 8);
    }
}

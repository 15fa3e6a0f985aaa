// A community's history (facilitation/history.h): the comparison pair, what changed between two workshops,
// and the commitment ledger, on hand-made values and on the demo (a launch and its renewal).
#include <catch2/catch.hpp>

#include <algorithm>

#include "facilitation/demo.h"
#include "facilitation/history.h"
#include "facilitation/outcome.h"
#include "store_helpers.h"

using namespace facilitation;
using namespace copk_test;

namespace {
Workshop MakeWorkshop(const std::string& id, const std::string& started_at) {
    Workshop w;
    w.id = id;
    w.started_at = started_at;
    w.ended_at = started_at;
    return w;
}

Commitment MakeCommitment(const std::string& id, const std::string& workshop, CommitmentStatus status,
                          const std::string& reviewed_in = "", const std::string& carried_from = "") {
    Commitment c;
    c.id = id;
    c.workshop_id = workshop;
    c.what = "do " + id;
    c.status = status;
    c.reviewed_in_workshop_id = reviewed_in;
    c.carried_from_id = carried_from;
    c.member_names = {"Ana", "Bo"};
    return c;
}

const ComparisonSection& Section(const std::vector<ComparisonSection>& sections, const std::string& key) {
    for (const auto& s : sections)
        if (s.key == key) return s;
    FAIL("no section " << key);
    return sections.front();
}

struct Demo {
    TempDir dir;
    std::unique_ptr<Store> store = Store::Open(dir.File("demo.db"));
    std::string renewal_id = CreateDemo(*store, COPK_TEST_DATA_DIR "/templates");
    Workshop renewal = store->GetWorkshop(renewal_id);
    std::string launch_id = renewal.previous_workshop_id;
};
}  // namespace

TEST_CASE("history: the comparison pair is ordered older then newer, whichever was picked first", "[history]") {
    const std::vector<Workshop> ws = {MakeWorkshop("c", "2027-01-01T00:00:00Z"), MakeWorkshop("a", "2025-01-01T00:00:00Z"),
                                      MakeWorkshop("b", "2026-01-01T00:00:00Z")};
    const auto pair = DefaultComparisonPair(ws);
    REQUIRE(pair);
    CHECK(pair->older_id == "b");
    CHECK(pair->newer_id == "c");
    const auto picked = OrderComparisonPair(ws, "c", "a");
    REQUIRE(picked);
    CHECK(picked->older_id == "a");
    CHECK(picked->newer_id == "c");
    CHECK_FALSE(OrderComparisonPair(ws, "a", "a"));
    CHECK_FALSE(OrderComparisonPair(ws, "a", "zz"));
    CHECK_FALSE(DefaultComparisonPair({MakeWorkshop("a", "2025-01-01T00:00:00Z")}));
}

TEST_CASE("history: touching a picked workshop unpicks it; a third pick replaces the first", "[history]") {
    std::vector<std::string> picks;
    TogglePick(picks, "a");
    TogglePick(picks, "b");
    CHECK(picks == std::vector<std::string>{"a", "b"});
    TogglePick(picks, "c");
    CHECK(picks == std::vector<std::string>{"b", "c"});
    TogglePick(picks, "b");
    CHECK(picks == std::vector<std::string>{"c"});
}

TEST_CASE("history: the ledger links a carried commitment to its continuation and counts kept rates", "[history]") {
    const std::vector<Workshop> ws = {MakeWorkshop("launch", "2025-01-01T00:00:00Z"),
                                      MakeWorkshop("renewal", "2026-01-01T00:00:00Z")};
    std::map<std::string, std::vector<Commitment>> made;
    made["launch"] = {MakeCommitment("k", "launch", CommitmentStatus::Kept, "renewal"),
                      MakeCommitment("c", "launch", CommitmentStatus::Carried, "renewal"),
                      MakeCommitment("d", "launch", CommitmentStatus::Dropped, "renewal"),
                      MakeCommitment("o", "launch", CommitmentStatus::Open)};
    made["renewal"] = {MakeCommitment("c2", "renewal", CommitmentStatus::Kept, "", "c")};
    made["renewal"][0].whole_community = true;
    const CommitmentLedger ledger = BuildLedger(ws, made);
    REQUIRE(ledger.workshops.size() == 2);
    CHECK(ledger.workshops[0].workshop.id == "renewal");  // newest first
    REQUIRE(ledger.rows.size() == 5);
    CHECK(ledger.rows[0].commitment.id == "c2");
    CHECK(ledger.rows[0].who == "the whole community");
    CHECK(ledger.rows[1].who == "Ana, Bo");
    CHECK(ledger.rows[0].continues == 2);
    CHECK(ledger.rows[2].commitment.id == "c");
    CHECK(ledger.rows[2].continued_by == 0);
    CHECK(ledger.rows[1].reviewed_in == 0);
    CHECK(ledger.rows[4].reviewed_in == -1);
    // Launch: made 4, 3 reviewed, 1 kept. The renewal's review settled those 3: 1 kept of 3.
    CHECK(ledger.workshops[1].made == 4);
    CHECK(ledger.workshops[1].made_reviewed == 3);
    CHECK(*ledger.workshops[1].made_kept_rate == Approx(1.0 / 3));
    CHECK(ledger.workshops[0].reviewed_here == 3);
    CHECK(*ledger.workshops[0].review_kept_rate == Approx(1.0 / 3));
    CHECK_FALSE(ledger.workshops[1].review_kept_rate);
    // Overall: k and c2 kept, c and d not, o still open: 2 of 4.
    CHECK(*ledger.kept_rate == Approx(0.5));
    CHECK(ledger.by_status.at(CommitmentStatus::Open) == 1);
    CHECK(PercentText(ledger.kept_rate) == "50%");
    CHECK(PercentText(std::nullopt) == "\u2014");
}

TEST_CASE("history: the demo's ledger holds both workshops' commitments and the review's kept rate", "[history]") {
    Demo d;
    const CommitmentLedger ledger = LoadLedger(*d.store, d.renewal.community_id);
    REQUIRE(ledger.workshops.size() == 2);
    CHECK(ledger.workshops[0].workshop.id == d.renewal_id);
    const size_t made = d.store->CommitmentsOf(d.launch_id).size() + d.store->CommitmentsOf(d.renewal_id).size();
    CHECK(ledger.rows.size() == made);
    const WorkshopRecord renewal = LoadWorkshopRecord(*d.store, d.renewal_id);
    REQUIRE(renewal.kept_rate);
    REQUIRE(ledger.workshops[0].review_kept_rate);
    CHECK(*ledger.workshops[0].review_kept_rate == Approx(*renewal.kept_rate));
    // One launch commitment was carried forward into the renewal: both ends of the link are there.
    const auto carried = std::find_if(ledger.rows.begin(), ledger.rows.end(),
                                      [](const LedgerRow& r) { return r.commitment.status == CommitmentStatus::Carried; });
    REQUIRE(carried != ledger.rows.end());
    REQUIRE(carried->continued_by >= 0);
    const LedgerRow& continuation = ledger.rows[static_cast<size_t>(carried->continued_by)];
    CHECK(continuation.commitment.carried_from_id == carried->commitment.id);
    CHECK(continuation.made_in == 0);
    CHECK(carried->made_in == 1);
    CHECK(carried->reviewed_in == 0);
}

TEST_CASE("history: the comparison of the demo says what outcome.json's changes_since_previous says", "[history]") {
    Demo d;
    const WorkshopRecord launch = LoadWorkshopRecord(*d.store, d.launch_id);
    const WorkshopRecord renewal = LoadWorkshopRecord(*d.store, d.renewal_id);
    const auto sections = BuildComparison(launch, renewal);
    const auto changes = BuildOutcome(*d.store, d.renewal_id)["changes_since_previous"];

    const auto& roles = Section(sections, "roles");
    REQUIRE(roles.rows.size() == changes["roles"].size());
    for (size_t i = 0; i < roles.rows.size(); ++i) {
        CAPTURE(roles.rows[i].label);
        CHECK(roles.rows[i].label == changes["roles"][i]["title"].get<std::string>());
        CHECK((roles.rows[i].mark != ChangeMark::Same) == changes["roles"][i]["changed"].get<bool>());
    }
    const auto& tasks = Section(sections, "tasks");
    REQUIRE(tasks.rows.size() == changes["tasks"].size());
    for (size_t i = 0; i < tasks.rows.size(); ++i) {
        const auto& t = changes["tasks"][i];
        CAPTURE(tasks.rows[i].label);
        CHECK(tasks.rows[i].label == t["title"].get<std::string>());
        CHECK((tasks.rows[i].mark == ChangeMark::New) == t["before_rank"].is_null());
        CHECK((tasks.rows[i].mark == ChangeMark::Dropped) == t["after_rank"].is_null());
        if (!t["after_rank"].is_null())
            CHECK(tasks.rows[i].after.rfind("#" + std::to_string(t["after_rank"].get<int>()) + " ", 0) == 0);
    }
    const auto& rhythm = Section(sections, "rhythm");
    CHECK(rhythm.rows.size() == changes["rhythm"]["added"].size() + changes["rhythm"]["removed"].size() +
                                    changes["rhythm"]["kept"].size());
    const auto& health = Section(sections, "health");
    CHECK(health.rows.size() == changes["health"].size());
    const auto& stage = Section(sections, "stage");
    REQUIRE(stage.rows.size() == 1);
    CHECK((stage.rows[0].mark == ChangeMark::Same) ==
          (changes["stage_check"]["before"] == changes["stage_check"]["after"]));
    // The commitments: the renewal's review kept rate on its side, nothing on the launch's.
    const auto& commitments = Section(sections, "commitments");
    CHECK(commitments.rows[2].before == "\u2014");
    CHECK(commitments.rows[2].after == PercentText(renewal.kept_rate));
    CHECK(commitments.rows[2].mark == ChangeMark::New);
}

TEST_CASE("history: health ratings going up are worse, going down better", "[history]") {
    WorkshopRecord a, b;
    a.workshop = MakeWorkshop("a", "2025-01-01T00:00:00Z");
    b.workshop = MakeWorkshop("b", "2026-01-01T00:00:00Z");
    const auto sections = BuildComparison(a, b);
    CHECK(Section(sections, "health").rows.empty());  // neither had a health pulse
    CHECK(Section(sections, "stage").rows[0].before == "\u2014");
    CHECK(std::string(ChangeMarkText(ChangeMark::Worse)) == "\u2191 worse");
    CHECK(std::string(ChangeMarkText(ChangeMark::Dropped)) == "\u2717 dropped");
}

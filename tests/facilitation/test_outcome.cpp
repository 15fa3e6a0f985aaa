// outcome.json, format cop-kiosk.outcome/1: the contract coordinators' tools read. Built from the demo workshop.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "facilitation/demo.h"
#include "facilitation/domain/time_util.h"
#include "facilitation/outcome.h"
#include "store_helpers.h"

using namespace facilitation;
using namespace copk_test;
using nlohmann::json;

namespace {

const std::string kTemplatesDir = COPK_TEST_DATA_DIR "/templates";

std::set<std::string> KeysOf(const json& object) {
    std::set<std::string> keys;
    for (auto it = object.begin(); it != object.end(); ++it) keys.insert(it.key());
    return keys;
}

// Once shipped a key keeps its meaning; later issues may add keys. So every listed key must be there.
void CheckKeys(const json& object, const std::set<std::string>& keys) {
    REQUIRE(object.is_object());
    const std::set<std::string> present = KeysOf(object);
    for (const auto& key : keys) {
        CAPTURE(key);
        CHECK(present.count(key) == 1);
    }
}

struct Demo {
    TempDir dir;
    std::unique_ptr<Store> store = Store::Open(dir.File("demo.db"));
    std::string workshop_id = CreateDemo(*store, kTemplatesDir);
    json outcome = BuildOutcome(*store, workshop_id);
};

}  // namespace

TEST_CASE("outcome: the demo's outcome has every key of the contract, with their types", "[outcome]") {
    Demo d;
    const json& j = d.outcome;
    CheckKeys(j, {"format", "community", "workshop", "participants", "stages", "polls", "roles", "rhythm", "tasks",
                  "commitments", "voice", "health", "review", "changes_since_previous"});
    REQUIRE(j["format"].is_string());
    CHECK(j["format"] == "cop-kiosk.outcome/1");
    CHECK(j["format"] == kOutcomeFormat);

    const json& community = j["community"];
    CheckKeys(community, {"id", "name", "domain"});
    CHECK(community["id"].is_string());
    CHECK(community["name"].is_string());
    CHECK(community["domain"].is_string());

    const json& workshop = j["workshop"];
    CheckKeys(workshop, {"id", "kind", "template", "started_at", "ended_at", "previous_workshop"});
    for (const char* key : {"id", "kind", "template", "started_at", "ended_at"}) {
        CAPTURE(key);
        CHECK(workshop[key].is_string());
    }

    REQUIRE(j["participants"].is_array());
    for (const json& p : j["participants"]) {
        CheckKeys(p, {"id", "name"});
        CHECK(p["id"].is_string());
        CHECK(p["name"].is_string());
    }

    REQUIRE(j["stages"].is_array());
    for (const json& s : j["stages"]) {
        CheckKeys(s, {"key", "title", "kind", "started_at", "ended_at"});
        for (const char* key : {"key", "title", "kind", "started_at", "ended_at"}) {
            CAPTURE(key);
            CHECK(s[key].is_string());
        }
    }

    REQUIRE(j["polls"].is_array());
    for (const json& p : j["polls"]) {
        CheckKeys(p, {"id", "stage", "kind", "question", "anonymous", "status", "ballots", "options"});
        CHECK(p["id"].is_string());
        CHECK(p["stage"].is_string());
        CHECK(p["kind"].is_string());
        CHECK(p["question"].is_string());
        CHECK(p["anonymous"].is_boolean());
        REQUIRE(p["status"].is_string());
        CHECK(PollStatusFromString(p["status"].get<std::string>()).has_value());
        CHECK(p["ballots"].is_number_integer());
        REQUIRE(p["options"].is_array());
        for (const json& o : p["options"]) {
            CheckKeys(o, {"key", "label", "votes"});
            CHECK(o["key"].is_string());
            CHECK(o["label"].is_string());
            CHECK(o["votes"].is_number_integer());
        }
    }
}

TEST_CASE("outcome: the demo's outcome agrees with the store", "[outcome]") {
    Demo d;
    const json& j = d.outcome;
    CHECK_NOTHROW(j.dump());  // valid UTF-8 throughout, accents included
    const Workshop w = d.store->GetWorkshop(d.workshop_id);
    const Community c = d.store->GetCommunity(w.community_id);

    CHECK(j["community"]["id"] == c.id);
    CHECK(j["community"]["name"] == c.name);
    CHECK(j["community"]["domain"] == c.domain);
    CHECK_FALSE(c.name.empty());

    CHECK(j["workshop"]["id"] == d.workshop_id);
    CHECK(j["workshop"]["kind"] == "renewal");
    CHECK(j["workshop"]["started_at"] == w.started_at);

    const auto participants = d.store->ParticipantsOf(d.workshop_id);
    CHECK_FALSE(participants.empty());
    REQUIRE(j["participants"].size() == participants.size());
    for (size_t i = 0; i < participants.size(); ++i) {
        CHECK(j["participants"][i]["id"] == participants[i].id);
        CHECK(j["participants"][i]["name"] == participants[i].name);
    }

    const auto stages = d.store->StagesOf(d.workshop_id);
    REQUIRE(j["stages"].size() == stages.size());
    for (size_t i = 0; i < stages.size(); ++i) {
        CAPTURE(i);
        CHECK(j["stages"][i]["key"] == stages[i].key);
        CHECK(j["stages"][i]["title"] == stages[i].title);
        CHECK(j["stages"][i]["kind"] == ToString(stages[i].kind));
        CHECK(j["stages"][i]["started_at"] == stages[i].started_at);
        CHECK(j["stages"][i]["ended_at"] == stages[i].ended_at);
    }
}

TEST_CASE("outcome: the demo's renewal follows a completed launch workshop", "[outcome][demo]") {
    Demo d;
    const std::string launch_id = d.outcome["workshop"]["previous_workshop"].get<std::string>();
    CHECK(d.store->GetWorkshop(launch_id).kind == "launch");
    CHECK(d.store->GetWorkshop(launch_id).ended_at < d.store->GetWorkshop(d.workshop_id).started_at);
    const json j = BuildOutcome(*d.store, launch_id);
    const std::string started = j["workshop"]["started_at"].get<std::string>();
    const std::string ended = j["workshop"]["ended_at"].get<std::string>();
    CHECK_FALSE(ended.empty());
    CHECK(ParseUtc(started).has_value());
    CHECK(ParseUtc(ended).has_value());
    CHECK(started <= ended);
    CHECK_FALSE(d.store->GetWorkshop(d.workshop_id).IsRunning());

    const Template launch = LoadTemplate(kTemplatesDir, "launch");
    REQUIRE(j["stages"].size() == launch.stages.size());
    for (size_t i = 0; i < launch.stages.size(); ++i) {
        CHECK(j["stages"][i]["key"] == launch.stages[i].key);
        CHECK(j["stages"][i]["kind"] == ToString(launch.stages[i].kind));
        // A completed workshop: every stage was entered and left, in order.
        const std::string s = j["stages"][i]["started_at"].get<std::string>();
        const std::string e = j["stages"][i]["ended_at"].get<std::string>();
        CHECK(ParseUtc(s).has_value());
        CHECK(ParseUtc(e).has_value());
        CHECK(s <= e);
        CHECK(started <= s);
        CHECK(e <= ended);
    }
}

TEST_CASE("outcome: the stage-check poll's votes add up to its ballots", "[outcome][demo]") {
    Demo d;
    const json& j = d.outcome;
    const std::string stage_key = StageCheckKey(LoadTemplate(kTemplatesDir, "renewal"));
    const json* stage_check = nullptr;
    for (const json& p : j["polls"])
        if (p["stage"] == stage_key) stage_check = &p;
    REQUIRE(stage_check != nullptr);
    const json& p = *stage_check;
    CHECK(p["kind"] == "single");

    std::vector<std::string> keys;
    int sum = 0;
    for (const json& o : p["options"]) {
        keys.push_back(o["key"].get<std::string>());
        CHECK(o["votes"].get<int>() >= 0);
        sum += o["votes"].get<int>();
    }
    std::vector<std::string> stages;
    for (const auto& o : DevelopmentStages()) stages.push_back(o.key);
    CHECK(keys == stages);
    const int ballots = p["ballots"].get<int>();
    CHECK(sum == ballots);
    CHECK(ballots > 0);  // the demo gives every screen content
    CHECK(ballots <= int(j["participants"].size()));
    CHECK(ballots == d.store->TallyOf(p["id"].get<std::string>()).ballots);
}

TEST_CASE("outcome: an unknown workshop has no outcome", "[outcome]") {
    TempDir dir;
    auto store = Store::Open(dir.File("kiosk.db"));
    try {
        BuildOutcome(*store, "00000000-0000-4000-8000-000000000000");
        FAIL("an outcome was built");
    } catch (const StoreError& e) {
        CHECK(e.kind == StoreError::Kind::NotFound);
    }
}

TEST_CASE("outcome: WriteOutcomeFiles writes a parseable outcome.json and nothing else", "[outcome][files]") {
    Demo d;
    const std::string out = d.dir.File("export");
    std::filesystem::create_directory(out);
    const std::string written = WriteOutcomeFiles(*d.store, d.workshop_id, out);
    CHECK(std::filesystem::path(written) == std::filesystem::path(out) / "outcome.json");
    REQUIRE(Exists(out + "/outcome.json"));

    std::ifstream in(out + "/outcome.json");
    json parsed;
    REQUIRE_NOTHROW(parsed = json::parse(in));
    CHECK(parsed == d.outcome);
    CHECK(parsed["format"] == kOutcomeFormat);

    // Written atomically: no temporary file is left beside it.
    std::vector<std::string> entries;
    for (const auto& entry : std::filesystem::directory_iterator(out)) entries.push_back(entry.path().filename());
    CHECK(entries == std::vector<std::string>{"outcome.json"});

    // Writing again replaces the file with the current outcome.
    const Community extra = d.store->CreateCommunity("Unrelated", "");
    (void)extra;
    WriteOutcomeFiles(*d.store, d.workshop_id, out);
    std::ifstream again(out + "/outcome.json");
    CHECK(json::parse(again) == d.outcome);
}

// Test helper (tests/kiosk/test_free_text.py, tests/e2e/test_free_text_screens.py): writes awkward free text into a
// database through the store, exactly as the screens do, and reports what the store refused.
//   copk_free_text_seed DB CORPUS.json
// CORPUS.json: {"community": name, "domain": text, "kept": [texts], "refused": [texts],
//               "communities": true|false (one more community per kept text), "finish": true|false,
//               "long": {"task": [texts], "commitment": [texts], "message": [texts]} (more items of one field)}
// With the launch template: every kept text is checked in as a person, proposed as a task, committed (by that
// person, due in 7 days), said to the sponsor or the organization, and named as a rhythm activity (convened by
// that person); the first people take the roles; everyone votes in the stage check and rates and dots the tasks.
// Each refused text is offered to every call that takes typed text. Prints JSON on stdout:
//   {"community_id", "workshop_id", "refusals": [{"field", "text", "message"}], "accepted": [{"field", "text"}]}
// where "accepted" lists refused-corpus texts the store took (the test fails on them). Exit 0, or 1 with a line.
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "facilitation/domain/time_util.h"
#include "facilitation/paths.h"
#include "facilitation/store/store.h"
#include "facilitation/templates.h"

using namespace facilitation;
using nlohmann::json;

namespace {

std::string InDays(int days) {
    CivilDate today;
    CivilDate::Parse(NowUtc().substr(0, 10), today);
    return AddDays(today, days).Iso();
}

RhythmDecision Activity(const std::string& activity, const std::string& convener) {
    RhythmDecision d;
    d.activity = activity;
    d.recurrence.frequency = Frequency::Monthly;
    d.recurrence.interval = 1;
    d.recurrence.weekdays = {3};
    d.recurrence.set_position = 1;  // the first Thursday
    CivilDate::Parse(InDays(30), d.recurrence.start_date);
    d.recurrence.start_minutes = 17 * 60;
    d.recurrence.duration_minutes = 60;
    d.format = "hybrid";
    d.convener_id = convener;
    return d;
}

const Stage& StageOf(const std::vector<Stage>& stages, StageKind kind) {
    for (const Stage& s : stages)
        if (s.kind == kind) return s;
    throw Error("the launch template has no stage of kind " + std::string(ToString(kind)));
}

void Reveal(Store& store, const Poll& poll, const std::function<void(const Poll&)>& cast) {
    store.OpenPoll(poll.id);
    cast(poll);
    store.ClosePoll(poll.id);
    store.RevealPoll(poll.id);
}

int Run(const std::string& db, const std::string& corpus_path) {
    std::ifstream corpus_file(corpus_path, std::ios::binary);
    if (!corpus_file) throw Error("cannot read " + corpus_path);
    const json corpus = json::parse(std::string(std::istreambuf_iterator<char>(corpus_file), {}));
    const auto kept = corpus.at("kept").get<std::vector<std::string>>();
    const auto refused = corpus.value("refused", std::vector<std::string>{});

    auto store = Store::Open(db);
    const Community community = store->CreateCommunity(corpus.at("community"), corpus.value("domain", ""));
    if (corpus.value("communities", false))
        for (const std::string& text : kept) store->CreateCommunity(text, text);
    const Workshop workshop = store->StartWorkshop(community.id, LoadTemplate(TemplatesDir(), "launch"));
    const std::string id = workshop.id;
    const std::vector<Stage> stages = store->StagesOf(id);
    const std::string tasks_stage = StageOf(stages, StageKind::Tasks).key;
    const std::string today = NowUtc().substr(0, 10);

    // What the store refuses: every typed-text call, each text of the refused corpus.
    json refusals = json::array(), accepted = json::array();
    const std::vector<std::pair<std::string, std::function<void(const std::string&)>>> calls = {
        {"community name", [&](const std::string& t) { store->CreateCommunity(t, ""); }},
        {"domain statement", [&](const std::string& t) { store->SetCommunityDomain(community.id, t); }},
        {"name", [&](const std::string& t) { store->CheckIn(id, t); }},
        {"task", [&](const std::string& t) { store->ProposeTask(id, tasks_stage, t); }},
        {"commitment",
         [&](const std::string& t) {
             Store::CommitmentDraft draft;
             draft.what = t;
             draft.due = InDays(7);
             draft.whole_community = true;
             store->AddCommitment(id, draft, today);
         }},
        {"message", [&](const std::string& t) { store->AddVoice(id, "sponsor", t); }},
        {"activity", [&](const std::string& t) { store->AddRhythm(id, Activity(t, "")); }},
    };
    for (const std::string& text : refused)
        for (const auto& [field, call] : calls) {
            if (field == "domain statement" && text.find_first_not_of(" \t\r\n") == std::string::npos)
                continue;  // blank: "no statement yet", which is allowed
            try {
                call(text);
                accepted.push_back({{"field", field}, {"text", text}});
            } catch (const RuleError& error) {
                refusals.push_back({{"field", field}, {"message", error.what()}});
            }
        }

    // What the store keeps: every field, every text.
    std::vector<std::string> people;
    std::vector<Task> tasks;
    for (size_t i = 0; i < kept.size(); ++i) {
        const std::string& text = kept[i];
        people.push_back(store->CheckIn(id, text).id);
        tasks.push_back(store->ProposeTask(id, tasks_stage, text));
        Store::CommitmentDraft draft;
        draft.what = text;
        draft.due = InDays(7 + static_cast<int>(i));
        draft.member_ids = {people.back()};
        draft.task_id = tasks.back().id;
        store->AddCommitment(id, draft, today);
        store->AddVoice(id, i % 2 ? "organization" : "sponsor", text);
        store->AddRhythm(id, Activity(text, people.back()));
    }
    const json long_texts = corpus.value("long", json::object());
    for (const std::string& text : long_texts.value("task", std::vector<std::string>{}))
        tasks.push_back(store->ProposeTask(id, tasks_stage, text));
    for (const std::string& text : long_texts.value("commitment", std::vector<std::string>{})) {
        Store::CommitmentDraft draft;
        draft.what = text;
        draft.due = InDays(30);
        draft.whole_community = true;
        store->AddCommitment(id, draft, today);
    }
    for (const std::string& text : long_texts.value("message", std::vector<std::string>{}))
        store->AddVoice(id, "sponsor", text);
    const std::vector<RoleDefinition> roles = store->RolesOf(id);
    for (size_t i = 0; i < roles.size() && i < people.size(); ++i) store->AssignRole(id, roles[i].key, people[i]);

    // Votes, so that results show the texts too: the stage check, and the tasks' energy, importance and dots.
    const char* stages_of_development[] = {"discovering", "coalescing", "committing", "stewarding", "renewing"};
    Reveal(*store, store->EnsureStageCheckPoll(id, StageOf(stages, StageKind::StageCheck).key), [&](const Poll& poll) {
        for (size_t i = 0; i < people.size(); ++i) store->CastBallot(poll.id, people[i], stages_of_development[i % 5]);
    });
    Store::TaskVoteRules rules;
    rules.budget = 3;
    const Store::TaskPolls polls = store->OpenTaskVote(id, tasks_stage, rules);
    for (size_t p = 0; p < people.size(); ++p) {
        BallotEntries energy, importance, dots;
        for (size_t t = 0; t < tasks.size(); ++t) {
            energy[tasks[t].id] = static_cast<int>((p + t) % 5) - 2;
            importance[tasks[t].id] = static_cast<int>((p * 3 + t) % 3) + 1;
        }
        dots[tasks[p % tasks.size()].id] = 3;
        store->CastBallots(people[p], {{polls.energy.id, energy}, {polls.importance.id, importance}, {polls.dots.id, dots}});
    }
    store->MovePolls({polls.energy.id, polls.importance.id, polls.dots.id}, PollStatus::Closed);
    store->MovePolls({polls.energy.id, polls.importance.id, polls.dots.id}, PollStatus::Revealed);

    store->GoToStage(id, stages.back().position);
    if (corpus.value("finish", true)) store->FinishWorkshop(id);
    const json report{{"community_id", community.id}, {"workshop_id", id}, {"refusals", refusals}, {"accepted", accepted}};
    std::cout << report.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: copk_free_text_seed DB CORPUS.json\n";
        return 2;
    }
    try {
        return Run(argv[1], argv[2]);
    } catch (const std::exception& error) {
        std::cerr << "copk_free_text_seed: " << error.what() << "\n";
        return 1;
    }
}

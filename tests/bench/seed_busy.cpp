// Benchmark helper (scripts/bench): busy databases for the GUI's benchmarks, written through the store as the
// program itself writes them, and a watcher that sees ballots from another connection.
//   copk_bench_seed tasks DB STATE [PEOPLE TASKS]
//       a running launch workshop at its tasks stage: PEOPLE checked in (200), TASKS candidate tasks (50); STATE
//       "open": three in four have voted, the vote still open; "open-live": the same with live results (the
//       projector shows the ranking and chart as they grow); "revealed": all have voted (live results on) and
//       the results (ranking and quadrant chart) are shown
//   copk_bench_seed compare DB [PEOPLE TASKS]
//       a finished launch and a finished renewal a year later, each with PEOPLE, TASKS tasks voted on, a stage
//       check and roles: what the Review's comparison screen compares
//   copk_bench_seed bigpoll DB BALLOTS
//       a running launch at its domain stage with BALLOTS people checked in, the next stage's stage check
//       revealed with a ballot from each (named: an anonymous poll's ballots cost more to cast the more it has,
//       see the store's RewriteAnonymousRows, which would make seeding 10,000 take minutes)
//   copk_bench_seed vote DB PEOPLE
//       a running launch at its stage check with the vote open and PEOPLE checked in; prints the poll id
//   copk_bench_seed timer DB
//       a running launch at its domain stage with the stage's countdown running
//   copk_bench_seed watch DB POLL
//       from its own connection, looks at POLL's tally every 0.2 ms and prints "SECONDS BALLOTS SIGNATURE"
//       (CLOCK_MONOTONIC) each time it changes, until its standard input closes
// Names and votes are made up but varied (accents, lengths), the same on every run.
#include <poll.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "facilitation/model.h"
#include "facilitation/paths.h"
#include "facilitation/store/store.h"
#include "facilitation/templates.h"

using namespace facilitation;

namespace {

// ---- Made-up but varied content ---------------------------------------------------------------
const char* kFirst[] = {"Amélie", "Bongani", "Chloé", "Dev", "Élodie", "Farid", "Grace", "Hiroshi", "Ingrid", "José",
                        "Kwame", "Lena", "Mateus", "Noor", "Olusegun", "Pilar", "Quentin", "Rosa", "Søren", "Tomasz",
                        "Ulla", "Valentina", "Wiremu", "Xiadani", "Yusuf", "Zofia", "Aroha", "Bjørn", "Carmen",
                        "Dmitri", "Eun-ji", "François", "Guadalupe", "Hamid", "Isabelle", "Jürgen", "Kateřina",
                        "Leilani", "Maximilian", "Nkechi"};
const char* kLast[] = {"Laurent", "Dlamini", "Martin", "Patel", "Dupré", "Haddad", "O'Neill", "Tanaka", "Solberg",
                       "García", "Mensah", "Schmidt", "Oliveira", "Rahman", "Adeyemi", "Fernández-Castillo",
                       "Lefèvre", "Kowalczyk", "Nakamura-Whitfield", "Andersen", "Ngata", "Novák", "Østergaard",
                       "Papadopoulos", "Van der Berg"};
const char* kVerbs[] = {"Compare", "Document", "Debate", "Train newcomers in", "Review", "Set a standard for",
                        "Build a shared library of", "Visit other plants to study", "Collect monthly data on",
                        "Write a guide to"};
const char* kObjects[] = {"lab methods across plants", "the new turbidity standard",
                          "sampling routes and their pitfalls, season by season", "chlorine dosing after heavy rain",
                          "what we learned from last winter's contamination scare"};

// Unique for i < 1000; beyond that (a poll of 10,000) a middle initial keeps them apart, up to 26,000.
std::string PersonName(int i) {
    const std::string middle = i < 1000 ? std::string() : std::string(1, static_cast<char>('A' + i / 1000 % 26)) + ". ";
    return std::string(kFirst[i % 40]) + " " + middle + kLast[(7 * i + i / 40) % 25];
}

std::string TaskTitle(int i) { return std::string(kVerbs[i % 10]) + " " + kObjects[(i / 10 + i) % 5]; }

// A small deterministic generator, so every run seeds the same votes.
struct Random {
    unsigned long long state;
    int Next(int n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<int>((state >> 33) % static_cast<unsigned long long>(n));
    }
};

const Stage& StageOfKind(const std::vector<Stage>& stages, StageKind kind) {
    for (const Stage& s : stages)
        if (s.kind == kind) return s;
    throw Error(std::string("the template has no stage of kind ") + ToString(kind));
}

std::vector<std::string> CheckInPeople(Store& store, const std::string& workshop_id, int people) {
    std::vector<std::string> ids;
    for (int i = 0; i < people; ++i) ids.push_back(store.CheckIn(workshop_id, PersonName(i)).id);
    return ids;
}

// ---- Workshops ----------------------------------------------------------------------------------
// The tasks stage: TASKS tasks, the vote opened with live results, `voters` of the people voting. Each task
// leans towards one quadrant so the chart spreads; each person rates every task and spends the stage's dots.
void TaskVote(Store& store, const std::string& workshop_id, const Stage& stage, const std::vector<std::string>& people,
              int tasks, size_t voters, bool live, Random& random) {
    std::vector<Task> list;
    for (int i = 0; i < tasks; ++i) list.push_back(store.ProposeTask(workshop_id, stage.key, TaskTitle(i)));
    Store::TaskVoteRules rules;
    rules.live_results = live;
    const Store::TaskPolls polls = store.OpenTaskVote(workshop_id, stage.key, rules);
    for (size_t p = 0; p < voters && p < people.size(); ++p) {
        BallotEntries energy, importance, dots;
        for (size_t t = 0; t < list.size(); ++t) {
            const int lean = static_cast<int>(t % 4);
            energy[list[t].id] = std::max(-2, std::min(2, (lean < 2 ? 1 : -1) + random.Next(3) - 1));
            importance[list[t].id] = std::max(1, std::min(3, (lean % 2 == 0 ? 3 : 1) + random.Next(3) - 1));
        }
        for (int d = 0; d < polls.dots.budget; ++d) dots[list[static_cast<size_t>(random.Next(tasks))].id] += 1;
        store.CastBallots(people[p], {{polls.energy.id, energy}, {polls.importance.id, importance}, {polls.dots.id, dots}});
    }
}

void StageCheckVote(Store& store, const std::string& workshop_id, const Stage& stage, const std::vector<std::string>& people,
                    Random& random) {
    const Poll poll = store.EnsureStageCheckPoll(workshop_id, stage.key);
    store.OpenPoll(poll.id);
    for (const auto& id : people) store.CastBallot(poll.id, id, DevelopmentStages()[static_cast<size_t>(random.Next(5))].key);
    store.ClosePoll(poll.id);
    store.RevealPoll(poll.id);
}

void Roles(Store& store, const std::string& workshop_id, const std::vector<std::string>& people, int shift) {
    const char* roles[] = {"sponsor", "coordinator", "core-group", "active-member", "peripheral-member", "facilitator"};
    for (int i = 0; i < 12; ++i) store.AssignRole(workshop_id, roles[i % 6], people[static_cast<size_t>((i * 13 + shift) % people.size())]);
}

int SeedTasks(const std::string& db, const std::string& state, int people, int tasks) {
    auto store = Store::Open(db);
    const Community community = store->CreateCommunity("Water Quality Practitioners", "Drinking-water quality, plant by plant.");
    const Workshop workshop = store->StartWorkshop(community.id, LoadTemplate(TemplatesDir(), "launch"));
    const auto ids = CheckInPeople(*store, workshop.id, people);
    const auto stages = store->StagesOf(workshop.id);
    const Stage& stage = StageOfKind(stages, StageKind::Tasks);
    store->GoToStage(workshop.id, stage.position);
    Random random{42};
    const bool revealed = state == "revealed";
    TaskVote(*store, workshop.id, stage, ids, tasks, revealed ? ids.size() : ids.size() * 3 / 4, state != "open", random);
    if (revealed) {
        const auto polls = store->EnsureTaskPolls(workshop.id, stage.key);
        const std::vector<std::string> poll_ids = {polls.energy.id, polls.importance.id, polls.dots.id};
        store->MovePolls(poll_ids, PollStatus::Closed);
        store->MovePolls(poll_ids, PollStatus::Revealed);
    }
    return 0;
}

// A whole workshop, finished: check-in, stage check, roles, tasks.
void FinishedWorkshop(Store& store, const Community& community, const std::string& template_key, int people, int tasks,
                      Random& random, int shift) {
    const Workshop workshop = store.StartWorkshop(community.id, LoadTemplate(TemplatesDir(), template_key));
    const auto ids = CheckInPeople(store, workshop.id, people);
    const auto stages = store.StagesOf(workshop.id);
    const Stage& check = StageOfKind(stages, StageKind::StageCheck);
    store.GoToStage(workshop.id, check.position);
    StageCheckVote(store, workshop.id, check, ids, random);
    store.GoToStage(workshop.id, StageOfKind(stages, StageKind::Roles).position);
    Roles(store, workshop.id, ids, shift);
    const Stage& task_stage = StageOfKind(stages, StageKind::Tasks);
    store.GoToStage(workshop.id, task_stage.position);
    TaskVote(store, workshop.id, task_stage, ids, tasks, ids.size(), false, random);
    const auto polls = store.EnsureTaskPolls(workshop.id, task_stage.key);
    store.MovePolls({polls.energy.id, polls.importance.id, polls.dots.id}, PollStatus::Closed);
    store.MovePolls({polls.energy.id, polls.importance.id, polls.dots.id}, PollStatus::Revealed);
    store.GoToStage(workshop.id, static_cast<int>(stages.size()) - 1);
    store.FinishWorkshop(workshop.id);
}

int SeedCompare(const std::string& db, int people, int tasks) {
    auto store = Store::Open(db);
    const Community community = store->CreateCommunity("Water Quality Practitioners", "Drinking-water quality, plant by plant.");
    Random random{7};
    FinishedWorkshop(*store, community, "launch", people, tasks, random, 0);
    FinishedWorkshop(*store, community, "renewal", people, tasks, random, 5);
    return 0;
}

int SeedBigPoll(const std::string& db, int ballots) {
    auto store = Store::Open(db);
    const Community community = store->CreateCommunity("Water Quality Practitioners", "Drinking-water quality, plant by plant.");
    const Workshop workshop = store->StartWorkshop(community.id, LoadTemplate(TemplatesDir(), "launch"));
    const auto ids = CheckInPeople(*store, workshop.id, ballots);
    const auto stages = store->StagesOf(workshop.id);
    const Stage& check = StageOfKind(stages, StageKind::StageCheck);
    store->GoToStage(workshop.id, check.position);
    const Poll poll = store->EnsureStageCheckPoll(workshop.id, check.key);
    store->OpenPoll(poll.id);
    Random random{3};
    for (const auto& id : ids) store->CastBallot(poll.id, id, DevelopmentStages()[static_cast<size_t>(random.Next(5))].key);
    store->ClosePoll(poll.id);
    store->RevealPoll(poll.id);
    store->GoToStage(workshop.id, StageOfKind(stages, StageKind::Domain).position);
    return 0;
}

int SeedVote(const std::string& db, int people) {
    auto store = Store::Open(db);
    const Community community = store->CreateCommunity("Water Quality Practitioners", "Drinking-water quality, plant by plant.");
    const Workshop workshop = store->StartWorkshop(community.id, LoadTemplate(TemplatesDir(), "launch"));
    CheckInPeople(*store, workshop.id, people);
    const auto stages = store->StagesOf(workshop.id);
    const Stage& check = StageOfKind(stages, StageKind::StageCheck);
    store->GoToStage(workshop.id, check.position);
    const Poll poll = store->EnsureStageCheckPoll(workshop.id, check.key);
    store->OpenPoll(poll.id);
    std::cout << poll.id << "\n";
    return 0;
}

int SeedTimer(const std::string& db) {
    auto store = Store::Open(db);
    const Community community = store->CreateCommunity("Water Quality Practitioners", "Drinking-water quality, plant by plant.");
    const Workshop workshop = store->StartWorkshop(community.id, LoadTemplate(TemplatesDir(), "launch"));
    CheckInPeople(*store, workshop.id, 12);
    store->GoToStage(workshop.id, StageOfKind(store->StagesOf(workshop.id), StageKind::Domain).position);
    store->StartTimer(workshop.id);
    return 0;
}

// ---- The watcher ---------------------------------------------------------------------------------
double Monotonic() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

int Watch(const std::string& db, const std::string& poll_id) {
    auto store = Store::OpenForReading(db);
    std::string last;
    for (;;) {
        pollfd in{STDIN_FILENO, POLLIN, 0};
        if (::poll(&in, 1, 0) > 0) {  // the benchmark closed our input (or wrote to it): done
            char c;
            if (read(STDIN_FILENO, &c, 1) <= 0) return 0;
        }
        const Tally tally = store->TallyOf(poll_id);
        std::string signature = std::to_string(tally.ballots);
        for (const auto& option : tally.options) signature += "," + std::to_string(option.votes);
        if (signature != last) {
            std::printf("%.6f %d %s\n", Monotonic(), tally.ballots, signature.c_str());
            std::fflush(stdout);
            last = signature;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
}

int Usage() {
    std::cerr << "usage: copk_bench_seed tasks DB open|open-live|revealed [PEOPLE TASKS] | compare DB [PEOPLE TASKS] | "
                 "bigpoll DB BALLOTS | vote DB PEOPLE | timer DB | watch DB POLL\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) return Usage();
    const std::string command = argv[1], db = argv[2];
    auto arg = [&](int i, int fallback) { return argc > i ? std::atoi(argv[i]) : fallback; };
    try {
        if (command == "tasks" && argc >= 4) return SeedTasks(db, argv[3], arg(4, 200), arg(5, 50));
        if (command == "compare") return SeedCompare(db, arg(3, 200), arg(4, 50));
        if (command == "bigpoll" && argc >= 4) return SeedBigPoll(db, arg(3, 10000));
        if (command == "vote" && argc >= 4) return SeedVote(db, arg(3, 40));
        if (command == "timer") return SeedTimer(db);
        if (command == "watch" && argc >= 4) return Watch(db, argv[3]);
    } catch (const std::exception& error) {
        std::cerr << "copk_bench_seed: " << error.what() << "\n";
        return 1;
    }
    return Usage();
}

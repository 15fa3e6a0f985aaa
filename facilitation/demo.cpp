#include "facilitation/demo.h"

#include <chrono>

#include "facilitation/domain/time_util.h"
#include "facilitation/templates.h"

namespace facilitation {

std::string CreateDemo(Store& store, const std::string& templates_dir) {
    const Template launch = LoadTemplate(templates_dir, "launch");
    std::string name = "Water Quality Practitioners";
    // A second demo in the same database gets its own name rather than failing.
    for (int n = 2;; ++n) {
        bool taken = false;
        for (const Community& c : store.ListCommunities()) taken = taken || c.name == name;
        if (!taken) break;
        name = "Water Quality Practitioners " + std::to_string(n);
    }
    const Community community = store.CreateCommunity(
        name,
        "Engineers and field technicians who monitor drinking-water quality across the region's plants, "
        "sharing methods so that every plant catches contamination early.");
    const Workshop workshop = store.StartWorkshop(community.id, launch);
    const char* people[] = {"Amélie Laurent", "Bongani Dlamini", "Chloé Martin", "Dev Patel",
                            "Élodie Dupré",   "Farid Haddad",    "Grace O'Neill", "Hiroshi Tanaka"};
    std::vector<Participant> participants;
    for (const char* person : people) participants.push_back(store.CheckIn(workshop.id, person));

    const std::vector<Stage> stages = store.StagesOf(workshop.id);
    const Stage* stage_check = nullptr;
    for (const Stage& s : stages)
        if (s.kind == StageKind::StageCheck) stage_check = &s;
    if (stage_check) {
        const Poll poll = store.EnsureStageCheckPoll(workshop.id, stage_check->key);
        store.OpenPoll(poll.id);
        const char* choices[] = {"coalescing", "committing", "committing", "coalescing",
                                 "committing", "committing", "discovering", "coalescing"};
        for (size_t i = 0; i < participants.size(); ++i) store.CastBallot(poll.id, participants[i].id, choices[i]);
        store.ClosePoll(poll.id);
        store.RevealPoll(poll.id);
    }
    store.GoToStage(workshop.id, static_cast<int>(stages.size()) - 1);
    store.FinishWorkshop(workshop.id);

    // Dated as a real half-day workshop a month ago, each stage taking its planned time.
    using namespace std::chrono;
    system_clock::time_point at = floor<hours>(system_clock::now() - hours(24 * 30)) + hours(1);
    const std::string started = FormatUtc(at);
    std::vector<std::pair<std::string, std::string>> stamps;
    for (const Stage& s : stages) {
        const std::string begin = FormatUtc(at);
        at += minutes(s.planned_minutes);
        stamps.emplace_back(begin, FormatUtc(at));
    }
    store.BackdateWorkshop(workshop.id, started, FormatUtc(at), stamps);
    return workshop.id;
}

}  // namespace facilitation

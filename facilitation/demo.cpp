// Demo data: a community with a completed launch workshop and a completed renewal a year later, so that
// every screen and every export has content. Sections: helpers · the launch · the renewal · dating.
#include "facilitation/demo.h"

#include <chrono>
#include <array>
#include <map>
#include <set>

#include "facilitation/domain/time_util.h"
#include "facilitation/templates.h"

namespace facilitation {
namespace {

// ---- Helpers ----------------------------------------------------------------------
struct Demo {
    Store& store;
    std::string workshop_id;
    std::map<std::string, std::string> ids;  // first name -> member id
    std::vector<Stage> stages;

    const Stage& StageOf(StageKind kind) const {
        for (const Stage& s : stages)
            if (s.kind == kind) return s;
        throw Error("The demo template has no stage of kind " + std::string(ToString(kind)) + ".");
    }
    void GoTo(StageKind kind) { store.GoToStage(workshop_id, StageOf(kind).position); }
    void CheckIn(const std::vector<std::string>& names) {
        for (const auto& name : names) ids[name.substr(0, name.find(' '))] = store.CheckIn(workshop_id, name).id;
    }
    void Vote(const Poll& poll, const std::map<std::string, BallotEntries>& ballots) {
        store.OpenPoll(poll.id);
        for (const auto& [who, entries] : ballots) store.CastBallot(poll.id, ids.at(who), entries);
        store.ClosePoll(poll.id);
        store.RevealPoll(poll.id);
    }
    void Roles(const std::map<std::string, std::vector<std::string>>& holders) {
        for (const auto& [role, people] : holders)
            for (const auto& who : people) store.AssignRole(workshop_id, role, ids.at(who));
    }
    RhythmDecision Rhythm(const std::string& activity, Frequency frequency, int interval, std::vector<int> weekdays,
                          int set_position, int month_day, const CivilDate& start, int at, int duration,
                          const std::string& format, const std::string& convener, const std::string& membership) {
        RhythmDecision d;
        d.activity = activity;
        d.recurrence = Recurrence{frequency, interval, std::move(weekdays), set_position, month_day, start, at, duration};
        d.format = format;
        d.convener_id = convener.empty() ? "" : ids.at(convener);
        d.membership = membership;
        return store.AddRhythm(workshop_id, d);
    }
    // Each person's energy (-2..2), importance (1..3) and dots, task by task.
    void TaskVote(const std::vector<std::string>& titles,
                  const std::map<std::string, std::vector<std::array<int, 3>>>& votes) {
        const Stage& stage = StageOf(StageKind::Tasks);
        std::vector<Task> tasks;
        for (const auto& title : titles) tasks.push_back(store.ProposeTask(workshop_id, stage.key, title));
        const Store::TaskPolls polls = store.EnsureTaskPolls(workshop_id, stage.key);
        std::map<std::string, BallotEntries> energy, importance, dots;
        for (const auto& [who, per_task] : votes)
            for (size_t i = 0; i < per_task.size() && i < tasks.size(); ++i) {
                energy[who][tasks[i].id] = per_task[i][0];
                importance[who][tasks[i].id] = per_task[i][1];
                if (per_task[i][2] > 0) dots[who][tasks[i].id] = per_task[i][2];
            }
        Vote(polls.energy, energy);
        Vote(polls.importance, importance);
        Vote(polls.dots, dots);
    }
    Commitment Commit(const std::string& what, const std::string& due, const std::vector<std::string>& who,
                      const std::string& today, const std::string& role = "") {
        Store::CommitmentDraft draft;
        draft.what = what;
        draft.due = due;
        draft.whole_community = who.empty();
        for (const auto& name : who) draft.member_ids.push_back(ids.at(name));
        draft.role_key = role;
        return store.AddCommitment(workshop_id, draft, today);
    }
};

std::string DateOf(std::chrono::system_clock::time_point when) { return FormatUtc(when).substr(0, 10); }

// Each stage takes its planned time, from `start`; the workshop ends with the last stage.
void Backdate(Store& store, const std::string& workshop_id, std::chrono::system_clock::time_point start) {
    using namespace std::chrono;
    std::vector<std::pair<std::string, std::string>> stamps;
    system_clock::time_point at = start;
    for (const Stage& s : store.StagesOf(workshop_id)) {
        const std::string begin = FormatUtc(at);
        at += minutes(s.planned_minutes);
        stamps.emplace_back(begin, FormatUtc(at));
    }
    store.BackdateWorkshop(workshop_id, FormatUtc(start), FormatUtc(at), stamps);
}

}  // namespace

std::string CreateDemo(Store& store, const std::string& templates_dir) {
    using namespace std::chrono;
    const Template launch = LoadTemplate(templates_dir, "launch");
    const Template renewal = LoadTemplate(templates_dir, "renewal");
    std::string name = "Water Quality Practitioners";
    // A second demo in the same database gets its own name rather than failing. The names are read once:
    // a database of many demos (the export benchmark) must not read them once per number tried.
    std::set<std::string> taken;
    for (const Community& c : store.ListCommunities()) taken.insert(c.name);
    for (int n = 2; taken.count(name); ++n) name = "Water Quality Practitioners " + std::to_string(n);
    const Community community = store.CreateCommunity(
        name,
        "Engineers and field technicians who monitor drinking-water quality across the region's plants, "
        "sharing methods so that every plant catches contamination early.");

    // ---- The launch, thirteen months ago ----------------------------------------------
    const system_clock::time_point launch_day = floor<hours>(system_clock::now() - hours(24 * 395)) + hours(1);
    const std::string launch_date = DateOf(launch_day);
    CivilDate launch_civil;
    CivilDate::Parse(launch_date, launch_civil);
    auto in_days = [&](int days) { return AddDays(launch_civil, days).Iso(); };

    Demo a{store, store.StartWorkshop(community.id, launch).id, {}, {}};
    a.stages = store.StagesOf(a.workshop_id);
    a.CheckIn({"Amélie Laurent", "Bongani Dlamini", "Chloé Martin", "Dev Patel", "Élodie Dupré", "Farid Haddad",
               "Grace O'Neill", "Hiroshi Tanaka"});
    a.GoTo(StageKind::StageCheck);
    a.Vote(store.EnsureStageCheckPoll(a.workshop_id, a.StageOf(StageKind::StageCheck).key),
           {{"Amélie", {{"coalescing", 1}}}, {"Bongani", {{"committing", 1}}}, {"Chloé", {{"committing", 1}}},
            {"Dev", {{"coalescing", 1}}}, {"Élodie", {{"committing", 1}}}, {"Farid", {{"committing", 1}}},
            {"Grace", {{"discovering", 1}}}, {"Hiroshi", {{"coalescing", 1}}}});
    a.GoTo(StageKind::Roles);
    a.Roles({{"sponsor", {"Grace"}},
             {"coordinator", {"Amélie"}},
             {"core-group", {"Amélie", "Bongani", "Dev"}},
             {"active-member", {"Chloé", "Élodie"}},
             {"peripheral-member", {"Farid", "Hiroshi"}},
             {"facilitator", {"Bongani"}}});
    a.GoTo(StageKind::Rhythm);
    a.Rhythm("Monthly call", Frequency::Monthly, 1, {1}, 1, 0, AddDays(launch_civil, 7), 12 * 60, 60, "online",
             "Amélie", "open");
    a.Rhythm("Quarterly plant visit", Frequency::Monthly, 3, {}, 0, 15, AddDays(launch_civil, 20), 9 * 60, 240,
             "face-to-face", "Dev", "closed");
    a.Rhythm("Renewal workshop", Frequency::Yearly, 1, {}, 0, 0, AddDays(launch_civil, 365), 9 * 60, 240, "hybrid",
             "Bongani", "open");
    a.GoTo(StageKind::Tasks);
    a.TaskVote({"Compare lab methods across plants", "Debate the new turbidity standard", "Write a newcomer guide",
                "Collect monthly test data for head office", "Visit a competitor's treatment plant"},
               {{"Amélie", {{{2, 3, 2}}, {{1, 2, 0}}, {{0, 2, 1}}, {{-2, 3, 0}}, {{2, 1, 0}}}},
                {"Bongani", {{{2, 3, 1}}, {{2, 2, 1}}, {{-1, 2, 0}}, {{-1, 3, 0}}, {{1, 1, 1}}}},
                {"Chloé", {{{1, 2, 1}}, {{2, 3, 2}}, {{0, 2, 0}}, {{-2, 2, 0}}, {{2, 1, 0}}}},
                {"Dev", {{{2, 3, 2}}, {{0, 1, 0}}, {{1, 3, 1}}, {{-1, 3, 0}}, {{1, 1, 0}}}},
                {"Élodie", {{{1, 3, 1}}, {{2, 2, 1}}, {{0, 2, 1}}, {{-2, 3, 0}}, {{2, 2, 0}}}},
                {"Farid", {{{2, 2, 1}}, {{1, 1, 0}}, {{-1, 2, 0}}, {{-1, 2, 0}}, {{2, 1, 2}}}},
                {"Grace", {{{1, 3, 1}}, {{0, 2, 0}}, {{1, 3, 2}}, {{0, 3, 0}}, {{0, 1, 0}}}},
                {"Hiroshi", {{{2, 2, 2}}, {{1, 2, 1}}, {{-1, 1, 0}}, {{-2, 2, 0}}, {{1, 1, 0}}}}});
    a.GoTo(StageKind::Commitments);
    a.Commit("Convene the first monthly call", in_days(7), {"Amélie"}, launch_date, "coordinator");
    a.Commit("Write the newcomer guide", in_days(90), {"Dev", "Grace"}, launch_date);
    a.Commit("Ask head office to fund the monthly data collection", in_days(30), {"Grace"}, launch_date, "sponsor");
    a.Commit("Share one lab method each per quarter", in_days(120), {}, launch_date);
    a.GoTo(StageKind::Voice);
    store.AddVoice(a.workshop_id, "sponsor", "Give us half a day a month for this work, on the record.");
    store.AddVoice(a.workshop_id, "organization", "Consult us before the next change to the sampling standard.");
    a.GoTo(StageKind::Close);
    store.FinishWorkshop(a.workshop_id);
    Backdate(store, a.workshop_id, launch_day);

    // ---- The renewal, a year later ----------------------------------------------------
    const system_clock::time_point renewal_day = launch_day + hours(24 * 365);
    const std::string renewal_date = DateOf(renewal_day);
    const std::string carried_due = DateOf(system_clock::now() + hours(24 * 60));
    Demo b{store, store.StartWorkshop(community.id, renewal).id, a.ids, {}};
    b.stages = store.StagesOf(b.workshop_id);
    b.CheckIn({"Amélie Laurent", "Bongani Dlamini", "Chloé Martin", "Dev Patel", "Élodie Dupré", "Grace O'Neill",
               "Ingrid Solberg"});
    b.GoTo(StageKind::Review);
    for (const Commitment& c : store.CommitmentsToReview(b.workshop_id)) {
        CommitmentStatus outcome = CommitmentStatus::Kept;
        if (c.what.find("newcomer") != std::string::npos) outcome = CommitmentStatus::Carried;
        else if (c.what.find("fund") != std::string::npos) outcome = CommitmentStatus::Partly;
        else if (c.what.find("each per quarter") != std::string::npos) outcome = CommitmentStatus::Dropped;
        store.ReviewCommitment(b.workshop_id, c.id, outcome, outcome == CommitmentStatus::Carried ? carried_due : "");
    }
    b.GoTo(StageKind::Health);
    {
        const Poll pulse = store.EnsurePoll(b.workshop_id, b.StageOf(StageKind::Health).key, HealthPulseSpec());
        const std::vector<std::vector<int>> ratings = {{2, 1, 3, 4, 2, 4, 2, 3}, {1, 1, 2, 5, 2, 3, 1, 2},
                                                       {2, 2, 3, 4, 1, 4, 2, 3}, {1, 1, 2, 3, 2, 5, 3, 2},
                                                       {2, 1, 2, 4, 1, 4, 2, 2}, {1, 2, 3, 4, 2, 3, 2, 3},
                                                       {2, 1, 2, 3, 2, 4, 1, 2}};
        std::map<std::string, BallotEntries> ballots;
        const std::vector<std::string> who = {"Amélie", "Bongani", "Chloé", "Dev", "Élodie", "Grace", "Ingrid"};
        for (size_t p = 0; p < who.size(); ++p)
            for (size_t m = 0; m < FailureModes().size(); ++m) ballots[who[p]][FailureModes()[m].key] = ratings[p][m];
        b.Vote(pulse, ballots);
    }
    b.GoTo(StageKind::StageCheck);
    b.Vote(store.EnsureStageCheckPoll(b.workshop_id, b.StageOf(StageKind::StageCheck).key),
           {{"Amélie", {{"stewarding", 1}}}, {"Bongani", {{"stewarding", 1}}}, {"Chloé", {{"committing", 1}}},
            {"Dev", {{"stewarding", 1}}}, {"Élodie", {{"stewarding", 1}}}, {"Grace", {{"committing", 1}}},
            {"Ingrid", {{"coalescing", 1}}}});
    b.GoTo(StageKind::Tasks);
    b.TaskVote({"Compare lab methods across plants", "Set up a shared sampling knowledge base", "Write a newcomer guide",
                "Train the new plant technicians", "Collect monthly test data for head office"},
               {{"Amélie", {{{2, 3, 1}}, {{2, 3, 2}}, {{1, 2, 0}}, {{1, 3, 0}}, {{-2, 3, 0}}}},
                {"Bongani", {{{1, 2, 0}}, {{2, 3, 2}}, {{0, 2, 0}}, {{2, 3, 1}}, {{-1, 3, 0}}}},
                {"Chloé", {{{2, 2, 1}}, {{1, 3, 1}}, {{1, 3, 1}}, {{1, 2, 0}}, {{-2, 2, 0}}}},
                {"Dev", {{{1, 3, 0}}, {{2, 3, 2}}, {{2, 3, 1}}, {{1, 2, 0}}, {{-1, 3, 0}}}},
                {"Élodie", {{{2, 2, 1}}, {{1, 2, 1}}, {{0, 2, 0}}, {{2, 3, 1}}, {{-2, 2, 0}}}},
                {"Grace", {{{1, 3, 0}}, {{2, 3, 1}}, {{1, 3, 1}}, {{0, 3, 1}}, {{0, 3, 0}}}},
                {"Ingrid", {{{2, 2, 1}}, {{1, 2, 0}}, {{2, 3, 2}}, {{2, 2, 0}}, {{-1, 2, 0}}}}});
    b.GoTo(StageKind::Roles);
    store.UnassignRole(b.workshop_id, "coordinator", b.ids.at("Amélie"));
    b.Roles({{"coordinator", {"Bongani"}}, {"liaison", {"Ingrid"}}, {"core-group", {"Élodie"}}});
    b.GoTo(StageKind::Rhythm);
    for (const RhythmDecision& d : store.RhythmOf(b.workshop_id))
        if (d.activity == "Quarterly plant visit") store.RetractRhythm(b.workshop_id, d.id);
    CivilDate renewal_civil;
    CivilDate::Parse(renewal_date, renewal_civil);
    b.Rhythm("Newcomer lunch", Frequency::Monthly, 1, {4}, -1, 0, AddDays(renewal_civil, 10), 12 * 60 + 30, 60,
             "face-to-face", "Ingrid", "open");
    b.GoTo(StageKind::Commitments);
    b.Commit("Open the shared sampling knowledge base", AddDays(renewal_civil, 90).Iso(), {"Bongani", "Dev"}, renewal_date);
    b.Commit("Run the first training day for new technicians", AddDays(renewal_civil, 60).Iso(), {"Élodie", "Ingrid"},
             renewal_date);
    b.Commit("Present this year's outcome to the sponsor", AddDays(renewal_civil, 30).Iso(), {"Grace"}, renewal_date,
             "sponsor");
    b.GoTo(StageKind::Voice);
    store.AddVoice(b.workshop_id, "sponsor", "Fund the monthly data collection, or drop it: it drains us.");
    store.AddVoice(b.workshop_id, "organization", "Recognise the knowledge base as the reference for sampling.");
    b.GoTo(StageKind::Close);
    store.FinishWorkshop(b.workshop_id);
    Backdate(store, b.workshop_id, renewal_day);
    return b.workshop_id;
}

}  // namespace facilitation

#include "facilitation/outcome.h"

#include <filesystem>
#include <fstream>

#include <cstdio>

#include "facilitation/domain/recurrence.h"
#include "facilitation/domain/uuid.h"
#include "facilitation/record.h"

namespace facilitation {
namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {
json NullIfEmpty(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }
}  // namespace

namespace {
json Person(const std::string& id, const std::string& name) { return {{"id", id}, {"name", name}}; }
json Optional(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

std::string TimeOfDay(int minutes) {
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d", minutes / 60, minutes % 60);
    return text;
}

json CommitmentJson(const Commitment& c) {
    json people = json::array();
    for (size_t i = 0; i < c.member_ids.size(); ++i) people.push_back(Person(c.member_ids[i], c.member_names[i]));
    return {{"id", c.id},
            {"what", c.what},
            {"due", c.due},
            {"who", {{"whole_community", c.whole_community}, {"people", people}}},
            {"task", NullIfEmpty(c.task_id)},
            {"role", NullIfEmpty(c.role_key)},
            {"status", ToString(c.status)},
            {"origin_workshop", c.workshop_id},
            {"carried_from", NullIfEmpty(c.carried_from_id)}};
}

json ChangesJson(const WorkshopChanges& changes) {
    json roles = json::array();
    for (const auto& r : changes.roles)
        roles.push_back({{"key", r.role_key}, {"title", r.title}, {"before", r.before}, {"after", r.after}, {"changed", r.Changed()}});
    json tasks = json::array();
    for (const auto& t : changes.tasks)
        tasks.push_back({{"title", t.title},
                         {"before_rank", t.before_rank ? json(t.before_rank) : json(nullptr)},
                         {"after_rank", t.after_rank ? json(t.after_rank) : json(nullptr)},
                         {"before_quadrant", NullIfEmpty(t.before_quadrant)},
                         {"after_quadrant", NullIfEmpty(t.after_quadrant)}});
    json health = json::array();
    for (const auto& h : changes.health)
        health.push_back({{"key", h.key}, {"label", h.label}, {"before", Optional(h.before)}, {"after", Optional(h.after)}});
    return {{"previous_workshop", changes.previous_workshop_id},
            {"stage_check", {{"before", changes.stage_before}, {"after", changes.stage_after}}},
            {"roles", roles},
            {"rhythm", {{"added", changes.rhythm_added}, {"removed", changes.rhythm_removed}, {"kept", changes.rhythm_kept}}},
            {"tasks", tasks},
            {"health", health}};
}
}  // namespace

json BuildOutcome(Store& store, const std::string& workshop_id) {
    const WorkshopRecord r = LoadWorkshopRecord(store, workshop_id);
    const Workshop& w = r.workshop;
    if (w.kind == "renewal" && !w.previous_workshop_id.empty()) {
        const WorkshopChanges changes = CompareWorkshops(LoadWorkshopRecord(store, w.previous_workshop_id), r);
        return BuildOutcome(r, &changes);
    }
    return BuildOutcome(r, nullptr);
}

json BuildOutcome(const WorkshopRecord& r, const WorkshopChanges* changes) {
    const Workshop& w = r.workshop;
    const Community& c = r.community;
    json outcome;
    outcome["format"] = kOutcomeFormat;
    outcome["community"] = {{"id", c.id}, {"name", c.name}, {"domain", c.domain}};
    outcome["workshop"] = {{"id", w.id},
                           {"kind", w.kind},
                           {"template", w.template_key},
                           {"started_at", w.started_at},
                           {"ended_at", NullIfEmpty(w.ended_at)},
                           {"previous_workshop", NullIfEmpty(w.previous_workshop_id)}};
    json participants = json::array();
    for (const Participant& p : r.participants) participants.push_back(Person(p.id, p.name));
    outcome["participants"] = participants;
    json stages = json::array();
    for (const Stage& s : r.stages)
        stages.push_back({{"key", s.key},
                          {"title", s.title},
                          {"kind", ToString(s.kind)},
                          {"started_at", NullIfEmpty(s.started_at)},
                          {"ended_at", NullIfEmpty(s.ended_at)}});
    outcome["stages"] = stages;
    json polls = json::array();
    for (const PollRecord& p : r.polls) {
        json options = json::array();
        for (const OptionCount& option : p.tally.options) {
            json o = {{"key", option.key}, {"label", option.label}, {"votes", option.votes}};
            if (p.poll.Kind() == PollKind::Rating) o["mean"] = option.votes ? json(option.Mean()) : json(nullptr);
            options.push_back(o);
        }
        json poll = {{"id", p.poll.id},
                     {"stage", p.poll.stage_key},
                     {"kind", p.poll.kind},
                     {"question", p.poll.question},
                     {"anonymous", p.poll.anonymous},
                     {"status", ToString(p.poll.status)},
                     {"ballots", p.tally.ballots},
                     {"options", options},
                     {"purpose", p.poll.purpose},
                     {"leaders", p.tally.leaders},
                     {"tie", p.tally.IsTie()}};
        if (p.poll.Kind() == PollKind::Dots) {
            poll["budget"] = p.poll.budget;
            poll["cap"] = p.poll.cap ? json(p.poll.cap) : json(nullptr);
        }
        if (p.poll.Kind() == PollKind::Rating) poll["scale"] = {p.poll.scale_min, p.poll.scale_max};
        polls.push_back(poll);
    }
    outcome["polls"] = polls;

    json roles = json::array();
    for (const RoleDefinition& role : r.roles) {
        json holders = json::array();
        for (const RoleAssignment& a : r.assignments)
            if (a.role_key == role.key) holders.push_back(Person(a.member_id, a.member_name));
        roles.push_back({{"key", role.key}, {"title", role.title}, {"holders", holders}, {"vacant", holders.empty()}});
    }
    outcome["roles"] = roles;
    outcome["role_warnings"] = r.role_warnings;

    CivilDate from;
    CivilDate::Parse(w.started_at.substr(0, 10), from);
    json rhythm = json::array();
    for (const RhythmDecision& d : r.rhythm) {
        json next = json::array();
        for (const CivilDate& date : NextOccurrences(d.recurrence, from, 3)) next.push_back(date.Iso());
        rhythm.push_back({{"id", d.id},
                          {"activity", d.activity},
                          {"rrule", ToRRule(d.recurrence)},
                          {"description", Describe(d.recurrence)},
                          {"start_date", d.recurrence.start_date.Iso()},
                          {"start_time", TimeOfDay(d.recurrence.start_minutes)},
                          {"duration_minutes", d.recurrence.duration_minutes},
                          {"format", d.format},
                          {"convener", d.convener_id.empty() ? json(nullptr) : Person(d.convener_id, d.convener_name)},
                          {"membership", d.membership},
                          {"next_dates", next}});
    }
    outcome["rhythm"] = rhythm;

    json tasks = json::array();
    for (const Stage& s : r.stages) {
        auto it = r.tasks.find(s.key);
        if (it == r.tasks.end()) continue;
        for (size_t i = 0; i < it->second.size(); ++i) {
            const TaskResult& t = it->second[i];
            tasks.push_back({{"id", t.task.id},
                             {"stage", s.key},
                             {"title", t.task.title},
                             {"rank", static_cast<int>(i) + 1},
                             {"dots", t.dots},
                             {"energy_mean", Optional(t.energy_mean)},
                             {"importance_mean", Optional(t.importance_mean)},
                             {"energy_ratings", t.energy_raters},
                             {"importance_ratings", t.importance_raters},
                             {"quadrant", ToString(t.quadrant)}});
        }
    }
    outcome["tasks"] = tasks;

    json commitments = json::array();
    for (const Commitment& commitment : r.commitments) commitments.push_back(CommitmentJson(commitment));
    outcome["commitments"] = commitments;

    json voice = json::array();
    for (const VoiceItem& v : r.voice) voice.push_back({{"id", v.id}, {"audience", v.audience}, {"text", v.text}});
    outcome["voice"] = voice;

    json health = json::array();
    if (const PollRecord* pulse = r.FindPoll(StageKind::Health, "health"))
        for (const OptionCount& o : pulse->tally.options)
            health.push_back({{"key", o.key}, {"label", o.label}, {"mean", o.votes ? json(o.Mean()) : json(nullptr)}, {"ratings", o.votes}});
    outcome["health"] = health;

    json reviewed = json::array();
    for (const Commitment& commitment : r.reviewed) {
        json item = CommitmentJson(commitment);
        item["outcome"] = commitment.reviewed_in_workshop_id == w.id ? json(ToString(commitment.status)) : json(nullptr);
        reviewed.push_back(item);
    }
    outcome["review"] = {{"kept_rate", Optional(r.kept_rate)}, {"commitments", reviewed}};

    if (changes) outcome["changes_since_previous"] = ChangesJson(*changes);
    return outcome;
}

std::string WriteOutcomeFiles(Store& store, const std::string& workshop_id, const std::string& out_dir) {
    const json outcome = BuildOutcome(store, workshop_id);
    std::error_code error;
    fs::create_directories(out_dir, error);
    if (error) throw Error("Cannot create the folder " + out_dir + ": " + error.message());
    const fs::path target = fs::path(out_dir) / "outcome.json";
    const fs::path temporary = fs::path(out_dir) / (".outcome.json." + NewUuid() + ".tmp");
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        if (!file) throw Error("Cannot write into " + out_dir + ": check that the folder is writable.");
        file << outcome.dump(2) << '\n';
        file.flush();
        if (!file) {
            fs::remove(temporary, error);
            throw Error("Writing " + target.string() + " failed (is the disk full?).");
        }
    }
    fs::rename(temporary, target, error);
    if (error) {
        fs::remove(temporary, error);
        throw Error("Cannot replace " + target.string() + ": " + error.message());
    }
    return target.string();
}

}  // namespace facilitation

// A community's history. Sections: 1. the comparison pair · 2. what changed · 3. the commitment ledger.
#include "facilitation/domain/text.h"
#include "facilitation/history.h"

#include <algorithm>
#include <cstdio>

#include "facilitation/domain/decisions.h"

namespace facilitation {

namespace {
const char* const kNothing = "\u2014";  // "—": the workshop says nothing here

bool StartsBefore(const Workshop& a, const Workshop& b) {
    return a.started_at != b.started_at ? a.started_at < b.started_at : a.id < b.id;
}


}  // namespace

// ---- 1. The comparison pair -------------------------------------------------------------
std::optional<ComparisonPair> DefaultComparisonPair(const std::vector<Workshop>& workshops) {
    if (workshops.size() < 2) return std::nullopt;
    std::vector<Workshop> sorted = workshops;
    std::sort(sorted.begin(), sorted.end(), StartsBefore);
    return ComparisonPair{sorted[sorted.size() - 2].id, sorted.back().id};
}

std::optional<ComparisonPair> OrderComparisonPair(const std::vector<Workshop>& workshops, const std::string& a,
                                                  const std::string& b) {
    if (a == b) return std::nullopt;
    const Workshop* first = nullptr;
    const Workshop* second = nullptr;
    for (const Workshop& w : workshops) {
        if (w.id == a) first = &w;
        if (w.id == b) second = &w;
    }
    if (!first || !second) return std::nullopt;
    if (StartsBefore(*second, *first)) std::swap(first, second);
    return ComparisonPair{first->id, second->id};
}

void TogglePick(std::vector<std::string>& picks, const std::string& id) {
    auto it = std::find(picks.begin(), picks.end(), id);
    if (it != picks.end()) {
        picks.erase(it);
        return;
    }
    if (picks.size() >= 2) picks.erase(picks.begin(), picks.begin() + static_cast<long>(picks.size() - 1));
    picks.push_back(id);
}

// ---- 2. What changed ----------------------------------------------------------------------
const char* ChangeMarkText(ChangeMark mark) {
    switch (mark) {
        case ChangeMark::Same: return "= same";
        case ChangeMark::New: return "\u25B2 new";
        case ChangeMark::Changed: return "\u2192 changed";
        case ChangeMark::Dropped: return "\u2717 dropped";
        case ChangeMark::Up: return "\u2191 up";
        case ChangeMark::Down: return "\u2193 down";
        case ChangeMark::Better: return "\u2193 better";
        case ChangeMark::Worse: return "\u2191 worse";
    }
    return "";
}

namespace {
ChangeMark Presence(bool before, bool after, bool equal) {
    if (!before && after) return ChangeMark::New;
    if (before && !after) return ChangeMark::Dropped;
    return equal ? ChangeMark::Same : ChangeMark::Changed;
}

std::string StageText(const std::vector<std::string>& leaders) {
    if (leaders.empty()) return kNothing;
    std::vector<std::string> labels;
    for (const auto& key : leaders) {
        std::string label = key;
        for (const auto& o : DevelopmentStages())
            if (o.key == key) label = o.label;
        labels.push_back(label);
    }
    return (leaders.size() > 1 ? "a tie: " : "") + Joined(labels, " and ");
}

std::string TaskText(int rank, const std::string& quadrant) {
    return rank == 0 ? std::string(kNothing) : "#" + std::to_string(rank) + " \u00B7 " + quadrant;
}

ChangeMark TaskMark(const TaskChange& t) {
    if (t.before_rank == 0) return ChangeMark::New;
    if (t.after_rank == 0) return ChangeMark::Dropped;
    if (t.before_quadrant != t.after_quadrant) return ChangeMark::Changed;
    if (t.after_rank < t.before_rank) return ChangeMark::Up;
    if (t.after_rank > t.before_rank) return ChangeMark::Down;
    return ChangeMark::Same;
}

std::string MeanText(const std::optional<double>& mean) { return mean ? OneDecimal(*mean) : std::string(kNothing); }

// A health rating says how much a failure mode threatens the community (1 not at all .. 5 very much): up is worse.
ChangeMark HealthMark(const HealthChange& h) {
    if (!h.before || !h.after) return Presence(h.before.has_value(), h.after.has_value(), true);
    const double delta = *h.after - *h.before;
    if (delta > 0.05) return ChangeMark::Worse;
    if (delta < -0.05) return ChangeMark::Better;
    return ChangeMark::Same;
}

ChangeMark CountMark(int before, int after) {
    return after > before ? ChangeMark::Up : after < before ? ChangeMark::Down : ChangeMark::Same;
}

ChangeMark RateMark(const std::optional<double>& before, const std::optional<double>& after) {
    if (!before || !after) return Presence(before.has_value(), after.has_value(), true);
    return CountMark(static_cast<int>(*before * 100.0 + 0.5), static_cast<int>(*after * 100.0 + 0.5));
}

int ReviewedHere(const WorkshopRecord& r) {
    int n = 0;
    for (const Commitment& c : r.reviewed)
        if (c.reviewed_in_workshop_id == r.workshop.id) ++n;
    return n;
}
}  // namespace

std::vector<ComparisonSection> BuildComparison(const WorkshopRecord& older, const WorkshopRecord& newer) {
    const WorkshopChanges changes = CompareWorkshops(older, newer);
    std::vector<ComparisonSection> sections;

    ComparisonSection stage{"stage", "Stage check", {}};
    {
        std::vector<std::string> before = changes.stage_before, after = changes.stage_after;
        std::sort(before.begin(), before.end());
        std::sort(after.begin(), after.end());
        stage.rows.push_back({"Where we stand", StageText(changes.stage_before), StageText(changes.stage_after),
                              Presence(!before.empty(), !after.empty(), before == after)});
    }
    sections.push_back(stage);

    ComparisonSection roles{"roles", "Roles", {}};
    for (const RoleChange& r : changes.roles)
        roles.rows.push_back({r.title, r.before.empty() ? "vacant" : Joined(r.before),
                              r.after.empty() ? "vacant" : Joined(r.after),
                              Presence(!r.before.empty(), !r.after.empty(), !r.Changed())});
    sections.push_back(roles);

    // Rhythm decisions are matched whole (activity, rule, time, format, membership): a changed one is the
    // old one dropped and a new one added, as outcome.json says.
    ComparisonSection rhythm{"rhythm", "Rhythm", {}};
    auto activity = [](const std::string& text) { return text.substr(0, text.find(':')); };
    for (const auto& text : changes.rhythm_kept) rhythm.rows.push_back({activity(text), text, text, ChangeMark::Same});
    for (const auto& text : changes.rhythm_added) rhythm.rows.push_back({activity(text), kNothing, text, ChangeMark::New});
    for (const auto& text : changes.rhythm_removed)
        rhythm.rows.push_back({activity(text), text, kNothing, ChangeMark::Dropped});
    sections.push_back(rhythm);

    ComparisonSection tasks{"tasks", "Task ranking and quadrants", {}};
    for (const TaskChange& t : changes.tasks)
        tasks.rows.push_back({t.title, TaskText(t.before_rank, t.before_quadrant), TaskText(t.after_rank, t.after_quadrant),
                              TaskMark(t)});
    sections.push_back(tasks);

    ComparisonSection health{"health", "Health pulse (1 no threat \u2026 5 a strong threat)", {}};
    for (const HealthChange& h : changes.health) health.rows.push_back({h.label, MeanText(h.before), MeanText(h.after), HealthMark(h)});
    sections.push_back(health);

    ComparisonSection commitments{"commitments", "Commitments", {}};
    const int made_before = static_cast<int>(older.commitments.size()), made_after = static_cast<int>(newer.commitments.size());
    commitments.rows.push_back({"Made", std::to_string(made_before), std::to_string(made_after), CountMark(made_before, made_after)});
    const int reviewed_before = ReviewedHere(older), reviewed_after = ReviewedHere(newer);
    commitments.rows.push_back({"Earlier ones reviewed", std::to_string(reviewed_before), std::to_string(reviewed_after),
                                CountMark(reviewed_before, reviewed_after)});
    commitments.rows.push_back({"Kept rate of that review", PercentText(older.kept_rate), PercentText(newer.kept_rate),
                                RateMark(older.kept_rate, newer.kept_rate)});
    sections.push_back(commitments);
    return sections;
}

// ---- 3. The commitment ledger ---------------------------------------------------------------
std::string StatusWords(CommitmentStatus status) {
    switch (status) {
        case CommitmentStatus::Open: return "open";
        case CommitmentStatus::Kept: return "kept";
        case CommitmentStatus::Partly: return "partly kept";
        case CommitmentStatus::Dropped: return "dropped";
        case CommitmentStatus::Carried: return "carried forward";
    }
    return "open";
}

std::string PercentText(const std::optional<double>& rate) {
    if (!rate) return kNothing;
    return std::to_string(static_cast<int>(*rate * 100.0 + 0.5)) + "%";
}

CommitmentLedger BuildLedger(std::vector<Workshop> workshops, const std::map<std::string, std::vector<Commitment>>& made) {
    CommitmentLedger ledger;
    std::sort(workshops.begin(), workshops.end(), [](const Workshop& a, const Workshop& b) { return StartsBefore(b, a); });
    std::map<std::string, int> workshop_index, row_index;
    for (const Workshop& w : workshops) {
        workshop_index[w.id] = static_cast<int>(ledger.workshops.size());
        ledger.workshops.push_back(LedgerWorkshop{w, 0, 0, std::nullopt, 0, std::nullopt});
    }
    for (size_t wi = 0; wi < workshops.size(); ++wi) {
        auto it = made.find(workshops[wi].id);
        if (it == made.end()) continue;
        for (const Commitment& c : it->second) {
            LedgerRow row;
            row.commitment = c;
            row.who = c.whole_community ? "the whole community" : Joined(c.member_names);
            row.made_in = static_cast<int>(wi);
            row_index[c.id] = static_cast<int>(ledger.rows.size());
            ledger.rows.push_back(row);
        }
    }
    std::vector<CommitmentStatus> all;
    std::vector<std::vector<CommitmentStatus>> made_statuses(workshops.size()), reviewed_statuses(workshops.size());
    for (LedgerRow& row : ledger.rows) {
        const Commitment& c = row.commitment;
        auto reviewer = workshop_index.find(c.reviewed_in_workshop_id);
        if (!c.reviewed_in_workshop_id.empty() && reviewer != workshop_index.end()) {
            row.reviewed_in = reviewer->second;
            reviewed_statuses[static_cast<size_t>(row.reviewed_in)].push_back(c.status);
        }
        if (!c.carried_from_id.empty()) {
            auto origin = row_index.find(c.carried_from_id);
            if (origin != row_index.end()) {
                row.continues = origin->second;
                ledger.rows[static_cast<size_t>(origin->second)].continued_by = static_cast<int>(&row - ledger.rows.data());
            }
        }
        made_statuses[static_cast<size_t>(row.made_in)].push_back(c.status);
        all.push_back(c.status);
        ++ledger.by_status[c.status];
    }
    for (size_t wi = 0; wi < workshops.size(); ++wi) {
        LedgerWorkshop& w = ledger.workshops[wi];
        w.made = static_cast<int>(made_statuses[wi].size());
        w.made_reviewed = static_cast<int>(std::count_if(made_statuses[wi].begin(), made_statuses[wi].end(),
                                                         [](CommitmentStatus s) { return s != CommitmentStatus::Open; }));
        w.made_kept_rate = KeptRate(made_statuses[wi]);
        w.reviewed_here = static_cast<int>(reviewed_statuses[wi].size());
        w.review_kept_rate = KeptRate(reviewed_statuses[wi]);
    }
    ledger.kept_rate = KeptRate(all);
    return ledger;
}

CommitmentLedger LoadLedger(Store& store, const std::string& community_id) {
    const std::vector<Workshop> workshops = store.WorkshopsOf(community_id);
    std::map<std::string, std::vector<Commitment>> made;
    for (const Workshop& w : workshops) made[w.id] = store.CommitmentsOf(w.id);
    return BuildLedger(workshops, made);
}

}  // namespace facilitation

// A community's history, as the coordinators' Review screen shows it: which two workshops to compare, what
// changed between them (row by row, with a mark in words), and the commitment ledger across all its workshops.
// Sections: the comparison pair · what changed · the commitment ledger.
// Rules only: no GUI; the Review screens (kiosk/screens/review_*.cpp) draw what these return.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "facilitation/model.h"
#include "facilitation/record.h"
#include "facilitation/store/store.h"

namespace facilitation {

// ---- The comparison pair -----------------------------------------------------------
// Workshops of one community, in any order. The pair is always (older, newer) by start time, so a comparison
// reads "before → after" whichever was picked first.
struct ComparisonPair {
    std::string older_id, newer_id;
};
// The newest workshop and the one before it; nothing when the community has fewer than two.
std::optional<ComparisonPair> DefaultComparisonPair(const std::vector<Workshop>& workshops);
// The two picked ids ordered by start time; nothing unless both are distinct workshops of `workshops`.
std::optional<ComparisonPair> OrderComparisonPair(const std::vector<Workshop>& workshops, const std::string& a,
                                                  const std::string& b);
// Picking on a touch screen: touching a picked workshop unpicks it; touching another adds it, and when two
// are already picked the one picked first gives way. `picks` holds at most two ids, in the order picked.
void TogglePick(std::vector<std::string>& picks, const std::string& id);

// ---- What changed --------------------------------------------------------------------
// A row's change, said by a mark and words (never colour alone): see ChangeMarkText.
enum class ChangeMark { Same, New, Changed, Dropped, Up, Down, Better, Worse };
// "= same", "▲ new", "→ changed", "✗ dropped", "↑ up", "↓ down", "↓ better", "↑ worse".
const char* ChangeMarkText(ChangeMark mark);

struct ComparisonRow {
    std::string label;           // what the row is about: a role, a task, a failure mode...
    std::string before, after;   // what each workshop says; "—" when it says nothing
    ChangeMark mark = ChangeMark::Same;
};
struct ComparisonSection {
    std::string key;    // "stage", "roles", "rhythm", "tasks", "health", "commitments"
    std::string title;  // "Stage check", ...
    std::vector<ComparisonRow> rows;
};
// Every section of the side-by-side view of two workshops of a community, built on CompareWorkshops so it
// says what outcome.json's changes_since_previous says for a renewal and its previous workshop.
std::vector<ComparisonSection> BuildComparison(const WorkshopRecord& older, const WorkshopRecord& newer);

// ---- The commitment ledger -------------------------------------------------------------
struct LedgerRow {
    Commitment commitment;
    std::string who;                 // "the whole community" or the people's names
    int made_in = -1;                // index in CommitmentLedger::workshops
    int reviewed_in = -1;            // index, or -1: not reviewed yet
    int continued_by = -1;           // a carried commitment: the row that continues it
    int continues = -1;              // a continuation: the row it carries forward
};
struct LedgerWorkshop {
    Workshop workshop;
    int made = 0;                    // commitments made in it
    int made_reviewed = 0;           // ... of which reviewed since (not open)
    std::optional<double> made_kept_rate;    // kept among those reviewed
    int reviewed_here = 0;           // commitments its review settled
    std::optional<double> review_kept_rate;  // the kept rate of that review (outcome.json review.kept_rate)
};
struct CommitmentLedger {
    std::vector<LedgerWorkshop> workshops;  // newest first
    std::vector<LedgerRow> rows;            // by workshop, newest first; within one, as the store lists them
    std::optional<double> kept_rate;        // over every reviewed commitment of the community
    std::map<CommitmentStatus, int> by_status;
};
// `workshops` of one community (any order); `made` maps a workshop id to the commitments it made.
CommitmentLedger BuildLedger(std::vector<Workshop> workshops, const std::map<std::string, std::vector<Commitment>>& made);
CommitmentLedger LoadLedger(Store& store, const std::string& community_id);

// "kept", "partly kept", "dropped", "carried forward", "open".
std::string StatusWords(CommitmentStatus status);
// "57%", or "—" when nothing has been reviewed.
std::string PercentText(const std::optional<double>& rate);

}  // namespace facilitation

// The rules of what stages record: role warnings, task quadrants, commitment checks, kept rate,
// rhythm checks, and what changed since the previous workshop.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "facilitation/domain/tally.h"
#include "facilitation/model.h"

namespace facilitation {

// ---- Roles -------------------------------------------------------------------
constexpr int kMaxRolesBeforeWarning = 3;
// "No sponsor: ...", "No coordinator: ...", "Ann holds 4 roles: ..." (DOMAIN.md: a vacant sponsor or
// coordinator is a warning, and so is dependence on a single person).
std::vector<std::string> RoleWarnings(const std::vector<RoleDefinition>& roles,
                                      const std::vector<RoleAssignment>& assignments);

// ---- Tasks -------------------------------------------------------------------
// Energizing: mean energy above 0 (on -2..+2). Important: mean importance of 2 or more (on 1..3).
// take on = energizing and important; support needed = important but not energizing (the organization
// should fund it or give logistical support); learning = energizing, less important; drop = neither.
constexpr double kEnergizingAbove = 0.0;
constexpr double kImportantFrom = 2.0;
Quadrant ClassifyTask(std::optional<double> energy_mean, std::optional<double> importance_mean);
// One result per task, from the three polls of a tasks stage (any may be missing), ranked by dots,
// then mean energy, then title; ties keep equal dots visible (the rank is the order, not a verdict).
std::vector<TaskResult> ComputeTaskResults(const std::vector<Task>& tasks, const Tally* energy,
                                           const Tally* importance, const Tally* dots);

// ---- Commitments ---------------------------------------------------------------
// Why the commitment cannot be recorded: blank "what", a missing or past due date (against `today`,
// YYYY-MM-DD), nobody named and not the whole community.
std::string CommitmentProblem(const std::string& what, const std::string& due, const std::string& today,
                              bool whole_community, size_t named_people);
// Kept commitments among those reviewed (kept, partly, dropped, carried); nullopt when none was reviewed.
std::optional<double> KeptRate(const std::vector<CommitmentStatus>& reviewed);

// ---- Rhythm ------------------------------------------------------------------
std::string RhythmProblem(const RhythmDecision& decision);

// ---- Text items ----------------------------------------------------------------
// Limits in characters; the rules every typed text follows are in names.h (CheckName).
constexpr int kMaxActivityChars = 80;  // a rhythm decision's activity ("Monthly call")
constexpr int kMaxTaskChars = 120;
constexpr int kMaxCommitmentChars = 200;
constexpr int kMaxVoiceChars = 280;
constexpr int kMaxTasksPerStage = 60;  // a dot vote over more cannot be read from the back of a room

}  // namespace facilitation

namespace facilitation {
// The health pulse of a renewal: every failure mode rated 1 (not at all) .. 5 (very much), anonymous by
// default so that people say what they see.
PollSpec HealthPulseSpec();
}  // namespace facilitation

// Exporting workshops: every format a coordinator can file, share or feed into other tools.
// Sections: formats · the data of one workshop · renderers (pure: data in, file content out) · folders and
// files · running an export. README "Export and other commands" says what each file holds and why.
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "facilitation/record.h"
#include "facilitation/store/store.h"

namespace facilitation::exporting {

// ---- Formats -------------------------------------------------------------------
struct FormatSet {
    bool csv = true, json = true, md = true, html = true, ics = true;
};
constexpr const char* kValidFormats = "csv, json, md, html, ics";
// "csv,json,md,html,ics" in any order and case, spaces allowed. On an unknown or empty name returns false and
// sets `error` to a sentence naming the valid ones.
bool ParseFormats(const std::string& text, FormatSet& out, std::string& error);

// ---- The data of one workshop --------------------------------------------------------
// A named poll's ballot: who voted what. Anonymous polls never have any (the store cannot link them).
struct NamedBallot {
    std::string poll_id;
    std::string member_id, member_name;
    BallotEntries entries;
};

struct ExportData {
    WorkshopRecord record;
    nlohmann::ordered_json outcome;       // exactly what outcome.json holds (cop-kiosk.outcome/1)
    std::vector<NamedBallot> ballots;     // named polls only, poll by poll, voters in check-in order
    std::optional<WorkshopChanges> changes;  // a renewal against its previous workshop
};
// `previous`: the workshop's previous one if the caller has it loaded already (else it is read);
// `as_loaded`: receives the workshop's record as read, before the readable formats' poll order is applied.
ExportData LoadExportData(Store& store, const std::string& workshop_id, const WorkshopRecord* previous = nullptr,
                          WorkshopRecord* as_loaded = nullptr);

// ---- Renderers: file name -> content ------------------------------------------------------
std::string RenderOutcomeJson(const ExportData& data);
// participants.csv, roles.csv, rhythm.csv, tasks.csv, votes.csv, commitments.csv.
std::map<std::string, std::string> RenderCsvFiles(const ExportData& data);
std::string RenderRhythmIcs(const ExportData& data);       // a VEVENT with its RRULE per rhythm decision
std::string RenderCommitmentsIcs(const ExportData& data);  // a VTODO with DUE per open commitment
std::string RenderMarkdown(const ExportData& data);
std::string RenderHtml(const ExportData& data);

// ---- Folders and files -------------------------------------------------------------
// Lower-case ASCII letters and digits joined by single hyphens; Latin letters lose their accents
// ("Élodie Dupré" -> "elodie-dupre", "Œuvre" -> "oeuvre"), other characters separate words. At most 40 octets;
// "community" when nothing is left.
std::string Slug(const std::string& text);
// "<community slug>-<YYYY-MM-DD of the start>-<kind>-<first 8 hex digits of the workshop id>": stable, unique
// in practice, and safe on every file system.
std::string WorkshopFolderName(const Community& community, const Workshop& workshop);
// Writes dir/name through a temporary file in the same folder and a rename, so a reader never sees half a file.
void WriteFileAtomically(const std::filesystem::path& dir, const std::string& name, const std::string& content);
// Creates `dir` (and its parents) unless it exists; refuses a path that is a file.
void PrepareFolder(const std::filesystem::path& dir);

// ---- Running an export ------------------------------------------------------------------
// Writes the chosen formats of one workshop into `dir`. Returns the names of the files written.
std::vector<std::string> WriteWorkshopExport(const ExportData& data, const std::filesystem::path& dir,
                                             const FormatSet& formats);

struct Selection {
    std::string workshop = "latest";  // a workshop id, "latest" or "all"
    std::string community;            // a community's name or id; empty: every community
};
struct ExportReport {
    std::vector<std::filesystem::path> folders;  // one per workshop written
    size_t files = 0;
    bool wrote_index = false;
};
// One workshop (an id or "latest"): its files go straight into `out_dir`, as they always have.
// "all": each workshop into out_dir/<WorkshopFolderName>/, and out_dir/communities.csv indexes them.
// An unknown community or workshop, or a workshop of another community than the one named, is an Error.
ExportReport RunExport(Store& store, const Selection& selection, const std::filesystem::path& out_dir,
                       const FormatSet& formats);
// communities.csv: a row per workshop of the selected communities (a community without one gets one row too).
std::string RenderCommunitiesIndex(Store& store, const std::vector<Community>& communities);

}  // namespace facilitation::exporting

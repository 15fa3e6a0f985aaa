#include "kiosk/cli/commands.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iterator>
#include <iostream>
#include <nlohmann/json.hpp>

#include "facilitation/demo.h"
#include "facilitation/exchange/roster.h"
#include "facilitation/export/export.h"
#include "facilitation/outcome.h"
#include "facilitation/paths.h"
#include "facilitation/store/store.h"
#include "facilitation/templates.h"

namespace kiosk::cli {
using facilitation::Store;

namespace {
// Every runtime failure ends as one line on stderr and exit code 1.
template <typename Body>
int Guard(Body&& body) {
    try {
        return body();
    } catch (const std::exception& error) {
        std::cerr << "cop-kiosk: " << error.what() << '\n';
        return kExitRuntimeError;
    }
}
}  // namespace

int RunDemo(const std::string& db_path) {
    return Guard([&] {
        // The templates first: a broken one is reported before any database file is created or changed.
        facilitation::LoadTemplate(facilitation::TemplatesDir(), "launch");
        facilitation::LoadTemplate(facilitation::TemplatesDir(), "renewal");
        auto store = Store::Open(db_path);
        const std::string workshop_id = facilitation::CreateDemo(*store, facilitation::TemplatesDir());
        const auto workshop = store->GetWorkshop(workshop_id);
        const auto community = store->GetCommunity(workshop.community_id);
        std::cout << "Demo community \"" << community.name
                  << "\" with a completed launch workshop and its renewal a year later written to " << db_path
                  << " (latest workshop " << workshop_id << ").\n";
        return kExitOk;
    });
}

int RunList(const std::string& db_path, bool as_json) {
    return Guard([&] {
        auto store = Store::OpenForReading(db_path);
        const auto communities = store->ListCommunities();
        const auto workshops = store->ListWorkshops();
        if (as_json) {
            nlohmann::json out = nlohmann::json::array();
            for (const auto& c : communities) {
                nlohmann::json list = nlohmann::json::array();
                for (const auto& s : workshops) {
                    if (s.workshop.community_id != c.id) continue;
                    list.push_back({{"id", s.workshop.id},
                                    {"kind", s.workshop.kind},
                                    {"template", s.workshop.template_key},
                                    {"started_at", s.workshop.started_at},
                                    {"ended_at", s.workshop.ended_at.empty() ? nlohmann::json(nullptr)
                                                                             : nlohmann::json(s.workshop.ended_at)},
                                    {"participants", s.participant_count}});
                }
                out.push_back({{"id", c.id}, {"name", c.name}, {"domain", c.domain}, {"workshops", list}});
            }
            std::cout << out.dump(2) << '\n';
            return kExitOk;
        }
        if (communities.empty()) {
            std::cout << "No communities yet in " << db_path << ".\n";
            return kExitOk;
        }
        for (const auto& c : communities) {
            std::cout << c.name << "  (" << c.id << ")\n";
            bool any = false;
            for (const auto& s : workshops) {
                if (s.workshop.community_id != c.id) continue;
                any = true;
                std::cout << "  " << s.workshop.started_at.substr(0, 10) << "  " << s.workshop.kind << "  "
                          << (s.workshop.IsRunning() ? "in progress" : "completed") << "  " << s.participant_count
                          << " participants  " << s.workshop.id << '\n';
            }
            if (!any) std::cout << "  no workshops yet\n";
        }
        return kExitOk;
    });
}

int RunExport(const std::string& db_path, const std::string& workshop, const std::string& community,
              const std::string& out_dir, const std::string& formats) {
    namespace exporting = facilitation::exporting;
    exporting::FormatSet chosen;
    std::string problem;
    if (!exporting::ParseFormats(formats, chosen, problem)) {
        std::cerr << "cop-kiosk: " << problem << '\n';
        return kExitUsageError;
    }
    return Guard([&] {
        // Read-only: exporting never changes the database.
        auto store = Store::OpenForReading(db_path);
        exporting::Selection selection;
        selection.workshop = workshop;
        selection.community = community;
        const auto report = exporting::RunExport(*store, selection, out_dir, chosen);
        if (workshop == "all")
            std::cout << "Wrote " << report.files << " files for " << report.folders.size() << " workshop(s) into "
                      << out_dir << (report.wrote_index ? ", indexed in communities.csv" : "") << '\n';
        else
            std::cout << "Wrote " << report.files << " files into " << out_dir << '\n';
        return kExitOk;
    });
}

int RunCheck(const std::string& db_path) {
    return Guard([&] {
        auto store = Store::OpenForReading(db_path);
        const int version = store->SchemaVersion();
        const auto problems = store->IntegrityProblems();
        std::cout << db_path << ": schema version " << version << " (this program knows up to "
                  << facilitation::kSchemaVersion << ")\n";
        if (!problems.empty()) {
            for (const auto& problem : problems) std::cout << "  problem: " << problem << '\n';
            throw facilitation::Error(std::to_string(problems.size()) + " integrity problem(s) found in " + db_path +
                                      ": restore it from a backup.");
        }
        std::cout << "integrity: ok; " << store->ListCommunities().size() << " communities, "
                  << store->ListWorkshops().size() << " workshops\n";
        return kExitOk;
    });
}

int RunRosterImport(const std::string& db_path, const std::string& community, const std::string& csv_path) {
    return Guard([&] {
        namespace fs = std::filesystem;
        std::error_code error;
        // The community must already exist: importing never creates a database or a community.
        if (!fs::exists(db_path, error)) throw facilitation::Error("There is no database at " + db_path + ".");
        std::ifstream file(csv_path, std::ios::binary);
        if (!file || fs::is_directory(csv_path, error)) throw facilitation::Error("Cannot read the roster " + csv_path + ".");
        const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        std::vector<facilitation::exchange::RosterEntry> entries;
        try {
            entries = facilitation::exchange::ParseRoster(text);
        } catch (const facilitation::RuleError& problem) {
            throw facilitation::Error(csv_path + ", " + problem.what() + "; nothing was imported.");
        }
        auto store = Store::Open(db_path);
        const auto found = store->FindCommunity(community);
        if (!found)
            throw facilitation::Error("There is no community \"" + community + "\" in " + db_path +
                                      " (cop-kiosk list shows them); nothing was imported.");
        std::vector<Store::RosterRow> rows;
        for (const auto& entry : entries) rows.push_back(Store::RosterRow{entry.name, entry.email, entry.participation});
        const auto result = store->ImportRoster(found->id, rows);
        std::cout << "Roster of \"" << found->name << "\": " << result.added << " added, " << result.updated
                  << " updated, " << result.unchanged << " unchanged (" << store->MembersOf(found->id).size()
                  << " members).\n";
        return kExitOk;
    });
}

int RunMerge(const std::string& into, const std::vector<std::string>& sources) {
    return Guard([&] {
        auto store = Store::Open(into);
        const auto reports = store->MergeFrom(sources);
        Store::MergeCounts total;
        for (const auto& report : reports) {
            std::cout << "From " << report.source << ":\n";
            for (const auto& [table, counts] : report.tables) {
                total.added += counts.added;
                total.updated += counts.updated;
                total.skipped += counts.skipped;
                total.conflicts += counts.conflicts;
                total.duplicates += counts.duplicates;
                if (counts.added + counts.updated + counts.skipped + counts.conflicts == 0) continue;
                std::cout << "  " << std::left << std::setw(18) << table << std::right << " added " << std::setw(5)
                          << counts.added << "  updated " << std::setw(5) << counts.updated << "  skipped "
                          << std::setw(5) << counts.skipped << "  conflicts " << std::setw(3) << counts.conflicts;
                if (counts.duplicates) std::cout << "  (" << counts.duplicates << " duplicate(s) kept, not current)";
                std::cout << '\n';
            }
            for (const auto& line : report.duplicates) std::cout << "  duplicate: " << line << '\n';
            for (const auto& line : report.conflicts) std::cout << "  conflict: " << line << '\n';
        }
        std::cout << "Merged " << reports.size() << " database(s) into " << into << ": " << total.added << " added, "
                  << total.updated << " updated, " << total.skipped << " skipped, " << total.conflicts
                  << " conflict(s).\n";
        return kExitOk;
    });
}

}  // namespace kiosk::cli

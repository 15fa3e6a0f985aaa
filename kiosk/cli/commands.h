// Headless commands: they use the facilitation library only (no window, no GL), so they run anywhere.
#pragma once
#include <string>
#include <vector>

namespace kiosk::cli {

// Exit codes shared by every command.
constexpr int kExitOk = 0;
constexpr int kExitRuntimeError = 1;
constexpr int kExitUsageError = 2;

int RunDemo(const std::string& db_path);
int RunList(const std::string& db_path, bool as_json);
// `workshop`: an id, "latest" or "all"; `community`: a name or id, or empty; `formats`: "csv,json,md,html,ics"
// or any part of it (a bad name is a usage error, exit 2).
int RunExport(const std::string& db_path, const std::string& workshop, const std::string& community,
              const std::string& out_dir, const std::string& formats);
int RunCheck(const std::string& db_path);
// Imports a roster CSV (name, email, level) into an existing community: all rows or none.
int RunRosterImport(const std::string& db_path, const std::string& community, const std::string& csv_path);
// Merges kiosks' databases into `into` (created if missing); the sources are never changed.
int RunMerge(const std::string& into, const std::vector<std::string>& sources);

}  // namespace kiosk::cli

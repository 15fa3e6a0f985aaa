// cop-kiosk: the workshop screens, or a headless command (demo, list, export, check, roster import, merge).
// Headless commands are dispatched before any window code runs, so they need no display.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "facilitation/paths.h"
#include "kiosk/app.h"
#include "kiosk/cli/commands.h"
#include "kiosk/frame_stats.h"

namespace {

bool ParseSize(const std::string& text, int& width, int& height) {
    char x = 0;
    char extra = 0;
    if (std::sscanf(text.c_str(), "%d%c%d%c", &width, &x, &height, &extra) != 3 || (x != 'x' && x != 'X')) return false;
    return width >= 320 && height >= 240 && width <= 16384 && height <= 16384;
}

}  // namespace

int main(int argc, char** argv) {
    const double entered = kiosk::FrameStats::Monotonic();  // --frame-stats times start-up from here
    CLI::App cli{
        "cop-kiosk: run the launch and renewal workshops of communities of practice, and export what they decide.\n"
        "Without a command it opens the workshop screens full-screen (the facilitator's console)."};
    cli.set_help_all_flag("--help-all", "Show the help of every command");
    kiosk::AppOptions options;
    options.db_path = facilitation::DefaultDatabasePath();
    std::string windowed;
    cli.add_option("--db", options.db_path, "The workshop database (default: " + options.db_path + ")");
    cli.add_option("--role", options.role,
                   "facilitator (the default): the console; projector: the audience view on a second screen, "
                   "read-only, following the database live; kiosk: the participants' touch station, locked until "
                   "the facilitator's PIN is given")
        ->check(CLI::IsMember({"facilitator", "projector", "kiosk"}));
    cli.add_option("--windowed", windowed, "Open a WxH window instead of full screen, e.g. 1280x720");
    cli.add_option("--monitor", options.monitor,
                   "The screen to open on, 1 for the first (default: the projector takes the second screen when "
                   "there are two, every other role the primary one)")
        ->check(CLI::PositiveNumber);
    cli.add_option("--screenshot", options.screenshot_path, "Save the window as a PNG once the first frames have settled");
    cli.add_option("--exit-after-frames", options.exit_after_frames, "Quit cleanly after N frames")
        ->check(CLI::PositiveNumber);
    cli.add_option("--layout-dump", options.layout_dump_path,
                   "Rewrite this JSON file with every interactive widget's id, label and rectangle when they change");
    cli.add_option("--tour", options.tour_dir, "Save a PNG of every stage of the latest workshop into this folder, then quit");
    cli.add_option("--frame-stats", options.frame_stats_path,
                   "For benchmarks (scripts/bench): write the start-up phases' times and every frame's CPU time "
                   "(building the UI, drawing and swapping, all threads) to this file");
    cli.add_option("--bench-frames", options.bench_frames,
                   "For benchmarks: each SIGUSR1 makes the window draw N frames back to back, recorded in "
                   "--frame-stats, then go back to waiting")
        ->check(CLI::PositiveNumber);

    std::string db_for_command = options.db_path;
    auto* demo = cli.add_subcommand("demo", "Create a demo community with a completed launch workshop");
    demo->add_option("--db", db_for_command, "Database to write (created if missing)")->required();
    bool as_json = false;
    auto* list = cli.add_subcommand("list", "List communities and their workshops");
    list->add_option("--db", db_for_command, "Database to read")->required();
    list->add_flag("--json", as_json, "Print JSON instead of text");
    std::string workshop = "latest";
    std::string out_dir;
    std::string community;
    std::string formats = "csv,json,md,html,ics";
    auto* export_cmd = cli.add_subcommand(
        "export", "Write workshops' outcomes (JSON, Markdown, HTML, CSV, iCalendar) into a folder; read-only");
    export_cmd->add_option("--db", db_for_command, "Database to read (never changed)")->required();
    export_cmd->add_option("--workshop", workshop,
                           "A workshop id, \"latest\" (its files go straight into --out) or \"all\" (a folder per "
                           "workshop under --out, and communities.csv)")
        ->required();
    export_cmd->add_option("--community", community, "Only this community (its name or id)");
    export_cmd->add_option("--out", out_dir, "Folder to write into (created if missing)")->required();
    export_cmd->add_option("--format", formats, "Comma-separated: csv,json,md,html,ics (default: all of them)");
    auto* check = cli.add_subcommand("check", "Check a database's integrity and schema version");
    check->add_option("--db", db_for_command, "Database to check")->required();
    auto* roster = cli.add_subcommand("roster", "A community's members (the check-in offers them as taps)");
    roster->require_subcommand(1);
    std::string roster_file;
    auto* roster_import = roster->add_subcommand(
        "import", "Import members from a CSV file with a header row: name, email, level (core, active, peripheral)");
    roster_import->add_option("--db", db_for_command, "Database to write")->required();
    roster_import->add_option("--community", community, "The community (its name, any case, or id)")->required();
    roster_import->add_option("FILE", roster_file, "The roster, CSV in UTF-8")->required();
    std::string merge_into;
    std::vector<std::string> merge_sources;
    auto* merge = cli.add_subcommand(
        "merge", "Merge kiosks' databases into a central one (created if missing); the kiosks' files are never changed");
    merge->add_option("--into", merge_into, "The central database")->required();
    merge->add_option("KIOSK", merge_sources, "The kiosks' databases")->required();
    cli.require_subcommand(0, 1);

    try {
        cli.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << cli.help();
        return kiosk::cli::kExitOk;
    } catch (const CLI::CallForAllHelp&) {
        std::cout << cli.help("", CLI::AppFormatMode::All);
        return kiosk::cli::kExitOk;
    } catch (const CLI::ParseError& error) {
        std::cerr << "cop-kiosk: " << error.what() << "\nRun cop-kiosk --help to see the commands and options.\n";
        return kiosk::cli::kExitUsageError;
    }

    if (demo->parsed()) return kiosk::cli::RunDemo(db_for_command);
    if (list->parsed()) return kiosk::cli::RunList(db_for_command, as_json);
    if (export_cmd->parsed()) return kiosk::cli::RunExport(db_for_command, workshop, community, out_dir, formats);
    if (check->parsed()) return kiosk::cli::RunCheck(db_for_command);
    if (roster_import->parsed()) return kiosk::cli::RunRosterImport(db_for_command, community, roster_file);
    if (merge->parsed()) return kiosk::cli::RunMerge(merge_into, merge_sources);

    if (!windowed.empty() && !ParseSize(windowed, options.windowed_width, options.windowed_height)) {
        std::cerr << "cop-kiosk: --windowed wants WIDTHxHEIGHT, e.g. 1280x720 (got \"" << windowed << "\").\n";
        return kiosk::cli::kExitUsageError;
    }
    // The default database's folder is ours to create; a path given with --db must already have its folder.
    if (options.db_path == facilitation::DefaultDatabasePath()) {
        std::error_code error;
        std::filesystem::create_directories(std::filesystem::path(options.db_path).parent_path(), error);
    }
    // For tests only: a shorter idle reset than the kiosk's 30 seconds (see README, "Kiosk").
    if (const char* idle = std::getenv("COPK_KIOSK_IDLE_SECONDS")) {
        char* end = nullptr;
        const double seconds = std::strtod(idle, &end);
        if (end != idle && *end == '\0' && seconds > 0 && seconds <= 3600) options.kiosk_idle_seconds = seconds;
    }
    options.started_at = entered;
    kiosk::App app(options);
    return app.Run();
}

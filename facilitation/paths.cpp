#include "facilitation/paths.h"

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace facilitation {
namespace {
namespace fs = std::filesystem;

fs::path ExecutableDir() {
    std::error_code error;
    const fs::path exe = fs::read_symlink("/proc/self/exe", error);
    return error ? fs::path() : exe.parent_path();
}

// First of: the environment variable, a folder beside the program (build tree or install), the source tree.
std::string FindDir(const char* env_name, const char* folder) {
    if (const char* env = std::getenv(env_name); env && *env) return env;
    const fs::path exe_dir = ExecutableDir();
    for (const fs::path& candidate : {exe_dir / folder, exe_dir / ".." / "share" / "cop-kiosk" / folder}) {
        std::error_code error;
        if (!exe_dir.empty() && fs::is_directory(candidate, error)) return candidate.lexically_normal().string();
    }
    return (fs::path(COPK_SOURCE_ROOT) / folder).string();
}
}  // namespace

std::string DataDir() { return FindDir("COPK_DATA_DIR", "data"); }
std::string TemplatesDir() { return DataDir() + "/templates"; }
std::string AssetsDir() { return FindDir("COPK_ASSETS_DIR", "assets"); }

std::string DefaultDatabasePath() {
    std::string base;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg == '/') {
        base = xdg;
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        base = std::string(home) + "/.local/share";
    } else {
        base = ".";
    }
    return base + "/cop-kiosk/kiosk.db";
}

}  // namespace facilitation

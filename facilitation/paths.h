// Where the program finds its data and assets, and where it keeps the database.
#pragma once
#include <string>

namespace facilitation {
// $COPK_DATA_DIR, else data/ beside the installed program, else the source tree's data/.
std::string DataDir();
std::string TemplatesDir();
// $COPK_ASSETS_DIR, else assets/ found the same way.
std::string AssetsDir();
// $XDG_DATA_HOME/cop-kiosk/kiosk.db, else ~/.local/share/cop-kiosk/kiosk.db.
std::string DefaultDatabasePath();
}  // namespace facilitation

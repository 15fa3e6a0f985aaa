// A workshop's outcome as JSON: format cop-kiosk.outcome/1, the contract coordinators' tools read.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include "facilitation/store/store.h"

namespace facilitation {

constexpr const char* kOutcomeFormat = "cop-kiosk.outcome/1";

nlohmann::ordered_json BuildOutcome(Store& store, const std::string& workshop_id);
// Writes DIR/outcome.json atomically (temporary file, then rename). Returns the file's path.
std::string WriteOutcomeFiles(Store& store, const std::string& workshop_id, const std::string& out_dir);

}  // namespace facilitation

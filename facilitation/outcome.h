// A workshop's outcome as JSON: format cop-kiosk.outcome/1, the contract coordinators' tools read.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include "facilitation/record.h"
#include "facilitation/store/store.h"

namespace facilitation {

constexpr const char* kOutcomeFormat = "cop-kiosk.outcome/1";

// Loads the workshop (and, for a renewal, its previous one) and builds its outcome.
nlohmann::ordered_json BuildOutcome(Store& store, const std::string& workshop_id);
// The outcome of a workshop already loaded; `changes` is what changed since the previous workshop (a renewal's),
// or null for none. Exporting many workshops loads each one once this way.
nlohmann::ordered_json BuildOutcome(const WorkshopRecord& record, const WorkshopChanges* changes);
// Writes DIR/outcome.json atomically (temporary file, then rename). Returns the file's path.
std::string WriteOutcomeFiles(Store& store, const std::string& workshop_id, const std::string& out_dir);

}  // namespace facilitation

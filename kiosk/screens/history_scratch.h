// Scratch state of the coordinators' Review screens (kiosk/screens/review_*.cpp): which community, workshop and
// pair are looked at, the last export's result, and what was loaded for them (reloaded whenever the database
// changes). Owned by the App, never in static locals; kept while a workshop runs, so Review can be left and
// found again as it was.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "facilitation/history.h"
#include "facilitation/record.h"

namespace kiosk {

struct HistoryScratch {
    std::string community_id;        // the community looked at; empty: the first one
    std::string outcome_id;          // the workshop whose outcome is shown
    std::vector<std::string> picks;  // the two workshops compared, in the order picked (facilitation::TogglePick)
    std::string section = "stage";   // the comparison's section on screen
    int jump_to_row = -1;            // the ledger: scroll to this row once (a carried commitment's link)
    // The last export: where it went and what it wrote, or why it failed and what to do.
    std::string export_message;
    bool export_error = false;
    std::vector<std::string> export_files;
    // What was loaded, and for which database version and choice (see review_common.cpp).
    long long loaded_version = -1;
    std::string loaded_key;
    std::optional<facilitation::WorkshopRecord> outcome;
    std::optional<facilitation::WorkshopRecord> older, newer;
    std::vector<facilitation::ComparisonSection> sections;
    std::optional<facilitation::CommitmentLedger> ledger;
};

}  // namespace kiosk

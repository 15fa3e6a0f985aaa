// What the coordinators' Review screens share: the header (back, the other views, export), the export itself,
// and loading what a screen shows. Sections of review_common.cpp follow this order.
#pragma once
#include <string>
#include <vector>

#include "facilitation/model.h"

namespace kiosk {
class App;

// The community looked at (the scratch's, else the first one); nullptr when there is none.
const facilitation::Community* ReviewedCommunity(App& app);
// Its workshops, newest first (from the app's list, reloaded with the database).
std::vector<facilitation::Workshop> WorkshopsOfCommunity(App& app, const std::string& community_id);
// "Renewal workshop · 2026-10-25" (the start date), and ", running" when it is.
std::string WorkshopLabel(const facilitation::Workshop& workshop);

// True once what `key` names has to be loaded again: another choice, or the database changed since.
bool ReviewNeedsLoad(App& app, const std::string& key);

// The header of every Review screen: "◀ Back to the workshop" or "◀ Home" (review.back), the views
// (review.tolist, review.ledger, review.compare) except `here`, and the export button (review.export) whose
// label says what it writes; the title under them; then the last export's result. True when export was pressed.
bool DrawReviewHeader(App& app, const std::string& here, const std::string& title, const std::string& export_label);

// Exports every format into a new folder beside the database (<db folder>/cop-kiosk-exports/<time>-<name>):
// one workshop (`workshop_id`), or all of a community's (`workshop_id` empty). Read-only: a running workshop
// keeps running. The result (the folder and the files, or the problem and what to do) shows under the header.
void ExportFromReview(App& app, const std::string& community_id, const std::string& workshop_id);

// A body that fills what is left above the bottom edge, scrolling when its content is longer.
void BeginReviewBody(const char* id);
void EndReviewBody();

}  // namespace kiosk

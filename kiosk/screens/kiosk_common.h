// What the kiosk's screens share: the header (where we are, the idle countdown), the footer (Back, the next
// step, a hint or the store's refusal), the paged name picker, and look-ups into the view.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include <imgui.h>

#include "facilitation/model.h"

namespace kiosk {
class App;

// A kiosk's big buttons: taller than the minimum touch target.
float KioskButtonHeight();

// The title of the screen in large type, a line under it, and (in the last seconds before the idle reset)
// a countdown anyone can stop by touching the screen.
void KioskHeader(App& app, const std::string& title, const std::string& line = "");

// The room the body may take above the footer.
float KioskBodyHeight();

enum class FooterPress { None, Back, Next };
// Back on the left, the next step on the right (disabled until it may be taken), the hint between them.
// `next_id` empty: no next step. Readout "kiosk.hint" holds the hint.
FooterPress KioskFooter(App& app, const std::string& back_label, const std::string& next_id, const std::string& next_label,
                        bool next_enabled, const std::string& hint, bool hint_is_error);

// Big name buttons, ids "kiosk.name.<i>" (i = index in check-in order), paged when they do not fit (ids
// "kiosk.names.previous" / "kiosk.names.more"): never a scroll, which a touch screen cannot drag. `mark(p)`
// adds words after the name ("✓ voted"). Takes at most `height`. Returns the index pressed, or -1.
int KioskNamePicker(App& app, const std::vector<facilitation::Participant>& people, int& page, float height,
                    const std::function<std::string(const facilitation::Participant&)>& mark);

// A large tile a participant touches: a bold title (wrapped), a line under it, outlined and ticked when
// selected. Recorded in the layout dump under `id` with its title. True when pressed.
// `primary`: a way in (dark, white text, an arrow), as on the start screen.
bool KioskTile(App& app, const std::string& id, const std::string& title, const std::string& detail, ImVec2 size,
               bool selected = false, bool enabled = true, bool primary = false);

// Whether the member has voted in any poll of the ballot in progress (never what they chose).
bool VotedInVisitPolls(App& app, const std::string& member_id);

// The projector's count of an open vote (call right after drawing the facilitator's status line, on every
// screen with a vote): recorded as the readout "poll.count", with the kiosk's guest ballots (counted, but on
// nobody's name) added in words beside it. Does nothing off the projector.
void ProjectorPollCount(App& app, const std::string& status, int ballots, size_t voters);

// The polls of the ballot in progress (in the offer's order), or empty when they are no longer all open.
std::vector<facilitation::Poll> VisitPolls(App& app);

}  // namespace kiosk

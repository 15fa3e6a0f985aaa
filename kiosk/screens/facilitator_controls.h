// Controls the facilitator's console shares between screens: the kiosk PIN typed twice, a vote's row of
// buttons (open, close, show results, reopen, reset with a confirmation, anonymous/named, live/hidden) with their
// shortcuts, and who has not voted yet (kiosk/not_voted_text.h). Sections: PIN · votes.
#pragma once
#include <string>
#include <vector>

#include "facilitation/model.h"
#include "facilitation/store/store.h"
#include "kiosk/not_voted_text.h"
#include "kiosk/screens/facilitator_scratch.h"

namespace kiosk {
class App;

// ---- PIN ------------------------------------------------------------------------------
// A field that shows dots, typed twice: "Next" after the first, `done_label` after the second. Ids
// "<prefix>.field", "<prefix>.ok", "<prefix>.cancel"; a refusal is the readout "<prefix>.message".
// Returns Done (with the PIN in `*pin`) once both match and the PIN is valid, Cancelled on Cancel.
enum class PinEntryResult { Typing, Done, Cancelled };
PinEntryResult DrawPinEntry(App& app, const std::string& prefix, PinEntryScratch& s, const std::string& done_label,
                            std::string* pin);
// Why the facilitator sets a PIN, in one sentence, for the screens that ask for it.
extern const char* const kPinWhy;

// ---- Votes -------------------------------------------------------------------------------
enum class VoteAction { None, Open, Close, Reveal, Reopen, Reset, Anonymous, Live };
struct VoteRow {
    std::string prefix;                 // ids "<prefix>.open", ".close", ".reveal", ".reopen", ".reset" ...
    std::string status;                 // the vote's state in words, at the start of the row
    facilitation::PollStatus state = facilitation::PollStatus::Draft;
    std::string reset_key;              // which vote a reset confirmation belongs to (its first poll's id)
    bool offer_open = true;             // a draft is opened here (the tasks stage opens from its own row)
    bool can_open = true;
    std::string cannot_open;            // why not, shown instead of the draft's buttons (empty: a disabled button)
    bool anonymous = false;
    bool live_results = false;
    // While the vote is open: who is checked in and who has voted, for "Not voted yet" (names only).
    const std::vector<facilitation::Participant>* people = nullptr;
    const std::vector<std::string>* voter_ids = nullptr;
    int ballots = -1;  // ballots cast, guests' unnamed ones included: the projector says how many guests voted
};
// The vote's row: its state in large type, then (when the screens may record) the buttons for its state, then,
// while the vote is open, who has not voted yet: beside the buttons when it fits there, else on the line below.
// Returns what the facilitator chose by button or shortcut (kiosk/shortcuts.h); Reset only once confirmed.
VoteAction DrawVoteRow(App& app, const VoteRow& row);
// Carries out what the facilitator chose for one poll (a tasks stage moves its three polls itself).
void ApplyVoteAction(facilitation::Store& store, const facilitation::Poll& poll, VoteAction action);

}  // namespace kiosk

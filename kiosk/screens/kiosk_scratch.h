// Scratch state of the participants' kiosk: owned by the App, never in static locals. It holds one person's
// visit (who, what they are doing, the ballot or claim not yet confirmed) and the facilitator's PIN prompt.
// A visit is dropped whole when it ends: confirmed, cancelled, or left untouched (the idle reset).
#pragma once
#include <string>
#include <vector>

#include "facilitation/domain/kiosk.h"
#include "facilitation/domain/room.h"

namespace kiosk {

enum class KioskTask { None, Vote, Role, Commitment };
enum class KioskCommitmentStep { What, When };

struct KioskVisit {
    KioskTask task = KioskTask::None;
    std::string member_id;                 // empty with `guest`: an anonymous guest's ballot
    std::string member_name;
    bool guest = false;
    int name_page = 0;                     // names are paged, never scrolled (no drag on a touch screen)
    // Voting: the polls this ballot covers (fixed when it starts), the draft, and where the person is in it.
    std::vector<std::string> poll_ids;
    facilitation::KioskBallot ballot;
    size_t part = 0;                       // the poll shown
    int first_item = 0;                    // long polls are paged too
    std::vector<int> page_starts;          // first items of the pages already passed in this part (for Back)
    // Claiming a role.
    std::string role_key;
    // Stating a commitment: typed on the on-screen keyboard (UTF-8).
    KioskCommitmentStep step = KioskCommitmentStep::What;
    std::string what;
    bool shift = true;                     // the first letter is a capital, as on a phone
    std::string due;                       // YYYY-MM-DD, empty until chosen
    // The store's refusal of the confirmation, shown on the review.
    std::string refusal;
    // What the thank-you or the notice says.
    std::string thanks;
    std::string notice;
};

struct KioskScratch {
    KioskVisit visit;
    double screen_until = 0;               // thank-you and notice screens go back to the start by themselves
    // The facilitator's PIN prompt. The digits typed are never logged nor shown (dots only).
    std::string pin;
    bool pin_accepted = false;
    std::string pin_message;
    facilitation::PinLockout lockout;      // kept across prompts and idle resets: five wrong PINs lock a minute
};

}  // namespace kiosk

// Scratch state of the facilitator's controls (the stage frame's timer and kiosk controls, the votes' reset
// confirmation, the kiosk PIN typed at a workshop's start): owned by the App, never in static locals.
#pragma once
#include <string>

namespace kiosk {

// A PIN being typed twice: the first time into `digits`, kept in `first`, then again into `digits`.
struct PinEntryScratch {
    char digits[16] = {};
    std::string first;     // empty while the PIN is typed the first time
    std::string message;   // why the last try was refused
    bool focus = true;     // put the keyboard in the field on the next frame

    void Clear() { *this = PinEntryScratch{}; }
};

struct FacilitatorScratch {
    // Home: the workshop about to start waits for its PIN (empty: no PIN is being asked for).
    std::string start_community_id;
    std::string start_template;
    // The stage frame: a running workshop without a PIN is given one.
    bool setting_pin = false;
    PinEntryScratch pin;
    // The stage frame's last refusal or confirmation (timer, kiosk).
    std::string message;
    bool message_is_error = false;
    // The vote whose reset waits for a second press (its first poll id); empty: none.
    std::string reset_armed;

    bool PinOpen() const { return !start_community_id.empty() || setting_pin; }
};

}  // namespace kiosk

// Scratch state of the health screen: owned by the App, reset when a workshop opens; never in static locals.
// It holds only the ballot being filled in; the poll and its results are read from the view each frame.
#pragma once
#include <map>
#include <string>

namespace kiosk {

struct HealthScratch {
    std::string stage_key;             // the stage the form below belongs to; another stage resets it
    std::string ensured_stage;         // the stage whose pulse was created on arrival (tried once, not every frame)
    std::string voter_id;              // whose ballot is being filled in; empty: pick a name first
    std::map<std::string, int> rating; // failure mode key -> 1..5
    std::string message;
    bool message_is_error = false;

    void ClearBallot() {
        voter_id.clear();
        rating.clear();
    }
};

}  // namespace kiosk

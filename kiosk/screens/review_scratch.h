// Scratch state of the review screen: owned by the App, reset when a workshop opens; never in static locals.
#pragma once
#include <string>

namespace kiosk {

struct ReviewScratch {
    std::string carrying_id;  // the commitment whose new due date is being picked (carry forward); empty: none
    bool reveal_picks = false;  // scroll the list so that the new due date picks are in view (once)
    std::string message;  // a refusal; the rows themselves show each outcome chosen
    bool message_is_error = false;
};

}  // namespace kiosk

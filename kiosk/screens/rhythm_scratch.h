// Scratch state of the rhythm screen: owned by the App, reset when a workshop opens; never in static locals.
// It holds only what the facilitator is typing or choosing (the form); decisions themselves are read from the
// view every frame.
#pragma once
#include <string>

#include "facilitation/domain/recurrence.h"

namespace kiosk {

struct RhythmScratch {
    // List: the decisions, large, for the room. Form: adding or editing one decision. PickConvener: the
    // form's convener chosen from a full-size grid of names (the form keeps everything typed meanwhile).
    enum class Mode { List, Form, PickConvener };
    Mode mode = Mode::List;
    std::string editing_id;  // the decision loaded into the form; empty while adding a new one

    // The form, field by field.
    char activity[256] = {};
    facilitation::Frequency frequency = facilitation::Frequency::Monthly;
    int interval = 1;
    bool weekdays[7] = {};        // Monday first
    bool monthly_by_day = false;  // monthly "on day N" rather than "on the first Tuesday"
    int set_position = 1;         // 1..4, -1 = last
    int month_day = 1;
    char start[16] = {};          // YYYY-MM-DD
    int hour = 12, minute = 0;
    int duration = 60;
    std::string format = "online";
    std::string convener_id;
    std::string membership = "open";
    bool focus_activity = false;

    std::string message;
    bool message_is_error = false;
    std::string message_form;  // the form as it was when `message` was set; a change clears the message
};

}  // namespace kiosk

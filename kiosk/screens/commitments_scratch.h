// Scratch state of the commitments screen: owned by the App, reset when a workshop opens; never in static locals.
// It holds only the commitment being made (the form); commitments themselves are read from the view every frame.
#pragma once
#include <string>
#include <vector>

namespace kiosk {

struct CommitmentsScratch {
    // List: the commitments, large, for the room. Form: making one. PickLink: the form's optional link to a
    // task or a role, chosen from full-size buttons (the form keeps everything typed meanwhile).
    enum class Mode { List, Form, PickLink };
    Mode mode = Mode::List;

    // The form.
    bool whole_community = false;
    std::vector<std::string> member_ids;  // the people who commit (participants' member ids)
    char what[1024] = {};                 // up to 200 characters of UTF-8
    char due[16] = {};                    // YYYY-MM-DD
    std::string task_id;                  // optional link (at most one of the two)
    std::string role_key;
    bool focus_what = false;

    std::string message;
    bool message_is_error = false;
    std::string message_form;  // the form as it was when `message` was set; a change clears the message
};

}  // namespace kiosk

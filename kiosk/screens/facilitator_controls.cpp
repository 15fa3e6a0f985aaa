// Controls the facilitator's console shares between screens. Sections: 1. PIN · 2. votes (their
// "Not voted yet" text is kiosk/not_voted_text.cpp).
#include "kiosk/screens/facilitator_controls.h"
#include "kiosk/screens/kiosk_common.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>

#include "facilitation/domain/room.h"
#include "kiosk/app.h"
#include "kiosk/shortcuts.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

// ---- 1. PIN ------------------------------------------------------------------------------
const char* const kPinWhy =
    "The PIN is set when the workshop starts, so participants cannot leave the kiosk: only you can take the "
    "screen back from them or reach these controls. 4 to 8 digits; only a salted hash of it is kept.";

PinEntryResult DrawPinEntry(App& app, const std::string& prefix, PinEntryScratch& s, const std::string& done_label,
                            std::string* pin) {
    const bool again = !s.first.empty();
    ImGui::PushFont(app.GetFonts().bold);
    ImGui::TextUnformatted(again ? "2. Type the same PIN again" : "1. Choose a PIN of 4 to 8 digits");
    ImGui::PopFont();

    // The field keeps the digits as ImGui's password field does, but its text is drawn as dots, large enough
    // to count from a step back; the caret follows the last dot.
    const float em = Em();
    const float row_top = ImGui::GetCursorPosY();
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.6f * em, (TouchHeight() - ImGui::GetFontSize()) * 0.5f));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_TextSelectedBg, ImVec4(0, 0, 0, 0));
    ImGui::SetNextItemWidth(11.0f * em);
    if (s.focus) ImGui::SetKeyboardFocusHere();
    s.focus = false;
    const bool entered = ImGui::InputText(
        ("##" + prefix + ".field").c_str(), s.digits, static_cast<size_t>(kPinLongest) + 1,
        ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::PopStyleColor(2);
    ImGui::PopStyleVar();
    RecordLastItem(app, prefix + ".field", again ? "type the PIN again" : "choose a PIN");
    {
        const ImVec2 min = ImGui::GetItemRectMin();
        const ImVec2 max = ImGui::GetItemRectMax();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const size_t count = std::char_traits<char>::length(s.digits);
        const float radius = 0.32f * em, step = 1.1f * em, centre_y = (min.y + max.y) * 0.5f;
        for (size_t i = 0; i < count; ++i)
            draw->AddCircleFilled(ImVec2(min.x + 0.9f * em + step * static_cast<float>(i), centre_y), radius,
                                  theme::Rgb(theme::kInk));
        if (ImGui::IsItemActive()) {
            const float x = min.x + 0.45f * em + step * static_cast<float>(count) + (count ? 0.2f * em : 0.0f);
            draw->AddLine(ImVec2(x, centre_y - 0.6f * em), ImVec2(x, centre_y + 0.6f * em), theme::Rgb(theme::kInk), 2.0f);
        }
    }
    ImGui::SameLine();
    ImGui::SetCursorPosY(row_top);
    const bool ok = Button(app, prefix + ".ok", again ? done_label : "Next  \u25B6");
    ImGui::SameLine();
    ImGui::SetCursorPosY(row_top);
    const bool cancel = Button(app, prefix + ".cancel", "Cancel", ImVec2(0, 0), ButtonStyle::Secondary);
    if (!s.message.empty()) {
        Message(s.message, true);
        RecordReadout(app, prefix + ".message", s.message);
    }
    if (cancel) {
        s.Clear();
        return PinEntryResult::Cancelled;
    }
    if (!entered && !ok) return PinEntryResult::Typing;
    const std::string typed = s.digits;
    s.digits[0] = '\0';
    s.focus = true;
    if (!again) {
        s.message = PinProblem(typed);
        if (s.message.empty()) s.first = typed;
        return PinEntryResult::Typing;
    }
    s.message = PinConfirmProblem(s.first, typed);
    if (!s.message.empty()) {
        s.first.clear();  // start over: which of the two was mistyped cannot be told
        return PinEntryResult::Typing;
    }
    *pin = typed;
    s.Clear();
    return PinEntryResult::Done;
}

// ---- 2. Votes ------------------------------------------------------------------------------
namespace {
float LabelWidth(const std::string& label) { return ImGui::CalcTextSize(label.c_str()).x + 2.0f * Em(); }
}  // namespace

VoteAction DrawVoteRow(App& app, const VoteRow& row) {
    FacilitatorScratch& f = app.facilitator;
    const bool editable = app.CanRecord();
    const bool armed = editable && !row.reset_key.empty() && f.reset_armed == row.reset_key &&
                       row.state != PollStatus::Draft;
    if (!armed && f.reset_armed == row.reset_key) f.reset_armed.clear();

    // The buttons of this state, with their commands: a key acts only when its button is shown and enabled.
    struct Action {
        std::string id;
        std::string label;
        ButtonStyle style;
        Command command;
        VoteAction action;
        bool enabled;
    };
    std::vector<Action> actions;
    std::string status = row.status;
    bool blocked = false;  // a draft that cannot open says why instead of offering buttons
    if (editable && armed) {
        status = "Reset the vote? Its ballots are set aside.";
        actions.push_back({row.prefix + ".reset.confirm", "\u26A0 Yes, reset", ButtonStyle::Primary, Command::VoteReset,
                           VoteAction::Reset, true});
        actions.push_back({row.prefix + ".reset.cancel", "Keep the vote", ButtonStyle::Secondary, Command::VoteReset,
                           VoteAction::None, true});
    } else if (editable) {
        switch (row.state) {
            case PollStatus::Draft:
                if (!row.offer_open) break;
                if (!row.can_open && !row.cannot_open.empty()) {
                    blocked = true;
                    break;
                }
                actions.push_back({row.prefix + ".open", "Open the vote", ButtonStyle::Primary, Command::VoteOpen,
                                   VoteAction::Open, row.can_open});
                // Chosen before the vote opens: anonymous or named ballots, results live or kept until shown.
                actions.push_back({row.prefix + ".anonymous", row.anonymous ? "\u2713 Anonymous" : "Named ballots",
                                   ButtonStyle::Secondary, Command::VoteAnonymous, VoteAction::Anonymous, true});
                actions.push_back({row.prefix + ".live", row.live_results ? "\u2713 Live results" : "Results at the end",
                                   ButtonStyle::Secondary, Command::VoteLive, VoteAction::Live, true});
                break;
            case PollStatus::Open:
                actions.push_back({row.prefix + ".close", "Close the vote", ButtonStyle::Primary, Command::VoteClose,
                                   VoteAction::Close, true});
                break;
            case PollStatus::Closed:
                actions.push_back({row.prefix + ".reveal", "Show results", ButtonStyle::Primary, Command::VoteReveal,
                                   VoteAction::Reveal, true});
                actions.push_back({row.prefix + ".reopen", "Reopen the vote", ButtonStyle::Secondary,
                                   Command::VoteReopen, VoteAction::Reopen, true});
                break;
            case PollStatus::Revealed:
                actions.push_back({row.prefix + ".reopen", "Reopen the vote", ButtonStyle::Secondary,
                                   Command::VoteReopen, VoteAction::Reopen, true});
                break;
        }
        if (row.state != PollStatus::Draft && !row.reset_key.empty())
            actions.push_back({row.prefix + ".reset", "Reset\u2026", ButtonStyle::Secondary, Command::VoteReset,
                               VoteAction::Reset, true});
    }

    // The state in large type when the row has the room, else in bold body type: the buttons never wrap away.
    const float em = Em();
    float buttons_width = 0;
    for (const Action& a : actions) buttons_width += LabelWidth(a.label) + em;
    ImFont* font = app.GetFonts().heading;
    ImGui::PushFont(font);
    const bool fits = ImGui::CalcTextSize(status.c_str()).x + buttons_width <= ImGui::GetContentRegionAvail().x;
    ImGui::PopFont();
    if (!fits || armed) font = app.GetFonts().bold;
    const float row_top = ImGui::GetCursorPosY();
    const float row_left = ImGui::GetCursorPosX();
    const float line = font->FontSize;
    if (editable && !actions.empty()) ImGui::SetCursorPosY(row_top + (TouchHeight() - line) * 0.5f);
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(armed ? theme::kError : theme::kInk));
    ImGui::TextUnformatted(status.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    if (row.voter_ids && row.ballots >= 0) ProjectorPollCount(app, status, row.ballots, row.voter_ids->size());
    if (blocked) Message(row.cannot_open, true);
    if (actions.empty()) return VoteAction::None;

    VoteAction chosen = VoteAction::None;
    bool reset_key_used = false;
    for (const Action& a : actions) {
        ImGui::SameLine();
        ImGui::SetCursorPosY(row_top);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + em);
        const bool clicked = Button(app, a.id, a.label, ImVec2(0, 0), a.style, a.enabled);
        // One key per command: Ctrl+Backspace asks, then confirms; it never cancels.
        const bool keyed = a.enabled && !reset_key_used && !(armed && a.action == VoteAction::None) &&
                           CommandPressed(app, a.command);
        if (keyed && a.command == Command::VoteReset) reset_key_used = true;
        if (!clicked && !keyed) continue;
        if (a.command == Command::VoteReset && !armed) {
            f.reset_armed = row.reset_key;  // the first press asks
        } else if (a.command == Command::VoteReset) {
            f.reset_armed.clear();
            chosen = a.action;  // Reset when confirmed, None when kept
        } else {
            chosen = a.action;
        }
    }
    if (armed && ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) f.reset_armed.clear();

    // Who has not voted yet, in a smaller type (it is the facilitator's, not the room's): beside the buttons when
    // it fits there in two lines, else under the row across the whole width.
    // At most two lines either way: a long list names the first and counts the rest.
    const bool listed = row.state == PollStatus::Open && !armed && row.people && row.voter_ids;
    ImFont* small = ImGui::GetFont();
    const float small_size = 0.85f * em;
    auto fitted = [&](float width) {
        return NotVotedYetFitted(*row.people, *row.voter_ids, small, small_size, width, 2);
    };
    auto small_height = [&](const std::string& text, float width) {
        return small->CalcTextSizeA(small_size, 1e9f, width, text.c_str()).y;
    };
    auto draw_small = [&](const std::string& text, float width) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float height = small_height(text, width);
        ImGui::GetWindowDrawList()->AddText(small, small_size, at, theme::Rgb(theme::kMuted), text.c_str(), nullptr, width);
        ImGui::Dummy(ImVec2(width, height));
        RecordReadout(app, "poll.not_voted", text);
    };
    bool waiting_shown = !listed;
    if (!waiting_shown) {
        ImGui::SameLine(0, 1.5f * em);
        const float room = ImGui::GetContentRegionAvail().x;
        if (room > 8.0f * em) {
            // Beside the buttons only when the whole list fits there; else under the row, across the width.
            const std::string whole = NotVotedYetText(*row.people, *row.voter_ids);
            if (small_height(whole, room) <= TouchHeight()) {
                ImGui::SetCursorPosY(row_top + (TouchHeight() - small_height(whole, room)) * 0.5f);
                draw_small(whole, room);
                waiting_shown = true;
            }
        }
    }
    ImGui::SetCursorPos(ImVec2(row_left, row_top + TouchHeight() + ImGui::GetStyle().ItemSpacing.y));
    if (!waiting_shown) {
        const float width = ImGui::GetContentRegionAvail().x;
        draw_small(fitted(width), width);
    }
    return chosen;
}

void ApplyVoteAction(facilitation::Store& store, const facilitation::Poll& poll, VoteAction action) {
    const std::string& id = poll.id;
    switch (action) {
        case VoteAction::Open: store.OpenPoll(id); break;
        case VoteAction::Close: store.ClosePoll(id); break;
        case VoteAction::Reveal: store.RevealPoll(id); break;
        case VoteAction::Reopen: store.ReopenPoll(id); break;
        case VoteAction::Reset: store.ResetPolls({id}); break;
        // Chosen before the vote opens: anonymous or named ballots, live results or results at the end.
        case VoteAction::Anonymous: store.SetPollSettings(id, !poll.anonymous, poll.live_results); break;
        case VoteAction::Live: store.SetPollSettings(id, poll.anonymous, !poll.live_results); break;
        case VoteAction::None: break;
    }
}

}  // namespace kiosk

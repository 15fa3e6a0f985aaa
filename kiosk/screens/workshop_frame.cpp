// The frame of every stage screen: where we are, the stage's title and prompt, its countdown; Back and Next.
// On the facilitator's console it also carries the controls every stage shares: the kiosk row at the top (open
// roles or commitments at the kiosk, hand the screen to participants, or set the PIN that needs), and the timer
// in the footer (pause or start, +5 min, restart). The projector's path draws the same frame with no buttons.
// Sections: 1. where we are and the kiosk row · 2. the countdown · 3. setting a PIN · 4. BeginStage · 5. EndStage.
#include <imgui.h>

#include <algorithm>

#include "facilitation/domain/navigation.h"
#include "facilitation/domain/room.h"
#include "facilitation/domain/time_util.h"
#include "kiosk/app.h"
#include "kiosk/screens/facilitator_controls.h"
#include "kiosk/screens/screens.h"
#include "kiosk/shortcuts.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

namespace {
// The footer below the stage body: separator, spacing, the button row and the window's bottom padding.
float FooterHeight() { return TouchHeight() + 1.55f * Em(); }
float LabelWidth(const std::string& label) { return ImGui::CalcTextSize(label.c_str()).x + 2.0f * Em(); }

// Shortens `text` with an ellipsis to fit `width` (the community's name can be long).
std::string Fit(const std::string& text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
    std::string cut = text;
    while (!cut.empty() && ImGui::CalcTextSize((cut + "\u2026").c_str()).x > width) {
        // One whole UTF-8 character: its continuation bytes, then its first byte.
        while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();
        if (!cut.empty()) cut.pop_back();
    }
    return cut + "\u2026";
}

// ---- 1. The kiosk controls -------------------------------------------------------------------------
// On the facilitator's console: on the roles and commitments stages, whether participants may do that at the
// kiosk; and the hand-over of this screen to participants, which needs the PIN that takes it back (a workshop from
// an older database may have none yet: the button then sets one). They sit on the title's line, before the
// countdown, when the title leaves the room (it does on every stage of the shipped templates at 16:9), else on
// the line above, beside where we are.
struct KioskControls {
    bool opening = false;       // a roles or commitments stage
    std::string opening_id;
    bool open = false;
    std::string hand;           // the hand-over's label (or the PIN's)
    float width = 0;
};

constexpr const char* kOpening = "Open at the kiosk";
constexpr const char* kReview = "Review";  // the coordinators' Review (Ctrl+R): the workshop keeps running

KioskControls MeasureKioskControls(const Workshop& workshop, const Stage& stage) {
    KioskControls k;
    k.opening = stage.kind == StageKind::Roles || stage.kind == StageKind::Commitments;
    k.opening_id = stage.kind == StageKind::Roles ? "kiosk.open.roles" : "kiosk.open.commitments";
    k.open = stage.kind == StageKind::Roles ? workshop.kiosk_roles_open : workshop.kiosk_commitments_open;
    k.hand = workshop.has_kiosk_pin ? "Hand to participants" : "Set PIN to hand over";
    k.width = LabelWidth(kReview) + ImGui::GetStyle().ItemSpacing.x + LabelWidth(k.hand);
    if (k.opening) k.width += ToggleWidth(kOpening) + ImGui::GetStyle().ItemSpacing.x;
    return k;
}

// Draws the controls in a row from the cursor.
void DrawKioskControls(App& app, const Workshop& workshop, const Stage& stage, const KioskControls& k) {
    FacilitatorScratch& f = app.facilitator;
    const float top = ImGui::GetCursorPosY();
    if (k.opening) {
        if (Toggle(app, k.opening_id, kOpening, k.open) || CommandPressed(app, Command::KioskOpening)) {
            const bool roles = stage.kind == StageKind::Roles;
            const bool roles_open = roles ? !workshop.kiosk_roles_open : workshop.kiosk_roles_open;
            const bool commitments_open = roles ? workshop.kiosk_commitments_open : !workshop.kiosk_commitments_open;
            const std::string id = workshop.id;
            f.message_is_error = !app.Try(f.message, [&] { app.Store()->SetKioskOpenings(id, roles_open, commitments_open); });
        }
        ImGui::SameLine();
        ImGui::SetCursorPosY(top);
    }
    if (Button(app, "workshop.review", kReview, ImVec2(0, 0), ButtonStyle::Secondary)) app.OpenReview();
    ImGui::SameLine();
    ImGui::SetCursorPosY(top);
    if (workshop.has_kiosk_pin) {
        if (Button(app, "kiosk.hand_over", k.hand, ImVec2(0, 0), ButtonStyle::Secondary) ||
            CommandPressed(app, Command::KioskHandOver))
            app.HandOverToKiosk();
    } else if (Button(app, "kiosk.set_pin", k.hand, ImVec2(0, 0), ButtonStyle::Secondary) ||
               CommandPressed(app, Command::KioskHandOver)) {
        f.setting_pin = true;
        f.pin.Clear();
    }
}

// ---- 2. The countdown ------------------------------------------------------------------------------
// The clock in large digits, in words beside it, and a bar that empties: never colour alone. A paused clock
// says "paused" and shows the pause shape; the planned time includes the minutes added ("left of 25 min (+5)").
struct CountdownView {
    std::string clock;
    std::string words;
    double fraction = 1.0;
    bool over = false;
    unsigned bar = theme::kPrimary;  // amber, then red, as time runs out; words and the bar's length say it too
    float width = 0;                 // words, gap and clock
    float longest_words = 0;         // of every state of this stage's clock (paused, nearly time...)
    float longest = 0;               // the width with them
};

CountdownView MeasureCountdown(App& app, const Workshop& workshop, const Stage& stage) {
    CountdownView c;
    if (workshop.IsRunning() && !stage.started_at.empty() && stage.ended_at.empty()) {
        const Countdown countdown = StageCountdown(stage, NowUtc());
        const std::string plan = TimerPlanText(stage);
        c.clock = countdown.Clock();
        c.fraction = countdown.fraction_left;
        c.over = countdown.over_time;
        switch (countdown.urgency) {
            case Urgency::Plenty: c.words = "left of " + plan; break;
            case Urgency::NearlyTime: c.words = "\u25D4 nearly time"; c.bar = theme::kAmber; break;
            case Urgency::AlmostUp: c.words = "\u26A0 almost up"; c.bar = theme::kError; break;
            case Urgency::OverTime: c.words = "\u26A0 over time"; c.bar = theme::kError; break;
        }
        if (TimerPaused(stage)) {
            c.words = "\u25AE\u25AE paused";
            c.bar = theme::kMuted;
        }
        // The kiosk controls' place is chosen for the longest words this stage's clock shows, so that
        // pausing or running out of time never moves them.
        c.longest_words = std::max({ImGui::CalcTextSize(("left of " + plan).c_str()).x,
                                    ImGui::CalcTextSize(c.words.c_str()).x, ImGui::CalcTextSize("\u25D4 nearly time").x});
    } else {
        c.clock = std::to_string(stage.planned_minutes) + " min";
        const long long took = SecondsBetween(stage.started_at, stage.ended_at) / 60;
        c.words = workshop.IsRunning() || stage.started_at.empty()
                      ? "planned"
                      : took < 1 ? "planned; took under 1 min" : "planned; took " + std::to_string(took) + " min";
    }
    ImGui::PushFont(app.GetFonts().display);
    const float clock_width = ImGui::CalcTextSize(c.clock.c_str()).x;
    ImGui::PopFont();
    c.width = clock_width + 0.6f * Em() + ImGui::CalcTextSize(c.words.c_str()).x;
    ImGui::PushFont(app.GetFonts().display);
    const float widest_clock = std::max(clock_width, ImGui::CalcTextSize("+00:00").x);
    ImGui::PopFont();
    c.longest = std::max(c.width, widest_clock + 0.6f * Em() + c.longest_words);
    return c;
}

// One line: the words, then the clock in large digits; the emptying bar runs under both. Returns the y (in
// window coordinates) below the countdown.
float DrawCountdown(App& app, const CountdownView& c, float right_edge) {
    ImGui::PushFont(app.GetFonts().display);
    const float clock_width = ImGui::CalcTextSize(c.clock.c_str()).x;
    const float display_height = ImGui::GetTextLineHeight();
    ImGui::PopFont();
    const float x = right_edge - c.width;
    const float top = ImGui::GetCursorPosY();
    ImGui::SetCursorPos(ImVec2(x, top + (display_height - ImGui::GetTextLineHeight()) * 0.62f));
    ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(c.over ? theme::kError : theme::kMuted));
    ImGui::TextUnformatted(c.words.c_str());
    ImGui::PopStyleColor();
    ImGui::SetCursorPos(ImVec2(right_edge - clock_width, top));
    ImGui::PushFont(app.GetFonts().display);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(c.over ? theme::kError : theme::kInk));
    ImGui::TextUnformatted(c.clock.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    // What the room reads, for tests and tools (the projector has no items, but has readouts).
    RecordReadout(app, "timer.countdown", c.clock + "  " + c.words);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetWindowPos();
    const float bar_x = origin.x + x;
    const float bar_y = origin.y + top + display_height + 0.1f * Em() - ImGui::GetScrollY();
    const float bar_height = 0.3f * Em();
    draw->AddRectFilled(ImVec2(bar_x, bar_y), ImVec2(bar_x + c.width, bar_y + bar_height), theme::Rgb(theme::kPanel));
    draw->AddRectFilled(ImVec2(bar_x, bar_y), ImVec2(bar_x + c.width * static_cast<float>(c.fraction), bar_y + bar_height),
                        theme::Rgb(c.bar));
    draw->AddRect(ImVec2(bar_x, bar_y), ImVec2(bar_x + c.width, bar_y + bar_height), theme::Rgb(0x6B6B6B));
    ImGui::SetCursorPosY(top);
    return top + display_height + 0.1f * Em() + bar_height;
}

// The facilitator's timer controls, in the footer after Home: pause or start, +5 min, restart. Each has its key.
void DrawTimerControls(App& app, const Workshop& workshop, const Stage& stage) {
    FacilitatorScratch& f = app.facilitator;
    const std::string id = workshop.id;
    const bool paused = TimerPaused(stage);
    // Pause and Start take the same width, so the buttons after them do not move.
    const std::string pause = "\u25AE\u25AE Pause", start = stage.timer_elapsed_seconds > 0 ? "\u25B6 Resume" : "\u25B6 Start";
    const float toggle_width = std::max(LabelWidth(pause), LabelWidth(start));
    auto change = [&](auto&& body) { f.message_is_error = !app.Try(f.message, body); };
    if (paused) {
        if (Button(app, "timer.start", start, ImVec2(toggle_width, 0), ButtonStyle::Primary) ||
            CommandPressed(app, Command::TimerStartPause))
            change([&] { app.Store()->StartTimer(id); });
    } else if (Button(app, "timer.pause", pause, ImVec2(toggle_width, 0), ButtonStyle::Secondary) ||
               CommandPressed(app, Command::TimerStartPause)) {
        change([&] { app.Store()->PauseTimer(id); });
    }
    ImGui::SameLine();
    if (Button(app, "timer.extend", "+" + std::to_string(kTimerExtendMinutes) + " min", ImVec2(0, 0), ButtonStyle::Secondary) ||
        CommandPressed(app, Command::TimerExtend))
        change([&] { app.Store()->ExtendTimer(id, kTimerExtendMinutes); });
    ImGui::SameLine();
    if (Button(app, "timer.restart", "\u21BA Restart", ImVec2(0, 0), ButtonStyle::Secondary) ||
        CommandPressed(app, Command::TimerRestart))
        change([&] { app.Store()->RestartTimer(id); });
}

// ---- 3. Setting a PIN ---------------------------------------------------------------------------
// A running workshop without a PIN (an older database, the demo) gets one here, in place of the stage's body.
void DrawSetPin(App& app, const Workshop& workshop) {
    FacilitatorScratch& f = app.facilitator;
    ImGui::PushFont(app.GetFonts().heading);
    Wrapped("Set the kiosk PIN of this workshop");
    ImGui::PopFont();
    Wrapped(kPinWhy, theme::kMuted);
    ImGui::Spacing();
    std::string pin;
    switch (DrawPinEntry(app, "kiosk.pin", f.pin, "\u2713  Set the PIN", &pin)) {
        case PinEntryResult::Typing: break;
        case PinEntryResult::Cancelled: f.setting_pin = false; break;
        case PinEntryResult::Done: {
            const std::string id = workshop.id;
            if (app.Try(f.pin.message, [&] { app.Store()->SetKioskPin(id, pin); })) {
                f.setting_pin = false;
                f.message = "The kiosk PIN is set: you can hand this screen to participants.";
                f.message_is_error = false;
            }
            break;
        }
    }
}
}  // namespace

// ---- 4. BeginStage ------------------------------------------------------------------------------
bool BeginStage(App& app) {
    const auto& view = app.Workshop();
    if (!view || view->stages.empty()) {
        if (!app.IsProjector()) app.CloseWorkshop();
        return false;
    }
    const int shown = std::clamp(app.ShownStage(), 0, static_cast<int>(view->stages.size()) - 1);
    const Stage& stage = view->stages[static_cast<size_t>(shown)];
    const float full_width = ImGui::GetContentRegionAvail().x;
    const float left = ImGui::GetCursorPosX();
    FacilitatorScratch& f = app.facilitator;
    if (!app.CanRecord()) f.setting_pin = false;

    const float em = Em();
    const bool controls = app.CanRecord();

    // Where we are: community, workshop, stage n of m.
    const std::string position = "stage " + std::to_string(shown + 1) + " of " + std::to_string(view->stages.size());
    std::string where = view->community.name + "  \u00B7  " + view->workshop.template_name + "  \u00B7  " + position;
    if (!view->workshop.IsRunning()) where += "  \u00B7  finished: reviewing";
    const CountdownView countdown = MeasureCountdown(app, view->workshop, stage);
    const KioskControls kiosk = controls ? MeasureKioskControls(view->workshop, stage) : KioskControls{};
    ImGui::PushFont(app.GetFonts().display);
    const float title_width = ImGui::CalcTextSize(stage.title.c_str()).x;
    ImGui::PopFont();
    const bool kiosk_on_title = controls && title_width + kiosk.width + countdown.longest + 2.0f * em <= full_width;
    if (controls && !kiosk_on_title) {
        // The line above the title, at touch height: the words give way first (the community's name ends in "…").
        const float room = full_width - kiosk.width - em;
        if (ImGui::CalcTextSize(where.c_str()).x > room)
            where = Fit(view->community.name, room - ImGui::CalcTextSize(("  \u00B7  " + position).c_str()).x) + "  \u00B7  " +
                    position;
        const float top = ImGui::GetCursorPosY();
        RowText(where, theme::kMuted);
        ImGui::SameLine(left + full_width - kiosk.width);
        ImGui::SetCursorPosY(top);
        DrawKioskControls(app, view->workshop, stage, kiosk);
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(theme::kMuted));
        ImGui::TextUnformatted(where.c_str());
        ImGui::PopStyleColor();
    }
    const float title_top = ImGui::GetCursorPosY();
    const float countdown_bottom = DrawCountdown(app, countdown, left + full_width);
    float title_right = left + full_width - countdown.width - em;
    if (kiosk_on_title) {
        // Centred on the title's line, which is about as tall as a touch target.
        ImGui::PushFont(app.GetFonts().display);
        const float line = ImGui::GetTextLineHeight();
        ImGui::PopFont();
        title_right -= kiosk.width + em;
        ImGui::SetCursorPos(ImVec2(title_right + em, title_top + std::max(0.0f, (line - TouchHeight()) * 0.5f)));
        DrawKioskControls(app, view->workshop, stage, kiosk);
    }
    // The title, wrapped before the countdown's column (and the kiosk controls).
    ImGui::SetCursorPos(ImVec2(left, title_top));
    ImGui::PushFont(app.GetFonts().display);
    ImGui::PushTextWrapPos(title_right);
    ImGui::TextUnformatted(stage.title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), countdown_bottom + 0.2f * Em()));
    ImGui::PushFont(app.GetFonts().heading);
    ImGui::PushTextWrapPos(left + full_width);
    ImGui::TextUnformatted(stage.prompt.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    if (app.CanRecord() && !f.message.empty()) {
        Message(f.message, f.message_is_error);
        RecordReadout(app, "stage.frame.message", f.message);
    }
    ImGui::Separator();
    ImGui::Spacing();
    if (f.setting_pin) {
        DrawSetPin(app, view->workshop);
        return false;
    }
    ImGui::BeginChild("##stage-body", ImVec2(0, -FooterHeight()), false, ImGuiWindowFlags_NoBackground);
    return true;
}

// ---- 5. EndStage --------------------------------------------------------------------------------
void EndStage(App& app) {
    ImGui::EndChild();
    const auto& view = app.Workshop();
    if (!view) return;
    const StageNavigation nav{static_cast<int>(view->stages.size()), app.ShownStage()};
    ImGui::Separator();
    ImGui::Spacing();
    // The projector and a kiosk are read-only here: the progress marks only, no buttons.
    const bool read_only = app.IsProjector() || app.IsKiosk();
    const float width = ImGui::GetContentRegionAvail().x;
    const float button_width = 7.5f * Em();
    const float y = ImGui::GetCursorPosY();
    const float x = ImGui::GetCursorPosX();
    float left_end = x + button_width;  // where the left group ends, in window coordinates
    if (!read_only) {
        if (Button(app, "stage.back", "\u25C0  Back", ImVec2(button_width, 0), ButtonStyle::Secondary, nav.CanGoBack()))
            app.GoStage(-1);
        ImGui::SameLine();
        if (Button(app, "workshop.home", "Home", ImVec2(0, 0), ButtonStyle::Secondary)) app.CloseWorkshop();
        // The coordinators' Review (Ctrl+R). While the workshop runs it sits in the header with the kiosk's
        // controls, leaving the footer's room to the timer and the progress marks.
        if (!app.CanRecord()) {
            ImGui::SameLine();
            if (Button(app, "workshop.review", "Review", ImVec2(0, 0), ButtonStyle::Secondary)) app.OpenReview();
        }
        if (app.CanRecord()) {
            ImGui::SameLine(0, 1.5f * Em());
            const int current = std::clamp(app.ShownStage(), 0, static_cast<int>(view->stages.size()) - 1);
            DrawTimerControls(app, view->workshop, view->stages[static_cast<size_t>(current)]);
        }
        left_end = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;
    } else {
        ImGui::Dummy(ImVec2(button_width, TouchHeight()));
    }
    // Progress: one mark per stage, the current one larger and filled: shape, not colour alone.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float marks_left = ImGui::GetWindowPos().x + left_end + 1.5f * Em();
    const float marks_right = ImGui::GetWindowPos().x + x + width - button_width - 1.5f * Em();
    const float centre_y = ImGui::GetWindowPos().y + y + TouchHeight() * 0.5f - ImGui::GetScrollY();
    const float step = nav.stage_count > 1 ? std::min(2.0f * Em(), (marks_right - marks_left) / nav.stage_count) : 0;
    const float start = (marks_left + marks_right) * 0.5f - step * (nav.stage_count - 1) * 0.5f;
    const float big = std::min(0.45f * Em(), step * 0.45f), small = std::min(0.25f * Em(), step * 0.3f);
    for (int i = 0; i < nav.stage_count; ++i) {
        const ImVec2 centre(start + step * i, centre_y);
        if (i == nav.current) draw->AddCircleFilled(centre, big, theme::Rgb(theme::kPrimary));
        else if (i < nav.current) draw->AddCircleFilled(centre, small, theme::Rgb(theme::kMuted));
        else draw->AddCircle(centre, small, theme::Rgb(theme::kMuted), 0, 2.0f);
    }
    if (read_only) return;
    ImGui::SameLine(x + width - button_width);
    ImGui::SetCursorPosY(y);
    if (Button(app, "stage.next", "Next  \u25B6", ImVec2(button_width, 0), ButtonStyle::Primary, nav.CanGoNext()))
        app.GoStage(+1);
}

}  // namespace kiosk

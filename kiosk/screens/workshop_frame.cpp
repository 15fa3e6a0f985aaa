// The frame of every stage screen: where we are, the stage's title and prompt, its countdown; Back and Next.
#include <imgui.h>

#include <algorithm>

#include "facilitation/domain/navigation.h"
#include "facilitation/domain/time_util.h"
#include "kiosk/app.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

namespace {
// The footer below the stage body: separator, spacing, the button row and the window's bottom padding.
float FooterHeight() { return TouchHeight() + 1.55f * Em(); }

// The countdown: the clock in large digits, in words beside it, and a bar that empties: never colour alone.
// Returns the y (in window coordinates) below the countdown.
float DrawCountdown(App& app, const Workshop& workshop, const Stage& stage, float right_edge, float& countdown_width) {
    std::string clock;
    std::string words;
    double fraction = 1.0;
    bool over = false;
    unsigned bar = theme::kPrimary;  // amber, then red, as time runs out; words and the bar's length say it too
    if (workshop.IsRunning() && !stage.started_at.empty() && stage.ended_at.empty()) {
        const Countdown countdown = ComputeCountdown(stage.planned_minutes, SecondsBetween(stage.started_at, NowUtc()));
        clock = countdown.Clock();
        fraction = countdown.fraction_left;
        over = countdown.over_time;
        switch (countdown.urgency) {
            case Urgency::Plenty: words = "left of " + std::to_string(stage.planned_minutes) + " min"; break;
            case Urgency::NearlyTime: words = "\u25D4 nearly time"; bar = theme::kAmber; break;
            case Urgency::AlmostUp: words = "\u26A0 almost up"; bar = theme::kError; break;
            case Urgency::OverTime: words = "\u26A0 over time"; bar = theme::kError; break;
        }
    } else {
        clock = std::to_string(stage.planned_minutes) + " min";
        const long long took = SecondsBetween(stage.started_at, stage.ended_at) / 60;
        words = workshop.IsRunning() || stage.started_at.empty()
                    ? "planned"
                    : took < 1 ? "planned; took under 1 min" : "planned; took " + std::to_string(took) + " min";
    }
    // One line: the words, then the clock in large digits; the emptying bar runs under both.
    ImGui::PushFont(app.GetFonts().display);
    const float clock_width = ImGui::CalcTextSize(clock.c_str()).x;
    const float display_height = ImGui::GetTextLineHeight();
    ImGui::PopFont();
    const float words_width = ImGui::CalcTextSize(words.c_str()).x;
    const float width = clock_width + 0.6f * Em() + words_width;
    const float x = right_edge - width;
    const float top = ImGui::GetCursorPosY();
    ImGui::SetCursorPos(ImVec2(x, top + (display_height - ImGui::GetTextLineHeight()) * 0.62f));
    ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(over ? theme::kError : theme::kMuted));
    ImGui::TextUnformatted(words.c_str());
    ImGui::PopStyleColor();
    ImGui::SetCursorPos(ImVec2(right_edge - clock_width, top));
    ImGui::PushFont(app.GetFonts().display);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(over ? theme::kError : theme::kInk));
    ImGui::TextUnformatted(clock.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetWindowPos();
    const float bar_x = origin.x + x;
    const float bar_y = origin.y + top + display_height + 0.1f * Em() - ImGui::GetScrollY();
    const float bar_height = 0.3f * Em();
    draw->AddRectFilled(ImVec2(bar_x, bar_y), ImVec2(bar_x + width, bar_y + bar_height), theme::Rgb(theme::kPanel));
    draw->AddRectFilled(ImVec2(bar_x, bar_y), ImVec2(bar_x + width * static_cast<float>(fraction), bar_y + bar_height),
                        theme::Rgb(bar));
    draw->AddRect(ImVec2(bar_x, bar_y), ImVec2(bar_x + width, bar_y + bar_height), theme::Rgb(0x6B6B6B));
    const float bottom = top + display_height + 0.1f * Em() + bar_height;
    ImGui::SetCursorPosY(top);
    countdown_width = width;
    return bottom;
}
}  // namespace

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

    // Where we are: community, workshop, stage n of m.
    std::string where = view->community.name + "  \u00B7  " + view->workshop.template_name + "  \u00B7  stage " +
                        std::to_string(shown + 1) + " of " + std::to_string(view->stages.size());
    if (!view->workshop.IsRunning()) where += "  \u00B7  finished: reviewing";
    ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(theme::kMuted));
    ImGui::TextUnformatted(where.c_str());
    ImGui::PopStyleColor();
    const float title_top = ImGui::GetCursorPosY();
    float countdown_width = 0;
    const float countdown_bottom = DrawCountdown(app, view->workshop, stage, left + full_width, countdown_width);
    // The title, wrapped before the countdown's column.
    ImGui::SetCursorPos(ImVec2(left, title_top));
    ImGui::PushFont(app.GetFonts().display);
    ImGui::PushTextWrapPos(left + full_width - countdown_width - Em());
    ImGui::TextUnformatted(stage.title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), countdown_bottom + 0.2f * Em()));
    ImGui::PushFont(app.GetFonts().heading);
    ImGui::PushTextWrapPos(left + full_width);
    ImGui::TextUnformatted(stage.prompt.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    ImGui::Separator();
    ImGui::Spacing();
    ImGui::BeginChild("##stage-body", ImVec2(0, -FooterHeight()), false, ImGuiWindowFlags_NoBackground);
    return true;
}

void EndStage(App& app) {
    ImGui::EndChild();
    const auto& view = app.Workshop();
    if (!view) return;
    const StageNavigation nav{static_cast<int>(view->stages.size()), app.ShownStage()};
    ImGui::Separator();
    ImGui::Spacing();
    const bool projector = app.IsProjector();
    const float width = ImGui::GetContentRegionAvail().x;
    const float button_width = 9.0f * Em();
    const float y = ImGui::GetCursorPosY();
    const float x = ImGui::GetCursorPosX();
    // The projector is read-only: the progress marks only, no buttons.
    if (!projector) {
        if (Button(app, "stage.back", "\u25C0  Back", ImVec2(button_width, 0), ButtonStyle::Secondary, nav.CanGoBack()))
            app.GoStage(-1);
        ImGui::SameLine();
        if (Button(app, "workshop.home", "Home", ImVec2(6.0f * Em(), 0), ButtonStyle::Secondary)) app.CloseWorkshop();
    } else {
        ImGui::Dummy(ImVec2(button_width, TouchHeight()));
    }
    // Progress: one mark per stage, the current one larger and filled: shape, not colour alone.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float marks_left = ImGui::GetWindowPos().x + x + button_width + 7.5f * Em();
    const float marks_right = ImGui::GetWindowPos().x + x + width - button_width - 1.5f * Em();
    const float centre_y = ImGui::GetWindowPos().y + y + TouchHeight() * 0.5f - ImGui::GetScrollY();
    const float step = nav.stage_count > 1 ? std::min(2.0f * Em(), (marks_right - marks_left) / nav.stage_count) : 0;
    const float start = (marks_left + marks_right) * 0.5f - step * (nav.stage_count - 1) * 0.5f;
    for (int i = 0; i < nav.stage_count; ++i) {
        const ImVec2 centre(start + step * i, centre_y);
        if (i == nav.current) draw->AddCircleFilled(centre, 0.45f * Em(), theme::Rgb(theme::kPrimary));
        else if (i < nav.current) draw->AddCircleFilled(centre, 0.25f * Em(), theme::Rgb(theme::kMuted));
        else draw->AddCircle(centre, 0.25f * Em(), theme::Rgb(theme::kMuted), 0, 2.0f);
    }
    if (projector) return;
    ImGui::SameLine(x + width - button_width);
    if (Button(app, "stage.next", "Next  \u25B6", ImVec2(button_width, 0), ButtonStyle::Primary, nav.CanGoNext()))
        app.GoStage(+1);
}

}  // namespace kiosk

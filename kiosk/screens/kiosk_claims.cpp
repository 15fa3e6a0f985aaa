// What a participant may claim at the kiosk when the facilitator opens it. Sections:
//   1. A role: every role with its holders and vacancies; tap one, review, confirm (AssignRole)
//   2. A commitment: what (typed on the on-screen keyboard), by when (big picks and day/week steppers),
//      review, confirm (AddCommitment)
#include <imgui.h>

#include <algorithm>
#include <cfloat>

#include "facilitation/domain/decisions.h"
#include "facilitation/domain/kiosk.h"
#include "kiosk/app.h"
#include "kiosk/keyboard.h"
#include "kiosk/screens/kiosk_claims.h"
#include "kiosk/screens/kiosk_common.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

namespace {
// ---- 1. A role -------------------------------------------------------------------------------------
std::vector<std::string> HoldersOf(const WorkshopView& view, const std::string& role_key) {
    std::vector<std::string> names;
    for (const RoleAssignment& a : view.record.assignments)
        if (a.role_key == role_key) names.push_back(a.member_name);
    return names;
}

bool Holds(const WorkshopView& view, const std::string& role_key, const std::string& member_id) {
    return std::any_of(view.record.assignments.begin(), view.record.assignments.end(),
                       [&](const RoleAssignment& a) { return a.role_key == role_key && a.member_id == member_id; });
}

std::string Joined(const std::vector<std::string>& names) {
    std::string text;
    for (size_t i = 0; i < names.size(); ++i) text += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    return text;
}

const RoleDefinition* FindRole(const WorkshopView& view, const std::string& key) {
    for (const RoleDefinition& role : view.record.roles)
        if (role.key == key) return &role;
    return nullptr;
}
}  // namespace

void DrawKioskRoleScreen(App& app) {
    KioskVisit& visit = app.kiosk.visit;
    const auto& view = app.Workshop();
    if (!view || visit.task != KioskTask::Role || visit.member_id.empty()) {
        app.KioskStartOver();
        return;
    }
    KioskHeader(app, visit.member_name + ", which role will you take on?",
                "A role can be held by several people. Tap one to see it before you confirm.");
    const auto& roles = view->record.roles;
    const float width = ImGui::GetContentRegionAvail().x;
    const float gap = 0.8f * Em();
    const int columns = roles.size() <= 4 ? 2 : 3;
    const int rows = std::max(1, (static_cast<int>(roles.size()) + columns - 1) / columns);
    const float tile_width = (width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const float tile_height = std::clamp((KioskBodyHeight() - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows),
                                         KioskButtonHeight(), 5.5f * Em());
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    for (size_t i = 0; i < roles.size(); ++i) {
        const RoleDefinition& role = roles[i];
        if (i % static_cast<size_t>(columns) != 0) ImGui::SameLine();
        const std::vector<std::string> holders = HoldersOf(*view, role.key);
        const bool mine = Holds(*view, role.key, visit.member_id);
        // At most two names: a tile stays readable at a glance; the review lists everyone.
        std::string detail = "Vacant";
        if (holders.size() > 2)
            detail = "Held by " + holders[0] + ", " + holders[1] + " and " + std::to_string(holders.size() - 2) + " more";
        else if (!holders.empty())
            detail = "Held by " + Joined(holders);
        if (holders.empty() && !RoleWarnings({role}, {}).empty()) detail = "\u26A0 Vacant: the community needs one";
        if (mine) detail = "You hold this role already";
        if (KioskTile(app, "kiosk.role." + role.key, role.title, detail, ImVec2(tile_width, tile_height), false, !mine)) {
            visit.role_key = role.key;
            visit.refusal.clear();
            app.Show(ScreenId::KioskReview);
        }
    }
    ImGui::PopStyleVar();
    if (KioskFooter(app, "\u25C0 Back", "", "", false, "", false) == FooterPress::Back) {
        visit.member_id.clear();
        app.Show(ScreenId::KioskName);
    }
}

void DrawRoleReview(App& app) {
    const KioskVisit& visit = app.kiosk.visit;
    const auto& view = *app.Workshop();
    const RoleDefinition* role = FindRole(view, visit.role_key);
    if (!role) return;
    ImGui::PushFont(app.GetFonts().heading);
    Wrapped("You take on the role:", theme::kMuted);
    ImGui::PopFont();
    ImGui::PushFont(app.GetFonts().display);
    Wrapped(role->title, theme::kInk);
    ImGui::PopFont();
    RecordReadout(app, "kiosk.review.lines", role->title);
    if (!role->description.empty()) Wrapped(role->description, theme::kInk);
    ImGui::Spacing();
    const std::vector<std::string> holders = HoldersOf(view, role->key);
    ImGui::PushFont(app.GetFonts().heading);
    Wrapped(holders.empty() ? "It is vacant now." : "Held now by " + Joined(holders) + ": you would join them.", theme::kMuted);
    ImGui::PopFont();
}

void ConfirmRole(App& app) {
    KioskVisit& visit = app.kiosk.visit;
    const auto& view = *app.Workshop();
    const RoleDefinition* role = FindRole(view, visit.role_key);
    const std::string title = role ? role->title : visit.role_key;
    const std::string name = visit.member_name;
    const std::string workshop = view.workshop.id, key = visit.role_key, member = visit.member_id;
    if (app.Try(visit.refusal, [&] { app.Store()->AssignRole(workshop, key, member); }))
        app.KioskThanks(name + ", you hold the role " + title + ".");
}

// ---- 2. A commitment ----------------------------------------------------------------------------
namespace {
void DrawWhat(App& app, KioskVisit& visit) {
    KioskHeader(app, visit.member_name + ", what will you do?");
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::GetContentRegionAvail().x;
    const float left = ImGui::GetCursorPosX();
    const float top = ImGui::GetCursorPosY();
    const float back_width = 7.0f * Em();
    const float next_width = 9.0f * Em();
    const bool ready = !visit.what.empty() && visit.what.find_first_not_of(' ') != std::string::npos;
    // One row: Back, what was typed so far (with a caret), Next. The keyboard takes the rest.
    if (Button(app, "kiosk.back", "\u25C0 Back", ImVec2(back_width, KioskButtonHeight()), ButtonStyle::Secondary)) {
        visit.member_id.clear();
        app.Show(ScreenId::KioskName);
        return;
    }
    const float box_left = left + back_width + style.ItemSpacing.x;
    const float box_width = width - back_width - next_width - 2.0f * style.ItemSpacing.x;
    ImGui::SetCursorPos(ImVec2(box_left, top));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(at, ImVec2(at.x + box_width, at.y + KioskButtonHeight()), theme::Rgb(0xFFFFFF), 0.3f * Em());
    draw->AddRect(at, ImVec2(at.x + box_width, at.y + KioskButtonHeight()), theme::Rgb(theme::kPrimary), 0.3f * Em(), 0, 2.0f);
    const std::string shown = visit.what.empty() ? "e.g. Write the newcomer guide" : visit.what + "|";
    ImFont* font = app.GetFonts().heading;
    const float pad = 0.5f * Em();
    const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, shown.c_str());
    // The end of a long text stays in view: what is being typed is what matters.
    const float shift = std::max(0.0f, size.x - (box_width - 2.0f * pad));
    const ImVec4 clip(at.x + pad, at.y, at.x + box_width - pad, at.y + KioskButtonHeight());
    draw->AddText(font, font->FontSize, ImVec2(at.x + pad - shift, at.y + (KioskButtonHeight() - size.y) * 0.5f),
                  theme::Rgb(visit.what.empty() ? theme::kMuted : theme::kInk), shown.c_str(), nullptr, 0.0f, &clip);
    ImGui::Dummy(ImVec2(box_width, KioskButtonHeight()));
    RecordReadout(app, "kiosk.what", visit.what);
    ImGui::SetCursorPos(ImVec2(left + width - next_width, top));
    ImGui::PushFont(app.GetFonts().bold);
    if (Button(app, "kiosk.next", "Next \u25B6", ImVec2(next_width, KioskButtonHeight()), ButtonStyle::Primary, ready)) {
        visit.step = KioskCommitmentStep::When;
        visit.refusal.clear();
    }
    ImGui::PopFont();
    ImGui::SetCursorPos(ImVec2(left, top + KioskButtonHeight() + 0.8f * Em()));
    OnScreenKeyboard(app, visit.what, visit.shift, kMaxCommitmentChars, width);
}

void DrawWhen(App& app, KioskVisit& visit) {
    KioskHeader(app, "By when?", "\u201C" + visit.what + "\u201D");
    const CivilDate today = TodayUtc();
    const float width = ImGui::GetContentRegionAvail().x;
    const float gap = 0.8f * Em();
    const auto picks = KioskDuePicks(today);
    const float tile_width = (width - gap * static_cast<float>(picks.size() - 1)) / static_cast<float>(picks.size());
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    for (size_t i = 0; i < picks.size(); ++i) {
        if (i > 0) ImGui::SameLine();
        const std::string iso = picks[i].date.Iso();
        if (KioskTile(app, std::string("kiosk.due.") + picks[i].key, picks[i].label, LongDate(picks[i].date),
                      ImVec2(tile_width, 4.2f * Em()), visit.due == iso))
            visit.due = iso;
    }
    ImGui::Spacing();
    // Or any day: steppers by a week and by a day from the date chosen (or today).
    CivilDate due = today;
    const bool chosen = CivilDate::Parse(visit.due, due);
    ImGui::PushFont(app.GetFonts().bold);
    ImGui::TextUnformatted("Or choose the day:");
    struct Step {
        const char* id;
        const char* label;
        int days;
    };
    const Step before[2] = {{"kiosk.due.week.less", "\u2212 1 week", -7}, {"kiosk.due.day.less", "\u2212 1 day", -1}};
    const Step after[2] = {{"kiosk.due.day.more", "+ 1 day", 1}, {"kiosk.due.week.more", "+ 1 week", 7}};
    const float text_width = ImGui::CalcTextSize("Wednesday 30 September 2026").x + Em();
    float row_width = text_width + 4.0f * gap;
    for (const Step* s : {&before[0], &before[1], &after[0], &after[1]}) row_width += ImGui::CalcTextSize(s->label).x + 1.6f * Em();
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (width - row_width) * 0.5f));
    auto step = [&](const Step& s) {
        const CivilDate target = AddDays(due, s.days);
        const bool allowed = !(target < today);
        if (Button(app, s.id, s.label, ImVec2(ImGui::CalcTextSize(s.label).x + 1.6f * Em(), KioskButtonHeight()),
                   ButtonStyle::Secondary, allowed))
            visit.due = target.Iso();
        ImGui::SameLine();
    };
    for (const Step& s : before) step(s);
    const std::string date_text = chosen ? LongDate(due) : "no day chosen yet";
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 size = ImGui::CalcTextSize(date_text.c_str());
    ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + (text_width - size.x) * 0.5f, at.y + (KioskButtonHeight() - size.y) * 0.5f),
                                        theme::Rgb(chosen ? theme::kInk : theme::kMuted), date_text.c_str());
    ImGui::Dummy(ImVec2(text_width, KioskButtonHeight()));
    RecordReadout(app, "kiosk.due", chosen ? visit.due : "");
    ImGui::SameLine();
    for (const Step& s : after) step(s);
    ImGui::NewLine();
    ImGui::PopFont();
    ImGui::PopStyleVar();
    const std::string problem = chosen ? CommitmentProblem(visit.what, visit.due, today.Iso(), false, 1) : "";
    const std::string hint = !chosen ? "Pick a day." : problem;
    const FooterPress press = KioskFooter(app, "\u25C0 Back", "kiosk.next", "Review \u25B6", chosen && problem.empty(), hint,
                                          !problem.empty());
    if (press == FooterPress::Back) visit.step = KioskCommitmentStep::What;
    if (press == FooterPress::Next) {
        visit.refusal.clear();
        app.Show(ScreenId::KioskReview);
    }
}
}  // namespace

void DrawKioskCommitmentScreen(App& app) {
    KioskVisit& visit = app.kiosk.visit;
    if (!app.Workshop() || visit.task != KioskTask::Commitment || visit.member_id.empty()) {
        app.KioskStartOver();
        return;
    }
    if (visit.step == KioskCommitmentStep::What) DrawWhat(app, visit);
    else DrawWhen(app, visit);
}

void DrawCommitmentReview(App& app) {
    const KioskVisit& visit = app.kiosk.visit;
    ImGui::PushFont(app.GetFonts().heading);
    Wrapped("You commit to:", theme::kMuted);
    ImGui::PopFont();
    ImGui::PushFont(app.GetFonts().display);
    Wrapped("\u201C" + visit.what + "\u201D", theme::kInk);
    ImGui::PopFont();
    CivilDate due;
    const std::string when = CivilDate::Parse(visit.due, due) ? LongDate(due) : visit.due;
    ImGui::PushFont(app.GetFonts().heading);
    Wrapped("by " + when + ".", theme::kInk);
    ImGui::PopFont();
    RecordReadout(app, "kiosk.review.lines", visit.what + "; " + visit.due);
}

void ConfirmCommitment(App& app) {
    KioskVisit& visit = app.kiosk.visit;
    const auto& view = *app.Workshop();
    Store::CommitmentDraft draft;
    draft.what = visit.what;
    draft.due = visit.due;
    draft.member_ids = {visit.member_id};
    const std::string name = visit.member_name;
    const std::string workshop = view.workshop.id;
    const std::string today = TodayUtc().Iso();
    if (app.Try(visit.refusal, [&] { app.Store()->AddCommitment(workshop, draft, today); }))
        app.KioskThanks("Your commitment is recorded, " + name + ".");
}

}  // namespace kiosk

// Roles: who holds which role of the community.
// The overview shows every role as a card with its holders ("vacant" said plainly; a warning sign when the
// domain says a vacancy is a warning) and, when the workshop follows an earlier one, who held it last time,
// so a rotation is visible. Tap a role's card, then tap names to add or remove holders; "Next role" walks
// the roles in order, "Done" returns to the overview. A holder who is not checked in (absent at a renewal,
// where the roles start from the previous holders) still holds the role, is marked "(absent)", and can be
// removed. A finished workshop and the tour show the overview only.
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <optional>

#include "facilitation/domain/decisions.h"
#include "kiosk/app.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

namespace {
// Records the custom-drawn item just submitted in the layout dump, as the widgets do: only its visible part,
// and only when at least half of it shows (a test never clicks where the item cannot be reached).
void RecordItem(App& app, const std::string& id, const std::string& label) {
    if (!ImGui::IsItemVisible()) return;
    const ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 clip_min = draw->GetClipRectMin();
    const ImVec2 clip_max = draw->GetClipRectMax();
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    const float x0 = std::max(min.x, clip_min.x), y0 = std::max(min.y, clip_min.y);
    const float x1 = std::min(max.x, clip_max.x), y1 = std::min(max.y, clip_max.y);
    if (x1 <= x0 || y1 <= y0 || (x1 - x0) * (y1 - y0) < 0.5f * (max.x - min.x) * (max.y - min.y)) return;
    app.Layout().Record(id, label, x0, y0, x1, y1);
}

struct Line {
    std::string text;
    ImFont* font;
    unsigned rgb;
};

float LinesHeight(const std::vector<Line>& lines, float wrap) {
    float height = 0;
    for (const Line& line : lines)
        height += line.font->CalcTextSizeA(line.font->FontSize, FLT_MAX, wrap, line.text.c_str()).y + 0.15f * Em();
    return height;
}

float CardStrip(App& app) { return app.GetFonts().bold->FontSize + 0.8f * Em(); }
float CardPad() { return 0.5f * Em(); }

// A role's card: its title on a dark strip, the lines under it, clipped to the card. A button when `clickable`.
bool RoleCard(App& app, const std::string& id, const std::string& title, const std::vector<Line>& lines, ImVec2 size,
              bool clickable) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    bool pressed = false;
    if (clickable) pressed = ImGui::InvisibleButton(id.c_str(), size);
    else ImGui::Dummy(size);
    const bool held = clickable && ImGui::IsItemActive();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float em = Em();
    const float pad = CardPad();
    const float strip = CardStrip(app);
    const ImVec2 end(at.x + size.x, at.y + size.y);
    draw->AddRectFilled(at, end, theme::Rgb(0xFFFFFF), 0.3f * em);
    draw->AddRectFilled(at, ImVec2(end.x, at.y + strip), theme::Rgb(held ? theme::kPrimaryActive : theme::kPrimary), 0.3f * em,
                        ImDrawFlags_RoundCornersTop);
    draw->AddRect(at, end, theme::Rgb(0x6B6B6B), 0.3f * em, 0, 2.0f);
    const ImVec4 clip(at.x + pad * 0.5f, at.y, end.x - pad * 0.5f, end.y - 0.2f * em);
    ImFont* bold = app.GetFonts().bold;
    draw->AddText(bold, bold->FontSize, ImVec2(at.x + pad, at.y + 0.4f * em), theme::Rgb(0xFFFFFF), title.c_str(), nullptr,
                  0.0f, &clip);
    float y = at.y + strip + 0.35f * em;
    const float wrap = size.x - 2.0f * pad;
    for (const Line& line : lines) {
        draw->AddText(line.font, line.font->FontSize, ImVec2(at.x + pad, y), theme::Rgb(line.rgb), line.text.c_str(), nullptr,
                      wrap, &clip);
        y += line.font->CalcTextSizeA(line.font->FontSize, FLT_MAX, wrap, line.text.c_str()).y + 0.15f * em;
    }
    if (clickable) RecordItem(app, id, title);
    return pressed;
}

std::string JoinNames(const std::vector<std::string>& names) {
    std::string text;
    for (size_t i = 0; i < names.size(); ++i) text += (i ? ", " : "") + names[i];
    return text;
}

bool CheckedIn(const WorkshopView& view, const std::string& member_id) {
    return std::any_of(view.participants.begin(), view.participants.end(),
                       [&](const Participant& p) { return p.id == member_id; });
}


// Member ids holding a role in a record.
std::vector<std::string> HolderIds(const WorkshopRecord& record, const std::string& role_key) {
    std::vector<std::string> ids;
    for (const RoleAssignment& a : record.assignments)
        if (a.role_key == role_key) ids.push_back(a.member_id);
    return ids;
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

// A holder who did not hold the role in the previous workshop (a rotation): marked "(new)".
bool NewHolder(const WorkshopView& view, const std::string& role_key, const std::string& member_id) {
    return view.previous && !Contains(HolderIds(*view.previous, role_key), member_id);
}

// Holders of a role, in the store's order; "(absent)" after those not checked in, "(new)" after those who
// did not hold it last time.
std::vector<std::string> HolderNames(const WorkshopView& view, const std::string& role_key) {
    std::vector<std::string> names;
    for (const RoleAssignment& a : view.record.assignments) {
        if (a.role_key != role_key) continue;
        std::string name = a.member_name;
        if (!CheckedIn(view, a.member_id)) name += " (absent)";
        if (NewHolder(view, role_key, a.member_id)) name += " (new)";
        names.push_back(name);
    }
    return names;
}

// What changed since the previous workshop, in one line: "✓ same as last time"; "was: Amélie Laurent" when
// none of the previous holders holds it now; "no longer: ..." when some handed it on; nothing otherwise
// (only newcomers, marked "(new)" on their names) or when there is no previous workshop.
std::optional<Line> PreviousLine(App& app, const WorkshopView& view, const std::string& role_key) {
    if (!view.previous) return std::nullopt;
    const std::vector<std::string> now = HolderIds(view.record, role_key);
    std::vector<std::string> left;
    bool someone_stayed = false;
    for (const RoleAssignment& a : view.previous->assignments) {
        if (a.role_key != role_key) continue;
        if (Contains(now, a.member_id)) someone_stayed = true;
        else left.push_back(a.member_name);
    }
    const bool anyone_new = std::any_of(now.begin(), now.end(),
                                        [&](const std::string& id) { return NewHolder(view, role_key, id); });
    if (left.empty() && !anyone_new) return Line{"\u2713 same as last time", app.GetFonts().body, theme::kMuted};
    if (left.empty()) {
        if (someone_stayed) return std::nullopt;
        return Line{"was: vacant", app.GetFonts().body, theme::kMuted};
    }
    return Line{(someone_stayed ? "no longer: " : "was: ") + JoinNames(left), app.GetFonts().body, theme::kMuted};
}

// The domain decides whether leaving this role vacant is a warning (sponsor, coordinator): ask it.
bool VacancyIsWarning(const RoleDefinition& role) { return !RoleWarnings({role}, {}).empty(); }

// The lines of a role's card: its holders one per line, or all on wrapped lines when `joined`.
std::vector<Line> CardLines(App& app, const WorkshopView& view, const RoleDefinition& role, bool joined) {
    std::vector<Line> lines;
    const std::vector<std::string> holders = HolderNames(view, role.key);
    if (holders.empty()) {
        if (VacancyIsWarning(role)) lines.push_back({"\u26A0 vacant", app.GetFonts().bold, theme::kError});
        else lines.push_back({"vacant", app.GetFonts().body, theme::kMuted});
    } else if (joined) {
        lines.push_back({JoinNames(holders), app.GetFonts().body, theme::kInk});
    } else {
        for (const std::string& name : holders) lines.push_back({name, app.GetFonts().body, theme::kInk});
    }
    if (auto previous = PreviousLine(app, view, role.key)) lines.push_back(*previous);
    return lines;
}

// A warning's head ("No sponsor", "Ann holds 4 roles"): the narrow notes card shows only that.
std::string WarningHead(const std::string& warning) {
    const size_t colon = warning.find(": ");
    return colon == std::string::npos ? warning : warning.substr(0, colon);
}

// The notes beside the cards: the warnings (their heads when narrow), the last message, what to do.
// Absent holders are marked on the cards themselves.
void DrawNotes(App& app, const WorkshopView& view, RolesScratch& s, bool running, bool short_warnings) {
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0.3f * Em()));
    ImGui::PushFont(app.GetFonts().bold);
    for (const std::string& warning : view.record.role_warnings) Message(short_warnings ? WarningHead(warning) : warning, true);
    if (view.record.role_warnings.empty()) Message("No warnings.", false);
    ImGui::PopFont();
    Message(s.message, s.message_is_error);
    if (running)
        Wrapped(view.previous ? "Roles start from last time. Tap a role to hand it on or add people."
                              : "Tap a role, then tap the names of those who hold it.",
                theme::kMuted);
    ImGui::PopStyleVar();
}

void DrawOverview(App& app, const WorkshopView& view, RolesScratch& s, bool running) {
    const auto& roles = view.record.roles;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float em = Em();
    const float gap = 0.5f * em;
    const int columns = avail.x >= 44.0f * em ? 4 : avail.x >= 33.0f * em ? 3 : 2;
    const int cells = static_cast<int>(roles.size()) + 1;  // the last cell holds the notes
    const int rows = (cells + columns - 1) / columns;
    const float width = (avail.x - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const float wrap = width - 2.0f * CardPad();
    // Fill the height; never smaller than the fullest card needs (more rows than fit then scroll).
    float needed = 4.5f * em;
    for (const RoleDefinition& role : roles)
        needed = std::max(needed, CardStrip(app) + 0.6f * em + LinesHeight(CardLines(app, view, role, true), wrap));
    const float fill = (avail.y - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows) - 1.0f;
    const float height = std::max(needed, std::min(fill, 12.0f * em));
    const float body_room = height - CardStrip(app) - 0.6f * em;
    for (int cell = 0; cell < cells; ++cell) {
        if (cell % columns != 0) ImGui::SameLine(0, gap);
        else if (cell > 0) ImGui::SetCursorPosY(ImGui::GetCursorPosY() + gap - ImGui::GetStyle().ItemSpacing.y);
        if (cell == static_cast<int>(roles.size())) {
            // The notes, on a panel the size of a card; they scroll if they ever need more room.
            const ImVec2 at = ImGui::GetCursorScreenPos();
            const float notes_width = cell % columns == 0 ? avail.x : width;
            ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + notes_width, at.y + height), theme::Rgb(theme::kPanel),
                                                      0.3f * em);
            ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(CardPad(), CardPad()));
            ImGui::BeginChild("##role-notes", ImVec2(notes_width, height), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
            DrawNotes(app, view, s, running, notes_width < 20.0f * em);
            ImGui::EndChild();
            ImGui::PopStyleVar();
            continue;
        }
        const RoleDefinition& role = roles[static_cast<size_t>(cell)];
        std::vector<Line> lines = CardLines(app, view, role, false);
        if (LinesHeight(lines, wrap) > body_room) lines = CardLines(app, view, role, true);
        if (RoleCard(app, "roles.role." + role.key, role.title, lines, ImVec2(width, height), running)) {
            s.role_key = role.key;
            s.message.clear();
        }
    }
}

void DrawAssign(App& app, const WorkshopView& view, RolesScratch& s, size_t index) {
    const RoleDefinition& role = view.record.roles[index];
    const float em = Em();
    const ImGuiStyle& style = ImGui::GetStyle();
    auto holds = [&](const std::string& member_id) {
        return std::any_of(view.record.assignments.begin(), view.record.assignments.end(),
                           [&](const RoleAssignment& a) { return a.role_key == role.key && a.member_id == member_id; });
    };
    // Everyone checked in, then the role's holders who are not (they can be removed, not added).
    std::vector<Participant> people = view.participants;
    for (const RoleAssignment& a : view.record.assignments)
        if (a.role_key == role.key && !CheckedIn(view, a.member_id)) people.push_back({a.member_id, a.member_name + " (absent)", ""});

    // One row: the role and what it does (two lines at most), then the way on: the next role, or the overview.
    const float width = ImGui::GetContentRegionAvail().x;
    const float left = ImGui::GetCursorPosX();
    const float top = ImGui::GetCursorPosY();
    const RoleDefinition* next = view.record.roles.size() > 1 ? &view.record.roles[(index + 1) % view.record.roles.size()] : nullptr;
    const std::string next_label = next ? "Next role: " + next->title + "  \u25B6" : "";
    const std::string done_label = "\u2713  Done";
    const float next_width = next ? ImGui::CalcTextSize(next_label.c_str()).x + 2.0f * em : 0.0f;
    const float done_width = ImGui::CalcTextSize(done_label.c_str()).x + 2.0f * em;
    const float buttons_x = left + width - done_width - (next ? next_width + style.ItemSpacing.x : 0.0f);
    ImGui::PushFont(app.GetFonts().heading);
    ImGui::SetCursorPosY(top + (TouchHeight() - ImGui::GetTextLineHeight()) * 0.5f);
    ImGui::TextUnformatted(role.title.c_str());
    ImGui::PopFont();
    ImGui::SameLine(0, em);
    if (!role.description.empty()) {
        const float about_x = ImGui::GetCursorPosX();
        const float about_width = buttons_x - em - about_x;
        const float about_height = ImGui::CalcTextSize(role.description.c_str(), nullptr, false, about_width).y;
        if (about_width > 6.0f * em && about_height <= TouchHeight()) {
            ImGui::SetCursorPosY(top + (TouchHeight() - about_height) * 0.5f);
            ImGui::PushTextWrapPos(about_x + about_width);
            ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(theme::kMuted));
            ImGui::TextUnformatted(role.description.c_str());
            ImGui::PopStyleColor();
            ImGui::PopTextWrapPos();
            ImGui::SameLine();
        }
    }
    ImGui::SetCursorPos(ImVec2(buttons_x, top));
    if (next && Button(app, "roles.role." + next->key, next_label, ImVec2(next_width, 0), ButtonStyle::Secondary)) {
        s.role_key = next->key;
        s.message.clear();
    }
    if (next) ImGui::SameLine();
    if (Button(app, "roles.done", done_label, ImVec2(done_width, 0))) {
        s.role_key.clear();
        s.message.clear();
    }
    ImGui::SetCursorPos(ImVec2(left, top + TouchHeight() + style.ItemSpacing.y));

    if (people.empty()) {
        Message("Nobody is checked in yet: go Back to the check-in first.", true);
        return;
    }
    // The names, four to a row across the width; as many rows as fit above the notes, more scroll inside.
    const int columns = width >= 44.0f * em ? 4 : width >= 30.0f * em ? 3 : 2;
    const float pad = 0.2f * em;  // so the outline of a picked name is never cut at the region's edge
    const int rows = (static_cast<int>(people.size()) + columns - 1) / columns;
    const float row_gap = 0.35f * em;  // rows of names a little closer than the usual spacing
    const float needed = static_cast<float>(rows) * TouchHeight() + static_cast<float>(rows - 1) * row_gap + 2.0f * pad;
    // Under the names: who holds it now, in words (the ticks say the same on the names), and who held it last
    // time; then the warnings of all roles, in full when there is one, by their heads when there are several.
    const std::vector<std::string> holders = HolderNames(view, role.key);
    const bool vacant_warning = holders.empty() && VacancyIsWarning(role);
    std::string now = "Now: " + (holders.empty() ? std::string(vacant_warning ? "\u26A0 vacant" : "vacant") : JoinNames(holders));
    if (auto previous = PreviousLine(app, view, role.key)) now += "   \u00B7   " + previous->text;
    std::string warnings;
    for (const std::string& warning : view.record.role_warnings)
        warnings += (warnings.empty() ? "" : "  \u00B7  ") + (view.record.role_warnings.size() == 1 ? warning : WarningHead(warning));
    ImGui::PushFont(app.GetFonts().bold);
    float notes = ImGui::CalcTextSize(now.c_str(), nullptr, false, width).y + style.ItemSpacing.y;
    ImGui::PopFont();
    if (!warnings.empty()) notes += ImGui::CalcTextSize(("\u26A0 " + warnings).c_str(), nullptr, false, width).y + style.ItemSpacing.y;
    if (!s.message.empty()) notes += ImGui::CalcTextSize(("\u26A0 " + s.message).c_str(), nullptr, false, width).y + style.ItemSpacing.y;
    float room = ImGui::GetContentRegionAvail().y - notes;
    // The hint under the names only when it leaves every name in view.
    const bool hint = warnings.empty() && needed <= room - ImGui::GetTextLineHeightWithSpacing();
    if (hint) room -= ImGui::GetTextLineHeightWithSpacing();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
    ImGui::BeginChild("##role-people", ImVec2(width, std::max(TouchHeight() + 2.0f * pad, std::min(needed, room))), false,
                      ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();
    // Four columns whether or not a scroll bar takes some of the width.
    const float button_width = std::floor((ImGui::GetContentRegionAvail().x - style.ItemSpacing.x * static_cast<float>(columns - 1)) /
                                          static_cast<float>(columns));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(style.ItemSpacing.x, row_gap));
    const int clicked = NameGrid(
        app, "roles.person", people, [&](const Participant& p) { return holds(p.id); },
        [&](const Participant& p) { return holds(p.id); }, button_width);
    ImGui::PopStyleVar();
    ImGui::EndChild();
    if (clicked >= 0) {
        // The tick on the name and the line below show the change; only a refusal needs a message.
        const Participant person = people[static_cast<size_t>(clicked)];
        const bool had = holds(person.id);
        const std::string workshop_id = view.workshop.id;
        const std::string role_key = role.key;
        s.message_is_error = !app.Try(s.message, [&] {
            if (had) app.Store()->UnassignRole(workshop_id, role_key, person.id);
            else app.Store()->AssignRole(workshop_id, role_key, person.id);
        });
    }
    ImGui::PushFont(app.GetFonts().bold);
    Wrapped(now, vacant_warning ? theme::kError : theme::kInk);
    ImGui::PopFont();
    if (!warnings.empty()) Message(warnings, true);
    else if (hint) Wrapped("Tap a name to add or remove them.", theme::kMuted);
    Message(s.message, s.message_is_error);
}
}  // namespace

void DrawRolesScreen(App& app) {
    if (!BeginStage(app)) return;
    RolesScratch& s = app.roles;
    const auto& view = *app.Workshop();
    const bool running = app.CanRecord();
    if (view.record.roles.empty()) {
        Wrapped("This workshop's template lists no roles.", theme::kMuted);
        EndStage(app);
        return;
    }
    size_t picked = view.record.roles.size();
    for (size_t i = 0; i < view.record.roles.size(); ++i)
        if (view.record.roles[i].key == s.role_key) picked = i;
    if (running && picked < view.record.roles.size()) {
        DrawAssign(app, view, s, picked);
    } else {
        s.role_key.clear();
        DrawOverview(app, view, s, running);
    }
    EndStage(app);
}

}  // namespace kiosk

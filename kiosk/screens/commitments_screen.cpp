// The commitments stage: who does what, by when (DOMAIN.md "Commitments"). Making a commitment in front of
// the group is part of its force, so the list is what the room reads.
//
// The body shows one of three things, so that each fits a 720p projector:
// - the list: every commitment made in this workshop (who · what · by when), "what" in large type when the
//   whole list fits that way; those carried forward from the previous workshop are marked so;
// - the form, in the room's order: who (pick the names, or the whole community), what, by when (quick picks
//   from today: a week, or one, three or six calendar months; or an exact date), an optional link to a task
//   or a role, Commit;
// - the link picker: the workshop's roles and tasks as big buttons, then back to the form.
// Every rule (a blank commitment, a date in the past, nobody named) is the store's; its refusal is shown on the
// form with nothing lost.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "facilitation/domain/time_util.h"
#include "kiosk/app.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

namespace {
using Mode = CommitmentsScratch::Mode;

constexpr const char* kWeekdayShort[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr const char* kMonthShort[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// "Tue 9 Jun 2026"; anything unreadable is shown as stored.
std::string FriendlyDate(const std::string& iso) {
    CivilDate date;
    if (!CivilDate::Parse(iso, date)) return iso;
    return std::string(kWeekdayShort[WeekdayOf(date)]) + " " + std::to_string(date.day) + " " + kMonthShort[date.month - 1] +
           " " + std::to_string(date.year);
}

// The same day `months` calendar months later, or the month's last day when it is shorter (31 Jan + 1 month =
// 28 or 29 Feb): what a facilitator means by "in a month".
CivilDate AddMonths(const CivilDate& date, int months) {
    const int index = date.year * 12 + (date.month - 1) + months;
    CivilDate out{index / 12, index % 12 + 1, date.day};
    for (int day = date.day; day >= 28; --day) {
        out.day = day;
        if (CivilDate::Parse(out.Iso(), out)) return out;
    }
    return out;
}

std::string JoinNames(const std::vector<std::string>& names) {
    std::string text;
    for (size_t i = 0; i < names.size(); ++i) text += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    return text;
}

// Buttons laid out left to right, wrapping at the region's right edge. Call Next(width) before each.
struct Flow {
    float left, right, gap;
    bool first = true;
    Flow() : left(ImGui::GetCursorPosX()), right(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x), gap(0.3f * Em()) {}
    void Next(float width) {
        if (!first) {
            ImGui::SameLine(0, gap);
            if (ImGui::GetCursorPosX() + width > right) {
                ImGui::NewLine();
                ImGui::SetCursorPosX(left);
            }
        }
        first = false;
    }
};

// ---- What the form holds ---------------------------------------------------------------------------

struct TaskRef {
    std::string id, title;
};

// The workshop's tasks, stage by stage in their ranked order: what a commitment may be linked to.
std::vector<TaskRef> WorkshopTasks(const WorkshopView& view) {
    std::vector<TaskRef> tasks;
    for (const Stage& stage : view.stages) {
        auto it = view.record.tasks.find(stage.key);
        if (it == view.record.tasks.end()) continue;
        for (const TaskResult& t : it->second) tasks.push_back({t.task.id, t.task.title});
    }
    return tasks;
}

std::string RoleTitle(const WorkshopView& view, const std::string& key) {
    for (const auto& role : view.record.roles)
        if (role.key == key) return role.title;
    return key;
}

std::string TaskTitle(const WorkshopView& view, const std::string& id) {
    for (const TaskRef& t : WorkshopTasks(view))
        if (t.id == id) return t.title;
    return "(a task no longer listed)";
}

bool Picked(const CommitmentsScratch& s, const std::string& member_id) {
    return std::find(s.member_ids.begin(), s.member_ids.end(), member_id) != s.member_ids.end();
}

// Who, as the form holds it: the names in check-in order.
std::string WhoOfForm(const CommitmentsScratch& s, const WorkshopView& view) {
    if (s.whole_community) return "The whole community";
    std::vector<std::string> names;
    for (const auto& p : view.participants)
        if (Picked(s, p.id)) names.push_back(p.name);
    return JoinNames(names);
}

std::string FormSignature(const CommitmentsScratch& s) {
    std::string text = std::string(s.whole_community ? "all|" : "some|");
    for (const auto& id : s.member_ids) text += id + ",";
    return text + "|" + s.what + "|" + s.due + "|" + s.task_id + "|" + s.role_key;
}

void ClearForm(CommitmentsScratch& s) {
    const std::string message = s.message;
    const bool is_error = s.message_is_error;
    s = CommitmentsScratch{};
    s.message = message;
    s.message_is_error = is_error;
}

// ---- The form --------------------------------------------------------------------------------------

void DrawForm(App& app, CommitmentsScratch& s, const WorkshopView& view) {
    if (!s.message.empty() && FormSignature(s) != s.message_form) s.message.clear();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float gap = 0.3f * Em();
    const float group = 1.2f * Em();
    const float row = TouchHeight() + style.ItemSpacing.y;
    const float label_column = ImGui::CalcTextSize("By when?").x + Em();
    const float left = ImGui::GetCursorPosX();
    const float width = ImGui::GetContentRegionAvail().x;
    const CivilDate today = TodayUtc();

    // Who: the whole community, or one or more names. The names take the room the other rows leave, and
    // scroll beyond it.
    const float top = ImGui::GetCursorPosY();
    ImGui::PushFont(app.GetFonts().bold);
    RowText("Who?", theme::kInk);
    ImGui::PopFont();
    ImGui::SameLine(left + label_column);
    ImGui::SetCursorPosY(top);
    const float names_room = std::max(TouchHeight(), ImGui::GetContentRegionAvail().y - 3 * row - 2.0f);
    float needed = 0;
    {
        // Measure the flow: how many rows the names need at this width.
        float x = 0;
        int rows = 1;
        const float flow_width = width - label_column - style.ScrollbarSize;
        auto add = [&](float w) {
            if (x > 0 && x + gap + w > flow_width) {
                ++rows;
                x = 0;
            }
            x += (x > 0 ? gap : 0) + w;
        };
        add(ToggleWidth("The whole community"));
        for (const auto& p : view.participants) add(ToggleWidth(p.name));
        needed = rows * row - style.ItemSpacing.y;
    }
    ImGui::BeginChild("##who", ImVec2(width - label_column, std::min(needed, names_room)), false);
    Flow flow;
    float w = ToggleWidth("The whole community");
    flow.Next(w);
    if (Toggle(app, "commitments.everyone", "The whole community", s.whole_community, w)) {
        s.whole_community = !s.whole_community;
        if (s.whole_community) s.member_ids.clear();
    }
    for (size_t i = 0; i < view.participants.size(); ++i) {
        const Participant& p = view.participants[i];
        w = ToggleWidth(p.name);
        flow.Next(w);
        if (Toggle(app, "commitments.person." + std::to_string(i), p.name, Picked(s, p.id), w)) {
            if (Picked(s, p.id)) s.member_ids.erase(std::find(s.member_ids.begin(), s.member_ids.end(), p.id));
            else s.member_ids.push_back(p.id);
            s.whole_community = false;
        }
    }
    if (view.participants.empty()) {
        ImGui::SameLine();
        RowText("(nobody is checked in)");
    }
    ImGui::EndChild();

    // What, and the optional link.
    ImGui::PushFont(app.GetFonts().bold);
    RowText("What?", theme::kInk);
    ImGui::PopFont();
    ImGui::SameLine(left + label_column);
    std::string link = "Link: none";
    if (!s.task_id.empty()) link = "Task: " + TaskTitle(view, s.task_id);
    else if (!s.role_key.empty()) link = "Role: " + RoleTitle(view, s.role_key);
    link += "  \u25B8";
    const float link_width = std::min(16.0f * Em(), ImGui::CalcTextSize(link.c_str()).x + 2.0f * Em());
    const float field_top = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(field_top + (TouchHeight() - (ImGui::GetFontSize() + 1.2f * Em())) * 0.5f);
    TextField(app, "commitments.what", "What will be done? e.g. Write the newcomer guide", s.what, sizeof s.what,
              width - label_column - link_width - group, nullptr, s.focus_what);
    s.focus_what = false;
    ImGui::SameLine(0, group);
    ImGui::SetCursorPosY(field_top);
    if (Button(app, "commitments.link", link, ImVec2(link_width, 0), ButtonStyle::Secondary)) s.mode = Mode::PickLink;

    // By when: quick picks from today, or an exact date.
    ImGui::PushFont(app.GetFonts().bold);
    RowText("By when?", theme::kInk);
    ImGui::PopFont();
    ImGui::SameLine(left + label_column);
    struct Pick {
        const char* key;
        const char* label;
        CivilDate date;
    };
    const Pick picks[4] = {{"week", "+1 week", AddDays(today, 7)},
                           {"month", "+1 month", AddMonths(today, 1)},
                           {"3months", "+3 months", AddMonths(today, 3)},
                           {"6months", "+6 months", AddMonths(today, 6)}};
    for (int i = 0; i < 4; ++i) {
        if (i > 0) ImGui::SameLine(0, gap);
        if (Toggle(app, std::string("commitments.due.") + picks[i].key, picks[i].label, picks[i].date.Iso() == s.due))
            std::snprintf(s.due, sizeof s.due, "%s", picks[i].date.Iso().c_str());
    }
    ImGui::SameLine(0, group);
    const float due_top = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(due_top + (TouchHeight() - (ImGui::GetFontSize() + 1.2f * Em())) * 0.5f);
    TextField(app, "commitments.due", "YYYY-MM-DD", s.due, sizeof s.due, ImGui::CalcTextSize("YYYY-MM-DD").x + 1.2f * Em());
    ImGui::SameLine(0, gap);
    ImGui::SetCursorPosY(due_top);
    CivilDate due;
    if (CivilDate::Parse(s.due, due)) RowText(FriendlyDate(s.due), theme::kInk);
    else if (s.due[0]) RowText("\u26A0 date?", theme::kError);
    else RowText("pick or type a date");

    // Commit, Cancel, and the store's refusal or the sentence being committed to.
    ImGui::SetCursorPosX(left + label_column);
    if (Button(app, "commitments.add", "\u2713  Commit")) {
        Store::CommitmentDraft draft;
        draft.what = s.what;
        draft.due = s.due;
        draft.whole_community = s.whole_community;
        if (!s.whole_community) {
            // In check-in order, and only people still checked in.
            for (const auto& p : view.participants)
                if (Picked(s, p.id)) draft.member_ids.push_back(p.id);
        }
        draft.task_id = s.task_id;
        draft.role_key = s.role_key;
        const std::string who = WhoOfForm(s, view);
        const bool done = app.Try(s.message, [&] { app.Store()->AddCommitment(view.workshop.id, draft, today.Iso()); });
        s.message_is_error = !done;
        s.message_form = FormSignature(s);
        if (done) {
            s.message = who + ": " + std::string(s.what) + ", by " + FriendlyDate(s.due) + ".";
            ClearForm(s);
            s.mode = Mode::List;
            return;
        }
    }
    ImGui::SameLine(0, gap);
    if (Button(app, "commitments.cancel", "Cancel", ImVec2(0, 0), ButtonStyle::Secondary)) {
        s.message.clear();
        s.mode = Mode::List;
        return;
    }
    ImGui::SameLine(0, group);
    if (!s.message.empty()) {
        if (SideText(app, "commitments.message", (s.message_is_error ? "\u26A0 " : "\u2713 ") + s.message,
                     s.message_is_error ? theme::kError : theme::kSuccess, true))
            s.message.clear();
    } else {
        const std::string who = WhoOfForm(s, view);
        std::vector<std::string> missing;
        if (who.empty()) missing.push_back("who");
        if (!s.what[0]) missing.push_back("what");
        if (!s.due[0]) missing.push_back("by when");
        if (missing.empty())
            SideText(app, "",
                     who + (s.whole_community || s.member_ids.size() > 1 ? " commit to " : " commits to ") + "\u201C" +
                         s.what + "\u201D by " + FriendlyDate(s.due) + ".",
                     theme::kInk, false);
        else
            SideText(app, "", "Still to say: " + JoinNames(missing) + ".", theme::kMuted, false);
    }
}

void DrawLinkPicker(App& app, CommitmentsScratch& s, const WorkshopView& view) {
    const std::string what = s.what[0] ? "\u201C" + std::string(s.what) + "\u201D" : std::string("this commitment");
    Heading(app, "Link " + what + " to a role or a task? (optional)");
    if (Toggle(app, "commitments.link.none", "No link", s.task_id.empty() && s.role_key.empty(), 9.0f * Em())) {
        s.task_id.clear();
        s.role_key.clear();
        s.mode = Mode::Form;
    }
    ImGui::SameLine();
    if (Button(app, "commitments.link.back", "\u25C0  Back to the form", ImVec2(0, 0), ButtonStyle::Secondary))
        s.mode = Mode::Form;
    ImGui::BeginChild("##links", ImVec2(0, 0), false);
    ImGui::PushFont(app.GetFonts().bold);
    ImGui::TextUnformatted("Roles");
    ImGui::PopFont();
    Flow roles;
    for (const auto& role : view.record.roles) {
        const float w = ToggleWidth(role.title);
        roles.Next(w);
        if (Toggle(app, "commitments.role." + role.key, role.title, s.role_key == role.key, w)) {
            s.role_key = role.key;
            s.task_id.clear();
            s.mode = Mode::Form;
        }
    }
    ImGui::PushFont(app.GetFonts().bold);
    ImGui::TextUnformatted("Tasks");
    ImGui::PopFont();
    const std::vector<TaskRef> tasks = WorkshopTasks(view);
    if (tasks.empty()) Wrapped("No task was proposed in this workshop.", theme::kMuted);
    // Two columns of equal buttons; a long title is cut at the button's edge.
    const float column = (ImGui::GetContentRegionAvail().x - 0.3f * Em()) * 0.5f;
    for (size_t i = 0; i < tasks.size(); ++i) {
        if (i % 2) ImGui::SameLine(0, 0.3f * Em());
        if (Toggle(app, "commitments.task." + std::to_string(i), tasks[i].title, s.task_id == tasks[i].id, column)) {
            s.task_id = tasks[i].id;
            s.role_key.clear();
            s.mode = Mode::Form;
        }
    }
    ImGui::EndChild();
}

// ---- The list --------------------------------------------------------------------------------------

void DrawList(App& app, CommitmentsScratch& s, const WorkshopView& view, bool editable) {
    const auto& commitments = view.record.commitments;
    if (editable) {
        if (Button(app, "commitments.new", "+  Make a commitment")) {
            ClearForm(s);
            s.message.clear();
            s.mode = Mode::Form;
        }
        ImGui::SameLine(0, Em());
        if (!s.message.empty()) {
            if (SideText(app, "commitments.message", (s.message_is_error ? "\u26A0 " : "\u2713 ") + s.message,
                         s.message_is_error ? theme::kError : theme::kSuccess, true))
                s.message.clear();
        } else {
            SideText(app, "",
                     commitments.empty() ? "Who does what, by when? Say it in front of the group."
                                         : std::to_string(commitments.size()) +
                                               (commitments.size() == 1 ? " commitment" : " commitments"),
                     theme::kMuted, false);
        }
    }
    if (commitments.empty()) {
        if (!editable) Wrapped("No commitment was made at this stage.", theme::kMuted);
        return;
    }
    // The projector turns the list's pages by itself (nobody can scroll it): a line under it says which page.
    const bool paged = app.IsProjector();
    ImGui::BeginChild("##commitment-list", ImVec2(0, -PageLineRoom(app, "commitments")), false,
                      paged ? ImGuiWindowFlags_NoScrollbar : ImGuiWindowFlags_None);
    const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    ImGui::PushFont(app.GetFonts().bold);
    const float due_width = ImGui::CalcTextSize("Wed 30 Sep 2026").x + 0.5f * Em();
    ImGui::PopFont();
    // "What" in large type when the whole list then fits the room's view, else at body size (bold) so that
    // more of it is seen at once.
    const ImVec2 cell_padding(0.4f * Em(), 0.35f * Em());
    ImFont* what_font = app.GetFonts().heading;
    {
        const int columns = editable ? 4 : 3;
        const float fixed = due_width + (editable ? TouchHeight() : 0.0f) + 2.0f * cell_padding.x * columns;
        // An estimate on the safe side: the scroll bar's room, the rows' borders.
        const float what_width =
            std::max(Em(), (ImGui::GetContentRegionAvail().x - fixed - ImGui::GetStyle().ScrollbarSize) * 3.0f / 4.0f - Em());
        float height = ImGui::GetTextLineHeight() + 2.0f * cell_padding.y;  // the header
        ImGui::PushFont(what_font);
        for (const Commitment& c : commitments) {
            float row = ImGui::CalcTextSize(c.what.c_str(), nullptr, false, what_width).y;
            if (!c.carried_from_id.empty() || !c.role_key.empty() || !c.task_id.empty()) row += Em() * 1.3f;
            height += std::max(row, editable ? TouchHeight() : 0.0f) + 2.0f * cell_padding.y + 2.0f;
        }
        ImGui::PopFont();
        if (height > ImGui::GetContentRegionAvail().y) what_font = app.GetFonts().bold;
    }
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, cell_padding);
    if (ImGui::BeginTable("##commitments", editable ? 4 : 3, flags)) {
        ImGui::TableSetupColumn("Who", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("What", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn("By", ImGuiTableColumnFlags_WidthFixed, due_width);
        if (editable) ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, TouchHeight());
        ImGui::TableNextRow();
        const char* headers[3] = {"Who", "What", "By"};
        for (int c = 0; c < 3; ++c) {
            ImGui::TableSetColumnIndex(c);
            ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(theme::kMuted));
            ImGui::TextUnformatted(headers[c]);
            ImGui::PopStyleColor();
        }
        for (size_t i = 0; i < commitments.size(); ++i) {
            const Commitment& c = commitments[i];
            ImGui::TableNextRow(ImGuiTableRowFlags_None, editable ? TouchHeight() : 0.0f);
            ImGui::TableSetColumnIndex(0);
            ImGui::PushFont(app.GetFonts().bold);
            Wrapped(c.whole_community ? std::string("The whole community") : JoinNames(c.member_names), theme::kInk);
            ImGui::PopFont();
            ImGui::TableSetColumnIndex(1);
            ImGui::PushFont(what_font);
            Wrapped(c.what, theme::kInk);
            ImGui::PopFont();
            std::vector<std::string> notes;
            if (!c.carried_from_id.empty()) notes.push_back("\u21BB carried forward from the previous workshop");
            if (!c.role_key.empty()) notes.push_back("as " + RoleTitle(view, c.role_key));
            if (!c.task_id.empty()) notes.push_back("for the task \u201C" + TaskTitle(view, c.task_id) + "\u201D");
            std::string note;
            for (size_t n = 0; n < notes.size(); ++n) note += (n ? "  \u00B7  " : "") + notes[n];
            if (!note.empty()) Wrapped(note, theme::kMuted);
            ImGui::TableSetColumnIndex(2);
            ImGui::PushFont(app.GetFonts().bold);
            Wrapped(FriendlyDate(c.due), theme::kInk);
            ImGui::PopFont();
            if (editable) {
                ImGui::TableSetColumnIndex(3);
                if (Button(app, "commitments.remove." + std::to_string(i), "\u2717", ImVec2(TouchHeight(), 0),
                           ButtonStyle::Secondary)) {
                    const std::string id = c.id;
                    s.message_is_error = !app.Try(s.message, [&] { app.Store()->RetractCommitment(view.workshop.id, id); });
                    if (!s.message_is_error) s.message = "Removed: " + c.what;
                }
            }
        }
        ImGui::EndTable();
    }
    ImGui::PopStyleVar();
    const std::string where = paged ? TurnListPages(app, "commitments") : std::string();
    ImGui::EndChild();
    PageLine(app, "commitments.page", where);
}
}  // namespace

void DrawCommitmentsScreen(App& app) {
    if (!BeginStage(app)) return;
    CommitmentsScratch& s = app.commitments;
    const auto& view = *app.Workshop();
    const bool editable = app.CanRecord();
    if (!editable) s.mode = Mode::List;
    switch (s.mode) {
        case Mode::List: DrawList(app, s, view, editable); break;
        case Mode::Form:
            // Rows a little closer than elsewhere, so that a room of twelve fits its names above the form.
            ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0.4f * Em()));
            ImGui::BeginChild("##commitment-form", ImVec2(0, 0), false);
            DrawForm(app, s, view);
            ImGui::EndChild();
            ImGui::PopStyleVar();
            break;
        case Mode::PickLink: DrawLinkPicker(app, s, view); break;
    }
    EndStage(app);
}

}  // namespace kiosk

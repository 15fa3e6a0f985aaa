// Energizing tasks (DOMAIN.md "Tasks and energy"). Three phases, driven by the status of the stage's three
// polls (energy, importance, dots), which always move together:
//   collect  the facilitator types candidate tasks or picks the template's examples, and can remove them;
//   vote     each participant picks their name, rates every task's energy (-2..+2) and importance (1..3),
//            spends their dots, and casts the whole ballot as one action;
//   results  closed, then revealed: the ranking and the quadrant chart (take on, support needed, learning,
//            drop); in a renewal, beside each task, its rank and quadrant at the previous workshop.
// The order of the lists: the candidate list is alphabetical (case folded), the ballot follows the polls'
// order (the order the tasks were proposed in), and the results follow the ranking. While the vote is open
// nothing on screen hints at the standings.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "facilitation/domain/decisions.h"
#include "facilitation/domain/names.h"
#include "facilitation/paths.h"
#include "facilitation/templates.h"
#include "kiosk/app.h"
#include "kiosk/screens/facilitator_controls.h"
#include "kiosk/shortcuts.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

namespace {

// ---- The stage's three polls --------------------------------------------------------------
struct TaskPollRecords {
    const PollRecord* energy = nullptr;
    const PollRecord* importance = nullptr;
    const PollRecord* dots = nullptr;

    bool Complete() const { return energy && importance && dots; }
    // The dots poll leads (its voters are the people who cast a whole ballot); the three move together.
    PollStatus Status() const {
        if (dots) return dots->poll.status;
        if (energy) return energy->poll.status;
        if (importance) return importance->poll.status;
        return PollStatus::Draft;
    }
    std::vector<std::string> Ids() const {
        std::vector<std::string> ids;
        for (const PollRecord* p : {energy, importance, dots})
            if (p) ids.push_back(p->poll.id);
        return ids;
    }
    std::vector<std::string> Voters() const { return dots ? dots->voters : std::vector<std::string>(); }
};

TaskPollRecords FindTaskPolls(const WorkshopRecord& record, const std::string& stage_key) {
    return {record.FindPollOfStage(stage_key, "energy"), record.FindPollOfStage(stage_key, "importance"),
            record.FindPollOfStage(stage_key, "dots")};
}

bool Editable(App& app) { return app.CanRecord(); }

std::string OneDecimal(double value, bool sign) {
    char text[32];
    std::snprintf(text, sizeof text, sign ? "%+.1f" : "%.1f", value);
    std::string out = text;
    if (out == "-0.0" || out == "+0.0") out = "0.0";
    if (!out.empty() && out[0] == '-') out = "\u2212" + out.substr(1);
    return out;
}

// ---- Quadrants: a shape and an Okabe–Ito colour each, always with the words ------------------------
unsigned QuadrantColour(Quadrant q) {
    switch (q) {
        case Quadrant::TakeOn: return 0x009E73;         // bluish green
        case Quadrant::SupportNeeded: return 0xE69F00;  // orange
        case Quadrant::Learning: return 0x56B4E9;       // sky blue
        case Quadrant::Drop: return 0xCC79A7;           // reddish purple
        case Quadrant::Unrated: break;
    }
    return 0xBBBBBB;
}

unsigned QuadrantTint(Quadrant q) {
    switch (q) {
        case Quadrant::TakeOn: return 0xE2F3EC;
        case Quadrant::SupportNeeded: return 0xFBEFD5;
        case Quadrant::Learning: return 0xE4F1FA;
        case Quadrant::Drop: return 0xF4E8EF;
        case Quadrant::Unrated: break;
    }
    return 0xF0F0F0;
}

// A numbered marker: circle (take on), triangle (support needed), square (learning), diamond (drop),
// filled with the quadrant's colour, outlined in ink, the rank in bold ink inside.
void DrawMarker(App& app, ImDrawList* draw, ImVec2 c, float r, Quadrant q, int number) {
    const ImU32 fill = theme::Rgb(QuadrantColour(q));
    const ImU32 ink = theme::Rgb(theme::kInk);
    const float line = std::max(1.5f, 0.09f * r);
    float text_dy = 0;
    switch (q) {
        case Quadrant::TakeOn:
            draw->AddCircleFilled(c, r, fill, 32);
            draw->AddCircle(c, r, ink, 32, line);
            break;
        case Quadrant::Unrated:  // hollow: no quadrant
            draw->AddCircleFilled(c, r, theme::Rgb(0xFFFFFF), 32);
            draw->AddCircle(c, r, ink, 32, line);
            break;
        case Quadrant::SupportNeeded: {
            const float R = 1.32f * r;
            const ImVec2 a(c.x, c.y - R), b(c.x + R * 0.866f, c.y + R * 0.5f), d(c.x - R * 0.866f, c.y + R * 0.5f);
            draw->AddTriangleFilled(a, b, d, fill);
            draw->AddTriangle(a, b, d, ink, line);
            text_dy = 0.18f * r;
            break;
        }
        case Quadrant::Learning: {
            const float h = 0.9f * r;
            draw->AddRectFilled(ImVec2(c.x - h, c.y - h), ImVec2(c.x + h, c.y + h), fill);
            draw->AddRect(ImVec2(c.x - h, c.y - h), ImVec2(c.x + h, c.y + h), ink, 0, 0, line);
            break;
        }
        case Quadrant::Drop: {
            const float R = 1.2f * r;
            const ImVec2 p[4] = {ImVec2(c.x, c.y - R), ImVec2(c.x + R, c.y), ImVec2(c.x, c.y + R), ImVec2(c.x - R, c.y)};
            draw->AddConvexPolyFilled(p, 4, fill);
            draw->AddPolyline(p, 4, ink, ImDrawFlags_Closed, line);
            break;
        }
    }
    const std::string label = std::to_string(number);
    ImFont* bold = app.GetFonts().bold;
    const float size = bold->FontSize * (number >= 10 ? 0.8f : 0.95f);
    const ImVec2 extent = bold->CalcTextSizeA(size, 1e6f, 0, label.c_str());
    draw->AddText(bold, size, ImVec2(c.x - extent.x * 0.5f, c.y - extent.y * 0.5f + text_dy), ink, label.c_str());
}

// A button whose label wraps inside a fixed width (the template's examples are whole sentences), in a slightly
// smaller type; `height` 0 = what the label needs (at least a touch target). Recorded in the layout dump like
// every widget: its visible part, only when enabled and at least half of it shows.
float WrappedButtonHeight(const std::string& label, float width) {
    const float em = Em();
    ImFont* font = ImGui::GetFont();
    const float size = font->FontSize * 0.92f;
    const float text_height = font->CalcTextSizeA(size, 1e6f, width - 1.2f * em, label.c_str()).y;
    return std::max(TouchHeight(), text_height + 0.6f * em);
}

bool WrappedButton(App& app, const std::string& id, const std::string& label, float width, float height, bool enabled) {
    const float em = Em();
    const float pad_x = 0.6f * em;
    ImFont* font = ImGui::GetFont();
    const float font_size = font->FontSize * 0.92f;
    const float text_height = font->CalcTextSizeA(font_size, 1e6f, width - 2 * pad_x, label.c_str()).y;
    const ImVec2 size(width, height > 0 ? height : WrappedButtonHeight(label, width));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(id.c_str(), size) && enabled;
    const bool held = ImGui::IsItemActive();
    const bool hovered = ImGui::IsItemHovered();
    const unsigned back = !enabled ? theme::kDisabled : held ? 0xB8B8B0 : hovered ? theme::kSecondaryHover : theme::kSecondary;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(at, ImVec2(at.x + size.x, at.y + size.y), theme::Rgb(back), 0.3f * em);
    draw->AddText(font, font_size, ImVec2(at.x + pad_x, at.y + (size.y - text_height) * 0.5f),
                  theme::Rgb(enabled ? theme::kInk : theme::kDisabledInk), label.c_str(), nullptr, width - 2 * pad_x);
    if (enabled && ImGui::IsItemVisible()) {
        const ImVec2 clip_min = draw->GetClipRectMin(), clip_max = draw->GetClipRectMax();
        const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        const float x0 = std::max(min.x, clip_min.x), y0 = std::max(min.y, clip_min.y);
        const float x1 = std::min(max.x, clip_max.x), y1 = std::min(max.y, clip_max.y);
        if (x1 > x0 && y1 > y0 && (x1 - x0) * (y1 - y0) >= 0.5f * (max.x - min.x) * (max.y - min.y))
            app.Layout().Record(id, label, x0, y0, x1, y1);
    }
    return pressed;
}

// Text at (x, y) in the current window's coordinates, without moving the layout.
void TextAt(float x, float y, const std::string& text, unsigned rgb = theme::kInk, ImFont* font = nullptr) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 window = ImGui::GetWindowPos();
    ImFont* f = font ? font : ImGui::GetFont();
    draw->AddText(f, f->FontSize, ImVec2(window.x + x - ImGui::GetScrollX(), window.y + y - ImGui::GetScrollY()),
                  theme::Rgb(rgb), text.c_str());
}

// The facilitator's row: the vote's state in large type, then the buttons that move the three polls.
void DrawVoteControls(App& app, const TaskPollRecords& polls, TasksScratch& s) {
    const auto& view = *app.Workshop();
    const size_t voted = polls.Voters().size();
    const size_t people = view.participants.size();
    std::string status;
    switch (polls.Status()) {
        case PollStatus::Draft: status = "The vote is not open yet."; break;
        case PollStatus::Open:
            status = "Vote open: " + std::to_string(voted) + " of " + std::to_string(people) + " have voted.";
            break;
        case PollStatus::Closed:
            status = "Vote closed: " + std::to_string(voted) + " of " + std::to_string(people) + " voted.";
            break;
        case PollStatus::Revealed:
            status = "Results: " + std::to_string(voted) + (voted == 1 ? " ballot." : " ballots.");
            break;
    }
    // The three polls move together: one row, one reset.
    const std::vector<std::string> ids = polls.Ids();
    VoteRow row;
    row.prefix = "tasks";
    row.status = status;
    row.state = polls.Status();
    row.reset_key = ids.empty() ? std::string() : ids.front();
    row.offer_open = false;  // a draft opens from the collecting row, with its rules
    const std::vector<std::string> voters = polls.Voters();
    row.people = &view.participants;
    row.voter_ids = &voters;
    row.ballots = polls.dots ? polls.dots->tally.ballots : 0;
    const VoteAction action = DrawVoteRow(app, row);
    if (!Editable(app)) ImGui::Spacing();  // read-only: the row is just the line of text
    if (action == VoteAction::None) return;
    Store& store = *app.Store();
    s.message_is_error = !app.Try(s.message, [&] {
        switch (action) {
            case VoteAction::Close: store.MovePolls(ids, PollStatus::Closed); break;
            case VoteAction::Reveal: store.MovePolls(ids, PollStatus::Revealed); break;
            case VoteAction::Reopen: store.MovePolls(ids, PollStatus::Open); break;
            case VoteAction::Reset: store.ResetPolls(ids); break;
            default: break;
        }
    });
    if (!s.message_is_error && action == VoteAction::Reset)
        s.message = "The vote is reset: its ballots are set aside; the tasks stay listed.";
    s.ClearBallot();
}

// ---- (a) Collect ----------------------------------------------------------------------------------
void LoadExamples(App& app, TasksScratch& s) {
    if (s.examples_loaded) return;
    s.examples_loaded = true;
    const std::string key = app.Workshop()->workshop.template_key;
    try {
        s.examples = LoadTemplate(TemplatesDir(), key).task_examples;
    } catch (const std::exception& error) {
        s.examples.clear();
        s.examples_problem = "The template's examples cannot be read (" + std::string(error.what()) +
                             "); type the tasks instead.";
    }
}

void Propose(App& app, const Stage& stage, TasksScratch& s, const std::string& title, bool from_field) {
    const std::string workshop_id = app.Workshop()->workshop.id;
    std::string added;
    if (app.Try(s.message, [&] { added = app.Store()->ProposeTask(workshop_id, stage.key, title).title; })) {
        s.message = "Added: " + added;
        s.message_is_error = false;
        if (from_field) s.text[0] = '\0';
    } else {
        s.message_is_error = true;
    }
    s.focus_text = true;  // ready for the next one
}

void DrawCollect(App& app, const Stage& stage, const std::vector<TaskResult>& results, TasksScratch& s) {
    const auto& view = *app.Workshop();
    const bool editable = Editable(app);
    const float em = Em();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::GetContentRegionAvail().x;
    // Alphabetical (case folded), so a task is easy to find; nothing is ranked before the vote.
    std::vector<const TaskResult*> tasks;
    for (const TaskResult& r : results) tasks.push_back(&r);
    std::stable_sort(tasks.begin(), tasks.end(), [](const TaskResult* a, const TaskResult* b) {
        return NameKey(a->task.title) < NameKey(b->task.title);
    });

    // The facilitator's row: type a task (Enter adds it), and open the vote once the list is complete.
    if (editable) {
        LoadExamples(app, s);
        const std::string open_label = "Open the vote  \u25B6";
        const float open_width = ImGui::CalcTextSize(open_label.c_str()).x + 2.0f * em;
        const float add_width = ImGui::CalcTextSize("Add task").x + 2.0f * em;
        const std::string rules_label = std::to_string(s.budget > 0 ? s.budget : stage.dots) + " dots" +
                                        (s.cap > 0 ? ", " + std::to_string(s.cap) + " max" : "") +
                                        (s.anonymous ? ", anonymous" : "") + (s.live_results ? ", live" : "") + "  \u25BE";
        const float rules_width = ImGui::CalcTextSize(rules_label.c_str()).x + 2.0f * em;
        const float field_width = std::min(width * 0.5f, width - open_width - add_width - rules_width - 4.0f * em);
        const float row_top = ImGui::GetCursorPosY();
        bool submitted = false;
        ImGui::SetCursorPosY(row_top + (TouchHeight() - (ImGui::GetFontSize() + 1.2f * em)) * 0.5f);
        TextField(app, "tasks.text", "Type a task, then press Enter", s.text, sizeof s.text, field_width, &submitted,
                  s.focus_text);
        s.focus_text = false;
        ImGui::SameLine();
        ImGui::SetCursorPosY(row_top);
        if (Button(app, "tasks.add", "Add task") || submitted) Propose(app, stage, s, s.text, true);
        ImGui::SameLine(width - open_width - rules_width - em);
        ImGui::SetCursorPosY(row_top);
        // The vote's rules stay folded away until the facilitator wants to change them.
        if (Button(app, "tasks.rules", rules_label, ImVec2(rules_width, 0), ButtonStyle::Secondary))
            s.show_rules = !s.show_rules;
        ImGui::SameLine(width - open_width);
        ImGui::SetCursorPosY(row_top);
        const bool can_open = !tasks.empty() && !view.participants.empty();
        if (Button(app, "tasks.open", open_label, ImVec2(open_width, 0), ButtonStyle::Primary, can_open) ||
            (can_open && CommandPressed(app, Command::VoteOpen))) {
            const std::string workshop_id = view.workshop.id;
            Store::TaskVoteRules rules;
            rules.budget = s.budget;
            rules.cap = s.cap;
            rules.anonymous = s.anonymous;
            rules.live_results = s.live_results;
            s.message_is_error = !app.Try(s.message, [&] { app.Store()->OpenTaskVote(workshop_id, stage.key, rules); });
            s.ClearBallot();
        }
        ImGui::SetCursorPosY(row_top + TouchHeight() + style.ItemSpacing.y);
        // The vote's rules, chosen before it opens: dots per person, a cap per task, anonymous, live results.
        if (s.budget <= 0) s.budget = stage.dots;
        if (s.show_rules) {
        const float label_y = (TouchHeight() - ImGui::GetTextLineHeight()) * 0.5f;
        auto label = [&](const char* text) {
            const float y = ImGui::GetCursorPosY();
            ImGui::SetCursorPosY(y + label_y);
            ImGui::TextUnformatted(text);
            ImGui::SameLine();
            ImGui::SetCursorPosY(y);
        };
        label("Dots each");
        Stepper(app, "tasks.budget", s.budget, 1, 20);
        ImGui::SameLine(0, 1.5f * em);
        label(s.cap == 0 ? "No cap per task" : "At most per task");
        Stepper(app, "tasks.cap", s.cap, 0, s.budget);
        ImGui::SameLine(0, 1.5f * em);
        if (Button(app, "tasks.anonymous", s.anonymous ? "\u2713 Anonymous" : "Named ballots", ImVec2(0, 0),
                   ButtonStyle::Secondary))
            s.anonymous = !s.anonymous;
        ImGui::SameLine();
        if (Button(app, "tasks.live", s.live_results ? "\u2713 Live results" : "Results at the end", ImVec2(0, 0),
                   ButtonStyle::Secondary))
            s.live_results = !s.live_results;
        }
        // A and L work with the rules folded away too: the rules button's label says what is chosen.
        if (CommandPressed(app, Command::VoteAnonymous)) s.anonymous = !s.anonymous;
        if (CommandPressed(app, Command::VoteLive)) s.live_results = !s.live_results;
    }

    // Left: the candidate list, with the last message above it. Right: the template's examples not yet listed.
    std::vector<size_t> offered;
    for (size_t i = 0; editable && i < s.examples.size(); ++i) {
        const bool listed = std::any_of(tasks.begin(), tasks.end(), [&](const TaskResult* t) {
            return NameKey(t->task.title) == NameKey(s.examples[i]);
        });
        if (!listed) offered.push_back(i);
    }
    const bool examples = editable && (!offered.empty() || !s.examples_problem.empty());
    const float list_width = examples ? width * 0.44f : width;
    ImGui::BeginChild("##tasks-list", ImVec2(list_width, 0), false);
    ImGui::PushFont(app.GetFonts().bold);
    if (tasks.empty()) ImGui::TextUnformatted(editable ? "No task yet: type one, or pick an example." : "No task was proposed.");
    else ImGui::Text("%zu candidate %s", tasks.size(), tasks.size() == 1 ? "task" : "tasks");
    ImGui::PopFont();
    if (editable) {
        if (!s.message.empty()) Message(s.message, s.message_is_error);
        else if (view.participants.empty()) Message("Check people in before the vote (go Back to the check-in).", true);
    }
    const float remove_size = 1.55f * em;
    for (size_t i = 0; i < tasks.size(); ++i) {
        const float y = ImGui::GetCursorPosY();
        float text_x = ImGui::GetCursorPosX();
        if (editable) {
            if (Button(app, "tasks.remove." + std::to_string(i), "\u2717", ImVec2(remove_size, remove_size),
                       ButtonStyle::Secondary)) {
                const std::string workshop_id = view.workshop.id, task_id = tasks[i]->task.id;
                const std::string title = tasks[i]->task.title;
                if (app.Try(s.message, [&] { app.Store()->RetractTask(workshop_id, task_id); })) {
                    s.message = "Removed: " + title;
                    s.message_is_error = false;
                } else {
                    s.message_is_error = true;
                }
            }
            ImGui::SameLine();
            text_x = ImGui::GetCursorPosX();
        }
        // Drawn rather than laid out: the button's frame padding would push text on its line downwards.
        const float wrap = list_width - text_x - style.ScrollbarSize;
        ImFont* bold = app.GetFonts().bold;
        const float text_height = bold->CalcTextSizeA(bold->FontSize, 1e6f, wrap, tasks[i]->task.title.c_str()).y;
        const ImVec2 window = ImGui::GetWindowPos();
        ImGui::GetWindowDrawList()->AddText(
            bold, bold->FontSize,
            ImVec2(window.x + text_x - ImGui::GetScrollX(),
                   window.y + y + std::max(0.0f, (remove_size - text_height) * 0.5f) - ImGui::GetScrollY()),
            theme::Rgb(theme::kInk), tasks[i]->task.title.c_str(), nullptr, wrap);
        ImGui::SetCursorPos(ImVec2(text_x, y));
        ImGui::Dummy(ImVec2(wrap, std::max(remove_size, text_height)));
        ImGui::SetCursorPosY(y + std::max(remove_size, text_height) + 0.25f * em);
    }
    ImGui::EndChild();

    if (!examples) return;
    ImGui::SameLine(0, 1.2f * em);
    ImGui::BeginChild("##tasks-examples", ImVec2(0, 0), false);
    if (!s.examples_problem.empty()) {
        Message(s.examples_problem, true);
    } else {
        Wrapped("Or pick one of the template's examples:", theme::kMuted);
        // A grid: two columns when they fit the room, else three; each row as tall as its longest example.
        const float gap = 0.5f * em;
        const float avail = ImGui::GetContentRegionAvail().x - style.ScrollbarSize;
        auto grid_height = [&](int columns) {
            const float cell = (avail - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
            float total = 0;
            for (size_t row = 0; row * columns < offered.size(); ++row) {
                float height = 0;
                for (size_t c = 0; c < static_cast<size_t>(columns) && row * columns + c < offered.size(); ++c)
                    height = std::max(height, WrappedButtonHeight("+ " + s.examples[offered[row * columns + c]], cell));
                total += height + style.ItemSpacing.y;
            }
            return total;
        };
        const int columns = grid_height(2) <= ImGui::GetContentRegionAvail().y ? 2 : 3;
        const float cell = (avail - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
        for (size_t row = 0; row * columns < offered.size(); ++row) {
            float height = 0;
            for (size_t c = 0; c < static_cast<size_t>(columns) && row * columns + c < offered.size(); ++c)
                height = std::max(height, WrappedButtonHeight("+ " + s.examples[offered[row * columns + c]], cell));
            for (size_t c = 0; c < static_cast<size_t>(columns) && row * columns + c < offered.size(); ++c) {
                const size_t i = offered[row * columns + c];
                if (c > 0) ImGui::SameLine(0, gap);
                if (WrappedButton(app, "tasks.example." + std::to_string(i), "+ " + s.examples[i], cell, height, true))
                    Propose(app, stage, s, s.examples[i], false);
            }
        }
    }
    ImGui::EndChild();
}

// ---- (b) Vote ----------------------------------------------------------------------------------------
const Participant* FindParticipant(const std::vector<Participant>& people, const std::string& id) {
    for (const Participant& p : people)
        if (p.id == id) return &p;
    return nullptr;
}

void DrawNamePicker(App& app, const TaskPollRecords& polls, TasksScratch& s) {
    const auto& view = *app.Workshop();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::GetContentRegionAvail().x;
    int columns = 1;
    const float button_width = NameButtonWidth(view.participants, width, &columns);
    const int rows = (static_cast<int>(view.participants.size()) + columns - 1) / columns;
    const std::string hint = s.message.empty() ? "2. Rate every task, spend your " + std::to_string(polls.dots->poll.budget) +
                                                     " dots, then cast. \u2713 = has voted; casting again replaces a ballot."
                                               : (s.message_is_error ? "\u26A0 " : "\u2713 ") + s.message;
    const float below = ImGui::CalcTextSize(hint.c_str(), nullptr, false, width).y + 2.0f * style.ItemSpacing.y;
    const float needed = ImGui::GetTextLineHeightWithSpacing() + rows * (TouchHeight() + style.ItemSpacing.y);
    const float room = ImGui::GetContentRegionAvail().y - below;
    ImGui::BeginChild("##tasks-names", ImVec2(width, std::max(TouchHeight() * 1.5f, std::min(needed, room))), false);
    ImGui::PushFont(app.GetFonts().bold);
    ImGui::TextUnformatted(view.participants.empty() ? "Nobody is checked in." : "1. Pick your name");
    ImGui::PopFont();
    const auto& voters = polls.Voters();
    const int clicked = NameGrid(
        app, "tasks.voter", view.participants, [&](const Participant& p) { return p.id == s.voter_id; },
        [&](const Participant& p) { return std::find(voters.begin(), voters.end(), p.id) != voters.end(); }, button_width);
    if (clicked >= 0) {
        s.ClearBallot();
        s.voter_id = view.participants[static_cast<size_t>(clicked)].id;
        s.message.clear();
    }
    ImGui::EndChild();
    Wrapped(hint, s.message.empty() ? theme::kMuted : s.message_is_error ? theme::kError : theme::kSuccess);
}

void CastBallot(App& app, const TaskPollRecords& polls, TasksScratch& s, const std::string& name) {
    std::vector<std::pair<std::string, BallotEntries>> ballots(3);
    ballots[0].first = polls.energy->poll.id;
    ballots[1].first = polls.importance->poll.id;
    ballots[2].first = polls.dots->poll.id;
    for (const PollOption& option : polls.energy->poll.options) {
        if (auto it = s.energy.find(option.key); it != s.energy.end()) ballots[0].second[option.key] = it->second;
        if (auto it = s.importance.find(option.key); it != s.importance.end()) ballots[1].second[option.key] = it->second;
        if (auto it = s.dots.find(option.key); it != s.dots.end() && it->second > 0) ballots[2].second[option.key] = it->second;
    }
    const std::string voter = s.voter_id;
    if (app.Try(s.message, [&] { app.Store()->CastBallots(voter, ballots); })) {
        s.ClearBallot();
        s.message = "Thank you, " + name + ": your ballot is counted. Next person, pick your name.";
        s.message_is_error = false;
    } else {
        s.message_is_error = true;
    }
}

// One row per task: its title, energy, importance, dots. Columns line up under a header that names the ends
// of each scale in words.
void DrawBallot(App& app, const TaskPollRecords& polls, TasksScratch& s) {
    const auto& view = *app.Workshop();
    const Participant* voter = FindParticipant(view.participants, s.voter_id);
    if (!voter) {
        s.ClearBallot();
        return;
    }
    const float em = Em();
    const ImGuiStyle& style = ImGui::GetStyle();
    const std::vector<PollOption>& tasks = polls.energy->poll.options;
    const int budget = polls.dots->poll.budget;
    const int cap = polls.dots->poll.cap;
    int spent = 0;
    for (const PollOption& t : tasks)
        if (auto it = s.dots.find(t.key); it != s.dots.end()) spent += it->second;
    const int left = std::max(0, budget - spent);
    size_t unrated = 0;
    for (const PollOption& t : tasks) unrated += (!s.energy.count(t.key) || !s.importance.count(t.key)) ? 1 : 0;
    const auto& voters = polls.Voters();
    const bool voted_before = std::find(voters.begin(), voters.end(), voter->id) != voters.end();

    // The person's row: whose ballot, what is left to do (or why the ballot was refused), and the two buttons.
    const float width = ImGui::GetContentRegionAvail().x;
    const float row_top = ImGui::GetCursorPosY();
    const std::string cast_label = "\u2713  Cast my ballot";
    const float cast_width = ImGui::CalcTextSize(cast_label.c_str()).x + 2.0f * em;
    const std::string cancel_label = "Not me";
    const float cancel_width = ImGui::CalcTextSize(cancel_label.c_str()).x + 2.0f * em;
    ImGui::PushFont(app.GetFonts().heading);
    const std::string who = voter->name + (voted_before ? ": a new ballot" : ": your ballot");
    const float who_width = ImGui::CalcTextSize(who.c_str()).x;
    ImGui::SetCursorPosY(row_top + (TouchHeight() - ImGui::GetTextLineHeight()) * 0.5f);
    ImGui::TextUnformatted(who.c_str());
    ImGui::PopFont();
    {
        const float x = ImGui::GetCursorPosX() + who_width + 1.2f * em;
        const float room = width - cast_width - cancel_width - 2.0f * style.ItemSpacing.x - x;
        std::string text;
        unsigned rgb = theme::kMuted;
        if (!s.message.empty()) {
            text = (s.message_is_error ? "\u26A0 " : "\u2713 ") + s.message;
            rgb = s.message_is_error ? theme::kError : theme::kSuccess;
        } else if (unrated > 0) {
            text = std::to_string(unrated) + " of " + std::to_string(tasks.size()) + " tasks still to rate";
        } else {
            text = "\u2713 every task rated";
            rgb = theme::kSuccess;
        }
        if (voted_before && s.message.empty()) text += " \u00B7 this replaces your earlier ballot";
        const float height = ImGui::CalcTextSize(text.c_str(), nullptr, false, room).y;
        ImGui::SetCursorPos(ImVec2(x, row_top + std::max(0.0f, (TouchHeight() - height) * 0.5f)));
        ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(rgb));
        ImGui::PushTextWrapPos(x + room);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }
    ImGui::SetCursorPos(ImVec2(ImGui::GetWindowContentRegionMin().x + width - cast_width - cancel_width - style.ItemSpacing.x, row_top));
    if (Button(app, "tasks.cancel", cancel_label, ImVec2(cancel_width, 0), ButtonStyle::Secondary)) {
        s.ClearBallot();
        s.message.clear();
        return;
    }
    ImGui::SameLine(width - cast_width + ImGui::GetWindowContentRegionMin().x);
    ImGui::SetCursorPosY(row_top);
    if (Button(app, "tasks.cast", cast_label, ImVec2(cast_width, 0))) {
        CastBallot(app, polls, s, voter->name);
        if (s.voter_id.empty()) return;
    }
    ImGui::SetCursorPosY(row_top + TouchHeight() + style.ItemSpacing.y);

    // Columns.
    const float button = 3.0f * em, wide_button = 3.4f * em, gap = 0.3f * em, column_gap = 1.2f * em;
    const float energy_width = 5 * button + 4 * gap;
    const float importance_width = 3 * wide_button + 2 * gap;
    const float stepper_width = 8.0f * em;
    const float inner = width - style.ScrollbarSize - 0.4f * em;
    const float x_stepper = inner - stepper_width;
    const float x_importance = x_stepper - column_gap - importance_width;
    const float x_energy = x_importance - column_gap - energy_width;
    const float title_width = x_energy - column_gap - 0.5f * em;
    ImFont* bold = app.GetFonts().bold;
    const float base_x = ImGui::GetCursorPosX();
    const float row_gap = 0.25f * em;

    // Row heights first: a header line says when the list is longer than the room.
    std::vector<float> row_heights;
    float needed = 0;
    for (const PollOption& task : tasks) {
        ImGui::PushFont(bold);
        const float text_height = ImGui::CalcTextSize(task.label.c_str(), nullptr, false, title_width).y;
        ImGui::PopFont();
        row_heights.push_back(std::max(TouchHeight(), text_height + 0.4f * em));
        needed += row_heights.back() + row_gap;
    }

    // The header, one line: each column's name, and the ends of each scale in words.
    const float header_top = ImGui::GetCursorPosY();
    const float line = ImGui::GetTextLineHeight();
    const bool scrolls = needed > ImGui::GetContentRegionAvail().y - line - 0.3f * em;
    auto header = [&](float x, float w, const std::string& name, const std::string& low, const std::string& high) {
        ImGui::PushFont(bold);
        const float name_width = ImGui::CalcTextSize(name.c_str()).x;
        ImGui::PopFont();
        TextAt(base_x + x + (w - name_width) * 0.5f, header_top, name, theme::kInk, bold);
        if (!low.empty()) TextAt(base_x + x, header_top, low, theme::kMuted);
        if (!high.empty()) TextAt(base_x + x + w - ImGui::CalcTextSize(high.c_str()).x, header_top, high, theme::kMuted);
    };
    TextAt(base_x + 0.5f * em, header_top, "Task", theme::kInk, bold);
    if (scrolls) {
        ImGui::PushFont(bold);
        const float task_width = ImGui::CalcTextSize("Task").x;
        ImGui::PopFont();
        TextAt(base_x + 0.5f * em + task_width + 0.8f * em, header_top,
               "\u25BC scroll for more", theme::kInk);
    }
    header(x_energy, energy_width, "Energy", "draining", "energizing");
    header(x_importance, importance_width, "Importance", "low", "high");
    header(x_stepper, stepper_width, "Dots: " + std::to_string(left) + " left", "", "");
    ImGui::SetCursorPosY(header_top + line + 0.3f * em);

    // The rows, scrolling inside their own region when the list is long.
    ImGui::BeginChild("##tasks-ballot", ImVec2(width, 0), false);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const std::vector<std::string> energy_words = {"\u22122", "\u22121", "0", "+1", "+2"};
    const float child_x = ImGui::GetCursorPosX();
    for (size_t i = 0; i < tasks.size(); ++i) {
        const PollOption& task = tasks[i];
        const std::string index = std::to_string(i);
        const float row_height = row_heights[i];
        const float y = ImGui::GetCursorPosY();
        const ImVec2 screen = ImGui::GetCursorScreenPos();
        if (i % 2 == 0)
            draw->AddRectFilled(ImVec2(screen.x, screen.y - 0.5f * row_gap),
                                ImVec2(screen.x + inner, screen.y + row_height + 0.5f * row_gap), theme::Rgb(theme::kPanel),
                                0.3f * em);
        ImGui::PushFont(bold);
        const float text_height = ImGui::CalcTextSize(task.label.c_str(), nullptr, false, title_width).y;
        ImGui::SetCursorPos(ImVec2(child_x + 0.5f * em, y + (row_height - text_height) * 0.5f));
        ImGui::PushTextWrapPos(child_x + 0.5f * em + title_width);
        ImGui::TextUnformatted(task.label.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopFont();

        const float control_y = y + (row_height - TouchHeight()) * 0.5f;
        int energy = s.energy.count(task.key) ? s.energy[task.key] : 99;
        ImGui::SetCursorPos(ImVec2(child_x + x_energy, control_y));
        if (ScaleButtons(app, "tasks.energy." + index, -2, 2, energy, energy_words, button)) s.energy[task.key] = energy;
        int importance = s.importance.count(task.key) ? s.importance[task.key] : 99;
        ImGui::SetCursorPos(ImVec2(child_x + x_importance, control_y));
        if (ScaleButtons(app, "tasks.importance." + index, 1, 3, importance, {}, wide_button))
            s.importance[task.key] = importance;
        int dots = s.dots.count(task.key) ? s.dots[task.key] : 0;
        // Never more than the dots left (nor the cap per task): "+" is disabled once the budget is spent.
        int most = dots + left;
        if (cap > 0) most = std::min(most, cap);
        ImGui::SetCursorPos(ImVec2(child_x + x_stepper, control_y));
        if (Stepper(app, "tasks.dots." + index, dots, 0, most)) s.dots[task.key] = dots;
        ImGui::SetCursorPos(ImVec2(child_x, y + row_height + row_gap));
    }
    ImGui::Dummy(ImVec2(1, 0.1f * em));
    ImGui::EndChild();
}

void DrawVote(App& app, const TaskPollRecords& polls, TasksScratch& s) {
    if (!Editable(app) || !polls.Complete()) {
        DrawVoteControls(app, polls, s);
        Wrapped("The vote is under way.", theme::kMuted);
        return;
    }
    if (s.voter_id.empty()) {
        DrawVoteControls(app, polls, s);
        if (polls.dots->poll.live_results) {
            // Live results, chosen before the vote opened: the dots so far, in words and numbers.
            std::string line = "Live: ";
            for (size_t i = 0; i < polls.dots->tally.options.size(); ++i)
                line += (i ? "  \u00B7  " : "") + polls.dots->tally.options[i].label + " " +
                        std::to_string(polls.dots->tally.options[i].votes);
            Wrapped(line);
        }
        DrawNamePicker(app, polls, s);
    } else {
        // The ballot takes the whole stage: the facilitator's controls return with "Not me" or once cast.
        DrawBallot(app, polls, s);
    }
}

// ---- (c) Results ---------------------------------------------------------------------------------------
// The quadrant chart: x = mean importance (1..3), y = mean energy (-2..+2), split where decisions.h splits
// them. Each quadrant is tinted and named in words; each task is a marker of its quadrant's shape carrying
// its rank (the ranking beside it is the legend).
void DrawQuadrantChart(App& app, const std::vector<TaskResult>& results, ImVec2 size) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float em = Em();
    ImFont* body = ImGui::GetFont();
    ImFont* bold = app.GetFonts().bold;
    const float small = body->FontSize * MinorTextScale(app, 0.85f);
    const float small_line = small * 1.2f;
    const float x0 = origin.x + 2.3f * em, x1 = origin.x + size.x - 0.3f * em;
    const float y0 = origin.y + small_line + 0.3f * em;
    const float y1 = origin.y + size.y - ImGui::GetTextLineHeight() - small_line - 0.6f * em;
    auto X = [&](double importance) { return x0 + static_cast<float>((importance - 1.0) / 2.0) * (x1 - x0); };
    auto Y = [&](double energy) { return y1 - static_cast<float>((energy + 2.0) / 4.0) * (y1 - y0); };
    const float sx = X(kImportantFrom), sy = Y(kEnergizingAbove);
    draw->AddRectFilled(ImVec2(x0, y0), ImVec2(sx, sy), theme::Rgb(QuadrantTint(Quadrant::Learning)));
    draw->AddRectFilled(ImVec2(sx, y0), ImVec2(x1, sy), theme::Rgb(QuadrantTint(Quadrant::TakeOn)));
    draw->AddRectFilled(ImVec2(x0, sy), ImVec2(sx, y1), theme::Rgb(QuadrantTint(Quadrant::Drop)));
    draw->AddRectFilled(ImVec2(sx, sy), ImVec2(x1, y1), theme::Rgb(QuadrantTint(Quadrant::SupportNeeded)));
    const ImU32 ink = theme::Rgb(theme::kInk);
    draw->AddRect(ImVec2(x0, y0), ImVec2(x1, y1), theme::Rgb(0x6B6B6B), 0, 0, 2.0f);
    draw->AddLine(ImVec2(sx, y0), ImVec2(sx, y1), ink, std::max(2.0f, 0.12f * em));
    draw->AddLine(ImVec2(x0, sy), ImVec2(x1, sy), ink, std::max(2.0f, 0.12f * em));

    // Quadrant names in their outer corners; markers keep clear of them.
    const float pad = 0.25f * em;
    std::vector<std::pair<ImVec2, ImVec2>> obstacles;
    auto label = [&](const std::string& text, bool right, bool bottom) {
        // On two lines when one does not fit in the quadrant.
        const float room = (right ? x1 - sx : sx - x0) - 2 * pad;
        std::vector<std::string> lines = {text};
        const size_t space = text.rfind(' ');
        if (bold->CalcTextSizeA(bold->FontSize, 1e6f, 0, text.c_str()).x > room && space != std::string::npos)
            lines = {text.substr(0, space), text.substr(space + 1)};
        float w = 0;
        for (const auto& l : lines) w = std::max(w, bold->CalcTextSizeA(bold->FontSize, 1e6f, 0, l.c_str()).x);
        const float h = bold->FontSize * static_cast<float>(lines.size());
        const ImVec2 at(right ? x1 - pad - w : x0 + pad, bottom ? y1 - pad - h : y0 + pad);
        for (size_t i = 0; i < lines.size(); ++i) {
            const float lw = bold->CalcTextSizeA(bold->FontSize, 1e6f, 0, lines[i].c_str()).x;
            draw->AddText(bold, bold->FontSize, ImVec2(right ? at.x + w - lw : at.x, at.y + bold->FontSize * static_cast<float>(i)),
                          ink, lines[i].c_str());
        }
        obstacles.emplace_back(at, ImVec2(at.x + w, at.y + h));
    };
    label("learning", false, false);
    label("take on", true, false);
    label("drop", false, true);
    label("\u26A0 support needed", true, true);

    // Axes: the energy scale up the left, importance along the bottom, each with its words.
    for (int e = -2; e <= 2; ++e) {
        const std::string text = e > 0 ? "+" + std::to_string(e) : e < 0 ? "\u2212" + std::to_string(-e) : "0";
        const ImVec2 extent = ImGui::CalcTextSize(text.c_str());
        draw->AddText(ImVec2(x0 - 0.45f * em - extent.x, Y(e) - extent.y * 0.5f), ink, text.c_str());
        draw->AddLine(ImVec2(x0 - 0.3f * em, Y(e)), ImVec2(x0, Y(e)), ink, 2.0f);
    }
    for (int i = 1; i <= 3; ++i) {
        const std::string text = std::to_string(i);
        const ImVec2 extent = ImGui::CalcTextSize(text.c_str());
        const float x = std::clamp(X(i) - extent.x * 0.5f, x0 - extent.x * 0.5f, x1 - extent.x);
        draw->AddText(ImVec2(x, y1 + 0.3f * em), ink, text.c_str());
        draw->AddLine(ImVec2(X(i), y1), ImVec2(X(i), y1 + 0.25f * em), ink, 2.0f);
    }
    auto fitting = [&](const char* full, const char* shorter) {
        return body->CalcTextSizeA(small, 1e6f, 0, full).x <= size.x ? std::string(full) : std::string(shorter);
    };
    const std::string y_title = fitting("\u2191 energy: \u22122 draining .. +2 energizing", "\u2191 energy: \u22122 .. +2 energizing");
    draw->AddText(body, small, ImVec2(origin.x, origin.y), theme::Rgb(theme::kMuted), y_title.c_str());
    const std::string x_title =
        fitting("importance to the organization: 1 low .. 3 high \u2192", "importance: 1 low .. 3 high \u2192");
    const ImVec2 x_extent = body->CalcTextSizeA(small, 1e6f, 0, x_title.c_str());
    draw->AddText(body, small, ImVec2(std::max(origin.x, x1 - x_extent.x), y1 + 0.4f * em + ImGui::GetTextLineHeight()),
                  theme::Rgb(theme::kMuted), x_title.c_str());

    // The markers. Tasks with the same means would hide each other: a later one moves beside the earlier ones
    // (and off the quadrant names). Rank 1 is drawn last, on top.
    const float r = 0.8f * em;
    std::vector<std::pair<ImVec2, size_t>> placed;
    auto free_at = [&](ImVec2 p) {
        for (const auto& other : placed)
            if (std::hypot(other.first.x - p.x, other.first.y - p.y) < 2.15f * r) return false;
        for (const auto& box : obstacles)
            if (p.x + r > box.first.x && p.x - r < box.second.x && p.y + r > box.first.y && p.y - r < box.second.y)
                return false;
        return true;
    };
    for (size_t i = 0; i < results.size(); ++i) {
        const TaskResult& t = results[i];
        if (!t.energy_mean || !t.importance_mean) continue;
        const ImVec2 want(X(*t.importance_mean), Y(*t.energy_mean));
        ImVec2 at(std::clamp(want.x, x0 + r, x1 - r), std::clamp(want.y, y0 + r, y1 - r));
        bool found = free_at(at);
        for (int ring = 1; ring < 10 && !found; ++ring) {
            const int steps = ring * 8;
            for (int k = 0; k < steps && !found; ++k) {
                const float angle = 6.2831853f * static_cast<float>(k) / static_cast<float>(steps);
                ImVec2 p(want.x + std::cos(angle) * 1.1f * r * static_cast<float>(ring),
                         want.y + std::sin(angle) * 1.1f * r * static_cast<float>(ring));
                p.x = std::clamp(p.x, x0 + r, x1 - r);
                p.y = std::clamp(p.y, y0 + r, y1 - r);
                if (free_at(p)) {
                    at = p;
                    found = true;
                }
            }
        }
        placed.emplace_back(at, i);
    }
    for (auto it = placed.rbegin(); it != placed.rend(); ++it)
        DrawMarker(app, draw, it->first, r, results[it->second].quadrant, static_cast<int>(it->second) + 1);
    ImGui::Dummy(size);
}

// Beside each task in a renewal: its rank and quadrant at the previous workshop (matched by title).
std::string LastTime(const WorkshopView& view, size_t rank) {
    if (!view.changes || !view.previous) return "";
    const auto* before = view.previous->MainTasks();
    if (!before || before->empty()) return "";
    for (const TaskChange& change : view.changes->tasks)
        if (change.after_rank == static_cast<int>(rank)) {
            if (change.before_rank == 0) return "\u21BA new this time";
            return "\u21BA last time #" + std::to_string(change.before_rank) + ", " + change.before_quadrant;
        }
    return "";
}

// The ranking, which is also the chart's legend. Each task on two lines: the marker with its rank, the title
// and its dots; under them, mean energy, mean importance, the quadrant in words and, in a renewal, last
// time's rank and quadrant. The facilitator's list scrolls; the projector's cannot, so when the list does
// not fit there it leaves out last time's ranks, then ends with the tasks that fit and how many more the
// chart shows.
void DrawRanking(App& app, const std::vector<TaskResult>& results, ImVec2 size) {
    const auto& view = *app.Workshop();
    const float em = Em();
    const ImGuiStyle& style = ImGui::GetStyle();
    const bool projector = app.IsProjector();
    ImGui::BeginChild("##tasks-ranking", size, false, projector ? ImGuiWindowFlags_NoScrollbar : 0);
    const float width = ImGui::GetContentRegionAvail().x - (projector ? 0.0f : style.ScrollbarSize);
    ImFont* body = ImGui::GetFont();
    ImFont* bold = app.GetFonts().bold;
    const float meta_size = body->FontSize * MinorTextScale(app, 0.92f);
    const float meta_line = meta_size * 1.2f;
    const float marker_r = 0.75f * em;
    const float title_x = 2.2f * em;
    const float dots_width = bold->CalcTextSizeA(bold->FontSize, 1e6f, 0, "99 dots").x;
    const float title_width = width - title_x - dots_width - em;
    const float text_width = width - title_x;
    const float base_x = ImGui::GetCursorPosX();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 window = ImGui::GetWindowPos();
    auto screen = [&](float x, float y) { return ImVec2(window.x + x - ImGui::GetScrollX(), window.y + y - ImGui::GetScrollY()); };
    struct Piece {
        std::string text;
        unsigned rgb;
        ImFont* font;
    };
    auto pieces_of = [&](const TaskResult& t, size_t i, bool with_last) {
        std::vector<Piece> pieces;
        pieces.push_back({"energy " + (t.energy_mean ? OneDecimal(*t.energy_mean, true) : std::string("\u2013")) + "  \u00B7  ",
                          theme::kMuted, body});
        pieces.push_back({"importance " + (t.importance_mean ? OneDecimal(*t.importance_mean, false) : std::string("\u2013")) +
                              "  \u00B7  ",
                          theme::kMuted, body});
        if (t.quadrant == Quadrant::SupportNeeded) pieces.push_back({"\u26A0 support needed", theme::kError, bold});
        else pieces.push_back({t.quadrant == Quadrant::Unrated ? "not rated" : ToString(t.quadrant), theme::kInk, bold});
        const std::string last = with_last ? LastTime(view, i + 1) : std::string();
        if (!last.empty()) pieces.push_back({"    " + last, theme::kMuted, body});
        return pieces;
    };
    // Lays the meta pieces out from (x0, y0); draws them when `paint`. Returns the y below them.
    auto lay_pieces = [&](const std::vector<Piece>& pieces, float y0, bool paint) {
        float px = 0, py = y0;
        for (const Piece& piece : pieces) {
            const float pw = piece.font->CalcTextSizeA(meta_size, 1e6f, 0, piece.text.c_str()).x;
            if (px > 0 && px + pw > text_width) {
                px = 0;
                py += meta_line;
            }
            const char* text = piece.text.c_str();
            if (px == 0) while (*text == ' ') ++text;  // a wrapped piece starts at the margin
            if (paint) draw->AddText(piece.font, meta_size, screen(base_x + title_x + px, py), theme::Rgb(piece.rgb), text);
            px += piece.font->CalcTextSizeA(meta_size, 1e6f, 0, text).x;
        }
        return py + meta_line;
    };
    auto row_height = [&](const TaskResult& t, size_t i, bool with_last) {
        ImGui::PushFont(bold);
        const float title_height = ImGui::CalcTextSize(t.task.title.c_str(), nullptr, false, title_width).y;
        ImGui::PopFont();
        return std::max(2.0f * marker_r + 0.1f * em, lay_pieces(pieces_of(t, i, with_last), title_height, false));
    };
    // The support note under the list names every flagged task among those shown.
    auto support_note = [&](size_t count) {
        std::vector<std::string> flagged;
        for (size_t i = 0; i < count; ++i)
            if (results[i].quadrant == Quadrant::SupportNeeded) flagged.push_back(results[i].task.title);
        if (flagged.empty()) return std::string();
        std::string names;
        for (size_t i = 0; i < flagged.size(); ++i)
            names += (i == 0 ? "\u201C" : i + 1 == flagged.size() ? " and \u201C" : ", \u201C") + flagged[i] + "\u201D";
        return "\u26A0 Support needed: " + names + (flagged.size() == 1 ? " matters" : " matter") +
               " to the organization but " + (flagged.size() == 1 ? "drains" : "drain") +
               " us. The organization should fund it explicitly or give it logistical support.";
    };
    // What the projector can show: every row, with last time if it fits, else as many rows as fit, with the
    // "more on the chart" line and the support note counted in.
    bool with_last = true;
    size_t shown = results.size();
    if (projector) {
        const float line = ImGui::GetTextLineHeightWithSpacing();
        auto needed = [&](bool last, size_t count) {
            float h = 0;
            for (size_t i = 0; i < count; ++i) h += row_height(results[i], i, last) + 0.4f * em;
            if (count < results.size()) h += line;
            const std::string note = support_note(count);
            if (!note.empty()) {
                ImGui::PushFont(bold);
                h += ImGui::CalcTextSize(note.c_str(), nullptr, false, width).y + style.ItemSpacing.y;
                ImGui::PopFont();
            }
            return h + 0.2f * em + style.ItemSpacing.y;
        };
        if (needed(true, shown) > size.y) with_last = false;
        while (shown > 1 && needed(with_last, shown) > size.y) --shown;
    }
    float y = ImGui::GetCursorPosY();
    int most_dots = 0;
    for (const TaskResult& t : results) most_dots = std::max(most_dots, t.dots);
    for (size_t i = 0; i < shown; ++i) {
        const TaskResult& t = results[i];
        if (i > 0)
            draw->AddLine(screen(base_x, y - 0.2f * em), screen(base_x + width, y - 0.2f * em), theme::Rgb(0xD6D6CF), 1.5f);
        DrawMarker(app, draw, screen(base_x + marker_r + 0.1f * em, y + marker_r + 0.05f * em), marker_r, t.quadrant,
                   static_cast<int>(i) + 1);
        // Line 1: the title (wrapping if long) and the dots.
        ImGui::SetCursorPos(ImVec2(base_x + title_x, y));
        ImGui::PushFont(bold);
        const float title_height = ImGui::CalcTextSize(t.task.title.c_str(), nullptr, false, title_width).y;
        ImGui::PushTextWrapPos(base_x + title_x + title_width);
        ImGui::TextUnformatted(t.task.title.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
        const std::string dots = std::to_string(t.dots) + (t.dots == 1 ? " dot" : " dots");
        const float w = bold->CalcTextSizeA(bold->FontSize, 1e6f, 0, dots.c_str()).x;
        draw->AddText(bold, bold->FontSize, screen(base_x + width - w, y), theme::Rgb(theme::kInk), dots.c_str());
        // The dots as a bar too, under their count, as long as the most dotted task's is full.
        if (most_dots > 0) {
            const float bar_top = y + bold->FontSize * 1.15f, bar_height = 0.3f * em;
            const float bar_left = base_x + width - dots_width;
            draw->AddRectFilled(screen(bar_left, bar_top), screen(base_x + width, bar_top + bar_height),
                                theme::Rgb(theme::kPanel), 0.15f * em);
            draw->AddRectFilled(screen(bar_left, bar_top),
                                screen(bar_left + dots_width * static_cast<float>(t.dots) / static_cast<float>(most_dots),
                                       bar_top + bar_height),
                                theme::Rgb(theme::kPrimary), 0.15f * em);
        }
        // Line 2: the means, the quadrant in words, last time; pieces wrap as wholes.
        const float bottom = lay_pieces(pieces_of(t, i, with_last), y + title_height, true);
        const float height = std::max(2.0f * marker_r + 0.1f * em, bottom - y);
        ImGui::SetCursorPos(ImVec2(base_x, y));
        ImGui::Dummy(ImVec2(width, height));
        y += height + 0.4f * em;
    }
    ImGui::SetCursorPos(ImVec2(base_x, y));
    if (shown < results.size()) {
        const size_t more = results.size() - shown;
        Wrapped("\u2026 and " + std::to_string(more) + (more == 1 ? " more task" : " more tasks") + " on the chart.",
                theme::kMuted);
    }
    const std::string note = support_note(shown);
    if (!note.empty()) {
        ImGui::PushFont(bold);
        ImGui::PushTextWrapPos(base_x + width);
        Wrapped(note, theme::kError);
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
    }
    ImGui::Dummy(ImVec2(1, 0.2f * em));
    ImGui::EndChild();
}

void DrawResults(App& app, const std::vector<TaskResult>& results) {
    const float em = Em();
    if (results.empty()) {
        Wrapped("No task was on the list.", theme::kMuted);
        return;
    }
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float chart_width = std::clamp(avail.y * 1.35f, 16.0f * em, avail.x * 0.42f);
    DrawRanking(app, results, ImVec2(avail.x - chart_width - em, avail.y));
    ImGui::SameLine(0, em);
    DrawQuadrantChart(app, results, ImVec2(chart_width, avail.y));
}

}  // namespace

void DrawTasksScreen(App& app) {
    if (!BeginStage(app)) return;
    const auto& view = *app.Workshop();
    const Stage& stage = view.stages[static_cast<size_t>(std::clamp(app.ShownStage(), 0, static_cast<int>(view.stages.size()) - 1))];
    TasksScratch& s = app.tasks;
    if (s.stage_key != stage.key) {
        s.ClearBallot();
        s.message.clear();
        s.text[0] = '\0';
        s.focus_text = false;  // not on arrival: the arrow keys keep moving the room
        s.stage_key = stage.key;
    }
    const auto found = view.record.tasks.find(stage.key);
    const std::vector<TaskResult> results = found == view.record.tasks.end() ? std::vector<TaskResult>() : found->second;
    const TaskPollRecords polls = FindTaskPolls(view.record, stage.key);
    const PollStatus status = polls.Status();
    if (status != PollStatus::Open) s.ClearBallot();
    switch (status) {
        case PollStatus::Draft: DrawCollect(app, stage, results, s); break;
        case PollStatus::Open:
            // Live results, chosen before the vote opened: the room watches the ranking and the chart grow.
            if (app.IsProjector() && polls.Complete() && polls.dots->poll.live_results) {
                DrawVoteControls(app, polls, s);
                DrawResults(app, results);
            } else {
                DrawVote(app, polls, s);
            }
            break;
        case PollStatus::Closed:
            DrawVoteControls(app, polls, s);
            Message(s.message, s.message_is_error);
            if (view.workshop.IsRunning()) {
                Wrapped(Editable(app) ? "Press \u201CShow results\u201D to show the room the ranking and the energy/importance picture."
                                      : "The vote is closed; its results are not shown yet.",
                        theme::kMuted);
            } else {
                // A finished workshop: the coordinator sees what the room did not.
                Wrapped("These results were not shown to the room.", theme::kMuted);
                DrawResults(app, results);
            }
            break;
        case PollStatus::Revealed:
            DrawVoteControls(app, polls, s);
            Message(s.message, s.message_is_error);
            DrawResults(app, results);
            break;
    }
    EndStage(app);
}

}  // namespace kiosk

// Health pulse (a renewal): every participant rates how much each way communities fail (DOMAIN.md) threatens
// the community, from 1 (not at all) to 5 (very much). Anonymous by default: the database records who has
// voted, never what they rated, and the screen says so. Pick your name, rate the eight, cast; once revealed,
// a bar per failure mode with its mean and, when the previous workshop took a pulse too, last time's mean
// with an arrow and a word (higher is more threatening: up is worse).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "facilitation/domain/text.h"
#include "facilitation/domain/decisions.h"
#include "kiosk/app.h"
#include "kiosk/screens/facilitator_controls.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

namespace {

bool Editable(App& app) { return app.CanRecord(); }


std::string AnonymityNote(const Poll& poll) {
    return poll.anonymous ? "Anonymous vote: the record keeps who has voted, never what anyone rated."
                          : "Named vote: each ballot is recorded with its voter's name.";
}

const Participant* FindParticipant(const std::vector<Participant>& people, const std::string& id) {
    for (const Participant& p : people)
        if (p.id == id) return &p;
    return nullptr;
}

// The facilitator's row: the vote's state in large type and the buttons that move the poll.
void DrawControls(App& app, const PollRecord& pulse, HealthScratch& s) {
    const auto& view = *app.Workshop();
    const Poll& poll = pulse.poll;
    const size_t voted = pulse.voters.size();
    const size_t people = view.participants.size();
    std::string status;
    switch (poll.status) {
        case PollStatus::Draft: status = "The pulse is not open yet."; break;
        case PollStatus::Open:
            status = std::string(poll.anonymous ? "Anonymous vote open: " : "Vote open: ") + std::to_string(voted) + " of " +
                     std::to_string(people) + " have voted.";
            break;
        case PollStatus::Closed:
            status = "Vote closed: " + std::to_string(voted) + " of " + std::to_string(people) + " voted.";
            break;
        case PollStatus::Revealed:
            status = "Results: " + std::to_string(pulse.tally.ballots) + (poll.anonymous ? " anonymous" : "") +
                     (pulse.tally.ballots == 1 ? " ballot." : " ballots.");
            break;
    }
    VoteRow row;
    row.prefix = "health";
    row.status = status;
    row.state = poll.status;
    row.reset_key = poll.id;
    row.can_open = people > 0;  // the preview below says to check people in first
    row.anonymous = poll.anonymous;
    row.live_results = poll.live_results;
    row.people = &view.participants;
    row.voter_ids = &pulse.voters;
    row.ballots = pulse.tally.ballots;
    const VoteAction action = DrawVoteRow(app, row);
    if (!Editable(app)) ImGui::Spacing();  // read-only: the row is just the line of text
    if (action != VoteAction::None) {
        Store& store = *app.Store();
        s.message_is_error = !app.Try(s.message, [&] { ApplyVoteAction(store, poll, action); });
        if (!s.message_is_error && action == VoteAction::Reset) s.message = "The pulse is reset: its ballots are set aside.";
        s.ClearBallot();
    }
    if (poll.status == PollStatus::Open && poll.live_results && pulse.tally.ballots > 0 && !app.IsProjector()) {
        // Live results: the mean of each failure mode so far, in words and numbers (the projector draws the chart).
        std::string line = "Live: ";
        for (size_t i = 0; i < pulse.tally.options.size(); ++i) {
            const auto& o = pulse.tally.options[i];
            char mean[16];
            std::snprintf(mean, sizeof mean, "%.1f", o.Mean());
            line += (i ? "  \u00B7  " : "") + o.label + " " + (o.votes ? std::string(mean) : std::string("\u2013"));
        }
        Wrapped(line);
    }
}

// Before the vote: what will be asked, so the room can think about it.
void DrawPreview(App& app, const PollRecord& pulse) {
    const auto& view = *app.Workshop();
    if (view.participants.empty() && Editable(app))
        Message("Check people in before the vote (go Back to the check-in).", true);
    Wrapped(AnonymityNote(pulse.poll), theme::kMuted);
    ImGui::Spacing();
    ImGui::PushFont(app.GetFonts().bold);
    ImGui::TextUnformatted("How much does each of these threaten our community?");
    ImGui::PopFont();
    const float column = ImGui::GetContentRegionAvail().x * 0.5f;
    const size_t half = (pulse.poll.options.size() + 1) / 2;
    const float top = ImGui::GetCursorPosY();
    const float x = ImGui::GetCursorPosX();
    for (size_t i = 0; i < pulse.poll.options.size(); ++i) {
        ImGui::SetCursorPos(ImVec2(x + (i < half ? 0.0f : column), top + static_cast<float>(i % half) * ImGui::GetTextLineHeightWithSpacing()));
        ImGui::TextUnformatted(("\u2022 " + pulse.poll.options[i].label).c_str());
    }
}

void DrawNamePicker(App& app, const PollRecord& pulse, HealthScratch& s) {
    const auto& view = *app.Workshop();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::GetContentRegionAvail().x;
    int columns = 1;
    const float button_width = NameButtonWidth(view.participants, width, &columns);
    const int rows = (static_cast<int>(view.participants.size()) + columns - 1) / columns;
    const std::string hint =
        s.message.empty() ? "2. Rate each of the " + std::to_string(pulse.poll.options.size()) +
                                " from 1 (not at all) to 5 (very much), then cast. \u2713 = has voted. " + AnonymityNote(pulse.poll)
                          : (s.message_is_error ? "\u26A0 " : "\u2713 ") + s.message;
    const float below = ImGui::CalcTextSize(hint.c_str(), nullptr, false, width).y + 2.0f * style.ItemSpacing.y;
    const float needed = ImGui::GetTextLineHeightWithSpacing() + rows * (TouchHeight() + style.ItemSpacing.y);
    const float room = ImGui::GetContentRegionAvail().y - below;
    ImGui::BeginChild("##health-names", ImVec2(width, std::max(TouchHeight() * 1.5f, std::min(needed, room))), false);
    ImGui::PushFont(app.GetFonts().bold);
    ImGui::TextUnformatted(view.participants.empty() ? "Nobody is checked in." : "1. Pick your name");
    ImGui::PopFont();
    const int clicked = NameGrid(
        app, "health.voter", view.participants, [&](const Participant& p) { return p.id == s.voter_id; },
        [&](const Participant& p) { return std::find(pulse.voters.begin(), pulse.voters.end(), p.id) != pulse.voters.end(); },
        button_width);
    if (clicked >= 0) {
        s.ClearBallot();
        s.voter_id = view.participants[static_cast<size_t>(clicked)].id;
        s.message.clear();
    }
    ImGui::EndChild();
    Wrapped(hint, s.message.empty() ? theme::kMuted : s.message_is_error ? theme::kError : theme::kSuccess);
}

void DrawBallot(App& app, const PollRecord& pulse, HealthScratch& s) {
    const auto& view = *app.Workshop();
    const Participant* voter = FindParticipant(view.participants, s.voter_id);
    if (!voter) {
        s.ClearBallot();
        return;
    }
    const Poll& poll = pulse.poll;
    const float em = Em();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::GetContentRegionAvail().x;
    size_t rated = 0;
    for (const PollOption& mode : poll.options) rated += s.rating.count(mode.key) ? 1 : 0;
    const bool voted_before = std::find(pulse.voters.begin(), pulse.voters.end(), voter->id) != pulse.voters.end();

    // The person's row: whose ballot, how far along (or why it was refused), anonymity, and the two buttons.
    const float row_top = ImGui::GetCursorPosY();
    const float left = ImGui::GetCursorPosX();
    const std::string cast_label = "\u2713  Cast my ballot";
    const float cast_width = ImGui::CalcTextSize(cast_label.c_str()).x + 2.0f * em;
    const std::string cancel_label = "Not me";
    const float cancel_width = ImGui::CalcTextSize(cancel_label.c_str()).x + 2.0f * em;
    ImGui::PushFont(app.GetFonts().heading);
    const std::string who = voter->name + (voted_before ? ": a new ballot" : ": your ratings");
    const float who_width = ImGui::CalcTextSize(who.c_str()).x;
    ImGui::SetCursorPosY(row_top + (TouchHeight() - ImGui::GetTextLineHeight()) * 0.5f);
    ImGui::TextUnformatted(who.c_str());
    ImGui::PopFont();
    {
        const float x = left + who_width + 1.2f * em;
        const float room = left + width - cast_width - cancel_width - 2.0f * style.ItemSpacing.x - x;
        std::string text;
        unsigned rgb = theme::kMuted;
        if (!s.message.empty()) {
            text = (s.message_is_error ? "\u26A0 " : "\u2713 ") + s.message;
            rgb = s.message_is_error ? theme::kError : theme::kSuccess;
        } else {
            text = std::to_string(rated) + " of " + std::to_string(poll.options.size()) + " rated" +
                   (poll.anonymous ? " \u00B7 anonymous: nothing links your ratings to you"
                                   : " \u00B7 named vote: your ratings are recorded with your name");
            if (voted_before) text += poll.anonymous ? "; this replaces your earlier ballot" : "; this replaces your earlier one";
        }
        const float height = ImGui::CalcTextSize(text.c_str(), nullptr, false, room).y;
        ImGui::SetCursorPos(ImVec2(x, row_top + std::max(0.0f, (TouchHeight() - height) * 0.5f)));
        ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(rgb));
        ImGui::PushTextWrapPos(x + room);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }
    ImGui::SetCursorPos(ImVec2(left + width - cast_width - cancel_width - style.ItemSpacing.x, row_top));
    if (Button(app, "health.cancel", cancel_label, ImVec2(cancel_width, 0), ButtonStyle::Secondary)) {
        s.ClearBallot();
        s.message.clear();
        return;
    }
    ImGui::SetCursorPos(ImVec2(left + width - cast_width, row_top));
    if (Button(app, "health.cast", cast_label, ImVec2(cast_width, 0))) {
        BallotEntries entries;
        for (const PollOption& mode : poll.options)
            if (auto it = s.rating.find(mode.key); it != s.rating.end()) entries[mode.key] = it->second;
        const std::string member = voter->id, name = voter->name, poll_id = poll.id;
        if (app.Try(s.message, [&] { app.Store()->CastBallot(poll_id, member, entries); })) {
            s.ClearBallot();
            s.message = "Thank you, " + name + ": your ballot is counted" +
                        (poll.anonymous ? ", and nothing links it to you" : "") + ". Next person, pick your name.";
            s.message_is_error = false;
            return;
        }
        s.message_is_error = true;
    }
    ImGui::SetCursorPos(ImVec2(left, row_top + TouchHeight() + style.ItemSpacing.y));

    // Two columns of four: the failure mode's name, then 1..5 under "not at all" .. "very much".
    const float button = 2.7f * em, gap = 0.3f * em;
    const float scale_width = 5 * button + 4 * gap;
    const float column_gap = 1.5f * em;
    const float inner = width - style.ScrollbarSize;
    const float column_width = (inner - column_gap) * 0.5f;
    const float label_width = column_width - scale_width - 0.6f * em;
    const size_t half = (poll.options.size() + 1) / 2;
    const float header_top = ImGui::GetCursorPosY();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 window = ImGui::GetWindowPos();
    for (int c = 0; c < 2; ++c) {
        const float scale_x = window.x + left + static_cast<float>(c) * (column_width + column_gap) + label_width + 0.6f * em;
        const float y = window.y + header_top - ImGui::GetScrollY();
        draw->AddText(ImVec2(scale_x, y), theme::Rgb(theme::kMuted), "1 not at all");
        const float w = ImGui::CalcTextSize("very much 5").x;
        draw->AddText(ImVec2(scale_x + scale_width - w, y), theme::Rgb(theme::kMuted), "very much 5");
    }
    ImGui::SetCursorPos(ImVec2(left, header_top + ImGui::GetTextLineHeight() + 0.3f * em));
    ImGui::BeginChild("##health-ballot", ImVec2(width, 0), false);
    float column_y[2] = {ImGui::GetCursorPosY(), ImGui::GetCursorPosY()};
    const float base_x = ImGui::GetCursorPosX();
    for (size_t i = 0; i < poll.options.size(); ++i) {
        const PollOption& mode = poll.options[i];
        const int c = i < half ? 0 : 1;
        const float cx = base_x + static_cast<float>(c) * (column_width + column_gap);
        const float text_height = ImGui::CalcTextSize(mode.label.c_str(), nullptr, false, label_width).y;
        const float row_height = std::max(TouchHeight(), text_height);
        const float y = column_y[c];
        ImGui::SetCursorPos(ImVec2(cx, y + (row_height - text_height) * 0.5f));
        ImGui::PushTextWrapPos(cx + label_width);
        ImGui::TextUnformatted(mode.label.c_str());
        ImGui::PopTextWrapPos();
        int value = s.rating.count(mode.key) ? s.rating[mode.key] : 0;
        ImGui::SetCursorPos(ImVec2(cx + label_width + 0.6f * em, y + (row_height - TouchHeight()) * 0.5f));
        if (ScaleButtons(app, "health.rate." + std::to_string(i), poll.scale_min, poll.scale_max, value, {}, button))
            s.rating[mode.key] = value;
        column_y[c] = y + row_height + 0.35f * em;
    }
    ImGui::SetCursorPos(ImVec2(base_x, std::max(column_y[0], column_y[1])));
    ImGui::Dummy(ImVec2(1, 1));
    ImGui::EndChild();
}

// One bar per failure mode: the mean on 1..5 with one decimal and, beside it, last time's mean with an
// arrow and a word. Higher is more threatening, so a rise is "worse".
void DrawResults(App& app, const PollRecord& pulse) {
    const auto& view = *app.Workshop();
    const Tally& tally = pulse.tally;
    const float em = Em();
    if (tally.ballots == 0) {
        Wrapped("No ballots were cast.", theme::kMuted);
        return;
    }
    // The strongest threat, named in words; a tie is shown as a tie.
    std::string leaders;
    double top = 0;
    for (size_t i = 0; i < tally.leaders.size(); ++i)
        for (const OptionCount& o : tally.options)
            if (o.key == tally.leaders[i]) {
                leaders += (i == 0 ? "" : i + 1 == tally.leaders.size() ? " and " : ", ") + o.label;
                top = o.Mean();
            }
    ImGui::PushFont(app.GetFonts().bold);
    Wrapped((tally.IsTie() ? "Tied as what threatens us most: " : "What threatens us most: ") + leaders + " (" +
            OneDecimal(top) + " of 5).");
    ImGui::PopFont();

    bool has_before = false;
    if (view.changes)
        for (const HealthChange& h : view.changes->health) has_before = has_before || h.before.has_value();
    auto before_of = [&](const std::string& key) -> std::optional<double> {
        if (!view.changes) return std::nullopt;
        for (const HealthChange& h : view.changes->health)
            if (h.key == key) return h.before;
        return std::nullopt;
    };

    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const size_t count = tally.options.size();
    float label_width = 0;
    for (const OptionCount& o : tally.options) label_width = std::max(label_width, ImGui::CalcTextSize(o.label.c_str()).x);
    label_width += em;
    const float before_width = has_before ? ImGui::CalcTextSize("last time 5.0  \u25B2 worse").x + em : 0.0f;
    const float value_width = 3.2f * em;
    const float line = ImGui::GetTextLineHeight();
    const float header = line + 0.2f * em;
    const float row = std::clamp((avail.y - header) / static_cast<float>(count), line + 0.15f * em, 2.4f * em);
    const float bar_height = std::min(row - 0.3f * em, 1.4f * em);
    const float bar_x = origin.x + label_width;
    const float bar_space = std::max(4.0f * em, avail.x - label_width - value_width - before_width);
    // The scale under the header: 1 not at all .. 5 very much, with light lines at each step.
    draw->AddText(ImVec2(bar_x, origin.y), theme::Rgb(theme::kMuted), "1 not at all");
    const float end_width = ImGui::CalcTextSize("very much 5").x;
    draw->AddText(ImVec2(bar_x + bar_space - end_width, origin.y), theme::Rgb(theme::kMuted), "very much 5");
    if (has_before) {
        // What the black mark on a bar is, in words, between the scale's ends.
        const char* legend = "= last time";
        const float legend_width = ImGui::CalcTextSize(legend).x + 0.6f * em;
        const float lx = bar_x + (bar_space - legend_width) * 0.5f;
        draw->AddLine(ImVec2(lx + 0.15f * em, origin.y + 0.1f * line), ImVec2(lx + 0.15f * em, origin.y + 0.9f * line),
                      theme::Rgb(theme::kInk), std::max(2.0f, 0.15f * em));
        draw->AddText(ImVec2(lx + 0.6f * em, origin.y), theme::Rgb(theme::kMuted), legend);
        draw->AddText(ImVec2(bar_x + bar_space + value_width, origin.y), theme::Rgb(theme::kMuted),
                      ("last time (" + view.previous->workshop.started_at.substr(0, 4) + ")").c_str());
    }
    auto x_of = [&](double v) { return bar_x + bar_space * static_cast<float>((v - 1.0) / 4.0); };
    for (size_t i = 0; i < count; ++i) {
        const OptionCount& o = tally.options[i];
        const float y = origin.y + header + static_cast<float>(i) * row;
        const float text_y = y + (bar_height - line) * 0.5f;
        draw->AddText(ImVec2(origin.x, text_y), theme::Rgb(theme::kInk), o.label.c_str());
        draw->AddRectFilled(ImVec2(bar_x, y), ImVec2(bar_x + bar_space, y + bar_height), theme::Rgb(theme::kPanel), 0.2f * em);
        for (int step = 2; step <= 4; ++step)
            draw->AddLine(ImVec2(x_of(step), y), ImVec2(x_of(step), y + bar_height), theme::Rgb(0xD0D0C8), 1.0f);
        std::string value_text = "\u2013";
        if (o.votes > 0) {
            draw->AddRectFilled(ImVec2(bar_x, y), ImVec2(x_of(o.Mean()), y + bar_height), theme::Rgb(0x56B4E9), 0.2f * em);
            value_text = OneDecimal(o.Mean());
        }
        draw->AddRect(ImVec2(bar_x, y), ImVec2(bar_x + bar_space, y + bar_height), theme::Rgb(0x6B6B6B), 0.2f * em, 0, 2.0f);
        ImGui::PushFont(app.GetFonts().bold);
        draw->AddText(ImVec2(bar_x + bar_space + 0.5f * em, text_y), theme::Rgb(theme::kInk), value_text.c_str());
        ImGui::PopFont();
        if (!has_before) continue;
        const std::optional<double> before = before_of(o.key);
        if (!before) {
            draw->AddText(ImVec2(bar_x + bar_space + value_width, text_y), theme::Rgb(theme::kMuted), "not rated");
            continue;
        }
        // Last time's mean also as a tick on the bar: a black bar across, not a colour.
        const float bx = x_of(*before);
        draw->AddLine(ImVec2(bx, y - 0.15f * em), ImVec2(bx, y + bar_height + 0.15f * em), theme::Rgb(theme::kInk),
                      std::max(2.0f, 0.15f * em));
        std::string trend = "= same";
        unsigned colour = theme::kMuted;
        if (o.votes > 0) {
            const double now = std::round(o.Mean() * 10.0), then = std::round(*before * 10.0);
            if (now > then) {
                trend = "\u25B2 worse";
                colour = theme::kError;
            } else if (now < then) {
                trend = "\u25BC better";
                colour = theme::kSuccess;
            }
        } else {
            trend = "";
        }
        const std::string last = OneDecimal(*before) + "  ";
        draw->AddText(ImVec2(bar_x + bar_space + value_width, text_y), theme::Rgb(theme::kInk), last.c_str());
        ImGui::PushFont(app.GetFonts().bold);
        draw->AddText(ImVec2(bar_x + bar_space + value_width + ImGui::CalcTextSize("5.0  ").x, text_y), theme::Rgb(colour),
                      trend.c_str());
        ImGui::PopFont();
    }
    ImGui::Dummy(ImVec2(avail.x, header + row * static_cast<float>(count)));
}

}  // namespace

void DrawHealthScreen(App& app) {
    if (!BeginStage(app)) return;
    const auto& view = *app.Workshop();
    const Stage& stage = view.stages[static_cast<size_t>(std::clamp(app.ShownStage(), 0, static_cast<int>(view.stages.size()) - 1))];
    HealthScratch& s = app.health;
    if (s.stage_key != stage.key) {
        s.ClearBallot();
        s.message.clear();
        s.stage_key = stage.key;
    }
    const PollRecord* pulse = view.record.FindPollOfStage(stage.key, "health");
    if (!pulse) {
        // The pulse exists from the moment the room reaches the stage, ready to open (tried once).
        if (Editable(app) && s.ensured_stage != stage.key) {
            s.ensured_stage = stage.key;
            const std::string workshop_id = view.workshop.id;
            s.message_is_error = !app.Try(s.message, [&] { app.Store()->EnsurePoll(workshop_id, stage.key, HealthPulseSpec()); });
        }
        if (!Editable(app)) Wrapped("No health pulse was taken at this stage.", theme::kMuted);
        Message(s.message, s.message_is_error);
        EndStage(app);
        return;
    }
    const Poll& poll = pulse->poll;
    if (poll.status != PollStatus::Open) s.ClearBallot();
    if (poll.status == PollStatus::Open && Editable(app) && !s.voter_id.empty()) {
        // The ballot takes the whole stage: the facilitator's controls return with "Not me" or once cast.
        DrawBallot(app, *pulse, s);
    } else {
        DrawControls(app, *pulse, s);
        switch (poll.status) {
            case PollStatus::Draft:
                Message(s.message, s.message_is_error);
                DrawPreview(app, *pulse);
                break;
            case PollStatus::Open:
                if (Editable(app)) DrawNamePicker(app, *pulse, s);
                else if (app.IsProjector() && poll.live_results && pulse->tally.ballots > 0) DrawResults(app, *pulse);
                else Wrapped(AnonymityNote(poll), theme::kMuted);
                break;
            case PollStatus::Closed:
                Message(s.message, s.message_is_error);
                if (view.workshop.IsRunning()) {
                    Wrapped((Editable(app) ? "Press \u201CShow results\u201D to show the room the pulse. "
                                           : "The vote is closed; its results are not shown yet. ") +
                                AnonymityNote(poll),
                            theme::kMuted);
                } else {
                    Wrapped("These results were not shown to the room.", theme::kMuted);
                    DrawResults(app, *pulse);
                }
                break;
            case PollStatus::Revealed:
                Message(s.message, s.message_is_error);
                DrawResults(app, *pulse);
                break;
        }
    }
    EndStage(app);
}

}  // namespace kiosk

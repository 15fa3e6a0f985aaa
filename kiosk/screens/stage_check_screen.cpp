// Stage check: every participant votes for one of the five stages of development.
// Pick your name, then your choice; a ballot can be changed until the facilitator closes the vote.
#include <imgui.h>

#include <algorithm>

#include "facilitation/domain/kiosk.h"
#include "kiosk/app.h"
#include "kiosk/screens/facilitator_controls.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

namespace {

void DrawPollControls(App& app, const Poll& poll, StageCheckScratch& s) {
    std::string status;
    const auto& view = *app.Workshop();
    const size_t voted = view.voters.size();  // guests' unnamed ballots are added in words on the projector
    const size_t people = view.participants.size();
    switch (poll.status) {
        case PollStatus::Draft: status = "The vote is not open yet."; break;
        case PollStatus::Open:
            status = "Vote open: " + std::to_string(voted) + " of " + std::to_string(people) + " have voted.";
            break;
        case PollStatus::Closed:
            status = "Vote closed: " + std::to_string(voted) + " of " + std::to_string(people) + " voted.";
            break;
        case PollStatus::Revealed: status = "Results (" + std::to_string(voted) + " ballots):"; break;
    }
    // The status and the facilitator's controls share one row, leaving the room for the ballot box.
    VoteRow row;
    row.prefix = "poll";
    row.status = status;
    row.state = poll.status;
    row.reset_key = poll.id;
    row.can_open = people > 0;
    row.cannot_open = "Check people in first (go Back to the check-in).";
    row.anonymous = poll.anonymous;
    row.live_results = poll.live_results;
    row.people = &view.participants;
    row.voter_ids = &view.voters;
    row.ballots = view.tally.ballots;
    const VoteAction action = DrawVoteRow(app, row);
    if (action == VoteAction::None) return;
    Store& store = *app.Store();
    s.message_is_error = !app.Try(s.message, [&] { ApplyVoteAction(store, poll, action); });
    if (!s.message_is_error && action == VoteAction::Reset) s.message = "The vote is reset: its ballots are set aside.";
    s.voter_id.clear();
}

// Names above (scrolling when the room is large), the five choices as a row of tiles along the bottom,
// always in view.
void DrawBallotBox(App& app, const Poll& poll, StageCheckScratch& s) {
    const auto& view = *app.Workshop();
    const float width = ImGui::GetContentRegionAvail().x;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float tiles_height = 3.8f * Em();
    const float choices_height = tiles_height + ImGui::GetTextLineHeightWithSpacing() + 2.0f * style.ItemSpacing.y;
    // Enough rows for everyone, up to the room left above the choices; more names than that scroll.
    // 9.5 em names: five to a row on a 16:9 screen, so ten people fit at 720p without scrolling.
    const float button_width = 9.5f * Em();
    const int columns = std::max(1, static_cast<int>((width + style.ItemSpacing.x) / (button_width + style.ItemSpacing.x)));
    const int rows = (static_cast<int>(view.participants.size()) + columns - 1) / columns;
    const float names_needed = ImGui::GetTextLineHeightWithSpacing() + rows * (TouchHeight() + style.ItemSpacing.y);
    const float names_room = ImGui::GetContentRegionAvail().y - choices_height - style.ItemSpacing.y;
    ImGui::BeginChild("##names", ImVec2(width, std::max(TouchHeight() * 1.5f, std::min(names_needed, names_room))), false);
    ImGui::PushFont(app.GetFonts().bold);
    ImGui::TextUnformatted("1. Pick your name");
    ImGui::PopFont();
    // "voted" in words (a tick), so the room never depends on colour; never which choice.
    const int clicked = NameGrid(
        app, "voter", view.participants, [&](const Participant& p) { return p.id == s.voter_id; },
        [&](const Participant& p) { return std::find(view.voters.begin(), view.voters.end(), p.id) != view.voters.end(); },
        button_width);
    if (clicked >= 0) {
        const std::string id = view.participants[static_cast<size_t>(clicked)].id;
        s.voter_id = s.voter_id == id ? std::string() : id;
        s.message.clear();
    }
    ImGui::EndChild();
    std::string picked_name;
    for (const auto& person : view.participants)
        if (person.id == s.voter_id) picked_name = person.name;
    // One line between the names and the choices: whose turn it is, or the last message, or what to do.
    if (!picked_name.empty()) {
        ImGui::PushFont(app.GetFonts().bold);
        ImGui::TextUnformatted(("2. " + picked_name + ", your choice:").c_str());
        ImGui::PopFont();
    } else if (!s.message.empty()) {
        Message(s.message, s.message_is_error);
    } else {
        Wrapped("2. Pick a name first, then a choice. A ballot can be changed until the vote closes.", theme::kMuted);
    }
    const float gap = 0.5f * Em();
    const float tile_width = (width - gap * static_cast<float>(poll.options.size() - 1)) / static_cast<float>(poll.options.size());
    for (size_t i = 0; i < poll.options.size(); ++i) {
        const PollOption& option = poll.options[i];
        if (i > 0) ImGui::SameLine(0, gap);
        if (Tile(app, "poll.option." + option.key, option.label, DevelopmentStageHint(option.key), ImVec2(tile_width, tiles_height),
                 !s.voter_id.empty())) {
            const std::string voter = s.voter_id;
            if (app.Try(s.message, [&] { app.Store()->CastBallot(poll.id, voter, option.key); })) {
                s.message = "Thank you, " + picked_name + ": your vote is counted. Next person, pick your name.";
                s.message_is_error = false;
            } else {
                s.message_is_error = true;
            }
            s.voter_id.clear();
        }
    }
}

// The audience view of an open vote: the question and the five choices, large, with nothing to press.
void DrawChoicesForTheRoom(App& app, const Poll& poll) {
    ImGui::Spacing();
    ImGui::PushFont(app.GetFonts().heading);
    Wrapped(poll.question);
    ImGui::PopFont();
    ImGui::Spacing();
    const float gap = 0.5f * Em();
    const float width = ImGui::GetContentRegionAvail().x;
    const float tile_width = (width - gap * static_cast<float>(poll.options.size() - 1)) / static_cast<float>(poll.options.size());
    // Hints at body size (the projector's smallest text is its body text), so the tiles are as tall as the
    // longest hint needs.
    ImFont* font = ImGui::GetFont();
    const float hint_size = ImGui::GetFontSize() * MinorTextScale(app, 0.85f);
    float hint_height = 0;
    for (const auto& option : poll.options)
        hint_height = std::max(hint_height, font->CalcTextSizeA(hint_size, 1e6f, tile_width - Em(), DevelopmentStageHint(option.key)).y);
    ImGui::PushFont(app.GetFonts().bold);
    const float title_height = ImGui::GetTextLineHeight();
    ImGui::PopFont();
    const float height = std::max(4.2f * Em(), 1.2f * Em() + title_height + hint_height);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    for (size_t i = 0; i < poll.options.size(); ++i) {
        const ImVec2 at(origin.x + static_cast<float>(i) * (tile_width + gap), origin.y);
        draw->AddRectFilled(at, ImVec2(at.x + tile_width, at.y + height), theme::Rgb(theme::kPanel), 0.3f * Em());
        draw->AddRect(at, ImVec2(at.x + tile_width, at.y + height), theme::Rgb(0x6B6B6B), 0.3f * Em(), 0, 2.0f);
        ImGui::PushFont(app.GetFonts().bold);
        const ImVec2 title = ImGui::CalcTextSize(poll.options[i].label.c_str());
        draw->AddText(ImVec2(at.x + (tile_width - title.x) * 0.5f, at.y + 0.5f * Em()), theme::Rgb(theme::kInk),
                      poll.options[i].label.c_str());
        ImGui::PopFont();
        draw->AddText(font, hint_size, ImVec2(at.x + 0.5f * Em(), at.y + 0.7f * Em() + title.y),
                      theme::Rgb(theme::kMuted), DevelopmentStageHint(poll.options[i].key), nullptr, tile_width - Em());
    }
    ImGui::Dummy(ImVec2(width, height));
    Wrapped("Vote at a kiosk or on the facilitator's screen: pick your name, then your choice.", theme::kMuted);
}

// The projector's view of an open vote with live results: the question, and the tally so far as a chart.
void DrawLiveResults(App& app, const Poll& poll) {
    const auto& view = *app.Workshop();
    ImGui::PushFont(app.GetFonts().heading);
    Wrapped(poll.question);
    ImGui::PopFont();
    Wrapped("Live results, as the ballots come in. Vote at a kiosk or on the facilitator's screen.", theme::kMuted);
    ImGui::Spacing();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    BarChart(app, view.tally, ImVec2(avail.x, std::min(avail.y, 15.0f * Em())));
}

void DrawResults(App& app) {
    const auto& view = *app.Workshop();
    const Tally& tally = view.tally;
    if (tally.ballots == 0) {
        Wrapped("No ballots were cast.", theme::kMuted);
        return;
    }
    std::string verdict;
    for (size_t i = 0; i < tally.leaders.size(); ++i) {
        for (const auto& option : tally.options)
            if (option.key == tally.leaders[i]) verdict += (i == 0 ? "" : (i + 1 == tally.leaders.size() ? " and " : ", ")) + option.label;
    }
    verdict = tally.IsTie() ? "A tie between " + verdict + "." : "Most of us say: " + verdict + ".";
    ImGui::PushFont(app.GetFonts().heading);
    Wrapped(verdict);
    ImGui::PopFont();
    // A renewal compares with what the community said at its previous workshop.
    const PollRecord* before = view.previous ? view.previous->FindPoll(StageKind::StageCheck) : nullptr;
    if (before && before->tally.ballots > 0) {
        std::string said;
        for (const auto& key : before->tally.leaders)
            for (const auto& option : before->poll.options)
                if (option.key == key) said += (said.empty() ? "" : " and ") + option.label;
        Wrapped("Last time (" + view.previous->workshop.started_at.substr(0, 10) + "): " + said + ", " +
                    std::to_string(before->tally.MaxVotes()) + " of " + std::to_string(before->tally.ballots) + ".",
                theme::kMuted);
    }
    ImGui::Spacing();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (before && before->tally.ballots > 0) {
        // Side by side: now (large) and last time, each with its own labels and counts.
        const float gap = 2.0f * Em();
        const float now_width = (avail.x - gap) * 0.6f;
        ImGui::BeginGroup();
        ImGui::PushFont(app.GetFonts().bold);
        ImGui::TextUnformatted("Now");
        ImGui::PopFont();
        BarChart(app, tally, ImVec2(now_width, std::min(avail.y - 2.0f * Em(), 15.0f * Em())));
        ImGui::EndGroup();
        ImGui::SameLine(0, gap);
        ImGui::BeginGroup();
        ImGui::PushFont(app.GetFonts().bold);
        ImGui::TextUnformatted("Last time");
        ImGui::PopFont();
        BarChart(app, before->tally, ImVec2(avail.x - now_width - gap, std::min(avail.y - 2.0f * Em(), 15.0f * Em())));
        ImGui::EndGroup();
        return;
    }
    BarChart(app, tally, ImVec2(avail.x, std::min(avail.y, 15.0f * Em())));
}
}  // namespace

void DrawStageCheckScreen(App& app) {
    if (!BeginStage(app)) return;
    const auto& view = *app.Workshop();
    const Stage& stage = view.stages[static_cast<size_t>(std::clamp(app.ShownStage(), 0, static_cast<int>(view.stages.size()) - 1))];
    StageCheckScratch& s = app.stage_check;
    if (!view.poll) {
        // The stage's vote exists from the moment the room reaches it, ready to open.
        if (app.CanRecord()) {
            std::string message;
            if (!app.Try(message, [&] { app.Store()->EnsureStageCheckPoll(view.workshop.id, stage.key); }))
                Message(message, true);
        } else {
            Wrapped("No vote was held at this stage.", theme::kMuted);
        }
    } else {
        const Poll poll = *view.poll;
        DrawPollControls(app, poll, s);
        const bool live_chart = poll.status == PollStatus::Open && poll.live_results && app.IsProjector();
        if (poll.status == PollStatus::Open && poll.live_results && !live_chart) {
            // Live results: the tally as one line of words and numbers, above the ballot box.
            std::string line = "Live: ";
            for (size_t i = 0; i < view.tally.options.size(); ++i)
                line += (i ? "  \u00B7  " : "") + view.tally.options[i].label + " " + std::to_string(view.tally.options[i].votes);
            Wrapped(line);
        }
        if (poll.status == PollStatus::Open && app.CanRecord()) DrawBallotBox(app, poll, s);
        else if (live_chart) DrawLiveResults(app, poll);
        else if (poll.status == PollStatus::Open) DrawChoicesForTheRoom(app, poll);
        else if (poll.status == PollStatus::Revealed) DrawResults(app);
        else if (poll.status == PollStatus::Closed) Wrapped("Press \"Show results\" to show the room the tally.", theme::kMuted);
        if (poll.status != PollStatus::Open) Message(s.message, s.message_is_error);
    }
    EndStage(app);
}

}  // namespace kiosk

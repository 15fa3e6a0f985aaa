// The kiosk's ballot and the review of whatever a person is about to confirm. Sections:
//   1. The ballot: one part per open poll (single: big tiles; rating: a row of big scale buttons per item;
//      dots: big − and + per option with the dots left), long parts paged, never scrolled
//   2. The review: the ballot, role or commitment in words, then Confirm (one store action, committed
//      before the thank-you shows); the store's refusal shown plainly
#include <imgui.h>

#include <algorithm>
#include <cfloat>

#include "facilitation/domain/kiosk.h"
#include "kiosk/app.h"
#include "kiosk/screens/kiosk_claims.h"
#include "kiosk/screens/kiosk_common.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

namespace {
// ---- 1. The ballot ------------------------------------------------------------------------------
float RowGap() { return 0.6f * Em(); }

// How many items of a rating or dots part fit on one page of the body.
int ItemsPerPage(float body_height, float header) {
    return std::max(1, static_cast<int>((body_height - header + RowGap()) / (KioskButtonHeight() + RowGap())));
}

// An item's label at the left of its row, centred on the row's height, wrapped to `width`.
void RowLabel(App& app, const std::string& label, float width, float row_top) {
    ImGui::PushFont(app.GetFonts().bold);
    const float height = ImGui::CalcTextSize(label.c_str(), nullptr, false, width).y;
    const float x = ImGui::GetCursorPosX();
    ImGui::SetCursorPosY(row_top + std::max(0.0f, (KioskButtonHeight() - height) * 0.5f));
    ImGui::PushTextWrapPos(x + width);
    ImGui::TextUnformatted(label.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
}

void DrawSingle(App& app, const Poll& poll, KioskBallot& ballot, float body_height) {
    const float width = ImGui::GetContentRegionAvail().x;
    const float gap = 0.8f * Em();
    const int count = static_cast<int>(poll.options.size());
    const int columns = count <= 3 ? std::max(1, count) : count == 4 ? 2 : 3;
    const int rows = (count + columns - 1) / columns;
    const float tile_width = (width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const float tile_height = std::clamp((body_height - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows),
                                         KioskButtonHeight(), 6.0f * Em());
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    for (int i = 0; i < count; ++i) {
        const PollOption& option = poll.options[static_cast<size_t>(i)];
        if (i % columns != 0) ImGui::SameLine();
        if (KioskTile(app, "kiosk.option." + option.key, option.label, DevelopmentStageHint(option.key),
                      ImVec2(tile_width, tile_height), ballot.ValueOf(poll, option.key) > 0))
            ballot.Choose(poll, option.key);
    }
    ImGui::PopStyleVar();
}

// The words at the two ends of a scale, above its buttons.
std::pair<std::string, std::string> ScaleEnds(const Poll& poll) {
    if (poll.purpose == "energy") return {"draining", "energizing"};
    if (poll.purpose == "importance") return {"", ""};  // the buttons say low, medium, high
    if (poll.scale_min == 1 && poll.scale_max == 5) return {"not at all", "very much"};
    return {"", ""};
}

std::string ScaleLabel(const Poll& poll, int value) {
    if (poll.purpose == "importance" && poll.scale_min == 1 && poll.scale_max == 3) return KioskRatingWords(poll, value);
    if (value < 0) return "\u2212" + std::to_string(-value);
    return (value > 0 && poll.scale_min < 0 ? "+" : "") + std::to_string(value);
}

// Returns how many items the page holds.
int DrawRating(App& app, const Poll& poll, KioskBallot& ballot, int first, float body_height) {
    const float width = ImGui::GetContentRegionAvail().x;
    const float left = ImGui::GetCursorPosX();
    const int steps = poll.scale_max - poll.scale_min + 1;
    const float gap = 0.4f * Em();
    ImGui::PushFont(app.GetFonts().bold);
    float button = 3.6f * Em();
    for (int v = poll.scale_min; v <= poll.scale_max; ++v)
        button = std::max(button, ImGui::CalcTextSize((kTick + ScaleLabel(poll, v)).c_str()).x + 1.4f * Em());
    ImGui::PopFont();
    const float scale_width = std::min(width * 0.6f, static_cast<float>(steps) * button + gap * static_cast<float>(steps - 1));
    button = (scale_width - gap * static_cast<float>(steps - 1)) / static_cast<float>(steps);
    const float scale_left = left + width - scale_width;
    // The ends of the scale in words, over its first and last buttons.
    const auto [low, high] = ScaleEnds(poll);
    float header = 0;
    if (!low.empty()) {
        const float top = ImGui::GetCursorPosY();
        ImGui::SetCursorPos(ImVec2(scale_left, top));
        ImGui::TextColored(theme::Vec(theme::kMuted), "\u25C0 %s", low.c_str());
        const std::string right = high + " \u25B6";
        ImGui::SetCursorPos(ImVec2(scale_left + scale_width - ImGui::CalcTextSize(right.c_str()).x, top));
        ImGui::TextUnformatted(right.c_str());
        header = ImGui::GetCursorPosY() - top;
    }
    const int per_page = ItemsPerPage(body_height, header);
    const int count = static_cast<int>(poll.options.size());
    const int last = std::min(count, first + per_page);
    for (int i = first; i < last; ++i) {
        const PollOption& option = poll.options[static_cast<size_t>(i)];
        const float top = ImGui::GetCursorPosY();
        // A band behind every other row, so the eye follows a row to its buttons.
        if ((i - first) % 2 == 0) {
            const ImVec2 at = ImGui::GetCursorScreenPos();
            ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x - 0.3f * Em(), at.y - 0.5f * RowGap()),
                                                      ImVec2(at.x + width + 0.3f * Em(), at.y + KioskButtonHeight() + 0.5f * RowGap()),
                                                      theme::Rgb(theme::kPanel), 0.3f * Em());
        }
        ImGui::SetCursorPosX(left + 0.3f * Em());
        RowLabel(app, option.label, scale_left - left - Em(), top);
        const int chosen = ballot.ValueOf(poll, option.key, poll.scale_min - 1);
        ImGui::SetCursorPos(ImVec2(scale_left, top));
        ImGui::PushFont(app.GetFonts().bold);
        for (int v = poll.scale_min; v <= poll.scale_max; ++v) {
            if (v > poll.scale_min) ImGui::SameLine(0, gap);
            const bool on = ballot.Has(poll, option.key) && chosen == v;
            if (Button(app, "kiosk.rate." + poll.purpose + "." + option.key + "." + std::to_string(v),
                       on ? kTick + ScaleLabel(poll, v) : ScaleLabel(poll, v), ImVec2(button, KioskButtonHeight()),
                       on ? ButtonStyle::Selected : ButtonStyle::Secondary))
                ballot.Rate(poll, option.key, v);
        }
        ImGui::PopFont();
        ImGui::SetCursorPos(ImVec2(left, top + KioskButtonHeight() + RowGap()));
    }
    return last - first;
}

int DrawDots(App& app, const Poll& poll, KioskBallot& ballot, int first, float body_height) {
    const float width = ImGui::GetContentRegionAvail().x;
    const float left = ImGui::GetCursorPosX();
    const int dots_left = ballot.DotsLeft(poll);
    const float top0 = ImGui::GetCursorPosY();
    ImGui::PushFont(app.GetFonts().heading);
    std::string left_text = "Dots left: " + std::to_string(dots_left) + " of " + std::to_string(poll.budget);
    if (poll.cap > 0) left_text += "   (at most " + std::to_string(poll.cap) + " on one)";
    ImGui::TextUnformatted(left_text.c_str());
    ImGui::PopFont();
    RecordReadout(app, "kiosk.dots.left", left_text);
    const float header = ImGui::GetCursorPosY() - top0;
    const float button = 3.6f * Em();
    ImGui::PushFont(app.GetFonts().bold);
    const float count_width = ImGui::CalcTextSize("10 dots").x + 1.0f * Em();
    ImGui::PopFont();
    const float controls = 2.0f * button + count_width + 1.0f * Em();
    const float controls_left = left + width - controls;
    const int per_page = ItemsPerPage(body_height, header);
    const int count = static_cast<int>(poll.options.size());
    const int last = std::min(count, first + per_page);
    for (int i = first; i < last; ++i) {
        const PollOption& option = poll.options[static_cast<size_t>(i)];
        const float top = ImGui::GetCursorPosY();
        if ((i - first) % 2 == 0) {
            const ImVec2 at = ImGui::GetCursorScreenPos();
            ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x - 0.3f * Em(), at.y - 0.5f * RowGap()),
                                                      ImVec2(at.x + width + 0.3f * Em(), at.y + KioskButtonHeight() + 0.5f * RowGap()),
                                                      theme::Rgb(theme::kPanel), 0.3f * Em());
        }
        ImGui::SetCursorPosX(left + 0.3f * Em());
        RowLabel(app, option.label, controls_left - left - Em(), top);
        const int dots = ballot.ValueOf(poll, option.key);
        ImGui::SetCursorPos(ImVec2(controls_left, top));
        ImGui::PushFont(app.GetFonts().heading);
        if (Button(app, "kiosk.dots." + option.key + ".minus", "\u2212", ImVec2(button, KioskButtonHeight()),
                   ButtonStyle::Secondary, dots > 0))
            ballot.RemoveDot(poll, option.key);
        ImGui::PopFont();
        ImGui::SameLine(0, 0.5f * Em());
        ImGui::SetCursorPosY(top);
        ImGui::PushFont(app.GetFonts().bold);
        const std::string text = std::to_string(dots) + (dots == 1 ? " dot" : " dots");
        const ImVec2 size = ImGui::CalcTextSize(text.c_str());
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + (count_width - size.x) * 0.5f, at.y + (KioskButtonHeight() - size.y) * 0.5f),
                                            theme::Rgb(theme::kInk), text.c_str());
        ImGui::Dummy(ImVec2(count_width, KioskButtonHeight()));
        ImGui::PopFont();
        ImGui::SameLine(0, 0.5f * Em());
        ImGui::SetCursorPosY(top);
        ImGui::PushFont(app.GetFonts().heading);
        if (Button(app, "kiosk.dots." + option.key + ".plus", "+", ImVec2(button, KioskButtonHeight()), ButtonStyle::Secondary,
                   ballot.CanAddDot(poll, option.key)))
            ballot.AddDot(poll, option.key);
        ImGui::PopFont();
        ImGui::SetCursorPos(ImVec2(left, top + KioskButtonHeight() + RowGap()));
    }
    return last - first;
}

// Whether the items on the page are done enough to move on: a rating's items rated; a single choice made;
// dots may be placed on any page, but at least one by the end of the part.
bool PageDone(const Poll& poll, const KioskBallot& ballot, int first, int shown, bool last_page) {
    switch (poll.Kind()) {
        case PollKind::Single: return ballot.Missing(poll).empty();
        case PollKind::Rating:
            for (int i = first; i < first + shown && i < static_cast<int>(poll.options.size()); ++i)
                if (!ballot.Has(poll, poll.options[static_cast<size_t>(i)].key)) return false;
            return true;
        case PollKind::Dots: return !last_page || ballot.Missing(poll).empty();
    }
    return true;
}
}  // namespace

void DrawKioskBallotScreen(App& app) {
    KioskVisit& visit = app.kiosk.visit;
    const std::vector<Poll> polls = VisitPolls(app);
    if (polls.empty() || visit.task != KioskTask::Vote) {
        app.KioskNotice("The facilitator has closed this vote, so your ballot was not recorded. Thank you for coming by.");
        return;
    }
    visit.part = std::min(visit.part, polls.size() - 1);
    const Poll& poll = polls[visit.part];
    const std::string who = visit.guest ? "Your ballot" : visit.member_name + ", your ballot";
    std::string line = polls.size() > 1 ? "Part " + std::to_string(visit.part + 1) + " of " + std::to_string(polls.size()) +
                                              ", " + KioskPollName(poll) + ":  " + poll.question
                                        : poll.question;
    KioskHeader(app, who, line);
    const bool voted_before = !visit.guest && VotedInVisitPolls(app, visit.member_id);
    const float body = KioskBodyHeight();
    int shown = static_cast<int>(poll.options.size());
    switch (poll.Kind()) {
        case PollKind::Single: DrawSingle(app, poll, visit.ballot, body); break;
        case PollKind::Rating: shown = DrawRating(app, poll, visit.ballot, visit.first_item, body); break;
        case PollKind::Dots: shown = DrawDots(app, poll, visit.ballot, visit.first_item, body); break;
    }
    const bool more_items = poll.Kind() != PollKind::Single && visit.first_item + shown < static_cast<int>(poll.options.size());
    const bool last_part = visit.part + 1 >= polls.size();
    const bool done = PageDone(poll, visit.ballot, visit.first_item, shown, !more_items);
    std::string hint;
    if (!done) {
        hint = visit.ballot.Missing(poll);
        if (poll.Kind() == PollKind::Rating) hint = "Rate every item on this page. " + hint;
    } else if (more_items) {
        hint = "Items " + std::to_string(visit.first_item + 1) + " to " + std::to_string(visit.first_item + shown) + " of " +
               std::to_string(poll.options.size()) + ": more on the next page.";
    } else if (voted_before) {
        hint = "You have voted already: confirming replaces your earlier ballot.";
    }
    std::string next_id = "kiosk.next";
    std::string next_label = "Next \u25B6";
    if (!more_items && last_part) {
        next_id = "kiosk.review";
        next_label = "Review my ballot \u25B6";
    }
    const FooterPress press = KioskFooter(app, "\u25C0 Back", next_id, next_label, done, hint, false);
    if (press == FooterPress::Next) {
        if (more_items) {
            visit.page_starts.push_back(visit.first_item);
            visit.first_item += shown;
        } else if (!last_part) {
            ++visit.part;
            visit.first_item = 0;
            visit.page_starts.clear();
        } else {
            visit.refusal.clear();
            app.Show(ScreenId::KioskReview);
        }
    } else if (press == FooterPress::Back) {
        if (!visit.page_starts.empty()) {
            visit.first_item = visit.page_starts.back();
            visit.page_starts.pop_back();
        } else if (visit.part > 0) {
            --visit.part;
            visit.first_item = 0;
        } else {
            // Back to the names: the draft goes with the person.
            visit.ballot.Clear();
            visit.member_id.clear();
            visit.guest = false;
            app.Show(ScreenId::KioskName);
        }
    }
}

// ---- 2. The review ----------------------------------------------------------------------------------
namespace {
void DrawBallotReview(App& app, const std::vector<Poll>& polls, const KioskBallot& ballot) {
    const float width = ImGui::GetContentRegionAvail().x;
    const float gap = 1.5f * Em();
    const size_t columns = std::min<size_t>(polls.size(), 3);
    const float column_width = (width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const float top = ImGui::GetCursorPosY();
    const float left = ImGui::GetCursorPosX();
    // Large type when the longest column fits in it; a long tasks ballot falls back to the bold body font.
    ImFont* lines_font = app.GetFonts().heading;
    const float room = KioskBodyHeight() - ImGui::GetTextLineHeightWithSpacing();
    for (const Poll& poll : polls) {
        float height = 0;
        for (const std::string& line : ballot.ReviewLines(poll))
            height += lines_font->CalcTextSizeA(lines_font->FontSize, FLT_MAX, column_width, line.c_str()).y +
                      ImGui::GetStyle().ItemSpacing.y;
        if (height > room) lines_font = app.GetFonts().bold;
    }
    std::string all;
    for (size_t i = 0; i < polls.size(); ++i) {
        const size_t column = i % columns;
        ImGui::SetCursorPos(ImVec2(left + static_cast<float>(column) * (column_width + gap), top));
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column_width);
        ImGui::PushFont(app.GetFonts().bold);
        ImGui::TextColored(theme::Vec(theme::kMuted), "%s", polls.size() > 1 ? KioskPollName(polls[i]).c_str() : "Your answer");
        ImGui::PopFont();
        ImGui::PushFont(polls[i].Kind() == PollKind::Single ? app.GetFonts().display : lines_font);
        for (const std::string& line : ballot.ReviewLines(polls[i])) {
            ImGui::TextUnformatted(line.c_str());
            all += line + "; ";
        }
        ImGui::PopFont();
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
    }
    RecordReadout(app, "kiosk.review.lines", all);
}
}  // namespace

void DrawKioskReviewScreen(App& app) {
    KioskVisit& visit = app.kiosk.visit;
    const auto& view = app.Workshop();
    if (!view || visit.task == KioskTask::None) {
        app.KioskStartOver();
        return;
    }
    const std::string who = visit.guest ? "Please check your ballot" : visit.member_name + ", please check";
    std::vector<Poll> polls;
    std::string confirm_label = "\u2713 Confirm";
    switch (visit.task) {
        case KioskTask::Vote:
            polls = VisitPolls(app);
            if (polls.empty()) {
                app.KioskNotice("The facilitator has closed this vote, so your ballot was not recorded. Thank you for "
                                "coming by.");
                return;
            }
            KioskHeader(app, who, "This is your ballot. Confirm it, or go back to change it.");
            DrawBallotReview(app, polls, visit.ballot);
            confirm_label = "\u2713 Confirm my ballot";
            break;
        case KioskTask::Role:
            KioskHeader(app, who, "Confirm, or go back to choose another role.");
            DrawRoleReview(app);
            break;
        case KioskTask::Commitment:
            KioskHeader(app, who, "Confirm, or go back to change it.");
            DrawCommitmentReview(app);
            break;
        case KioskTask::None: return;
    }
    const FooterPress press = KioskFooter(app, "\u25C0 Change", "kiosk.confirm", confirm_label, visit.refusal.empty(),
                                          visit.refusal, !visit.refusal.empty());
    if (press == FooterPress::Back) {
        visit.refusal.clear();
        switch (visit.task) {
            case KioskTask::Vote: app.Show(ScreenId::KioskBallot); break;
            case KioskTask::Role: app.Show(ScreenId::KioskRole); break;
            case KioskTask::Commitment: app.Show(ScreenId::KioskCommitment); break;
            case KioskTask::None: break;
        }
        return;
    }
    if (press != FooterPress::Next) return;
    // One store action, committed before the thank-you is shown; a refusal stays on this screen.
    switch (visit.task) {
        case KioskTask::Vote: {
            const auto ballots = visit.ballot.Ballots(polls);
            const std::string member = visit.member_id;
            const bool guest = visit.guest;
            const std::string name = visit.member_name;
            if (app.Try(visit.refusal, [&] {
                    if (guest) app.Store()->CastUnnamedBallots(ballots);
                    else app.Store()->CastBallots(member, ballots);
                }))
                app.KioskThanks(guest ? "Your anonymous ballot is counted." : "Your ballot is counted, " + name + ".");
            break;
        }
        case KioskTask::Role: ConfirmRole(app); break;
        case KioskTask::Commitment: ConfirmCommitment(app); break;
        case KioskTask::None: break;
    }
}

}  // namespace kiosk

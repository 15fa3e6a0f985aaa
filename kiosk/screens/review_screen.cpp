// Review (renewal): every commitment still open from earlier workshops, or reviewed here, with four big
// buttons: kept, partly kept, dropped, carried forward. The current outcome is marked with a tick and its word.
// Carrying forward needs a new due date: quick picks (+1, +3, +6 months from today), no keyboard; the store then
// creates a new commitment in this workshop, and the row says so. Changing one's mind is one tap (the store
// withdraws a carried copy). The kept rate ("kept of reviewed") is shown large above the list.
// A finished workshop and the tour show the outcomes only.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "facilitation/domain/recurrence.h"
#include "facilitation/domain/time_util.h"
#include "kiosk/app.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

namespace {
// Today as the store checks due dates (UTC).
CivilDate Today() {
    CivilDate today;
    CivilDate::Parse(NowUtc().substr(0, 10), today);
    return today;
}

// `months` calendar months after `from`: the same day of the month, or that month's last day when it is
// shorter (31 January + 1 month = the last day of February).
CivilDate AddMonths(const CivilDate& from, int months) {
    const int index = from.month - 1 + months;
    CivilDate first{from.year + index / 12, index % 12 + 1, 1};
    const int next_index = index + 1;
    const CivilDate next_first{from.year + next_index / 12, next_index % 12 + 1, 1};
    const int last_day = AddDays(next_first, -1).day;
    first.day = std::min(from.day, last_day);
    return first;
}

// "2026-03-15" -> "15 Mar 2026": read at a glance; anything unreadable is shown as stored.
std::string HumanDate(const std::string& iso) {
    static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    CivilDate date;
    if (!CivilDate::Parse(iso.substr(0, 10), date)) return iso;
    return std::to_string(date.day) + " " + kMonths[date.month - 1] + " " + std::to_string(date.year);
}

const char* OutcomeWord(CommitmentStatus status) {
    switch (status) {
        case CommitmentStatus::Kept: return "kept";
        case CommitmentStatus::Partly: return "partly kept";
        case CommitmentStatus::Dropped: return "dropped";
        case CommitmentStatus::Carried: return "carried forward";
        case CommitmentStatus::Open: break;
    }
    return "not reviewed yet";
}

constexpr CommitmentStatus kOutcomes[] = {CommitmentStatus::Kept, CommitmentStatus::Partly, CommitmentStatus::Dropped,
                                          CommitmentStatus::Carried};
constexpr int kDuePicks[] = {1, 3, 6};  // months from today

// Text wrapped at `wrap_x` (window coordinates), in a colour.
void TextAt(const std::string& text, float wrap_x, unsigned rgb) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(rgb));
    ImGui::PushTextWrapPos(wrap_x);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

std::string WorkshopName(App& app, const std::string& workshop_id) {
    for (const WorkshopSummary& summary : app.Workshops())
        if (summary.workshop.id == workshop_id)
            return "the " + summary.workshop.template_name + " of " + HumanDate(summary.workshop.started_at);
    return "an earlier workshop";
}

std::string Who(const Commitment& c) {
    if (c.whole_community || c.member_names.empty()) return "the whole community";
    std::string names;
    for (size_t i = 0; i < c.member_names.size(); ++i) names += (i ? ", " : "") + c.member_names[i];
    return names;
}

bool ReviewedHere(const WorkshopView& view, const Commitment& c) {
    return c.reviewed_in_workshop_id == view.workshop.id && c.status != CommitmentStatus::Open;
}

// The kept rate, large, with the counts behind it in words; and where the commitments come from when they all
// come from one workshop (otherwise each row says it). Returns true when the rows must name their origin.
bool DrawSummary(App& app, const WorkshopView& view) {
    const auto& reviewed = view.record.reviewed;
    int counts[5] = {0, 0, 0, 0, 0};  // by CommitmentStatus
    int done = 0;
    for (const Commitment& c : reviewed) {
        if (!ReviewedHere(view, c)) continue;
        ++counts[static_cast<int>(c.status)];
        ++done;
    }
    const int open = static_cast<int>(reviewed.size()) - done;
    const std::string big =
        view.record.kept_rate ? std::to_string(static_cast<int>(std::lround(*view.record.kept_rate * 100.0))) + " %" : "\u2014";
    const float top = ImGui::GetCursorPosY();
    ImGui::PushFont(app.GetFonts().display);
    const float big_height = ImGui::GetTextLineHeight();
    ImGui::TextUnformatted(big.c_str());
    ImGui::PopFont();
    ImGui::SameLine(0, Em());
    const float text_x = ImGui::GetCursorPosX();
    std::string line1;
    if (done == 0) {
        line1 = "kept: none reviewed yet, " + std::to_string(open) + " to review";
    } else {
        line1 = "kept: " + std::to_string(counts[static_cast<int>(CommitmentStatus::Kept)]) + " of " + std::to_string(done) +
                " reviewed";
        std::string others;
        for (CommitmentStatus status : {CommitmentStatus::Partly, CommitmentStatus::Dropped, CommitmentStatus::Carried}) {
            const int n = counts[static_cast<int>(status)];
            if (n) others += (others.empty() ? "" : ", ") + std::to_string(n) + " " + OutcomeWord(status);
        }
        if (!others.empty()) line1 += " (" + others + ")";
        line1 += open ? "  \u00B7  " + std::to_string(open) + " still to review" : "  \u00B7  all reviewed";
    }
    std::vector<std::string> origins;
    for (const Commitment& c : reviewed)
        if (std::find(origins.begin(), origins.end(), c.workshop_id) == origins.end()) origins.push_back(c.workshop_id);
    const std::string line2 =
        origins.size() == 1 ? std::to_string(reviewed.size()) + (reviewed.size() == 1 ? " commitment" : " commitments") +
                                  " made at " + WorkshopName(app, origins.front()) + "."
                            : std::to_string(reviewed.size()) + " commitments from " + std::to_string(origins.size()) +
                                  " earlier workshops.";
    // Two lines beside the number, centred on it (SameLine would give them the number's line height).
    const float line = ImGui::GetTextLineHeight();
    const float line1_y = top + std::max(0.0f, (big_height - 2.0f * line) * 0.5f);
    ImGui::SetCursorPos(ImVec2(text_x, line1_y));
    ImGui::PushFont(app.GetFonts().bold);
    TextAt(line1, 0.0f, theme::kInk);
    ImGui::PopFont();
    ImGui::SetCursorPos(ImVec2(text_x, line1_y + line));
    TextAt(line2, 0.0f, theme::kMuted);
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), top + big_height + ImGui::GetStyle().ItemSpacing.y));
    return origins.size() > 1;
}

// One commitment: what, who and by when on the left; the four outcomes on the right (or the outcome in words,
// read-only); the new due date picks under them while carrying forward.
void DrawRow(App& app, const WorkshopView& view, ReviewScratch& s, size_t i, bool running, bool name_origin) {
    const Commitment& c = view.record.reviewed[i];
    const float em = Em();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::GetContentRegionAvail().x;
    const float x = ImGui::GetCursorPosX();
    const float top = ImGui::GetCursorPosY();
    const CommitmentStatus current = ReviewedHere(view, c) ? c.status : CommitmentStatus::Open;
    const std::string prefix = "review." + std::to_string(i);

    // The outcomes' width first: the text takes what is left.
    std::vector<std::string> labels;
    float buttons_width = 0;
    if (running) {
        for (CommitmentStatus status : kOutcomes) {
            labels.push_back((status == current ? "\u2713 " : "") + std::string(OutcomeWord(status)));
            buttons_width += ImGui::CalcTextSize(labels.back().c_str()).x + 1.4f * em;
        }
        buttons_width += style.ItemSpacing.x * 3.0f;
    } else {
        ImGui::PushFont(app.GetFonts().bold);
        buttons_width = ImGui::CalcTextSize(("\u2713 " + std::string(OutcomeWord(CommitmentStatus::Carried))).c_str()).x;
        ImGui::PopFont();
    }
    const float text_right = x + width - buttons_width - em;

    ImGui::BeginGroup();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(style.ItemSpacing.x, 0.15f * em));  // a row's lines belong together
    ImGui::PushFont(app.GetFonts().bold);
    TextAt(c.what, text_right, theme::kInk);
    ImGui::PopFont();
    std::string details = Who(c) + "  \u00B7  by " + HumanDate(c.due);
    if (name_origin) details += "  \u00B7  from " + WorkshopName(app, c.workshop_id);
    TextAt(details, text_right, theme::kMuted);
    if (current == CommitmentStatus::Carried) {
        std::string carried = "\u2192 new commitment";
        for (const Commitment& copy : view.record.commitments)
            if (copy.carried_from_id == c.id) carried += " due " + HumanDate(copy.due);
        TextAt(carried, text_right, theme::kSuccess);
    }
    ImGui::PopStyleVar();
    ImGui::EndGroup();
    const float text_bottom = ImGui::GetCursorPosY();

    ImGui::SetCursorPos(ImVec2(x + width - buttons_width, top));
    if (running) {
        for (size_t k = 0; k < 4; ++k) {
            const CommitmentStatus status = kOutcomes[k];
            if (k > 0) ImGui::SameLine();
            const bool chosen = status == current || (status == CommitmentStatus::Carried && s.carrying_id == c.id);
            if (Button(app, prefix + "." + ToString(status), labels[k], ImVec2(ImGui::CalcTextSize(labels[k].c_str()).x + 1.4f * em, 0),
                       chosen ? ButtonStyle::Selected : ButtonStyle::Secondary)) {
                if (status == CommitmentStatus::Carried) {
                    // A new due date is needed first (or a new one, to change a carried commitment's date).
                    s.carrying_id = s.carrying_id == c.id ? std::string() : c.id;
                    s.reveal_picks = !s.carrying_id.empty();
                    s.message.clear();
                } else {
                    s.carrying_id.clear();
                    const std::string workshop_id = view.workshop.id, id = c.id;
                    s.message_is_error = !app.Try(s.message, [&] { app.Store()->ReviewCommitment(workshop_id, id, status); });
                }
            }
        }
    } else {
        ImGui::PushFont(app.GetFonts().bold);
        const std::string word = current == CommitmentStatus::Open ? OutcomeWord(current) : "\u2713 " + std::string(OutcomeWord(current));
        TextAt(word, 0.0f, current == CommitmentStatus::Open ? theme::kMuted : theme::kInk);
        ImGui::PopFont();
    }
    ImGui::SetCursorPosY(std::max(text_bottom, ImGui::GetCursorPosY()));

    // Carrying forward: the new due date in one tap, counted from today; under the outcomes, ending with Cancel.
    if (running && s.carrying_id == c.id) {
        const CivilDate today = Today();
        std::vector<std::pair<std::string, std::string>> picks;  // (due, label)
        float total = 0;
        for (int months : kDuePicks) {
            const std::string due = AddMonths(today, months).Iso();
            picks.emplace_back(due, "+" + std::to_string(months) + (months == 1 ? " month" : " months") + "  \u00B7  " +
                                        HumanDate(due));
            total += ImGui::CalcTextSize(picks.back().second.c_str()).x + 1.4f * em + style.ItemSpacing.x;
        }
        const char* cancel = "Cancel";
        total += ImGui::CalcTextSize(cancel).x + 1.4f * em;
        const char* title = "New due date:";
        ImGui::PushFont(app.GetFonts().bold);
        const float title_width = ImGui::CalcTextSize(title).x + style.ItemSpacing.x;
        ImGui::PopFont();
        const float row_top = ImGui::GetCursorPosY();
        float at = x + std::max(0.0f, width - total);
        if (width - total >= title_width) {
            ImGui::SetCursorPos(ImVec2(at - title_width, row_top + (TouchHeight() - ImGui::GetTextLineHeight()) * 0.5f));
            ImGui::PushFont(app.GetFonts().bold);
            ImGui::TextUnformatted(title);
            ImGui::PopFont();
        }
        for (size_t k = 0; k < picks.size(); ++k) {
            ImGui::SetCursorPos(ImVec2(at, row_top));
            const float w = ImGui::CalcTextSize(picks[k].second.c_str()).x + 1.4f * em;
            if (Button(app, prefix + ".due." + std::to_string(kDuePicks[k]), picks[k].second, ImVec2(w, 0))) {
                const std::string workshop_id = view.workshop.id, id = c.id, due = picks[k].first;
                s.message_is_error =
                    !app.Try(s.message, [&] { app.Store()->ReviewCommitment(workshop_id, id, CommitmentStatus::Carried, due); });
                s.carrying_id.clear();
            }
            at += w + style.ItemSpacing.x;
        }
        ImGui::SetCursorPos(ImVec2(at, row_top));
        if (Button(app, prefix + ".cancel", cancel, ImVec2(ImGui::CalcTextSize(cancel).x + 1.4f * em, 0), ButtonStyle::Secondary))
            s.carrying_id.clear();
        if (s.reveal_picks) {
            ImGui::SetScrollHereY(1.0f);
            s.reveal_picks = false;
        }
    }
    // A thin rule between commitments, closer than the usual spacing: the list must fit the common case.
    const float rule_y = ImGui::GetCursorPosY() - style.ItemSpacing.y + 0.3f * em;
    const ImVec2 origin = ImGui::GetWindowPos();
    const float screen_y = origin.y + rule_y - ImGui::GetScrollY();
    if (i + 1 < view.record.reviewed.size())
        ImGui::GetWindowDrawList()->AddLine(ImVec2(origin.x + x, screen_y), ImVec2(origin.x + x + width, screen_y),
                                            theme::Rgb(0xB0B0A8), 1.0f);
    ImGui::SetCursorPosY(rule_y + 0.25f * em);
}
}  // namespace

void DrawReviewScreen(App& app) {
    if (!BeginStage(app)) return;
    ReviewScratch& s = app.review;
    const auto& view = *app.Workshop();
    const bool running = app.CanRecord();
    if (view.record.reviewed.empty()) {
        ImGui::PushFont(app.GetFonts().heading);
        Wrapped("Nothing to review.");
        ImGui::PopFont();
        Wrapped(view.workshop.previous_workshop_id.empty()
                    ? "This is the community's first workshop: commitments made today are reviewed at the next one."
                    : "The earlier workshops left no open commitment.",
                theme::kMuted);
        EndStage(app);
        return;
    }
    const bool name_origin = DrawSummary(app, view);
    // The message stays in view under the list; the list scrolls when it is longer than the room.
    const float message_room = s.message.empty() ? 0.0f : 2.0f * ImGui::GetTextLineHeightWithSpacing();
    // A little padding, so the outline of a chosen outcome is never cut at the list's edge.
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.2f * Em(), 0.2f * Em()));
    ImGui::BeginChild("##review-list", ImVec2(0, -message_room), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();
    for (size_t i = 0; i < view.record.reviewed.size(); ++i) DrawRow(app, view, s, i, running, name_origin);
    ImGui::EndChild();
    Message(s.message, s.message_is_error);
    EndStage(app);
}

}  // namespace kiosk

// The kiosk screens' shared header, footer and name picker (see kiosk_common.h).
#include "kiosk/screens/kiosk_common.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "kiosk/app.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

float KioskButtonHeight() { return 1.2f * TouchHeight(); }

namespace {
float FooterHeight() { return KioskButtonHeight() + 0.6f * Em(); }
}  // namespace

void KioskHeader(App& app, const std::string& title, const std::string& line) {
    const auto& view = app.Workshop();
    const double now = App::MonotonicSeconds();
    // The idle countdown takes the top line when it runs, so nothing below moves.
    if (app.KioskShowsSeconds(now) && app.Current() != ScreenId::KioskStart && !app.kiosk.lockout.Locked(now)) {
        const int left = static_cast<int>(std::ceil(app.KioskIdleSecondsLeft(now)));
        const std::string text = "\u25D4 Still there? This screen starts over in " + std::to_string(left) +
                                 " s. Touch it to keep going.";
        ImGui::PushFont(app.GetFonts().bold);
        Wrapped(text, theme::kError);
        ImGui::PopFont();
        RecordReadout(app, "kiosk.idle", text);
    } else {
        std::string where = view ? view->community.name + "  \u00B7  " + view->workshop.template_name : std::string("Workshop");
        where += "  \u00B7  participants' kiosk";
        ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(theme::kMuted));
        ImGui::TextUnformatted(where.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PushFont(app.GetFonts().display);
    Wrapped(title, theme::kInk);
    ImGui::PopFont();
    RecordReadout(app, "kiosk.title", title);
    if (!line.empty()) {
        ImGui::PushFont(app.GetFonts().heading);
        Wrapped(line, theme::kMuted);
        ImGui::PopFont();
    }
    ImGui::Spacing();
}

float KioskBodyHeight() { return std::max(TouchHeight(), ImGui::GetContentRegionAvail().y - FooterHeight()); }

FooterPress KioskFooter(App& app, const std::string& back_label, const std::string& next_id, const std::string& next_label,
                        bool next_enabled, const std::string& hint, bool hint_is_error) {
    FooterPress pressed = FooterPress::None;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float left = ImGui::GetWindowContentRegionMin().x;
    const float width = ImGui::GetWindowContentRegionMax().x - left;
    const float top = ImGui::GetWindowHeight() - style.WindowPadding.y - KioskButtonHeight();
    ImGui::SetCursorPos(ImVec2(left, top));
    const float back_width = std::max(8.0f * Em(), ImGui::CalcTextSize(back_label.c_str()).x + 2.0f * Em());
    if (!back_label.empty()) {
        if (Button(app, "kiosk.back", back_label, ImVec2(back_width, KioskButtonHeight()), ButtonStyle::Secondary))
            pressed = FooterPress::Back;
    }
    float next_width = 0;
    if (!next_id.empty()) {
        ImGui::PushFont(app.GetFonts().bold);
        next_width = std::max(10.0f * Em(), ImGui::CalcTextSize(next_label.c_str()).x + 2.5f * Em());
        ImGui::SetCursorPos(ImVec2(left + width - next_width, top));
        if (Button(app, next_id, next_label, ImVec2(next_width, KioskButtonHeight()), ButtonStyle::Primary, next_enabled))
            pressed = FooterPress::Next;
        ImGui::PopFont();
    }
    if (!hint.empty()) {
        const float x = left + back_width + 1.2f * Em();
        const float room = width - back_width - next_width - 2.4f * Em();
        const std::string text = (hint_is_error ? "\u26A0 " : "") + hint;
        ImGui::PushFont(app.GetFonts().bold);
        const float height = ImGui::CalcTextSize(text.c_str(), nullptr, false, room).y;
        ImGui::SetCursorPos(ImVec2(x, top + std::max(0.0f, (KioskButtonHeight() - height) * 0.5f)));
        ImGui::PushTextWrapPos(x + room);
        ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(hint_is_error ? theme::kError : theme::kMuted));
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
        RecordReadout(app, "kiosk.hint", text);
    }
    return pressed;
}

int KioskNamePicker(App& app, const std::vector<Participant>& people, int& page, float height,
                    const std::function<std::string(const Participant&)>& mark) {
    const float width = ImGui::GetContentRegionAvail().x;
    const float gap = 0.8f * Em();
    // Columns as wide as the longest name with its mark needs (at least 9 em), as many as fit.
    float widest = 9.0f * Em();
    ImGui::PushFont(app.GetFonts().bold);
    for (const auto& p : people) {
        const std::string extra = mark ? mark(p) : std::string();
        widest = std::max(widest, ImGui::CalcTextSize((p.name + (extra.empty() ? "" : "   " + extra)).c_str()).x + 2.0f * Em());
    }
    ImGui::PopFont();
    const int columns = std::max(1, std::min(5, static_cast<int>((width + gap) / (std::min(widest, width) + gap))));
    const float button_width = (width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const float row = KioskButtonHeight() + gap;
    int rows = std::max(1, static_cast<int>((height + gap) / row));
    int per_page = rows * columns;
    const int count = static_cast<int>(people.size());
    const bool paged = count > per_page;
    if (paged) {
        rows = std::max(1, static_cast<int>((height - KioskButtonHeight() - gap + gap) / row));  // a row for the pager
        per_page = rows * columns;
    }
    const int pages = std::max(1, (count + per_page - 1) / per_page);
    page = std::clamp(page, 0, pages - 1);
    int clicked = -1;
    ImGui::PushFont(app.GetFonts().bold);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    const int first = page * per_page;
    const int last = std::min(count, first + per_page);
    for (int i = first; i < last; ++i) {
        if ((i - first) % columns != 0) ImGui::SameLine();
        const Participant& p = people[static_cast<size_t>(i)];
        const std::string extra = mark ? mark(p) : std::string();
        if (Button(app, "kiosk.name." + std::to_string(i), p.name + (extra.empty() ? "" : "   " + extra),
                   ImVec2(button_width, KioskButtonHeight()), ButtonStyle::Secondary))
            clicked = i;
    }
    if (paged) {
        const float pager = 11.0f * Em();
        if (Button(app, "kiosk.names.previous", "\u25C0 Previous names", ImVec2(pager, KioskButtonHeight()),
                   ButtonStyle::Secondary, page > 0))
            --page;
        ImGui::SameLine();
        RowText("Page " + std::to_string(page + 1) + " of " + std::to_string(pages), theme::kMuted);
        ImGui::SameLine();
        if (Button(app, "kiosk.names.more", "More names \u25B6", ImVec2(pager, KioskButtonHeight()), ButtonStyle::Secondary,
                   page + 1 < pages))
            ++page;
    }
    ImGui::PopStyleVar();
    ImGui::PopFont();
    return clicked;
}

bool KioskTile(App& app, const std::string& id, const std::string& title, const std::string& detail, ImVec2 size,
               bool selected, bool enabled, bool primary) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(id.c_str(), size) && enabled;
    const bool held = enabled && ImGui::IsItemActive();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float em = Em();
    const ImVec2 end(at.x + size.x, at.y + size.y);
    unsigned back = selected ? 0xFFF1D6 : theme::kSecondary;
    if (held) back = theme::kSecondaryHover;
    if (primary) back = held ? theme::kPrimaryActive : theme::kPrimary;
    if (!enabled) back = theme::kDisabled;
    draw->AddRectFilled(at, end, theme::Rgb(back), 0.3f * em);
    if (selected) draw->AddRect(at, end, theme::Rgb(theme::kSelected), 0.3f * em, 0, 0.25f * em);
    else draw->AddRect(at, end, theme::Rgb(0x6B6B6B), 0.3f * em, 0, 2.0f);
    const float pad = 0.7f * em;
    const float arrow = primary ? 2.5f * em : 0.0f;
    const float wrap = size.x - 2.0f * pad - arrow;
    const std::string shown = selected ? kTick + title : title;
    ImFont* bold = app.GetFonts().heading;
    const ImVec2 title_size = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, wrap, shown.c_str());
    const float detail_size = detail.empty() ? 0.0f
                                             : ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize(), FLT_MAX, wrap, detail.c_str()).y;
    const float block = title_size.y + (detail.empty() ? 0.0f : 0.2f * em + detail_size);
    const float y = at.y + std::max(pad * 0.5f, (size.y - block) * 0.5f);
    const ImVec4 clip(at.x, at.y, end.x, end.y);
    const unsigned ink = !enabled ? theme::kDisabledInk : primary ? 0xFFFFFF : theme::kInk;
    const unsigned muted = !enabled ? theme::kDisabledInk : primary ? 0xFFFFFF : theme::kMuted;
    draw->AddText(bold, bold->FontSize, ImVec2(at.x + pad, y), theme::Rgb(ink), shown.c_str(), nullptr, wrap, &clip);
    if (!detail.empty())
        draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(at.x + pad, y + title_size.y + 0.2f * em),
                      theme::Rgb(muted), detail.c_str(), nullptr, wrap, &clip);
    if (primary) {
        ImFont* display = app.GetFonts().display;
        const ImVec2 arrow_size = display->CalcTextSizeA(display->FontSize, FLT_MAX, 0.0f, "\u25B6");
        draw->AddText(display, display->FontSize, ImVec2(end.x - pad - arrow_size.x, at.y + (size.y - arrow_size.y) * 0.5f),
                      theme::Rgb(ink), "\u25B6");
    }
    if (enabled) RecordLastItem(app, id, shown);
    return pressed;
}

bool VotedInVisitPolls(App& app, const std::string& member_id) {
    const auto& view = app.Workshop();
    if (!view) return false;
    for (const auto& record : view->record.polls) {
        const auto& ids = app.kiosk.visit.poll_ids;
        if (std::find(ids.begin(), ids.end(), record.poll.id) == ids.end()) continue;
        if (std::find(record.voters.begin(), record.voters.end(), member_id) != record.voters.end()) return true;
    }
    return false;
}

void ProjectorPollCount(App& app, const std::string& status, int ballots, size_t voters) {
    if (!app.IsProjector()) return;
    const int guests = ballots - static_cast<int>(voters);
    if (guests <= 0) {
        RecordReadout(app, "poll.count", status);
        return;
    }
    const std::string more = "+ " + std::to_string(guests) + (guests == 1 ? " guest ballot" : " guest ballots");
    RecordReadout(app, "poll.count", status + " " + more);
    ImGui::SameLine(0, Em());
    ImGui::PushFont(app.GetFonts().heading);
    ImGui::TextColored(theme::Vec(theme::kMuted), "%s", more.c_str());
    ImGui::PopFont();
}

std::vector<Poll> VisitPolls(App& app) {
    const KioskOffer& offer = app.KioskOfferNow();
    if (offer.PollIds() != app.kiosk.visit.poll_ids) return {};
    return offer.polls;
}

}  // namespace kiosk

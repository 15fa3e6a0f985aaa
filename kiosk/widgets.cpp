#include "kiosk/widgets.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <ctime>

#include "kiosk/app.h"
#include "kiosk/theme.h"

namespace kiosk {

float Em() {
    const ImFont* font = ImGui::GetIO().FontDefault;
    return font ? font->FontSize : ImGui::GetFontSize();
}

const char* const kTick = "\u2713 ";

// Records the visible part of the last item: a widget scrolled out of its region is not listed, so a test
// never clicks where the widget cannot be reached.
void RecordLastItem(App& app, const std::string& id, const std::string& label) {
    if (!ImGui::IsItemVisible()) return;
    const ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 clip_min = draw->GetClipRectMin();
    const ImVec2 clip_max = draw->GetClipRectMax();
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    const float x0 = std::max(min.x, clip_min.x), y0 = std::max(min.y, clip_min.y);
    const float x1 = std::min(max.x, clip_max.x), y1 = std::min(max.y, clip_max.y);
    // Less than half of it showing: not reachable with confidence, so not listed.
    if (x1 <= x0 || y1 <= y0 || (x1 - x0) * (y1 - y0) < 0.5f * (max.x - min.x) * (max.y - min.y)) return;
    app.Layout().Record(id, label, x0, y0, x1, y1);
}

bool Button(App& app, const std::string& id, const std::string& label, ImVec2 size, ButtonStyle style, bool enabled) {
    if (size.y <= 0) size.y = TouchHeight();
    if (size.x <= 0) size.x = ImGui::CalcTextSize(label.c_str()).x + 2.0f * Em();
    int colors = 0;
    if (!enabled) {
        ImGui::PushStyleColor(ImGuiCol_Button, theme::Vec(theme::kDisabled));
        ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(theme::kDisabledInk));
        colors = 2;
    } else if (style == ButtonStyle::Secondary) {
        ImGui::PushStyleColor(ImGuiCol_Button, theme::Vec(theme::kSecondary));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, theme::Vec(theme::kSecondaryHover));
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, theme::Vec(0xB8B8B0));
        ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(theme::kInk));
        colors = 4;
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(0xFFFFFF));
        colors = 1;
    }
    if (style == ButtonStyle::Selected && enabled) {
        ImGui::PushStyleColor(ImGuiCol_Border, theme::Vec(theme::kSelected));
        ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.25f * Em());
    } else {
        ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(0, 0, 0, 0));
        ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);
    }
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 0.3f * Em());
    if (!enabled) ImGui::BeginDisabled();
    // "###id": ImGui's identity comes from the stable id, so the label may change freely.
    const bool pressed = ImGui::Button((label + "###" + id).c_str(), size);
    if (!enabled) ImGui::EndDisabled();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(colors + 1);
    if (enabled) RecordLastItem(app, id, label);
    return pressed && enabled;
}

float MinorTextScale(const App& app, float scale) { return app.IsProjector() ? 1.0f : scale; }

void RecordReadout(App& app, const std::string& id, const std::string& text) {
    if (!ImGui::IsItemVisible()) return;
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    app.Layout().RecordReadout(id, text, min.x, min.y, max.x, max.y);
}

bool Tile(App& app, const std::string& id, const std::string& title, const std::string& detail, ImVec2 size,
          bool enabled, bool selected) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(id.c_str(), size) && enabled;
    const bool held = ImGui::IsItemActive();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float em = Em();
    const unsigned back = !enabled ? theme::kDisabled : held ? theme::kPrimaryActive : theme::kPrimary;
    const unsigned ink = enabled ? 0xFFFFFF : theme::kDisabledInk;
    draw->AddRectFilled(at, ImVec2(at.x + size.x, at.y + size.y), theme::Rgb(back), 0.3f * em);
    if (selected) draw->AddRect(at, ImVec2(at.x + size.x, at.y + size.y), theme::Rgb(theme::kSelected), 0.3f * em, 0, 0.25f * em);
    const float pad = 0.5f * em;
    ImGui::PushFont(app.GetFonts().bold);
    const ImVec2 title_size = ImGui::CalcTextSize(title.c_str());
    draw->AddText(ImVec2(at.x + (size.x - title_size.x) * 0.5f, at.y + pad), theme::Rgb(ink), title.c_str());
    ImGui::PopFont();
    if (!detail.empty())
        draw->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.85f, ImVec2(at.x + pad, at.y + pad + title_size.y + 0.2f * em),
                      theme::Rgb(ink), detail.c_str(), nullptr, size.x - 2 * pad);
    if (enabled) RecordLastItem(app, id, title);
    return pressed;
}

bool TextField(App& app, const std::string& id, const char* hint, char* buffer, size_t size, float width,
               bool* submitted, bool focus) {
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.5f * Em(), 0.6f * Em()));
    ImGui::SetNextItemWidth(width);
    if (focus) ImGui::SetKeyboardFocusHere();
    const bool enter = ImGui::InputTextWithHint(("##" + id).c_str(), hint, buffer, size, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::PopStyleVar();
    RecordLastItem(app, id, hint ? hint : "");
    if (submitted) *submitted = enter;
    return enter;
}

bool TextArea(App& app, const std::string& id, char* buffer, size_t size, ImVec2 area, bool focus) {
    if (focus) ImGui::SetKeyboardFocusHere();
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.5f * Em(), 0.4f * Em()));
    const bool changed = ImGui::InputTextMultiline(("##" + id).c_str(), buffer, size, area);
    ImGui::PopStyleVar();
    RecordLastItem(app, id, "");
    return changed;
}

void Wrapped(const std::string& text, unsigned rgb) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(rgb));
    // One pixel short of the edge: a word longer than a line is cut at any letter, and that line, a fraction
    // of a pixel short of the edge, is counted whole pixels wide (rounded up), so it would reach one past it.
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - kWrapMargin);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

float PageLineRoom(App& app, const std::string& key) {
    return app.IsProjector() && app.WasTurningPages(key) ? ImGui::GetTextLineHeightWithSpacing() : 0.0f;
}

std::string TurnListPages(App& app, const std::string& key) {
    app.NotePagedPanel(ImGui::GetCurrentWindow()->ID);
    const float max_scroll = ImGui::GetScrollMaxY();  // from the last frame's content
    if (max_scroll < 1.0f) {
        ImGui::SetScrollY(0.0f);
        return {};
    }
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float step = std::max(line, ImGui::GetWindowHeight() - line);
    const int pages = 1 + static_cast<int>(std::ceil((max_scroll - 0.5f) / step));
    const int page = TurnedPage(app, pages);
    ImGui::SetScrollY(std::min(static_cast<float>(page) * step, max_scroll));
    app.NoteTurningPages(key);
    return PageText(page, pages);
}

int TurnedPage(App& app, int pages) {
    app.NotePages(std::max(app.Pages(), pages));
    if (pages <= 1) return 0;
    app.KeepTicking();
    if (app.PinnedPage() >= 0) return std::min(app.PinnedPage(), pages - 1);
    return static_cast<int>((static_cast<long long>(std::time(nullptr)) / kSecondsPerPage) % pages);
}

std::string PageText(int page, int pages) {
    std::string marks;
    for (int i = 0; i < pages; ++i) marks += i == page ? "\u25CF" : "\u25CB";
    return "Page " + std::to_string(page + 1) + " of " + std::to_string(pages) + "  " + marks + "  (turns every " +
           std::to_string(kSecondsPerPage) + " s)";
}

void PageLine(App& app, const char* readout_id, const std::string& where) {
    if (where.empty()) return;
    Wrapped(where, theme::kMuted);
    RecordReadout(app, readout_id, where);
}

void Heading(App& app, const std::string& text) {
    ImGui::PushFont(app.GetFonts().heading);
    Wrapped(text);
    ImGui::PopFont();
}

void Message(const std::string& text, bool is_error) {
    if (text.empty()) return;
    Wrapped((is_error ? "\u26A0 " : "\u2713 ") + text, is_error ? theme::kError : theme::kSuccess);
}

void BarChart(App& app, const facilitation::Tally& tally, ImVec2 size) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float em = Em();
    const int count = static_cast<int>(tally.options.size());
    if (count == 0) return;
    float label_width = 0;
    for (const auto& option : tally.options) label_width = std::max(label_width, ImGui::CalcTextSize(option.label.c_str()).x);
    label_width += em;
    const float row = std::min(size.y / static_cast<float>(count), 3.0f * em);
    const float bar_height = row * 0.7f;
    const float count_width = 4.5f * em;
    const float bar_space = std::max(em, size.x - label_width - count_width);
    const int most = std::max(1, tally.MaxVotes());
    for (int i = 0; i < count; ++i) {
        const auto& option = tally.options[static_cast<size_t>(i)];
        const float y = origin.y + static_cast<float>(i) * row;
        const float text_y = y + (bar_height - ImGui::GetFontSize()) * 0.5f;
        draw->AddText(ImVec2(origin.x, text_y), theme::Rgb(theme::kInk), option.label.c_str());
        const float x0 = origin.x + label_width;
        const float width = bar_space * static_cast<float>(option.votes) / static_cast<float>(most);
        draw->AddRectFilled(ImVec2(x0, y), ImVec2(x0 + bar_space, y + bar_height), theme::Rgb(theme::kPanel), 0.2f * em);
        if (option.votes > 0)
            draw->AddRectFilled(ImVec2(x0, y), ImVec2(x0 + width, y + bar_height),
                                theme::Rgb(theme::kChart[static_cast<size_t>(i) % 7]), 0.2f * em);
        draw->AddRect(ImVec2(x0, y), ImVec2(x0 + bar_space, y + bar_height), theme::Rgb(0x6B6B6B), 0.2f * em, 0, 2.0f);
        const std::string votes = std::to_string(option.votes);
        const bool leads = std::find(tally.leaders.begin(), tally.leaders.end(), option.key) != tally.leaders.end();
        ImGui::PushFont(app.GetFonts().bold);
        draw->AddText(ImVec2(x0 + bar_space + 0.5f * em, text_y), theme::Rgb(theme::kInk),
                      (votes + (leads ? (tally.IsTie() ? " tie" : " \u2190") : "")).c_str());
        ImGui::PopFont();
    }
    ImGui::Dummy(ImVec2(size.x, row * static_cast<float>(count)));
}

int NameGrid(App& app, const std::string& id_prefix, const std::vector<facilitation::Participant>& people,
             const std::function<bool(const facilitation::Participant&)>& selected,
             const std::function<bool(const facilitation::Participant&)>& marked, float button_width) {
    if (button_width <= 0) button_width = 11.0f * Em();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::GetContentRegionAvail().x;
    const int columns = std::max(1, static_cast<int>((width + style.ItemSpacing.x) / (button_width + style.ItemSpacing.x)));
    int clicked = -1;
    for (size_t i = 0; i < people.size(); ++i) {
        if (i % static_cast<size_t>(columns) != 0) ImGui::SameLine();
        const bool is_selected = selected && selected(people[i]);
        const std::string label = people[i].name + (marked && marked(people[i]) ? "  \u2713" : "");
        if (Button(app, id_prefix + "." + std::to_string(i), label, ImVec2(button_width, 0),
                   is_selected ? ButtonStyle::Selected : ButtonStyle::Secondary))
            clicked = static_cast<int>(i);
    }
    return clicked;
}

float NameButtonWidth(const std::vector<facilitation::Participant>& people, float width, int* columns) {
    const ImGuiStyle& style = ImGui::GetStyle();
    float widest = 0;
    for (const auto& p : people) widest = std::max(widest, ImGui::CalcTextSize((p.name + "  \u2713").c_str()).x);
    const float fitting = std::clamp(widest + 1.2f * Em(), 8.0f * Em(), 16.0f * Em());
    *columns = std::max(1, static_cast<int>((width + style.ItemSpacing.x) / (fitting + style.ItemSpacing.x)));
    return std::max(fitting, (width - style.ScrollbarSize - style.ItemSpacing.x * static_cast<float>(*columns - 1)) /
                                 static_cast<float>(*columns) - 1.0f);
}

bool ScaleButtons(App& app, const std::string& id_prefix, int min, int max, int& value,
                  const std::vector<std::string>& labels, float button_width) {
    bool changed = false;
    for (int v = min; v <= max; ++v) {
        if (v > min) ImGui::SameLine(0, 0.3f * Em());
        const size_t index = static_cast<size_t>(v - min);
        std::string label = index < labels.size() ? labels[index] : (v > 0 && min < 0 ? "+" : "") + std::to_string(v);
        if (v == value) label = "\u2713 " + label;
        const float w = button_width > 0 ? button_width : std::max(3.0f * Em(), ImGui::CalcTextSize(label.c_str()).x + 1.2f * Em());
        if (Button(app, id_prefix + "." + std::to_string(v), label, ImVec2(w, 0),
                   v == value ? ButtonStyle::Selected : ButtonStyle::Secondary) &&
            value != v) {
            value = v;
            changed = true;
        }
    }
    return changed;
}

bool Stepper(App& app, const std::string& id, int& value, int min, int max) {
    bool changed = false;
    if (Button(app, id + ".less", "\u2212", ImVec2(TouchHeight(), 0), ButtonStyle::Secondary, value > min)) {
        --value;
        changed = true;
    }
    ImGui::SameLine();
    ImGui::PushFont(app.GetFonts().heading);
    const std::string text = std::to_string(value);
    const float cell = 2.0f * Em();
    const float y = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(y + (TouchHeight() - ImGui::GetTextLineHeight()) * 0.5f);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (cell - ImGui::CalcTextSize(text.c_str()).x) * 0.5f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::SetCursorPosY(y);
    if (Button(app, id + ".more", "+", ImVec2(TouchHeight(), 0), ButtonStyle::Secondary, value < max)) {
        ++value;
        changed = true;
    }
    return changed;
}

void RowText(const std::string& text, unsigned rgb, ImFont* font) {
    if (font) ImGui::PushFont(font);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddText(ImVec2(at.x, at.y + (TouchHeight() - size.y) * 0.5f), theme::Rgb(rgb),
                                        text.c_str());
    if (font) ImGui::PopFont();
    ImGui::Dummy(ImVec2(size.x, TouchHeight()));
}

bool SideText(App& app, const std::string& id, const std::string& text, unsigned rgb, bool is_message) {
    const float width = std::max(Em(), ImGui::GetContentRegionAvail().x);
    const float text_height = ImGui::CalcTextSize(text.c_str(), nullptr, false, width).y;
    const float height = std::max(TouchHeight(), text_height);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                                        ImVec2(at.x, at.y + (height - text_height) * 0.5f), theme::Rgb(rgb), text.c_str(),
                                        nullptr, width);
    if (!is_message) {
        ImGui::Dummy(ImVec2(width, height));
        return false;
    }
    const bool pressed = ImGui::InvisibleButton(id.c_str(), ImVec2(width, height));
    RecordLastItem(app, id, text);
    return pressed;
}

float ToggleWidth(const std::string& label) {
    return std::max(TouchHeight(), ImGui::CalcTextSize((kTick + label).c_str()).x + 0.8f * Em());
}

bool Toggle(App& app, const std::string& id, const std::string& label, bool chosen, float width) {
    if (width <= 0) width = ToggleWidth(label);
    // Padding to match ToggleWidth: the label (and its tick) never clipped.
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.35f * Em(), ImGui::GetStyle().FramePadding.y));
    const bool pressed = Button(app, id, chosen ? kTick + label : label, ImVec2(width, 0),
                                chosen ? ButtonStyle::Selected : ButtonStyle::Secondary);
    ImGui::PopStyleVar();
    return pressed;
}

}  // namespace kiosk

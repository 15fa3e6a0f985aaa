// Voice: short items the community wants its sponsor or the organization to hear.
// The facilitator types an item (Enter adds it), and it goes to the audience picked above the two columns:
// each column's heading is a toggle ("to our sponsor" / "to the organization"), outlined and ticked when picked,
// and the Add button names it too. Each item can be removed (retracted). A blank or too long item is refused
// by the store, and its message is shown. A finished workshop and the tour show the two lists only.
#include <imgui.h>

#include <algorithm>

#include "facilitation/domain/decisions.h"
#include "kiosk/app.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

namespace {
struct Audience {
    const char* key;      // stored
    const char* label;    // on the toggle: "to our sponsor"
    const char* heading;  // read-only: "To our sponsor"
    const char* add;      // on the Add button
};
constexpr Audience kAudiences[] = {
    {"sponsor", "to our sponsor", "To our sponsor", "+  Add for our sponsor"},
    {"organization", "to the organization", "To the organization", "+  Add for the organization"}};

// Characters as a person counts them (UTF-8 code points), for the counter beside the field.
int CountChars(const char* text) {
    int count = 0;
    for (const char* c = text; *c; ++c)
        if ((static_cast<unsigned char>(*c) & 0xC0) != 0x80) ++count;
    return count;
}

std::string Items(size_t n) { return std::to_string(n) + (n == 1 ? " item" : " items"); }

void AddItem(App& app, const WorkshopView& view, VoiceScratch& s) {
    const std::string text = s.text;
    const std::string audience = s.audience;
    if (app.Try(s.message, [&] { app.Store()->AddVoice(view.workshop.id, audience, text); })) {
        s.message = audience == "sponsor" ? "Added: for our sponsor." : "Added: for the organization.";
        s.message_is_error = false;
        s.text[0] = '\0';
    } else {
        s.message_is_error = true;  // the text stays in the field, to be corrected
    }
    s.focus_text = true;
}

// One audience's column: its heading (a toggle while editing), then its items, each removable.
void DrawColumn(App& app, const WorkshopView& view, VoiceScratch& s, const Audience& audience, ImVec2 size, bool running) {
    size_t count = 0;
    for (const VoiceItem& item : view.record.voice) count += item.audience == audience.key;
    ImGui::BeginGroup();
    if (running) {
        const bool picked = s.audience == audience.key;
        const std::string label = (picked ? "\u2713  " : "") + std::string(audience.label) + "  \u00B7  " + Items(count);
        if (Button(app, std::string("voice.audience.") + audience.key, label, ImVec2(size.x, 0),
                   picked ? ButtonStyle::Selected : ButtonStyle::Secondary)) {
            s.audience = audience.key;
            s.focus_text = true;
        }
    } else {
        ImGui::PushFont(app.GetFonts().heading);
        ImGui::TextUnformatted((std::string(audience.heading) + "  \u00B7  " + Items(count)).c_str());
        ImGui::PopFont();
    }
    // The projector turns a long list's pages by itself (nobody can scroll it): a line under it says which page.
    const bool paged = app.IsProjector();
    const std::string list_key = std::string("voice.") + audience.key;
    const float page_line = PageLineRoom(app, list_key);
    const float list_height =
        std::max(TouchHeight(), size.y - (ImGui::GetCursorScreenPos().y - ImGui::GetItemRectMin().y) - page_line);
    ImGui::BeginChild((std::string("##voice-") + audience.key).c_str(), ImVec2(size.x, list_height), false,
                      paged ? ImGuiWindowFlags_NoScrollbar : ImGuiWindowFlags_None);
    const float width = ImGui::GetContentRegionAvail().x;
    if (count == 0) Wrapped(running ? "Nothing yet: type an item above." : "Nothing was said.", theme::kMuted);
    for (size_t i = 0; i < view.record.voice.size(); ++i) {
        const VoiceItem& item = view.record.voice[i];
        if (item.audience != audience.key) continue;
        const float top = ImGui::GetCursorPosY();
        if (running) {
            if (Button(app, "voice.remove." + std::to_string(i), "\u2717", ImVec2(TouchHeight(), 0), ButtonStyle::Secondary)) {
                const std::string id = item.id;
                s.message_is_error = !app.Try(s.message, [&] { app.Store()->RetractVoice(view.workshop.id, id); });
                if (!s.message_is_error) s.message = "Removed.";
            }
            const float bottom = ImGui::GetCursorPosY();
            ImGui::SameLine();
            ImGui::SetCursorPosY(top + (TouchHeight() - ImGui::GetTextLineHeight()) * 0.5f);
            ImGui::PushTextWrapPos(width);
            ImGui::TextUnformatted(item.text.c_str());
            ImGui::PopTextWrapPos();
            ImGui::SetCursorPosY(std::max(bottom, ImGui::GetCursorPosY()));
        } else {
            ImGui::TextUnformatted("\u2022");
            ImGui::SameLine();
            ImGui::PushTextWrapPos(width);
            ImGui::TextUnformatted(item.text.c_str());
            ImGui::PopTextWrapPos();
        }
    }
    const std::string where = paged ? TurnListPages(app, list_key) : std::string();
    ImGui::EndChild();
    PageLine(app, (std::string("voice.page.") + audience.key).c_str(), where);
    ImGui::EndGroup();
}
}  // namespace

void DrawVoiceScreen(App& app) {
    if (!BeginStage(app)) return;
    VoiceScratch& s = app.voice;
    const auto& view = *app.Workshop();
    const bool running = app.CanRecord();
    const float em = Em();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::GetContentRegionAvail().x;
    if (running) {
        // The item, Enter or Add; the Add button names the audience it goes to.
        std::string add_label = kAudiences[0].add;
        float add_width = 0;  // the wider of the two labels: the button does not jump when the audience changes
        for (const Audience& a : kAudiences) {
            add_width = std::max(add_width, ImGui::CalcTextSize(a.add).x + 2.0f * em);
            if (s.audience == a.key) add_label = a.add;
        }
        const int chars = CountChars(s.text);
        const std::string counter = std::to_string(chars) + " / " + std::to_string(kMaxVoiceChars);
        const float counter_width = ImGui::CalcTextSize(("\u26A0 0000 / " + std::to_string(kMaxVoiceChars)).c_str()).x;
        bool submitted = false;
        const float top = ImGui::GetCursorPosY();
        const float left = ImGui::GetCursorPosX();
        TextField(app, "voice.text", "Type what we want them to hear, then press Enter", s.text, sizeof s.text,
                  width - add_width - counter_width - 2.0f * style.ItemSpacing.x, &submitted, s.focus_text);
        s.focus_text = false;
        ImGui::SameLine();
        // The counter sits on the field's line of text. Over the limit it gains a warning sign, not colour alone;
        // the store refuses such an item with its own message.
        ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(chars > kMaxVoiceChars ? theme::kError : theme::kMuted));
        ImGui::TextUnformatted(chars > kMaxVoiceChars ? ("\u26A0 " + counter).c_str() : counter.c_str());
        ImGui::PopStyleColor();
        ImGui::SameLine(left + width - add_width);
        ImGui::SetCursorPosY(top);
        if (Button(app, "voice.add", add_label, ImVec2(add_width, 0)) || submitted) AddItem(app, view, s);
        Message(s.message, s.message_is_error);
        ImGui::Spacing();
    }
    // The two audiences side by side, each list scrolling on its own when it is long.
    // Inset a little, so that the outline of the picked audience is never cut at the region's edge.
    const float inset = 0.2f * em;
    const float gap = 1.0f * em;
    const float column = (width - gap - 2.0f * inset) * 0.5f;
    const float height = ImGui::GetContentRegionAvail().y - inset;
    ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + inset, ImGui::GetCursorPosY() + inset));
    DrawColumn(app, view, s, kAudiences[0], ImVec2(column, height), running);
    ImGui::SameLine(0, gap);
    DrawColumn(app, view, s, kAudiences[1], ImVec2(column, height), running);
    EndStage(app);
}

}  // namespace kiosk

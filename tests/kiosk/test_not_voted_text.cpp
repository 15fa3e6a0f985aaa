// "Not voted yet" on the facilitator's console, measured with a real ImGui font: a long room's list is held to
// two lines and still accounts for everyone (kiosk/not_voted_text.h).
#include <catch2/catch.hpp>
#include <imgui.h>

#include <string>
#include <vector>

#include "kiosk/not_voted_text.h"

using facilitation::Participant;

namespace {
// An ImGui context with its built-in font, built so that text can be measured (no window, no OpenGL).
struct FontContext {
    ImGuiContext* context = ImGui::CreateContext();
    ImFont* font = nullptr;
    FontContext() {
        font = ImGui::GetIO().Fonts->AddFontDefault();
        unsigned char* pixels = nullptr;
        int width = 0, height = 0;
        ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
    }
    ~FontContext() { ImGui::DestroyContext(context); }
    float Lines(const std::string& text, float size, float width) const {
        return font->CalcTextSizeA(size, 1e9f, width, text.c_str()).y / size;
    }
};

std::vector<Participant> Room(int people) {
    std::vector<Participant> room;
    for (int i = 0; i < people; ++i)
        room.push_back({"id-" + std::to_string(i), "Person " + std::to_string(i + 1) + " Example-Longname", ""});
    return room;
}

// How many names a shortened text names, and the number it says are left.
std::pair<int, int> NamedAndMore(const std::string& text) {
    const size_t colon = text.find("): ");
    const size_t more = text.rfind("\u2026 and ");
    REQUIRE(colon != std::string::npos);
    REQUIRE(more != std::string::npos);
    int named = 0;
    for (size_t at = text.find("Person ", colon); at != std::string::npos && at < more; at = text.find("Person ", at + 1))
        ++named;
    return {named, std::stoi(text.substr(more + std::string("\u2026 and ").size()))};
}
}  // namespace

TEST_CASE("not voted: a short list is said whole", "[not_voted]") {
    FontContext fonts;
    const auto room = Room(4);
    const std::string text = kiosk::NotVotedYetFitted(room, {"id-1"}, fonts.font, 13.0f, 800.0f, 2);
    CHECK(text == kiosk::NotVotedYetText(room, {"id-1"}));
    CHECK(text == "Not voted yet: Person 1 Example-Longname, Person 3 Example-Longname, Person 4 Example-Longname.");
    CHECK(kiosk::NotVotedYetFitted(room, {"id-0", "id-1", "id-2", "id-3"}, fonts.font, 13.0f, 800.0f, 2) ==
          "Everyone checked in has voted.");
}

TEST_CASE("not voted: forty names fit in two lines and everyone is counted", "[not_voted]") {
    FontContext fonts;
    const auto room = Room(40);
    for (const float width : {300.0f, 800.0f, 1800.0f}) {
        CAPTURE(width);
        const std::string whole = kiosk::NotVotedYetText(room, {"id-5"});
        REQUIRE(fonts.Lines(whole, 13.0f, width) > 2.5f);  // the case this is for: the whole list is longer
        const std::string text = kiosk::NotVotedYetFitted(room, {"id-5"}, fonts.font, 13.0f, width, 2);
        CAPTURE(text);
        CHECK(text.rfind("Not voted yet (39): ", 0) == 0);
        CHECK(fonts.Lines(text, 13.0f, width) <= 2.01f);
        const auto [named, more] = NamedAndMore(text);
        CHECK(named + more == 39);
        CHECK(text.find("Person 6 ") == std::string::npos);  // the one who voted is never named
        // As many names as fit: with the next one, the text would not.
        std::vector<Participant> waiting;
        for (const auto& p : room)
            if (p.id != "id-5") waiting.push_back(p);
        const size_t cut = text.rfind("\u2026 and ");
        const std::string one_more = text.substr(0, cut) + waiting[static_cast<size_t>(named)].name + ", \u2026 and " +
                                     std::to_string(more - 1) + " more.";
        CHECK(fonts.Lines(one_more, 13.0f, width) > 2.01f);
    }
}

// Who has not voted yet, as the facilitator's console says it (kiosk/not_voted_text.h).
#include "kiosk/not_voted_text.h"

#include "facilitation/domain/room.h"

namespace kiosk {

using facilitation::Participant;

std::string NotVotedYetText(const std::vector<Participant>& people, const std::vector<std::string>& voter_ids) {
    const std::vector<Participant> waiting = NotVotedYet(people, voter_ids);
    if (waiting.empty()) return "Everyone checked in has voted.";
    std::string names;
    for (const Participant& p : waiting) names += (names.empty() ? "" : ", ") + p.name;
    return "Not voted yet: " + names + ".";
}

std::string NotVotedYetFitted(const std::vector<Participant>& people, const std::vector<std::string>& voter_ids,
                              ImFont* font, float size, float width, int lines) {
    const std::string whole = NotVotedYetText(people, voter_ids);
    auto height = [&](const std::string& text) { return font->CalcTextSizeA(size, 1e9f, width, text.c_str()).y; };
    const float room = static_cast<float>(lines) * size * 1.01f;  // a line of text is FontSize tall
    if (height(whole) <= room) return whole;
    const std::vector<Participant> waiting = NotVotedYet(people, voter_ids);
    auto shortened = [&](size_t named) {
        std::string text = "Not voted yet (" + std::to_string(waiting.size()) + "): ";
        for (size_t i = 0; i < named; ++i) text += waiting[i].name + ", ";
        return text + "\u2026 and " + std::to_string(waiting.size() - named) + " more.";
    };
    size_t low = 0, high = waiting.size() - 1;  // the most names that fit, at least none
    while (low < high) {
        const size_t mid = (low + high + 1) / 2;
        if (height(shortened(mid)) <= room) low = mid;
        else high = mid - 1;
    }
    return shortened(low);
}

}  // namespace kiosk

// Who has not voted yet, as the facilitator's console says it: names only, never what anyone chose. Apart from
// the screens (no App), so that a unit test can measure it with a real ImGui font (tests/kiosk/test_not_voted_text.cpp).
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

#include "facilitation/model.h"

namespace kiosk {

// "Not voted yet: Ana, Ben." (the names of those checked in who have not voted, never what anyone chose), or
// that everyone has. VoteRow shows it on the facilitator's console, with the readout "poll.not_voted".
std::string NotVotedYetText(const std::vector<facilitation::Participant>& people,
                            const std::vector<std::string>& voter_ids);
// The same in at most `lines` lines of `font` at `size` wrapped at `width`: a long list names those it has room for
// and counts the rest, "Not voted yet (40): Ana, Ben, \u2026 and 38 more." (40 names took six lines of the
// console and pushed the vote's own tiles out of view).
std::string NotVotedYetFitted(const std::vector<facilitation::Participant>& people,
                              const std::vector<std::string>& voter_ids, ImFont* font, float size, float width, int lines);

}  // namespace kiosk

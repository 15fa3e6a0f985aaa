// The kiosk's way in and way out of a visit: the start (what can be done now), picking one's name, the
// thank-you, the notice when something closed mid-way, and the error screen (no way out but the facilitator).
#include <imgui.h>

#include <algorithm>

#include "facilitation/domain/kiosk.h"
#include "kiosk/app.h"
#include "kiosk/screens/kiosk_common.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

namespace {
// The facilitator's way in: small, in the corner, still a full touch target.
void FacilitatorButton(App& app) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const std::string label = "Facilitator";
    const float width = ImGui::CalcTextSize(label.c_str()).x + 2.0f * Em();
    ImGui::SetCursorPos(ImVec2(ImGui::GetWindowContentRegionMax().x - width,
                               ImGui::GetWindowHeight() - style.WindowPadding.y - TouchHeight()));
    if (Button(app, "kiosk.facilitator", label, ImVec2(width, TouchHeight()), ButtonStyle::Secondary)) {
        app.kiosk.pin.clear();
        app.kiosk.pin_message.clear();
        app.kiosk.pin_accepted = false;
        app.Show(ScreenId::KioskPin);
    }
}

void Waiting(App& app, const std::string& title, const std::string& line) {
    KioskHeader(app, title);
    ImGui::Dummy(ImVec2(0, 2.0f * Em()));
    ImGui::PushFont(app.GetFonts().display);
    Wrapped(line, theme::kMuted);
    ImGui::PopFont();
    RecordReadout(app, "kiosk.waiting", line);
    ImGui::PushFont(app.GetFonts().heading);
    Wrapped("When there is something to do, it appears here.", theme::kMuted);
    ImGui::PopFont();
}

std::string VoteDetail(App& app, const std::vector<Poll>& polls) {
    const auto& view = *app.Workshop();
    const bool anonymous = std::all_of(polls.begin(), polls.end(), [](const Poll& p) { return p.anonymous; });
    size_t voted = 0;
    for (const auto& record : view.record.polls)
        if (record.poll.id == polls.back().id) voted = record.voters.size();
    std::string detail = anonymous ? "Anonymous: nobody can see what you choose." : "Named ballot: one per person.";
    detail += "  " + std::to_string(voted) + " of " + std::to_string(view.participants.size()) + " have voted.";
    if (polls.size() > 1) detail += "  " + std::to_string(polls.size()) + " parts, one after the other.";
    return detail;
}
}  // namespace

void DrawKioskStartScreen(App& app) {
    const auto& view = app.Workshop();
    const KioskOffer& offer = app.KioskOfferNow();
    if (!view || !view->workshop.IsRunning()) {
        Waiting(app, "Welcome", "Waiting for the workshop to start.");
    } else if (offer.Nothing()) {
        Waiting(app, "Welcome", "Waiting for the facilitator to open a vote.");
    } else {
        KioskHeader(app, "Welcome! What would you like to do?");
        const float width = ImGui::GetContentRegionAvail().x;
        const float gap = 0.8f * Em();
        const int tiles = (offer.Vote() ? 1 : 0) + (offer.roles ? 1 : 0) + (offer.commitments ? 1 : 0);
        const float room = ImGui::GetContentRegionAvail().y - TouchHeight() - Em();
        const float height = std::clamp((room - gap * static_cast<float>(tiles - 1)) / static_cast<float>(tiles),
                                        KioskButtonHeight(), 6.0f * Em());
        std::string offered;
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
        if (offer.Vote()) {
            offered += "vote;";
            if (KioskTile(app, "kiosk.start.vote", KioskVoteTitle(offer.polls), VoteDetail(app, offer.polls),
                          ImVec2(width, height), false, true, true)) {
                app.kiosk.visit = KioskVisit{};
                app.kiosk.visit.task = KioskTask::Vote;
                app.kiosk.visit.poll_ids = offer.PollIds();
                app.Show(ScreenId::KioskName);
            }
        }
        if (offer.roles) {
            offered += "role;";
            if (KioskTile(app, "kiosk.start.role", "Claim a role",
                          "See who holds which role and which are vacant, and take one on.", ImVec2(width, height), false, true, true)) {
                app.kiosk.visit = KioskVisit{};
                app.kiosk.visit.task = KioskTask::Role;
                app.Show(ScreenId::KioskName);
            }
        }
        if (offer.commitments) {
            offered += "commitment;";
            if (KioskTile(app, "kiosk.start.commitment", "Make a commitment",
                          "Say what you will do for the community, and by when.", ImVec2(width, height), false, true, true)) {
                app.kiosk.visit = KioskVisit{};
                app.kiosk.visit.task = KioskTask::Commitment;
                app.Show(ScreenId::KioskName);
            }
        }
        ImGui::PopStyleVar();
        RecordReadout(app, "kiosk.offer", offered);
    }
    FacilitatorButton(app);
}

void DrawKioskNameScreen(App& app) {
    const auto& view = app.Workshop();
    KioskVisit& visit = app.kiosk.visit;
    if (!view || visit.task == KioskTask::None) {
        app.KioskStartOver();
        return;
    }
    const KioskOffer& offer = app.KioskOfferNow();
    std::string title = "Who is voting?";
    std::string line = "Tap your name.";
    if (visit.task == KioskTask::Vote) line = "Tap your name.  " + KioskVoteTitle(offer.polls);
    if (visit.task == KioskTask::Role) title = "Who is claiming a role?";
    if (visit.task == KioskTask::Commitment) title = "Who is making a commitment?";
    KioskHeader(app, title, line);
    const bool guest = visit.task == KioskTask::Vote && offer.GuestMayVote();
    if (view->participants.empty()) {
        ImGui::PushFont(app.GetFonts().heading);
        Wrapped("Nobody is checked in yet: please see the facilitator.", theme::kMuted);
        ImGui::PopFont();
    }
    const int picked = KioskNamePicker(app, view->participants, visit.name_page, KioskBodyHeight(), [&](const Participant& p) {
        return visit.task == KioskTask::Vote && VotedInVisitPolls(app, p.id) ? std::string(kTick) + "voted" : std::string();
    });
    const bool anyone_voted = std::any_of(view->participants.begin(), view->participants.end(),
                                          [&](const Participant& p) { return VotedInVisitPolls(app, p.id); });
    const std::string hint = visit.task == KioskTask::Vote && anyone_voted
                                 ? "\u2713 voted: tap your name again for a new ballot that replaces yours."
                                 : "";
    const FooterPress press = KioskFooter(app, "\u25C0 Back", guest ? "kiosk.anonymous" : "",
                                          "Not on the list? Vote as a guest", true, hint, false);
    if (press == FooterPress::Back) {
        app.KioskStartOver();
        return;
    }
    if (press == FooterPress::Next && guest) {
        visit.guest = true;
        visit.member_id.clear();
        visit.member_name = "Guest";
        app.Show(ScreenId::KioskBallot);
        return;
    }
    if (picked < 0) return;
    const Participant& person = view->participants[static_cast<size_t>(picked)];
    visit.member_id = person.id;
    visit.member_name = person.name;
    visit.guest = false;
    switch (visit.task) {
        case KioskTask::Vote: app.Show(ScreenId::KioskBallot); break;
        case KioskTask::Role: app.Show(ScreenId::KioskRole); break;
        case KioskTask::Commitment: app.Show(ScreenId::KioskCommitment); break;
        case KioskTask::None: app.KioskStartOver(); break;
    }
}

void DrawKioskThanksScreen(App& app) {
    KioskHeader(app, "\u2713 Thank you!");
    ImGui::Dummy(ImVec2(0, Em()));
    ImGui::PushFont(app.GetFonts().display);
    Wrapped(app.kiosk.visit.thanks, theme::kSuccess);
    ImGui::PopFont();
    RecordReadout(app, "kiosk.thanks", app.kiosk.visit.thanks);
    ImGui::PushFont(app.GetFonts().heading);
    Wrapped("This screen starts over for the next person in a few seconds.", theme::kMuted);
    ImGui::PopFont();
    if (KioskFooter(app, "", "kiosk.done", "Done", true, "", false) == FooterPress::Next) app.KioskStartOver();
}

void DrawKioskNoticeScreen(App& app) {
    KioskHeader(app, "Please note");
    ImGui::Dummy(ImVec2(0, Em()));
    ImGui::PushFont(app.GetFonts().display);
    Wrapped(app.kiosk.visit.notice, theme::kInk);
    ImGui::PopFont();
    RecordReadout(app, "kiosk.notice", app.kiosk.visit.notice);
    if (KioskFooter(app, "", "kiosk.done", "Back to the start", true, "", false) == FooterPress::Next) app.KioskStartOver();
}

void DrawKioskErrorScreen(App& app) {
    ImGui::PushFont(app.GetFonts().display);
    Wrapped("This kiosk cannot be used right now");
    ImGui::PopFont();
    ImGui::PushFont(app.GetFonts().heading);
    Wrapped("\u26A0 " + app.ErrorMessage(), theme::kError);
    Wrapped("Please tell the facilitator.", theme::kInk);
    ImGui::PopFont();
}

}  // namespace kiosk

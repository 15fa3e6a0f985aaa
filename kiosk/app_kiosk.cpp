// The App's kiosk mode: which workshop the kiosk follows, a person's visit from start to thank-you, the idle
// reset, and leaving with the facilitator's PIN. The screens are in kiosk/screens/kiosk_*.cpp. Sections:
//   1. Following the room
//   2. A visit: start over, thank-you, notice, still open?
//   3. Idle reset and the frame loop's hooks
//   4. Leaving the kiosk
#include <algorithm>
#include <chrono>

#include "kiosk/app.h"

namespace kiosk {
using namespace facilitation;

namespace {
// A thank-you stays this long, a notice (the vote closed...) a little longer: then the next person.
constexpr double kThanksSeconds = 6.0;
constexpr double kNoticeSeconds = 10.0;
// The last seconds before an idle reset are counted down on screen, so a person can keep going.
constexpr double kIdleWarningSeconds = 10.0;
}  // namespace

double App::MonotonicSeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// ---- 1. Following the room ------------------------------------------------------------------
// A kiosk shows the newest running workshop, at its current stage; with none running it waits.
void App::KioskFollowTheRoom() {
    std::string id;
    for (const auto& summary : m_workshops)  // newest first
        if (summary.workshop.IsRunning()) {
            id = summary.workshop.id;
            break;
        }
    m_browse_stage.reset();
    if (id == m_open_workshop_id) return;
    m_open_workshop_id = id;
    // Another workshop: whatever the person was doing belonged to the previous one.
    if (kiosk.visit.task != KioskTask::None) KioskNotice("The workshop has changed. Please start again.");
}

// ---- 2. A visit ---------------------------------------------------------------------------------
void App::KioskStartOver() {
    kiosk.visit = KioskVisit{};
    kiosk.pin.clear();
    kiosk.pin_message.clear();
    kiosk.pin_accepted = false;
    m_screen = ScreenId::KioskStart;
    m_kiosk_idle.Touch(MonotonicSeconds());
}

void App::KioskThanks(const std::string& text) {
    const std::string thanks = text;
    kiosk.visit = KioskVisit{};
    kiosk.visit.thanks = thanks;
    kiosk.screen_until = MonotonicSeconds() + kThanksSeconds;
    m_screen = ScreenId::KioskThanks;
}

void App::KioskNotice(const std::string& text) {
    const std::string notice = text;
    kiosk.visit = KioskVisit{};
    kiosk.visit.notice = notice;
    kiosk.screen_until = MonotonicSeconds() + kNoticeSeconds;
    m_screen = ScreenId::KioskNotice;
}

// After every reload: what the person is doing must still be open, for a person still checked in. If not,
// they are told kindly and the kiosk goes back to its start (nothing unconfirmed was recorded).
void App::KioskCheckVisit() {
    const KioskVisit& visit = kiosk.visit;
    if (visit.task == KioskTask::None) return;
    if (!m_view || !m_view->workshop.IsRunning()) {
        KioskNotice("The workshop has ended. Thank you for taking part.");
        return;
    }
    switch (visit.task) {
        case KioskTask::None: return;
        case KioskTask::Vote:
            // Ballots started on one set of polls stay on it: any change (closed, another stage) ends them.
            if (!visit.poll_ids.empty() && m_kiosk_offer.PollIds() != visit.poll_ids) {
                KioskNotice("The facilitator has closed this vote, so your ballot was not recorded. Thank you for "
                            "coming by.");
                return;
            }
            break;
        case KioskTask::Role:
            if (!m_kiosk_offer.roles) {
                KioskNotice("The facilitator has closed role claims for now, so nothing was recorded.");
                return;
            }
            break;
        case KioskTask::Commitment:
            if (!m_kiosk_offer.commitments) {
                KioskNotice("The facilitator has closed commitments for now, so nothing was recorded.");
                return;
            }
            break;
    }
    if (!visit.member_id.empty() &&
        std::none_of(m_view->participants.begin(), m_view->participants.end(),
                     [&](const Participant& p) { return p.id == visit.member_id; }))
        KioskNotice("Your name is no longer on the list of this workshop; please see the facilitator.");
}

// ---- 3. Idle reset and the frame loop's hooks -----------------------------------------------------
void App::KioskTouched(double now) { m_kiosk_idle.Touch(now); }

bool App::KioskTick(double now) {
    if (!IsKiosk()) return false;
    if ((m_screen == ScreenId::KioskThanks || m_screen == ScreenId::KioskNotice) && now >= kiosk.screen_until) {
        KioskStartOver();
        return true;
    }
    // Untouched: back to the start, the unconfirmed ballot or claim dropped. The start screen itself has
    // nothing to drop (a PIN prompt left open counts as a visit: its digits are dropped too).
    if (m_screen != ScreenId::KioskStart && m_screen != ScreenId::Error && m_kiosk_idle.Expired(now)) {
        KioskStartOver();
        return true;
    }
    return false;
}

double App::KioskWaitSeconds(double now, double longest) const {
    if (!IsKiosk() || m_screen == ScreenId::KioskStart) return longest;
    double wait = std::min(longest, m_kiosk_idle.SecondsLeft(now));
    if (m_screen == ScreenId::KioskThanks || m_screen == ScreenId::KioskNotice)
        wait = std::min(wait, kiosk.screen_until - now);
    return std::max(0.01, wait);
}

bool App::KioskShowsSeconds(double now) const {
    if (!IsKiosk()) return false;
    if (m_screen == ScreenId::KioskPin && kiosk.lockout.Locked(now)) return true;
    const double warning = std::min(kIdleWarningSeconds, m_kiosk_idle.Timeout() / 3.0);
    return m_screen != ScreenId::KioskStart && m_kiosk_idle.SecondsLeft(now) <= warning;
}

// ---- 4. Leaving the kiosk ----------------------------------------------------------------------------
// Only reached from the PIN prompt once the facilitator's PIN was accepted.
void App::LeaveKiosk() {
    if (!kiosk.pin_accepted) return;
    if (m_options.role == "kiosk") {
        RequestQuit();  // a clean exit: every action was already committed
        return;
    }
    TakeBackFromKiosk();
}

}  // namespace kiosk

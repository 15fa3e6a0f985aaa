// The application: owns the window, the store, the view of the database and each screen's scratch state.
// Sections: options · screens · scratch state · view of the database · App.
#pragma once
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "facilitation/domain/tally.h"
#include "facilitation/model.h"
#include "facilitation/record.h"
#include "facilitation/store/store.h"
#include "kiosk/fonts.h"
#include "kiosk/layout_dump.h"
#include "kiosk/screens/commitments_scratch.h"
#include "kiosk/screens/facilitator_scratch.h"
#include "kiosk/screens/health_scratch.h"
#include "kiosk/screens/history_scratch.h"
#include "kiosk/screens/kiosk_scratch.h"
#include "kiosk/screens/review_scratch.h"
#include "kiosk/screens/rhythm_scratch.h"
#include "kiosk/screens/roles_scratch.h"
#include "kiosk/screens/tasks_scratch.h"
#include "kiosk/screens/voice_scratch.h"

struct GLFWwindow;

namespace kiosk {

// ---- Options -------------------------------------------------------------------
struct AppOptions {
    std::string db_path;
    std::string role = "facilitator";
    int windowed_width = 0;   // 0: full screen on the primary monitor
    int windowed_height = 0;
    int monitor = 0;               // --monitor, 1-based; 0: automatic (see ChooseMonitor)
    std::string screenshot_path;   // --screenshot
    int exit_after_frames = 0;     // --exit-after-frames (0: run until quit)
    std::string layout_dump_path;  // --layout-dump
    std::string tour_dir;          // --tour: a PNG of every stage of the latest workshop, then exit
    std::string frame_stats_path;  // --frame-stats (kiosk/frame_stats.h)
    int bench_frames = 0;          // --bench-frames: frames drawn back to back on each SIGUSR1
    double started_at = -1;        // when main() began (CLOCK_MONOTONIC seconds), for --frame-stats
    // The kiosk's idle reset: kKioskIdleResetSeconds, or COPK_KIOSK_IDLE_SECONDS (for tests only) when set.
    double kiosk_idle_seconds = 0;
};

// ---- Screens: the one list of what can be on screen -------------------------------
enum class ScreenId {
    Home, NewCommunity, CheckIn, Domain, StageCheck, Roles, Rhythm, Tasks, Commitments, Voice, Review, Health, Close, Error,
    // The coordinators' Review (kiosk/screens/review_*.cpp): looking back at every community's workshops.
    ReviewList, ReviewOutcome, ReviewCompare, ReviewLedger,
    // The participants' kiosk (kiosk/screens/kiosk_*.cpp).
    KioskStart, KioskName, KioskBallot, KioskReview, KioskThanks, KioskNotice, KioskPin, KioskRole, KioskCommitment
};
const char* ScreenName(ScreenId id);
bool IsStageScreen(ScreenId id);  // one of the workshop's stages (they share the stage frame)
bool IsKioskScreen(ScreenId id);
bool IsReviewScreen(ScreenId id);

// ---- Scratch state of each screen (never in static locals) -------------------------
struct HomeScratch {
    std::string message;        // last refusal or error, shown on the screen
};
struct NewCommunityScratch {
    char name[256] = {};
    char domain[1024] = {};
    std::string message;
    bool focus_name = true;
};
struct CheckInScratch {
    char name[256] = {};
    std::string message;
    bool message_is_error = false;
    bool focus_name = true;
};
struct DomainScratch {
    char text[1024] = {};
    bool loaded = false;        // text holds the stored statement
    bool saved = false;
    std::string message;
};
struct StageCheckScratch {
    std::string voter_id;       // whose ballot is being cast; empty: pick a name first
    std::string message;
    bool message_is_error = false;
};

// ---- View of the database: reloaded whenever it changes -----------------------------
// `record` holds everything the workshop recorded; the fields before it are shortcuts kept for the screens.
struct WorkshopView {
    facilitation::Workshop workshop;
    facilitation::Community community;
    std::vector<facilitation::Stage> stages;
    std::vector<facilitation::Participant> participants;
    std::vector<facilitation::Member> members;  // the community's (the console's check-in offers them)
    std::optional<facilitation::Poll> poll;  // the shown stage's poll, if any
    facilitation::Tally tally;
    std::vector<std::string> voters;         // member ids who have voted in `poll`
    std::vector<facilitation::Poll> all_polls;
    std::vector<facilitation::Tally> all_tallies;
    facilitation::WorkshopRecord record;
    // A renewal's previous workshop, for side-by-side results, and what changed since.
    std::optional<facilitation::WorkshopRecord> previous;
    std::optional<facilitation::WorkshopChanges> changes;
    const facilitation::Stage& ShownStage(int position) const { return stages.at(static_cast<size_t>(position)); }
};

class App {
public:
    explicit App(AppOptions options);
    ~App();
    int Run();  // the frame loop; returns the process exit code

    // ---- For screens -----------------------------------------------------------
    facilitation::Store* Store() { return m_store.get(); }
    const AppOptions& Options() const { return m_options; }
    Fonts& GetFonts() { return m_fonts; }
    LayoutRecorder& Layout() { return m_layout; }
    void Show(ScreenId screen);
    ScreenId Current() const { return m_screen; }

    // Data shown on screen, reloaded from the database after every change.
    const std::vector<facilitation::Community>& Communities() const { return m_communities; }
    const std::vector<facilitation::WorkshopSummary>& Workshops() const { return m_workshops; }
    const std::optional<WorkshopView>& Workshop() const { return m_view; }
    int ShownStage() const;  // the stage on screen: the workshop's current one, or the one browsed
    void OpenWorkshop(const std::string& workshop_id);
    void CloseWorkshop();     // back to the home screen
    void BrowseStage(int position);  // a finished workshop (or the tour) is browsed without writing
    void MarkDataChanged() { m_reload = true; }
    // The coordinators' Review, from home or from a running workshop's stage frame (Ctrl+R). Opening it leaves
    // the open workshop as it is (a running one keeps running at its stage); leaving it goes back to that
    // workshop's shown stage, or home when none is open.
    void OpenReview();
    void LeaveReview();
    // Counts the reloads of the view: a screen that keeps data of its own reloads it when this moves.
    long long ReloadCount() const { return m_reload_count; }
    // True when the screens may record: a running workshop, on the facilitator's console (not the
    // projector's audience view, not the screenshot tour). The one place that decides it.
    bool CanRecord() const;
    bool CanRecordIn(const facilitation::Workshop& workshop) const;  // the same rule, for a workshop being loaded
    bool IsProjector() const { return m_options.role == "projector"; }
    // The participants' touch station: started with --role kiosk, or the facilitator's one screen handed
    // over to the room until the PIN is given. Kiosk screens never reach a facilitator function.
    bool IsKiosk() const { return m_options.role == "kiosk" || m_handed_over; }
    bool HandedOver() const { return m_handed_over; }
    void HandOverToKiosk();  // facilitator role only
    void TakeBackFromKiosk();  // after the facilitator's PIN

    // ---- The kiosk (kiosk/screens/kiosk_*.cpp draw it) ------------------------------
    // What the kiosk offers now: the open polls of the running workshop's current stage, and the openings.
    const facilitation::KioskOffer& KioskOfferNow() const { return m_kiosk_offer; }
    void KioskStartOver();               // back to the start for the next person; drops what was not confirmed
    void KioskNotice(const std::string& text);  // a kind word (the vote closed...), then back to the start
    void KioskThanks(const std::string& text);
    void LeaveKiosk();                   // after the PIN: quit (--role kiosk) or back to the facilitator's console
    // The frame loop's hooks: input restarts the idle clock; Tick resets an idle kiosk and ends the
    // thank-you (true when the screen must be drawn again); WaitSeconds is how long the loop may sleep.
    void KioskTouched(double now);
    bool KioskTick(double now);
    double KioskWaitSeconds(double now, double longest) const;
    bool KioskShowsSeconds(double now) const;  // a countdown on screen: redraw every second
    double KioskIdleSecondsLeft(double now) const { return m_kiosk_idle.SecondsLeft(now); }
    static double MonotonicSeconds();
    void Reload();
    void GoStage(int delta);  // Next (+1) or Back (-1): moves the room, or browses a finished workshop

    // Runs a change: refusals go to `message`, store failures to the error banner. True on success.
    template <typename Body>
    bool Try(std::string& message, Body&& body);

    // An error the user must see, with what to do next. `fatal` errors leave only the error screen.
    void ShowError(const std::string& message, bool fatal);
    const std::string& ErrorMessage() const { return m_error; }
    // What to do next, under a fatal error's message: depends on why the database could not be used.
    const std::string& ErrorAdvice() const { return m_error_advice; }
    bool ErrorIsFatal() const { return m_error_fatal; }
    void DismissError();

    // A screen that changes with time (a countdown, pages that turn) asks for a frame every second.
    void KeepTicking() { m_keep_ticking = true; }
    // Pages that turn by themselves (the projector's close): the tour pins the page shown (-1: by the clock),
    // and the screen notes how many pages it has this frame (1 when nothing is paged).
    int PinnedPage() const { return m_pinned_page; }
    void NotePages(int pages) { m_pages = pages; }
    int Pages() const { return m_pages; }
    // A panel that turns its own pages (TurnListPages) is not cut off, though its content is taller than it.
    void NotePagedPanel(unsigned id) { m_paged_panels.push_back(id); }
    // Which lists turned pages in the last frame drawn, so that each keeps a line under it for "Page 2 of 3".
    void NoteTurningPages(const std::string& key) { m_turning.push_back(key); }
    bool WasTurningPages(const std::string& key) const {
        return std::find(m_turning_before.begin(), m_turning_before.end(), key) != m_turning_before.end();
    }
    void RequestQuit() { m_quit = true; }
    void RequestScreenshot(const std::string& path) { m_pending_screenshot = path; }
    bool HelpOpen() const { return m_help_open; }
    void ToggleHelp() { m_help_open = !m_help_open; }

    HomeScratch home;
    NewCommunityScratch new_community;
    CheckInScratch checkin;
    DomainScratch domain;
    StageCheckScratch stage_check;
    RolesScratch roles;
    RhythmScratch rhythm;
    TasksScratch tasks;
    CommitmentsScratch commitments;
    VoiceScratch voice;
    ReviewScratch review;
    HealthScratch health;
    KioskScratch kiosk;
    HistoryScratch history;          // the coordinators' Review screens
    FacilitatorScratch facilitator;  // timer, votes' reset, kiosk PIN and hand-over (kiosk/shortcuts.h keys)

private:
    void OpenDatabase();
    void DrawFrame();          // one ImGui frame: the screen, the banner, the overlay
    void DrawCurrentScreen();  // the one switch that picks the screen
    // Panels whose content did not fit them this frame (they scroll): on the projector, something cut off.
    std::vector<std::string> OverflowingPanels() const;
    void HandleShortcuts();
    ScreenId ScreenForStage() const;
    void FollowTheRoom();  // projector: open the workshop the room is in
    void ResumeTheRoom();  // facilitator: start in the running workshop, if any
    void KioskFollowTheRoom();  // the kiosk: the newest running workshop, its current stage
    void KioskCheckVisit();     // after a reload: is what the person is doing still open?

    AppOptions m_options;
    GLFWwindow* m_window = nullptr;
    std::unique_ptr<facilitation::Store> m_store;
    Fonts m_fonts;
    LayoutRecorder m_layout;
    ScreenId m_screen = ScreenId::Home;
    std::vector<facilitation::Community> m_communities;
    std::vector<facilitation::WorkshopSummary> m_workshops;
    std::optional<WorkshopView> m_view;
    std::string m_open_workshop_id;
    std::optional<int> m_browse_stage;
    bool m_reload = true;
    long long m_reload_count = 0;
    long long m_data_version = -1;
    std::string m_error;
    std::string m_error_advice;
    bool m_error_fatal = false;
    bool m_quit = false;
    bool m_help_open = false;
    bool m_handed_over = false;
    bool m_keep_ticking = false;
    int m_pinned_page = -1;
    int m_pages = 1;
    std::vector<unsigned> m_paged_panels;  // ImGuiIDs, this frame
    std::vector<std::string> m_turning, m_turning_before;  // lists turning pages: this frame, the one before
    bool m_resume_checked = false;
    std::string m_pending_screenshot;
    std::string m_monitor_warning;  // --monitor named a screen that is not there
    facilitation::KioskOffer m_kiosk_offer;
    facilitation::KioskIdle m_kiosk_idle{facilitation::kKioskIdleResetSeconds};
};

template <typename Body>
bool App::Try(std::string& message, Body&& body) {
    try {
        body();
        message.clear();
        m_reload = true;
        return true;
    } catch (const facilitation::StoreError& error) {
        ShowError(error.what(), false);
        m_reload = true;
    } catch (const facilitation::Error& error) {
        message = error.what();
    } catch (const std::exception& error) {
        ShowError(std::string("Unexpected problem: ") + error.what(), false);
    }
    return false;
}

}  // namespace kiosk

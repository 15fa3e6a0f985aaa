// The application's state and the one switch that picks the screen. Sections:
//   1. Construction and the database
//   2. The view of the database
//   3. Workshop navigation
//   4. Errors
//   5. The frame: screen choice, shortcuts
#include "kiosk/app.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>

#include <ctime>
#include <filesystem>
#include <limits>

#include "facilitation/domain/navigation.h"
#include "facilitation/domain/room.h"
#include "facilitation/paths.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

const char* ScreenName(ScreenId id) {
    switch (id) {
        case ScreenId::Home: return "home";
        case ScreenId::NewCommunity: return "community.new";
        case ScreenId::CheckIn: return "stage.checkin";
        case ScreenId::Domain: return "stage.domain";
        case ScreenId::StageCheck: return "stage.stage_check";
        case ScreenId::Roles: return "stage.roles";
        case ScreenId::Rhythm: return "stage.rhythm";
        case ScreenId::Tasks: return "stage.tasks";
        case ScreenId::Commitments: return "stage.commitments";
        case ScreenId::Voice: return "stage.voice";
        case ScreenId::Review: return "stage.review";
        case ScreenId::Health: return "stage.health";
        case ScreenId::Close: return "stage.close";
        case ScreenId::Error: return "error";
        case ScreenId::ReviewList: return "review.list";
        case ScreenId::ReviewOutcome: return "review.outcome";
        case ScreenId::ReviewCompare: return "review.compare";
        case ScreenId::ReviewLedger: return "review.ledger";
        case ScreenId::KioskStart: return "kiosk.start";
        case ScreenId::KioskName: return "kiosk.name";
        case ScreenId::KioskBallot: return "kiosk.ballot";
        case ScreenId::KioskReview: return "kiosk.review";
        case ScreenId::KioskThanks: return "kiosk.thanks";
        case ScreenId::KioskNotice: return "kiosk.notice";
        case ScreenId::KioskPin: return "kiosk.pin";
        case ScreenId::KioskRole: return "kiosk.role";
        case ScreenId::KioskCommitment: return "kiosk.commitment";
    }
    return "home";
}

// ---- 1. Construction and the database ---------------------------------------------
App::App(AppOptions options) : m_options(std::move(options)) {
    m_layout.SetPath(m_options.layout_dump_path);
    if (m_options.kiosk_idle_seconds > 0) m_kiosk_idle = KioskIdle(m_options.kiosk_idle_seconds);
    if (m_options.role == "kiosk") m_screen = ScreenId::KioskStart;
}
App::~App() = default;

namespace {
// The error screen's last line. The file was refused before anything was written, so every case says so.
std::string AdviceFor(StoreError::Kind kind) {
    switch (kind) {
        case StoreError::Kind::Busy:
            return "Nothing was changed in that file. Quit, close the other program that has the database open "
                   "(or wait until it has finished), then start cop-kiosk again.";
        case StoreError::Kind::ReadOnly:
            return "Nothing was changed in that file. Quit, copy the database to a folder you can write, then start "
                   "cop-kiosk --db with the copy's path.";
        case StoreError::Kind::NewerVersion:
            return "Nothing was changed in that file. Quit, then open it with the newer cop-kiosk, or start this "
                   "one with another database: cop-kiosk --db PATH.";
        default:
            return "Nothing was changed in that file. Quit, then start cop-kiosk with another database: "
                   "cop-kiosk --db PATH (a new path creates a new, empty database).";
    }
}
}  // namespace

void App::OpenDatabase() {
    try {
        m_store = facilitation::Store::Open(m_options.db_path);
        m_data_version = m_store->DataVersion();
        m_reload = true;
    } catch (const StoreError& error) {
        m_store.reset();
        m_error_advice = AdviceFor(error.kind);
        ShowError(error.what(), true);
    } catch (const std::exception& error) {
        m_store.reset();
        m_error_advice = AdviceFor(StoreError::Kind::Other);
        ShowError(error.what(), true);
    }
}

// ---- 2. The view of the database ---------------------------------------------------
void App::Reload() {
    m_reload = false;
    ++m_reload_count;
    if (!m_store) return;
    try {
        // One read of one state of the database: its locks taken once, not once per query, and a workshop
        // never seen half-way through another process's change.
        Store::ReadScope reading(*m_store);
        m_communities = m_store->ListCommunities();
        m_workshops = m_store->ListWorkshops();
        if (IsProjector()) FollowTheRoom();
        if (m_options.role == "kiosk") KioskFollowTheRoom();
        if (!m_resume_checked) ResumeTheRoom();
        m_kiosk_offer = facilitation::KioskOffer{};
        if (m_open_workshop_id.empty()) {
            m_view.reset();
            if (IsKiosk()) KioskCheckVisit();
            return;
        }
        WorkshopView view;
        view.record = LoadWorkshopRecord(*m_store, m_open_workshop_id);
        view.workshop = view.record.workshop;
        view.community = view.record.community;
        view.stages = view.record.stages;
        view.participants = view.record.participants;
        for (const auto& p : view.record.polls) {
            view.all_polls.push_back(p.poll);
            view.all_tallies.push_back(p.tally);
        }
        if (!view.workshop.previous_workshop_id.empty()) {
            view.previous = LoadWorkshopRecord(*m_store, view.workshop.previous_workshop_id);
            if (view.workshop.kind == "renewal") view.changes = CompareWorkshops(*view.previous, view.record);
        }
        m_view = std::move(view);
        const int shown = ShownStage();
        if (shown >= 0 && shown < static_cast<int>(m_view->stages.size())) {
            const Stage& stage = m_view->stages[static_cast<size_t>(shown)];
            // The console's check-in offers the community's members (an imported roster, earlier workshops'
            // people); no other screen shows them, and a large community's are not read for nothing.
            if (stage.kind == StageKind::CheckIn && CanRecordIn(m_view->workshop))
                m_view->members = m_store->MembersOf(m_view->community.id);
            for (size_t i = 0; i < m_view->all_polls.size(); ++i) {
                if (m_view->all_polls[i].stage_key != stage.key) continue;
                if (m_view->all_polls[i].purpose != "main") continue;
                m_view->poll = m_view->all_polls[i];
                m_view->tally = m_view->all_tallies[i];
                m_view->voters = m_view->record.polls[i].voters;
            }
        }
        // Every role follows the room: the screen is the current stage's.
        if (IsStageScreen(m_screen)) m_screen = ScreenForStage();
        if (IsKiosk()) {
            m_kiosk_offer = WhatTheKioskOffers(m_view->workshop, m_view->stages, m_view->all_polls);
            KioskCheckVisit();
        }
    } catch (const StoreError& error) {
        ShowError(error.what(), false);
    }
}

void App::Show(ScreenId screen) { m_screen = screen; }

bool IsStageScreen(ScreenId id) {
    return id != ScreenId::Home && id != ScreenId::NewCommunity && id != ScreenId::Error && !IsKioskScreen(id) &&
           !IsReviewScreen(id);
}

bool IsReviewScreen(ScreenId id) {
    return id == ScreenId::ReviewList || id == ScreenId::ReviewOutcome || id == ScreenId::ReviewCompare ||
           id == ScreenId::ReviewLedger;
}

bool IsKioskScreen(ScreenId id) {
    switch (id) {
        case ScreenId::KioskStart: case ScreenId::KioskName: case ScreenId::KioskBallot: case ScreenId::KioskReview:
        case ScreenId::KioskThanks: case ScreenId::KioskNotice: case ScreenId::KioskPin: case ScreenId::KioskRole:
        case ScreenId::KioskCommitment:
            return true;
        default: return false;
    }
}

// The projector shows whatever workshop is running (the newest, if several), else the newest one;
// it switches by itself when the facilitator starts another.
void App::FollowTheRoom() {
    const WorkshopSummary* target = nullptr;
    for (const auto& summary : m_workshops)  // newest first
        if (summary.workshop.IsRunning()) {
            target = &summary;
            break;
        }
    if (!target && !m_workshops.empty()) target = &m_workshops.front();
    const std::string id = target ? target->workshop.id : std::string();
    if (id == m_open_workshop_id) return;
    m_open_workshop_id = id;
    m_browse_stage.reset();
    if (target && !target->workshop.IsRunning()) m_browse_stage = std::numeric_limits<int>::max();  // its close stage
    m_screen = id.empty() ? ScreenId::Home : ScreenId::CheckIn;  // a stage screen: the reload picks the right one
}

// A console started while a workshop runs (after a crash, a restart, a power cut) comes back in it, at the
// stage the room is on, instead of on the home screen: the newest running workshop, if several. Once only,
// at the first load.
void App::ResumeTheRoom() {
    m_resume_checked = true;
    if (m_options.role != "facilitator" || !m_options.tour_dir.empty() || !m_open_workshop_id.empty()) return;
    for (const auto& summary : m_workshops)  // newest first
        if (summary.workshop.IsRunning()) {
            m_open_workshop_id = summary.workshop.id;
            m_browse_stage.reset();
            m_screen = ScreenId::CheckIn;  // a stage screen: the rest of the reload picks the right one
            return;
        }
}

bool App::CanRecord() const { return m_view && CanRecordIn(m_view->workshop); }

bool App::CanRecordIn(const facilitation::Workshop& workshop) const {
    return workshop.IsRunning() && m_options.tour_dir.empty() && !IsProjector() && !IsKiosk();
}

void App::HandOverToKiosk() {
    if (m_options.role != "facilitator") return;
    m_handed_over = true;
    kiosk.pin_accepted = false;
    KioskStartOver();
    m_reload = true;  // the offer is computed by the reload
}

// Back to the facilitator's console, on the stage the room is at (or home when no workshop is open).
void App::TakeBackFromKiosk() {
    m_handed_over = false;
    kiosk.visit = KioskVisit{};
    kiosk.pin.clear();
    kiosk.pin_accepted = false;
    m_screen = m_view ? ScreenForStage() : ScreenId::Home;
    m_reload = true;
}

// ---- 3. Workshop navigation --------------------------------------------------------
int App::ShownStage() const {
    if (m_browse_stage) {
        const int last = m_view ? static_cast<int>(m_view->stages.size()) - 1 : 0;
        return std::min(*m_browse_stage, std::max(0, last));
    }
    return m_view ? m_view->workshop.current_stage : 0;
}

ScreenId App::ScreenForStage() const {
    if (!m_view || m_view->stages.empty()) return ScreenId::Home;
    const int shown = std::min(ShownStage(), static_cast<int>(m_view->stages.size()) - 1);
    switch (m_view->stages[static_cast<size_t>(shown)].kind) {
        case StageKind::CheckIn: return ScreenId::CheckIn;
        case StageKind::Domain: return ScreenId::Domain;
        case StageKind::StageCheck: return ScreenId::StageCheck;
        case StageKind::Roles: return ScreenId::Roles;
        case StageKind::Rhythm: return ScreenId::Rhythm;
        case StageKind::Tasks: return ScreenId::Tasks;
        case StageKind::Commitments: return ScreenId::Commitments;
        case StageKind::Voice: return ScreenId::Voice;
        case StageKind::Review: return ScreenId::Review;
        case StageKind::Health: return ScreenId::Health;
        case StageKind::Close: return ScreenId::Close;
    }
    return ScreenId::Close;
}

void App::OpenWorkshop(const std::string& workshop_id) {
    m_open_workshop_id = workshop_id;
    m_browse_stage.reset();
    checkin = CheckInScratch{};
    domain = DomainScratch{};
    stage_check = StageCheckScratch{};
    roles = RolesScratch{};
    rhythm = RhythmScratch{};
    tasks = TasksScratch{};
    commitments = CommitmentsScratch{};
    voice = VoiceScratch{};
    review = ReviewScratch{};
    health = HealthScratch{};
    facilitator = FacilitatorScratch{};
    Reload();
    if (m_view) {
        // A finished workshop opens on its outcome, browsed without writing.
        if (!m_view->workshop.IsRunning()) m_browse_stage = static_cast<int>(m_view->stages.size()) - 1;
        m_screen = ScreenForStage();
        Reload();
    }
}

// Screens may still hold references into the view during this frame: the view itself is dropped or
// replaced by the reload at the start of the next frame, never in the middle of drawing.
void App::CloseWorkshop() {
    m_open_workshop_id.clear();
    m_browse_stage.reset();
    m_screen = ScreenId::Home;
    m_reload = true;
}

void App::OpenReview() {
    if (m_options.role != "facilitator" || IsKiosk() || !m_options.tour_dir.empty()) return;
    history.export_message.clear();
    history.export_files.clear();
    m_screen = ScreenId::ReviewList;
    m_reload = true;
}

// The view of the open workshop was kept up to date all along (the reload follows the database), so this
// lands on the stage the room is at now.
void App::LeaveReview() {
    m_screen = m_view ? ScreenForStage() : ScreenId::Home;
    m_reload = true;
}

void App::BrowseStage(int position) {
    m_browse_stage = position;
    m_reload = true;  // the reload picks the stage's screen
}

void App::GoStage(int delta) {
    if (!m_view || m_screen == ScreenId::Error) return;
    const StageNavigation nav{static_cast<int>(m_view->stages.size()), ShownStage()};
    const int target = nav.Step(delta);
    if (target == nav.current) return;
    stage_check.voter_id.clear();
    if (m_browse_stage || !m_view->workshop.IsRunning()) {
        BrowseStage(target);
        return;
    }
    std::string message;
    if (!Try(message, [&] { m_store->GoToStage(m_view->workshop.id, target); }) && !message.empty())
        ShowError(message, false);
}

// ---- 4. Errors -----------------------------------------------------------------------
void App::ShowError(const std::string& message, bool fatal) {
    m_error = message;
    m_error_fatal = fatal;
    if (fatal) m_screen = ScreenId::Error;
}

void App::DismissError() {
    if (m_error_fatal) return;
    m_error.clear();
}

// ---- 5. The frame ----------------------------------------------------------------------
void App::DrawCurrentScreen() {
    // A kiosk shows kiosk screens only (or the error screen): never a facilitator's.
    if (IsKiosk() && !IsKioskScreen(m_screen) && m_screen != ScreenId::Error) KioskStartOver();
    switch (m_screen) {
        case ScreenId::Home: DrawHomeScreen(*this); break;
        case ScreenId::NewCommunity: DrawNewCommunityScreen(*this); break;
        case ScreenId::CheckIn: DrawCheckInScreen(*this); break;
        case ScreenId::Domain: DrawDomainScreen(*this); break;
        case ScreenId::StageCheck: DrawStageCheckScreen(*this); break;
        case ScreenId::Roles: DrawRolesScreen(*this); break;
        case ScreenId::Rhythm: DrawRhythmScreen(*this); break;
        case ScreenId::Tasks: DrawTasksScreen(*this); break;
        case ScreenId::Commitments: DrawCommitmentsScreen(*this); break;
        case ScreenId::Voice: DrawVoiceScreen(*this); break;
        case ScreenId::Review: DrawReviewScreen(*this); break;
        case ScreenId::Health: DrawHealthScreen(*this); break;
        case ScreenId::Close: DrawCloseScreen(*this); break;
        case ScreenId::ReviewList: DrawReviewListScreen(*this); break;
        case ScreenId::ReviewOutcome: DrawReviewOutcomeScreen(*this); break;
        case ScreenId::ReviewCompare: DrawReviewCompareScreen(*this); break;
        case ScreenId::ReviewLedger: DrawReviewLedgerScreen(*this); break;
        case ScreenId::Error:
            if (IsKiosk()) DrawKioskErrorScreen(*this);  // nothing on a kiosk quits: no "Quit" there
            else DrawErrorScreen(*this);
            break;
        case ScreenId::KioskStart: DrawKioskStartScreen(*this); break;
        case ScreenId::KioskName: DrawKioskNameScreen(*this); break;
        case ScreenId::KioskBallot: DrawKioskBallotScreen(*this); break;
        case ScreenId::KioskReview: DrawKioskReviewScreen(*this); break;
        case ScreenId::KioskThanks: DrawKioskThanksScreen(*this); break;
        case ScreenId::KioskNotice: DrawKioskNoticeScreen(*this); break;
        case ScreenId::KioskPin: DrawKioskPinScreen(*this); break;
        case ScreenId::KioskRole: DrawKioskRoleScreen(*this); break;
        case ScreenId::KioskCommitment: DrawKioskCommitmentScreen(*this); break;
    }
}

void App::HandleShortcuts() {
    // A kiosk has no shortcuts: Escape, Ctrl+Q, F1, F12 and the arrows do nothing there (the window's close
    // request is refused in the frame loop). Only the facilitator's PIN leaves it.
    if (IsKiosk()) return;
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsKeyPressed(GLFW_KEY_F1, false)) ToggleHelp();
    if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) {
        if (m_help_open) m_help_open = false;
        else DismissError();
    }
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Q, false)) RequestQuit();
    // Ctrl+R: the coordinators' Review and back (kiosk/shortcuts.cpp lists it); a running workshop keeps running.
    if (io.KeyCtrl && !io.KeyShift && !io.KeyAlt && ImGui::IsKeyPressed(GLFW_KEY_R, false) && !io.WantTextInput &&
        !m_help_open && !facilitator.PinOpen() && !IsProjector() && m_screen != ScreenId::Error) {
        if (IsReviewScreen(m_screen)) LeaveReview();
        else OpenReview();
    }
    if (ImGui::IsKeyPressed(GLFW_KEY_F12, false)) {
        // Saved next to the database, named by the time, so a facilitator can find it afterwards.
        const std::filesystem::path folder = std::filesystem::path(m_options.db_path).parent_path();
        char stamp[32];
        const std::time_t now = std::time(nullptr);
        std::tm tm{};
        localtime_r(&now, &tm);
        std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
        RequestScreenshot((folder / (std::string("cop-kiosk-") + stamp + ".png")).string());
    }
    // Arrows move the room only while no text field is being typed in.
    const bool stage_screen = IsStageScreen(m_screen);
    if (stage_screen && !io.WantTextInput && !m_help_open && !IsProjector() && !IsKiosk() && !facilitator.PinOpen()) {
        if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT) || ImGui::IsKeyPressed(GLFW_KEY_PAGE_DOWN)) GoStage(+1);
        if (ImGui::IsKeyPressed(GLFW_KEY_LEFT) || ImGui::IsKeyPressed(GLFW_KEY_PAGE_UP)) GoStage(-1);
    }
}

std::vector<std::string> App::OverflowingPanels() const {
    std::vector<std::string> names;
    const ImGuiContext& context = *ImGui::GetCurrentContext();
    for (const ImGuiWindow* window : context.Windows) {
        if (!window->Active || window->Hidden) continue;
        if (std::find(m_paged_panels.begin(), m_paged_panels.end(), window->ID) != m_paged_panels.end()) continue;
        if (window->ScrollMax.y > 0.5f || window->ScrollMax.x > 0.5f) {
            // Child windows are named "parent/##child_ID": keep the child's own part.
            std::string name = window->Name;
            const size_t slash = name.rfind('/');
            if (slash != std::string::npos) name = name.substr(slash + 1);
            const size_t id_suffix = name.rfind('_');
            if (id_suffix != std::string::npos && name.compare(0, 2, "##") == 0) name = name.substr(0, id_suffix);
            names.push_back(name);
        }
    }
    return names;
}

void App::DrawFrame() {
    const ImGuiIO& io = ImGui::GetIO();
    m_pages = 1;  // a paged screen notes its pages as it draws
    m_paged_panels.clear();
    m_turning_before.swap(m_turning);
    m_turning.clear();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(1.2f * Em(), 0.8f * Em()));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0.6f * Em(), 0.5f * Em()));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.6f * Em(), 0.35f * Em()));
    // No background of its own: the frame loop clears the window to the same colour, and with Mesa's software
    // rasteriser a full-window quad, shaded and blended, was about half the pixels' cost of every frame.
    ImGui::Begin("##screen", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground);
    if (!m_fonts.warning.empty()) {
        Message(m_fonts.warning, true);
        RecordReadout(*this, "fonts.warning", m_fonts.warning);
    }
    if (!m_monitor_warning.empty()) Message(m_monitor_warning, true);
    if (!m_error.empty() && !m_error_fatal) DrawErrorBanner(*this);
    DrawCurrentScreen();
    ImGui::End();
    ImGui::PopStyleVar(3);
    if (m_help_open && !IsKiosk()) DrawHelpOverlay(*this);
    HandleShortcuts();
    if (m_layout.Enabled() || !m_options.tour_dir.empty())
        m_layout.SetFrameFacts(m_fonts.body ? m_fonts.body->FontSize : 0.0f, OverflowingPanels());
}

}  // namespace kiosk

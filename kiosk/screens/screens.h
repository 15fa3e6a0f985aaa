// One function per screen, one file each; App::DrawCurrentScreen is the one place that picks among them.
#pragma once

namespace kiosk {
class App;

void DrawHomeScreen(App& app);
void DrawNewCommunityScreen(App& app);
void DrawCheckInScreen(App& app);
void DrawDomainScreen(App& app);
void DrawStageCheckScreen(App& app);
void DrawRolesScreen(App& app);
void DrawRhythmScreen(App& app);
void DrawTasksScreen(App& app);
void DrawCommitmentsScreen(App& app);
void DrawVoiceScreen(App& app);
void DrawReviewScreen(App& app);
void DrawHealthScreen(App& app);
void DrawCloseScreen(App& app);
// The coordinators' Review (review_*.cpp): communities and workshops, an outcome, two workshops side by side,
// the commitment ledger; exports from any of them.
void DrawReviewListScreen(App& app);
void DrawReviewOutcomeScreen(App& app);
void DrawReviewCompareScreen(App& app);
void DrawReviewLedgerScreen(App& app);
void DrawErrorScreen(App& app);      // the safe screen when the database cannot be used
void DrawErrorBanner(App& app);      // a recoverable error above any screen
void DrawHelpOverlay(App& app);      // F1: every shortcut

// The participants' kiosk (kiosk_*.cpp): touch only, locked down, following the running workshop.
void DrawKioskStartScreen(App& app);      // what can be done now, or a calm "waiting"
void DrawKioskNameScreen(App& app);       // pick your name (or vote as an anonymous guest)
void DrawKioskBallotScreen(App& app);     // every open poll of the stage, one part at a time
void DrawKioskReviewScreen(App& app);     // the ballot, role or commitment in words; Confirm
void DrawKioskThanksScreen(App& app);
void DrawKioskNoticeScreen(App& app);     // a kind word when what the person was doing was closed
void DrawKioskPinScreen(App& app);        // the facilitator's PIN, then "Leave the kiosk"
void DrawKioskRoleScreen(App& app);       // claim a role
void DrawKioskCommitmentScreen(App& app); // state a commitment on the on-screen keyboard
void DrawKioskErrorScreen(App& app);      // the database cannot be used: no way out but the facilitator

// The frame every stage screen shares: header (title, prompt, countdown) and footer (Back, Next).
// BeginStage returns false when there is no workshop to show.
bool BeginStage(App& app);
void EndStage(App& app);

}  // namespace kiosk

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
void DrawErrorScreen(App& app);      // the safe screen when the database cannot be used
void DrawErrorBanner(App& app);      // a recoverable error above any screen
void DrawHelpOverlay(App& app);      // F1: every shortcut

// The frame every stage screen shares: header (title, prompt, countdown) and footer (Back, Next).
// BeginStage returns false when there is no workshop to show.
bool BeginStage(App& app);
void EndStage(App& app);

}  // namespace kiosk

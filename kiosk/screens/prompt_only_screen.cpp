// A stage whose recording arrives in a later version: its prompt, and a plain note saying so.
#include <imgui.h>

#include "kiosk/app.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {

void DrawPromptOnlyScreen(App& app) {
    if (!BeginStage(app)) return;
    ImGui::Spacing();
    Wrapped("Recording this stage is not available yet in this version of cop-kiosk. "
            "Discuss it with the room and keep the flip chart; press Next when you are done.",
            theme::kMuted);
    EndStage(app);
}

}  // namespace kiosk

// The review stage.
#include <imgui.h>

#include "kiosk/app.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {

void DrawReviewScreen(App& app) {
    if (!BeginStage(app)) return;
    Wrapped("Recording this stage arrives with the next build.", theme::kMuted);
    EndStage(app);
}

}  // namespace kiosk

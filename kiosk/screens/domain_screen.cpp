// Domain: the community's statement of what it is about, shown large and editable.
#include <imgui.h>

#include <cstring>

#include "kiosk/app.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {

void DrawDomainScreen(App& app) {
    if (!BeginStage(app)) return;
    DomainScratch& s = app.domain;
    const auto& view = *app.Workshop();
    ImGui::PushFont(app.GetFonts().heading);
    Wrapped(view.community.domain.empty() ? "(no domain statement yet)" : "\u201C" + view.community.domain + "\u201D");
    ImGui::PopFont();
    ImGui::Spacing();
    if (app.CanRecord()) {
        if (!s.loaded) {
            std::strncpy(s.text, view.community.domain.c_str(), sizeof s.text - 1);
            s.loaded = true;
        }
        ImGui::TextUnformatted("Rewrite it as the group says it:");
        TextArea(app, "domain.text", s.text, sizeof s.text, ImVec2(ImGui::GetContentRegionAvail().x, 4.0f * Em()));
        if (Button(app, "domain.save", "Save domain statement")) {
            s.saved = app.Try(s.message, [&] { app.Store()->SetCommunityDomain(view.community.id, s.text); });
            if (s.saved) s.message = "Saved.";
        }
        Message(s.message, !s.saved);
    }
    EndStage(app);
}

}  // namespace kiosk

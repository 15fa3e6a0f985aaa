// Home: pick a community and start or resume its workshop, or create a new community. Starting a workshop asks
// for the facilitator's kiosk PIN first (typed twice), which the workshop keeps from its start.
#include <imgui.h>

#include <optional>

#include "facilitation/paths.h"
#include "facilitation/templates.h"
#include "kiosk/app.h"
#include "kiosk/screens/facilitator_controls.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

namespace {
// A template that cannot be used, said so that the facilitator can act: which file, which line, what is wrong,
// and what to do. The workshop does not start; nothing is written and the file is left as it is.
std::string TemplateProblem(const TemplateError& error, const std::string& template_key) {
    return "The " + template_key + " template cannot be used. " + error.file +
           (error.line > 0 ? ", line " + std::to_string(error.line) : std::string()) + ": " + error.reason +
           ". What to do: correct the file in a text editor (or put back the " + template_key +
           ".toml shipped with cop-kiosk), then press Start again.";
}

// Loads the template a start button names; nullopt (and the reason in `message`) when it cannot be used.
std::optional<Template> UsableTemplate(const std::string& template_key, std::string& message) {
    try {
        return LoadTemplate(TemplatesDir(), template_key);
    } catch (const TemplateError& error) {
        message = TemplateProblem(error, template_key);
    }
    return std::nullopt;
}

// The PIN comes first; the workshop starts once it is typed twice. A template that cannot be used is said
// before any PIN is asked for.
void AskForPin(App& app, const Community& community, const std::string& template_key) {
    if (!UsableTemplate(template_key, app.home.message)) return;
    FacilitatorScratch& f = app.facilitator;
    f.start_community_id = community.id;
    f.start_template = template_key;
    f.pin.Clear();
    app.home.message.clear();
}

void DrawStartPin(App& app) {
    FacilitatorScratch& f = app.facilitator;
    const Community* community = nullptr;
    for (const Community& c : app.Communities())
        if (c.id == f.start_community_id) community = &c;
    if (!community) {  // gone meanwhile (another process): back to the list
        f.start_community_id.clear();
        return;
    }
    const std::string kind = f.start_template == "renewal" ? "renewal" : "launch";
    ImGui::PushFont(app.GetFonts().display);
    Wrapped("Start the " + kind + " workshop");
    ImGui::PopFont();
    ImGui::PushFont(app.GetFonts().heading);
    Wrapped(community->name);
    ImGui::PopFont();
    ImGui::Spacing();
    ImGui::PushFont(app.GetFonts().bold);
    Wrapped("Your kiosk PIN");
    ImGui::PopFont();
    Wrapped(kPinWhy, theme::kMuted);
    ImGui::Spacing();
    std::string pin;
    switch (DrawPinEntry(app, "start.pin", f.pin, "\u25B6  Start the workshop", &pin)) {
        case PinEntryResult::Typing: break;
        case PinEntryResult::Cancelled: f.start_community_id.clear(); break;
        case PinEntryResult::Done: {
            std::string started_id;
            const std::string community_id = community->id, template_key = f.start_template;
            if (app.Try(f.pin.message, [&] {
                    std::string problem;  // the file may have changed since the button was pressed
                    const std::optional<Template> tmpl = UsableTemplate(template_key, problem);
                    if (!tmpl) throw RuleError(problem);
                    started_id = app.Store()->StartWorkshop(community_id, *tmpl, pin).id;
                })) {
                f.start_community_id.clear();
                app.OpenWorkshop(started_id);
            }
            break;
        }
    }
}
}  // namespace

void DrawHomeScreen(App& app) {
    if (app.IsProjector()) {
        // The audience view before any workshop: nothing to press, one sentence to read.
        ImGui::PushFont(app.GetFonts().display);
        Wrapped("Welcome");
        ImGui::PopFont();
        ImGui::PushFont(app.GetFonts().heading);
        Wrapped("The workshop will appear here as soon as the facilitator starts it.", theme::kMuted);
        ImGui::PopFont();
        return;
    }
    if (!app.facilitator.start_community_id.empty()) {
        DrawStartPin(app);
        return;
    }
    ImGui::PushFont(app.GetFonts().display);
    ImGui::TextUnformatted("Community workshops");
    ImGui::PopFont();
    ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(theme::kMuted));
    ImGui::TextUnformatted("Pick a community to start or resume its workshop, or create a new one.");
    ImGui::PopStyleColor();
    ImGui::Spacing();
    if (Button(app, "community.new", "+  New community")) {
        app.new_community = NewCommunityScratch{};
        app.Show(ScreenId::NewCommunity);
    }
    ImGui::SameLine();
    // The coordinators' look back: every community's workshops, comparisons, the commitment ledger, exports.
    if (Button(app, "home.review", "Review workshops", ImVec2(0, 0), ButtonStyle::Secondary)) app.OpenReview();
    Message(app.home.message, true);
    if (!app.home.message.empty()) RecordReadout(app, "home.message", app.home.message);
    ImGui::Spacing();

    ImGui::BeginChild("##communities", ImVec2(0, 0), false);
    const auto& communities = app.Communities();
    if (communities.empty())
        Wrapped("No community yet. Press \"New community\" to create the first one.", theme::kMuted);
    const float width = ImGui::GetContentRegionAvail().x;
    for (size_t i = 0; i < communities.size(); ++i) {
        const Community& community = communities[i];
        const std::string prefix = "community." + std::to_string(i);
        const WorkshopSummary* running = nullptr;
        const WorkshopSummary* finished = nullptr;
        int workshop_count = 0;
        for (const auto& summary : app.Workshops()) {
            if (summary.workshop.community_id != community.id) continue;
            ++workshop_count;
            if (summary.workshop.IsRunning() && !running) running = &summary;
            if (!summary.workshop.IsRunning() && !finished) finished = &summary;  // newest first
        }
        ImGui::PushID(static_cast<int>(i));
        ImGui::PushFont(app.GetFonts().heading);
        ImGui::TextUnformatted(community.name.c_str());
        ImGui::PopFont();
        ImGui::PushTextWrapPos(width * 0.95f);
        ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(theme::kMuted));
        ImGui::TextUnformatted(community.domain.empty() ? "(no domain statement yet)" : community.domain.c_str());
        std::string history = workshop_count == 0 ? "No workshop yet." : std::to_string(workshop_count) + " workshop(s)";
        if (finished) history += "; last finished " + finished->workshop.ended_at.substr(0, 10) + ".";
        ImGui::TextUnformatted(history.c_str());
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        if (running) {
            if (Button(app, prefix + ".resume", "\u25B6  Resume " + running->workshop.template_name))
                app.OpenWorkshop(running->workshop.id);
        } else {
            if (Button(app, prefix + ".start.launch", "Start launch workshop", ImVec2(0, 0),
                       finished ? ButtonStyle::Secondary : ButtonStyle::Primary))
                AskForPin(app, community, "launch");
            if (finished) {
                ImGui::SameLine();
                if (Button(app, prefix + ".start.renewal", "Start renewal workshop")) AskForPin(app, community, "renewal");
            }
        }
        if (finished) {
            ImGui::SameLine();
            if (Button(app, prefix + ".outcome", "Last outcome", ImVec2(0, 0), ButtonStyle::Secondary))
                app.OpenWorkshop(finished->workshop.id);
        }
        ImGui::PopID();
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::Spacing();
    }
    ImGui::EndChild();
}

}  // namespace kiosk

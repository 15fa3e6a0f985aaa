// Widgets sized in font units, each recorded in the layout dump under a stable id.
#pragma once
#include <imgui.h>

#include <functional>
#include <string>
#include <vector>

#include "facilitation/domain/tally.h"
#include "facilitation/model.h"

namespace kiosk {
class App;

// One "em": the body font's size in pixels. Every size on screen is a multiple of it.
float Em();

enum class ButtonStyle { Primary, Secondary, Selected };

// A button at least `size` (0 = fit the label, with touch-size height). True when clicked.
// Disabled buttons are drawn but not recorded: they cannot be pressed.
bool Button(App& app, const std::string& id, const std::string& label, ImVec2 size = ImVec2(0, 0),
            ButtonStyle style = ButtonStyle::Primary, bool enabled = true);

// A large tile: a bold title and a wrapped line under it (choices a participant touches). True when clicked.
bool Tile(App& app, const std::string& id, const std::string& title, const std::string& detail, ImVec2 size,
          bool enabled = true, bool selected = false);

// A one-line text field; `submitted` is set when Enter is pressed in it.
bool TextField(App& app, const std::string& id, const char* hint, char* buffer, size_t size, float width,
               bool* submitted = nullptr, bool focus = false);
bool TextArea(App& app, const std::string& id, char* buffer, size_t size, ImVec2 area, bool focus = false);

// Text that wraps at the right edge of the current region.
// Text wrapped one pixel (kWrapMargin) short of the content region's edge; CalcTextSize at WrapWidth() measures it.
constexpr float kWrapMargin = 1.0f;
void Wrapped(const std::string& text, unsigned rgb = 0x111111);
inline float WrapWidth() { return ImGui::GetContentRegionAvail().x - kWrapMargin; }
void Heading(App& app, const std::string& text);

// How long the projector shows each page of something too tall for it (the close, a long list) before turning.
constexpr long long kSecondsPerPage = 12;
// Of `pages` pages that turn by themselves, the one to show now: by the clock, or the one the tour pinned. Notes
// the count for the tour and, with more than one page, asks for a frame every second.
int TurnedPage(App& app, int pages);
// "Page 2 of 3  \u25CB\u25CF\u25CB  (turns every 12 s)": in words and as marks, never colour alone.
std::string PageText(int page, int pages);
// Inside a list's child window, after its content, on the projector (which nobody can scroll): a list taller
// than the window shows one page at a time, turning every kSecondsPerPage, each page starting a line before the
// last one ended. Returns what to show under the list ("Page 2 of 3 ..."), empty when the list fits. `key` names
// the list for PageLineRoom.
std::string TurnListPages(App& app, const std::string& key);
// The height to keep under the list `key` for its page line: a line while it turns pages (as of the last frame),
// else nothing, so that a list that fits keeps all of its room (and its large type).
float PageLineRoom(App& app, const std::string& key);
// Under such a list: which page is shown (muted), also as the readout `readout_id`; nothing when it fits.
void PageLine(App& app, const char* readout_id, const std::string& where);
// A message line: errors are marked with a sign and words, not colour alone.
void Message(const std::string& text, bool is_error);

// Horizontal bars of a tally, each with its label and count; the leaders or a tie are named in words.
void BarChart(App& app, const facilitation::Tally& tally, ImVec2 size);

// A grid of people's names as touch targets, ids "<id_prefix>.<i>" (i = index in `people`).
// `selected(p)` outlines a name (picked); `marked(p)` adds " \u2713" (voted, holds the role...).
// Returns the index clicked, or -1.
int NameGrid(App& app, const std::string& id_prefix, const std::vector<facilitation::Participant>& people,
             const std::function<bool(const facilitation::Participant&)>& selected,
             const std::function<bool(const facilitation::Participant&)>& marked, float button_width = 0);

// Name buttons as wide as the longest name (with its tick) needs (8..16 em), so a room of 8 to 12 fits
// without scrolling, stretched so that `*columns` of them share `width` (a scrollbar's room kept).
float NameButtonWidth(const std::vector<facilitation::Participant>& people, float width, int* columns);

// A row of buttons for the values min..max, ids "<id_prefix>.<value>" (e.g. "tasks.energy.0.-2");
// the chosen one is outlined and marked with a tick. `labels` (optional) name each value in words.
// True when `value` changed.
bool ScaleButtons(App& app, const std::string& id_prefix, int min, int max, int& value,
                  const std::vector<std::string>& labels = {}, float button_width = 0);

// − value + buttons, ids "<id>.less" and "<id>.more"; true when `value` changed. Bounds are kept.
bool Stepper(App& app, const std::string& id, int& value, int min, int max);

// "✓ ": the mark of a chosen or done thing, beside its words (never colour alone).
extern const char* const kTick;

// Text in a row of touch-size buttons, centred on the row's height. It takes the row's full height as one
// item, so ImGui::SameLine() before and after it keeps every item of the row on one line.
void RowText(const std::string& text, unsigned rgb = 0x3B3B3B, ImFont* font = nullptr);

// Text beside a row of buttons, centred on the row (wrapping when long). A message (the store's refusal, or
// what was just done) is dismissed by touching it: it is then a widget, listed in the layout dump under `id`
// with its text, so a test can tell a refusal was shown. True when dismissed.
bool SideText(App& app, const std::string& id, const std::string& text, unsigned rgb, bool is_message);

// A button that is one of a set: outlined and ticked when chosen. Its width is the same chosen or not.
float ToggleWidth(const std::string& label);
bool Toggle(App& app, const std::string& id, const std::string& label, bool chosen, float width = 0);

// Lists the last item in the layout dump: only the part that shows, and only when most of it does.
void RecordLastItem(App& app, const std::string& id, const std::string& label);
// The size of secondary text (hints, axis titles) as a fraction of the body's: `scale` on the console, but
// never below the body on the projector, whose text must stay at least 1/30 of the screen's height.
float MinorTextScale(const App& app, float scale);
// Lists the last item (any text or drawing) in the layout dump's "readouts": what a screen says, for tests
// of read-only views such as the projector.
void RecordReadout(App& app, const std::string& id, const std::string& text);

// Minimum touch target height: 2.5 em.
inline float TouchHeight() { return 2.5f * Em(); }

}  // namespace kiosk

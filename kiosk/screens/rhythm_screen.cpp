// The rhythm stage: how often and in what form the community meets (DOMAIN.md "Rhythm").
//
// The body shows one of three things, so that each fits a 720p projector:
// - the list (what the room reads): every decision with its sentence, how it meets (format, membership,
//   convener), its next three dates and its RRULE in small type; the activity and the dates are in large type
//   when the whole list fits that way, else smaller so that three or four decisions are still seen at once.
//   In a renewal (which starts from the previous rhythm) each is marked new, changed or the same as last time,
//   and what was dropped is named;
// - the form (adding or editing one decision), five rows: what and how often · every N, at, for · which days
//   · starting, format, convener · membership, Add. The store's refusal shows beside Add, nothing lost;
// - the convener picker: the participants' names as big targets, then back to the form.
// Every rule (what a valid recurrence is, its RRULE, its dates, its sentence) comes from facilitation/.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "facilitation/domain/names.h"
#include "facilitation/domain/time_util.h"
#include "kiosk/app.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

namespace {
using Mode = RhythmScratch::Mode;

constexpr const char* kWeekdayShort[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr const char* kWeekdayTiny[7] = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
constexpr const char* kMonthShort[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kMonthNames[12] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
constexpr int kPositions[5] = {1, 2, 3, 4, -1};
constexpr const char* kPositionWords[5] = {"first", "second", "third", "fourth", "last"};
constexpr const char* kPositionShort[5] = {"1st", "2nd", "3rd", "4th", "last"};

// "Tue 2 Jun 2026": the weekday spelled out, so the room can check it against their calendars.
std::string FriendlyDate(const CivilDate& date) {
    if (date.month < 1 || date.month > 12) return date.Iso();
    return std::string(kWeekdayShort[WeekdayOf(date)]) + " " + std::to_string(date.day) + " " +
           kMonthShort[date.month - 1] + " " + std::to_string(date.year);
}

std::string TwoDigits(int value) {
    char text[8];
    std::snprintf(text, sizeof text, "%02d", value);
    return text;
}

std::string FormatWords(const std::string& format) {
    if (format == "face-to-face") return "Face-to-face";
    if (format == "hybrid") return "Hybrid";
    return "Online";
}

std::string Unit(Frequency frequency, int interval) {
    const bool one = interval == 1;
    switch (frequency) {
        case Frequency::Daily: return one ? "day" : "days";
        case Frequency::Weekly: return one ? "week" : "weeks";
        case Frequency::Monthly: return one ? "month" : "months";
        case Frequency::Yearly: return one ? "year" : "years";
    }
    return "";
}

// − value + with ids "<id>.less" and "<id>.more"; the value in large type in a cell wide enough for `widest`.
// Returns -1, 0 or +1. A button at its bound is disabled (and so not listed in the layout dump).
int StepButtons(App& app, const std::string& id, const std::string& value, const std::string& widest, bool can_less,
                bool can_more) {
    int delta = 0;
    const float gap = 0.3f * Em();
    if (Button(app, id + ".less", "\u2212", ImVec2(TouchHeight(), 0), ButtonStyle::Secondary, can_less)) delta = -1;
    ImGui::SameLine(0, gap);
    ImGui::PushFont(app.GetFonts().heading);
    const float cell = ImGui::CalcTextSize(widest.c_str()).x + 0.4f * Em();
    const ImVec2 size = ImGui::CalcTextSize(value.c_str());
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + (cell - size.x) * 0.5f, at.y + (TouchHeight() - size.y) * 0.5f),
                                        theme::Rgb(theme::kInk), value.c_str());
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(cell, TouchHeight()));
    ImGui::SameLine(0, gap);
    if (Button(app, id + ".more", "+", ImVec2(TouchHeight(), 0), ButtonStyle::Secondary, can_more)) delta = +1;
    return delta;
}

// ---- The form ---------------------------------------------------------------------------------------

void ResetForm(RhythmScratch& s, const CivilDate& today) {
    const std::string message = s.message;
    const bool is_error = s.message_is_error;
    s = RhythmScratch{};
    s.message = message;
    s.message_is_error = is_error;
    s.month_day = today.day;
    std::snprintf(s.start, sizeof s.start, "%s", today.Iso().c_str());
}

void LoadForm(RhythmScratch& s, const RhythmDecision& d, const CivilDate& today) {
    ResetForm(s, today);
    const Recurrence& r = d.recurrence;
    s.editing_id = d.id;
    std::snprintf(s.activity, sizeof s.activity, "%s", d.activity.c_str());
    s.frequency = r.frequency;
    s.interval = r.interval;
    for (int day : r.weekdays)
        if (day >= 0 && day < 7) s.weekdays[day] = true;
    s.monthly_by_day = r.frequency == Frequency::Monthly && r.set_position == 0;
    if (r.set_position != 0) s.set_position = r.set_position;
    s.month_day = r.month_day != 0 ? r.month_day : r.start_date.day;
    std::snprintf(s.start, sizeof s.start, "%s", r.start_date.Iso().c_str());
    s.hour = r.start_minutes / 60;
    s.minute = r.start_minutes % 60;
    s.duration = r.duration_minutes;
    s.format = d.format;
    s.convener_id = d.convener_id;
    s.membership = d.membership;
}

// The decision the form describes. The store judges it (RhythmProblem): a weekly rhythm with no weekday, an
// unreadable start date and the like come back as its refusal, shown on the form with nothing lost.
RhythmDecision DecisionFromForm(const RhythmScratch& s) {
    RhythmDecision d;
    d.id = s.editing_id;
    d.activity = s.activity;
    Recurrence& r = d.recurrence;
    r.frequency = s.frequency;
    r.interval = s.interval;
    if (s.frequency == Frequency::Weekly || (s.frequency == Frequency::Monthly && !s.monthly_by_day))
        for (int day = 0; day < 7; ++day)
            if (s.weekdays[day]) r.weekdays.push_back(day);
    if (s.frequency == Frequency::Monthly) {
        if (s.monthly_by_day) r.month_day = s.month_day;
        else r.set_position = s.set_position;
    }
    if (!CivilDate::Parse(s.start, r.start_date)) r.start_date = CivilDate{0, 0, 0};  // refused as "not a real date"
    r.start_minutes = s.hour * 60 + s.minute;
    r.duration_minutes = s.duration;
    d.format = s.format;
    d.convener_id = s.convener_id;
    d.membership = s.membership;
    return d;
}

std::string ConvenerName(const WorkshopView& view, const std::string& id) {
    if (id.empty()) return "";
    for (const auto& p : view.participants)
        if (p.id == id) return p.name;
    // A renewal's decision copied from last time may name someone not here today: the store will ask for
    // someone checked in (or nobody) when it is saved.
    for (const auto& d : view.record.rhythm)
        if (d.convener_id == id && !d.convener_name.empty()) return d.convener_name + " (not here)";
    return "(not checked in)";
}

// Everything the form holds, as one string: a refusal is shown until the form changes.
std::string FormSignature(const RhythmScratch& s) {
    std::string text = std::string(s.activity) + "|" + ToString(s.frequency) + "|" + std::to_string(s.interval) + "|";
    for (bool day : s.weekdays) text += day ? '1' : '0';
    text += "|" + std::to_string(s.monthly_by_day) + std::to_string(s.set_position) + "|" + std::to_string(s.month_day) +
            "|" + s.start + "|" + std::to_string(s.hour * 60 + s.minute) + "|" + std::to_string(s.duration) + "|" +
            s.format + "|" + s.convener_id + "|" + s.membership;
    return text;
}

void SelectFrequency(RhythmScratch& s, Frequency frequency) {
    // "First Tuesday" names one weekday: keep the first one chosen for a weekly rhythm.
    if (frequency == Frequency::Monthly && !s.monthly_by_day) {
        bool seen = false;
        for (bool& day : s.weekdays) {
            if (day && seen) day = false;
            seen = seen || day;
        }
    }
    s.frequency = frequency;
}

// Row 3: which days. Weekly: any weekdays. Monthly: "on the first .. last <weekday>" or "on day N".
void DrawPatternRow(App& app, RhythmScratch& s) {
    const float avail = ImGui::GetContentRegionAvail().x;
    const float gap = 0.3f * Em();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    auto weekday_width = [&](const char* const* labels) {
        float widest = 0;
        for (int i = 0; i < 7; ++i) widest = std::max(widest, ToggleWidth(labels[i]));
        return widest;
    };
    auto draw_weekdays = [&](const char* const* labels, bool single) {
        const float width = weekday_width(labels);
        for (int day = 0; day < 7; ++day) {
            if (day > 0) ImGui::SameLine(0, gap);
            if (Toggle(app, std::string("rhythm.weekday.") + kWeekdayCodes[day], labels[day], s.weekdays[day], width)) {
                const bool was = s.weekdays[day];
                if (single) std::fill(std::begin(s.weekdays), std::end(s.weekdays), false);
                s.weekdays[day] = !was;
            }
        }
    };
    switch (s.frequency) {
        case Frequency::Daily:
            RowText(s.interval == 1 ? "Every day, from the start date." : "Counted from the start date.");
            break;
        case Frequency::Yearly: {
            CivilDate start;
            RowText(CivilDate::Parse(s.start, start)
                        ? "On " + std::to_string(start.day) + " " + kMonthNames[start.month - 1] +
                              ": the start date's day and month."
                        : "On the start date's day and month.");
            break;
        }
        case Frequency::Weekly:
            RowText("on");
            ImGui::SameLine();
            draw_weekdays(kWeekdayShort, false);
            break;
        case Frequency::Monthly: {
            // The most readable words that fit the row: "on the first ... Mon", else shorter forms of the
            // same choices.
            struct Words {
                const char* lead;
                const char* const* positions;
                const char* const* days;
            };
            const Words choices[] = {{"on the", kPositionWords, kWeekdayShort},
                                     {"on the", kPositionShort, kWeekdayShort},
                                     {"on the", kPositionShort, kWeekdayTiny},
                                     {"the", kPositionShort, kWeekdayTiny},
                                     {"", kPositionShort, kWeekdayTiny}};
            Words words = choices[4];
            for (const Words& w : choices) {
                float total = (w.lead[0] ? ImGui::CalcTextSize(w.lead).x + spacing : 0) + ToggleWidth("day") + 2 * spacing +
                              7 * weekday_width(w.days) + 6 * gap;
                for (int i = 0; i < 5; ++i) total += ToggleWidth(w.positions[i]) + gap;
                if (total <= avail) {
                    words = w;
                    break;
                }
            }
            if (words.lead[0]) {
                RowText(words.lead);
                ImGui::SameLine();
            }
            for (int i = 0; i < 5; ++i) {
                if (i > 0) ImGui::SameLine(0, gap);
                const int p = kPositions[i];
                if (Toggle(app, "rhythm.position." + std::to_string(p), words.positions[i],
                           !s.monthly_by_day && s.set_position == p)) {
                    s.monthly_by_day = false;
                    s.set_position = p;
                    SelectFrequency(s, Frequency::Monthly);  // one weekday at most
                }
            }
            ImGui::SameLine(0, gap);
            if (Toggle(app, "rhythm.monthday", "day", s.monthly_by_day)) s.monthly_by_day = true;
            if (s.monthly_by_day) {
                ImGui::SameLine();
                const int step = StepButtons(app, "rhythm.monthday", std::to_string(s.month_day), "31", s.month_day > 1,
                                             s.month_day < 31);
                s.month_day = std::clamp(s.month_day + step, 1, 31);
                ImGui::SameLine();
                RowText("of the month");
            } else {
                ImGui::SameLine(0, 2 * spacing);
                draw_weekdays(words.days, true);
            }
            break;
        }
    }
}

void DrawForm(App& app, RhythmScratch& s, const WorkshopView& view) {
    if (!s.message.empty() && FormSignature(s) != s.message_form) s.message.clear();
    const float gap = 0.3f * Em();
    const float group = 1.2f * Em();  // between groups of controls on one row
    const float width = ImGui::GetContentRegionAvail().x;

    // Row 1: what, and how often.
    const Frequency frequencies[4] = {Frequency::Daily, Frequency::Weekly, Frequency::Monthly, Frequency::Yearly};
    const char* frequency_labels[4] = {"Daily", "Weekly", "Monthly", "Yearly"};
    float frequency_width = 0;
    for (const char* label : frequency_labels) frequency_width = std::max(frequency_width, ToggleWidth(label));
    const float field_width = width - 4 * frequency_width - 3 * gap - group;
    // The field is a little shorter than a button: centre it on the row.
    const float row_top = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(row_top + (TouchHeight() - (ImGui::GetFontSize() + 1.2f * Em())) * 0.5f);
    TextField(app, "rhythm.activity", "What? e.g. Monthly call", s.activity, sizeof s.activity, field_width, nullptr,
              s.focus_activity);
    s.focus_activity = false;
    ImGui::SameLine(0, group);
    ImGui::SetCursorPosY(row_top);
    for (int i = 0; i < 4; ++i) {
        if (i > 0) ImGui::SameLine(0, gap);
        if (Toggle(app, std::string("rhythm.frequency.") + ToString(frequencies[i]), frequency_labels[i],
                   s.frequency == frequencies[i], frequency_width))
            SelectFrequency(s, frequencies[i]);
    }

    // Row 2: every N units, at hh:mm, for N minutes.
    RowText("Every");
    ImGui::SameLine();
    s.interval = std::clamp(s.interval + StepButtons(app, "rhythm.interval", std::to_string(s.interval), "99",
                                                     s.interval > 1, s.interval < 99),
                            1, 99);
    ImGui::SameLine();
    RowText(Unit(s.frequency, s.interval), theme::kInk);
    ImGui::SameLine(0, group);
    RowText("at");
    ImGui::SameLine();
    const int hour_step = StepButtons(app, "rhythm.hour", TwoDigits(s.hour), "00", s.hour > 0, s.hour < 23);
    s.hour = std::clamp(s.hour + hour_step, 0, 23);
    ImGui::SameLine(0, gap);
    RowText(":", theme::kInk, app.GetFonts().heading);
    ImGui::SameLine(0, gap);
    // Minutes and the duration move in quarter hours (a loaded 12:10 steps to 12:15 or 12:00).
    const int minute_step = StepButtons(app, "rhythm.minute", TwoDigits(s.minute), "00", s.minute > 0, s.minute < 45);
    if (minute_step > 0) s.minute = std::min(45, (s.minute / 15 + 1) * 15);
    if (minute_step < 0) s.minute = std::max(0, ((s.minute + 14) / 15 - 1) * 15);
    ImGui::SameLine(0, group);
    RowText("for");
    ImGui::SameLine();
    const int duration_step = StepButtons(app, "rhythm.duration", std::to_string(s.duration), "1440", s.duration > 15,
                                          s.duration < 24 * 60);
    if (duration_step > 0) s.duration = std::min(24 * 60, (s.duration / 15 + 1) * 15);
    if (duration_step < 0) s.duration = std::max(15, ((s.duration + 14) / 15 - 1) * 15);
    ImGui::SameLine();
    RowText("min");

    // Row 3: which days.
    DrawPatternRow(app, s);

    // Row 4: from (the start date), the format, the convener.
    RowText("Starting");
    ImGui::SameLine();
    const float date_top = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(date_top + (TouchHeight() - (ImGui::GetFontSize() + 1.2f * Em())) * 0.5f);
    TextField(app, "rhythm.start", "YYYY-MM-DD", s.start, sizeof s.start, ImGui::CalcTextSize("YYYY-MM-DD").x + 1.2f * Em());
    ImGui::SameLine(0, gap);
    ImGui::SetCursorPosY(date_top);
    CivilDate start;
    if (CivilDate::Parse(s.start, start)) RowText(kWeekdayShort[WeekdayOf(start)], theme::kInk);
    else RowText("\u26A0 date?", theme::kError);
    ImGui::SameLine(0, group);
    const char* formats[3] = {"online", "face-to-face", "hybrid"};
    for (int i = 0; i < 3; ++i) {
        if (i > 0) ImGui::SameLine(0, gap);
        if (Toggle(app, std::string("rhythm.format.") + formats[i], FormatWords(formats[i]), s.format == formats[i]))
            s.format = formats[i];
    }
    ImGui::SameLine(0, group);
    const std::string convener = ConvenerName(view, s.convener_id);
    const float convener_room = ImGui::GetContentRegionAvail().x;
    if (Button(app, "rhythm.convener", "Convener: " + (convener.empty() ? std::string("nobody yet") : convener) + "  \u25B8",
               ImVec2(std::max(8.0f * Em(), convener_room), 0), ButtonStyle::Secondary))
        s.mode = Mode::PickConvener;

    // Row 5: membership, then Add (or Save) and Cancel, then the store's refusal or a preview of the sentence.
    RowText("Membership");
    ImGui::SameLine();
    const char* memberships[2] = {"open", "closed"};
    for (int i = 0; i < 2; ++i) {
        if (i > 0) ImGui::SameLine(0, gap);
        if (Toggle(app, std::string("rhythm.membership.") + memberships[i], i == 0 ? "Open" : "Closed",
                   s.membership == memberships[i]))
            s.membership = memberships[i];
    }
    ImGui::SameLine(0, group);
    const bool adding = s.editing_id.empty();
    if (Button(app, adding ? "rhythm.add" : "rhythm.save", adding ? "Add this rhythm" : "Save changes")) {
        const RhythmDecision decision = DecisionFromForm(s);
        const bool done = app.Try(s.message, [&] {
            if (adding) app.Store()->AddRhythm(view.workshop.id, decision);
            else app.Store()->UpdateRhythm(view.workshop.id, decision);
        });
        s.message_is_error = !done;
        s.message_form = FormSignature(s);
        if (done) {
            s.message = (adding ? "Added: " : "Saved: ") + std::string(s.activity);
            ResetForm(s, TodayUtc());
            s.mode = Mode::List;
            return;
        }
    }
    ImGui::SameLine(0, gap);
    if (Button(app, "rhythm.cancel", "Cancel", ImVec2(0, 0), ButtonStyle::Secondary)) {
        s.message.clear();
        s.mode = Mode::List;
        return;
    }
    ImGui::SameLine(0, group);
    // Up to two lines of text beside the buttons: the store's refusal, else the sentence the form makes.
    if (!s.message.empty()) {
        if (SideText(app, "rhythm.message", (s.message_is_error ? "\u26A0 " : "\u2713 ") + s.message,
                     s.message_is_error ? theme::kError : theme::kSuccess, true))
            s.message.clear();
    } else {
        const Recurrence r = DecisionFromForm(s).recurrence;
        const std::string problem = RecurrenceProblem(r);
        SideText(app, "", problem.empty() ? Describe(r) : "Still to choose: " + problem,
                 problem.empty() ? theme::kInk : theme::kMuted, false);
    }
}

void DrawConvenerPicker(App& app, RhythmScratch& s, const WorkshopView& view) {
    const std::string activity = s.activity[0] ? std::string(s.activity) : std::string("this rhythm");
    Heading(app, "Who convenes \u201C" + activity + "\u201D?");
    if (Toggle(app, "rhythm.convener.none", "Nobody yet", s.convener_id.empty(), 11.0f * Em())) {
        s.convener_id.clear();
        s.mode = Mode::Form;
    }
    ImGui::SameLine();
    if (Button(app, "rhythm.convener.back", "\u25C0  Back to the form", ImVec2(0, 0), ButtonStyle::Secondary))
        s.mode = Mode::Form;
    if (view.participants.empty()) Wrapped("Nobody is checked in yet.", theme::kMuted);
    ImGui::BeginChild("##conveners", ImVec2(0, 0), false);
    const int picked = NameGrid(
        app, "rhythm.convener", view.participants, [&](const Participant& p) { return p.id == s.convener_id; },
        [&](const Participant& p) { return p.id == s.convener_id; });
    if (picked >= 0) {
        s.convener_id = view.participants[static_cast<size_t>(picked)].id;
        s.mode = Mode::Form;
    }
    ImGui::EndChild();
}

// ---- The list ---------------------------------------------------------------------------------------

// How a decision compares with the previous workshop's rhythm (a renewal starts from it).
enum class Since { NotRenewal, New, Changed, Unchanged };

bool SameDecision(const RhythmDecision& a, const RhythmDecision& b) {
    return NameKey(a.activity) == NameKey(b.activity) && ToRRule(a.recurrence) == ToRRule(b.recurrence) &&
           a.recurrence.start_minutes == b.recurrence.start_minutes &&
           a.recurrence.duration_minutes == b.recurrence.duration_minutes && a.format == b.format &&
           a.membership == b.membership;
}

Since CompareWithPrevious(const WorkshopView& view, const RhythmDecision& d) {
    if (!view.previous || view.workshop.kind != "renewal") return Since::NotRenewal;
    const auto& before = view.previous->rhythm;
    if (std::any_of(before.begin(), before.end(), [&](const RhythmDecision& b) { return SameDecision(b, d); }))
        return Since::Unchanged;
    if (std::any_of(before.begin(), before.end(),
                    [&](const RhythmDecision& b) { return NameKey(b.activity) == NameKey(d.activity); }))
        return Since::Changed;
    return Since::New;
}

// Pieces of text laid out like words: each goes on the current line when it fits (sharing the line's
// baseline), else starts a new line; a piece wider than a line wraps. The same code measures (draw = false)
// and draws, so a list can know its height before choosing its type size.
class TextFlow {
public:
    TextFlow(float left, float right, float top, bool draw) : m_left(left), m_right(right), m_top(top), m_draw(draw) {}
    // `line_height`: when this piece starts a line, the height of the tallest piece that will follow on it.
    // `joiner`: put before the piece when it continues a line (e.g. " · "), instead of a wide gap.
    void Put(const std::string& piece, unsigned rgb, ImFont* font = nullptr, float scale = 1.0f, bool new_line = false,
             float line_height = 0.0f, const char* joiner = nullptr) {
        if (font) ImGui::PushFont(font);
        ImGui::SetWindowFontScale(scale);
        std::string text = joiner ? joiner + piece : piece;
        ImVec2 size = ImGui::CalcTextSize(text.c_str());
        const float gap = joiner ? 0.0f : Em();
        float x = 0, y = 0;
        if (!m_empty && !new_line && m_end + gap + size.x <= m_right) {
            x = m_end + gap;
            y = m_line_top + std::max(0.0f, m_line_height - size.y) * 0.8f;
        } else {
            text = piece;
            const float one_line = ImGui::GetTextLineHeight();
            size = ImGui::CalcTextSize(text.c_str(), nullptr, false, m_right - m_left);
            x = m_left;
            m_line_top = m_empty ? m_top : m_bottom + 0.15f * Em();
            m_line_height = std::max(one_line, line_height);
            y = m_line_top + (m_line_height - one_line) * 0.8f;
        }
        if (m_draw) {
            ImGui::SetCursorPos(ImVec2(x, y));
            ImGui::PushTextWrapPos(m_right);
            ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(rgb));
            ImGui::TextUnformatted(text.c_str());
            ImGui::PopStyleColor();
            ImGui::PopTextWrapPos();
        }
        m_end = x + size.x;
        m_bottom = std::max(m_empty ? 0.0f : m_bottom, y + size.y);
        m_empty = false;
        ImGui::SetWindowFontScale(1.0f);
        if (font) ImGui::PopFont();
    }
    float Bottom() const { return m_empty ? m_top : m_bottom; }

private:
    float m_left, m_right, m_top;
    bool m_draw;
    float m_line_top = 0, m_line_height = 0, m_end = 0, m_bottom = 0;
    bool m_empty = true;
};

std::string Details(const RhythmDecision& d) {
    return FormatWords(d.format) + "  \u00B7  " + (d.membership == "closed" ? "closed membership" : "open membership") +
           "  \u00B7  " + (d.convener_name.empty() ? std::string("no convener yet") : "convened by " + d.convener_name);
}

const char* kEditLabel = "Edit";
const char* kRemoveLabel = "\u2717";  // the cross, as on the check-in's list
float EditWidth() { return ImGui::CalcTextSize(kEditLabel).x + 2.0f * Em(); }
float ButtonsWidth() { return EditWidth() + 0.3f * Em() + TouchHeight(); }

// One decision, as the room reads it: the activity (in a renewal, with how it compares with last time), the
// sentence and how the community meets, the next three dates, the RRULE in small type. `size` 2: the activity
// and the dates in large type; 1: the dates only; 0: neither (the largest that lets the whole list fit is
// used). With `draw` false it only measures.
// Returns the height the card takes, the separator after it included.
float DecisionCard(App& app, RhythmScratch& s, const WorkshopView& view, const RhythmDecision& d, size_t index,
                   bool editable, const CivilDate& today, int size, bool draw) {
    const bool large = size >= 2;
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 top = ImGui::GetCursorPos();
    const float buttons = editable ? ButtonsWidth() : 0.0f;
    ImFont* big = large ? app.GetFonts().heading : app.GetFonts().bold;
    ImFont* date_font = size >= 1 ? app.GetFonts().heading : app.GetFonts().bold;
    ImGui::PushFont(date_font);
    const float date_line = ImGui::GetTextLineHeight();
    ImGui::PopFont();

    TextFlow flow(top.x, top.x + width - (editable ? buttons + Em() : 0.0f), top.y, draw);
    const Since since = CompareWithPrevious(view, d);
    flow.Put(d.activity, theme::kInk, big);
    if (since != Since::NotRenewal) {
        const unsigned colour = since == Since::Unchanged ? theme::kMuted : theme::kSuccess;
        if (large)
            flow.Put(since == Since::New       ? "\u25CF new"
                     : since == Since::Changed ? "\u25D0 changed since last time"
                                               : "\u25CB same as last time",
                     colour);
        else
            flow.Put(since == Since::New ? "\u25CF new" : since == Since::Changed ? "\u25D0 changed" : "\u25CB same", colour);
    }
    // The RRULE is for the facilitator and the calendar; the room reads the sentence.
    const bool rrule = !app.IsProjector();
    if (large) {
        if (rrule) flow.Put("RRULE  " + ToRRule(d.recurrence), theme::kMuted, nullptr, 0.8f);
        flow.Put(Describe(d.recurrence), theme::kInk, nullptr, 1.0f, true);
        flow.Put(Details(d), theme::kInk, nullptr, 1.0f, false, 0.0f, "  \u00B7  ");
    } else {
        flow.Put(Details(d), theme::kInk, nullptr, 1.0f, false, 0.0f, "  \u00B7  ");
        flow.Put(Describe(d.recurrence), theme::kInk, nullptr, 1.0f, true);
        if (rrule) flow.Put("RRULE  " + ToRRule(d.recurrence), theme::kMuted, nullptr, 0.8f);
    }
    const std::vector<CivilDate> next = NextOccurrences(d.recurrence, today, 3);
    std::string dates;
    for (size_t i = 0; i < next.size(); ++i) dates += (i ? "  \u00B7  " : "") + FriendlyDate(next[i]);
    flow.Put("Next:", theme::kMuted, nullptr, 1.0f, true, date_line);
    flow.Put(dates.empty() ? "no date to come" : dates, theme::kInk, date_font);
    const float bottom = std::max(flow.Bottom(), editable ? top.y + TouchHeight() : 0.0f);

    if (editable && draw) {
        // Edit and Remove at the right, centred on the card.
        const float gap = 0.3f * Em();
        const float edit_width = EditWidth();
        const float remove_width = TouchHeight();
        ImGui::SetCursorPos(ImVec2(top.x + width - buttons, top.y + (bottom - top.y - TouchHeight()) * 0.5f));
        const std::string suffix = std::to_string(index);
        if (Button(app, "rhythm.edit." + suffix, kEditLabel, ImVec2(edit_width, 0), ButtonStyle::Secondary)) {
            LoadForm(s, d, today);
            s.message.clear();
            s.mode = Mode::Form;
        }
        ImGui::SameLine(0, gap);
        if (Button(app, "rhythm.remove." + suffix, kRemoveLabel, ImVec2(remove_width, 0), ButtonStyle::Secondary)) {
            const std::string id = d.id;
            s.message_is_error = !app.Try(s.message, [&] { app.Store()->RetractRhythm(view.workshop.id, id); });
            if (!s.message_is_error) s.message = "Removed: " + d.activity;
        }
    }
    const float separator_gap = 0.25f * Em();
    if (draw) {
        ImGui::SetCursorPos(ImVec2(top.x, bottom + separator_gap));
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, separator_gap));
        ImGui::Separator();
        ImGui::PopStyleVar();
    }
    return bottom - top.y + 2.0f * separator_gap + 1.0f;
}

// A renewal: what last time's rhythm had that this one no longer has (by activity), or "".
std::string Dropped(const WorkshopView& view) {
    if (!view.previous || view.workshop.kind != "renewal") return "";
    std::string dropped;
    for (const auto& before : view.previous->rhythm) {
        const bool still = std::any_of(view.record.rhythm.begin(), view.record.rhythm.end(), [&](const RhythmDecision& d) {
            return NameKey(d.activity) == NameKey(before.activity);
        });
        if (!still) dropped += (dropped.empty() ? "" : ", ") + before.activity;
    }
    return dropped;
}

void DrawList(App& app, RhythmScratch& s, const WorkshopView& view, bool editable) {
    const CivilDate today = TodayUtc();
    const auto& rhythm = view.record.rhythm;
    if (editable) {
        if (Button(app, "rhythm.new", "+  Add a rhythm")) {
            ResetForm(s, today);
            s.message.clear();
            s.mode = Mode::Form;
            s.focus_activity = true;
        }
        ImGui::SameLine(0, Em());
        if (!s.message.empty()) {
            if (SideText(app, "rhythm.message", (s.message_is_error ? "\u26A0 " : "\u2713 ") + s.message,
                         s.message_is_error ? theme::kError : theme::kSuccess, true))
                s.message.clear();
        } else {
            SideText(app, "",
                     rhythm.empty() ? "No rhythm yet: add how often, and in what form, we meet."
                     : view.previous && view.workshop.kind == "renewal"
                         ? "Starting from last time's rhythm: keep, change or remove each."
                         : std::to_string(rhythm.size()) + (rhythm.size() == 1 ? " decision" : " decisions"),
                     theme::kMuted, false);
        }
    } else if (rhythm.empty()) {
        Wrapped("No rhythm was decided at this stage.", theme::kMuted);
    }
    const std::string dropped = Dropped(view);
    // The projector turns the list's pages by itself (nobody can scroll it): a line under it says which page.
    const bool paged = app.IsProjector();
    ImGui::BeginChild("##rhythm-list", ImVec2(0, -PageLineRoom(app, "rhythm")), false,
                      paged ? ImGuiWindowFlags_NoScrollbar : ImGuiWindowFlags_None);
    // Large type when every decision fits the room's view that way; else the activity and dates at body size,
    // so that three or four decisions are still seen at once.
    int size = 2;
    for (; size > 0; --size) {
        float height = dropped.empty() ? 0.0f : ImGui::GetTextLineHeightWithSpacing();
        for (size_t i = 0; i < rhythm.size(); ++i) height += DecisionCard(app, s, view, rhythm[i], i, editable, today, size, false);
        if (height <= ImGui::GetContentRegionAvail().y) break;
    }
    for (size_t i = 0; i < rhythm.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        DecisionCard(app, s, view, rhythm[i], i, editable, today, size, true);
        ImGui::PopID();
        if (s.mode != Mode::List) break;  // Edit was pressed: the form takes over from the next frame
    }
    if (!dropped.empty()) Wrapped("\u2717 Dropped since last time: " + dropped, theme::kMuted);
    const std::string where = paged ? TurnListPages(app, "rhythm") : std::string();
    ImGui::EndChild();
    PageLine(app, "rhythm.page", where);
}
}  // namespace

void DrawRhythmScreen(App& app) {
    if (!BeginStage(app)) return;
    RhythmScratch& s = app.rhythm;
    const auto& view = *app.Workshop();
    const bool editable = app.CanRecord();
    if (!editable) s.mode = Mode::List;
    switch (s.mode) {
        case Mode::List: DrawList(app, s, view, editable); break;
        case Mode::Form:
            ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0.45f * Em()));
            ImGui::BeginChild("##rhythm-form", ImVec2(0, 0), false);
            DrawForm(app, s, view);
            ImGui::EndChild();
            ImGui::PopStyleVar();
            break;
        case Mode::PickConvener: DrawConvenerPicker(app, s, view); break;
    }
    EndStage(app);
}

}  // namespace kiosk

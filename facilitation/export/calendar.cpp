// rhythm.ics and commitments.ics (ics.h for the syntax). Stable UIDs ("<row id>@cop-kiosk") so that importing a
// re-export updates the same entries; DTSTAMP is the row's last change, so an unchanged workshop re-exports to
// the same bytes. Times are floating local times: the rhythm records a local time and no time zone.
#include <cstdio>

#include "facilitation/domain/recurrence.h"
#include "facilitation/export/export.h"
#include "facilitation/export/ics.h"
#include "facilitation/export/text.h"

namespace facilitation::exporting {
namespace {

std::string Stamp(const std::string& updated_at, const Workshop& w) {
    std::string stamp = IcsUtcStamp(updated_at);
    if (stamp.empty()) stamp = IcsUtcStamp(w.started_at);
    return stamp.empty() ? "19700101T000000Z" : stamp;
}

std::string LocalDateTime(const CivilDate& date, int minutes) {
    char text[32];
    std::snprintf(text, sizeof text, "%04d%02d%02dT%02d%02d00", date.year, date.month, date.day, minutes / 60,
                  minutes % 60);
    return text;
}

std::string Origin(const WorkshopRecord& r) {
    return "Decided at the " + r.workshop.kind + " workshop of " + r.community.name + " on " +
           r.workshop.started_at.substr(0, 10) + ".";
}

}  // namespace

std::string RenderRhythmIcs(const ExportData& d) {
    const WorkshopRecord& r = d.record;
    if (r.rhythm.empty()) return "";  // RFC 5545 wants at least one component: no file rather than an invalid one
    IcsWriter ics;
    ics.TextLine("X-WR-CALNAME", r.community.name + ": rhythm");
    for (const RhythmDecision& decision : r.rhythm) {
        const Recurrence& rec = decision.recurrence;
        // DTSTART is the first real occurrence, so it agrees with the RRULE (RFC 5545 3.8.5.3).
        const auto first = NextOccurrences(rec, rec.start_date, 1);
        const CivilDate start = first.empty() ? rec.start_date : first.front();
        std::string description = Describe(rec) + ".\nFormat: " + decision.format + ". Membership: " +
                                  decision.membership + ".";
        if (!decision.convener_name.empty()) description += "\nConvened by " + decision.convener_name + ".";
        description += "\n" + Origin(r);
        ics.Line("BEGIN", "VEVENT");
        ics.Line("UID", decision.id + "@cop-kiosk");
        ics.Line("DTSTAMP", Stamp(decision.updated_at, r.workshop));
        ics.Line("DTSTART", LocalDateTime(start, rec.start_minutes));
        ics.Line("DURATION", "PT" + std::to_string(rec.duration_minutes) + "M");
        ics.Line("RRULE", ToRRule(rec));
        ics.TextLine("SUMMARY", decision.activity);
        ics.TextLine("DESCRIPTION", description);
        ics.Line("END", "VEVENT");
    }
    return ics.Finish();
}

std::string RenderCommitmentsIcs(const ExportData& d) {
    const WorkshopRecord& r = d.record;
    std::vector<const Commitment*> open;
    for (const Commitment& c : r.commitments)
        if (c.status == CommitmentStatus::Open && !IcsDate(c.due).empty()) open.push_back(&c);
    if (open.empty()) return "";
    IcsWriter ics;
    ics.TextLine("X-WR-CALNAME", r.community.name + ": commitments");
    for (const Commitment* c : open) {
        std::string description =
            "Who: " + (c->whole_community ? std::string("the whole community") : JoinAnd(c->member_names, "nobody named")) + ".";
        if (!c->role_key.empty()) description += "\nRole: " + c->role_key + ".";
        if (!c->carried_from_id.empty()) description += "\nCarried forward from an earlier commitment.";
        description += "\n" + Origin(r);
        ics.Line("BEGIN", "VTODO");
        ics.Line("UID", c->id + "@cop-kiosk");
        ics.Line("DTSTAMP", Stamp(c->updated_at, r.workshop));
        ics.Line("DUE;VALUE=DATE", IcsDate(c->due));
        ics.Line("STATUS", "NEEDS-ACTION");
        ics.TextLine("SUMMARY", c->what);
        ics.TextLine("DESCRIPTION", description);
        ics.Line("END", "VTODO");
    }
    return ics.Finish();
}

}  // namespace facilitation::exporting

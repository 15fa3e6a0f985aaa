// A renewal starts from the previous workshop's rhythm, in the same order, and keeps an absent convener.
#include <catch2/catch.hpp>

#include "store_helpers.h"

using namespace facilitation;
using namespace copk_test;

namespace {
RhythmDecision Weekly(const std::string& activity, int weekday, const std::string& convener) {
    RhythmDecision d;
    d.activity = activity;
    d.recurrence.frequency = Frequency::Weekly;
    d.recurrence.weekdays = {weekday};
    CivilDate::Parse(IsoDayFromToday(7), d.recurrence.start_date);
    d.convener_id = convener;
    return d;
}
}  // namespace

TEST_CASE("store: a renewal copies the rhythm in its order and may keep an absent convener", "[store][renewal]") {
    RunningWorkshop w;
    const Participant ann = w.store->CheckIn(w.workshop.id, "Ann Lee");
    w.store->CheckIn(w.workshop.id, "Bo Chen");
    const std::vector<std::string> activities = {"Zeta call", "Alpha lunch", "Mid review", "Beta walk", "Omega visit"};
    for (size_t i = 0; i < activities.size(); ++i) w.store->AddRhythm(w.workshop.id, Weekly(activities[i], int(i % 7), ann.id));
    w.store->FinishWorkshop(w.workshop.id);

    const Workshop renewal = w.store->StartWorkshop(w.community.id, LoadTemplate(COPK_TEST_DATA_DIR "/templates", "renewal"));
    w.store->CheckIn(renewal.id, "Bo Chen");  // Ann, the convener, is absent
    const auto copied = w.store->RhythmOf(renewal.id);
    REQUIRE(copied.size() == activities.size());
    for (size_t i = 0; i < activities.size(); ++i) {
        CAPTURE(i);
        CHECK(copied[i].activity == activities[i]);
        CHECK(copied[i].convener_id == ann.id);
        CHECK(copied[i].id != w.store->RhythmOf(w.workshop.id)[i].id);
    }
    // Editing a copied decision keeps the absent convener; naming someone absent anew is refused.
    RhythmDecision edited = copied[0];
    edited.recurrence.interval = 2;
    CHECK_NOTHROW(w.store->UpdateRhythm(renewal.id, edited));
    CHECK(w.store->RhythmOf(renewal.id)[0].recurrence.interval == 2);
    RhythmDecision other = copied[1];
    other.convener_id = w.store->ParticipantsOf(w.workshop.id)[1].id;  // Bo: here, allowed
    CHECK_NOTHROW(w.store->UpdateRhythm(renewal.id, other));
    other.convener_id = ann.id;  // back to Ann, who is absent: a new choice of an absent person
    CHECK_THROWS_AS(w.store->UpdateRhythm(renewal.id, other), RuleError);
}

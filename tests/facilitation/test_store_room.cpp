// The room's shared state in the store: the stage clock (pause, start, extend, restart, and what leaving a
// stage does to it), the kiosk PIN (only a salted hash stored), the kiosk openings, resetting a vote, and
// unnamed ballots in anonymous votes. Clocks are moved by rewriting the stored start of the current run,
// never by sleeping.
#include <catch2/catch.hpp>

#include <chrono>

#include "facilitation/domain/room.h"
#include "store_helpers.h"

using namespace facilitation;
using namespace copk_test;
using Catch::Matchers::Contains;

namespace {
Stage CurrentStage(Store& store, const std::string& workshop_id) {
    const int current = store.GetWorkshop(workshop_id).current_stage;
    return store.StagesOf(workshop_id).at(static_cast<size_t>(current));
}

std::string MinutesAgo(int minutes) {
    return FormatUtc(std::chrono::system_clock::now() - std::chrono::minutes(minutes));
}

// Pretends the current run of the stage at `position` began `minutes` ago.
void RunFor(RunningWorkshop& f, int position, int minutes) {
    RawDb raw(f.path);
    raw.Exec("UPDATE workshop_stage SET timer_running_since = '" + MinutesAgo(minutes) + "' WHERE workshop_id = '" +
             f.workshop.id + "' AND position = " + std::to_string(position));
}
}  // namespace

TEST_CASE("store room: a new workshop's first stage clock is running from the start", "[store][room][timer]") {
    RunningWorkshop f;
    const Stage first = CurrentStage(*f.store, f.workshop.id);
    CHECK_FALSE(TimerPaused(first));
    CHECK(first.timer_running_since == first.started_at);
    CHECK(first.timer_elapsed_seconds == 0);
    CHECK(TimerPaused(f.store->StagesOf(f.workshop.id)[1]));
}

TEST_CASE("store room: pausing keeps the time run; starting again continues from it", "[store][room][timer]") {
    RunningWorkshop f;
    RunFor(f, 0, 7);
    const Stage paused = f.store->PauseTimer(f.workshop.id);
    CHECK(TimerPaused(paused));
    CHECK(paused.timer_elapsed_seconds >= 7 * 60);
    CHECK(paused.timer_elapsed_seconds <= 7 * 60 + 5);
    // Paused: the clock does not move, however long the room talks.
    CHECK(TimerElapsedSeconds(paused, FormatUtc(std::chrono::system_clock::now() + std::chrono::hours(1))) ==
          paused.timer_elapsed_seconds);
    SECTION("pausing twice changes nothing") {
        CHECK(f.store->PauseTimer(f.workshop.id).timer_elapsed_seconds == paused.timer_elapsed_seconds);
    }
    SECTION("starting runs on from the time kept") {
        const Stage running = f.store->StartTimer(f.workshop.id);
        CHECK_FALSE(TimerPaused(running));
        CHECK(running.timer_elapsed_seconds == paused.timer_elapsed_seconds);
        // Starting a running clock does not restart its run.
        const std::string since = running.timer_running_since;
        CHECK(f.store->StartTimer(f.workshop.id).timer_running_since == since);
    }
}

TEST_CASE("store room: extending adds minutes; restarting clears the clock", "[store][room][timer]") {
    RunningWorkshop f;
    RunFor(f, 0, 3);
    CHECK(f.store->ExtendTimer(f.workshop.id, kTimerExtendMinutes).timer_extra_minutes == 5);
    const Stage twice = f.store->ExtendTimer(f.workshop.id, kTimerExtendMinutes);
    CHECK(twice.timer_extra_minutes == 10);
    CHECK(TimerPlannedMinutes(twice) == twice.planned_minutes + 10);
    CHECK_THROWS_WITH(f.store->ExtendTimer(f.workshop.id, 0), Contains("at least one minute"));
    CHECK_THROWS_WITH(f.store->ExtendTimer(f.workshop.id, kTimerMostExtraMinutes), Contains("hours added"));
    CHECK(CurrentStage(*f.store, f.workshop.id).timer_extra_minutes == 10);
    const Stage restarted = f.store->RestartTimer(f.workshop.id);
    CHECK(restarted.timer_extra_minutes == 0);
    CHECK(restarted.timer_elapsed_seconds == 0);
    CHECK_FALSE(TimerPaused(restarted));
    CHECK(TimerElapsedSeconds(restarted, NowUtc()) < 5);
}

TEST_CASE("store room: leaving a stage stops its clock; coming back runs it on", "[store][room][timer]") {
    RunningWorkshop f;
    RunFor(f, 0, 4);
    f.store->GoToStage(f.workshop.id, 1);
    auto stages = f.store->StagesOf(f.workshop.id);
    CHECK(TimerPaused(stages[0]));
    CHECK(stages[0].timer_elapsed_seconds >= 4 * 60);
    CHECK_FALSE(TimerPaused(stages[1]));
    // The timer buttons act on the current stage only.
    f.store->PauseTimer(f.workshop.id);
    CHECK(f.store->StagesOf(f.workshop.id)[0].timer_elapsed_seconds == stages[0].timer_elapsed_seconds);
    f.store->GoToStage(f.workshop.id, 0);
    stages = f.store->StagesOf(f.workshop.id);
    CHECK_FALSE(TimerPaused(stages[0]));
    CHECK(TimerElapsedSeconds(stages[0], NowUtc()) >= 4 * 60);
    CHECK(TimerPaused(stages[1]));
}

TEST_CASE("store room: a finished workshop's clock cannot be changed", "[store][room][timer]") {
    RunningWorkshop f;
    f.store->FinishWorkshop(f.workshop.id);
    CHECK(TimerPaused(f.store->StagesOf(f.workshop.id)[0]));
    CHECK_THROWS_WITH(f.store->StartTimer(f.workshop.id), Contains("finished"));
    CHECK_THROWS_WITH(f.store->ExtendTimer(f.workshop.id, 5), Contains("finished"));
}

TEST_CASE("store room: the kiosk PIN is checked against a salted hash and never stored", "[store][room][pin]") {
    RunningWorkshop f;
    CHECK_FALSE(f.workshop.has_kiosk_pin);
    CHECK_FALSE(f.store->CheckKioskPin(f.workshop.id, "1234"));  // no PIN set: nothing opens
    f.store->SetKioskPin(f.workshop.id, "4812");
    CHECK(f.store->GetWorkshop(f.workshop.id).has_kiosk_pin);
    CHECK(f.store->CheckKioskPin(f.workshop.id, "4812"));
    CHECK_FALSE(f.store->CheckKioskPin(f.workshop.id, "4813"));
    CHECK_FALSE(f.store->CheckKioskPin(f.workshop.id, ""));
    CHECK_THROWS_WITH(f.store->SetKioskPin(f.workshop.id, "12"), Contains("at least 4"));
    CHECK(f.store->CheckKioskPin(f.workshop.id, "4812"));  // a refused change keeps the old PIN
    f.store.reset();
    RawDb raw(f.path);
    const std::string salt = raw.Text("SELECT kiosk_pin_salt FROM workshop");
    const std::string hash = raw.Text("SELECT kiosk_pin_hash FROM workshop");
    CHECK(hash == HashPin(salt, "4812"));
    // The PIN's digits appear nowhere in the workshop's row.
    CHECK(raw.Text("SELECT count(*) FROM workshop WHERE instr(ifnull(kiosk_pin_salt, '') || ifnull(kiosk_pin_hash, ''), "
                   "'4812') > 0") == "0");
}

TEST_CASE("store room: a workshop can start with its PIN, in one step", "[store][room][pin]") {
    TempDir dir;
    auto store = Store::Open(dir.File("kiosk.db"));
    const Community c = store->CreateCommunity("Bakers", "Bread that keeps.");
    CHECK_THROWS_WITH(store->StartWorkshop(c.id, LaunchTemplate(), "12x4"), Contains("digits only"));
    CHECK(store->ListWorkshops().empty());  // a refused PIN starts nothing
    const Workshop w = store->StartWorkshop(c.id, LaunchTemplate(), "97531");
    CHECK(w.has_kiosk_pin);
    CHECK(store->CheckKioskPin(w.id, "97531"));
    CHECK(store->ListWorkshops().front().workshop.has_kiosk_pin);
}

TEST_CASE("store room: the kiosk openings are stored for every role to follow", "[store][room][kiosk]") {
    RunningWorkshop f;
    CHECK_FALSE(f.workshop.kiosk_roles_open);
    CHECK_FALSE(f.workshop.kiosk_commitments_open);
    f.store->SetKioskOpenings(f.workshop.id, true, false);
    auto other = Store::Open(f.path);  // another process's connection
    Workshop seen = other->GetWorkshop(f.workshop.id);
    CHECK(seen.kiosk_roles_open);
    CHECK_FALSE(seen.kiosk_commitments_open);
    f.store->SetKioskOpenings(f.workshop.id, false, true);
    seen = other->GetWorkshop(f.workshop.id);
    CHECK_FALSE(seen.kiosk_roles_open);
    CHECK(seen.kiosk_commitments_open);
}

TEST_CASE("store room: resetting a vote sets its ballots aside and returns it to draft", "[store][room][polls]") {
    RunningWorkshop f;
    const std::string stage = StageCheckKey(f.launch);
    const Participant ann = f.store->CheckIn(f.workshop.id, "Ann");
    const Participant ben = f.store->CheckIn(f.workshop.id, "Ben");
    const bool anonymous = GENERATE(false, true);
    Poll poll = f.store->EnsureStageCheckPoll(f.workshop.id, stage);
    f.store->SetPollSettings(poll.id, anonymous, false);
    f.store->OpenPoll(poll.id);
    f.store->CastBallot(poll.id, ann.id, "coalescing");
    f.store->CastBallot(poll.id, ben.id, "committing");
    f.store->ClosePoll(poll.id);
    REQUIRE(f.store->TallyOf(poll.id).ballots == 2);

    const auto reset = f.store->ResetPolls({poll.id});
    REQUIRE(reset.size() == 1);
    CHECK(reset[0].status == PollStatus::Draft);
    CHECK(f.store->GetPoll(poll.id).status == PollStatus::Draft);
    CHECK(f.store->TallyOf(poll.id).ballots == 0);
    CHECK(f.store->VotersOf(poll.id).empty());
    CHECK(f.store->PollEventsOf(poll.id).back().action == "reset");
    {
        RawDb raw(f.path);  // set aside, not erased
        const char* kept = anonymous ? "SELECT count(*) FROM anonymous_ballot WHERE superseded = 1"
                                     : "SELECT count(*) FROM ballot WHERE superseded_at IS NOT NULL";
        CHECK(raw.Text(kept) == "2");
        CHECK(raw.Text("SELECT count(*) FROM anonymous_ballot WHERE token IS NOT NULL") == "0");
    }
    // Settings can change again, and the rerun counts only its own ballots; everyone may vote again.
    f.store->SetPollSettings(poll.id, !anonymous, true);
    f.store->OpenPoll(poll.id);
    f.store->CastBallot(poll.id, ann.id, "stewarding");
    const Tally tally = f.store->TallyOf(poll.id);
    CHECK(tally.ballots == 1);
    CHECK(tally.leaders == std::vector<std::string>{"stewarding"});
}

TEST_CASE("store room: a finished workshop's votes cannot be reset", "[store][room][polls]") {
    RunningWorkshop f;
    const Participant ann = f.store->CheckIn(f.workshop.id, "Ann");
    Poll poll = f.store->EnsureStageCheckPoll(f.workshop.id, StageCheckKey(f.launch));
    f.store->OpenPoll(poll.id);
    f.store->CastBallot(poll.id, ann.id, "coalescing");
    f.store->FinishWorkshop(f.workshop.id);
    CHECK_THROWS_WITH(f.store->ResetPolls({poll.id}), Contains("final"));
    CHECK(f.store->TallyOf(poll.id).ballots == 1);
}

TEST_CASE("store room: unnamed ballots count in anonymous votes only and mark nobody", "[store][room][polls]") {
    RunningWorkshop f;
    const Participant ann = f.store->CheckIn(f.workshop.id, "Ann");
    Poll poll = f.store->EnsureStageCheckPoll(f.workshop.id, StageCheckKey(f.launch));
    SECTION("a named vote refuses a ballot without a name") {
        f.store->OpenPoll(poll.id);
        CHECK_THROWS_WITH(f.store->CastUnnamedBallots({{poll.id, {{"coalescing", 1}}}}), Contains("named"));
        CHECK(f.store->TallyOf(poll.id).ballots == 0);
    }
    SECTION("an anonymous vote counts it, and it links to no one") {
        f.store->SetPollSettings(poll.id, true, false);
        f.store->OpenPoll(poll.id);
        f.store->CastUnnamedBallots({{poll.id, {{"coalescing", 1}}}});
        f.store->CastUnnamedBallots({{poll.id, {{"coalescing", 1}}}});
        f.store->CastBallot(poll.id, ann.id, "committing");
        const Tally tally = f.store->TallyOf(poll.id);
        CHECK(tally.ballots == 3);
        CHECK(tally.leaders == std::vector<std::string>{"coalescing"});
        CHECK(f.store->VotersOf(poll.id) == std::vector<std::string>{ann.id});
        CHECK_THROWS(f.store->CastUnnamedBallots({{poll.id, {{"nonsense", 1}}}}));
        CHECK(f.store->TallyOf(poll.id).ballots == 3);
        RawDb raw(f.path);
        CHECK(raw.Text("SELECT count(*) FROM anonymous_ballot WHERE token IS NULL") == "2");
        CHECK(raw.Text("SELECT count(*) FROM poll_event WHERE member_id IS NOT NULL") == "0");
    }
}

TEST_CASE("store room: a version 1 database migrates to the current shape, its clocks kept", "[store][room][migration]") {
    TempDir dir;
    const std::string old_path = dir.File("v1.db");
    {
        RawDb raw(old_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        raw.Exec(ReadFile(COPK_TEST_FIXTURES_DIR "/schema_v1.sql"));
        raw.Exec("PRAGMA user_version = 1");
        raw.Exec(
            "INSERT INTO community VALUES ('c1', 'Bakers', 'bakers', '', '2025-01-01T09:00:00.000Z', "
            "'2025-01-01T09:00:00.000Z', NULL);"
            "INSERT INTO workshop VALUES ('w1', 'c1', 'launch', 'launch', 'Launch', NULL, 1, '2025-01-01T09:00:00.000Z', "
            "NULL, '2025-01-01T09:00:00.000Z', '2025-01-01T09:00:00.000Z', NULL);"
            "INSERT INTO workshop_stage VALUES ('s0', 'w1', 0, 'checkin', 'Check-in', 'Who is here?', 'checkin', 10, 3, "
            "'2025-01-01T09:00:00.000Z', '2025-01-01T09:12:30.000Z', '2025-01-01T09:00:00.000Z', "
            "'2025-01-01T09:12:30.000Z');"
            "INSERT INTO workshop_stage VALUES ('s1', 'w1', 1, 'domain', 'Domain', 'What about?', 'domain', 15, 3, "
            "'2025-01-01T09:12:30.000Z', NULL, '2025-01-01T09:12:30.000Z', '2025-01-01T09:12:30.000Z');"
            "INSERT INTO workshop_stage VALUES ('s2', 'w1', 2, 'close', 'Close', 'Thanks', 'close', 5, 3, "
            "NULL, NULL, '2025-01-01T09:00:00.000Z', '2025-01-01T09:00:00.000Z');");
    }
    auto store = Store::Open(old_path);
    CHECK(store->SchemaVersion() == kSchemaVersion);
    const auto stages = store->StagesOf("w1");
    CHECK(stages[0].timer_elapsed_seconds == 750);  // 12:30 from first entered to last left
    CHECK(TimerPaused(stages[0]));
    CHECK(stages[1].timer_running_since == "2025-01-01T09:12:30.000Z");  // the current stage runs on
    CHECK(TimerPaused(stages[2]));
    const Workshop w = store->GetWorkshop("w1");
    CHECK_FALSE(w.has_kiosk_pin);
    CHECK_FALSE(w.kiosk_roles_open);
    store->SetKioskPin("w1", "2580");
    CHECK(store->CheckKioskPin("w1", "2580"));
    store.reset();

    // The same columns, in the same order, with the same types and defaults, as a database made new.
    const std::string new_path = dir.File("v2.db");
    Store::Open(new_path).reset();
    const std::string shape =
        "SELECT group_concat(m.name || '.' || p.name || ' ' || p.type || ' ' || p.\"notnull\" || ' ' || "
        "ifnull(p.dflt_value, '-'), ';') FROM sqlite_master m JOIN pragma_table_info(m.name) p "
        "WHERE m.type = 'table' ORDER BY m.name, p.cid";
    RawDb migrated(old_path);
    RawDb fresh(new_path);
    CHECK(migrated.Text(shape) == fresh.Text(shape));
    const std::string indexes = "SELECT group_concat(name || ' ' || sql, ';') FROM "
                                "(SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name)";
    CHECK(migrated.Text(indexes) == fresh.Text(indexes));
    CHECK_THAT(fresh.Text(shape), Contains("workshop_stage.timer_extra_minutes INTEGER 1 0"));
    CHECK_THAT(fresh.Text(shape), Contains("member.participation TEXT 1 ''"));
    CHECK(migrated.Text("PRAGMA integrity_check") == "ok");
    CHECK(migrated.Text("PRAGMA user_version") == std::to_string(kSchemaVersion));
}

TEST_CASE("store room: a version 2 database migrates to version 3, its members kept with an empty roster entry",
          "[store][room][migration]") {
    TempDir dir;
    const std::string old_path = dir.File("v2.db");
    {
        RawDb raw(old_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        raw.Exec(ReadFile(COPK_TEST_FIXTURES_DIR "/schema_v2.sql"));
        raw.Exec("PRAGMA user_version = 2");
        raw.Exec(
            "INSERT INTO community VALUES ('c1', 'Bakers', 'bakers', '', '2025-01-01T09:00:00.000Z', "
            "'2025-01-01T09:00:00.000Z', NULL);"
            "INSERT INTO member VALUES ('m1', 'c1', 'Zoé', 'zoé', '2025-01-01T09:00:00.000Z', "
            "'2025-01-01T09:00:00.000Z', NULL);");
    }
    auto store = Store::Open(old_path);
    CHECK(store->SchemaVersion() == kSchemaVersion);  // 3, then on
    const auto members = store->MembersOf("c1");
    REQUIRE(members.size() == 1);
    CHECK(members[0].name == "Zoé");
    CHECK(members[0].email.empty());
    CHECK(members[0].participation.empty());
    store.reset();

    const std::string new_path = dir.File("v3.db");
    Store::Open(new_path).reset();
    const std::string shape =
        "SELECT group_concat(m.name || '.' || p.name || ' ' || p.type || ' ' || p.\"notnull\" || ' ' || "
        "ifnull(p.dflt_value, '-'), ';') FROM sqlite_master m JOIN pragma_table_info(m.name) p "
        "WHERE m.type = 'table' ORDER BY m.name, p.cid";
    RawDb migrated(old_path);
    RawDb fresh(new_path);
    CHECK(migrated.Text(shape) == fresh.Text(shape));
    const std::string indexes = "SELECT group_concat(name || ' ' || sql, ';') FROM "
                                "(SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name)";
    CHECK(migrated.Text(indexes) == fresh.Text(indexes));
    CHECK_THAT(fresh.Text(indexes), Contains("voice_item_by_workshop"));
    // The CHECK on the level came along too: a level outside the three is refused in both.
    CHECK_THROWS(migrated.Exec("UPDATE member SET participation = 'boss'"));
    CHECK(migrated.Text("SELECT sql FROM sqlite_master WHERE name = 'member'").find("'peripheral'") != std::string::npos);
    CHECK(migrated.Text("PRAGMA integrity_check") == "ok");
}

TEST_CASE("store room: a version 3 database migrates to version 4, its indexes in reading order and nothing else changed",
          "[store][room][migration]") {
    RunningWorkshop f;
    std::vector<std::string> people;
    for (const char* name : {"Ann", "Bob", "Cy", "Dee"}) people.push_back(f.store->CheckIn(f.workshop.id, name).id);
    const Poll poll = f.store->EnsureStageCheckPoll(f.workshop.id, StageCheckKey(f.launch));
    f.store->OpenPoll(poll.id);
    f.store->CastBallot(poll.id, people[0], "coalescing");
    f.store->CastBallot(poll.id, people[1], "coalescing");
    f.store->CastBallot(poll.id, people[2], "committing");
    f.store->CastBallot(poll.id, people[2], "stewarding");  // replaced: superseded, not counted
    const Tally before = f.store->TallyOf(poll.id);
    const auto roster = f.store->ParticipantsOf(f.workshop.id);
    f.store.reset();
    {
        // The two indexes as version 3 made them.
        RawDb raw(f.path);
        raw.Exec("DROP INDEX attendance_by_workshop; CREATE INDEX attendance_by_workshop ON attendance(workshop_id);"
                 "DROP INDEX ballot_by_poll; CREATE INDEX ballot_by_poll ON ballot(poll_id); PRAGMA user_version = 3;");
    }
    auto store = Store::Open(f.path);
    CHECK(store->SchemaVersion() == 4);
    const Tally after = store->TallyOf(poll.id);
    CHECK(after.ballots == 3);
    CHECK(after.ballots == before.ballots);
    CHECK(after.leaders == before.leaders);
    for (size_t i = 0; i < after.options.size(); ++i) CHECK(after.options[i].votes == before.options[i].votes);
    const auto roster_after = store->ParticipantsOf(f.workshop.id);
    REQUIRE(roster_after.size() == roster.size());
    for (size_t i = 0; i < roster.size(); ++i) CHECK(roster_after[i].id == roster[i].id);  // still in check-in order
    store.reset();

    const std::string fresh_path = f.dir.File("v4.db");
    Store::Open(fresh_path).reset();
    const std::string indexes = "SELECT group_concat(name || ' ' || sql, ';') FROM "
                                "(SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name)";
    RawDb migrated(f.path);
    RawDb fresh(fresh_path);
    CHECK(migrated.Text(indexes) == fresh.Text(indexes));
    CHECK_THAT(fresh.Text(indexes), Contains("ballot_by_poll CREATE INDEX ballot_by_poll ON ballot(poll_id, superseded_at, id)"));
    CHECK_THAT(fresh.Text(indexes), Contains("attendance_by_workshop CREATE INDEX attendance_by_workshop ON attendance(workshop_id, checked_in_at)"));
    CHECK(migrated.Text("PRAGMA integrity_check") == "ok");
}

// Reliability of the store under what a room does to it (the README's "Reliability" figures come from here):
//   1. Crash: a kiosk process casting ballots and recording commitments is killed with SIGKILL at 200 random
//      moments; after each kill the file passes integrity_check, opens at the current schema, and every write
//      whose call had returned (the child says so through a pipe, only after it returned) is there.
//   2. Concurrency: a facilitator, a kiosk and a projector process on one file for 30 s: nothing they
//      committed is lost, and no "database is busy/locked" error ever reaches them.
//   3. The child processes' side (the hidden "[.child]" case; see process_helpers.h).
// Set COPK_CRASH_SEED to replay a crash run's kill moments, COPK_CONCURRENCY_SECONDS to shorten the 30 s.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "facilitation/record.h"
#include "process_helpers.h"
#include "store_helpers.h"

using namespace facilitation;
using namespace copk_test;

namespace {

using Clock = std::chrono::steady_clock;

// ---- 1. Crash ------------------------------------------------------------------------
constexpr int kCrashPeople = 12;
constexpr int kKillsPerPart = 50;  // four parts: 200 kills
constexpr int kCrashParts = 4;

// The child's write number s of a round, a pure function so the parent knows what the one in flight was.
// Every fourth turn: two named ballots (cast or replaced), an anonymous ballot, a commitment.
struct CrashOp {
    enum Kind { Named, Anonymous, Commitment } kind;
    int member;          // index into the checked-in people
    std::string option;  // ballots: the stage chosen (differs from that person's previous choice)
    std::string what;    // commitments: the text
};

CrashOp CrashOpOf(int round, long s) {
    const auto& options = DevelopmentStages();
    const long turn = s / 4;
    const int slot = int(s % 4);
    CrashOp op{CrashOp::Named, 0, "", ""};
    if (slot < 2) {
        op.member = int((2 * turn + slot) % kCrashPeople);
        op.option = options[size_t((turn + op.member + round) % long(options.size()))].key;
    } else if (slot == 2) {
        op.kind = CrashOp::Anonymous;
        op.member = int(turn % kCrashPeople);
        op.option = options[size_t((3 * turn + round) % long(options.size()))].key;
    } else {
        op.kind = CrashOp::Commitment;
        op.member = int(turn % kCrashPeople);
        op.what = "Round " + std::to_string(round) + " write " + std::to_string(s);
    }
    return op;
}

struct CrashFixture {
    TempDir dir;
    std::string path = dir.File("kiosk.db");
    std::string workshop_id, named_poll, anonymous_poll;
    std::vector<std::string> members;

    CrashFixture() {
        auto store = Store::Open(path);
        const Template launch = LaunchTemplate();
        const Community c = store->CreateCommunity("Water engineers", "");
        workshop_id = store->StartWorkshop(c.id, launch).id;
        for (int i = 0; i < kCrashPeople; ++i)
            members.push_back(store->CheckIn(workshop_id, "Member " + std::to_string(i)).id);
        named_poll = store->OpenPoll(store->EnsureStageCheckPoll(workshop_id, StageCheckKey(launch)).id).id;
        PollSpec spec;
        spec.purpose = "secret";
        spec.question = "Which stage are we in, really?";
        spec.options = DevelopmentStages();
        spec.anonymous = true;
        anonymous_poll = store->OpenPoll(store->EnsurePoll(workshop_id, "domain", spec).id).id;
    }
    std::string MemberList() const {
        std::string list;
        for (const auto& m : members) list += (list.empty() ? "" : ",") + m;
        return list;
    }
};

// What the parent knows is in the database: every returned write applied in order.
struct CrashExpected {
    std::map<int, std::string> named;      // member -> current choice
    std::map<int, std::string> anonymous;  // member -> current choice (the tally is all that shows it)
    std::map<std::string, std::string> commitments;  // id -> what
};

std::map<std::string, int> VotesByOption(const Tally& tally) {
    std::map<std::string, int> votes;
    for (const auto& o : tally.options)
        if (o.votes) votes[o.key] = o.votes;
    return votes;
}

std::map<std::string, int> Histogram(const std::map<int, std::string>& choices) {
    std::map<std::string, int> votes;
    for (const auto& [member, option] : choices) ++votes[option];
    return votes;
}

struct CrashFigures {
    int kills = 0, writes_returned = 0, writes_checked = 0, lost = 0;
    int in_flight_committed = 0, in_flight_absent = 0, killed_during_start = 0;
};

// Kills one child at a random moment, then checks the file. Returns the figures of that one kill.
void KillOnceAndCheck(CrashFixture& f, CrashExpected& expected, int round, std::mt19937_64& rng, CrashFigures& figures) {
    CAPTURE(round);
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    // One kill in eight is timed from the start (exec, open, WAL recovery after the previous kill); the others
    // from the child's first returned write, within the next few writes (each costs an fsync or two).
    const bool from_start = std::uniform_int_distribution<int>(0, 7)(rng) == 0;
    const long delay_us = from_start ? std::uniform_int_distribution<long>(0, 40000)(rng)
                                     : std::uniform_int_distribution<long>(0, 25000)(rng);
    CAPTURE(from_start, delay_us);
    const pid_t child = SpawnChild({{"COPK_CHILD_TASK", "crash-loop"},
                                    {"COPK_CHILD_DB", f.path},
                                    {"COPK_CHILD_WORKSHOP", f.workshop_id},
                                    {"COPK_CHILD_POLL", f.named_poll},
                                    {"COPK_CHILD_ANONYMOUS_POLL", f.anonymous_poll},
                                    {"COPK_CHILD_MEMBERS", f.MemberList()},
                                    {"COPK_CHILD_ROUND", std::to_string(round)},
                                    {"COPK_CHILD_OUT_FD", std::to_string(fds[1])}},
                                   {fds[0]});
    REQUIRE(child > 0);
    close(fds[1]);
    std::string bytes;
    bool open = true;
    const auto spawned = Clock::now();
    auto kill_at = from_start ? spawned + std::chrono::microseconds(delay_us) : Clock::time_point::max();
    while (open && Clock::now() < kill_at) {
        if (kill_at == Clock::time_point::max() && bytes.find('\n') != std::string::npos)
            kill_at = Clock::now() + std::chrono::microseconds(delay_us);
        const auto left = kill_at == Clock::time_point::max()
                              ? std::chrono::milliseconds(20)
                              : std::chrono::duration_cast<std::chrono::milliseconds>(kill_at - Clock::now());
        if (Clock::now() - spawned > std::chrono::seconds(30)) break;  // the child never wrote: fails below
        pollfd p{fds[0], POLLIN, 0};
        if (::poll(&p, 1, int(std::max<long>(0, long(left.count())))) > 0) {
            char chunk[4096];
            const ssize_t n = read(fds[0], chunk, sizeof chunk);
            if (n <= 0) open = false;
            else bytes.append(chunk, size_t(n));
        } else if (kill_at != Clock::time_point::max() && left.count() <= 0) {
            // under a millisecond left: spin the rest
            while (Clock::now() < kill_at) {
            }
        }
    }
    const bool alive_at_kill = open;
    kill(child, SIGKILL);
    while (ReadSome(fds[0], bytes, 10000)) {
    }
    close(fds[0]);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    INFO("child status " << status << ", said: " << bytes.substr(0, 300));
    REQUIRE(alive_at_kill);  // the child ran until the kill: it never stopped on an error of its own
    REQUIRE(WIFSIGNALED(status));
    REQUIRE(WTERMSIG(status) == SIGKILL);
    ++figures.kills;

    // The lines the child wrote, each after its call returned: "s" or, for a commitment, "s id".
    long last = -1;
    std::vector<std::pair<long, std::string>> reported;
    size_t start = 0;
    for (size_t end; (end = bytes.find('\n', start)) != std::string::npos; start = end + 1) {
        const std::string line = bytes.substr(start, end - start);
        const auto space = line.find(' ');
        const long s = std::stol(line.substr(0, space));
        REQUIRE(s == last + 1);  // in order, none skipped
        last = s;
        reported.emplace_back(s, space == std::string::npos ? "" : line.substr(space + 1));
    }
    REQUIRE(start == bytes.size());  // each line is one write(2) to a pipe: none arrives cut
    if (!from_start) REQUIRE(last >= 0);  // the kill was timed from a returned write
    if (last < 0) ++figures.killed_during_start;
    figures.writes_returned += int(reported.size());
    for (const auto& [s, id] : reported) {
        const CrashOp op = CrashOpOf(round, s);
        if (op.kind == CrashOp::Named) expected.named[op.member] = op.option;
        if (op.kind == CrashOp::Anonymous) expected.anonymous[op.member] = op.option;
        if (op.kind == CrashOp::Commitment) expected.commitments[id] = op.what;
    }
    const CrashOp in_flight = CrashOpOf(round, last + 1);  // may or may not have committed before the kill

    // The file as SQLite sees it, before the store touches it.
    {
        RawDb raw(f.path);
        CHECK(raw.Text("PRAGMA integrity_check") == "ok");
        // One current ballot per voter per poll, and every current named ballot holds its one choice.
        CHECK(raw.Text("SELECT count(*) FROM (SELECT 1 FROM ballot WHERE superseded_at IS NULL "
                       "GROUP BY poll_id, voter_id HAVING count(*) > 1)") == "0");
        CHECK(raw.Text("SELECT count(*) FROM ballot b WHERE superseded_at IS NULL AND "
                       "(SELECT count(*) FROM ballot_entry e WHERE e.ballot_id = b.id) != 1") == "0");
        CHECK(raw.Text("SELECT count(*) FROM anonymous_ballot a WHERE superseded = 0 AND "
                       "(SELECT count(*) FROM ballot_entry e WHERE e.ballot_id = a.id) != 1") == "0");
        CHECK(raw.Text("SELECT count(*) FROM commitment c WHERE NOT EXISTS "
                       "(SELECT 1 FROM commitment_member m WHERE m.commitment_id = c.id)") == "0");
    }
    auto store = Store::Open(f.path);
    CHECK(store->SchemaVersion() == kSchemaVersion);
    const auto problems = store->IntegrityProblems();
    CAPTURE(problems);
    CHECK(Healthy(problems));

    bool in_flight_found = false;
    // Named ballots: each person's latest returned choice is their current ballot.
    for (const auto& [member, option] : expected.named) {
        CAPTURE(member);
        const auto stored = store->BallotOf(f.named_poll, f.members[size_t(member)]);
        const bool may_be_in_flight = in_flight.kind == CrashOp::Named && in_flight.member == member;
        if (stored && may_be_in_flight && *stored == in_flight.option && option != in_flight.option) {
            in_flight_found = true;
        } else if (!stored || *stored != option) {
            ++figures.lost;
            FAIL_CHECK("named ballot of member " << member << ": " << (stored ? *stored : "none") << ", expected "
                                                 << option);
        }
        ++figures.writes_checked;
    }
    if (in_flight.kind == CrashOp::Named) {
        const auto stored = store->BallotOf(f.named_poll, f.members[size_t(in_flight.member)]);
        if (!expected.named.count(in_flight.member) && stored) {
            CHECK(*stored == in_flight.option);
            in_flight_found = true;
        }
        if (in_flight_found) expected.named[in_flight.member] = in_flight.option;
    }
    CHECK(store->TallyOf(f.named_poll).ballots == int(expected.named.size()));
    CHECK(store->VotersOf(f.named_poll).size() == expected.named.size());

    // Anonymous ballots: who voted is recorded; what they chose shows only in the tally.
    const Tally anonymous_tally = store->TallyOf(f.anonymous_poll);
    const auto votes = VotesByOption(anonymous_tally);
    if (votes != Histogram(expected.anonymous)) {
        CrashExpected with = expected;
        if (in_flight.kind == CrashOp::Anonymous) with.anonymous[in_flight.member] = in_flight.option;
        if (in_flight.kind == CrashOp::Anonymous && votes == Histogram(with.anonymous)) {
            expected.anonymous = with.anonymous;
            in_flight_found = true;
        } else {
            ++figures.lost;
            FAIL_CHECK("the anonymous tally does not match the returned ballots");
        }
    }
    figures.writes_checked += int(expected.anonymous.size());
    CHECK(anonymous_tally.ballots == int(expected.anonymous.size()));
    std::set<std::string> anonymous_voters;
    for (const auto& [member, option] : expected.anonymous) anonymous_voters.insert(f.members[size_t(member)]);
    const auto voters = store->VotersOf(f.anonymous_poll);
    CHECK(std::set<std::string>(voters.begin(), voters.end()) == anonymous_voters);

    // Commitments: every returned one, as written; at most the one in flight besides.
    const auto commitments = store->CommitmentsOf(f.workshop_id);
    std::map<std::string, Commitment> by_id;
    for (const auto& c : commitments) by_id[c.id] = c;
    for (const auto& [id, what] : expected.commitments) {
        CAPTURE(id);
        const auto it = by_id.find(id);
        if (it == by_id.end() || it->second.what != what) {
            ++figures.lost;
            FAIL_CHECK("commitment " << id << " (" << what << ") missing or changed");
        }
        ++figures.writes_checked;
    }
    for (const auto& c : commitments) {
        if (expected.commitments.count(c.id)) continue;
        CAPTURE(c.id, c.what);
        CHECK(in_flight.kind == CrashOp::Commitment);
        CHECK(c.what == in_flight.what);
        CHECK(c.member_ids == std::vector<std::string>{f.members[size_t(in_flight.member)]});
        expected.commitments[c.id] = c.what;
        in_flight_found = true;
    }
    ++(in_flight_found ? figures.in_flight_committed : figures.in_flight_absent);
}

uint64_t CrashSeed() {
    const std::string given = Env("COPK_CRASH_SEED");
    if (!given.empty()) return std::stoull(given);
    return std::random_device{}();
}

void RunCrashPart(int part) {
    const uint64_t seed = CrashSeed();
    CAPTURE(seed, part);
    std::printf("crash part %d: seed %llu (replay with COPK_CRASH_SEED=%llu)\n", part, (unsigned long long)seed,
                (unsigned long long)seed);
    std::mt19937_64 rng(seed + uint64_t(part));
    CrashFixture f;
    CrashExpected expected;
    CrashFigures figures;
    const auto started = Clock::now();
    for (int round = 0; round < kKillsPerPart; ++round) KillOnceAndCheck(f, expected, round, rng, figures);
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    std::printf("crash part %d: %d kills in %.1f s, %d writes returned, %d current values checked, %d lost; the write in flight had committed "
                "%d times, had not %d times; %d kills before the first write returned\n",
                part, figures.kills, seconds, figures.writes_returned, figures.writes_checked, figures.lost, figures.in_flight_committed,
                figures.in_flight_absent, figures.killed_during_start);
    std::fflush(stdout);
    CHECK(figures.kills == kKillsPerPart);
    CHECK(figures.lost == 0);
    // The kills must land at varied moments: some interrupted writes committed, some not.
    CHECK(figures.in_flight_committed + figures.in_flight_absent == kKillsPerPart);
    CHECK(figures.in_flight_absent > 0);
}


// ---- 2. Concurrency ------------------------------------------------------------------------
constexpr int kRoomPeople = 16;
const char* const kTasksStage = "energizing-tasks";

struct RoomFixture {
    TempDir dir;
    std::string path = dir.File("kiosk.db");
    std::string workshop_id, named_poll, anonymous_poll, side_poll;
    std::vector<std::string> members;
    int stage_count = 0;

    RoomFixture() {
        auto store = Store::Open(path);
        const Template launch = LaunchTemplate();
        const Community c = store->CreateCommunity("Water engineers", "");
        workshop_id = store->StartWorkshop(c.id, launch).id;
        stage_count = int(store->StagesOf(workshop_id).size());
        for (int i = 0; i < kRoomPeople; ++i)
            members.push_back(store->CheckIn(workshop_id, "Member " + std::to_string(i)).id);
        named_poll = store->OpenPoll(store->EnsureStageCheckPoll(workshop_id, StageCheckKey(launch)).id).id;
        PollSpec spec;
        spec.question = "Which stage are we in, really?";
        spec.options = DevelopmentStages();
        spec.purpose = "secret";
        spec.anonymous = true;
        anonymous_poll = store->OpenPoll(store->EnsurePoll(workshop_id, "domain", spec).id).id;
        spec.purpose = "pulse";  // the one the facilitator opens and closes while the kiosk votes in the others
        spec.anonymous = false;
        side_poll = store->EnsurePoll(workshop_id, "voice", spec).id;
    }
    std::string MemberList() const {
        std::string list;
        for (const auto& m : members) list += (list.empty() ? "" : ",") + m;
        return list;
    }
};

// A child's closing line: "done ops=N busy=B refused=R failed=F first=<first problem>".
struct ChildSummary {
    bool done = false;
    long ops = 0, busy = 0, refused = 0, failed = 0, slowest_ms = 0;
    std::string first_problem, slowest;  // the slowest call that returned: its name
    std::vector<std::vector<std::string>> reports;  // every other line, split on spaces
};

ChildSummary ParseChild(const std::string& bytes) {
    ChildSummary summary;
    for (const std::string& line : Split(bytes, '\n')) {
        if (line.rfind("done ", 0) == 0) {
            summary.done = true;
            const auto first = line.find(" first=");
            summary.first_problem = first == std::string::npos ? "" : line.substr(first + 7);
            char name[64] = {};
            std::sscanf(line.c_str(), "done ops=%ld busy=%ld refused=%ld failed=%ld slowest=%ld %63[^=]", &summary.ops,
                        &summary.busy, &summary.refused, &summary.failed, &summary.slowest_ms, name);
            summary.slowest = name;
            if (summary.slowest.size() > 6) summary.slowest.resize(summary.slowest.size() - 6);  // " first"
        } else if (!line.empty()) {
            summary.reports.push_back(Split(line, ' '));
        }
    }
    return summary;
}

}  // namespace

TEST_CASE("store reliability: a facilitator, a kiosk and a projector on one file for 30 s lose nothing and never "
          "see the database busy",
          "[store][processes][concurrency]") {
    RoomFixture f;
    const std::string seconds = Env("COPK_CONCURRENCY_SECONDS").empty() ? "30" : Env("COPK_CONCURRENCY_SECONDS");
    const std::vector<std::string> roles = {"facilitator", "kiosk", "projector"};
    std::vector<int> reads;
    std::vector<pid_t> children;
    for (const std::string& role : roles) {
        int fds[2];
        REQUIRE(pipe(fds) == 0);
        const pid_t child = SpawnChild({{"COPK_CHILD_TASK", "room-" + role},
                                        {"COPK_CHILD_DB", f.path},
                                        {"COPK_CHILD_WORKSHOP", f.workshop_id},
                                        {"COPK_CHILD_POLL", f.named_poll},
                                        {"COPK_CHILD_ANONYMOUS_POLL", f.anonymous_poll},
                                        {"COPK_CHILD_SIDE_POLL", f.side_poll},
                                        {"COPK_CHILD_STAGES", std::to_string(f.stage_count)},
                                        {"COPK_CHILD_MEMBERS", f.MemberList()},
                                        {"COPK_CHILD_SECONDS", seconds},
                                        {"COPK_CHILD_OUT_FD", std::to_string(fds[1])}},
                                       {fds[0]});
        REQUIRE(child > 0);
        close(fds[1]);
        reads.push_back(fds[0]);
        children.push_back(child);
    }
    // Read all three until each closes its end (it exits), within the run's length and a generous margin.
    std::vector<std::string> bytes(roles.size());
    std::vector<bool> open(roles.size(), true);
    const auto give_up = Clock::now() + std::chrono::seconds(std::stol(seconds) + 60);
    while (std::count(open.begin(), open.end(), true) > 0 && Clock::now() < give_up) {
        std::vector<pollfd> waiting;
        for (size_t i = 0; i < roles.size(); ++i)
            if (open[i]) waiting.push_back(pollfd{reads[i], POLLIN, 0});
        if (::poll(waiting.data(), waiting.size(), 1000) <= 0) continue;
        for (size_t i = 0; i < roles.size(); ++i) {
            if (!open[i]) continue;
            pollfd p{reads[i], POLLIN, 0};
            if (::poll(&p, 1, 0) <= 0) continue;
            char chunk[4096];
            const ssize_t n = read(reads[i], chunk, sizeof chunk);
            if (n <= 0) open[i] = false;
            else bytes[i].append(chunk, size_t(n));
        }
    }
    for (size_t i = 0; i < roles.size(); ++i) {
        if (open[i]) kill(children[i], SIGKILL);
        close(reads[i]);
        int status = 0;
        REQUIRE(waitpid(children[i], &status, 0) == children[i]);
        INFO(roles[i] << " status " << status << " said " << bytes[i].substr(bytes[i].size() > 400 ? bytes[i].size() - 400 : 0));
        CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    }
    std::map<std::string, ChildSummary> by_role;
    for (size_t i = 0; i < roles.size(); ++i) by_role[roles[i]] = ParseChild(bytes[i]);
    for (const auto& [role, summary] : by_role) {
        CAPTURE(role, summary.first_problem);
        REQUIRE(summary.done);
        CHECK(summary.busy == 0);  // the point: no "database is locked" reaches a user
        CHECK(summary.failed == 0);
        CHECK(summary.refused == 0);  // each child only asks for what the rules allow: a refusal is a test bug
        CHECK(summary.ops > 0);
        std::printf("concurrency %s: %ld operations, %ld busy, %ld refused, %ld failed; slowest call %ld ms (%s)\n",
                    role.c_str(), summary.ops, summary.busy, summary.refused, summary.failed, summary.slowest_ms,
                    summary.slowest.c_str());
    }
    std::fflush(stdout);

    auto store = Store::Open(f.path);
    CHECK(Healthy(store->IntegrityProblems()));
    long checked = 0;
    // The facilitator's: the stage it moved to last, the side poll's last state, its tasks, commitments, people.
    {
        std::string stage, poll_status;
        std::set<std::string> tasks, commitments, names;
        for (const auto& r : by_role["facilitator"].reports) {
            REQUIRE(r.size() >= 2);
            if (r[0] == "stage") stage = r[1];
            if (r[0] == "poll") poll_status = r[1];
            if (r[0] == "task+") tasks.insert(r[1]);
            if (r[0] == "task-") tasks.erase(r[1]);
            if (r[0] == "commitment") commitments.insert(r[1]);
            if (r[0] == "checkin") names.insert(r[1]);
            ++checked;
        }
        REQUIRE(!stage.empty());
        CHECK(std::to_string(store->GetWorkshop(f.workshop_id).current_stage) == stage);
        CHECK(ToString(store->GetPoll(f.side_poll).status) == poll_status);
        std::set<std::string> stored_tasks;
        for (const Task& t : store->TasksOf(f.workshop_id, kTasksStage)) stored_tasks.insert(t.id);
        CHECK(stored_tasks == tasks);
        std::set<std::string> stored_commitments;
        for (const Commitment& c : store->CommitmentsOf(f.workshop_id)) stored_commitments.insert(c.id);
        CHECK(stored_commitments == commitments);
        std::set<std::string> stored_names;
        for (const Participant& p : store->ParticipantsOf(f.workshop_id)) stored_names.insert(p.name);
        for (const auto& name : names) CHECK(stored_names.count("Late " + name) == 1);
        CHECK(!commitments.empty());
    }
    // The kiosk's: each person's latest named choice, the anonymous tally, the guests it checked in.
    {
        std::map<int, std::string> named, anonymous;
        std::set<std::string> guests;
        for (const auto& r : by_role["kiosk"].reports) {
            REQUIRE(r.size() >= 2);
            if (r[0] == "named") named[std::stoi(r[1])] = r[2];
            if (r[0] == "anonymous") anonymous[std::stoi(r[1])] = r[2];
            if (r[0] == "checkin") guests.insert(r[1]);
            ++checked;
        }
        for (const auto& [member, option] : named) {
            CAPTURE(member);
            CHECK(store->BallotOf(f.named_poll, f.members[size_t(member)]) == option);
        }
        CHECK(store->TallyOf(f.named_poll).ballots == int(named.size()));
        CHECK(VotesByOption(store->TallyOf(f.anonymous_poll)) == Histogram(anonymous));
        std::set<std::string> stored_names;
        for (const Participant& p : store->ParticipantsOf(f.workshop_id)) stored_names.insert(p.name);
        for (const auto& guest : guests) CHECK(stored_names.count("Guest " + guest) == 1);
        CHECK(!named.empty());
        CHECK(!anonymous.empty());
    }
    // The projector reloaded the workshop whenever the data version moved, and every load was whole.
    {
        long loads = 0;
        for (const auto& r : by_role["projector"].reports)
            if (r[0] == "loaded") ++loads;
        CHECK(loads > 10);
    }
    std::printf("concurrency: %ld committed writes checked in the file afterwards\n", checked);
}

namespace {
}  // namespace

TEST_CASE("store reliability: a kiosk killed 50 times while writing loses nothing (crash part 1 of 4)",
          "[store][processes][crash]") {
    RunCrashPart(1);
}
TEST_CASE("store reliability: a kiosk killed 50 times while writing loses nothing (crash part 2 of 4)",
          "[store][processes][crash]") {
    RunCrashPart(2);
}
TEST_CASE("store reliability: a kiosk killed 50 times while writing loses nothing (crash part 3 of 4)",
          "[store][processes][crash]") {
    RunCrashPart(3);
}
TEST_CASE("store reliability: a kiosk killed 50 times while writing loses nothing (crash part 4 of 4)",
          "[store][processes][crash]") {
    RunCrashPart(4);
}

// ---- 3. The child processes' side --------------------------------------------------------
namespace {

// Runs one store call of a room's process, counting what a user would have seen go wrong.
struct RoomCounts {
    long ops = 0, busy = 0, refused = 0, failed = 0;
    long slowest_ms = 0;
    std::string first_problem, slowest;
    template <typename Call>
    bool Attempt(const char* name, Call&& call) {
        const auto started = Clock::now();
        const auto Said = [&](const std::string& what) {
            const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
            return std::string(name) + " after " + std::to_string(ms) + " ms: " + what;
        };
        try {
            call();
            ++ops;
            const long ms = long(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count());
            if (ms > slowest_ms) {
                slowest_ms = ms;
                slowest = name;
            }
            return true;
        } catch (const StoreError& e) {
            Note(e.kind == StoreError::Kind::Busy ? busy : failed, Said(e.what()));
        } catch (const Error& e) {
            Note(refused, Said(e.what()));
        } catch (const std::exception& e) {
            const std::string what = e.what();
            const bool locked = what.find("locked") != std::string::npos || what.find("busy") != std::string::npos;
            Note(locked ? busy : failed, Said(what));
        }
        return false;
    }
    // Counts a problem; the first few are kept to be reported.
    void Note(long& counter, const std::string& what) {
        ++counter;
        if (busy + refused + failed <= 3) first_problem += (first_problem.empty() ? "" : " | ") + what;
    }
    std::string Closing() const {
        return "done ops=" + std::to_string(ops) + " busy=" + std::to_string(busy) + " refused=" +
               std::to_string(refused) + " failed=" + std::to_string(failed) + " slowest=" + std::to_string(slowest_ms) +
               " " + slowest + " first=" + first_problem + "\n";
    }
};

// Between two actions a process pauses 0 to 2 ms (random): still a hundred times faster than people at a
// console and a touch screen, but it leaves the lock free now and then, as people do. Back to back, with no
// pause at all, the longest wait for the lock measured 1.4 s (no busy error either).
void Think(std::minstd_rand& rng) { std::this_thread::sleep_for(std::chrono::microseconds(rng() % 2000)); }

void Report(int out, const std::string& line) {
    const std::string whole = line + "\n";
    if (write(out, whole.data(), whole.size()) != ssize_t(whole.size())) _exit(3);
}

// The facilitator: moves through the stages, opens and closes a vote, lists and drops tasks, records
// commitments, restarts the timer, checks latecomers in. About what a hurried facilitator does, much faster.
void RunFacilitator(Store& store, int out, Clock::time_point until, RoomCounts& counts) {
    const std::string w = Env("COPK_CHILD_WORKSHOP"), side = Env("COPK_CHILD_SIDE_POLL");
    const std::vector<std::string> members = Split(Env("COPK_CHILD_MEMBERS"), ',');
    const int stages = std::atoi(Env("COPK_CHILD_STAGES").c_str());
    const std::string due = IsoDayFromToday(30), today = IsoDayFromToday(0);
    std::vector<std::string> live_tasks;
    bool side_open = false, side_ever_opened = false;
    std::minstd_rand rng{unsigned(getpid())};
    for (long i = 0; Clock::now() < until; ++i) {
        Think(rng);
        const long n = i / 6;
        switch (i % 6) {
            case 0:
                if (counts.Attempt("GoToStage", [&] { store.GoToStage(w, int(n % stages)); })) Report(out, "stage " + std::to_string(n % stages));
                break;
            case 1:
                if (counts.Attempt("Open/ClosePoll", [&] {
                        if (side_open) store.ClosePoll(side);
                        else if (side_ever_opened) store.ReopenPoll(side);
                        else store.OpenPoll(side);
                    })) {
                    side_open = !side_open;
                    side_ever_opened = true;
                    Report(out, std::string("poll ") + (side_open ? "open" : "closed"));
                }
                break;
            case 2: {
                Task task;
                if (counts.Attempt("ProposeTask", [&] { task = store.ProposeTask(w, kTasksStage, "Task number " + std::to_string(n)); })) {
                    live_tasks.push_back(task.id);
                    Report(out, "task+ " + task.id);
                }
                break;
            }
            case 3: {
                Store::CommitmentDraft draft;
                draft.what = "Commitment number " + std::to_string(n);
                draft.due = due;
                draft.member_ids = {members[size_t(n % long(members.size()))]};
                Commitment c;
                if (counts.Attempt("AddCommitment", [&] { c = store.AddCommitment(w, draft, today); })) Report(out, "commitment " + c.id);
                break;
            }
            case 4:
                counts.Attempt("RestartTimer", [&] { store.RestartTimer(w); });
                break;
            case 5:
                if (live_tasks.size() > 4) {
                    const std::string oldest = live_tasks.front();
                    if (counts.Attempt("RetractTask", [&] { store.RetractTask(w, oldest); })) {
                        live_tasks.erase(live_tasks.begin());
                        Report(out, "task- " + oldest);
                    }
                } else if (counts.Attempt("CheckIn", [&] { store.CheckIn(w, "Late " + std::to_string(n)); })) {
                    Report(out, "checkin " + std::to_string(n));
                }
                break;
        }
    }
}

// The kiosk: people vote, and change their minds, in a named and an anonymous vote; a guest checks in now and then.
void RunKiosk(Store& store, int out, Clock::time_point until, RoomCounts& counts) {
    const std::string w = Env("COPK_CHILD_WORKSHOP");
    const std::string named = Env("COPK_CHILD_POLL"), anonymous = Env("COPK_CHILD_ANONYMOUS_POLL");
    const std::vector<std::string> members = Split(Env("COPK_CHILD_MEMBERS"), ',');
    const auto& options = DevelopmentStages();
    std::minstd_rand rng{unsigned(getpid())};
    for (long i = 0; Clock::now() < until; ++i) {
        Think(rng);
        const int member = int((i * 7) % long(members.size()));
        const std::string option = options[size_t((i / long(members.size()) + member) % long(options.size()))].key;
        if (i % 10 == 9) {
            if (counts.Attempt("CheckIn", [&] { store.CheckIn(w, "Guest " + std::to_string(i)); })) Report(out, "checkin " + std::to_string(i));
        } else if (i % 3 == 2) {
            if (counts.Attempt("CastBallot anonymous", [&] { store.CastBallot(anonymous, members[size_t(member)], option); }))
                Report(out, "anonymous " + std::to_string(member) + " " + option);
        } else if (counts.Attempt("CastBallot named", [&] { store.CastBallot(named, members[size_t(member)], option); })) {
            Report(out, "named " + std::to_string(member) + " " + option);
        }
    }
}

// The projector: polls the data version (the real one does a few times a second; here every 2 ms) and reloads
// the whole workshop as the app does whenever it moved.
void RunProjector(Store& store, int out, Clock::time_point until, RoomCounts& counts) {
    const std::string w = Env("COPK_CHILD_WORKSHOP");
    long long seen = -1;
    while (Clock::now() < until) {
        long long version = seen;
        counts.Attempt("DataVersion", [&] { version = store.DataVersion(); });
        if (version != seen) {
            WorkshopRecord record;
            if (counts.Attempt("LoadWorkshopRecord", [&] { record = LoadWorkshopRecord(store, w); })) {
                seen = version;
                if (record.polls.size() < 3) counts.Note(counts.failed, "a reload missed a poll");
                Report(out, "loaded " + std::to_string(record.participants.size()));
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}
}  // namespace

TEST_CASE("store reliability: child process", "[.child]") {
    const std::string task = Env("COPK_CHILD_TASK");
    if (task != "crash-loop" && task.rfind("room-", 0) != 0) return;  // not ours (see process_helpers.h)
    const int out = std::atoi(Env("COPK_CHILD_OUT_FD").c_str());
    try {
        auto store = Store::Open(Env("COPK_CHILD_DB"));
        if (task == "crash-loop") {
            const std::string workshop = Env("COPK_CHILD_WORKSHOP");
            const std::string named = Env("COPK_CHILD_POLL"), anonymous = Env("COPK_CHILD_ANONYMOUS_POLL");
            const std::vector<std::string> members = Split(Env("COPK_CHILD_MEMBERS"), ',');
            const int round = std::atoi(Env("COPK_CHILD_ROUND").c_str());
            const std::string due = IsoDayFromToday(30), today = IsoDayFromToday(0);
            for (long s = 0;; ++s) {
                const CrashOp op = CrashOpOf(round, s);
                std::string line = std::to_string(s);
                const std::string& member = members[size_t(op.member)];
                if (op.kind == CrashOp::Named) store->CastBallot(named, member, op.option);
                if (op.kind == CrashOp::Anonymous) store->CastBallot(anonymous, member, op.option);
                if (op.kind == CrashOp::Commitment) {
                    Store::CommitmentDraft draft;
                    draft.what = op.what;
                    draft.due = due;
                    draft.member_ids = {member};
                    line += " " + store->AddCommitment(workshop, draft, today).id;
                }
                // The call returned: only now tell the parent, in one write so the line arrives whole.
                line += "\n";
                if (write(out, line.data(), line.size()) != ssize_t(line.size())) _exit(3);
            }
        }
        const auto until = Clock::now() + std::chrono::seconds(std::atoi(Env("COPK_CHILD_SECONDS").c_str()));
        RoomCounts counts;
        if (task == "room-facilitator") RunFacilitator(*store, out, until, counts);
        if (task == "room-kiosk") RunKiosk(*store, out, until, counts);
        if (task == "room-projector") RunProjector(*store, out, until, counts);
        WriteAll(out, counts.Closing());
    } catch (const std::exception& e) {
        WriteAll(out, std::string("error: ") + e.what());
        _exit(2);
    }
    _exit(0);
}

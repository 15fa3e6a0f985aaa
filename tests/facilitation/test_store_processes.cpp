// Several processes on one database file: a writer killed mid-write loses no committed ballot, other
// connections see changes through DataVersion(), and two processes writing at once both succeed.
//
// The other processes are this very test binary, re-run (fork, then exec) with the hidden test case
// "[.child]" and a task in environment variables: a fresh process, as a second kiosk would be, which
// inherits no SQLite connection and no random-number state from the test that started it.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "process_helpers.h"
#include "store_helpers.h"

using namespace facilitation;
using namespace copk_test;

namespace {

constexpr int kPeople = 40;

// Ballot number s of a round is member s % kPeople's, for an option that changes every time they recast.
std::string OptionOf(int round, uint32_t s) {
    const auto& options = DevelopmentStages();
    return options[(s % kPeople + s / kPeople + uint32_t(round)) % options.size()].key;
}

}  // namespace

// The other process's side. Runs only when started by SpawnChild; ends with _exit and never returns to Catch.
TEST_CASE("store processes: child process", "[.child]") {
    const std::string task = Env("COPK_CHILD_TASK");
    // Run by hand without a task, or a task of another file's "[.child]" case (which Catch runs next): not ours.
    if (task != "cast" && task != "create-community" && task != "checkin") return;
    const int out = std::atoi(Env("COPK_CHILD_OUT_FD").c_str());
    try {
        auto store = Store::Open(Env("COPK_CHILD_DB"));
        if (task == "cast") {
            const std::string poll_id = Env("COPK_CHILD_POLL");
            const std::vector<std::string> members = Split(Env("COPK_CHILD_MEMBERS"), ',');
            const int round = std::atoi(Env("COPK_CHILD_ROUND").c_str());
            for (uint32_t s = 0;; ++s) {
                store->CastBallot(poll_id, members[s % members.size()], OptionOf(round, s));
                // The commit returned: only now confirm it to the parent.
                if (write(out, &s, sizeof s) != sizeof s) _exit(3);
            }
        } else if (task == "create-community") {
            store->CreateCommunity(Env("COPK_CHILD_NAME"), "");
            WriteAll(out, "ok");
        } else if (task == "checkin") {
            const int go = std::atoi(Env("COPK_CHILD_GO_FD").c_str());
            char signal_byte;
            if (read(go, &signal_byte, 1) != 1) _exit(3);
            const int count = std::atoi(Env("COPK_CHILD_COUNT").c_str());
            for (int i = 0; i < count; ++i)
                store->CheckIn(Env("COPK_CHILD_WORKSHOP"), Env("COPK_CHILD_NAME") + " " + std::to_string(i));
            WriteAll(out, "ok");
        }
    } catch (const std::exception& e) {
        WriteAll(out, std::string("error: ") + e.what());
        _exit(2);
    }
    _exit(0);
}

TEST_CASE("store processes: a process killed while casting ballots loses none whose commit returned",
          "[store][processes][kill]") {
    TempDir dir;
    const std::string path = dir.File("kiosk.db");
    std::vector<std::string> members;
    std::string poll_id;
    {
        auto store = Store::Open(path);
        const Template launch = LaunchTemplate();
        const Community c = store->CreateCommunity("Water engineers", "");
        const Workshop w = store->StartWorkshop(c.id, launch);
        for (int i = 0; i < kPeople; ++i) members.push_back(store->CheckIn(w.id, "Member " + std::to_string(i)).id);
        const Poll p = store->EnsureStageCheckPoll(w.id, StageCheckKey(launch));
        store->OpenPoll(p.id);
        poll_id = p.id;
    }
    std::string member_list;
    for (const auto& m : members) member_list += (member_list.empty() ? "" : ",") + m;

    std::map<int, std::string> expected;  // member index -> choice whose CastBallot returned
    const int kill_after[] = {20, 45, 101};
    for (int round = 0; round < 3; ++round) {
        CAPTURE(round);
        int fds[2];
        REQUIRE(pipe(fds) == 0);
        const pid_t child = SpawnChild({{"COPK_CHILD_TASK", "cast"},
                                        {"COPK_CHILD_DB", path},
                                        {"COPK_CHILD_POLL", poll_id},
                                        {"COPK_CHILD_MEMBERS", member_list},
                                        {"COPK_CHILD_ROUND", std::to_string(round)},
                                        {"COPK_CHILD_OUT_FD", std::to_string(fds[1])}},
                                       {fds[0]});
        REQUIRE(child > 0);
        close(fds[1]);

        std::string bytes;
        bool killed = false;
        while (true) {
            if (!killed && bytes.size() / sizeof(uint32_t) >= size_t(kill_after[round])) {
                REQUIRE(kill(child, SIGKILL) == 0);
                killed = true;
            }
            if (!ReadSome(fds[0], bytes, 60000)) break;  // EOF once the child is gone
        }
        close(fds[0]);
        if (!killed) kill(child, SIGKILL);
        int status = 0;
        REQUIRE(waitpid(child, &status, 0) == child);
        const std::string child_said = bytes.size() % sizeof(uint32_t) ? bytes : std::string();
        INFO("child status " << status << " " << child_said);
        REQUIRE(killed);
        REQUIRE(WIFSIGNALED(status));
        REQUIRE(WTERMSIG(status) == SIGKILL);

        const size_t confirmed = bytes.size() / sizeof(uint32_t);
        REQUIRE(confirmed >= size_t(kill_after[round]));
        uint32_t last = 0;
        for (size_t k = 0; k < confirmed; ++k) {
            uint32_t s;
            std::memcpy(&s, bytes.data() + k * sizeof s, sizeof s);
            REQUIRE(s == uint32_t(k));  // confirmations arrive in order
            expected[int(s % kPeople)] = OptionOf(round, s);
            last = s;
        }
        // The ballot after the last confirmation may or may not have committed before the kill.
        const int in_flight_member = int((last + 1) % kPeople);
        const std::string in_flight_option = OptionOf(round, last + 1);

        auto store = Store::Open(path);
        CHECK(Healthy(store->IntegrityProblems()));
        for (const auto& [member, option] : expected) {
            CAPTURE(member);
            const auto stored = store->BallotOf(poll_id, members[member]);
            REQUIRE(stored.has_value());
            if (member == in_flight_member) {
                CHECK((*stored == option || *stored == in_flight_option));
            } else {
                CHECK(*stored == option);
            }
        }
        const auto in_flight_stored = store->BallotOf(poll_id, members[in_flight_member]);
        if (in_flight_stored) expected[in_flight_member] = *in_flight_stored;
        // One ballot each, however many times they were recast.
        CHECK(store->TallyOf(poll_id).ballots == int(expected.size()));
        CHECK(store->VotersOf(poll_id).size() == expected.size());
    }
}

TEST_CASE("store processes: a write on one connection changes the data version seen on another",
          "[store][processes][data-version]") {
    TempDir dir;
    const std::string path = dir.File("kiosk.db");
    auto a = Store::Open(path);
    auto b = Store::Open(path);
    const long long b0 = b->DataVersion();
    CHECK(b->DataVersion() == b0);  // nothing changed: the version stays

    a->CreateCommunity("Water engineers", "");
    const long long b1 = b->DataVersion();
    CHECK(b1 != b0);
    CHECK(b->ListCommunities().size() == 1);
    CHECK(b->DataVersion() == b1);  // reading does not change it

    const long long a0 = a->DataVersion();
    b->CreateCommunity("Bridge inspectors", "");
    CHECK(a->DataVersion() != a0);
    CHECK(a->ListCommunities().size() == 2);
}

TEST_CASE("store processes: a write by another process changes the data version", "[store][processes][data-version]") {
    TempDir dir;
    const std::string path = dir.File("kiosk.db");
    auto store = Store::Open(path);
    const long long before = store->DataVersion();
    int report[2];
    REQUIRE(pipe(report) == 0);
    const pid_t child = SpawnChild({{"COPK_CHILD_TASK", "create-community"},
                                    {"COPK_CHILD_DB", path},
                                    {"COPK_CHILD_NAME", "Written elsewhere"},
                                    {"COPK_CHILD_OUT_FD", std::to_string(report[1])}},
                                   {report[0]});
    REQUIRE(child > 0);
    close(report[1]);
    const std::string child_said = ReadAll(report[0]);
    close(report[0]);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(child_said == "ok");
    CHECK(store->DataVersion() != before);
    const auto communities = store->ListCommunities();
    REQUIRE(communities.size() == 1);
    CHECK(communities[0].name == "Written elsewhere");
}

TEST_CASE("store processes: two processes checking people in at the same time both succeed",
          "[store][processes][concurrent]") {
    TempDir dir;
    const std::string path = dir.File("kiosk.db");
    constexpr int kEach = 60;
    std::string workshop_id;
    {
        auto store = Store::Open(path);
        const Community c = store->CreateCommunity("Water engineers", "");
        workshop_id = store->StartWorkshop(c.id, LaunchTemplate()).id;
    }
    int go[2], report[2];
    REQUIRE(pipe(go) == 0);
    REQUIRE(pipe(report) == 0);
    const pid_t child = SpawnChild({{"COPK_CHILD_TASK", "checkin"},
                                    {"COPK_CHILD_DB", path},
                                    {"COPK_CHILD_WORKSHOP", workshop_id},
                                    {"COPK_CHILD_NAME", "Kiosk person"},
                                    {"COPK_CHILD_COUNT", std::to_string(kEach)},
                                    {"COPK_CHILD_GO_FD", std::to_string(go[0])},
                                    {"COPK_CHILD_OUT_FD", std::to_string(report[1])}},
                                   {go[1], report[0]});
    REQUIRE(child > 0);
    close(go[0]);
    close(report[1]);
    std::vector<std::string> failures;
    {
        auto store = Store::Open(path);
        REQUIRE(write(go[1], "g", 1) == 1);  // both start writing now
        for (int i = 0; i < kEach; ++i) {
            try {
                store->CheckIn(workshop_id, "Console person " + std::to_string(i));
            } catch (const std::exception& e) {
                failures.push_back(e.what());
            }
        }
    }
    close(go[1]);
    const std::string child_said = ReadAll(report[0]);
    close(report[0]);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    CHECK(child_said == "ok");
    const std::string first_failure = failures.empty() ? "" : failures.front();
    CAPTURE(first_failure);
    CHECK(failures.empty());

    auto store = Store::Open(path);
    std::set<std::string> names;
    for (const auto& p : store->ParticipantsOf(workshop_id)) names.insert(p.name);
    std::vector<std::string> missing;
    for (int i = 0; i < kEach; ++i)
        for (const std::string prefix : {"Kiosk person ", "Console person "})
            if (!names.count(prefix + std::to_string(i))) missing.push_back(prefix + std::to_string(i));
    CHECK(missing.empty());
    CHECK(names.size() == size_t(2 * kEach));
    CHECK(Healthy(store->IntegrityProblems()));
}

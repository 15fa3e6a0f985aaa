// Benchmark helper (scripts/bench): the store's durability cost and how it scales, through the real Store API.
// Sections: 1. counting the file system's syncs · 2. durability (a ballot's commit against a raw write) ·
// 3. a poll of many ballots: seeding and tallying · 4. kiosks' databases to merge · 5. main.
//
//   copk_bench_store durability FOLDER SAMPLES
//       Rooms of 30 people in FOLDER/durability.db; commits SAMPLES ballots, in turn a single-choice named ballot,
//       the three ballots of a task vote (one action) and an anonymous ballot, each through Store::CastBallots as
//       the kiosk does. Between them (alternately before and after) the floor: the same number of bytes the commit
//       added to the -wal file, written with pwrite at the same offset of FOLDER/floor.bin and fdatasync'd, as
//       SQLite does on Linux. SAMPLES of each kind, one line each:
//           KIND COMMIT_US FLOOR_US WAL_BYTES DB_BYTES SYNCS WAL_WRITES
//       DB_BYTES: written to the database file itself (a checkpoint); SYNCS: fdatasync/fsync calls during the
//       commit; WAL_WRITES: pwrite calls to the -wal file (all seen by the wrappers below).
//   copk_bench_store pages FOLDER
//       The -wal frames (page numbers) that each kind of ballot's commit writes, three commits of each kind after ten
//       warm-up ones: "KIND PAGE PAGE ...". Name the pages with dbstat on FOLDER/pages.db.
//   copk_bench_store seed-poll DB BALLOTS KIND
//       A running workshop, BALLOTS people checked in and one open poll of KIND (single, dots, anonymous) in which
//       each of them has voted, one action each. Prints "poll POLL_ID", "workshop WORKSHOP_ID", then
//       "seeded SECONDS" and "cast_us FIRST_TENTH LAST_TENTH" (mean time of a ballot early and late).
//   copk_bench_store tally DB POLL RUNS
//       RUNS times: what a screen does for the poll (GetPoll, TallyOf, VotersOf; TaskResultsOf for a task vote)
//       and, separately, LoadWorkshopRecord of its workshop (the view every screen reloads after a change), warm
//       and right after another connection's commit. One line per run: "TALLY_MS RECORD_MS AFTER_MS BALLOTS".
//   copk_bench_store kiosks FOLDER KIOSKS PEOPLE
//       The facilitator's database FOLDER/base.db (a community, a launch workshop with its stage check, an
//       anonymous domain vote and a task vote set up) copied to FOLDER/kiosk-N.db, N = 1..KIOSKS; each kiosk
//       opens the votes, and PEOPLE newcomers check in, vote in all five polls and make a commitment each, and one person
//       of the next kiosk does too. Prints "workshop WORKSHOP_ID".
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "facilitation/domain/time_util.h"
#include "facilitation/model.h"
#include "facilitation/paths.h"
#include "facilitation/record.h"
#include "facilitation/store/store.h"
#include "facilitation/templates.h"

using namespace facilitation;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

// ---- 1. Counting syncs and writes --------------------------------------------------------------------
// SQLite (Debian's libsqlite3) writes with pwrite64 and makes a file durable with fdatasync. Defined here, in the
// program, these take the place of the C library's for every library the program loads, so the benchmark can see
// what one commit asks of the disk: how many flushes, and how many bytes to which file. They make the same system
// calls; while a commit is watched, a write costs one more array append.
namespace {
std::atomic<long> g_syncs{0};
struct Written {
    int fd;
    long long offset, bytes;
    unsigned page;  // for a -wal frame's 24-byte header: the page the frame holds (big-endian at its start)
};
std::vector<Written> g_writes;
bool g_watching = false;
}  // namespace

extern "C" int fdatasync(int fd) {
    ++g_syncs;
    return static_cast<int>(syscall(SYS_fdatasync, fd));
}

extern "C" int fsync(int fd) {
    ++g_syncs;
    return static_cast<int>(syscall(SYS_fsync, fd));
}

extern "C" ssize_t pwrite64(int fd, const void* buffer, size_t count, off_t offset) {
    const ssize_t done = syscall(SYS_pwrite64, fd, buffer, count, offset);
    if (g_watching && done > 0) {
        unsigned page = 0;
        if (count == 24) {
            const auto* b = static_cast<const unsigned char*>(buffer);
            page = (unsigned{b[0]} << 24) | (unsigned{b[1]} << 16) | (unsigned{b[2]} << 8) | unsigned{b[3]};
        }
        g_writes.push_back(Written{fd, static_cast<long long>(offset), static_cast<long long>(done), page});
    }
    return done;
}

namespace {

// The file an open descriptor names.
std::string PathOf(int fd) {
    char target[4096];
    const ssize_t n = readlink(("/proc/self/fd/" + std::to_string(fd)).c_str(), target, sizeof target - 1);
    return n > 0 ? std::string(target, static_cast<size_t>(n)) : std::string();
}

double MicrosSince(Clock::time_point start) {
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

Template Launch() { return LoadTemplate(TemplatesDir(), "launch"); }

std::string StageKeyOf(Store& store, const std::string& workshop_id, StageKind kind) {
    for (const Stage& stage : store.StagesOf(workshop_id))
        if (stage.kind == kind) return stage.key;
    throw std::runtime_error("the launch template lacks a stage of that kind");
}

// ---- 2. Durability --------------------------------------------------------------------------------
// What one watched call wrote: bytes to the -wal file (and the first offset there), bytes to the database file.
struct CommitWrites {
    long long wal_bytes = 0, wal_offset = -1, db_bytes = 0;
    int wal_writes = 0;
};

CommitWrites Classify(const std::string& db) {
    CommitWrites out;
    std::vector<std::pair<int, std::string>> paths;
    const std::string wal = fs::absolute(db).string() + "-wal", main = fs::absolute(db).string();
    for (const Written& w : g_writes) {
        auto it = std::find_if(paths.begin(), paths.end(), [&](const auto& p) { return p.first == w.fd; });
        if (it == paths.end()) it = paths.insert(paths.end(), {w.fd, PathOf(w.fd)});
        if (it->second == wal) {
            out.wal_bytes += w.bytes;
            ++out.wal_writes;
            if (out.wal_offset < 0) out.wal_offset = w.offset;
        } else if (it->second == main) {
            out.db_bytes += w.bytes;
        }
    }
    return out;
}

// The floor: `bytes` written at `offset` of a file in the same folder, then made durable as SQLite does.
class Floor {
public:
    explicit Floor(const std::string& path) : m_fd(open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0600)) {
        if (m_fd < 0) throw std::runtime_error("cannot create " + path);
    }
    ~Floor() { close(m_fd); }
    Floor(const Floor&) = delete;
    Floor& operator=(const Floor&) = delete;

    // Untimed: the file's size as the -wal file's was before the commit (a checkpoint may have emptied it).
    void Resize(long long size) {
        if (ftruncate(m_fd, size) != 0) throw std::runtime_error("ftruncate failed");
    }
    double Write(long long offset, long long bytes) {
        if (static_cast<long long>(m_buffer.size()) < bytes) m_buffer.assign(static_cast<size_t>(bytes), 'x');
        const auto start = Clock::now();
        if (pwrite(m_fd, m_buffer.data(), static_cast<size_t>(bytes), offset) != bytes)
            throw std::runtime_error("pwrite failed");
        if (syscall(SYS_fdatasync, m_fd) != 0) throw std::runtime_error("fdatasync failed");
        return MicrosSince(start);
    }

private:
    int m_fd;
    std::vector<char> m_buffer;
};

// A room: 30 people checked in to a launch workshop of their own community, with three votes open.
struct Room {
    static constexpr int kPeople = 30;
    std::vector<std::string> people;
    std::string named, anonymous;
    Store::TaskPolls tasks;
    int next[3] = {0, 0, 0};  // the next voter of each kind of ballot

    Room(Store& store, int number) {
        const Community community = store.CreateCommunity("Durability room " + std::to_string(number),
                                                          "Whether a confirmed vote survives a power cut.");
        const Workshop workshop = store.StartWorkshop(community.id, Launch());
        for (int i = 0; i < kPeople; ++i) people.push_back(store.CheckIn(workshop.id, "Person " + std::to_string(i + 1)).id);
        named = store.EnsureStageCheckPoll(workshop.id, StageKeyOf(store, workshop.id, StageKind::StageCheck)).id;
        store.OpenPoll(named);
        PollSpec spec;
        spec.question = "Is the domain statement right?";
        spec.anonymous = true;
        spec.options = {{"yes", "Yes"}, {"almost", "Almost"}, {"no", "No"}};
        anonymous = store.EnsurePoll(workshop.id, StageKeyOf(store, workshop.id, StageKind::Domain), spec).id;
        store.OpenPoll(anonymous);
        const std::string tasks_stage = StageKeyOf(store, workshop.id, StageKind::Tasks);
        for (const char* title : {"Answer newcomers' questions", "Write the guide", "Run a clinic", "Visit a site",
                                  "Review designs"})
            store.ProposeTask(workshop.id, tasks_stage, title);
        tasks = store.OpenTaskVote(workshop.id, tasks_stage, Store::TaskVoteRules{});
    }

    // One person's ballot of `kind` (0 named, 1 task vote, 2 anonymous), as a kiosk sends it.
    std::vector<std::pair<std::string, BallotEntries>> Ballot(int kind, int voter) const {
        const char* stages[] = {"discovering", "coalescing", "committing", "stewarding", "renewing"};
        const char* answers[] = {"yes", "almost", "no"};
        if (kind == 0) return {{named, {{stages[voter % 5], 1}}}};
        if (kind == 2) return {{anonymous, {{answers[voter % 3], 1}}}};
        BallotEntries energy, importance, dots;
        for (size_t i = 0; i < tasks.energy.options.size(); ++i) {
            energy[tasks.energy.options[i].key] = static_cast<int>((voter + i) % 5) - 2;
            importance[tasks.importance.options[i].key] = static_cast<int>((voter + i) % 3) + 1;
        }
        dots[tasks.dots.options[static_cast<size_t>(voter) % tasks.dots.options.size()].key] = tasks.dots.budget;
        return {{tasks.energy.id, energy}, {tasks.importance.id, importance}, {tasks.dots.id, dots}};
    }
};

// KIND: 0 named, 1 task vote, 2 anonymous. Each kind is measured in a block of its own, as a room votes in one
// poll at a time: an anonymous ballot empties the -wal file (below), which would make the next named one start it
// again.
int Durability(const std::string& folder, int samples) {
    const std::string db = (fs::path(folder) / "durability.db").string();
    auto store = Store::Open(db);
    Floor floor((fs::path(folder) / "floor.bin").string());
    const char* names[] = {"named", "tasks", "anonymous"};
    int rooms = 0;
    for (int kind = 0; kind < 3; ++kind) {
        std::unique_ptr<Room> room;
        long long last_bytes = 0, last_offset = 0;
        for (int i = 0; i < samples; ++i) {
            if (!room || room->next[kind] >= Room::kPeople) room = std::make_unique<Room>(*store, ++rooms);
            const int voter = room->next[kind]++;
            const auto ballot = room->Ballot(kind, voter);
            std::error_code ignored;
            const long long wal_size = static_cast<long long>(fs::file_size(db + "-wal", ignored));
            // Alternately the floor first (as the previous commit of this kind wrote) and the commit first, so
            // neither always finds the disk just flushed by the other.
            const bool floor_first = i % 2 == 1 && last_bytes > 0;
            double floor_us = 0;
            if (floor_first) {
                floor.Resize(wal_size);
                floor_us = floor.Write(std::min(last_offset, wal_size), last_bytes);
            }
            g_writes.clear();
            g_watching = true;
            const long syncs_before = g_syncs.load();
            const auto start = Clock::now();
            store->CastBallots(room->people[static_cast<size_t>(voter)], ballot);
            const double commit_us = MicrosSince(start);
            const long syncs = g_syncs.load() - syncs_before;
            g_watching = false;
            const CommitWrites wrote = Classify(db);
            last_bytes = wrote.wal_bytes;
            last_offset = std::max(0LL, wrote.wal_offset);
            if (!floor_first) {
                floor.Resize(wal_size);
                floor_us = floor.Write(last_offset, last_bytes);
            }
            std::printf("%s %.1f %.1f %lld %lld %ld %d\n", names[kind], commit_us, floor_us, wrote.wal_bytes,
                        wrote.db_bytes, syncs, wrote.wal_writes);
        }
    }
    std::fflush(stdout);
    return 0;
}

// The pages each kind of ballot writes: after 10 commits of each kind in a fresh room (so the tables are warm), one
// line per commit, "KIND PAGE PAGE ...", the -wal frames' page numbers in the order written (Python's sqlite3 names
// their tables and indexes with dbstat: tests/bench/bench_durability.py).
int Pages(const std::string& folder) {
    const std::string db = (fs::path(folder) / "pages.db").string();
    auto store = Store::Open(db);
    const char* names[] = {"named", "tasks", "anonymous"};
    Room room(*store, 1);
    for (int kind = 0; kind < 3; ++kind) {
        for (int i = 0; i < 13; ++i) {
            const int voter = room.next[kind]++;
            g_writes.clear();
            g_watching = i >= 10;
            store->CastBallots(room.people[static_cast<size_t>(voter)], room.Ballot(kind, voter));
            g_watching = false;
            if (i < 10) continue;
            std::printf("%s", names[kind]);
            for (const Written& w : g_writes)
                if (w.page) std::printf(" %u", w.page);
            std::printf("\n");
        }
    }
    std::fflush(stdout);
    return 0;
}

// ---- 3. A poll of many ballots ----------------------------------------------------------------------
// KIND single: the stage check, one choice each; dots: the task vote's dot poll (8 tasks, 3 dots each, spread
// over up to three tasks), the dots alone; anonymous: a single-choice anonymous vote. Named polls are what a
// facilitator runs by default; every ballot is one action, committed through CastBallots as the kiosk does.
int SeedPoll(const std::string& db, int ballots, const std::string& kind) {
    if (kind != "single" && kind != "dots" && kind != "anonymous") throw std::runtime_error("unknown kind " + kind);
    const auto started = Clock::now();
    auto store = Store::Open(db);
    const Community community = store->CreateCommunity("Scale " + kind + " " + std::to_string(ballots),
                                                       "How the tally grows with the room.");
    const Workshop workshop = store->StartWorkshop(community.id, Launch());
    std::vector<std::string> people;
    people.reserve(static_cast<size_t>(ballots));
    for (int i = 0; i < ballots; ++i) people.push_back(store->CheckIn(workshop.id, "Person " + std::to_string(i + 1)).id);
    Poll poll;
    if (kind == "dots") {
        const std::string stage = StageKeyOf(*store, workshop.id, StageKind::Tasks);
        for (int i = 0; i < 8; ++i) store->ProposeTask(workshop.id, stage, "Task number " + std::to_string(i + 1));
        poll = store->OpenTaskVote(workshop.id, stage, Store::TaskVoteRules{3, 0, false, false}).dots;
    } else if (kind == "single") {
        poll = store->EnsureStageCheckPoll(workshop.id, StageKeyOf(*store, workshop.id, StageKind::StageCheck));
        store->OpenPoll(poll.id);
    } else {
        PollSpec spec;
        spec.question = "Is the domain statement right?";
        spec.anonymous = true;
        spec.options = {{"yes", "Yes"}, {"almost", "Almost"}, {"no", "No"}};
        poll = store->EnsurePoll(workshop.id, StageKeyOf(*store, workshop.id, StageKind::Domain), spec);
        store->OpenPoll(poll.id);
    }
    const auto& options = poll.options;
    const size_t tenth = std::max<size_t>(1, people.size() / 10);
    double first = 0, last = 0;
    for (size_t i = 0; i < people.size(); ++i) {
        BallotEntries entries;
        if (kind == "dots") {
            const size_t spread = i % 3 + 1;  // the 3 dots go on one, two or three tasks
            for (size_t d = 0; d < 3; ++d) entries[options[(i * 7 + (d % spread) * 3) % options.size()].key] += 1;
        } else {
            entries[options[(i * 7 + i / 3) % options.size()].key] = 1;
        }
        const auto start = Clock::now();
        store->CastBallots(people[i], {{poll.id, entries}});
        const double us = MicrosSince(start);
        if (i < tenth) first += us;
        if (i >= people.size() - tenth) last += us;
    }
    std::printf("poll %s\nworkshop %s\nseeded %.2f\ncast_us %.1f %.1f\n", poll.id.c_str(), workshop.id.c_str(),
                MicrosSince(started) / 1e6, first / tenth, last / tenth);
    return 0;
}

// What a screen does with the poll: the poll, its tally and who voted (LoadWorkshopRecord reads these for
// every poll; a task vote's screen also ranks the tasks), then the whole record as every screen reloads it after
// its own change; then the record again right after another connection committed a change (a kiosk's ballot,
// for the projector), which empties SQLite's cache of this connection.
int TallyPoll(const std::string& db, const std::string& poll_id, int runs) {
    auto store = Store::Open(db);
    auto other = Store::Open(db);
    const Poll poll = store->GetPoll(poll_id);
    const std::string community_id = store->GetWorkshop(poll.workshop_id).community_id;
    auto ms_since = [](Clock::time_point start) { return MicrosSince(start) / 1000.0; };
    for (int run = 0; run < runs; ++run) {
        auto start = Clock::now();
        const Poll read = store->GetPoll(poll_id);
        const Tally tally = store->TallyOf(poll_id);
        const auto voters = store->VotersOf(poll_id);
        if (read.purpose == "dots") store->TaskResultsOf(read.workshop_id, read.stage_key);
        const double tally_ms = ms_since(start);
        start = Clock::now();
        const WorkshopRecord record = LoadWorkshopRecord(*store, poll.workshop_id);
        const double record_ms = ms_since(start);
        other->SetCommunityDomain(community_id, "How the tally grows with the room, take " + std::to_string(run) + ".");
        start = Clock::now();
        const WorkshopRecord after = LoadWorkshopRecord(*store, poll.workshop_id);
        const double after_ms = ms_since(start);
        const PollRecord* shown = nullptr;
        for (const auto& p : after.polls)
            if (p.poll.id == poll_id) shown = &p;
        if (!shown || shown->tally.ballots != tally.ballots || voters.size() != static_cast<size_t>(tally.ballots) ||
            record.participants.size() != after.participants.size())
            throw std::runtime_error("the record and the tally disagree");
        std::printf("%.3f %.3f %.3f %d\n", tally_ms, record_ms, after_ms, tally.ballots);
    }
    std::fflush(stdout);
    return 0;
}

// ---- 4. Kiosks' databases to merge -----------------------------------------------------------------
// As a room runs: the facilitator starts the workshop, sets up its votes, and copies the file to each kiosk; each
// kiosk opens the votes, newcomers check in there, vote in each and make a commitment. One of them also checked in at
// the next kiosk (a person who moved), so the merge meets a duplicate per kiosk, as it does in a real room.
int Kiosks(const std::string& folder, int kiosks, int people) {
    const fs::path dir(folder);
    const std::string base = (dir / "base.db").string();
    std::string workshop_id, stage_poll, domain_poll, tasks_stage;
    {
        auto store = Store::Open(base);
        const Community community = store->CreateCommunity("Merge bench", "What many kiosks of one room recorded.");
        const Workshop workshop = store->StartWorkshop(community.id, Launch());
        workshop_id = workshop.id;
        store->CheckIn(workshop.id, "The facilitator");
        stage_poll = store->EnsureStageCheckPoll(workshop.id, StageKeyOf(*store, workshop.id, StageKind::StageCheck)).id;
        PollSpec spec;
        spec.question = "Is the domain statement right?";
        spec.anonymous = true;
        spec.options = {{"yes", "Yes"}, {"almost", "Almost"}, {"no", "No"}};
        domain_poll = store->EnsurePoll(workshop.id, StageKeyOf(*store, workshop.id, StageKind::Domain), spec).id;
        tasks_stage = StageKeyOf(*store, workshop.id, StageKind::Tasks);
        for (const char* title : {"Answer newcomers' questions", "Write the guide", "Run a clinic", "Visit a site",
                                  "Review designs"})
            store->ProposeTask(workshop.id, tasks_stage, title);
        store->EnsureTaskPolls(workshop.id, tasks_stage);
    }
    const std::string today = NowUtc().substr(0, 10);
    const std::string due = std::to_string(std::stoi(today.substr(0, 4)) + 1) + today.substr(4);
    const char* stages[] = {"discovering", "coalescing", "committing", "stewarding", "renewing"};
    const char* answers[] = {"yes", "almost", "no"};
    for (int k = 1; k <= kiosks; ++k) {
        const std::string path = (dir / ("kiosk-" + std::to_string(k) + ".db")).string();
        fs::copy_file(base, path);
        auto store = Store::Open(path);
        // Each kiosk opens the votes itself: an anonymous vote's key stays beside the file that opened it.
        store->OpenPoll(stage_poll);
        store->OpenPoll(domain_poll);
        const Store::TaskPolls tasks = store->OpenTaskVote(workshop_id, tasks_stage, Store::TaskVoteRules{});
        const int here = kiosks > 1 ? people + 1 : people;
        for (int i = 0; i < here; ++i) {
            // The last one is the next kiosk's first person, checking in here too (when there is another kiosk).
            const std::string name = i < people ? "Kiosk " + std::to_string(k) + " person " + std::to_string(i + 1)
                                                : "Kiosk " + std::to_string(k % kiosks + 1) + " person 1";
            const std::string member = store->CheckIn(workshop_id, name).id;
            store->CastBallots(member, {{stage_poll, {{stages[(k + i) % 5], 1}}}});
            store->CastBallots(member, {{domain_poll, {{answers[(k + i) % 3], 1}}}});
            BallotEntries energy, importance, dots;
            for (size_t t = 0; t < tasks.energy.options.size(); ++t) {
                energy[tasks.energy.options[t].key] = static_cast<int>((k + i + t) % 5) - 2;
                importance[tasks.importance.options[t].key] = static_cast<int>((i + t) % 3) + 1;
            }
            dots[tasks.dots.options[static_cast<size_t>(i) % tasks.dots.options.size()].key] = tasks.dots.budget;
            store->CastBallots(member, {{tasks.energy.id, energy}, {tasks.importance.id, importance}, {tasks.dots.id, dots}});
            Store::CommitmentDraft draft;
            draft.what = "Share one story from kiosk " + std::to_string(k) + ", number " + std::to_string(i + 1);
            draft.due = due;
            draft.member_ids = {member};
            store->AddCommitment(workshop_id, draft, today);
        }
    }
    std::printf("workshop %s\n", workshop_id.c_str());
    return 0;
}

}  // namespace

// ---- 5. main ------------------------------------------------------------------------------------------
int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (args.size() == 3 && args[0] == "durability") return Durability(args[1], std::stoi(args[2]));
        if (args.size() == 2 && args[0] == "pages") return Pages(args[1]);
        if (args.size() == 4 && args[0] == "seed-poll") return SeedPoll(args[1], std::stoi(args[2]), args[3]);
        if (args.size() == 4 && args[0] == "tally") return TallyPoll(args[1], args[2], std::stoi(args[3]));
        if (args.size() == 4 && args[0] == "kiosks") return Kiosks(args[1], std::stoi(args[2]), std::stoi(args[3]));
    } catch (const std::exception& error) {
        std::cerr << "copk_bench_store: " << error.what() << "\n";
        return 1;
    }
    std::cerr << "usage: copk_bench_store durability FOLDER SAMPLES | seed-poll DB BALLOTS KIND | tally DB POLL RUNS"
                 " | kiosks FOLDER KIOSKS PEOPLE\n";
    return 2;
}

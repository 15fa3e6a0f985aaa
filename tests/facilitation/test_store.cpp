// The SQLite store on real files: communities, workshops, stages, check-in, the one-ballot rule, reopening,
// and the files it must refuse and leave byte-identical (newer version, not a database, corrupt, read-only).
#include <catch2/catch.hpp>

#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>
#include <vector>

#include "facilitation/domain/time_util.h"
#include "facilitation/domain/uuid.h"
#include "store_helpers.h"

using namespace facilitation;
using namespace copk_test;
using Catch::Matchers::Contains;
using Catch::Matchers::UnorderedEquals;

namespace {

// Runs `action`, which must throw a StoreError, and returns it.
template <class Action>
StoreError StoreErrorOf(Action&& action) {
    try {
        action();
    } catch (const StoreError& e) {
        return e;
    }
    FAIL("no StoreError was thrown");
    return StoreError(StoreError::Kind::Other, "unreachable");
}

std::vector<std::string> IdsOf(const std::vector<Participant>& people) {
    std::vector<std::string> ids;
    for (const auto& p : people) ids.push_back(p.id);
    return ids;
}

std::vector<std::string> NamesOf(const std::vector<Participant>& people) {
    std::vector<std::string> names;
    for (const auto& p : people) names.push_back(p.name);
    return names;
}

int VotesFor(const Tally& tally, const std::string& key) {
    for (const auto& c : tally.options)
        if (c.key == key) return c.votes;
    FAIL("no option " << key << " in the tally");
    return -1;
}

// IntegrityProblems() lists the problems; a healthy database gives none (or integrity_check's single "ok").
bool Healthy(const std::vector<std::string>& problems) {
    return problems.empty() || problems == std::vector<std::string>{"ok"};
}

bool IsUtcStamp(const std::string& text) { return ParseUtc(text).has_value(); }

// A database with some content, closed, in `dir`.
std::string MakeDatabase(const TempDir& dir, const std::string& name, int participants = 5) {
    const std::string path = dir.File(name);
    auto store = Store::Open(path);
    const Community c = store->CreateCommunity("Data stewards", std::string(400, 'd'));
    const Workshop w = store->StartWorkshop(c.id, LaunchTemplate());
    for (int i = 0; i < participants; ++i) store->CheckIn(w.id, "Member number " + std::to_string(i));
    return path;
}

bool HasSidecarFiles(const std::string& path) {
    return Exists(path + "-wal") || Exists(path + "-shm") || Exists(path + "-journal");
}

// The store must refuse `path` with one of `kinds` and a message naming the file, and leave it untouched.
void CheckRefusedUntouched(const std::string& path, std::vector<StoreError::Kind> kinds) {
    const auto before = ReadBytes(path);
    const StoreError e = StoreErrorOf([&] { Store::Open(path); });
    CAPTURE(KindName(e.kind), e.what());
    CHECK(std::find(kinds.begin(), kinds.end(), e.kind) != kinds.end());
    CHECK_THAT(std::string(e.what()), Contains(std::filesystem::path(path).filename().string()));
    CHECK(ReadBytes(path) == before);
    CHECK_FALSE(HasSidecarFiles(path));
}

}  // namespace

// ---- Opening ----------------------------------------------------------------

TEST_CASE("store: a new database has the current schema version and is in WAL mode", "[store][open]") {
    TempDir dir;
    const std::string path = dir.File("kiosk.db");
    REQUIRE_FALSE(Exists(path));
    {
        auto store = Store::Open(path);
        CHECK(store->Path() == path);
        CHECK(store->SchemaVersion() == kSchemaVersion);
        store->CreateCommunity("Bridge inspectors", "");
        // A write in WAL mode goes to the -wal file beside the database while it is open.
        CHECK(Exists(path + "-wal"));
        CHECK(Healthy(store->IntegrityProblems()));
    }
    REQUIRE(Exists(path));
    const auto bytes = ReadBytes(path);
    REQUIRE(bytes.size() >= 100);
    // File format bytes 18 and 19 are 2 for a WAL database (1 for a rollback journal).
    CHECK(int(bytes[18]) == 2);
    CHECK(int(bytes[19]) == 2);
    RawDb raw(path, SQLITE_OPEN_READONLY);
    CHECK(raw.Text("PRAGMA user_version") == std::to_string(kSchemaVersion));
    CHECK(raw.Text("PRAGMA journal_mode") == "wal");
}

TEST_CASE("store: every table is STRICT", "[store][open]") {
    TempDir dir;
    const std::string path = MakeDatabase(dir, "kiosk.db");
    RawDb raw(path, SQLITE_OPEN_READONLY);
    const std::string tables = raw.Text("SELECT count(*) FROM pragma_table_list WHERE schema = 'main' "
                                        "AND type = 'table' AND name NOT LIKE 'sqlite_%'");
    CHECK(std::stoi(tables) > 0);
    const std::string loose = raw.Text("SELECT group_concat(name) FROM pragma_table_list WHERE schema = 'main' "
                                       "AND type = 'table' AND name NOT LIKE 'sqlite_%' AND strict = 0");
    CHECK(loose == "");
}

TEST_CASE("store: reopening an existing database keeps its version", "[store][open]") {
    TempDir dir;
    const std::string path = MakeDatabase(dir, "kiosk.db");
    auto store = Store::Open(path);
    CHECK(store->SchemaVersion() == kSchemaVersion);
    CHECK(store->ListCommunities().size() == 1);
}

TEST_CASE("store: a database from a newer version is refused and left byte-identical", "[store][open][bad-file]") {
    TempDir dir;
    const std::string path = MakeDatabase(dir, "kiosk.db");
    SECTION("in WAL mode, as a newer cop-kiosk leaves it") {
        RawDb(path).Exec("PRAGMA user_version = 99");
    }
    SECTION("in rollback-journal mode, so switching to WAL first would change the file") {
        RawDb raw(path);
        raw.Exec("PRAGMA journal_mode = DELETE");
        raw.Exec("PRAGMA user_version = 99");
    }
    REQUIRE_FALSE(HasSidecarFiles(path));
    const auto before = ReadBytes(path);
    const StoreError e = StoreErrorOf([&] { Store::Open(path); });
    CAPTURE(KindName(e.kind), e.what());
    CHECK(e.kind == StoreError::Kind::NewerVersion);
    CHECK_THAT(std::string(e.what()), Contains("99"));
    CHECK(ReadBytes(path) == before);
    CHECK_FALSE(HasSidecarFiles(path));
    // The refusal lasts: a second attempt is refused the same way.
    CHECK(StoreErrorOf([&] { Store::Open(path); }).kind == StoreError::Kind::NewerVersion);
    CHECK(ReadBytes(path) == before);
}

TEST_CASE("store: a text file is not a database, and is left byte-identical", "[store][open][bad-file]") {
    TempDir dir;
    const std::string path = dir.File("notes.db");
    std::string text;
    for (int i = 0; i < 200; ++i) text += "Minutes of the meeting, line " + std::to_string(i) + ".\n";
    WriteText(path, text);
    CheckRefusedUntouched(path, {StoreError::Kind::NotADatabase});
}

TEST_CASE("store: a database with a damaged header is refused and left byte-identical", "[store][open][bad-file]") {
    TempDir dir;
    const std::string path = MakeDatabase(dir, "kiosk.db");
    auto bytes = ReadBytes(path);
    const char junk[] = "NOT SQLITE HERE";  // 16 bytes with its NUL, over "SQLite format 3\0"
    std::memcpy(bytes.data(), junk, 16);
    WriteBytes(path, bytes);
    CheckRefusedUntouched(path, {StoreError::Kind::NotADatabase, StoreError::Kind::Corrupt});
}

TEST_CASE("store: a database with damaged pages is refused and left byte-identical", "[store][open][bad-file]") {
    TempDir dir;
    const std::string path = MakeDatabase(dir, "kiosk.db", 150);
    auto bytes = ReadBytes(path);
    const unsigned raw_size = (unsigned(bytes[16]) << 8) | unsigned(bytes[17]);
    const size_t page_size = raw_size == 1 ? 65536 : raw_size;
    REQUIRE(page_size >= 512);
    const size_t pages = bytes.size() / page_size;
    REQUIRE(pages >= 4);
    // Keep page 1 (header and schema root); overwrite every later page with a pattern no b-tree page has.
    for (size_t i = page_size; i < bytes.size(); ++i) bytes[i] = static_cast<unsigned char>(0xA5 ^ (i & 0x3F));
    WriteBytes(path, bytes);
    CheckRefusedUntouched(path, {StoreError::Kind::Corrupt, StoreError::Kind::NotADatabase});
}

namespace {
size_t PageSizeOf(const std::vector<unsigned char>& bytes) {
    const unsigned raw_size = (unsigned(bytes[16]) << 8) | unsigned(bytes[17]);
    return raw_size == 1 ? 65536 : raw_size;
}

// Both ways in (the console's Open and the readers' OpenForReading) refuse the file as damaged, in one line that
// names it, and leave it as it was.
void CheckRefusedAsDamaged(const std::string& path, const std::string& says) {
    CheckRefusedUntouched(path, {StoreError::Kind::Corrupt});
    const auto before = ReadBytes(path);
    const StoreError e = StoreErrorOf([&] { Store::OpenForReading(path); });
    CAPTURE(KindName(e.kind), e.what());
    CHECK(e.kind == StoreError::Kind::Corrupt);
    CHECK_THAT(std::string(e.what()), Contains(says));
    CHECK(std::string(e.what()).find('\n') == std::string::npos);
    CHECK(ReadBytes(path) == before);
    CHECK_FALSE(HasSidecarFiles(path));
}
}  // namespace

TEST_CASE("store: a database cut short is refused as damaged and left byte-identical", "[store][open][bad-file]") {
    TempDir dir;
    const std::string path = MakeDatabase(dir, "kiosk.db", 150);
    auto bytes = ReadBytes(path);
    const size_t page_size = PageSizeOf(bytes);
    REQUIRE(bytes.size() >= 8 * page_size);
    SECTION("in the middle of a page") {
        bytes.resize(3 * page_size + 1234);
        WriteBytes(path, bytes);
        CheckRefusedAsDamaged(path, "ends in the middle of a page");
    }
    SECTION("by its very last byte") {  // SQLite alone would read the missing byte as a zero
        bytes.pop_back();
        WriteBytes(path, bytes);
        CheckRefusedAsDamaged(path, "ends in the middle of a page");
    }
    SECTION("to half its pages") {
        bytes.resize(bytes.size() / page_size / 2 * page_size);
        WriteBytes(path, bytes);
        CheckRefusedAsDamaged(path, "shorter than its header says");
    }
    SECTION("inside its header") {
        bytes.resize(60);
        WriteBytes(path, bytes);
        CheckRefusedAsDamaged(path, "header");
    }
}

TEST_CASE("store: a database with a bad page size in its header is refused as damaged", "[store][open][bad-file]") {
    TempDir dir;
    const std::string path = MakeDatabase(dir, "kiosk.db");
    auto bytes = ReadBytes(path);
    bytes[16] = 0x03;  // 0x0300 = 768: not a power of two
    bytes[17] = 0x00;
    WriteBytes(path, bytes);
    CheckRefusedAsDamaged(path, "header");
}

TEST_CASE("store: a database with any one page zeroed is refused as damaged", "[store][open][bad-file]") {
    TempDir dir;
    const std::string good = MakeDatabase(dir, "good.db", 150);
    const auto bytes = ReadBytes(good);
    const size_t page_size = PageSizeOf(bytes);
    const size_t pages = bytes.size() / page_size;
    REQUIRE(pages >= 8);
    // Every page but the first (page 1 holds the header): a zeroed b-tree page has no valid page type, which the
    // quick_check at opening finds even where no query of the opening reads that page.
    for (size_t page = 1; page < pages; ++page) {
        CAPTURE(page + 1, pages);
        const std::string path = dir.File("zeroed-" + std::to_string(page + 1) + ".db");
        auto zeroed = bytes;
        std::fill(zeroed.begin() + long(page * page_size), zeroed.begin() + long((page + 1) * page_size), 0);
        WriteBytes(path, zeroed);
        CheckRefusedAsDamaged(path, "damaged");
    }
}

TEST_CASE("store: an SQLite database of another program is refused and left byte-identical",
          "[store][open][bad-file]") {
    TempDir dir;
    const std::string path = dir.File("places.sqlite");
    {
        RawDb raw(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        raw.Exec("CREATE TABLE bookmarks(id INTEGER PRIMARY KEY, url TEXT); "
                 "INSERT INTO bookmarks(url) VALUES ('https://example.org')");
    }
    const auto before = ReadBytes(path);
    const StoreError e = StoreErrorOf([&] { Store::Open(path); });
    CAPTURE(KindName(e.kind), e.what());
    CHECK_FALSE(std::string(e.what()).empty());
    CHECK(ReadBytes(path) == before);
}

TEST_CASE("store: a database in a folder that cannot exist cannot be opened", "[store][open][bad-file]") {
    TempDir dir;
    WriteText(dir.File("plain-file"), "a file, not a folder\n");
    const std::string path = dir.File("plain-file") + "/kiosk.db";
    const StoreError e = StoreErrorOf([&] { Store::Open(path); });
    CAPTURE(KindName(e.kind), e.what());
    CHECK(e.kind == StoreError::Kind::CannotOpen);
    CHECK_THAT(std::string(e.what()), Contains("plain-file"));  // names the folder that is the problem
}

namespace {
bool SaysItCannotWrite(const std::string& message) {
    std::string lower = message;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return lower.find("writ") != std::string::npos || lower.find("read-only") != std::string::npos ||
           lower.find("read only") != std::string::npos;
}
}  // namespace

TEST_CASE("store: a database the user cannot write is refused with a clear message and left unchanged",
          "[store][open][bad-file][read-only]") {
    TempDir dir;
    const std::string folder = dir.File("shared");
    REQUIRE(mkdir(folder.c_str(), 0755) == 0);
    const std::string path = MakeDatabase(dir, "shared/kiosk.db");
    REQUIRE(chmod(path.c_str(), 0644) == 0);
    REQUIRE(chmod(folder.c_str(), 0755) == 0);
    REQUIRE(chmod(dir.Path().c_str(), 0755) == 0);
    const auto before = ReadBytes(path);

    int kind = -1;
    std::string message;
    if (geteuid() == 0) {
        // Permission bits do not stop root: try as the unprivileged user nobody (65534) in a child process.
        int fds[2];
        REQUIRE(pipe(fds) == 0);
        const pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            close(fds[0]);
            std::string report;
            if (setgroups(0, nullptr) != 0 || setgid(65534) != 0 || setuid(65534) != 0) {
                report = "-3\ncannot become nobody";
            } else {
                try {
                    auto store = Store::Open(path);
                    try {
                        store->CreateCommunity("Intruders", "");
                        report = "-1\nopened and wrote";
                    } catch (const StoreError& e) {
                        report = "-1\nopened; the first write failed: " + std::string(e.what());
                    }
                } catch (const StoreError& e) {
                    report = std::to_string(static_cast<int>(e.kind)) + "\n" + e.what();
                } catch (const std::exception& e) {
                    report = "-2\nnot a StoreError: " + std::string(e.what());
                }
            }
            ssize_t ignored = write(fds[1], report.data(), report.size());
            (void)ignored;
            _exit(0);
        }
        close(fds[1]);
        std::string report;
        char buffer[512];
        ssize_t n;
        while ((n = read(fds[0], buffer, sizeof buffer)) > 0) report.append(buffer, size_t(n));
        close(fds[0]);
        int status = 0;
        REQUIRE(waitpid(child, &status, 0) == child);
        REQUIRE(WIFEXITED(status));
        const auto newline = report.find('\n');
        REQUIRE(newline != std::string::npos);
        kind = std::stoi(report.substr(0, newline));
        message = report.substr(newline + 1);
    } else {
        REQUIRE(chmod(path.c_str(), 0444) == 0);
        REQUIRE(chmod(folder.c_str(), 0555) == 0);
        try {
            Store::Open(path);
            message = "opened";
        } catch (const StoreError& e) {
            kind = static_cast<int>(e.kind);
            message = e.what();
        }
        chmod(folder.c_str(), 0755);
    }
    CAPTURE(kind, message);
    REQUIRE(kind != -3);
    CHECK((kind == static_cast<int>(StoreError::Kind::ReadOnly) ||
           kind == static_cast<int>(StoreError::Kind::CannotOpen)));
    CHECK(SaysItCannotWrite(message));
    CHECK_THAT(message, Contains("kiosk.db"));
    CHECK(ReadBytes(path) == before);
    CHECK_FALSE(HasSidecarFiles(path));
}

TEST_CASE("store: opening for reading changes nothing and refuses writes", "[store][open]") {
    TempDir dir;
    const std::string path = MakeDatabase(dir, "kiosk.db", 3);
    const auto before = ReadBytes(path);
    {
        auto reader = Store::OpenForReading(path);
        CHECK(reader->SchemaVersion() == kSchemaVersion);
        const auto communities = reader->ListCommunities();
        REQUIRE(communities.size() == 1);
        const auto workshops = reader->WorkshopsOf(communities[0].id);
        REQUIRE(workshops.size() == 1);
        CHECK(reader->ParticipantsOf(workshops[0].id).size() == 3);
        CHECK_THROWS_AS(reader->CreateCommunity("Not allowed", ""), Error);
        CHECK_THROWS_AS(reader->CheckIn(workshops[0].id, "Late comer"), Error);
    }
    CHECK(ReadBytes(path) == before);
}

TEST_CASE("store: opening a missing file for reading fails and creates nothing", "[store][open]") {
    TempDir dir;
    const std::string path = dir.File("absent.db");
    const StoreError e = StoreErrorOf([&] { Store::OpenForReading(path); });
    CAPTURE(KindName(e.kind), e.what());
    CHECK_THAT(std::string(e.what()), Contains("absent.db"));
    CHECK_FALSE(Exists(path));
}

// ---- Communities --------------------------------------------------------------

TEST_CASE("store: creating and reading communities", "[store][community]") {
    TempDir dir;
    auto store = Store::Open(dir.File("kiosk.db"));
    const Community c = store->CreateCommunity("  Water   engineers ", "Clean rivers.");
    CHECK(LooksLikeUuid(c.id));
    CHECK(c.name == "Water engineers");
    CHECK(c.domain == "Clean rivers.");
    CHECK(IsUtcStamp(c.created_at));
    CHECK(IsUtcStamp(c.updated_at));

    const Community again = store->GetCommunity(c.id);
    CHECK(again.id == c.id);
    CHECK(again.name == c.name);
    CHECK(again.domain == c.domain);

    const Community other = store->CreateCommunity("Bridge inspectors", "");
    const auto all = store->ListCommunities();
    REQUIRE(all.size() == 2);
    std::vector<std::string> ids{all[0].id, all[1].id};
    CHECK_THAT(ids, UnorderedEquals(std::vector<std::string>{c.id, other.id}));

    store->SetCommunityDomain(c.id, "Clean rivers, and why it matters now.");
    CHECK(store->GetCommunity(c.id).domain == "Clean rivers, and why it matters now.");
    CHECK(store->GetCommunity(other.id).domain == "");
}

TEST_CASE("store: invalid community names and domains are refused", "[store][community]") {
    TempDir dir;
    auto store = Store::Open(dir.File("kiosk.db"));
    CHECK_THROWS_AS(store->CreateCommunity("", "x"), RuleError);
    CHECK_THROWS_AS(store->CreateCommunity("   ", "x"), RuleError);
    CHECK_THROWS_AS(store->CreateCommunity("Fine name", std::string(501, 'x')), RuleError);
    CHECK(store->ListCommunities().empty());
    const Community c = store->CreateCommunity("Fine name", "");
    CHECK_THROWS_AS(store->SetCommunityDomain(c.id, std::string(501, 'x')), RuleError);
    CHECK(store->GetCommunity(c.id).domain == "");
}

TEST_CASE("store: unknown ids are not found", "[store][community]") {
    TempDir dir;
    auto store = Store::Open(dir.File("kiosk.db"));
    const std::string nobody = NewUuid();
    CHECK(StoreErrorOf([&] { store->GetCommunity(nobody); }).kind == StoreError::Kind::NotFound);
    CHECK(StoreErrorOf([&] { store->GetWorkshop(nobody); }).kind == StoreError::Kind::NotFound);
    CHECK(StoreErrorOf([&] { store->GetPoll(nobody); }).kind == StoreError::Kind::NotFound);
    CHECK(StoreErrorOf([&] { store->StartWorkshop(nobody, LaunchTemplate()); }).kind ==
          StoreError::Kind::NotFound);
    CHECK_FALSE(store->LatestWorkshop().has_value());
}

// ---- Workshops and stages -----------------------------------------------------

TEST_CASE("store: a launch workshop starts at its first stage with the template's stages", "[store][workshop]") {
    RunningWorkshop f;
    const Workshop& w = f.workshop;
    CHECK(LooksLikeUuid(w.id));
    CHECK(w.community_id == f.community.id);
    CHECK(w.kind == "launch");
    CHECK(w.template_key == "launch");
    CHECK(w.template_name == f.launch.name);
    CHECK(w.previous_workshop_id.empty());
    CHECK(w.current_stage == 0);
    CHECK(IsUtcStamp(w.started_at));
    CHECK(w.IsRunning());

    const auto stages = f.store->StagesOf(w.id);
    REQUIRE(stages.size() == f.launch.stages.size());
    for (size_t i = 0; i < stages.size(); ++i) {
        CAPTURE(i);
        CHECK(stages[i].position == int(i));
        CHECK(stages[i].key == f.launch.stages[i].key);
        CHECK(stages[i].title == f.launch.stages[i].title);
        CHECK(stages[i].prompt == f.launch.stages[i].prompt);
        CHECK(stages[i].kind == f.launch.stages[i].kind);
        CHECK(stages[i].planned_minutes == f.launch.stages[i].planned_minutes);
        CHECK(stages[i].ended_at.empty());
        if (i > 0) CHECK(stages[i].started_at.empty());
    }
    // The workshop is on its first stage: it has been entered.
    CHECK(IsUtcStamp(stages[0].started_at));
}

TEST_CASE("store: a community's next workshop is linked to its latest one", "[store][workshop]") {
    RunningWorkshop f;
    f.store->FinishWorkshop(f.workshop.id);
    const Workshop renewal = f.store->StartWorkshop(
        f.community.id, LoadTemplate(COPK_TEST_DATA_DIR "/templates", "renewal"));
    CHECK(renewal.kind == "renewal");
    CHECK(renewal.previous_workshop_id == f.workshop.id);

    const auto latest = f.store->LatestWorkshop();
    REQUIRE(latest.has_value());
    CHECK(latest->id == renewal.id);
    const auto of_community = f.store->WorkshopsOf(f.community.id);
    REQUIRE(of_community.size() == 2);
    CHECK(of_community[0].id == renewal.id);  // newest first
    CHECK(of_community[1].id == f.workshop.id);

    const Community other = f.store->CreateCommunity("Bridge inspectors", "");
    CHECK(f.store->StartWorkshop(other.id, f.launch).previous_workshop_id.empty());
    CHECK(f.store->WorkshopsOf(f.community.id).size() == 2);
}

TEST_CASE("store: the workshop list says whose it is and how many came", "[store][workshop]") {
    RunningWorkshop f;
    f.store->CheckIn(f.workshop.id, "Ana");
    f.store->CheckIn(f.workshop.id, "Bo");
    const auto list = f.store->ListWorkshops();
    REQUIRE(list.size() == 1);
    CHECK(list[0].workshop.id == f.workshop.id);
    CHECK(list[0].community_name == "Water engineers");
    CHECK(list[0].participant_count == 2);
}

TEST_CASE("store: going to a stage ends the one left and starts the one entered", "[store][workshop][stages]") {
    RunningWorkshop f;
    const std::string first_start = f.store->StagesOf(f.workshop.id)[0].started_at;

    const Workshop moved = f.store->GoToStage(f.workshop.id, 1);
    CHECK(moved.current_stage == 1);
    CHECK(f.store->GetWorkshop(f.workshop.id).current_stage == 1);
    auto stages = f.store->StagesOf(f.workshop.id);
    CHECK(IsUtcStamp(stages[0].ended_at));
    CHECK(IsUtcStamp(stages[1].started_at));
    CHECK(stages[1].ended_at.empty());
    CHECK(stages[0].ended_at <= stages[1].started_at);
    CHECK(stages[2].started_at.empty());

    SECTION("going back keeps the first entry time and ends the stage left") {
        f.store->GoToStage(f.workshop.id, 0);
        stages = f.store->StagesOf(f.workshop.id);
        CHECK(f.store->GetWorkshop(f.workshop.id).current_stage == 0);
        CHECK(stages[0].started_at == first_start);
        CHECK(IsUtcStamp(stages[1].ended_at));
    }
    SECTION("jumping ahead enters the chosen stage only") {
        f.store->GoToStage(f.workshop.id, 5);
        stages = f.store->StagesOf(f.workshop.id);
        CHECK(IsUtcStamp(stages[1].ended_at));
        CHECK(IsUtcStamp(stages[5].started_at));
        CHECK(stages[3].started_at.empty());
    }
    SECTION("a stage that does not exist is refused and nothing moves") {
        CHECK_THROWS_AS(f.store->GoToStage(f.workshop.id, 9), Error);
        CHECK_THROWS_AS(f.store->GoToStage(f.workshop.id, -1), Error);
        CHECK(f.store->GetWorkshop(f.workshop.id).current_stage == 1);
        CHECK(f.store->StagesOf(f.workshop.id)[1].ended_at.empty());
    }
}

TEST_CASE("store: finishing a workshop ends it and its current stage", "[store][workshop]") {
    RunningWorkshop f;
    f.store->GoToStage(f.workshop.id, 8);
    const Workshop done = f.store->FinishWorkshop(f.workshop.id);
    CHECK_FALSE(done.IsRunning());
    CHECK(IsUtcStamp(done.ended_at));
    CHECK(done.ended_at >= done.started_at);
    CHECK_FALSE(f.store->GetWorkshop(f.workshop.id).IsRunning());
    CHECK(IsUtcStamp(f.store->StagesOf(f.workshop.id)[8].ended_at));
}

TEST_CASE("store: backdating sets every timestamp of a workshop", "[store][workshop]") {
    RunningWorkshop f;
    std::vector<std::pair<std::string, std::string>> stamps;
    for (int i = 0; i < 9; ++i) {
        const std::string minute = (i < 10 ? "0" : "") + std::to_string(i);
        stamps.push_back({"2025-03-04T09:" + minute + ":00.000Z", "2025-03-04T09:" + minute + ":59.000Z"});
    }
    f.store->BackdateWorkshop(f.workshop.id, "2025-03-04T09:00:00.000Z", "2025-03-04T09:08:59.000Z", stamps);
    const Workshop w = f.store->GetWorkshop(f.workshop.id);
    CHECK(w.started_at == "2025-03-04T09:00:00.000Z");
    CHECK(w.ended_at == "2025-03-04T09:08:59.000Z");
    const auto stages = f.store->StagesOf(f.workshop.id);
    REQUIRE(stages.size() == 9);
    for (int i = 0; i < 9; ++i) {
        CHECK(stages[i].started_at == stamps[i].first);
        CHECK(stages[i].ended_at == stamps[i].second);
    }
}

// ---- Participants -------------------------------------------------------------

TEST_CASE("store: checking people in keeps their names as typed and their order", "[store][checkin]") {
    RunningWorkshop f;
    const std::vector<std::string> names{"\xC3\x89lodie Dupr\xC3\xA9", "O'Brien", "Anne \"Nan\" Lee",
                                         "Robert'); DROP TABLE participant;--"};
    for (const auto& name : names) {
        const Participant p = f.store->CheckIn(f.workshop.id, name);
        CHECK(LooksLikeUuid(p.id));
        CHECK(p.name == name);
        CHECK(IsUtcStamp(p.checked_in_at));
        CHECK(f.store->IsCheckedIn(f.workshop.id, p.id));
    }
    CHECK(NamesOf(f.store->ParticipantsOf(f.workshop.id)) == names);
    CHECK(Healthy(f.store->IntegrityProblems()));
}

TEST_CASE("store: participants are listed in check-in order, even when names sort otherwise", "[store][checkin]") {
    RunningWorkshop f;
    // Names in reverse alphabetical order, checked in quickly: several share a clock millisecond.
    std::vector<std::string> ids;
    for (int i = 40; i > 0; --i) {
        const std::string name = std::string(1, char('A' + (i % 26))) + " person " + std::to_string(100 + i);
        ids.push_back(f.store->CheckIn(f.workshop.id, name).id);
    }
    CHECK(IdsOf(f.store->ParticipantsOf(f.workshop.id)) == ids);
}

TEST_CASE("store: the same person cannot check in twice, whatever the case or spacing", "[store][checkin]") {
    RunningWorkshop f;
    f.store->CheckIn(f.workshop.id, "\xC3\x89lodie Dupr\xC3\xA9");
    CHECK_THROWS_AS(f.store->CheckIn(f.workshop.id, "\xC3\x89lodie Dupr\xC3\xA9"), RuleError);
    CHECK_THROWS_AS(f.store->CheckIn(f.workshop.id, "\xC3\xA9lodie  dupr\xC3\xA9"), RuleError);
    CHECK_THROWS_AS(f.store->CheckIn(f.workshop.id, " \xC3\x89LODIE DUPR\xC3\x89 "), RuleError);
    CHECK(f.store->ParticipantsOf(f.workshop.id).size() == 1);
    try {
        f.store->CheckIn(f.workshop.id, "\xC3\xA9lodie dupr\xC3\xA9");
        FAIL("checked in twice");
    } catch (const RuleError& e) {
        CHECK_FALSE(std::string(e.what()).empty());
    }
}

TEST_CASE("store: invalid names are refused at check-in with a message", "[store][checkin]") {
    RunningWorkshop f;
    for (const std::string& name : {std::string(""), std::string("   "), std::string(500, 'n'),
                                   std::string("Sam \xF0\x9F\x98\x80"), std::string("bad \xFF utf8")}) {
        CAPTURE(name);
        try {
            f.store->CheckIn(f.workshop.id, name);
            FAIL("checked in");
        } catch (const RuleError& e) {
            CHECK_FALSE(std::string(e.what()).empty());
        }
    }
    CHECK(f.store->ParticipantsOf(f.workshop.id).empty());
}

TEST_CASE("store: a member keeps the same id from one workshop to the next", "[store][checkin]") {
    RunningWorkshop f;
    const Participant first = f.store->CheckIn(f.workshop.id, "Ana Silva");
    f.store->FinishWorkshop(f.workshop.id);
    const Workshop next = f.store->StartWorkshop(f.community.id, f.launch);
    CHECK_FALSE(f.store->IsCheckedIn(next.id, first.id));
    const Participant again = f.store->CheckIn(next.id, "ana  silva");
    CHECK(again.id == first.id);
    CHECK(f.store->IsCheckedIn(next.id, first.id));
    // Another community's member of the same name is another person.
    const Community other = f.store->CreateCommunity("Bridge inspectors", "");
    const Workshop elsewhere = f.store->StartWorkshop(other.id, f.launch);
    CHECK(f.store->CheckIn(elsewhere.id, "Ana Silva").id != first.id);
}

TEST_CASE("store: checking out retracts the attendance and allows checking in again", "[store][checkin]") {
    RunningWorkshop f;
    const Participant ana = f.store->CheckIn(f.workshop.id, "Ana");
    const Participant bo = f.store->CheckIn(f.workshop.id, "Bo");
    f.store->CheckOut(f.workshop.id, ana.id);
    CHECK_FALSE(f.store->IsCheckedIn(f.workshop.id, ana.id));
    CHECK(IdsOf(f.store->ParticipantsOf(f.workshop.id)) == std::vector<std::string>{bo.id});
    const Participant back = f.store->CheckIn(f.workshop.id, "Ana");
    CHECK(back.id == ana.id);
    CHECK(f.store->IsCheckedIn(f.workshop.id, ana.id));
    CHECK(f.store->ParticipantsOf(f.workshop.id).size() == 2);
}

// ---- Polls and the one-ballot rule ---------------------------------------------

namespace {
struct VotingWorkshop : RunningWorkshop {
    std::string stage_key = StageCheckKey(launch);
    Participant ana = store->CheckIn(workshop.id, "Ana");
    Participant bo = store->CheckIn(workshop.id, "Bo");
    Participant cy = store->CheckIn(workshop.id, "Cy");
    Poll poll = store->EnsureStageCheckPoll(workshop.id, stage_key);
};
}  // namespace

TEST_CASE("store: the stage check poll is created once, in draft, with the five stages", "[store][poll]") {
    VotingWorkshop f;
    CHECK(LooksLikeUuid(f.poll.id));
    CHECK(f.poll.workshop_id == f.workshop.id);
    CHECK(f.poll.stage_key == f.stage_key);
    CHECK(f.poll.kind == "single");
    CHECK_FALSE(f.poll.question.empty());
    CHECK(f.poll.status == PollStatus::Draft);
    REQUIRE(f.poll.options.size() == DevelopmentStages().size());
    for (size_t i = 0; i < f.poll.options.size(); ++i) CHECK(f.poll.options[i].key == DevelopmentStages()[i].key);

    CHECK(f.store->EnsureStageCheckPoll(f.workshop.id, f.stage_key).id == f.poll.id);
    const auto found = f.store->FindPoll(f.workshop.id, f.stage_key);
    REQUIRE(found.has_value());
    CHECK(found->id == f.poll.id);
    CHECK_FALSE(f.store->FindPoll(f.workshop.id, "roles").has_value());
    CHECK(f.store->PollsOf(f.workshop.id).size() == 1);
    CHECK(f.store->GetPoll(f.poll.id).question == f.poll.question);
}

TEST_CASE("store: no ballot on a draft poll", "[store][poll][ballot]") {
    VotingWorkshop f;
    CHECK_THROWS_AS(f.store->CastBallot(f.poll.id, f.ana.id, "committing"), RuleError);
    CHECK_FALSE(f.store->BallotOf(f.poll.id, f.ana.id).has_value());
    CHECK(f.store->TallyOf(f.poll.id).ballots == 0);
}

TEST_CASE("store: one ballot each; casting again replaces the first", "[store][poll][ballot]") {
    VotingWorkshop f;
    CHECK(f.store->OpenPoll(f.poll.id).status == PollStatus::Open);
    CHECK(f.store->GetPoll(f.poll.id).status == PollStatus::Open);

    f.store->CastBallot(f.poll.id, f.ana.id, "committing");
    CHECK(f.store->BallotOf(f.poll.id, f.ana.id) == std::optional<std::string>("committing"));
    f.store->CastBallot(f.poll.id, f.ana.id, "coalescing");
    CHECK(f.store->BallotOf(f.poll.id, f.ana.id) == std::optional<std::string>("coalescing"));

    Tally t = f.store->TallyOf(f.poll.id);
    CHECK(t.ballots == 1);
    CHECK(VotesFor(t, "coalescing") == 1);
    CHECK(VotesFor(t, "committing") == 0);
    CHECK(f.store->VotersOf(f.poll.id) == std::vector<std::string>{f.ana.id});
    CHECK_FALSE(f.store->BallotOf(f.poll.id, f.bo.id).has_value());

    f.store->CastBallot(f.poll.id, f.bo.id, "committing");
    t = f.store->TallyOf(f.poll.id);
    CHECK(t.ballots == 2);
    CHECK(t.IsTie());
    CHECK_THAT(t.leaders, UnorderedEquals(std::vector<std::string>{"coalescing", "committing"}));
    f.store->CastBallot(f.poll.id, f.cy.id, "committing");
    t = f.store->TallyOf(f.poll.id);
    CHECK(t.ballots == 3);
    CHECK(t.leaders == std::vector<std::string>{"committing"});
    CHECK_THAT(f.store->VotersOf(f.poll.id), UnorderedEquals(std::vector<std::string>{f.ana.id, f.bo.id, f.cy.id}));
}

TEST_CASE("store: ballots from people not checked in, or for unknown options, are refused", "[store][poll][ballot]") {
    VotingWorkshop f;
    f.store->OpenPoll(f.poll.id);
    CHECK_THROWS_AS(f.store->CastBallot(f.poll.id, f.ana.id, "flourishing"), RuleError);
    CHECK_THROWS_AS(f.store->CastBallot(f.poll.id, NewUuid(), "committing"), RuleError);
    f.store->CheckOut(f.workshop.id, f.bo.id);
    CHECK_THROWS_AS(f.store->CastBallot(f.poll.id, f.bo.id, "committing"), RuleError);
    // A member of the community who is not at this workshop.
    f.store->FinishWorkshop(f.workshop.id);
    const Workshop next = f.store->StartWorkshop(f.community.id, f.launch);
    const Participant newcomer = f.store->CheckIn(next.id, "Dee");
    CHECK_THROWS_AS(f.store->CastBallot(f.poll.id, newcomer.id, "committing"), RuleError);
    CHECK(f.store->TallyOf(f.poll.id).ballots == 0);
}

TEST_CASE("store: closing a poll stops ballots; reopening allows them again", "[store][poll][ballot]") {
    VotingWorkshop f;
    f.store->OpenPoll(f.poll.id);
    f.store->CastBallot(f.poll.id, f.ana.id, "discovering");
    CHECK(f.store->ClosePoll(f.poll.id).status == PollStatus::Closed);
    CHECK_THROWS_AS(f.store->CastBallot(f.poll.id, f.ana.id, "renewing"), RuleError);
    CHECK_THROWS_AS(f.store->CastBallot(f.poll.id, f.bo.id, "renewing"), RuleError);
    CHECK(f.store->BallotOf(f.poll.id, f.ana.id) == std::optional<std::string>("discovering"));
    CHECK(f.store->TallyOf(f.poll.id).ballots == 1);

    SECTION("reopen after close") {
        CHECK(f.store->ReopenPoll(f.poll.id).status == PollStatus::Open);
        f.store->CastBallot(f.poll.id, f.ana.id, "renewing");
        f.store->CastBallot(f.poll.id, f.bo.id, "renewing");
        CHECK(f.store->BallotOf(f.poll.id, f.ana.id) == std::optional<std::string>("renewing"));
        const Tally t = f.store->TallyOf(f.poll.id);
        CHECK(t.ballots == 2);
        CHECK(VotesFor(t, "renewing") == 2);
        CHECK(VotesFor(t, "discovering") == 0);
    }
    SECTION("a revealed poll takes no ballots either") {
        CHECK(f.store->RevealPoll(f.poll.id).status == PollStatus::Revealed);
        CHECK_THROWS_AS(f.store->CastBallot(f.poll.id, f.bo.id, "renewing"), RuleError);
        CHECK(f.store->TallyOf(f.poll.id).ballots == 1);
    }
}

// ---- Reopening ---------------------------------------------------------------

TEST_CASE("store: closing and reopening the store finds everything", "[store][reopen]") {
    TempDir dir;
    const std::string path = dir.File("kiosk.db");
    const Template launch = LaunchTemplate();
    std::string community_id, workshop_id, poll_id, ana_id, bo_id;
    {
        auto store = Store::Open(path);
        const Community c = store->CreateCommunity("R\xC3\xA9seau eau", "Rivi\xC3\xA8res propres.");
        community_id = c.id;
        const Workshop w = store->StartWorkshop(c.id, launch);
        workshop_id = w.id;
        ana_id = store->CheckIn(w.id, "Ana").id;
        bo_id = store->CheckIn(w.id, "O'Brien").id;
        store->GoToStage(w.id, 2);
        const Poll p = store->EnsureStageCheckPoll(w.id, StageCheckKey(launch));
        poll_id = p.id;
        store->OpenPoll(p.id);
        store->CastBallot(p.id, ana_id, "committing");
        store->CastBallot(p.id, bo_id, "coalescing");
        store->ClosePoll(p.id);
    }
    CHECK_FALSE(Exists(path + "-wal"));  // a clean close checkpoints and removes the WAL

    auto store = Store::Open(path);
    const auto communities = store->ListCommunities();
    REQUIRE(communities.size() == 1);
    CHECK(communities[0].id == community_id);
    CHECK(communities[0].name == "R\xC3\xA9seau eau");
    CHECK(communities[0].domain == "Rivi\xC3\xA8res propres.");
    const Workshop w = store->GetWorkshop(workshop_id);
    CHECK(w.current_stage == 2);
    CHECK(w.IsRunning());
    const auto stages = store->StagesOf(workshop_id);
    CHECK(IsUtcStamp(stages[0].ended_at));
    CHECK(IsUtcStamp(stages[2].started_at));
    CHECK(IdsOf(store->ParticipantsOf(workshop_id)) == std::vector<std::string>{ana_id, bo_id});
    const Poll p = store->GetPoll(poll_id);
    CHECK(p.status == PollStatus::Closed);
    CHECK(store->BallotOf(poll_id, ana_id) == std::optional<std::string>("committing"));
    CHECK(store->BallotOf(poll_id, bo_id) == std::optional<std::string>("coalescing"));
    CHECK(store->TallyOf(poll_id).ballots == 2);
    CHECK(Healthy(store->IntegrityProblems()));
}

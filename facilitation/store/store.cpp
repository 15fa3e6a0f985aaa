// The SQLite store. Sections:
//   1. Impl: connection, statement cache, error translation
//   2. Opening: header check, version check, pragmas, migrations
//   3. Communities
//   4. Workshops and stages
//   5. Participants
//   6. Polls and ballots
//   7. Change detection
#include "facilitation/store/store.h"

#include "facilitation/store/store_impl.h"

#include <unistd.h>

#include <cctype>
#include <cstdint>
#include <chrono>
#include <random>
#include <thread>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "facilitation/domain/names.h"
#include "facilitation/domain/navigation.h"
#include "facilitation/domain/room.h"
#include "facilitation/domain/time_util.h"
#include "facilitation/domain/uuid.h"
#include "facilitation/store/schema.h"

namespace facilitation {
namespace fs = std::filesystem;

// ---- 1. Internals: store_impl.h

namespace {
constexpr int kBusyTimeoutMs = 5000;
}  // namespace

// Waiting for another process's lock. SQLite's own busy timeout sleeps ever longer between tries (up to 100 ms
// each), so a writer that commits again soon after keeps finding the lock free first, and the one waiting can wait
// out the whole timeout: measured at 4.5 s of the 5 s, with a facilitator, a kiosk and a projector writing and
// reading hard (tests/facilitation/test_store_reliability.cpp). This handler tries again every 0.5 to 2 ms (random,
// so two waiters do not try in step) until kBusyTimeoutMs have passed; a lock is held for a commit's fsync or two.
struct BusyWait {
    std::chrono::steady_clock::time_point since;
    std::minstd_rand jitter{static_cast<unsigned>(getpid()) ^
                            static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count())};
};

namespace {
int RetryWhileBusy(void* context, int tries) {
    auto& wait = *static_cast<BusyWait*>(context);
    const auto now = std::chrono::steady_clock::now();
    if (tries == 0) wait.since = now;  // SQLite counts from 0 for each lock it waits for
    if (now - wait.since >= std::chrono::milliseconds(kBusyTimeoutMs)) return 0;  // give up: SQLITE_BUSY
    std::this_thread::sleep_for(std::chrono::microseconds(500 + wait.jitter() % 1500));
    return 1;
}

void WaitWhileBusy(Store::Impl& impl) {
    impl.busy_wait = std::make_shared<BusyWait>();
    sqlite3_busy_handler(impl.db.getHandle(), RetryWhileBusy, impl.busy_wait.get());
}

}  // namespace

StoreError Translate(const SQLite::Exception& error, const std::string& path) {
    const int code = error.getErrorCode();
    switch (code) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            // Another cop-kiosk holds a lock for a commit's fsync or two; past kBusyTimeoutMs it is most likely
            // another program (an SQLite browser, a backup tool) keeping a transaction open.
            return StoreError(StoreError::Kind::Busy,
                              "Another program is using the database " + path + ": it kept the file locked for more "
                              "than " + std::to_string(kBusyTimeoutMs / 1000) + " seconds. Close that program (or wait "
                              "until it has finished), then try again.");
        case SQLITE_READONLY:
            return StoreError(StoreError::Kind::ReadOnly, "The database " + path +
                                                              " cannot be written (read-only file or folder). "
                                                              "Copy it somewhere writable or start with --db PATH.");
        case SQLITE_CORRUPT:
            return StoreError(StoreError::Kind::Corrupt, "The database " + path +
                                                             " is damaged: SQLite found a broken page in it. Keep a "
                                                             "copy of it and restore the database from a backup.");
        case SQLITE_NOTADB:
            return StoreError(StoreError::Kind::NotADatabase,
                              path + " is not a cop-kiosk database (not an SQLite file). Choose another file with --db.");
        case SQLITE_FULL:
            return StoreError(StoreError::Kind::Other, "The disk is full: nothing was saved. Free some space and try again.");
        case SQLITE_CANTOPEN:
        case SQLITE_PERM:
        case SQLITE_AUTH:
            return StoreError(StoreError::Kind::CannotOpen, "The database " + path +
                                                                " cannot be opened: check that its folder exists and "
                                                                "that you may write there.");
        case SQLITE_IOERR:
            return StoreError(StoreError::Kind::Other, "Reading or writing " + path + " failed (" + error.what() +
                                                           "): check the disk.");
        default:
            return StoreError(StoreError::Kind::Other, std::string("Database error: ") + error.what());
    }
}

// ---- 2. Opening ----------------------------------------------------------------
// "file:/path?immutable=1", the path percent-encoded as RFC 3986 asks.
std::string ImmutableUri(const std::string& path) {
    std::string uri = "file:";
    const std::string absolute = fs::absolute(path).string();
    for (unsigned char c : absolute) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
            uri += static_cast<char>(c);
        } else {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", c);
            uri += escaped;
        }
    }
    return uri + "?immutable=1";
}

namespace {

// Reads the first bytes without SQLite, so a foreign file is refused before anything could touch it.
void CheckHeader(const std::string& path) {
    std::error_code error;
    const auto status = fs::status(path, error);
    if (error || !fs::exists(status)) return;  // a new database
    if (fs::is_directory(status))
        throw StoreError(StoreError::Kind::CannotOpen, path + " is a folder, not a database file. Give a file path with --db.");
    const auto size = fs::file_size(path, error);
    if (error || size == 0) return;
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw StoreError(StoreError::Kind::CannotOpen, "The database " + path +
                                                           " cannot be read (permission denied). Check its permissions.");
    unsigned char header[100] = {};
    file.read(reinterpret_cast<char*>(header), sizeof header);
    const auto read = static_cast<size_t>(file.gcount());
    if (read < 16 || std::memcmp(header, "SQLite format 3", 16) != 0)
        throw StoreError(StoreError::Kind::NotADatabase,
                         path + " is not a cop-kiosk database (not an SQLite file); it was left untouched. "
                                "Choose another file with --db.");
    // An SQLite file, so from here on a problem is damage, not a foreign file. SQLite itself would call a bad
    // header "not a database" and read a file cut short in its last page as if the page ended in zeros.
    const auto damaged = [&](const std::string& what) {
        return StoreError(StoreError::Kind::Corrupt, "The database " + path + " is damaged: " + what +
                                                         ". It was left untouched. Keep a copy of it and restore "
                                                         "the database from a backup.");
    };
    if (read < sizeof header) throw damaged("it ends inside its 100-byte header");
    // The file format's fixed fields (sqlite.org/fileformat.html, "The Database Header").
    const unsigned raw_page = (unsigned(header[16]) << 8) | header[17];
    const unsigned page_size = raw_page == 1 ? 65536u : raw_page;
    const bool page_ok = page_size >= 512 && page_size <= 65536 && (page_size & (page_size - 1)) == 0;
    if (!page_ok || header[18] < 1 || header[18] > 2 || header[19] < 1 || header[19] > 2 || header[21] != 64 ||
        header[22] != 32 || header[23] != 32)
        throw damaged("its header (the first 100 bytes) is not valid");
    // The file's length. Only while no -wal (or -journal) file is beside it: then no process has it open, and no
    // checkpoint (or rollback-mode writer) is copying pages into it; one writes page 1, with the new page count,
    // before the pages that follow.
    if (fs::exists(path + "-wal", error) || fs::exists(path + "-journal", error)) return;
    if (size % page_size != 0)
        throw damaged("it ends in the middle of a page (" + std::to_string(size) + " bytes is not a whole number of " +
                      std::to_string(page_size) + "-byte pages), so it was probably cut short while being copied");
    const auto be32 = [&](size_t at) {
        return (uint32_t(header[at]) << 24) | (uint32_t(header[at + 1]) << 16) | (uint32_t(header[at + 2]) << 8) |
               uint32_t(header[at + 3]);
    };
    // The page count at offset 28 is to be trusted when the change counter (24) matches "version valid for" (92).
    const uint32_t pages = be32(28);
    if (pages > 0 && be32(24) == be32(92) && pages > size / page_size)
        throw damaged("it is shorter than its header says (" + std::to_string(size / page_size) + " of its " +
                      std::to_string(pages) + " pages are there), so it was probably cut short while being copied");
}

// Recording a workshop writes the database and, in WAL mode, its -wal and -shm files beside it, so both the file
// and its folder must be writable. Checked before SQLite opens anything: SQLite would open a read-only file
// read-only, and in a read-only folder fail only at the first read with a vaguer "cannot open". The program
// refuses such a database rather than showing a workshop it cannot record; `list`, `export` and `check` still
// read it (Store::OpenForReading). access() asks for the real user, as the permission bits (and a read-only
// mount) apply to them.
void CheckWritable(const std::string& path) {
    std::error_code error;
    const fs::path absolute = fs::absolute(path, error);
    const std::string folder = (error ? fs::path(path) : absolute).parent_path().string();
    const bool exists = fs::exists(path, error);
    const std::string copy_advice = " Copy the database to a folder you can write and start cop-kiosk with --db and "
                                    "the copy's path; cop-kiosk list and export can still read it where it is.";
    if (exists && access(path.c_str(), W_OK) != 0)
        throw StoreError(StoreError::Kind::ReadOnly, "The database " + path +
                                                         " is read-only for this user, so nothing could be recorded "
                                                         "in it." + copy_advice);
    if (access(folder.empty() ? "." : folder.c_str(), W_OK) == 0) return;
    if (exists)
        throw StoreError(StoreError::Kind::ReadOnly,
                         "The folder " + folder + " is read-only for this user, and cop-kiosk must write its journal "
                         "files (-wal and -shm) beside the database " + path + " to record anything." + copy_advice);
    throw StoreError(StoreError::Kind::CannotOpen, "A new database cannot be created in the folder " + folder +
                                                       ": it is read-only for this user. Give a path in a folder "
                                                       "you can write with --db.");
}

int ReadUserVersion(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

int CountTables(SQLite::Database& db) {
    return db.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'table'").getInt();
}

// quick_check's first finding as one line: it may start with "*** in database main ***" and a line break.
std::string OneLine(std::string text) {
    const std::string banner = "*** in database main ***";
    if (text.compare(0, banner.size(), banner) == 0) text.erase(0, banner.size());
    for (char& c : text)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    const size_t first = text.find_first_not_of(' ');
    text = first == std::string::npos ? std::string() : text.substr(first);
    if (text.size() > 160) text = text.substr(0, 157) + "...";
    return text;
}

// Finds damaged pages (zeroed, overwritten, missing) that opening alone would not notice: it walks every b-tree
// but, unlike integrity_check, does not compare indexes with their tables. Measured with a fresh connection: about
// 1 ms on the demo database (350 KB), about 0.1 s on one of 1,000 workshops (69 MB).
void CheckQuick(SQLite::Database& db, const std::string& path) {
    SQLite::Statement check(db, "PRAGMA quick_check(1)");
    if (check.executeStep() && check.getColumn(0).getString() != "ok")
        throw StoreError(StoreError::Kind::Corrupt, "The database " + path + " is damaged (SQLite reports: " +
                                                        OneLine(check.getColumn(0).getString()) +
                                                        "). It was left untouched. Keep a copy of it and restore "
                                                        "the database from a backup.");
}

// Everything that must be true before the program may write: refused files are never changed.
void Inspect(Store::Impl& impl, bool for_writing) {
    auto& db = impl.db;
    if (for_writing && sqlite3_db_readonly(db.getHandle(), "main") == 1)
        throw StoreError(StoreError::Kind::ReadOnly, "The database " + impl.path +
                                                         " is read-only for this user. Copy it to a folder you can "
                                                         "write, or start with --db PATH.");
    const int version = ReadUserVersion(db);
    if (version > kSchemaVersion)
        throw StoreError(StoreError::Kind::NewerVersion,
                         "The database " + impl.path + " was written by a newer cop-kiosk (schema version " +
                             std::to_string(version) + "; this program knows up to " + std::to_string(kSchemaVersion) +
                             "). It was left untouched: update cop-kiosk to open it.");
    if (!for_writing && version == 0 && CountTables(db) == 0)
        throw StoreError(StoreError::Kind::NotADatabase, impl.path + " is empty: it holds no cop-kiosk data yet.");
    if (version == 0 && CountTables(db) > 0)
        throw StoreError(StoreError::Kind::NotADatabase, impl.path +
                                                             " is an SQLite file of another program, not a cop-kiosk "
                                                             "database; it was left untouched.");
    if (version > 0) CheckQuick(db, impl.path);
}

void ApplyPragmas(Store::Impl& impl) {
    auto& db = impl.db;
    db.exec("PRAGMA foreign_keys = ON");
    const std::string mode = db.execAndGet("PRAGMA journal_mode = WAL").getString();
    if (mode != "wal")
        throw StoreError(StoreError::Kind::ReadOnly, "The database " + impl.path +
                                                         " cannot use write-ahead logging (journal mode " + mode +
                                                         "); is its folder writable?");
    db.exec("PRAGMA synchronous = FULL");  // a kiosk may lose power: a returned commit is on disk
    db.exec("PRAGMA secure_delete = ON");  // erased ballot tokens are overwritten, not left in free pages
    // Up to 32 MiB of pages kept in memory (SQLite's default: 2 MiB), taken only as a database needs it. With
    // the default, a poll of 100,000 ballots or a large merge no longer fitted, and reading every page again from
    // the file made the time per ballot grow with the poll (tests/bench/bench_tally.py).
    db.exec("PRAGMA cache_size = -32768");
    // Sorts, and the copy of each page a savepoint keeps to undo a refused row of a merge, in memory rather than
    // in temporary files: a merge wrote one such page per row and page (half a million writes for 100 kiosks).
    db.exec("PRAGMA temp_store = MEMORY");
}

// Version 2: the kiosk PIN and openings, and a stage timer that can be paused and extended. A stage's
// clock so far is what version 1 showed: from first entered to last left, still running for the current
// stage of a running workshop.
void MigrateToVersion2(SQLite::Database& db) {
    db.exec(
        "ALTER TABLE workshop ADD COLUMN kiosk_pin_salt TEXT;"
        "ALTER TABLE workshop ADD COLUMN kiosk_pin_hash TEXT;"
        "ALTER TABLE workshop ADD COLUMN kiosk_roles_open INTEGER NOT NULL DEFAULT 0 CHECK (kiosk_roles_open IN (0, 1));"
        "ALTER TABLE workshop ADD COLUMN kiosk_commitments_open INTEGER NOT NULL DEFAULT 0 "
        "CHECK (kiosk_commitments_open IN (0, 1));"
        "ALTER TABLE workshop_stage ADD COLUMN timer_running_since TEXT;"
        "ALTER TABLE workshop_stage ADD COLUMN timer_elapsed_seconds INTEGER NOT NULL DEFAULT 0 "
        "CHECK (timer_elapsed_seconds >= 0);"
        "ALTER TABLE workshop_stage ADD COLUMN timer_extra_minutes INTEGER NOT NULL DEFAULT 0 "
        "CHECK (timer_extra_minutes >= 0);"
        "UPDATE workshop_stage SET timer_elapsed_seconds = "
        "  max(0, CAST(round((julianday(ended_at) - julianday(started_at)) * 86400) AS INTEGER)) "
        "  WHERE started_at IS NOT NULL AND ended_at IS NOT NULL;"
        "UPDATE workshop_stage SET timer_running_since = started_at "
        "  WHERE started_at IS NOT NULL AND ended_at IS NULL AND EXISTS (SELECT 1 FROM workshop w "
        "  WHERE w.id = workshop_stage.workshop_id AND w.ended_at IS NULL AND w.current_stage = workshop_stage.position);"
        "PRAGMA user_version = 2;");
}

// Version 3: the roster. A member's e-mail address and level of participation (DOMAIN.md: core group,
// active, peripheral), '' when not known. And indexes, so that reading one workshop of a database of
// a thousand does not scan whole tables (an export of every workshop grew with the square of their number).
void MigrateToVersion3(SQLite::Database& db) {
    db.exec(
        "ALTER TABLE member ADD COLUMN email TEXT NOT NULL DEFAULT '';"
        "ALTER TABLE member ADD COLUMN participation TEXT NOT NULL DEFAULT '' "
        "CHECK (participation IN ('', 'core', 'active', 'peripheral'));"
        "CREATE INDEX attendance_by_workshop ON attendance(workshop_id);"
        "CREATE INDEX ballot_by_poll ON ballot(poll_id);"
        "CREATE INDEX anonymous_ballot_by_poll ON anonymous_ballot(poll_id);"
        "CREATE INDEX poll_event_by_poll ON poll_event(poll_id);"
        "CREATE INDEX role_assignment_by_workshop ON role_assignment(workshop_id);"
        "CREATE INDEX rhythm_decision_by_workshop ON rhythm_decision(workshop_id);"
        "CREATE INDEX task_by_stage ON task(workshop_id, stage_key);"
        "CREATE INDEX commitment_by_workshop ON commitment(workshop_id);"
        "CREATE INDEX commitment_by_review ON commitment(reviewed_in_workshop_id);"
        "CREATE INDEX commitment_by_origin ON commitment(carried_from_id);"
        "CREATE INDEX voice_item_by_workshop ON voice_item(workshop_id);"
        "PRAGMA user_version = 3;");
}

// Version 4: two indexes in the order they are read. A tally walks a poll's current ballots in id order from the
// index alone, and so the ballots' entries in their key order; the roster comes in check-in order, unsorted. With
// a poll of 100,000 ballots the time per ballot had grown with the poll (tests/bench/bench_tally.py).
void MigrateToVersion4(SQLite::Database& db) {
    db.exec(
        "DROP INDEX attendance_by_workshop;"
        "CREATE INDEX attendance_by_workshop ON attendance(workshop_id, checked_in_at);"
        "DROP INDEX ballot_by_poll;"
        "CREATE INDEX ballot_by_poll ON ballot(poll_id, superseded_at, id);"
        "PRAGMA user_version = 4;");
}

// Migrations: step N takes a database from user_version N to N+1.
void Migrate(Store::Impl& impl) {
    auto& db = impl.db;
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    const int version = ReadUserVersion(db);  // re-read under the lock: another process may have migrated
    if (version == 0) {
        db.exec(SchemaSql());  // the current schema, whole
        db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
    } else {
        if (version < 2) MigrateToVersion2(db);
        if (version < 3) MigrateToVersion3(db);
        if (version < 4) MigrateToVersion4(db);
    }
    transaction.commit();
}

}  // namespace

Store::Store(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Store::~Store() = default;

SqliteConfigured::SqliteConfigured() {
    // A function-local static runs once, even with threads; sqlite3_config answers SQLITE_MISUSE (ignored) if
    // SQLite was already in use by then.
    static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)configured;
}

std::unique_ptr<Store> Store::Open(const std::string& path) {
    CheckHeader(path);
    const fs::path parent = fs::path(path).parent_path();
    std::error_code error;
    if (!parent.empty() && !fs::is_directory(parent, error))
        throw StoreError(StoreError::Kind::CannotOpen,
                         fs::exists(parent, error)
                             ? parent.string() + " is a file, not a folder: give another path with --db."
                             : "The folder " + parent.string() + " does not exist. Create it, or give another path with --db.");
    CheckWritable(path);
    return Guarded(path, [&] {
        auto impl = std::make_unique<Impl>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        WaitWhileBusy(*impl);
        Inspect(*impl, true);
        ApplyPragmas(*impl);
        Migrate(*impl);
        return std::unique_ptr<Store>(new Store(std::move(impl)));
    });
}

std::unique_ptr<Store> Store::OpenForReading(const std::string& path) {
    CheckHeader(path);
    std::error_code error;
    if (!fs::exists(path, error))
        throw StoreError(StoreError::Kind::CannotOpen, "There is no database at " + path + ".");
    // Where the file and its folder are writable, open read-write (but change nothing): the last connection
    // to close then removes the -wal and -shm side files, where a read-only one would leave them behind.
    const std::string folder = fs::path(path).parent_path().empty() ? "." : fs::path(path).parent_path().string();
    const bool writable = access(path.c_str(), W_OK) == 0 && access(folder.c_str(), W_OK) == 0;
    // In a folder nobody can write, no -wal file can exist beside the database unless one is already there,
    // so no process can be changing it: SQLite may then read it as immutable, needing no -shm file.
    const bool frozen = !writable && access(folder.c_str(), W_OK) != 0 && !fs::exists(path + "-wal", error);
    return Guarded(path, [&] {
        auto impl = frozen ? std::make_unique<Impl>(path, ImmutableUri(path), SQLite::OPEN_READONLY | SQLite::OPEN_URI)
                           : std::make_unique<Impl>(path, writable ? SQLite::OPEN_READWRITE : SQLite::OPEN_READONLY);
        WaitWhileBusy(*impl);
        impl->db.exec("PRAGMA query_only = ON");  // a reader never writes, whatever it is asked
        // Readers (export, list, check) go through whole databases: pages read through a memory map instead of
        // copied into a small page cache, which a large export would otherwise refill again and again.
        impl->db.exec("PRAGMA mmap_size = 268435456");
        Inspect(*impl, false);
        return std::unique_ptr<Store>(new Store(std::move(impl)));
    });
}

const std::string& Store::Path() const { return m_impl->path; }

int Store::SchemaVersion() {
    return Guarded(m_impl->path, [&] { return ReadUserVersion(m_impl->db); });
}

std::vector<std::string> Store::IntegrityProblems() {
    return Guarded(m_impl->path, [&] {
        std::vector<std::string> problems;
        SQLite::Statement check(m_impl->db, "PRAGMA integrity_check");
        while (check.executeStep()) {
            const std::string line = check.getColumn(0).getString();
            if (line != "ok") problems.push_back(line);
        }
        SQLite::Statement keys(m_impl->db, "PRAGMA foreign_key_check");
        while (keys.executeStep())
            problems.push_back("row " + keys.getColumn(1).getString() + " of table " + keys.getColumn(0).getString() +
                               " refers to a missing row of " + keys.getColumn(2).getString());
        return problems;
    });
}

// ---- 3. Communities ------------------------------------------------------------
namespace {
Community ReadCommunity(Stmt& q) {
    return Community{Text(q, "id"), Text(q, "name"), Text(q, "domain"), Text(q, "created_at"), Text(q, "updated_at")};
}
}  // namespace

Community Store::CreateCommunity(const std::string& name, const std::string& domain) {
    const TextCheck checked_name = CheckCommunityName(name);
    if (!checked_name.ok) throw RuleError(checked_name.error);
    const TextCheck checked_domain = CheckDomainStatement(domain);
    if (!checked_domain.ok) throw RuleError(checked_domain.error);
    return Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        auto exists = m_impl->Query("SELECT 1 FROM community WHERE name_key = :key AND archived_at IS NULL");
        exists.bind(":key", NameKey(checked_name.cleaned));
        if (exists.executeStep())
            throw RuleError("A community called \"" + checked_name.cleaned + "\" already exists: pick it from the list.");
        Community community{NewUuid(), checked_name.cleaned, checked_domain.cleaned, NowUtc(), ""};
        community.updated_at = community.created_at;
        auto insert = m_impl->Query(
            "INSERT INTO community (id, name, name_key, domain, created_at, updated_at) "
            "VALUES (:id, :name, :key, :domain, :now, :now)");
        insert.bind(":id", community.id);
        insert.bind(":name", community.name);
        insert.bind(":key", NameKey(community.name));
        insert.bind(":domain", community.domain);
        insert.bind(":now", community.created_at);
        insert.exec();
        transaction.commit();
        return community;
    });
}

std::vector<Community> Store::ListCommunities() {
    return Guarded(m_impl->path, [&] {
        std::vector<Community> communities;
        auto q = m_impl->Query(
            "SELECT id, name, domain, created_at, updated_at FROM community WHERE archived_at IS NULL "
            "ORDER BY name_key");
        while (q.executeStep()) communities.push_back(ReadCommunity(q));
        return communities;
    });
}

Community Store::GetCommunity(const std::string& id) {
    return Guarded(m_impl->path, [&] {
        auto q = m_impl->Query("SELECT id, name, domain, created_at, updated_at FROM community WHERE id = :id");
        q.bind(":id", id);
        if (!q.executeStep()) throw NotFound("community", id);
        return ReadCommunity(q);
    });
}

void Store::SetCommunityDomain(const std::string& id, const std::string& domain) {
    const TextCheck checked = CheckDomainStatement(domain);
    if (!checked.ok) throw RuleError(checked.error);
    Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        auto q = m_impl->Query("UPDATE community SET domain = :domain, updated_at = :now WHERE id = :id");
        q.bind(":domain", checked.cleaned);
        q.bind(":now", NowUtc());
        q.bind(":id", id);
        if (q.exec() == 0) throw NotFound("community", id);
        transaction.commit();
    });
}

// ---- 4. Workshops and stages ---------------------------------------------------
namespace {
constexpr const char* kWorkshopColumns =
    "id, community_id, kind, template_key, template_name, previous_workshop_id, current_stage, started_at, ended_at, "
    "kiosk_pin_hash IS NOT NULL AS has_pin, kiosk_roles_open, kiosk_commitments_open";

}  // namespace

// Marks the stage at `position` as left at `now`; its clock stops, keeping the time it ran.
void LeaveStage(Store::Impl& impl, const std::string& workshop_id, int position, const std::string& now) {
    StopTimerWithin(impl, workshop_id, position, now);
    auto leave = impl.Query(
        "UPDATE workshop_stage SET ended_at = :now, updated_at = :now WHERE workshop_id = :w AND position = :pos");
    leave.bind(":now", now);
    leave.bind(":w", workshop_id);
    leave.bind(":pos", position);
    leave.exec();
}

// The audit trail of polls. `member_id` is empty for anything that must not name a person.
void RecordPollEvent(Store::Impl& impl, const std::string& poll_id, const std::string& action,
                     const std::string& member_id, const std::string& now) {
    auto event = impl.Query(
        "INSERT INTO poll_event (id, poll_id, action, member_id, at) VALUES (:id, :poll, :action, :member, :now)");
    event.bind(":id", NewTimeOrderedUuid());  // its time is on record (at)
    event.bind(":poll", poll_id);
    event.bind(":action", action);
    if (member_id.empty()) event.bind(":member"); else event.bind(":member", member_id);
    event.bind(":now", now);
    event.exec();
}

namespace {
Workshop ReadWorkshop(Stmt& q) {
    Workshop w;
    w.id = Text(q, "id");
    w.community_id = Text(q, "community_id");
    w.kind = Text(q, "kind");
    w.template_key = Text(q, "template_key");
    w.template_name = Text(q, "template_name");
    w.previous_workshop_id = Text(q, "previous_workshop_id");
    w.current_stage = q.getColumn("current_stage").getInt();
    w.started_at = Text(q, "started_at");
    w.ended_at = Text(q, "ended_at");
    w.has_kiosk_pin = q.getColumn("has_pin").getInt() != 0;
    w.kiosk_roles_open = q.getColumn("kiosk_roles_open").getInt() != 0;
    w.kiosk_commitments_open = q.getColumn("kiosk_commitments_open").getInt() != 0;
    return w;
}
}  // namespace

Workshop Store::StartWorkshop(const std::string& community_id, const Template& tmpl, const std::string& kiosk_pin) {
    if (tmpl.stages.empty()) throw RuleError("The template " + tmpl.source + " has no stages.");
    if (!kiosk_pin.empty() && !PinProblem(kiosk_pin).empty()) throw RuleError(PinProblem(kiosk_pin));
    return Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        GetCommunity(community_id);
        auto running = m_impl->Query(
            "SELECT started_at FROM workshop WHERE community_id = :c AND ended_at IS NULL AND archived_at IS NULL");
        running.bind(":c", community_id);
        if (running.executeStep())
            throw RuleError("This community already has a workshop in progress (started " + Text(running, "started_at") +
                            "): resume it, or finish it first.");
        auto latest = m_impl->Query(
            "SELECT id FROM workshop WHERE community_id = :c AND archived_at IS NULL "
            "ORDER BY started_at DESC LIMIT 1");
        latest.bind(":c", community_id);
        const std::string previous = latest.executeStep() ? Text(latest, "id") : std::string();

        const std::string now = NowUtc();
        Workshop w;
        w.id = NewUuid();
        w.community_id = community_id;
        w.kind = tmpl.workshop_kind;
        w.template_key = tmpl.key;
        w.template_name = tmpl.name;
        w.previous_workshop_id = previous;
        w.current_stage = 0;
        w.started_at = now;
        auto insert = m_impl->Query(
            "INSERT INTO workshop (id, community_id, kind, template_key, template_name, previous_workshop_id, "
            "current_stage, started_at, created_at, updated_at) "
            "VALUES (:id, :c, :kind, :tkey, :tname, :prev, 0, :now, :now, :now)");
        insert.bind(":id", w.id);
        insert.bind(":c", community_id);
        insert.bind(":kind", w.kind);
        insert.bind(":tkey", w.template_key);
        insert.bind(":tname", w.template_name);
        if (previous.empty()) insert.bind(":prev"); else insert.bind(":prev", previous);
        insert.bind(":now", now);
        insert.exec();
        auto stage = m_impl->Query(
            "INSERT INTO workshop_stage (id, workshop_id, position, key, title, prompt, kind, planned_minutes, dots, "
            "started_at, timer_running_since, created_at, updated_at) "
            "VALUES (:id, :w, :pos, :key, :title, :prompt, :kind, :minutes, :dots, :started, :started, :now, :now)");
        for (size_t i = 0; i < tmpl.stages.size(); ++i) {
            const TemplateStage& s = tmpl.stages[i];
            stage.reset();
            stage.clearBindings();
            stage.bind(":id", NewUuid());
            stage.bind(":w", w.id);
            stage.bind(":pos", static_cast<int>(i));
            stage.bind(":key", s.key);
            stage.bind(":title", s.title);
            stage.bind(":prompt", s.prompt);
            stage.bind(":kind", ToString(s.kind));
            stage.bind(":minutes", s.planned_minutes);
            stage.bind(":dots", s.dots);
            if (i == 0) stage.bind(":started", now); else stage.bind(":started");
            stage.bind(":now", now);
            stage.exec();
        }
        const std::vector<RoleDefinition>& roles = tmpl.roles.empty() ? DefaultRoles() : tmpl.roles;
        for (size_t i = 0; i < roles.size(); ++i) {
            auto role = m_impl->Query(
                "INSERT INTO workshop_role (workshop_id, key, title, description, position) "
                "VALUES (:w, :key, :title, :description, :pos)");
            role.bind(":w", w.id);
            role.bind(":key", roles[i].key);
            role.bind(":title", roles[i].title);
            role.bind(":description", roles[i].description);
            role.bind(":pos", static_cast<int>(i));
            role.exec();
        }
        // A renewal starts from what the previous workshop decided: its role holders and its rhythm.
        if (!previous.empty()) CopyDecisionsWithin(*m_impl, previous, w.id, now);
        if (!kiosk_pin.empty()) {
            SetKioskPinWithin(*m_impl, w.id, kiosk_pin, now);
            w.has_kiosk_pin = true;
        }
        transaction.commit();
        return w;
    });
}

Workshop Store::GetWorkshop(const std::string& id) {
    return Guarded(m_impl->path, [&] {
        static const std::string sql = std::string("SELECT ") + kWorkshopColumns + " FROM workshop WHERE id = :id";
        auto q = m_impl->Query(sql.c_str());
        q.bind(":id", id);
        if (!q.executeStep()) throw NotFound("workshop", id);
        return ReadWorkshop(q);
    });
}

std::vector<WorkshopSummary> Store::ListWorkshops() {
    return Guarded(m_impl->path, [&] {
        std::vector<WorkshopSummary> list;
        auto q = m_impl->Query(
            "SELECT w.id, w.community_id, w.kind, w.template_key, w.template_name, w.previous_workshop_id, "
            "w.current_stage, w.started_at, w.ended_at, w.kiosk_pin_hash IS NOT NULL AS has_pin, w.kiosk_roles_open, "
            "w.kiosk_commitments_open, c.name AS community_name, "
            "(SELECT count(*) FROM attendance a WHERE a.workshop_id = w.id AND a.retracted_at IS NULL) AS people "
            "FROM workshop w JOIN community c ON c.id = w.community_id WHERE w.archived_at IS NULL "
            "ORDER BY w.started_at DESC, w.id");
        while (q.executeStep())
            list.push_back(WorkshopSummary{ReadWorkshop(q), Text(q, "community_name"), q.getColumn("people").getInt()});
        return list;
    });
}

std::vector<Workshop> Store::WorkshopsOf(const std::string& community_id) {
    return Guarded(m_impl->path, [&] {
        std::vector<Workshop> list;
        static const std::string sql = std::string("SELECT ") + kWorkshopColumns +
                                       " FROM workshop WHERE community_id = :c AND archived_at IS NULL "
                                       "ORDER BY started_at DESC, id";
        auto q = m_impl->Query(sql.c_str());
        q.bind(":c", community_id);
        while (q.executeStep()) list.push_back(ReadWorkshop(q));
        return list;
    });
}

std::optional<Workshop> Store::LatestWorkshop() {
    return Guarded(m_impl->path, [&]() -> std::optional<Workshop> {
        static const std::string sql = std::string("SELECT ") + kWorkshopColumns +
                                       " FROM workshop WHERE archived_at IS NULL ORDER BY started_at DESC, id LIMIT 1";
        auto q = m_impl->Query(sql.c_str());
        if (!q.executeStep()) return std::nullopt;
        return ReadWorkshop(q);
    });
}

std::vector<Stage> Store::StagesOf(const std::string& workshop_id) {
    return Guarded(m_impl->path, [&] {
        std::vector<Stage> stages;
        auto q = m_impl->Query(
            "SELECT position, key, title, prompt, kind, planned_minutes, dots, started_at, ended_at, "
            "timer_running_since, timer_elapsed_seconds, timer_extra_minutes "
            "FROM workshop_stage WHERE workshop_id = :w ORDER BY position");
        q.bind(":w", workshop_id);
        while (q.executeStep()) {
            Stage s;
            s.position = q.getColumn("position").getInt();
            s.key = Text(q, "key");
            s.title = Text(q, "title");
            s.prompt = Text(q, "prompt");
            s.kind = StageKindFromString(Text(q, "kind")).value_or(StageKind::Domain);
            s.planned_minutes = q.getColumn("planned_minutes").getInt();
            s.dots = q.getColumn("dots").getInt();
            s.started_at = Text(q, "started_at");
            s.ended_at = Text(q, "ended_at");
            s.timer_running_since = Text(q, "timer_running_since");
            s.timer_elapsed_seconds = q.getColumn("timer_elapsed_seconds").getInt64();
            s.timer_extra_minutes = q.getColumn("timer_extra_minutes").getInt();
            stages.push_back(s);
        }
        return stages;
    });
}

Workshop Store::GoToStage(const std::string& workshop_id, int position) {
    return Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        Workshop w = GetWorkshop(workshop_id);
        if (!w.IsRunning()) throw RuleError("This workshop is finished; its stages can be reviewed but not changed.");
        auto count = m_impl->Query("SELECT count(*) AS n FROM workshop_stage WHERE workshop_id = :w");
        count.bind(":w", workshop_id);
        count.executeStep();
        const StageNavigation nav{count.getColumn("n").getInt(), w.current_stage};
        if (position < 0 || position >= nav.stage_count)
            throw RuleError("There is no stage " + std::to_string(position + 1) + " in this workshop.");
        if (position == w.current_stage) return w;
        const std::string now = NowUtc();
        LeaveStage(*m_impl, workshop_id, w.current_stage, now);
        auto enter = m_impl->Query(
            "UPDATE workshop_stage SET started_at = COALESCE(started_at, :now), ended_at = NULL, "
            "timer_running_since = :now, updated_at = :now WHERE workshop_id = :w AND position = :pos");
        enter.bind(":now", now);
        enter.bind(":w", workshop_id);
        enter.bind(":pos", position);
        enter.exec();
        auto move = m_impl->Query("UPDATE workshop SET current_stage = :pos, updated_at = :now WHERE id = :w");
        move.bind(":pos", position);
        move.bind(":now", now);
        move.bind(":w", workshop_id);
        move.exec();
        transaction.commit();
        w.current_stage = position;
        return w;
    });
}

Workshop Store::FinishWorkshop(const std::string& workshop_id) {
    return Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        Workshop w = GetWorkshop(workshop_id);
        if (!w.IsRunning()) return w;
        const std::string now = NowUtc();
        LeaveStage(*m_impl, workshop_id, w.current_stage, now);
        // Votes still open end with the workshop: no ballot can arrive after the outcome is final.
        auto open_polls = m_impl->Query("SELECT id FROM poll WHERE workshop_id = :w AND status = 'open'");
        open_polls.bind(":w", workshop_id);
        std::vector<std::string> to_close;
        while (open_polls.executeStep()) to_close.push_back(Text(open_polls, "id"));
        open_polls.reset();
        std::vector<std::string> anonymous;
        for (const auto& poll_id : to_close) {
            ClosePollWithin(*m_impl, poll_id, now);
            if (GetPoll(poll_id).anonymous) anonymous.push_back(poll_id);
        }
        auto finish = m_impl->Query("UPDATE workshop SET ended_at = :now, updated_at = :now WHERE id = :w");
        finish.bind(":now", now);
        finish.bind(":w", workshop_id);
        finish.exec();
        transaction.commit();
        ForgetPollKeys(*m_impl, anonymous);
        w.ended_at = now;
        return w;
    });
}

void Store::BackdateWorkshop(const std::string& workshop_id, const std::string& started_at, const std::string& ended_at,
                             const std::vector<std::pair<std::string, std::string>>& stage_stamps) {
    Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        auto w = m_impl->Query("UPDATE workshop SET started_at = :s, ended_at = :e, created_at = :s, updated_at = :e WHERE id = :w");
        w.bind(":s", started_at);
        if (ended_at.empty()) w.bind(":e", started_at); else w.bind(":e", ended_at);
        w.bind(":w", workshop_id);
        if (w.exec() == 0) throw NotFound("workshop", workshop_id);
        if (ended_at.empty()) {
            auto reopen = m_impl->Query("UPDATE workshop SET ended_at = NULL WHERE id = :w");
            reopen.bind(":w", workshop_id);
            reopen.exec();
        }
        for (size_t i = 0; i < stage_stamps.size(); ++i) {
            auto s = m_impl->Query(
                "UPDATE workshop_stage SET started_at = :s, ended_at = :e, updated_at = COALESCE(:e, :s), "
                "timer_running_since = CASE WHEN :e IS NULL THEN :s END, "
                "timer_elapsed_seconds = CASE WHEN :e IS NULL THEN 0 "
                "  ELSE max(0, CAST(round((julianday(:e) - julianday(:s)) * 86400) AS INTEGER)) END "
                "WHERE workshop_id = :w AND position = :pos");
            if (stage_stamps[i].first.empty()) s.bind(":s"); else s.bind(":s", stage_stamps[i].first);
            if (stage_stamps[i].second.empty()) s.bind(":e"); else s.bind(":e", stage_stamps[i].second);
            s.bind(":w", workshop_id);
            s.bind(":pos", static_cast<int>(i));
            s.exec();
        }
        transaction.commit();
    });
}

// ---- 5. Participants -----------------------------------------------------------
Participant Store::CheckIn(const std::string& workshop_id, const std::string& name) {
    const TextCheck checked = CheckPersonName(name);
    if (!checked.ok) throw RuleError(checked.error);
    return Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        const Workshop w = GetWorkshop(workshop_id);
        if (!w.IsRunning()) throw RuleError("This workshop is finished: nobody can check in any more.");
        const std::string key = NameKey(checked.cleaned);
        const std::string now = NowUtc();
        auto find = m_impl->Query(
            "SELECT id, name FROM member WHERE community_id = :c AND name_key = :key AND archived_at IS NULL");
        find.bind(":c", w.community_id);
        find.bind(":key", key);
        Participant p;
        if (find.executeStep()) {
            p.id = Text(find, "id");
            p.name = Text(find, "name");
        } else {
            p.id = NewUuid();
            p.name = checked.cleaned;
            auto insert = m_impl->Query(
                "INSERT INTO member (id, community_id, name, name_key, created_at, updated_at) "
                "VALUES (:id, :c, :name, :key, :now, :now)");
            insert.bind(":id", p.id);
            insert.bind(":c", w.community_id);
            insert.bind(":name", p.name);
            insert.bind(":key", key);
            insert.bind(":now", now);
            insert.exec();
        }
        auto here = m_impl->Query(
            "SELECT 1 FROM attendance WHERE workshop_id = :w AND member_id = :m AND retracted_at IS NULL");
        here.bind(":w", workshop_id);
        here.bind(":m", p.id);
        if (here.executeStep()) throw RuleError(p.name + " is already checked in.");
        auto attend = m_impl->Query(
            "INSERT INTO attendance (id, workshop_id, member_id, checked_in_at, created_at, updated_at) "
            "VALUES (:id, :w, :m, :now, :now, :now)");
        attend.bind(":id", NewUuid());
        attend.bind(":w", workshop_id);
        attend.bind(":m", p.id);
        attend.bind(":now", now);
        attend.exec();
        transaction.commit();
        p.checked_in_at = now;
        return p;
    });
}

void Store::CheckOut(const std::string& workshop_id, const std::string& member_id) {
    Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        auto q = m_impl->Query(
            "UPDATE attendance SET retracted_at = :now, updated_at = :now "
            "WHERE workshop_id = :w AND member_id = :m AND retracted_at IS NULL");
        q.bind(":now", NowUtc());
        q.bind(":w", workshop_id);
        q.bind(":m", member_id);
        if (q.exec() == 0) throw RuleError("That person is not checked in.");
        transaction.commit();
    });
}

std::vector<Participant> Store::ParticipantsOf(const std::string& workshop_id) {
    return Guarded(m_impl->path, [&] {
        std::vector<Participant> people;
        auto q = m_impl->Query(
            "SELECT m.id, m.name, a.checked_in_at FROM attendance a JOIN member m ON m.id = a.member_id "
            "WHERE a.workshop_id = :w AND a.retracted_at IS NULL ORDER BY a.checked_in_at, a.rowid");
        q.bind(":w", workshop_id);
        while (q.executeStep()) people.push_back(Participant{Text(q, "id"), Text(q, "name"), Text(q, "checked_in_at")});
        return people;
    });
}

bool Store::IsCheckedIn(const std::string& workshop_id, const std::string& member_id) {
    return Guarded(m_impl->path, [&] {
        auto q = m_impl->Query(
            "SELECT 1 FROM attendance WHERE workshop_id = :w AND member_id = :m AND retracted_at IS NULL");
        q.bind(":w", workshop_id);
        q.bind(":m", member_id);
        return q.executeStep();
    });
}

// ---- 6. Polls, roles, rhythm, tasks, commitments, voice: store_polls.cpp and store_decisions.cpp

// ---- Reading many things at once ------------------------------------------------
Store::ReadScope::ReadScope(Store& store) : m_store(store) {
    Guarded(store.m_impl->path, [&] { store.m_impl->db.exec("BEGIN DEFERRED"); });
}

Store::ReadScope::~ReadScope() {
    try {
        m_store.m_impl->db.exec("COMMIT");  // nothing was written: this only ends the read
    } catch (...) {
    }
}

// ---- 7. Change detection -------------------------------------------------------
long long Store::DataVersion() {
    return Guarded(m_impl->path, [&] {
        auto q = m_impl->Query("PRAGMA data_version");
        q.executeStep();
        return q.getColumn(0).getInt64();
    });
}

}  // namespace facilitation

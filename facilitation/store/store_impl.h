// The store's internals, shared by its source files (store.cpp, store_polls.cpp, store_decisions.cpp).
// Private to facilitation/store: nothing outside it includes this file.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "facilitation/store/store.h"

namespace facilitation {

// A prepared statement in use. Resetting it when the scope ends matters: a statement left mid-step
// holds its read snapshot open, hiding other processes' commits and blocking WAL checkpoints.
class Stmt {
public:
    explicit Stmt(SQLite::Statement& statement) : m_statement(statement) {}
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    ~Stmt() {
        try {
            m_statement.reset();
        } catch (...) {
        }
    }
    template <typename... Args>
    void bind(Args&&... args) { m_statement.bind(std::forward<Args>(args)...); }
    bool executeStep() { return m_statement.executeStep(); }
    int exec() { return m_statement.exec(); }
    void reset() { m_statement.reset(); }
    void clearBindings() { m_statement.clearBindings(); }
    SQLite::Column getColumn(const char* name) { return m_statement.getColumn(name); }
    SQLite::Column getColumn(int index) { return m_statement.getColumn(index); }

private:
    SQLite::Statement& m_statement;
};

struct BusyWait;  // how long this connection has waited for another's lock (store.cpp)

// Set once, before the first connection opens: SQLite's allocation statistics, which take a global mutex on
// every allocation (a ballot's commit makes hundreds) and which nothing here reads, are turned off.
struct SqliteConfigured {
    SqliteConfigured();
};

struct Store::Impl {
    SqliteConfigured configured;  // first: before `db` opens
    std::string path;
    SQLite::Database db;
    std::shared_ptr<BusyWait> busy_wait;  // the busy handler's state; shared_ptr: an incomplete type here
    // Prepared once, reused: keyed by the SQL text's address (each query is a string literal).
    std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>> statements;

    // NOMUTEX: each connection is used by one thread at a time (the one that opened it), so SQLite need not lock
    // the connection around every call.
    Impl(const std::string& path_, int flags) : path(path_), db(path_, flags | SQLITE_OPEN_NOMUTEX, 5000) {}
    Impl(const std::string& path_, const std::string& uri, int flags)
        : path(path_), db(uri, flags | SQLITE_OPEN_NOMUTEX, 5000) {}

    Stmt Query(const char* sql) {
        auto it = statements.find(sql);
        if (it == statements.end()) {
            it = statements.emplace(sql, std::make_unique<SQLite::Statement>(db, sql)).first;
        } else {
            it->second->reset();
            it->second->clearBindings();
        }
        return Stmt(*it->second);
    }
};

// A text column, empty when NULL.
inline std::string Text(Stmt& statement, const char* column) {
    const SQLite::Column value = statement.getColumn(column);
    return value.isNull() ? std::string() : value.getString();
}

// Turns SQLite's error codes into StoreError kinds with messages fit for the screen.
StoreError Translate(const SQLite::Exception& error, const std::string& path);

// Runs `body`, turning SQLite's exceptions into StoreError; domain errors pass through.
template <typename Body>
auto Guarded(const std::string& path, Body&& body) -> decltype(body()) {
    try {
        return body();
    } catch (const SQLite::Exception& error) {
        throw Translate(error, path);
    }
}

// "file:/path?immutable=1" (percent-encoded): SQLite reads the file as is, with no lock and no -wal or -shm file.
std::string ImmutableUri(const std::string& path);

inline StoreError NotFound(const std::string& what, const std::string& id) {
    return StoreError(StoreError::Kind::NotFound, "No " + what + " with id " + id + " in this database.");
}

// Stops the clock of the stage at `position`, adding the time it ran (store_room.cpp).
void StopTimerWithin(Store::Impl& impl, const std::string& workshop_id, int position, const std::string& now);
// Stores the salted hash of a (valid) kiosk PIN for the workshop (store_room.cpp).
void SetKioskPinWithin(Store::Impl& impl, const std::string& workshop_id, const std::string& pin, const std::string& now);
// Marks the stage at `position` as left at `now`.
void LeaveStage(Store::Impl& impl, const std::string& workshop_id, int position, const std::string& now);
// The audit trail of polls. `member_id` is empty for anything that must not name a person.
void RecordPollEvent(Store::Impl& impl, const std::string& poll_id, const std::string& action,
                     const std::string& member_id, const std::string& now);

// Closes a poll inside the caller's transaction: status, audit trail, and for an anonymous poll the
// erasure of every ballot token and of the key that made them.
void ClosePollWithin(Store::Impl& impl, const std::string& poll_id, const std::string& now);
// After anonymous polls closed and the transaction committed: their keys are destroyed and the erased
// tokens pushed out of the write-ahead log.
void ForgetPollKeys(Store::Impl& impl, const std::vector<std::string>& poll_ids);
void CheckpointQuietly(Store::Impl& impl);
// Copies the role holders (those still in the community) and rhythm decisions of `from` into `to`.
void CopyDecisionsWithin(Store::Impl& impl, const std::string& from, const std::string& to, const std::string& now);

}  // namespace facilitation

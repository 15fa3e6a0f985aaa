// Merging the databases of several kiosks into one (cop-kiosk merge). Sections:
//   1. Cells and rows: any table's values, read and written without knowing their types
//   2. The tables: keys, references to members and communities, the unique rules among current rows
//   3. Snapshots of the sources (never changed)
//   4. Merging one table of one source
//   5. Store::MergeFrom
//
// The rules (README, "Merging kiosks"):
// - a row is found by its UUID (its natural key where a table has none); not here: added; here with an older
//   updated_at: replaced (the newer version wins); here with a newer or equal one: skipped; the same updated_at
//   with a different content: a conflict, this database's version kept.
// - rows with no timestamps never change once written (ballot entries, who voted, audit events, a workshop's
//   roles): a different one under the same key is a conflict. An anonymous ballot only ever becomes superseded
//   and loses its token: the merge keeps superseded if either side says so, and never copies a token.
// - two rows that the database's unique rules make one thing (one community per name, one member per name in a
//   community, one check-in per member and workshop, one current ballot per voter and poll, one holder per role,
//   one task per title) are both kept, whichever order the sources come in: the earliest created stays current
//   (for ballots the latest cast, as a second vote replaces the first), the other is marked archived, retracted or
//   superseded. A member or community that is kept as a duplicate hands every reference over to the current one.
#include "facilitation/store/store.h"

#include "facilitation/store/store_impl.h"

#include <SQLiteCpp/Backup.h>

#include <stdlib.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <system_error>
#include <unordered_map>

namespace facilitation {
namespace fs = std::filesystem;

namespace {

// ---- 1. Cells and rows ---------------------------------------------------------------------
struct Cell {
    int type = SQLITE_NULL;
    long long integer = 0;
    double real = 0;
    std::string text;  // TEXT or BLOB
    bool IsNull() const { return type == SQLITE_NULL; }
    bool operator==(const Cell& other) const {
        return type == other.type && integer == other.integer && real == other.real && text == other.text;
    }
    bool operator!=(const Cell& other) const { return !(*this == other); }
};
using Row = std::vector<Cell>;

Cell TextCell(const std::string& text) {
    Cell cell;
    cell.type = SQLITE_TEXT;
    cell.text = text;
    return cell;
}

Cell ReadCell(const SQLite::Column& column) {
    Cell cell;
    cell.type = column.getType();
    switch (cell.type) {
        case SQLITE_INTEGER: cell.integer = column.getInt64(); break;
        case SQLITE_FLOAT: cell.real = column.getDouble(); break;
        case SQLITE_TEXT: cell.text = column.getString(); break;
        case SQLITE_BLOB:
            cell.text.assign(static_cast<const char*>(column.getBlob()), static_cast<size_t>(column.getBytes()));
            break;
        default: break;
    }
    return cell;
}

template <typename Statement>  // SQLite::Statement, or Stmt (store_impl.h)
void BindCell(Statement& statement, int index, const Cell& cell) {
    switch (cell.type) {
        case SQLITE_INTEGER: statement.bind(index, static_cast<int64_t>(cell.integer)); break;
        case SQLITE_FLOAT: statement.bind(index, cell.real); break;
        case SQLITE_TEXT: statement.bind(index, cell.text); break;
        case SQLITE_BLOB: statement.bind(index, cell.text.data(), static_cast<int>(cell.text.size())); break;
        default: statement.bind(index); break;
    }
}

std::string Show(const Cell& cell) {
    if (cell.type == SQLITE_INTEGER) return std::to_string(cell.integer);
    if (cell.IsNull()) return "NULL";
    return cell.text;
}

// ---- 2. The tables -----------------------------------------------------------------------------
enum class Prefer { Nothing, Earliest, Latest };

struct TableRule {
    std::string table;
    std::vector<std::string> key;  // the primary key
    std::string order;             // how the source is read: parents before children
    bool timestamped = true;       // has updated_at
    std::vector<std::string> member_refs, community_refs;
    // Unique among the current rows (marker NULL), and which of two rows stays current.
    std::vector<std::string> natural;
    std::string marker;
    Prefer prefer = Prefer::Nothing;
};

const std::vector<TableRule>& Rules() {
    static const std::vector<TableRule> rules = {
        {"community", {"id"}, "created_at, id", true, {}, {}, {"name_key"}, "archived_at", Prefer::Earliest},
        {"member", {"id"}, "created_at, id", true, {}, {"community_id"}, {"community_id", "name_key"}, "archived_at",
         Prefer::Earliest},
        {"workshop", {"id"}, "started_at, id", true, {}, {"community_id"}, {}, "", Prefer::Nothing},
        {"workshop_stage", {"id"}, "workshop_id, position", true, {}, {}, {}, "", Prefer::Nothing},
        {"attendance", {"id"}, "created_at, id", true, {"member_id"}, {}, {"workshop_id", "member_id"}, "retracted_at",
         Prefer::Earliest},
        {"poll", {"id"}, "created_at, id", true, {}, {}, {}, "", Prefer::Nothing},
        {"poll_option", {"id"}, "poll_id, position, id", true, {}, {}, {}, "", Prefer::Nothing},
        {"ballot", {"id"}, "created_at, id", true, {"voter_id"}, {}, {"poll_id", "voter_id"}, "superseded_at",
         Prefer::Latest},
        {"anonymous_ballot", {"id"}, "id", false, {}, {}, {}, "", Prefer::Nothing},
        {"ballot_entry", {"ballot_id", "option_key"}, "ballot_id, option_key", false, {}, {}, {}, "", Prefer::Nothing},
        {"poll_voter", {"poll_id", "member_id"}, "poll_id, member_id", false, {"member_id"}, {}, {}, "", Prefer::Nothing},
        {"poll_event", {"id"}, "at, id", false, {"member_id"}, {}, {}, "", Prefer::Nothing},
        {"workshop_role", {"workshop_id", "key"}, "workshop_id, position", false, {}, {}, {}, "", Prefer::Nothing},
        {"role_assignment", {"id"}, "created_at, id", true, {"member_id"}, {}, {"workshop_id", "role_key", "member_id"},
         "retracted_at", Prefer::Earliest},
        {"rhythm_decision", {"id"}, "created_at, id", true, {"convener_id"}, {}, {}, "", Prefer::Nothing},
        {"task", {"id"}, "created_at, id", true, {}, {}, {"workshop_id", "stage_key", "title_key"}, "retracted_at",
         Prefer::Earliest},
        {"commitment", {"id"}, "created_at, id", true, {}, {}, {}, "", Prefer::Nothing},
        {"commitment_member", {"commitment_id", "member_id"}, "commitment_id, member_id", false, {"member_id"}, {}, {},
         "", Prefer::Nothing},
        {"voice_item", {"id"}, "created_at, id", true, {}, {}, {}, "", Prefer::Nothing},
    };
    return rules;
}

std::vector<std::string> ColumnsOf(SQLite::Database& db, const std::string& table) {
    std::vector<std::string> columns;
    SQLite::Statement info(db, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
    info.bind(1, table);
    while (info.executeStep()) columns.push_back(info.getColumn(0).getString());
    return columns;
}

std::string Join(const std::vector<std::string>& parts, const std::string& separator, const std::string& suffix = "") {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? separator : "") + parts[i] + suffix;
    return out;
}

// ---- 3. Snapshots of the sources -------------------------------------------------------------------
// A folder under the system's temporary folder, removed with everything in it (snapshots hold ballot tokens
// of polls still open: they must not outlive the merge).
class ScratchFolder {
public:
    ScratchFolder() {
        std::string pattern = (fs::temp_directory_path() / "cop-kiosk-merge-XXXXXX").string();
        std::vector<char> buffer(pattern.begin(), pattern.end());
        buffer.push_back('\0');
        if (!mkdtemp(buffer.data()))
            throw StoreError(StoreError::Kind::CannotOpen, "Cannot create a temporary folder for the merge.");
        m_path = buffer.data();
    }
    ~ScratchFolder() {
        std::error_code ignored;
        fs::remove_all(m_path, ignored);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    const fs::path& Path() const { return m_path; }

private:
    fs::path m_path;
};

// Copies `source` into `copy` through SQLite's backup API, from a read-only connection: a consistent snapshot
// even while a kiosk writes, and the source's bytes never change. The copy is then opened as a store, which
// brings an older schema up to date in the copy only.
std::unique_ptr<Store> Snapshot(const std::string& source, const std::string& central, const fs::path& copy) {
    std::error_code error;
    if (!fs::exists(source, error)) throw StoreError(StoreError::Kind::CannotOpen, "There is no database at " + source + ".");
    if (!fs::is_regular_file(source, error))
        throw StoreError(StoreError::Kind::CannotOpen, source + " is not a database file.");
    if (fs::exists(central, error) && fs::equivalent(source, central, error))
        throw StoreError(StoreError::Kind::Other, source + " is the database being merged into: name another kiosk's file.");
    {
        std::ifstream file(source, std::ios::binary);
        char header[16] = {};
        file.read(header, sizeof header);
        if (!file || std::memcmp(header, "SQLite format 3", 16) != 0)
            throw StoreError(StoreError::Kind::NotADatabase,
                             source + " is not a cop-kiosk database (not an SQLite file); nothing was merged.");
    }
    Guarded(source, [&] {
        // With no -wal file beside it, no kiosk is writing the source and all of it is in the file: read it as
        // immutable, so no -wal or -shm file is created beside it. With one, read through it, as SQLite must.
        const bool writer_active = fs::exists(source + "-wal", error);
        SQLite::Database reader(writer_active ? source : ImmutableUri(source),
                                SQLite::OPEN_READONLY | (writer_active ? 0 : SQLite::OPEN_URI), 5000);
        const int version = reader.execAndGet("PRAGMA user_version").getInt();
        if (version > kSchemaVersion)
            throw StoreError(StoreError::Kind::NewerVersion,
                             source + " was written by a newer cop-kiosk (schema version " + std::to_string(version) +
                                 "; this program knows up to " + std::to_string(kSchemaVersion) +
                                 "): update cop-kiosk to merge it; nothing was merged.");
        if (version == 0)
            throw StoreError(StoreError::Kind::NotADatabase,
                             source + " is not a cop-kiosk database (no schema version); nothing was merged.");
        SQLite::Database writer(copy.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        // A scratch copy, removed after the merge: flushing it to disk protects nothing, and cost several syncs
        // per source.
        writer.exec("PRAGMA journal_mode = OFF");
        writer.exec("PRAGMA synchronous = OFF");
        SQLite::Backup backup(writer, reader);
        backup.executeStep();
    });
    try {
        return Store::Open(copy.string());
    } catch (const StoreError& failure) {
        throw StoreError(failure.kind, "The copy of " + source + " could not be read: " + failure.what());
    }
}

// ---- 4. Merging one table of one source -------------------------------------------------------------
// Statements on the central database, each prepared once per merge and reused for every row (reset when its Stmt
// goes out of scope). Preparing one per row, parsing its SQL every time, was most of a merge's work.
class Statements {
public:
    explicit Statements(SQLite::Database& db) : m_db(db) {}
    Stmt Get(const std::string& sql) {
        auto it = m_cache.find(sql);
        if (it == m_cache.end()) {
            it = m_cache.emplace(sql, std::make_unique<SQLite::Statement>(m_db, sql)).first;
        } else {
            it->second->reset();
            it->second->clearBindings();
        }
        return Stmt(*it->second);
    }

private:
    SQLite::Database& m_db;
    std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> m_cache;
};

std::string Short(const std::string& id) { return id.size() > 8 ? id.substr(0, 8) : id; }

class TableMerger {
public:
    TableMerger(SQLite::Database& central, Statements& statements, SQLite::Database& source, const TableRule& rule,
                const std::string& source_name, std::map<std::string, std::string>& members,
                std::map<std::string, std::string>& communities, Store::MergeReport& report)
        : m_statements(statements), m_source(source), m_rule(rule), m_source_name(source_name), m_members(members),
          m_communities(communities), m_report(report), m_columns(ColumnsOf(central, rule.table)) {
        for (size_t i = 0; i < m_columns.size(); ++i) m_index[m_columns[i]] = static_cast<int>(i);
    }

    Store::MergeCounts Run() {
        std::vector<Row> rows;
        {
            SQLite::Statement read(m_source, "SELECT " + Join(m_columns, ", ") + " FROM " + m_rule.table + " ORDER BY " +
                                                 m_rule.order);
            while (read.executeStep()) {
                Row row;
                for (int i = 0; i < static_cast<int>(m_columns.size()); ++i) row.push_back(ReadCell(read.getColumn(i)));
                rows.push_back(std::move(row));
            }
        }
        // A row whose parent comes later in the same table (a commitment carried from one made at the same
        // instant) is tried again after the others, as long as that helps.
        for (;;) {
            std::vector<Row> waiting;
            std::vector<std::string> reasons;
            for (Row& row : rows) {
                std::string failure;
                if (!MergeRow(row, failure)) {
                    waiting.push_back(row);
                    reasons.push_back(failure);
                }
            }
            if (waiting.empty()) break;
            if (waiting.size() == rows.size()) {
                for (size_t i = 0; i < waiting.size(); ++i)
                    Conflict(waiting[i], "not added: it would break a rule of the database (" + reasons[i] + ")");
                break;
            }
            rows = std::move(waiting);
        }
        return m_counts;
    }

private:
    int At(const std::string& column) const { return m_index.at(column); }
    Cell& Get(Row& row, const std::string& column) const { return row[static_cast<size_t>(At(column))]; }
    const Cell& Get(const Row& row, const std::string& column) const { return row[static_cast<size_t>(At(column))]; }

    std::string KeyText(const Row& row) const {
        std::string text;
        for (const auto& k : m_rule.key) text += (text.empty() ? "" : "/") + Short(Show(Get(row, k)));
        return text;
    }

    void Conflict(const Row& row, const std::string& reason) {
        ++m_counts.conflicts;
        m_report.conflicts.push_back(m_rule.table + " " + KeyText(row) + " of " + m_source_name + ": " + reason);
    }

    void MapReferences(Row& row) const {
        for (const auto& column : m_rule.member_refs) {
            Cell& cell = Get(row, column);
            if (cell.type == SQLITE_TEXT)
                if (auto it = m_members.find(cell.text); it != m_members.end()) cell.text = it->second;
        }
        for (const auto& column : m_rule.community_refs) {
            Cell& cell = Get(row, column);
            if (cell.type == SQLITE_TEXT)
                if (auto it = m_communities.find(cell.text); it != m_communities.end()) cell.text = it->second;
        }
    }

    std::optional<Row> Select(const std::string& where, const std::vector<std::pair<std::string, Cell>>& binds,
                              const Row* exclude = nullptr) {
        std::string sql = "SELECT " + Join(m_columns, ", ") + " FROM " + m_rule.table + " WHERE " + where;
        if (exclude) sql += " AND NOT (" + Join(m_rule.key, " AND ", " = ?") + ")";
        auto q = m_statements.Get(sql);
        int index = 1;
        for (const auto& bind : binds) BindCell(q, index++, bind.second);
        if (exclude)
            for (const auto& k : m_rule.key) BindCell(q, index++, Get(*exclude, k));
        if (!q.executeStep()) return std::nullopt;
        Row row;
        for (int i = 0; i < static_cast<int>(m_columns.size()); ++i) row.push_back(ReadCell(q.getColumn(i)));
        return row;
    }

    std::optional<Row> Find(const Row& row) {
        std::vector<std::pair<std::string, Cell>> binds;
        for (const auto& k : m_rule.key) binds.emplace_back(k, Get(row, k));
        return Select(Join(m_rule.key, " AND ", " = ?"), binds);
    }

    // The current row here that the unique rule makes the same thing as `row` (another key), if any.
    std::optional<Row> Twin(const Row& row) {
        if (m_rule.natural.empty() || !Get(row, m_rule.marker).IsNull()) return std::nullopt;
        std::vector<std::pair<std::string, Cell>> binds;
        for (const auto& n : m_rule.natural) binds.emplace_back(n, Get(row, n));
        return Select(Join(m_rule.natural, " AND ", " = ?") + " AND " + m_rule.marker + " IS NULL", binds, &row);
    }

    bool Prefers(const Row& a, const Row& b) const {  // whether a stays current rather than b
        const std::string ca = Get(a, "created_at").text, cb = Get(b, "created_at").text;
        const std::string ia = Get(a, "id").text, ib = Get(b, "id").text;
        if (m_rule.prefer == Prefer::Latest) return ca != cb ? ca > cb : ia > ib;
        return ca != cb ? ca < cb : ia < ib;
    }

    // When the loser stopped being current: when the later of the two came into being. For ballots that is
    // the winner (the later vote); otherwise the loser (the later check-in, the later copy of a name).
    Cell MarkerValue(const Row& winner, const Row& loser) const {
        return Get(m_rule.prefer == Prefer::Latest ? winner : loser, "created_at");
    }

    void Execute(const std::string& sql, const std::vector<Cell>& values) {
        auto statement = m_statements.Get(sql);
        for (size_t i = 0; i < values.size(); ++i) BindCell(statement, static_cast<int>(i) + 1, values[i]);
        statement.exec();
    }

    void Insert(const Row& row) {
        Execute("INSERT INTO " + m_rule.table + " (" + Join(m_columns, ", ") + ") VALUES (" +
                    Join(std::vector<std::string>(m_columns.size(), "?"), ", ") + ")",
                row);
    }

    void Update(const Row& row) {
        std::vector<Cell> values = row;
        for (const auto& k : m_rule.key) values.push_back(Get(row, k));
        Execute("UPDATE " + m_rule.table + " SET " + Join(m_columns, ", ", " = ?") + " WHERE " +
                    Join(m_rule.key, " AND ", " = ?"),
                values);
    }

    void SetMarker(const Row& row, const Cell& value) {
        std::vector<Cell> values = {value};
        for (const auto& k : m_rule.key) values.push_back(Get(row, k));
        Execute("UPDATE " + m_rule.table + " SET " + m_rule.marker + " = ? WHERE " + Join(m_rule.key, " AND ", " = ?"),
                values);
    }

    // Every reference to the member or community `from` now names `to`.
    void HandOver(const std::string& from, const std::string& to) {
        const bool member = m_rule.table == "member";
        for (const TableRule& other : Rules())
            for (const auto& column : member ? other.member_refs : other.community_refs)
                Execute("UPDATE " + other.table + " SET " + column + " = ? WHERE " + column + " = ?",
                        {TextCell(to), TextCell(from)});
    }

    // Applies the unique rule to `row` before it is written: it loses (gets its marker) or the twin here does.
    void Settle(Row& row) {
        const std::optional<Row> twin = Twin(row);
        if (!twin) return;
        ++m_counts.duplicates;
        const bool row_wins = Prefers(row, *twin);
        const Row& winner = row_wins ? row : *twin;
        const Row& loser = row_wins ? *twin : row;
        m_report.duplicates.push_back(m_rule.table + " " + Short(Get(row, "id").text) + " of " + m_source_name + " and " +
                                      Short(Get(*twin, "id").text) + " here are one (" + Join(m_rule.natural, ", ") +
                                      "): " + Short(Get(winner, "id").text) + " stays current");
        if (row_wins) {
            SetMarker(*twin, MarkerValue(winner, loser));
            m_handover = Get(*twin, "id").text;
        } else {
            Get(row, m_rule.marker) = MarkerValue(winner, loser);
        }
    }

    // Where references to a source's member or community go: the current row of its name here.
    void Remember(const Row& source_row) {
        if (m_rule.table != "member" && m_rule.table != "community") return;
        auto& map = m_rule.table == "member" ? m_members : m_communities;
        const std::string id = Get(source_row, "id").text;
        std::optional<Row> here = Find(source_row);
        if (!here) return;  // not merged (a conflict): references to it fail on their own
        if (Get(*here, m_rule.marker).IsNull()) {
            map[id] = id;
            return;
        }
        std::vector<std::pair<std::string, Cell>> binds;
        for (const auto& n : m_rule.natural) binds.emplace_back(n, Get(*here, n));
        const auto current = Select(Join(m_rule.natural, " AND ", " = ?") + " AND " + m_rule.marker + " IS NULL", binds);
        map[id] = current ? Get(*current, "id").text : id;
    }

    // Merges one row inside its own savepoint. False (nothing changed) when a rule of the database refused it.
    bool MergeRow(Row row, std::string& failure) {
        MapReferences(row);
        if (m_rule.table == "ballot_entry") {
            const Cell& ballot = Get(row, "ballot_id");
            auto parent = m_statements.Get(
                "SELECT 1 FROM ballot WHERE id = ?1 UNION ALL SELECT 1 FROM anonymous_ballot WHERE id = ?1");
            BindCell(parent, 1, ballot);
            if (!parent.executeStep()) {
                failure = "its ballot is not in this database";
                return false;
            }
        }
        m_handover.clear();
        // A savepoint per row: a row that a rule refuses leaves nothing behind (not even its twin's marker).
        m_statements.Get("SAVEPOINT merge_row").exec();
        try {
            MergeRowWithin(row);
            if (!m_handover.empty()) HandOver(m_handover, Get(row, "id").text);
            m_statements.Get("RELEASE merge_row").exec();
        } catch (const SQLite::Exception& error) {
            if (error.getErrorCode() != SQLITE_CONSTRAINT) throw;
            m_statements.Get("ROLLBACK TO merge_row").exec();
            m_statements.Get("RELEASE merge_row").exec();
            failure = error.what();
            return false;
        }
        Remember(row);
        return true;
    }

    void MergeRowWithin(Row& row) {
        const std::optional<Row> here = Find(row);
        if (m_rule.table == "anonymous_ballot") {
            // Never a token: it is a keyed hash of a voter whose key stays with the source's own database.
            if (!here) {
                Get(row, "token") = Cell();
                Insert(row);
                ++m_counts.added;
                return;
            }
            Row merged = *here;
            if (Get(row, "superseded").integer == 1) Get(merged, "superseded") = Get(row, "superseded");
            if (Get(row, "token").IsNull()) Get(merged, "token") = Cell();
            if (merged == *here) {
                ++m_counts.skipped;
            } else {
                Update(merged);
                ++m_counts.updated;
            }
            return;
        }
        if (!here) {
            Settle(row);
            Insert(row);
            ++m_counts.added;
            return;
        }
        if (!m_rule.timestamped) {
            if (row == *here) ++m_counts.skipped;
            else Conflict(row, "a different version under the same key; this database's version kept");
            return;
        }
        const std::string theirs = Get(row, "updated_at").text, ours = Get(*here, "updated_at").text;
        if (theirs > ours) {
            Settle(row);
            Update(row);
            ++m_counts.updated;
        } else if (theirs < ours || row == *here || SettledCopy(row, *here)) {
            ++m_counts.skipped;
        } else {
            Conflict(row, "a different version changed at the same time (" + ours + "); this database's version kept");
        }
    }

    // Whether `here` is `row` as an earlier merge settled it: the same but for the marker the unique rule set.
    bool SettledCopy(const Row& row, const Row& here) const {
        if (m_rule.marker.empty() || !Get(row, m_rule.marker).IsNull() || Get(here, m_rule.marker).IsNull()) return false;
        Row copy = row;
        copy[static_cast<size_t>(At(m_rule.marker))] = Get(here, m_rule.marker);
        return copy == here;
    }

    Statements& m_statements;
    SQLite::Database& m_source;
    const TableRule& m_rule;
    std::string m_source_name;
    std::map<std::string, std::string>& m_members;
    std::map<std::string, std::string>& m_communities;
    Store::MergeReport& m_report;
    std::vector<std::string> m_columns;
    std::map<std::string, int> m_index;
    Store::MergeCounts m_counts;
    std::string m_handover;  // the twin that lost to the row being written, whose references move to it
};

}  // namespace

// ---- 5. Store::MergeFrom -------------------------------------------------------------------------
std::vector<Store::MergeReport> Store::MergeFrom(const std::vector<std::string>& source_paths) {
    ScratchFolder scratch;
    // Every source is checked and copied before anything is written: one refused source merges nothing.
    std::vector<std::unique_ptr<Store>> copies;
    for (size_t i = 0; i < source_paths.size(); ++i)
        copies.push_back(Snapshot(source_paths[i], m_impl->path, scratch.Path() / ("source-" + std::to_string(i) + ".db")));
    return Guarded(m_impl->path, [&] {
        std::vector<MergeReport> reports;
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        Statements statements(m_impl->db);
        for (size_t i = 0; i < copies.size(); ++i) {
            MergeReport report;
            report.source = source_paths[i];
            std::map<std::string, std::string> members, communities;
            for (const TableRule& rule : Rules()) {
                TableMerger merger(m_impl->db, statements, copies[i]->m_impl->db, rule,
                                   fs::path(source_paths[i]).filename().string(), members, communities, report);
                report.tables.emplace_back(rule.table, merger.Run());
            }
            reports.push_back(std::move(report));
        }
        transaction.commit();
        return reports;
    });
}

}  // namespace facilitation

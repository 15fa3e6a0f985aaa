// Shared by the store tests: the launch template, a community with a running workshop, and SQLite file facts.
#pragma once
#include <sqlite3.h>

#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "facilitation/domain/time_util.h"
#include "facilitation/model.h"
#include "facilitation/store/store.h"
#include "facilitation/templates.h"
#include "temp_dir.h"

namespace copk_test {

inline facilitation::Template LaunchTemplate() {
    return facilitation::LoadTemplate(COPK_TEST_DATA_DIR "/templates", "launch");
}

inline std::string StageCheckKey(const facilitation::Template& t) {
    for (const auto& s : t.stages)
        if (s.kind == facilitation::StageKind::StageCheck) return s.key;
    throw std::runtime_error("the template has no stage check");
}

inline const char* KindName(facilitation::StoreError::Kind kind) {
    using K = facilitation::StoreError::Kind;
    switch (kind) {
        case K::CannotOpen: return "CannotOpen";
        case K::NotADatabase: return "NotADatabase";
        case K::Corrupt: return "Corrupt";
        case K::NewerVersion: return "NewerVersion";
        case K::ReadOnly: return "ReadOnly";
        case K::Busy: return "Busy";
        case K::NotFound: return "NotFound";
        case K::Other: return "Other";
    }
    return "?";
}

// A store file in a temporary folder with one community and a launch workshop started.
struct RunningWorkshop {
    TempDir dir;
    std::string path = dir.File("kiosk.db");
    facilitation::Template launch = LaunchTemplate();
    std::unique_ptr<facilitation::Store> store = facilitation::Store::Open(path);
    facilitation::Community community =
        store->CreateCommunity("Water engineers", "How we keep rivers clean, and why it matters now.");
    facilitation::Workshop workshop = store->StartWorkshop(community.id, launch);
};

inline std::string ReadFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error("cannot read " + path);
    return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

// Today as the store dates things (UTC), moved by `days`, as YYYY-MM-DD.
inline std::string IsoDayFromToday(int days) {
    facilitation::CivilDate today;
    if (!facilitation::CivilDate::Parse(facilitation::NowUtc().substr(0, 10), today))
        throw std::runtime_error("NowUtc() does not start with a date");
    return facilitation::AddDays(today, days).Iso();
}

// Direct SQLite access, to set up files the store must refuse and to check what it wrote.
class RawDb {
public:
    explicit RawDb(const std::string& path, int flags = SQLITE_OPEN_READWRITE) {
        if (sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
            const std::string message = m_db ? sqlite3_errmsg(m_db) : "out of memory";
            sqlite3_close(m_db);
            throw std::runtime_error("sqlite3_open_v2 " + path + ": " + message);
        }
    }
    ~RawDb() { sqlite3_close(m_db); }
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;

    void Exec(const std::string& sql) {
        char* error = nullptr;
        if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            const std::string message = error ? error : "?";
            sqlite3_free(error);
            throw std::runtime_error(sql + ": " + message);
        }
    }
    // The first column of the first row, as text ("" when no row).
    std::string Text(const std::string& sql) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
            throw std::runtime_error(sql + ": " + sqlite3_errmsg(m_db));
        std::string result;
        if (sqlite3_step(stmt) == SQLITE_ROW) {
            const unsigned char* text = sqlite3_column_text(stmt, 0);
            result = text ? reinterpret_cast<const char*>(text) : "";
        }
        sqlite3_finalize(stmt);
        return result;
    }
    // The first column of every row (nullopt for NULL).
    std::vector<std::optional<std::string>> Column(const std::string& sql) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
            throw std::runtime_error(sql + ": " + sqlite3_errmsg(m_db));
        std::vector<std::optional<std::string>> values;
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            const unsigned char* text = sqlite3_column_text(stmt, 0);
            if (text) values.emplace_back(reinterpret_cast<const char*>(text));
            else values.emplace_back(std::nullopt);
        }
        sqlite3_finalize(stmt);
        return values;
    }
    // Whether `sql` compiles at all (e.g. selecting the rowid of a WITHOUT ROWID table does not).
    bool Prepares(const std::string& sql) {
        sqlite3_stmt* stmt = nullptr;
        const int rc = sqlite3_prepare_v2(m_db, sql.c_str(), -1, &stmt, nullptr);
        sqlite3_finalize(stmt);
        return rc == SQLITE_OK;
    }
    sqlite3* Handle() { return m_db; }

private:
    sqlite3* m_db = nullptr;
};

}  // namespace copk_test

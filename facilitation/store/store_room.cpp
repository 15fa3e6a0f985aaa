// The room's shared state that every role follows: the current stage's countdown, the facilitator's kiosk
// PIN and what the kiosk offers. Sections: 1. timer · 2. kiosk PIN · 3. kiosk openings.
#include <algorithm>
#include <cstdint>
#include <string>

#include "facilitation/domain/room.h"
#include "facilitation/domain/time_util.h"
#include "facilitation/store/store.h"
#include "facilitation/store/store_impl.h"

namespace facilitation {

// ---- 1. Timer ------------------------------------------------------------------------
void StopTimerWithin(Store::Impl& impl, const std::string& workshop_id, int position, const std::string& now) {
    auto read = impl.Query(
        "SELECT timer_running_since FROM workshop_stage WHERE workshop_id = :w AND position = :pos");
    read.bind(":w", workshop_id);
    read.bind(":pos", position);
    if (!read.executeStep()) return;
    const std::string since = Text(read, "timer_running_since");
    read.reset();
    if (since.empty()) return;
    auto stop = impl.Query(
        "UPDATE workshop_stage SET timer_elapsed_seconds = timer_elapsed_seconds + :ran, timer_running_since = NULL, "
        "updated_at = :now WHERE workshop_id = :w AND position = :pos");
    stop.bind(":ran", static_cast<int64_t>(std::max(0LL, SecondsBetween(since, now))));
    stop.bind(":now", now);
    stop.bind(":w", workshop_id);
    stop.bind(":pos", position);
    stop.exec();
}

namespace {
enum class TimerAction { Start, Pause, Restart, Extend };

Stage ChangeTimer(Store& store, Store::Impl& impl, const std::string& workshop_id, TimerAction action, int minutes) {
    SQLite::Transaction transaction(impl.db, SQLite::TransactionBehavior::IMMEDIATE);
    const Workshop w = store.GetWorkshop(workshop_id);
    if (!w.IsRunning()) throw RuleError("This workshop is finished: its clock has stopped.");
    const std::string now = NowUtc();
    const int position = w.current_stage;
    auto run = [&](const char* sql) {
        auto q = impl.Query(sql);
        q.bind(":now", now);
        q.bind(":w", workshop_id);
        q.bind(":pos", position);
        q.exec();
    };
    switch (action) {
        case TimerAction::Start:
            run("UPDATE workshop_stage SET timer_running_since = COALESCE(timer_running_since, :now), updated_at = :now "
                "WHERE workshop_id = :w AND position = :pos");
            break;
        case TimerAction::Pause: StopTimerWithin(impl, workshop_id, position, now); break;
        case TimerAction::Restart:
            run("UPDATE workshop_stage SET timer_running_since = :now, timer_elapsed_seconds = 0, timer_extra_minutes = 0, "
                "updated_at = :now WHERE workshop_id = :w AND position = :pos");
            break;
        case TimerAction::Extend: {
            if (minutes <= 0) throw RuleError("Add at least one minute.");
            auto q = impl.Query(
                "UPDATE workshop_stage SET timer_extra_minutes = timer_extra_minutes + :m, updated_at = :now "
                "WHERE workshop_id = :w AND position = :pos AND timer_extra_minutes + :m <= :most");
            q.bind(":m", minutes);
            q.bind(":now", now);
            q.bind(":w", workshop_id);
            q.bind(":pos", position);
            q.bind(":most", kTimerMostExtraMinutes);
            if (q.exec() == 0)
                throw RuleError("This stage already has " + std::to_string(kTimerMostExtraMinutes / 60) +
                                " hours added; move on, or restart its clock.");
            break;
        }
    }
    transaction.commit();
    for (const Stage& stage : store.StagesOf(workshop_id))
        if (stage.position == position) return stage;
    throw NotFound("stage", std::to_string(position + 1));
}
}  // namespace

Stage Store::StartTimer(const std::string& workshop_id) {
    return Guarded(m_impl->path, [&] { return ChangeTimer(*this, *m_impl, workshop_id, TimerAction::Start, 0); });
}
Stage Store::PauseTimer(const std::string& workshop_id) {
    return Guarded(m_impl->path, [&] { return ChangeTimer(*this, *m_impl, workshop_id, TimerAction::Pause, 0); });
}
Stage Store::RestartTimer(const std::string& workshop_id) {
    return Guarded(m_impl->path, [&] { return ChangeTimer(*this, *m_impl, workshop_id, TimerAction::Restart, 0); });
}
Stage Store::ExtendTimer(const std::string& workshop_id, int minutes) {
    return Guarded(m_impl->path, [&] { return ChangeTimer(*this, *m_impl, workshop_id, TimerAction::Extend, minutes); });
}

// ---- 2. Kiosk PIN ----------------------------------------------------------------------
void SetKioskPinWithin(Store::Impl& impl, const std::string& workshop_id, const std::string& pin, const std::string& now) {
    const std::string problem = PinProblem(pin);
    if (!problem.empty()) throw RuleError(problem);
    const std::string salt = NewPinSalt();
    auto q = impl.Query(
        "UPDATE workshop SET kiosk_pin_salt = :salt, kiosk_pin_hash = :hash, updated_at = :now WHERE id = :w");
    q.bind(":salt", salt);
    q.bind(":hash", HashPin(salt, pin));
    q.bind(":now", now);
    q.bind(":w", workshop_id);
    if (q.exec() == 0) throw NotFound("workshop", workshop_id);
}

void Store::SetKioskPin(const std::string& workshop_id, const std::string& pin) {
    Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        if (!GetWorkshop(workshop_id).IsRunning()) throw RuleError("This workshop is finished: its PIN stays as it was.");
        SetKioskPinWithin(*m_impl, workshop_id, pin, NowUtc());
        transaction.commit();
    });
}

bool Store::CheckKioskPin(const std::string& workshop_id, const std::string& pin) {
    return Guarded(m_impl->path, [&] {
        auto q = m_impl->Query("SELECT kiosk_pin_salt, kiosk_pin_hash FROM workshop WHERE id = :w");
        q.bind(":w", workshop_id);
        if (!q.executeStep()) throw NotFound("workshop", workshop_id);
        const std::string salt = Text(q, "kiosk_pin_salt");
        const std::string hash = Text(q, "kiosk_pin_hash");
        q.reset();
        if (hash.empty() || !PinProblem(pin).empty()) return false;
        // Compared in full, not stopping at the first difference.
        const std::string given = HashPin(salt, pin);
        unsigned difference = given.size() ^ hash.size();
        for (size_t i = 0; i < given.size() && i < hash.size(); ++i) difference |= static_cast<unsigned>(given[i] ^ hash[i]);
        return difference == 0;
    });
}

// ---- 3. Kiosk openings -------------------------------------------------------------------
Workshop Store::SetKioskOpenings(const std::string& workshop_id, bool roles_open, bool commitments_open) {
    return Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        if (!GetWorkshop(workshop_id).IsRunning()) throw RuleError("This workshop is finished: the kiosk is closed.");
        auto q = m_impl->Query(
            "UPDATE workshop SET kiosk_roles_open = :r, kiosk_commitments_open = :c, updated_at = :now WHERE id = :w");
        q.bind(":r", roles_open ? 1 : 0);
        q.bind(":c", commitments_open ? 1 : 0);
        q.bind(":now", NowUtc());
        q.bind(":w", workshop_id);
        q.exec();
        transaction.commit();
        return GetWorkshop(workshop_id);
    });
}

}  // namespace facilitation

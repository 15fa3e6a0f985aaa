// The roster: finding a community by name, a community's members, and importing a roster in one transaction.
#include "facilitation/store/store.h"

#include "facilitation/store/store_impl.h"

#include "facilitation/domain/names.h"
#include "facilitation/domain/time_util.h"
#include "facilitation/domain/uuid.h"

namespace facilitation {

std::optional<Community> Store::FindCommunity(const std::string& name_or_id) {
    for (const Community& c : ListCommunities()) {
        if (c.id == name_or_id) return c;
    }
    const TextCheck wanted = CheckName(name_or_id, "community name", 1000);
    if (!wanted.ok) return std::nullopt;
    for (const Community& c : ListCommunities())
        if (NameKey(c.name) == NameKey(wanted.cleaned)) return c;
    return std::nullopt;
}

std::vector<Member> Store::MembersOf(const std::string& community_id) {
    return Guarded(m_impl->path, [&] {
        std::vector<Member> members;
        auto q = m_impl->Query(
            "SELECT id, community_id, name, email, participation, created_at, updated_at FROM member "
            "WHERE community_id = :c AND archived_at IS NULL ORDER BY name_key, id");
        q.bind(":c", community_id);
        while (q.executeStep())
            members.push_back(Member{Text(q, "id"), Text(q, "community_id"), Text(q, "name"), Text(q, "email"),
                                     Text(q, "participation"), Text(q, "created_at"), Text(q, "updated_at")});
        return members;
    });
}

Store::RosterResult Store::ImportRoster(const std::string& community_id, const std::vector<RosterRow>& rows) {
    return Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        GetCommunity(community_id);
        const std::string now = NowUtc();
        RosterResult result;
        for (const RosterRow& row : rows) {
            const std::string key = NameKey(row.name);
            auto find = m_impl->Query(
                "SELECT id, email, participation FROM member "
                "WHERE community_id = :c AND name_key = :key AND archived_at IS NULL");
            find.bind(":c", community_id);
            find.bind(":key", key);
            if (find.executeStep()) {
                const std::string id = Text(find, "id");
                const std::string email = row.email.value_or(Text(find, "email"));
                const std::string level = row.participation.value_or(Text(find, "participation"));
                const bool same = email == Text(find, "email") && level == Text(find, "participation");
                find.reset();
                if (same) {
                    ++result.unchanged;
                    continue;
                }
                auto update = m_impl->Query(
                    "UPDATE member SET email = :email, participation = :level, updated_at = :now WHERE id = :id");
                update.bind(":email", email);
                update.bind(":level", level);
                update.bind(":now", now);
                update.bind(":id", id);
                update.exec();
                ++result.updated;
                continue;
            }
            find.reset();
            auto insert = m_impl->Query(
                "INSERT INTO member (id, community_id, name, name_key, created_at, updated_at, email, participation) "
                "VALUES (:id, :c, :name, :key, :now, :now, :email, :level)");
            insert.bind(":id", NewUuid());
            insert.bind(":c", community_id);
            insert.bind(":name", row.name);
            insert.bind(":key", key);
            insert.bind(":now", now);
            insert.bind(":email", row.email.value_or(""));
            insert.bind(":level", row.participation.value_or(""));
            insert.exec();
            ++result.added;
        }
        transaction.commit();
        return result;
    });
}

}  // namespace facilitation

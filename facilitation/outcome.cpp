#include "facilitation/outcome.h"

#include <filesystem>
#include <fstream>

#include "facilitation/domain/uuid.h"

namespace facilitation {
namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {
json NullIfEmpty(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }
}  // namespace

json BuildOutcome(Store& store, const std::string& workshop_id) {
    const Workshop w = store.GetWorkshop(workshop_id);
    const Community c = store.GetCommunity(w.community_id);
    json outcome;
    outcome["format"] = kOutcomeFormat;
    outcome["community"] = {{"id", c.id}, {"name", c.name}, {"domain", c.domain}};
    outcome["workshop"] = {{"id", w.id},
                           {"kind", w.kind},
                           {"template", w.template_key},
                           {"started_at", w.started_at},
                           {"ended_at", NullIfEmpty(w.ended_at)}};
    json participants = json::array();
    for (const Participant& p : store.ParticipantsOf(w.id)) participants.push_back({{"id", p.id}, {"name", p.name}});
    outcome["participants"] = participants;
    json stages = json::array();
    for (const Stage& s : store.StagesOf(w.id))
        stages.push_back({{"key", s.key},
                          {"title", s.title},
                          {"kind", ToString(s.kind)},
                          {"started_at", NullIfEmpty(s.started_at)},
                          {"ended_at", NullIfEmpty(s.ended_at)}});
    outcome["stages"] = stages;
    json polls = json::array();
    for (const Poll& poll : store.PollsOf(w.id)) {
        const Tally tally = store.TallyOf(poll.id);
        json options = json::array();
        for (const OptionCount& option : tally.options)
            options.push_back({{"key", option.key}, {"label", option.label}, {"votes", option.votes}});
        polls.push_back({{"id", poll.id},
                         {"stage", poll.stage_key},
                         {"kind", poll.kind},
                         {"question", poll.question},
                         {"anonymous", poll.anonymous},
                         {"status", ToString(poll.status)},
                         {"ballots", tally.ballots},
                         {"options", options}});
    }
    outcome["polls"] = polls;
    return outcome;
}

std::string WriteOutcomeFiles(Store& store, const std::string& workshop_id, const std::string& out_dir) {
    const json outcome = BuildOutcome(store, workshop_id);
    std::error_code error;
    fs::create_directories(out_dir, error);
    if (error) throw Error("Cannot create the folder " + out_dir + ": " + error.message());
    const fs::path target = fs::path(out_dir) / "outcome.json";
    const fs::path temporary = fs::path(out_dir) / (".outcome.json." + NewUuid() + ".tmp");
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        if (!file) throw Error("Cannot write into " + out_dir + ": check that the folder is writable.");
        file << outcome.dump(2) << '\n';
        file.flush();
        if (!file) {
            fs::remove(temporary, error);
            throw Error("Writing " + target.string() + " failed (is the disk full?).");
        }
    }
    fs::rename(temporary, target, error);
    if (error) {
        fs::remove(temporary, error);
        throw Error("Cannot replace " + target.string() + ": " + error.message());
    }
    return target.string();
}

}  // namespace facilitation

// Benchmark helper (scripts/bench): how long after a kiosk's ballot is committed the projector has redrawn it.
//   copk_bench_room setup DB PEOPLE          a running workshop, PEOPLE checked in, its stage-check vote open;
//                                            prints the poll id and the member ids, one per line
//   copk_bench_room cast DB POLL DUMP MEMBER...  for each member: commit their ballot through the store (as the
//                                            kiosk does), then wait until the projector's layout dump shows the
//                                            new count; prints one latency in milliseconds per ballot
// The projector is the real program (--role projector --layout-dump DUMP); its dump is rewritten right after
// the frame that shows the change, so the time to the new dump is the time to the redraw.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "facilitation/model.h"
#include "facilitation/paths.h"
#include "facilitation/store/store.h"
#include "facilitation/templates.h"

using namespace facilitation;
using Clock = std::chrono::steady_clock;

namespace {
std::string ReadAll(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

int Setup(const std::string& db, int people) {
    auto store = Store::Open(db);
    const Community community = store->CreateCommunity("Latency bench", "How fast the room sees a ballot.");
    const Template launch = LoadTemplate(TemplatesDir(), "launch");
    const Workshop workshop = store->StartWorkshop(community.id, launch);
    std::vector<std::string> ids;
    for (int i = 0; i < people; ++i) ids.push_back(store->CheckIn(workshop.id, "Person " + std::to_string(i + 1)).id);
    for (const Stage& stage : store->StagesOf(workshop.id))
        if (stage.kind == StageKind::StageCheck) {
            store->GoToStage(workshop.id, stage.position);
            const Poll poll = store->EnsureStageCheckPoll(workshop.id, stage.key);
            store->OpenPoll(poll.id);
            std::cout << poll.id << "\n";
            for (const auto& id : ids) std::cout << id << "\n";
            return 0;
        }
    std::cerr << "the launch template has no stage check\n";
    return 1;
}

int Cast(const std::string& db, const std::string& poll_id, const std::string& dump, const std::vector<std::string>& members) {
    auto store = Store::Open(db);
    const char* choices[] = {"discovering", "coalescing", "committing", "stewarding", "renewing"};
    for (size_t i = 0; i < members.size(); ++i) {
        const std::string expected = std::to_string(i + 1) + " of ";
        const auto start = Clock::now();
        store->CastBallot(poll_id, members[i], choices[i % 5]);
        const auto committed = Clock::now();
        // Wait (with a deadline) for the projector's dump to say "<n> of": 0.2 ms between looks.
        while (ReadAll(dump).find("\"" + expected) == std::string::npos &&
               ReadAll(dump).find(" " + expected) == std::string::npos) {
            if (Clock::now() - committed > std::chrono::seconds(10)) {
                std::cerr << "the projector did not show ballot " << i + 1 << " within 10 s\n";
                return 1;
            }
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
        const auto seen = Clock::now();
        std::printf("%.2f %.2f\n", std::chrono::duration<double, std::milli>(seen - committed).count(),
                    std::chrono::duration<double, std::milli>(committed - start).count());
        std::fflush(stdout);
        // Let the projector settle back to idle before the next ballot, as between two people at a kiosk.
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    return 0;
}
}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (args.size() == 3 && args[0] == "setup") return Setup(args[1], std::stoi(args[2]));
        if (args.size() >= 5 && args[0] == "cast")
            return Cast(args[1], args[2], args[3], std::vector<std::string>(args.begin() + 4, args.end()));
    } catch (const std::exception& error) {
        std::cerr << "copk_bench_room: " << error.what() << "\n";
        return 1;
    }
    std::cerr << "usage: copk_bench_room setup DB PEOPLE | cast DB POLL DUMP MEMBER...\n";
    return 2;
}

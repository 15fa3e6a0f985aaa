// Sections: formats · loading a workshop · outcome.json · slugs and folder names · writing files ·
// the communities index · running an export.
#include "facilitation/export/export.h"

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <exception>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "facilitation/domain/names.h"
#include "facilitation/domain/uuid.h"
#include "facilitation/export/csv.h"
#include "facilitation/outcome.h"

namespace facilitation::exporting {
namespace fs = std::filesystem;

// ---- Formats -------------------------------------------------------------------
bool ParseFormats(const std::string& text, FormatSet& out, std::string& error) {
    FormatSet set{false, false, false, false, false};
    std::string name;
    bool any = false;
    auto take = [&](std::string word) {
        word.erase(0, word.find_first_not_of(' '));
        word.erase(word.find_last_not_of(' ') + 1);
        std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::tolower(c); });
        if (word == "csv") set.csv = true;
        else if (word == "json") set.json = true;
        else if (word == "md") set.md = true;
        else if (word == "html") set.html = true;
        else if (word == "ics") set.ics = true;
        else {
            error = "--format: unknown format \"" + word + "\"; the formats are " + kValidFormats +
                    " (comma-separated, e.g. --format csv,html).";
            return false;
        }
        any = true;
        return true;
    };
    for (char c : text) {
        if (c == ',') {
            if (!take(name)) return false;
            name.clear();
        } else {
            name += c;
        }
    }
    if (!take(name)) return false;
    if (!any) {
        error = std::string("--format: name at least one format among ") + kValidFormats + ".";
        return false;
    }
    out = set;
    return true;
}

// ---- Loading a workshop -----------------------------------------------------------
ExportData LoadExportData(Store& store, const std::string& workshop_id, const WorkshopRecord* previous,
                          WorkshopRecord* as_loaded) {
    ExportData data;
    // Each workshop is loaded once (and a renewal's previous one once more, for what changed since, unless the
    // caller has it already).
    data.record = LoadWorkshopRecord(store, workshop_id);
    const std::string& previous_id = data.record.workshop.previous_workshop_id;
    if (data.record.workshop.kind == "renewal" && !previous_id.empty()) {
        if (previous && previous->workshop.id == previous_id) data.changes = CompareWorkshops(*previous, data.record);
        else data.changes = CompareWorkshops(LoadWorkshopRecord(store, previous_id), data.record);
    }
    data.outcome = BuildOutcome(data.record, data.changes ? &*data.changes : nullptr);
    if (as_loaded) *as_loaded = data.record;
    // The store orders a stage's polls by creation time, and a tasks stage creates its three in the same
    // millisecond: the readable formats use a fixed order instead (energy, importance, then dots), so two
    // exports of one workshop always agree. outcome.json keeps the order it has always had.
    auto stage_position = [&](const std::string& key) {
        for (const Stage& s : data.record.stages)
            if (s.key == key) return s.position;
        return 1 << 20;
    };
    auto purpose_rank = [](const std::string& purpose) {
        static const std::vector<std::string> order = {"main", "health", "energy", "importance", "dots"};
        const auto it = std::find(order.begin(), order.end(), purpose);
        return static_cast<int>(it - order.begin());
    };
    std::stable_sort(data.record.polls.begin(), data.record.polls.end(), [&](const PollRecord& a, const PollRecord& b) {
        const int sa = stage_position(a.poll.stage_key), sb = stage_position(b.poll.stage_key);
        if (sa != sb) return sa < sb;
        const int pa = purpose_rank(a.poll.purpose), pb = purpose_rank(b.poll.purpose);
        return pa != pb ? pa < pb : a.poll.purpose < b.poll.purpose;
    });
    const WorkshopRecord& r = data.record;
    for (const PollRecord& p : r.polls) {
        // Anonymous polls: the store keeps who voted apart from what was voted, and so does the export.
        if (p.poll.anonymous) continue;
        std::vector<std::pair<std::string, std::string>> voters;  // id, name: check-in order first
        std::set<std::string> voted(p.voters.begin(), p.voters.end());
        for (const Participant& person : r.participants)
            if (voted.erase(person.id)) voters.emplace_back(person.id, person.name);
        for (const std::string& id : p.voters)
            if (voted.count(id)) voters.emplace_back(id, "");  // checked out since: the id still says who
        for (const auto& [id, name] : voters)
            if (auto entries = store.BallotEntriesOf(p.poll.id, id))
                data.ballots.push_back(NamedBallot{p.poll.id, id, name, *entries});
    }
    return data;
}

// ---- outcome.json: byte for byte what WriteOutcomeFiles has always written -----------------
std::string RenderOutcomeJson(const ExportData& data) { return data.outcome.dump(2) + "\n"; }

// ---- Slugs and folder names -------------------------------------------------------------

std::string Slug(const std::string& text) {
    std::string slug;
    bool pending_hyphen = false;
    size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        size_t length = 1;
        char32_t cp = lead;
        if ((lead & 0xE0) == 0xC0) { length = 2; cp = lead & 0x1F; }
        else if ((lead & 0xF0) == 0xE0) { length = 3; cp = lead & 0x0F; }
        else if ((lead & 0xF8) == 0xF0) { length = 4; cp = lead & 0x07; }
        if (i + length > text.size()) break;
        for (size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        i += length;
        std::string ascii = AsciiFold(cp);
        if (ascii.size() == 1 && !std::isalnum(static_cast<unsigned char>(ascii[0]))) ascii.clear();
        if (ascii.empty()) {
            pending_hyphen = !slug.empty();
            continue;
        }
        if (pending_hyphen) slug += '-';
        pending_hyphen = false;
        slug += ascii;
    }
    if (slug.size() > 40) {
        slug.resize(40);
        while (!slug.empty() && slug.back() == '-') slug.pop_back();
    }
    return slug.empty() ? "community" : slug;
}

std::string WorkshopFolderName(const Community& community, const Workshop& workshop) {
    std::string id;
    for (char c : workshop.id)
        if (std::isxdigit(static_cast<unsigned char>(c)) && id.size() < 8)
            id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string kind = Slug(workshop.kind.empty() ? "workshop" : workshop.kind);
    return Slug(community.name) + "-" + workshop.started_at.substr(0, 10) + "-" + kind + "-" + id;
}

// ---- Writing files ---------------------------------------------------------------------
void PrepareFolder(const fs::path& dir) {
    std::error_code error;
    if (fs::exists(dir, error) && !fs::is_directory(dir, error))
        throw Error(dir.string() + " is a file, not a folder: give --out a folder (it is created if missing).");
    fs::create_directories(dir, error);
    if (error) throw Error("Cannot create the folder " + dir.string() + ": " + error.message() + ".");
}

void WriteFileAtomically(const fs::path& dir, const std::string& name, const std::string& content) {
    const fs::path target = dir / name;
    const fs::path temporary = dir / ("." + name + "." + NewUuid() + ".tmp");
    std::error_code error;
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        if (!file) throw Error("Cannot write into " + dir.string() + ": check that the folder is writable.");
        file.write(content.data(), static_cast<std::streamsize>(content.size()));
        file.flush();
        if (!file) {
            file.close();
            fs::remove(temporary, error);
            throw Error("Writing " + target.string() + " failed (is the disk full?).");
        }
    }
    fs::rename(temporary, target, error);
    if (error) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw Error("Cannot replace " + target.string() + ": " + error.message() + ".");
    }
}

std::vector<std::string> WriteWorkshopExport(const ExportData& data, const fs::path& dir, const FormatSet& formats) {
    // Everything is rendered before anything is written: a rendering failure leaves the folder as it was.
    std::vector<std::pair<std::string, std::string>> files;
    if (formats.json) files.emplace_back("outcome.json", RenderOutcomeJson(data));
    if (formats.md) files.emplace_back("outcome.md", RenderMarkdown(data));
    if (formats.html) files.emplace_back("outcome.html", RenderHtml(data));
    if (formats.csv)
        for (auto& [name, content] : RenderCsvFiles(data)) files.emplace_back(name, std::move(content));
    if (formats.ics) {
        files.emplace_back("rhythm.ics", RenderRhythmIcs(data));
        files.emplace_back("commitments.ics", RenderCommitmentsIcs(data));
    }
    PrepareFolder(dir);
    std::vector<std::string> names;
    for (const auto& [name, content] : files) {
        if (content.empty()) {
            // A calendar with nothing in it (no rhythm, no open commitment) is not written; one left by an
            // earlier export of this workshop would now be wrong, so it goes.
            std::error_code ignored;
            fs::remove(dir / name, ignored);
            continue;
        }
        WriteFileAtomically(dir, name, content);
        names.push_back(name);
    }
    return names;
}

// ---- The communities index -------------------------------------------------------------
std::string RenderCommunitiesIndex(Store& store, const std::vector<Community>& communities) {
    CsvTable table({"community_id", "community", "domain", "workshop_id", "kind", "template", "started_at",
                    "ended_at", "status", "participants", "folder"});
    const auto workshops = store.ListWorkshops();  // newest first
    for (const Community& c : communities) {
        bool any = false;
        for (auto it = workshops.rbegin(); it != workshops.rend(); ++it) {  // oldest first: a history reads forwards
            const Workshop& w = it->workshop;
            if (w.community_id != c.id) continue;
            any = true;
            table.Add({Value(c.id), Text(c.name), Text(c.domain), Value(w.id), Value(w.kind), Value(w.template_key),
                       Value(w.started_at), Value(w.ended_at), Value(w.IsRunning() ? "in progress" : "completed"),
                       Number(static_cast<long long>(it->participant_count)), Value(WorkshopFolderName(c, w))});
        }
        if (!any)
            table.Add({Value(c.id), Text(c.name), Text(c.domain), Value(""), Value(""), Value(""), Value(""), Value(""),
                       Value("no workshop yet"), Number(0LL), Value("")});
    }
    return table.Render();
}

// ---- Running an export -----------------------------------------------------------------
namespace {
// The writer stage of a large export: renders and writes workshops handed over by the reading thread, a
// few at a time (bounded, so memory stays flat). The first failure stops the writer; Finish() rethrows it.
class ExportPipeline {
public:
    explicit ExportPipeline(const FormatSet& formats) : m_formats(formats), m_writer([this] { Write(); }) {}
    ~ExportPipeline() {
        if (m_writer.joinable()) {
            Close();
            m_writer.join();
        }
    }
    ExportPipeline(const ExportPipeline&) = delete;
    ExportPipeline& operator=(const ExportPipeline&) = delete;

    // False once the writer has failed: stop reading, Finish() reports why.
    bool Push(ExportData data, fs::path folder) {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_room.wait(lock, [&] { return m_queue.size() < kQueued || m_failure; });
        if (m_failure) return false;
        m_queue.emplace_back(std::move(data), std::move(folder));
        m_ready.notify_one();
        return true;
    }
    // Waits for every workshop handed over to be written; returns how many files were written.
    size_t Finish() {
        Close();
        m_writer.join();
        if (m_failure) std::rethrow_exception(m_failure);
        return m_files;
    }

private:
    static constexpr size_t kQueued = 8;
    void Close() {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_closed = true;
        m_ready.notify_one();
    }
    void Write() {
        for (;;) {
            std::pair<ExportData, fs::path> next;
            {
                std::unique_lock<std::mutex> lock(m_mutex);
                m_ready.wait(lock, [&] { return !m_queue.empty() || m_closed; });
                if (m_queue.empty()) return;
                next = std::move(m_queue.front());
                m_queue.pop_front();
                m_room.notify_one();
            }
            try {
                m_files += WriteWorkshopExport(next.first, next.second, m_formats).size();
            } catch (...) {
                std::lock_guard<std::mutex> lock(m_mutex);
                m_failure = std::current_exception();
                m_queue.clear();
                m_room.notify_all();
                return;
            }
        }
    }

    FormatSet m_formats;
    std::mutex m_mutex;
    std::condition_variable m_ready, m_room;
    std::deque<std::pair<ExportData, fs::path>> m_queue;
    bool m_closed = false;
    std::exception_ptr m_failure;
    size_t m_files = 0;  // the writer's own count, read after join
    std::thread m_writer;  // last: it starts once everything above exists
};
}  // namespace

ExportReport RunExport(Store& store, const Selection& selection, const fs::path& out_dir, const FormatSet& formats) {
    // One read for the whole export: consistent while kiosks write, and the file locked once, not per query.
    Store::ReadScope reading(store);
    std::vector<Community> communities = store.ListCommunities();
    std::optional<Community> chosen;
    if (!selection.community.empty()) {
        const TextCheck wanted = CheckName(selection.community, "community name", 1000);
        for (const Community& c : communities)
            if (c.id == selection.community || (wanted.ok && NameKey(c.name) == NameKey(wanted.cleaned))) chosen = c;
        if (!chosen)
            throw Error("There is no community \"" + selection.community + "\" in " + store.Path() +
                        " (cop-kiosk list shows them).");
        communities = {*chosen};
    }
    ExportReport report;
    if (selection.workshop == "all") {
        std::vector<Workshop> workshops;
        for (const Community& c : communities) {
            auto list = store.WorkshopsOf(c.id);  // newest first
            workshops.insert(workshops.end(), list.rbegin(), list.rend());
        }
        PrepareFolder(out_dir);
        // Two stages in step: this thread reads each workshop from the store (one connection, one thread),
        // a writer thread renders and writes the one before. On two cores that nearly halves the time of a
        // large export; the files and their order are the same as one after the other.
        ExportPipeline pipeline(formats);
        WorkshopRecord last;  // the workshop read just before, as loaded: usually the next one's previous
        for (const Workshop& w : workshops) {
            WorkshopRecord loaded;
            ExportData data = LoadExportData(store, w.id, last.workshop.id.empty() ? nullptr : &last, &loaded);
            last = std::move(loaded);
            fs::path folder = out_dir / WorkshopFolderName(data.record.community, w);
            report.folders.push_back(folder);
            if (!pipeline.Push(std::move(data), std::move(folder))) break;
        }
        report.files += pipeline.Finish();
        if (formats.csv) {
            WriteFileAtomically(out_dir, "communities.csv", RenderCommunitiesIndex(store, communities));
            report.files += 1;
            report.wrote_index = true;
        }
        return report;
    }
    std::string workshop_id = selection.workshop;
    if (selection.workshop == "latest") {
        std::optional<Workshop> latest;
        if (chosen) {
            const auto list = store.WorkshopsOf(chosen->id);
            if (!list.empty()) latest = list.front();
        } else {
            latest = store.LatestWorkshop();
        }
        if (!latest)
            throw Error(chosen ? "The community \"" + chosen->name + "\" has no workshop to export yet."
                               : "There is no workshop in " + store.Path() + " to export.");
        workshop_id = latest->id;
    }
    ExportData data = LoadExportData(store, workshop_id);
    if (chosen && data.record.workshop.community_id != chosen->id)
        throw Error("The workshop " + workshop_id + " belongs to \"" + data.record.community.name + "\", not to \"" +
                    chosen->name + "\".");
    report.files = WriteWorkshopExport(data, out_dir, formats).size();
    report.folders.push_back(out_dir);
    return report;
}

}  // namespace facilitation::exporting

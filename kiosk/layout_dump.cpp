#include "kiosk/layout_dump.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace kiosk {

bool LayoutItem::operator==(const LayoutItem& o) const {
    return id == o.id && label == o.label && std::lround(x0) == std::lround(o.x0) &&
           std::lround(y0) == std::lround(o.y0) && std::lround(x1) == std::lround(o.x1) &&
           std::lround(y1) == std::lround(o.y1);
}

void LayoutRecorder::Record(const std::string& id, const std::string& label, float x0, float y0, float x1, float y1) {
    if (!Enabled()) return;
    m_items.push_back(LayoutItem{id, label, x0, y0, x1, y1});
}

void LayoutRecorder::RecordReadout(const std::string& id, const std::string& text, float x0, float y0, float x1,
                                   float y1) {
    if (!Enabled()) return;
    m_readouts.push_back(LayoutItem{id, text, x0, y0, x1, y1});
}

void LayoutRecorder::EndFrame(long long frame, const std::string& screen, int width, int height) {
    if (!Enabled()) return;
    if (m_items == m_written && m_readouts == m_written_readouts && m_overflow == m_written_overflow && screen == m_written_screen && width == m_written_width && height == m_written_height)
        return;
    auto list = [](const std::vector<LayoutItem>& from) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& item : from)
            items.push_back({{"id", item.id},
                             {"label", item.label},
                             {"rect", {std::lround(item.x0), std::lround(item.y0), std::lround(item.x1), std::lround(item.y1)}}});
        return items;
    };
    const nlohmann::json dump = {{"frame", frame},          {"screen", screen},
                                 {"window", {width, height}}, {"items", list(m_items)},
                                 {"readouts", list(m_readouts)}, {"body_px", std::lround(m_body_px)},
                                 {"overflow", m_overflow}};
    // Write beside the target, then rename: a reader never sees half a file.
    const std::string temporary = m_path + ".tmp." + std::to_string(getpid());
    if (FILE* file = std::fopen(temporary.c_str(), "wb")) {
        const std::string text = dump.dump(2);
        const bool ok = std::fwrite(text.data(), 1, text.size(), file) == text.size();
        if (std::fclose(file) == 0 && ok && std::rename(temporary.c_str(), m_path.c_str()) == 0) {
            m_written = m_items;
            m_written_readouts = m_readouts;
            m_written_overflow = m_overflow;
            m_written_screen = screen;
            m_written_width = width;
            m_written_height = height;
            return;
        }
        std::remove(temporary.c_str());
    }
    std::fprintf(stderr, "cop-kiosk: cannot write the layout dump %s\n", m_path.c_str());
    m_path.clear();  // say it once, not every frame
}

}  // namespace kiosk

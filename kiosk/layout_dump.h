// --layout-dump: the interactive widgets of each frame as JSON, rewritten atomically when they change,
// so end-to-end tests find a button by its stable id and click its centre. Besides the contract's "items"
// (interactive widgets only), "readouts" lists the key facts a screen shows, in the same form (the open
// vote's count, the countdown, a result's verdict), so a test can check what a read-only view says;
// "body_px" is the body text's size and "overflow" names every panel whose content did not fit it (a
// scrolled list), so a test can check legibility and that nothing is cut off on a screen nobody scrolls.
#pragma once
#include <string>
#include <vector>

namespace kiosk {

struct LayoutItem {
    std::string id;     // semantic and stable: "stage.next", "poll.option.coalescing"
    std::string label;  // visible text
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // window pixels
    bool operator==(const LayoutItem& other) const;
};

class LayoutRecorder {
public:
    void SetPath(const std::string& path) { m_path = path; }
    bool Enabled() const { return !m_path.empty(); }
    void BeginFrame() {
        m_items.clear();
        m_readouts.clear();
    }
    void Record(const std::string& id, const std::string& label, float x0, float y0, float x1, float y1);
    void RecordReadout(const std::string& id, const std::string& text, float x0, float y0, float x1, float y1);
    void SetFrameFacts(float body_px, std::vector<std::string> overflow) {
        m_body_px = body_px;
        m_overflow = std::move(overflow);
    }
    // Writes the file if this frame's items or screen differ from the last written.
    void EndFrame(long long frame, const std::string& screen, int width, int height);
    const std::vector<LayoutItem>& Items() const { return m_items; }

private:
    std::string m_path;
    std::vector<LayoutItem> m_items;
    std::vector<LayoutItem> m_readouts;
    std::vector<LayoutItem> m_written;
    std::vector<LayoutItem> m_written_readouts;
    float m_body_px = 0;
    std::vector<std::string> m_overflow, m_written_overflow;
    std::string m_written_screen;
    int m_written_width = -1;
    int m_written_height = -1;
};

}  // namespace kiosk

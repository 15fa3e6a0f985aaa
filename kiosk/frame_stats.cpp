#include "kiosk/frame_stats.h"

#include <time.h>

namespace kiosk {
namespace {
double Clock(clockid_t id) {
    timespec ts{};
    clock_gettime(id, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}
}  // namespace

FrameStats::~FrameStats() {
    if (m_file) std::fclose(m_file);
}

double FrameStats::Monotonic() { return Clock(CLOCK_MONOTONIC); }

bool FrameStats::Open(const std::string& path) {
    m_file = std::fopen(path.c_str(), "w");
    return m_file != nullptr;
}

void FrameStats::Phase(const char* name, double at) {
    if (!m_file) return;
    std::fprintf(m_file, "phase %s %.6f\n", name, at < 0 ? Monotonic() : at);
    std::fflush(m_file);
}

void FrameStats::BeginFrame() {
    if (!m_file) return;
    m_thread_at = Clock(CLOCK_THREAD_CPUTIME_ID);
    m_process_at = Clock(CLOCK_PROCESS_CPUTIME_ID);
    m_wall_at = Monotonic();
    for (double& ms : m_part_ms) ms = 0;
}

void FrameStats::Mark(Part part) {
    if (!m_file) return;
    const double now = Clock(CLOCK_THREAD_CPUTIME_ID);
    m_part_ms[part] += (now - m_thread_at) * 1000.0;
    m_thread_at = now;
}

void FrameStats::EndFrame(long long frame, const char* screen, bool bench, int part) {
    if (!m_file) return;
    std::fprintf(m_file, "frame %lld %s %d %.3f %.3f %.3f %.3f %.3f %.3f %d %.6f\n", frame, screen, bench ? 1 : 0,
                 m_part_ms[Reload], m_part_ms[Ui], m_part_ms[Render], m_part_ms[Dump],
                 (Clock(CLOCK_PROCESS_CPUTIME_ID) - m_process_at) * 1000.0, (Monotonic() - m_wall_at) * 1000.0,
                 part, m_wall_at);
    std::fflush(m_file);  // a benchmark reads the file while the program runs (a write per frame drawn, not per wait)
}

void FrameStats::Note(const char* name, long long a, long long b) {
    if (!m_file) return;
    std::fprintf(m_file, "%s %lld %lld\n", name, a, b);
}

void FrameStats::BenchDone(int run) {
    if (!m_file) return;
    std::fprintf(m_file, "bench_done %d\n", run);
    std::fflush(m_file);
}

}  // namespace kiosk

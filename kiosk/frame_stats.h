// --frame-stats PATH and --bench-frames N: what start-up and each frame cost, for scripts/bench
// (tests/bench/bench_*.py). Off unless asked for; the loop then only checks a null pointer.
// PATH is text, one record a line, written as it happens:
//   phase NAME SECONDS   a start-up step finished, at SECONDS on CLOCK_MONOTONIC (main, glfw_init, window,
//                        imgui_init, database, reload, fonts, ui, first_swap)
//   frame N SCREEN BENCH RELOAD UI RENDER DUMP PROCESS WALL PART START
//                        one drawn frame: BENCH is 1 for a frame forced by --bench-frames; RELOAD, UI, RENDER
//                        and DUMP are the main thread's CPU milliseconds (CLOCK_THREAD_CPUTIME_ID) spent reloading
//                        the view and building fonts, building the UI (NewFrame to ImGui::Render), drawing and
//                        swapping (RenderDrawData to glfwSwapBuffers' return), and keeping the layout dump;
//                        PROCESS is the CPU milliseconds of every thread of the process over the frame (Mesa
//                        llvmpipe rasterises on threads of its own), WALL the frame's elapsed milliseconds; PART
//                        0 when the frame was drawn whole, 1 when only the part that changed was, 2 when nothing
//                        had changed (kiosk/present.h); START when the frame began (CLOCK_MONOTONIC seconds)
//   bench_done N         the N-th forced run has ended
//   atlas W H            the font atlas built (at start-up, and again when the window's height changes)
#pragma once
#include <cstdio>
#include <string>

namespace kiosk {

class FrameStats {
public:
    ~FrameStats();
    static double Monotonic();  // CLOCK_MONOTONIC, seconds (what Python's time.monotonic() reads)
    bool Open(const std::string& path);  // false when the file cannot be written
    bool Enabled() const { return m_file != nullptr; }
    void Phase(const char* name, double at = -1);  // at < 0: now

    // One frame: Begin, then Mark after each part, then End.
    enum Part { Reload, Ui, Render, Dump, kParts };
    void BeginFrame();
    void Mark(Part part);
    void EndFrame(long long frame, const char* screen, bool bench, int part);
    void BenchDone(int run);
    void Note(const char* name, long long a, long long b);  // "NAME A B"

private:
    FILE* m_file = nullptr;
    double m_thread_at = 0, m_process_at = 0, m_wall_at = 0;
    double m_part_ms[kParts] = {};
};

}  // namespace kiosk

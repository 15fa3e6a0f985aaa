// The window and the event-driven frame loop. Sections:
//   1. Signals and input callbacks
//   2. Window and ImGui set-up
//   3. The loop: wait when idle, a burst of frames after input, redraw on database changes
//   4. The tour: a screenshot of every stage
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <vector>

#include "facilitation/domain/time_util.h"
#include "facilitation/paths.h"
#include "kiosk/app.h"
#include "kiosk/frame_stats.h"
#include "kiosk/present.h"
#include "kiosk/screenshot.h"
#include "kiosk/theme.h"

namespace kiosk {
namespace {

// ---- 1. Signals and input callbacks ---------------------------------------------------
volatile std::sig_atomic_t g_terminate = 0;
void OnTerminate(int) { g_terminate = 1; }  // the loop wakes at least every 250 ms and exits cleanly
// --bench-frames: each SIGUSR1 asks for a run of frames drawn back to back (picked up within 250 ms).
volatile std::sig_atomic_t g_bench_requests = 0;
void OnBenchRequest(int) { g_bench_requests = g_bench_requests + 1; }

// Counts input events; installed before ImGui's callbacks, which chain to these.
std::atomic<int> g_input_events{0};
// A key pressed and released before a frame began (a quick tap, or a frame that took long) would never be
// seen down by ImGui 1.86, which reads key states, not events: such taps are held down for one frame.
std::vector<int> g_pressed_since_frame;
std::vector<int> g_taps;
void OnKey(GLFWwindow*, int key, int, int action, int) {
    ++g_input_events;
    if (key < 0) return;
    if (action == GLFW_PRESS) g_pressed_since_frame.push_back(key);
    else if (action == GLFW_RELEASE &&
             std::find(g_pressed_since_frame.begin(), g_pressed_since_frame.end(), key) != g_pressed_since_frame.end())
        g_taps.push_back(key);
}

void UpdateModifiers(ImGuiIO& io) {
    io.KeyCtrl = io.KeysDown[GLFW_KEY_LEFT_CONTROL] || io.KeysDown[GLFW_KEY_RIGHT_CONTROL];
    io.KeyShift = io.KeysDown[GLFW_KEY_LEFT_SHIFT] || io.KeysDown[GLFW_KEY_RIGHT_SHIFT];
    io.KeyAlt = io.KeysDown[GLFW_KEY_LEFT_ALT] || io.KeysDown[GLFW_KEY_RIGHT_ALT];
    io.KeySuper = io.KeysDown[GLFW_KEY_LEFT_SUPER] || io.KeysDown[GLFW_KEY_RIGHT_SUPER];
}

// Before a frame: the taps since the last one are down for this frame. Returns them, to release after it.
std::vector<int> HoldTaps() {
    ImGuiIO& io = ImGui::GetIO();
    std::vector<int> held;
    for (int key : g_taps)
        if (key < static_cast<int>(IM_ARRAYSIZE(io.KeysDown)) && !io.KeysDown[key]) {
            io.KeysDown[key] = true;
            held.push_back(key);
        }
    if (!held.empty()) UpdateModifiers(io);
    g_taps.clear();
    g_pressed_since_frame.clear();
    return held;
}

void ReleaseTaps(const std::vector<int>& held) {
    if (held.empty()) return;
    ImGuiIO& io = ImGui::GetIO();
    for (int key : held) io.KeysDown[key] = false;
    UpdateModifiers(io);
}
void OnChar(GLFWwindow*, unsigned int) { ++g_input_events; }
void OnMouseButton(GLFWwindow*, int, int, int) { ++g_input_events; }
void OnCursor(GLFWwindow*, double, double) { ++g_input_events; }
void OnScroll(GLFWwindow*, double, double) { ++g_input_events; }
// The window was resized or uncovered: the next frame is drawn and shown whole (kiosk/present.h).
std::atomic<bool> g_window_damaged{false};
void OnResize(GLFWwindow*, int, int) {
    ++g_input_events;
    g_window_damaged = true;
}
void OnRefresh(GLFWwindow*) {
    ++g_input_events;
    g_window_damaged = true;
}
void OnFocus(GLFWwindow*, int) { ++g_input_events; }

// A kiosk refuses the window's close request (the window manager's close button, Alt+F4): only the
// facilitator's PIN leaves it. The app is reached through this pointer, set while Run() runs.
const App* g_app = nullptr;
void OnCloseRequest(GLFWwindow* window) {
    if (g_app && g_app->IsKiosk()) glfwSetWindowShouldClose(window, GLFW_FALSE);
}

// After any input, this many frames are drawn back to back: a press and its release delivered in one
// batch still become a click in the frames that follow, not half a second later.
constexpr int kBurstFrames = 6;
// Frames drawn before a --screenshot is taken: fonts built, layout measured, nothing animating.
constexpr int kSettleFrames = 8;
constexpr double kIdleWaitSeconds = 0.25;
constexpr double kDataPollSeconds = 0.2;
// The projector must show a ballot within 100 ms of its commit: it looks more often (still only a pragma).
constexpr double kProjectorPollSeconds = 0.05;

void OnGlfwError(int code, const char* description) {
    std::fprintf(stderr, "cop-kiosk: window system error %d: %s\n", code, description);
}

struct TourShot {
    std::string file;
    int stage = -1;  // -1: the home screen
};

}  // namespace

// ---- 2. Window and ImGui set-up ---------------------------------------------------------
// The screen to open on. --monitor N picks the Nth (1-based); without it the projector takes the second
// screen when there are two or more (the laptop's own is usually the primary), and every other role the
// primary one. A screen that is not there is said in words, and the primary one is used.
namespace {
GLFWmonitor* ChooseMonitor(const AppOptions& options, std::string& warning) {
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    GLFWmonitor* primary = glfwGetPrimaryMonitor();
    if (!monitors || count == 0) return primary;
    if (options.monitor > count) {
        warning = "There is no screen " + std::to_string(options.monitor) + "; this computer has " +
                  std::to_string(count) + (count == 1 ? " screen" : " screens") + " (";
        for (int i = 0; i < count; ++i) {
            const char* name = glfwGetMonitorName(monitors[i]);
            warning += (i ? ", " : "") + std::to_string(i + 1) + ": " + (name ? name : "unnamed");
        }
        warning += "). Showing on the primary screen; start again with --monitor " +
                   (count == 1 ? std::string("1") : "1 to " + std::to_string(count)) + ".";
        return primary;
    }
    if (options.monitor > 0) return monitors[options.monitor - 1];
    if (options.role == "projector" && count >= 2)
        for (int i = 0; i < count; ++i)
            if (monitors[i] != primary) return monitors[i];
    return primary;
}
}  // namespace

int App::Run() {
    std::signal(SIGTERM, OnTerminate);
    std::signal(SIGINT, OnTerminate);
    FrameStats stats;
    if (!m_options.frame_stats_path.empty() && !stats.Open(m_options.frame_stats_path))
        std::fprintf(stderr, "cop-kiosk: cannot write the frame statistics %s\n", m_options.frame_stats_path.c_str());
    stats.Phase("main", m_options.started_at);
    if (m_options.bench_frames > 0) std::signal(SIGUSR1, OnBenchRequest);
    glfwSetErrorCallback(OnGlfwError);
    if (!glfwInit()) {
        std::fprintf(stderr,
                     "cop-kiosk: no display found. The workshop screens need a graphical session (or xvfb-run); "
                     "the commands demo, list, export and check work without one.\n");
        return 1;
    }
    stats.Phase("glfw_init");
    GLFWwindow* window = nullptr;
    const bool windowed = m_options.windowed_width > 0 && m_options.windowed_height > 0;
    GLFWmonitor* monitor = ChooseMonitor(m_options, m_monitor_warning);
    if (!m_monitor_warning.empty()) std::fprintf(stderr, "cop-kiosk: %s\n", m_monitor_warning.c_str());

    // The fonts are built for the window's height on a second thread while the window and its OpenGL context
    // open and the database is checked: on two cores that hides most of the atlas's cost at start-up. The main
    // thread makes no ImGui call until it has joined (ImGui is not thread-safe); if the window turns out
    // another height, the first frame builds them again.
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is computed, never remembered
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    theme::Apply();
    const GLFWvidmode* monitor_mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    const int expected_height = windowed ? m_options.windowed_height : monitor_mode ? monitor_mode->height : 0;
    double fonts_built_at = 0;
    std::thread fonts_builder;
    if (expected_height > 0)
        fonts_builder = std::thread([this, expected_height, &fonts_built_at] {
            m_fonts.Build(expected_height, facilitation::AssetsDir());
            fonts_built_at = FrameStats::Monotonic();
        });
    // A full-screen kiosk stays up when the focus moves (GLFW would otherwise iconify it).
    if (m_options.role == "kiosk") glfwWindowHint(GLFW_AUTO_ICONIFY, GLFW_FALSE);
    if (windowed) {
        glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
        window = glfwCreateWindow(m_options.windowed_width, m_options.windowed_height, "cop-kiosk", nullptr, nullptr);
        if (window && monitor && m_options.monitor > 0) {
            int x = 0, y = 0;
            glfwGetMonitorPos(monitor, &x, &y);
            glfwSetWindowPos(window, x, y);
        }
    } else if (monitor_mode) {
        window = glfwCreateWindow(monitor_mode->width, monitor_mode->height, "cop-kiosk", monitor, nullptr);
    }
    if (!window) {
        std::fprintf(stderr, "cop-kiosk: cannot open a window with OpenGL 3 on this display.\n");
        if (fonts_builder.joinable()) fonts_builder.join();
        ImGui::DestroyContext();
        glfwTerminate();
        return 1;
    }
    m_window = window;
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    Presenter presenter;
    presenter.Init(window);
    stats.Phase("window");
    glfwSetKeyCallback(window, OnKey);
    glfwSetCharCallback(window, OnChar);
    glfwSetMouseButtonCallback(window, OnMouseButton);
    glfwSetCursorPosCallback(window, OnCursor);
    glfwSetScrollCallback(window, OnScroll);
    glfwSetWindowSizeCallback(window, OnResize);
    glfwSetWindowRefreshCallback(window, OnRefresh);
    glfwSetWindowFocusCallback(window, OnFocus);
    g_app = this;
    glfwSetWindowCloseCallback(window, OnCloseRequest);

    OpenDatabase();
    stats.Phase("database");
    if (fonts_builder.joinable()) {
        fonts_builder.join();
        stats.Phase("fonts_built", fonts_built_at);  // on the other thread, possibly before the phases above
    }
    stats.Phase("fonts_joined");

    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 130");
    // The backend's shaders now, and without a font texture of its own: Fonts::Upload makes a smaller one.
    // Left to the first NewFrame, the backend would convert the whole atlas to RGBA32 and upload it (a second
    // time, the fonts once built): the backend is handed a one-pixel atlas for the moment instead.
    {
        ImFontAtlas* fonts = io.Fonts;
        ImFontAtlas placeholder;
        placeholder.TexWidth = placeholder.TexHeight = 1;
        placeholder.TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(1));
        placeholder.TexPixelsAlpha8[0] = 0xFF;
        io.Fonts = &placeholder;
        ImGui_ImplOpenGL3_CreateDeviceObjects();
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        io.Fonts = fonts;
    }
    if (m_fonts.built_for_height > 0) {
        m_fonts.Upload();
        stats.Note("atlas", m_fonts.atlas_width, m_fonts.atlas_height);
    }
    stats.Phase("imgui_init");

    // ---- 3. The loop -------------------------------------------------------------------
    std::vector<TourShot> tour;
    size_t tour_index = 0;
    int tour_frames = 0;
    int tour_step = 0;                      // pages looked at on the current stage
    std::vector<std::string> tour_overflow;  // panels cut off on any of them
    if (!m_options.tour_dir.empty() && m_store) {
        std::error_code error;
        std::filesystem::create_directories(m_options.tour_dir, error);
        tour.push_back({m_options.tour_dir + "/00-home.png", -1});
        m_pinned_page = 0;
        if (auto latest = m_store->LatestWorkshop()) {
            const auto stages = m_store->StagesOf(latest->id);
            for (size_t i = 0; i < stages.size(); ++i) {
                char name[64];
                std::snprintf(name, sizeof name, "/%02zu-", i + 1);
                tour.push_back({m_options.tour_dir + name + stages[i].key + ".png", static_cast<int>(i)});
            }
            m_open_workshop_id = latest->id;
        }
    }
    const bool continuous = m_options.exit_after_frames > 0 || !tour.empty();
    bool screenshot_taken = m_options.screenshot_path.empty();
    long long frame = 0;
    int burst = kBurstFrames;
    long long last_second_drawn = -1;
    auto last_data_poll = std::chrono::steady_clock::now();
    int exit_code = 0;
    int bench_left = 0, bench_runs = 0;

    while (!g_terminate && !m_quit) {
        const double poll_every = IsProjector() ? kProjectorPollSeconds : kDataPollSeconds;
        if (g_bench_requests > 0) {
            g_bench_requests = g_bench_requests - 1;
            bench_left = m_options.bench_frames;
        }
        if (continuous || burst > 0 || bench_left > 0 || !screenshot_taken || frame < kSettleFrames) glfwPollEvents();
        // A kiosk mid-visit wakes when its idle reset (or its thank-you) is due, not later.
        else glfwWaitEventsTimeout(IsProjector() ? kProjectorPollSeconds
                                                 : KioskWaitSeconds(MonotonicSeconds(), kIdleWaitSeconds));
        if (glfwWindowShouldClose(window)) break;
        if (g_input_events.exchange(0) > 0) {
            burst = kBurstFrames;
            KioskTouched(MonotonicSeconds());
        }
        if (KioskTick(MonotonicSeconds())) burst = std::max(burst, 2);

        // Other processes' commits: PRAGMA data_version is cheap, so a few polls a second cost nothing.
        const auto now = std::chrono::steady_clock::now();
        if (m_store && now - last_data_poll >= std::chrono::duration<double>(poll_every)) {
            last_data_poll = now;
            try {
                const long long version = m_store->DataVersion();
                if (version != m_data_version) {
                    m_data_version = version;
                    m_reload = true;
                }
            } catch (const std::exception& error) {
                ShowError(error.what(), false);
            }
        }
        // The countdown changes once a second while a workshop runs.
        const long long second =
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
        // A kiosk has no clock on screen: it redraws each second only while it counts something down.
        const bool counting = IsKiosk() ? KioskShowsSeconds(MonotonicSeconds()) : m_view && m_view->workshop.IsRunning();
        const bool tick = (counting || m_keep_ticking) && second != last_second_drawn;
        if (!(continuous || burst > 0 || bench_left > 0 || m_reload || tick || !screenshot_taken ||
              !m_pending_screenshot.empty() || frame < kSettleFrames))
            continue;
        stats.BeginFrame();

        // Tour: show the next stage before drawing.
        if (!tour.empty() && tour_frames == 0 && tour_index < tour.size()) {
            if (tour[tour_index].stage < 0) {
                m_screen = ScreenId::Home;
            } else {
                if (!m_view) OpenWorkshop(m_open_workshop_id);
                m_screen = ScreenId::CheckIn;  // any stage screen: the reload picks the right one
                BrowseStage(tour[tour_index].stage);
            }
        }
        if (m_reload) Reload();
        if (frame == 0) stats.Phase("reload");

        int width = 0, height = 0;
        glfwGetFramebufferSize(window, &width, &height);
        if (height > 0 && height != m_fonts.built_for_height) {
            m_fonts.Build(height, facilitation::AssetsDir());
            m_fonts.Upload();
            stats.Note("atlas", m_fonts.atlas_width, m_fonts.atlas_height);
            presenter.ForgetLastFrame();  // the same triangles now show other pixels
        }
        if (frame == 0) stats.Phase("fonts");
        stats.Mark(FrameStats::Reload);

        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        const std::vector<int> taps = HoldTaps();
        if (!taps.empty()) burst = std::max(burst, 2);  // a frame with the tap, then one with it released
        ImGui::NewFrame();
        m_layout.BeginFrame();
        m_keep_ticking = false;  // a screen that changes with time asks again each frame
        // The dump names the screen this frame drew, even when a press in it moves to another screen: a test
        // that waits for a screen then reads that screen's own items and readouts.
        const ScreenId drawn = m_screen;
        DrawFrame();
        ImGui::Render();
        stats.Mark(FrameStats::Ui);
        if (frame == 0) stats.Phase("ui");
        ReleaseTaps(taps);
        // With a software OpenGL, only what changed since the last frame is drawn (kiosk/present.h): a running
        // countdown's digits, a pressed button. A benchmark's forced frames (--bench-frames) are drawn whole: they
        // measure what a frame of the screen costs when all of it changes.
        if (g_window_damaged.exchange(false) || bench_left > 0) presenter.ForgetLastFrame();
        const Presenter::Plan plan = presenter.Compare(ImGui::GetDrawData(), width, height);
        glViewport(0, 0, width, height);
        const ImVec4 back = theme::Vec(theme::kBackground);
        glClearColor(back.x, back.y, back.z, 1.0f);
        if (plan.whole) {
            glClear(GL_COLOR_BUFFER_BIT);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        } else if (!plan.part.Empty()) {
            presenter.Limit(ImGui::GetDrawData(), plan.part, height);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        }
        presenter.Verify(ImGui::GetDrawData(), plan, width, height);
        ++frame;
        last_second_drawn = second;
        if (burst > 0) --burst;

        if (!screenshot_taken && (frame >= kSettleFrames || frame == m_options.exit_after_frames)) {
            const std::string error = SaveScreenshot(m_options.screenshot_path, width, height);
            if (!error.empty()) {
                std::fprintf(stderr, "cop-kiosk: %s\n", error.c_str());
                exit_code = 1;
            }
            screenshot_taken = true;
        }
        if (!m_pending_screenshot.empty()) {
            const std::string error = SaveScreenshot(m_pending_screenshot, width, height);
            if (error.empty()) std::fprintf(stderr, "cop-kiosk: screenshot saved to %s\n", m_pending_screenshot.c_str());
            else ShowError("The screenshot could not be saved: " + error + ".", false);
            m_pending_screenshot.clear();
        }
        // ---- 4. The tour ----------------------------------------------------------------
        // Eight frames before each look: a child panel learns whether its content overflows from the frame
        // before. A stage whose pages turn by themselves is looked at on every page, then pictured on its first,
        // so what the tour reports cut off does not depend on the clock.
        if (!tour.empty() && ++tour_frames >= 8) {
            for (const auto& name : OverflowingPanels())
                if (std::find(tour_overflow.begin(), tour_overflow.end(), name) == tour_overflow.end())
                    tour_overflow.push_back(name);
            tour_frames = 0;
            if (m_pages > 1 && tour_step < m_pages) {
                m_pinned_page = ++tour_step % m_pages;
            } else {
                const std::string error = SaveScreenshot(tour[tour_index].file, width, height);
                if (!error.empty()) {
                    std::fprintf(stderr, "cop-kiosk: %s\n", error.c_str());
                    exit_code = 1;
                } else {
                    // Each picture's line says whether anything on it was cut off (a panel that would scroll).
                    std::string overflow;
                    for (const auto& name : tour_overflow) overflow += " " + name;
                    // ... and how many pages it turns, when it turns them.
                    const std::string pages = tour_step > 1 ? "  pages: " + std::to_string(tour_step) : std::string();
                    std::printf("%s%s%s%s\n", tour[tour_index].file.c_str(), pages.c_str(),
                                overflow.empty() ? "" : "  overflow:", overflow.c_str());
                }
                tour_overflow.clear();
                tour_step = 0;
                m_pinned_page = 0;
                if (++tour_index >= tour.size()) m_quit = true;
            }
        }
        presenter.Present(plan, width, height);
        stats.Mark(FrameStats::Render);
        if (frame == 1) stats.Phase("first_swap");
        m_layout.EndFrame(frame, ScreenName(drawn), width, height);
        stats.Mark(FrameStats::Dump);
        stats.EndFrame(frame, ScreenName(drawn), bench_left > 0, plan.whole ? 0 : plan.part.Empty() ? 2 : 1);
        if (bench_left > 0 && --bench_left == 0) stats.BenchDone(++bench_runs);
        if (m_options.exit_after_frames > 0 && frame >= m_options.exit_after_frames) break;
    }

    // Clean exit: the store closes (every action was already committed), then the window.
    g_app = nullptr;
    m_store.reset();
    m_fonts.DeleteTexture();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    if (!m_options.tour_dir.empty() && tour.empty()) {
        std::fprintf(stderr, "cop-kiosk: the tour needs a readable database: %s\n", m_error.c_str());
        return 1;
    }
    return exit_code;
}

}  // namespace kiosk

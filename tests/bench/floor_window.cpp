// Benchmark helper (scripts/bench, tests/bench/bench_startup.py): the floor for cop-kiosk's start-up and memory.
// The least a program on the same stack can do: a GLFW window with an OpenGL 3 context, Dear ImGui with the same
// GLFW and OpenGL3 backends, one ImGui window holding one line of text (ImGui's built-in font), presented.
//   copk_bench_floor [--windowed WxH] [--exit-after-frames N] [--frame-stats PATH] [--wait]
// It is set up the way kiosk/frame_loop.cpp sets up cop-kiosk (same window hints, swap interval, GLSL version),
// and writes the same "phase NAME SECONDS" lines (CLOCK_MONOTONIC) to --frame-stats, so both are timed alike:
// from the moment the benchmark starts the process to the return of its first glfwSwapBuffers.
// --wait keeps the window up after the frames (drawing nothing more) until SIGTERM, for a memory reading.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <time.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {
volatile std::sig_atomic_t g_terminate = 0;
void OnTerminate(int) { g_terminate = 1; }

double Now() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

FILE* g_stats = nullptr;
void Phase(const char* name) {
    if (g_stats) std::fprintf(g_stats, "phase %s %.6f\n", name, Now());
}
}  // namespace

int main(int argc, char** argv) {
    const double entered = Now();
    int width = 1920, height = 1080, frames = 1;
    bool wait = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--windowed" && i + 1 < argc) {
            if (std::sscanf(argv[++i], "%dx%d", &width, &height) != 2) return 2;
        } else if (arg == "--exit-after-frames" && i + 1 < argc) {
            frames = std::atoi(argv[++i]);
        } else if (arg == "--frame-stats" && i + 1 < argc) {
            g_stats = std::fopen(argv[++i], "w");
            if (!g_stats) return 2;
        } else if (arg == "--wait") {
            wait = true;
        } else {
            std::fprintf(stderr, "usage: copk_bench_floor [--windowed WxH] [--exit-after-frames N] [--frame-stats PATH] [--wait]\n");
            return 2;
        }
    }
    if (g_stats) std::fprintf(g_stats, "phase main %.6f\n", entered);
    std::signal(SIGTERM, OnTerminate);
    if (!glfwInit()) return 1;
    Phase("glfw_init");
    glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
    GLFWwindow* window = glfwCreateWindow(width, height, "floor", nullptr, nullptr);
    if (!window) return 1;
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    Phase("window");
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui::StyleColorsLight();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 130");
    Phase("imgui_init");

    for (int frame = 0; frame < frames && !g_terminate; ++frame) {
        glfwPollEvents();
        int fb_width = 0, fb_height = 0;
        glfwGetFramebufferSize(window, &fb_width, &fb_height);
        ImGui_ImplOpenGL3_NewFrame();  // the first one builds the font atlas and uploads it
        if (frame == 0) Phase("fonts");
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("##floor", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
        ImGui::TextUnformatted("The floor: one window, one line of text.");
        ImGui::End();
        ImGui::Render();
        if (frame == 0) Phase("ui");
        glViewport(0, 0, fb_width, fb_height);
        glClearColor(0.98f, 0.98f, 0.96f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glfwSwapBuffers(window);
        if (frame == 0) Phase("first_swap");
    }
    if (g_stats) std::fflush(g_stats);
    while (wait && !g_terminate) glfwWaitEventsTimeout(0.25);

    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    if (g_stats) std::fclose(g_stats);
    return 0;
}

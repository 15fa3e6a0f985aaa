// Test helpers for store tests that run other processes: this test binary re-run (fork, then exec) on its hidden
// "[.child]" test cases with a task in environment variables, and pipes between parent and child.
// A "[.child]" test case handles only its own tasks and returns on any other, so several files can have one.
#pragma once
#include <fcntl.h>
#include <poll.h>
#include <sys/types.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace copk_test {

inline std::string Env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

inline void WriteAll(int fd, const std::string& text) {
    size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = write(fd, text.data() + done, text.size() - done);
        if (n <= 0) return;
        done += size_t(n);
    }
}

inline std::string ReadAll(int fd) {
    std::string all;
    char chunk[4096];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) > 0) all.append(chunk, size_t(n));
    return all;
}

// Waits (up to the deadline) for data on `fd` and appends it; false on EOF or timeout.
inline bool ReadSome(int fd, std::string& buffer, int timeout_ms) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return false;
    char chunk[4096];
    const ssize_t n = read(fd, chunk, sizeof chunk);
    if (n <= 0) return false;
    buffer.append(chunk, size_t(n));
    return true;
}

// Starts this test binary on the hidden test case "[.child]" with `env` set. `keep` are the child's pipe ends
// (inherited across exec); `close_in_child` are the parent's ends, closed so that EOF arrives when it should.
inline pid_t SpawnChild(const std::map<std::string, std::string>& env, const std::vector<int>& close_in_child) {
    const pid_t pid = fork();
    if (pid != 0) return pid;
    for (int fd : close_in_child) close(fd);
    for (const auto& [name, value] : env) setenv(name.c_str(), value.c_str(), 1);
    const int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) dup2(devnull, STDOUT_FILENO);  // Catch's report of the child would clutter the parent's
    execl("/proc/self/exe", "facilitation_tests", "[.child]", static_cast<char*>(nullptr));
    _exit(127);
}

inline std::vector<std::string> Split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, separator)) parts.push_back(part);
    return parts;
}

inline bool Healthy(const std::vector<std::string>& problems) {
    return problems.empty() || problems == std::vector<std::string>{"ok"};
}

}  // namespace copk_test

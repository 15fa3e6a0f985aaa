// A stand-in for libFuzzer's main, for builds without it (gcc, the sanitized gcc build): runs the harness's
// LLVMFuzzerTestOneInput once on every file given, or on every file of every folder given (a folder that does
// not exist is skipped: git keeps no empty folder). ctest runs it as "fuzz regressions: <harness>" on the seed
// corpus and on every input that once failed, so what the fuzzer found stays fixed. A broken property aborts.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace fs = std::filesystem;

namespace {

void RunFile(const fs::path& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        std::exit(2);
    }
    const std::vector<char> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    // Announced before the run, so that the input that aborts is the last one named.
    std::printf("replaying %s (%zu bytes)\n", path.c_str(), bytes.size());
    std::fflush(stdout);
    // A copy of exactly `size` bytes, so that reading past the end is a finding under AddressSanitizer.
    // An empty input still gets a valid pointer, as libFuzzer gives it.
    std::vector<uint8_t> exact(bytes.begin(), bytes.end());
    static const uint8_t kNothing = 0;
    LLVMFuzzerTestOneInput(exact.empty() ? &kNothing : exact.data(), exact.size());
}

}  // namespace

int main(int argc, char** argv) {
    size_t runs = 0;
    for (int a = 1; a < argc; ++a) {
        const fs::path path = argv[a];
        std::error_code error;
        if (fs::is_directory(path, error)) {
            std::vector<fs::path> files;
            for (const fs::directory_entry& entry : fs::directory_iterator(path))
                if (entry.is_regular_file() && entry.path().filename().string().front() != '.') files.push_back(entry.path());
            std::sort(files.begin(), files.end());
            for (const fs::path& file : files) RunFile(file);
            runs += files.size();
        } else if (fs::exists(path, error)) {
            RunFile(path);
            ++runs;
        } else {
            std::printf("no %s: skipped\n", path.c_str());
        }
    }
    if (runs == 0) {
        std::fprintf(stderr, "no input to replay: give files or folders of inputs\n");
        return 2;
    }
    std::printf("%zu input(s) replayed, every property held\n", runs);
    return 0;
}

// Shared by the fuzz harnesses (tests/fuzz/fuzz_*.cpp): failing a property, cutting the input into pieces,
// and an independent UTF-8 check. Each harness defines LLVMFuzzerTestOneInput; it is linked either with
// libFuzzer (COPK_FUZZ, scripts/fuzz) or with replay_main.cpp, which feeds it the checked-in corpus and every
// regression input (ctest "fuzz regressions: <harness>").
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace copk_fuzz {

// A broken property: say which, then abort, so that libFuzzer saves the input and a replay fails.
[[noreturn]] inline void Fail(const std::string& what) {
    std::fprintf(stderr, "fuzz property failed: %s\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

}  // namespace copk_fuzz

// A property: `what` (a std::string expression) is built only when the property fails, so that describing
// a failure costs nothing while properties hold.
#define COPK_CHECK(condition, what)                          \
    do {                                                     \
        if (!(condition)) ::copk_fuzz::Fail(what);           \
    } while (false)

namespace copk_fuzz {

// The input cut at every `separator` byte (the separator itself never appears in a piece). At most `limit`
// pieces: what follows the separator that would start one more is ignored.
inline std::vector<std::string> Split(const uint8_t* data, size_t size, char separator, size_t limit) {
    std::vector<std::string> pieces(1);
    for (size_t i = 0; i < size; ++i) {
        const char c = static_cast<char>(data[i]);
        if (c == separator) {
            if (pieces.size() == limit) break;
            pieces.emplace_back();
        } else {
            pieces.back() += c;
        }
    }
    return pieces;
}

// True when `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF).
// Written here rather than taken from the product, so that a harness does not check the product with itself.
inline bool ValidUtf8(const std::string& text) {
    size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        size_t extra;
        uint32_t cp;
        if (c < 0x80) { ++i; continue; }
        if (c >= 0xC2 && c <= 0xDF) { extra = 1; cp = c & 0x1Fu; }
        else if (c >= 0xE0 && c <= 0xEF) { extra = 2; cp = c & 0x0Fu; }
        else if (c >= 0xF0 && c <= 0xF4) { extra = 3; cp = c & 0x07u; }
        else return false;
        if (text.size() - i <= extra) return false;
        for (size_t k = 1; k <= extra; ++k) {
            const auto cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

// Bytes shown as C escapes, for a failure message.
inline std::string Show(const std::string& text, size_t limit = 200) {
    std::string out = "\"";
    for (size_t i = 0; i < text.size() && i < limit; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\\' || c == '"') { out += '\\'; out += static_cast<char>(c); }
        else if (c >= 0x20 && c < 0x7F) out += static_cast<char>(c);
        else {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02X", c);
            out += hex;
        }
    }
    if (text.size() > limit) out += "...";
    return out + "\"";
}

}  // namespace copk_fuzz

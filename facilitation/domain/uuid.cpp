#include "facilitation/domain/uuid.h"

#include <sys/random.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <random>

namespace facilitation {

namespace {
// Fresh bytes from the kernel on every call: ids must not collide across kiosks being merged, nor
// between a process and a child forked from it (a seeded generator would repeat its parent's ids).
void FillRandom(unsigned char* bytes, size_t count) {
    size_t filled = 0;
    while (filled < count) {
        const ssize_t got = getrandom(bytes + filled, count - filled, 0);
        if (got > 0) {
            filled += static_cast<size_t>(got);
        } else if (got < 0 && errno != EINTR) {
            std::random_device device;  // no getrandom(): the library's entropy source
            for (; filled < count; ++filled) bytes[filled] = static_cast<unsigned char>(device());
        }
    }
}
}  // namespace

std::string RandomHex(size_t count) {
    std::string raw(count, '\0');
    FillRandom(reinterpret_cast<unsigned char*>(raw.data()), count);
    static const char* digits = "0123456789abcdef";
    std::string hex;
    for (unsigned char c : raw) {
        hex += digits[c >> 4];
        hex += digits[c & 15];
    }
    return hex;
}

namespace {
std::string Format(unsigned char (&bytes)[16]) {
    char text[37];
    std::snprintf(text, sizeof text, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", bytes[0],
                  bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10],
                  bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
    return text;
}
}  // namespace

std::string NewUuid() {
    unsigned char bytes[16];
    FillRandom(bytes, sizeof bytes);
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);  // version 4
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant
    return Format(bytes);
}

std::string NewTimeOrderedUuid() {
    unsigned char bytes[16];
    FillRandom(bytes + 6, sizeof bytes - 6);
    const auto ms = static_cast<unsigned long long>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    for (int i = 0; i < 6; ++i) bytes[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));  // 48 bits, big-endian
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x70);  // version 7
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);  // RFC 9562 variant
    return Format(bytes);
}

bool LooksLikeUuid(const std::string& text) {
    if (text.size() != 36) return false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

}  // namespace facilitation

// Names typed by people: what is refused (with a message), what is kept, and when two names are one person.
#include <catch2/catch.hpp>

#include <string>

#include "facilitation/domain/names.h"

using namespace facilitation;
using Catch::Matchers::Contains;

TEST_CASE("names: empty and whitespace-only names are refused with a message", "[names]") {
    for (const std::string& raw : {std::string(""), std::string("   "), std::string(" \t \n "), std::string("\t")}) {
        CAPTURE(raw);
        const TextCheck check = CheckPersonName(raw);
        CHECK_FALSE(check.ok);
        CHECK_FALSE(check.error.empty());
    }
}

TEST_CASE("names: a 500-character name is refused with a message that gives the limit", "[names]") {
    const TextCheck check = CheckPersonName(std::string(500, 'a'));
    CHECK_FALSE(check.ok);
    CHECK_FALSE(check.error.empty());
    CHECK_THAT(check.error, Contains(std::to_string(kMaxNameChars)));
}

TEST_CASE("names: the length limit counts characters, not bytes", "[names]") {
    // "é" is two bytes in UTF-8: a name of exactly the limit in accented letters is still accepted.
    std::string at_limit;
    for (int i = 0; i < kMaxNameChars; ++i) at_limit += "\xC3\xA9";  // é
    CHECK(CheckPersonName(at_limit).ok);
    CHECK_FALSE(CheckPersonName(at_limit + "\xC3\xA9").ok);
    CHECK(CheckPersonName(std::string(kMaxNameChars, 'x')).ok);
    CHECK_FALSE(CheckPersonName(std::string(kMaxNameChars + 1, 'x')).ok);
}

TEST_CASE("names: accents and quotes are accepted and kept as typed", "[names]") {
    for (const std::string& raw : {std::string("\xC3\x89lodie Dupr\xC3\xA9"),  // Élodie Dupré
                                  std::string("O'Brien"), std::string("Anne \"Nan\" Lee"),
                                  std::string("Fran\xC3\xA7oise M\xC3\xBCller-\xC3\x98stergaard")}) {
        CAPTURE(raw);
        const TextCheck check = CheckPersonName(raw);
        CHECK(check.ok);
        CHECK(check.error.empty());
        CHECK(check.cleaned == raw);
    }
}

TEST_CASE("names: outer whitespace is trimmed and inner whitespace collapsed", "[names]") {
    const TextCheck check = CheckPersonName("  \xC3\x89lodie   Dupr\xC3\xA9 \t");
    REQUIRE(check.ok);
    CHECK(check.cleaned == "\xC3\x89lodie Dupr\xC3\xA9");
}

TEST_CASE("names: emoji are refused with a message", "[names]") {
    for (const std::string& raw : {std::string("Sam \xF0\x9F\x98\x80"),             // Sam 😀
                                  std::string("\xF0\x9F\x8E\x89"),                 // 🎉 alone
                                  std::string("Ana \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD")}) {  // 👍🏽
        CAPTURE(raw);
        const TextCheck check = CheckPersonName(raw);
        CHECK_FALSE(check.ok);
        CHECK_FALSE(check.error.empty());
    }
}

TEST_CASE("names: invalid UTF-8 is refused with a message", "[names]") {
    const TextCheck check = CheckPersonName("Ana \xFF\xFE");
    CHECK_FALSE(check.ok);
    CHECK_FALSE(check.error.empty());
}

TEST_CASE("names: messages name the field being checked", "[names]") {
    const TextCheck check = CheckName("", "community name", kMaxCommunityNameChars);
    REQUIRE_FALSE(check.ok);
    CHECK_THAT(check.error, Contains("community name", Catch::CaseSensitive::No));
    const TextCheck long_one = CheckName(std::string(30, 'z'), "nickname", 20);
    REQUIRE_FALSE(long_one.ok);
    CHECK_THAT(long_one.error, Contains("nickname", Catch::CaseSensitive::No));
}

TEST_CASE("names: community names and domain statements have their own limits", "[names]") {
    CHECK_FALSE(CheckCommunityName("").ok);
    CHECK(CheckCommunityName("Water engineers of the Loire").ok);
    CHECK(CheckCommunityName(std::string(kMaxCommunityNameChars, 'c')).ok);
    CHECK_FALSE(CheckCommunityName(std::string(kMaxCommunityNameChars + 1, 'c')).ok);

    // A domain statement may be empty, but not longer than its limit.
    const TextCheck empty_domain = CheckDomainStatement("");
    CHECK(empty_domain.ok);
    CHECK(empty_domain.cleaned.empty());
    CHECK(CheckDomainStatement(std::string(kMaxDomainChars, 'd')).ok);
    const TextCheck too_long = CheckDomainStatement(std::string(kMaxDomainChars + 1, 'd'));
    CHECK_FALSE(too_long.ok);
    CHECK_FALSE(too_long.error.empty());
}

TEST_CASE("names: NameKey makes case and spacing variants the same person", "[names]") {
    const std::string typed = "\xC3\x89lodie Dupr\xC3\xA9";      // Élodie Dupré
    const std::string lower = "\xC3\xA9lodie  dupr\xC3\xA9";     // élodie  dupré
    const std::string upper = "\xC3\x89LODIE DUPR\xC3\x89";      // ÉLODIE DUPRÉ
    CHECK(NameKey(lower) == NameKey(typed));
    CHECK(NameKey(upper) == NameKey(typed));
    CHECK(NameKey(CheckPersonName(lower).cleaned) == NameKey(CheckPersonName(typed).cleaned));
    CHECK(NameKey("O'Brien") == NameKey("o'brien"));
}

TEST_CASE("names: NameKey keeps different people apart", "[names]") {
    CHECK(NameKey("Anne Lee") != NameKey("Anna Lee"));
    CHECK(NameKey("Anne Lee") != NameKey("AnneLee"));
    CHECK(NameKey("Jo") != NameKey("Jo Jo"));
}

TEST_CASE("names: Utf8Length counts code points and flags invalid text", "[names]") {
    CHECK(Utf8Length("") == 0);
    CHECK(Utf8Length("abc") == 3);
    CHECK(Utf8Length("\xC3\x89lodie") == 6);
    CHECK(Utf8Length("\xF0\x9F\x98\x80") == 1);
    CHECK(Utf8Length("\xC3") == -1);          // truncated sequence
    CHECK(Utf8Length("a\xFF" "b") == -1);     // never valid in UTF-8
    CHECK(Utf8Length("\xC0\xAF") == -1);      // overlong encoding of '/'
}

TEST_CASE("names: the search key sets case and accents aside and keeps other scripts", "[names]") {
    CHECK(SearchKey("Élodie  DUPRÉ") == "elodie dupre");
    CHECK(SearchKey("Zoë") == "zoe");
    CHECK(SearchKey("Œuvre Æsir") == "oeuvre aesir");
    CHECK(SearchKey("Straße") == "strasse");
    CHECK(SearchKey("Łukasz") == "lukasz");
    CHECK(SearchKey("Σωκράτης") == "Σωκράτης");
    CHECK(SearchKey("") == "");
}

// The roster: reading CSV (RFC 4180, physical line numbers), the roster's columns and checks, and importing it
// into a community in one transaction (the same file twice changes nothing).
#include <catch2/catch.hpp>

#include "facilitation/exchange/roster.h"
#include "store_helpers.h"

using namespace facilitation;
using namespace facilitation::exchange;
using namespace copk_test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

TEST_CASE("roster csv: quoted fields keep commas, quotes, semicolons and line breaks; lines are physical lines",
          "[roster][csv]") {
    const std::string text =
        "\xEF\xBB\xBFname,email\r\n"
        "\"Dupont, Zoé\",zoe@example.org\r\n"
        "\"Say \"\"hi\"\"; then\nleave\",\r\n"
        "\r\n"
        "Ann,\n";
    const auto records = ReadCsv(text);
    REQUIRE(records.size() == 4);
    CHECK(records[0].fields == std::vector<std::string>{"name", "email"});  // the BOM is not part of "name"
    CHECK(records[1].fields == std::vector<std::string>{"Dupont, Zoé", "zoe@example.org"});
    CHECK(records[2].fields == std::vector<std::string>{"Say \"hi\"; then\nleave", ""});
    CHECK(records[2].line == 3);
    CHECK(records[3].line == 6);  // the quoted line break and the blank line both count
    CHECK(records[3].fields == std::vector<std::string>{"Ann", ""});
}

TEST_CASE("roster csv: a quote out of place or never closed is reported with its line", "[roster][csv]") {
    CHECK_THROWS_WITH(ReadCsv("name\nAn\"n\n"), StartsWith("line 2: a quote inside an unquoted field"));
    CHECK_THROWS_WITH(ReadCsv("name\n\"Ann\"x\n"), StartsWith("line 2: a quoted field must end"));
    CHECK_THROWS_WITH(ReadCsv("name\nBob\n\"Ann\nLee\n"), StartsWith("line 3: a quoted field is never closed"));
}

TEST_CASE("roster: columns in any order and case, levels in the DOMAIN's words, empty cells kept apart",
          "[roster]") {
    const auto entries = ParseRoster(
        "Level, NAME ,Email\n"
        "core group,Zoé Martin,zoe@example.org\n"
        "Active member,  Ann   Lee ,\n"
        ",Bob,\n"
        "peripheral,\"O'Neil, Sinéad\",sinead@example.ie\n");
    REQUIRE(entries.size() == 4);
    CHECK(entries[0].name == "Zoé Martin");
    CHECK(entries[0].participation == std::optional<std::string>("core"));
    CHECK(entries[0].email == std::optional<std::string>("zoe@example.org"));
    CHECK(entries[1].name == "Ann Lee");  // cleaned as at the check-in
    CHECK(entries[1].participation == std::optional<std::string>("active"));
    CHECK_FALSE(entries[1].email.has_value());
    CHECK_FALSE(entries[2].participation.has_value());
    CHECK(entries[3].name == "O'Neil, Sinéad");
    CHECK(entries[3].line == 5);
    CHECK(ParseRoster("name\n").empty());  // a header alone is an empty roster
}

TEST_CASE("roster: every bad row is reported as line N: reason", "[roster]") {
    CHECK_THROWS_WITH(ParseRoster(""), StartsWith("line 1: the first line must be the header row"));
    CHECK_THROWS_WITH(ParseRoster("email\nx@y.org\n"), StartsWith("line 1: the header has no \"name\" column"));
    CHECK_THROWS_WITH(ParseRoster("name,phone\nAnn,123\n"), StartsWith("line 1: unknown column \"phone\""));
    CHECK_THROWS_WITH(ParseRoster("name,Name\nAnn,Ann\n"), StartsWith("line 1: the column \"name\" is given twice"));
    CHECK_THROWS_WITH(ParseRoster("name,email\nAnn,not-an-address\n"),
                      StartsWith("line 2: \"not-an-address\" is not an e-mail address"));
    CHECK_THROWS_WITH(ParseRoster("name,level\nAnn,boss\n"), StartsWith("line 2: the level \"boss\" is not one of"));
    CHECK_THROWS_WITH(ParseRoster("name\n\"Ann\nLee\"\nParty \xF0\x9F\x8E\x89\n"),
                      StartsWith("line 4: The name contains an emoji"));
    CHECK_THROWS_WITH(ParseRoster("name,email\nAnn,a@b.org,extra\n"), StartsWith("line 2: 3 fields where the header has 2"));
    CHECK_THROWS_WITH(ParseRoster("name\nAnn\n\"\"\n"), StartsWith("line 3: Please type a name"));
    CHECK_THROWS_WITH(ParseRoster("name\nZoé\nBob\n  zoé \n"), StartsWith("line 4: \"zoé\" is already on line 2"));
    CHECK_THROWS_WITH(ParseRoster("name\nAnn\xFF\n"), StartsWith("line 2: The name contains characters that are not valid"));
}

TEST_CASE("roster import: adds, updates by name, keeps what a cell leaves empty; twice changes nothing",
          "[roster][store]") {
    RunningWorkshop f;
    const Participant ann = f.store->CheckIn(f.workshop.id, "ann lee");
    auto rows = [](const std::string& csv) {
        std::vector<Store::RosterRow> out;
        for (const auto& e : ParseRoster(csv)) out.push_back(Store::RosterRow{e.name, e.email, e.participation});
        return out;
    };
    const std::string csv = "name,email,level\nAnn Lee,ann@example.org,core\n\"Zoé \"\"Zozo\"\" Martin\",,active\n";
    const auto first = f.store->ImportRoster(f.community.id, rows(csv));
    CHECK(first.added == 1);
    CHECK(first.updated == 1);
    auto members = f.store->MembersOf(f.community.id);
    REQUIRE(members.size() == 2);
    CHECK(members[0].id == ann.id);  // the checked-in member, not a copy
    CHECK(members[0].name == "ann lee");  // the stored spelling stays
    CHECK(members[0].email == "ann@example.org");
    CHECK(members[0].participation == "core");
    CHECK(members[1].name == "Zoé \"Zozo\" Martin");
    CHECK(members[1].participation == "active");
    CHECK(members[1].email.empty());

    RawDb raw(f.path);
    const std::string dump = raw.Text("SELECT group_concat(id || name || email || participation || updated_at) FROM member");
    const auto again = f.store->ImportRoster(f.community.id, rows(csv));
    CHECK(again.added == 0);
    CHECK(again.updated == 0);
    CHECK(again.unchanged == 2);
    CHECK(raw.Text("SELECT group_concat(id || name || email || participation || updated_at) FROM member") == dump);

    // An empty cell keeps the stored value; a new one replaces it.
    const auto third = f.store->ImportRoster(f.community.id, rows("name,email,level\nANN LEE,,peripheral\n"));
    CHECK(third.updated == 1);
    members = f.store->MembersOf(f.community.id);
    CHECK(members[0].email == "ann@example.org");
    CHECK(members[0].participation == "peripheral");

    // The check-in of a roster member finds them: a tap, not a new person.
    CHECK(f.store->CheckIn(f.workshop.id, "zoé \"zozo\" martin").id == members[1].id);
}

TEST_CASE("roster import: a row the database refuses imports nothing", "[roster][store]") {
    RunningWorkshop f;
    std::vector<Store::RosterRow> rows = {{"Ann", std::string("ann@example.org"), std::nullopt},
                                          {"Bob", std::nullopt, std::string("boss")}};  // not a level: CHECK fails
    CHECK_THROWS(f.store->ImportRoster(f.community.id, rows));
    CHECK(f.store->MembersOf(f.community.id).empty());
    CHECK_THROWS_AS(f.store->ImportRoster("no-such-community", {}), StoreError);
}

TEST_CASE("roster: a community is found by id or by name in any case", "[roster][store]") {
    RunningWorkshop f;
    CHECK(f.store->FindCommunity(f.community.id)->id == f.community.id);
    CHECK(f.store->FindCommunity("  WATER   engineers ")->id == f.community.id);
    CHECK_FALSE(f.store->FindCommunity("Fire engineers").has_value());
}

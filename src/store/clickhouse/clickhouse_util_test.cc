// Unit tests of the ClickHouse backend's pure parts (no server needed); the
// server round trips are in tests/clickhouse/.
#include "store/clickhouse/clickhouse_util.h"

#include <gtest/gtest.h>

#include "store/clickhouse/clickhouse_client.h"
#include "store/clickhouse/schema.h"

namespace ties::clickhouse {
namespace {

TEST(ClickHouseLocation, ParsesValidLocations) {
  struct Case {
    const char* in;
    const char* host;
    int port;
    const char* database;
    const char* cluster;
    const char* user;
    const char* password;
  } cases[] = {
      {"clickhouse://127.0.0.1:18123/ties_test", "127.0.0.1", 18123, "ties_test", "", "", ""},
      {"clickhouse://ch1/ties", "ch1", 8123, "ties", "", "", ""},
      {"clickhouse://ch1", "ch1", 8123, "ties", "", "", ""},
      {"clickhouse://ch1:9123/", "ch1", 9123, "ties", "", "", ""},
      {"clickhouse://ch1:8123/db?cluster=ties_cluster", "ch1", 8123, "db", "ties_cluster", "", ""},
      {"clickhouse://bob:s%40cret@ch1:8123/db", "ch1", 8123, "db", "", "bob", "s@cret"},
      {"clickhouse://h/db?user=u&password=p&flush_rows=10", "h", 8123, "db", "", "u", "p"},
  };
  for (const Case& c : cases) {
    Result<Location> loc = ParseLocation(c.in);
    ASSERT_TRUE(loc.ok()) << c.in << ": " << loc.status().message();
    EXPECT_EQ(loc->host, c.host) << c.in;
    EXPECT_EQ(loc->port, c.port) << c.in;
    EXPECT_EQ(loc->database, c.database) << c.in;
    EXPECT_EQ(loc->cluster, c.cluster) << c.in;
    EXPECT_EQ(loc->user, c.user) << c.in;
    EXPECT_EQ(loc->password, c.password) << c.in;
  }
  EXPECT_EQ(ParseLocation("clickhouse://h/db?flush_rows=10")->flush_rows, 10u);
  EXPECT_EQ(ParseLocation("clickhouse://h/db")->retry_seconds, -1);  // the opener decides
  EXPECT_EQ(ParseLocation("clickhouse://h/db?retry=0")->retry_seconds, 0);
  EXPECT_EQ(ParseLocation("clickhouse://h/db?cluster=c&retry=30")->retry_seconds, 30);
}

TEST(ClickHouseLocation, RejectsInvalidLocations) {
  for (const char* in : {"ties.db", "clickhouse://", "clickhouse://h:0/db", "clickhouse://h:99999/db",
                         "clickhouse://h:12ab/db", "clickhouse://h/bad-name", "clickhouse://h/db;DROP",
                         "clickhouse://h/db?cluster=a'b", "clickhouse://h/db?frobnicate=1",
                         "clickhouse://h/db?flush_rows=0", "clickhouse://h/db?retry=-1", "clickhouse://h/db?retry=",
                         "clickhouse://h/db?retry=5s"}) {
    EXPECT_FALSE(ParseLocation(in).ok()) << in;
  }
}

TEST(ClickHouseUtil, SplitsOrigins) {
  struct Case {
    const char* in;
    const char* path;
    uint64_t line;
  } cases[] = {
      {"samples/a.jsonl:12", "samples/a.jsonl", 12},
      {"feed.warc.gz: record 3", "feed.warc.gz", 3},
      {"dir/file.txt", "dir/file.txt", 0},
      {"2025", "2025", 0},
      {"", "", 0},
  };
  for (const Case& c : cases) {
    const Origin o = SplitOrigin(c.in);
    EXPECT_EQ(o.path, c.path) << c.in;
    EXPECT_EQ(o.line, c.line) << c.in;
  }
}

TEST(ClickHouseUtil, DateDays) {
  EXPECT_EQ(DateDays("1970-01-02"), 1);
  EXPECT_EQ(DateDays("2025-06-17"), 20256);
  EXPECT_EQ(DateDays("2025-02-30"), 0);
  EXPECT_EQ(DateDays("2025"), 0);
  EXPECT_EQ(DateDays(""), 0);
  EXPECT_EQ(DateDays("1969-12-31"), 0);
}

TEST(ClickHouseUtil, ParsesSearchQueries) {
  struct Case {
    const char* in;
    size_t groups;      // AND-ed groups
    size_t first_group; // terms in the first group
    size_t none;
    const char* first_regex;
  } cases[] = {
      {"visa", 1, 1, 0, "(^|[^\\p{L}\\p{N}])visa($|[^\\p{L}\\p{N}])"},
      {"Visa exemption", 2, 1, 0, "(^|[^\\p{L}\\p{N}])visa($|[^\\p{L}\\p{N}])"},
      {"\"visa exemption\"", 1, 1, 0, "(^|[^\\p{L}\\p{N}])visa[^\\p{L}\\p{N}]+exemption($|[^\\p{L}\\p{N}])"},
      {"U.S.-China", 1, 1, 0, "(^|[^\\p{L}\\p{N}])u[^\\p{L}\\p{N}]+s[^\\p{L}\\p{N}]+china($|[^\\p{L}\\p{N}])"},
      {"econom*", 1, 1, 0, "(^|[^\\p{L}\\p{N}])econom"},
      {"China OR Russia", 1, 2, 0, "(^|[^\\p{L}\\p{N}])china($|[^\\p{L}\\p{N}])"},
      {"China NOT Russia", 1, 1, 1, "(^|[^\\p{L}\\p{N}])china($|[^\\p{L}\\p{N}])"},
      {"(Астана)", 1, 1, 0, "(^|[^\\p{L}\\p{N}])астана($|[^\\p{L}\\p{N}])"},
      {"don't", 1, 1, 0, "(^|[^\\p{L}\\p{N}])don[^\\p{L}\\p{N}]+t($|[^\\p{L}\\p{N}])"},
      {"-- ! ?", 0, 0, 0, ""},
      {"", 0, 0, 0, ""},
  };
  for (const Case& c : cases) {
    const SearchQuery q = ParseSearchQuery(c.in);
    ASSERT_EQ(q.all.size(), c.groups) << c.in;
    EXPECT_EQ(q.none.size(), c.none) << c.in;
    if (c.groups) {
      EXPECT_EQ(q.all[0].size(), c.first_group) << c.in;
      EXPECT_EQ(TermRegex(q.all[0][0]), c.first_regex) << c.in;
    }
  }
  EXPECT_EQ(MatchSql(ParseSearchQuery(""), {"text"}), "1");
  EXPECT_NE(MatchSql(ParseSearchQuery("a OR b"), {"title", "text"}).find(" OR "), std::string::npos);
}

TEST(ClickHouseUtil, Snippets) {
  struct Case {
    const char* text;
    const char* query;
    int tokens;
    const char* expected;
  } cases[] = {
      {"Kazakhstan and China sign a visa deal.", "visa", 16, "Kazakhstan and China sign a [visa] deal."},
      {"one two three four five six seven eight", "seven", 4, "…five six [seven] eight"},
      {"one two three four five six seven eight", "two", 4, "one [two] three four…"},
      {"The visa-free regime", "\"visa free\"", 16, "The [visa]-[free] regime"},
      {"Economic and economy", "econom*", 16, "[Economic] and [economy]"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Snippet(c.text, ParseSearchQuery(c.query), c.tokens), c.expected) << c.text;
  }
}

TEST(ClickHouseUtil, PeriodSql) {
  EXPECT_EQ(PeriodSql("day"), "pub_day");
  EXPECT_EQ(PeriodSql("month"), "substring(pub_day, 1, 7)");
  EXPECT_EQ(PeriodSql("year", "d", "x"), "substring(d, 1, 4)");
  EXPECT_NE(PeriodSql("week").find("toDayOfWeek(pub_date)"), std::string::npos);
  EXPECT_EQ(PeriodSql("fortnight"), "");
}

TEST(ClickHouseWire, QuotesAndParsesTsv) {
  EXPECT_EQ(Quote("it's a \\ test"), "'it\\'s a \\\\ test'");
  const auto rows = ParseTsv("a\tb\\tc\n\\N\tline\\nbreak\\\\\n\t\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b\tc"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"N", "line\nbreak\\"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"", ""}));
  EXPECT_TRUE(ParseTsv("").empty());
}

TEST(ClickHouseWire, WritesRowBinary) {
  std::string out;
  RowWriter(out).Str("ab").U16(258).U8(1).Str(std::string(200, 'x'));
  ASSERT_EQ(out.size(), 1u + 2 + 2 + 1 + 2 + 200);
  EXPECT_EQ(out.substr(0, 6), std::string("\x02" "ab" "\x02\x01" "\x01", 6));
  EXPECT_EQ(static_cast<unsigned char>(out[6]), 0xC8);  // 200 = 0b1'1001000: LEB128 C8 01
  EXPECT_EQ(static_cast<unsigned char>(out[7]), 0x01);
}

TEST(ClickHouseSchema, TablesAreComplete) {
  const auto sql = SchemaSql("ties", "ties_cluster");
  // CREATE DATABASE, two statements per table, the meta table.
  EXPECT_EQ(sql.size(), 1 + 2 * (Tables().size() + 1) + 1);  // + clusters
  EXPECT_EQ(std::string(Tables().back().name), "articles");  // inserted last: its row marks a complete article
  for (const Table& t : Tables()) {
    EXPECT_NE(t.ColumnList().find("pub_date"), std::string::npos) << t.name;  // the partition key
    EXPECT_NE(t.ColumnList().find("hash"), std::string::npos) << t.name;      // replaced versions are deleted by hash
  }
  EXPECT_EQ(SchemaSql("ties", "").size(), 1 + Tables().size() + 1 + 1);
}

}  // namespace
}  // namespace ties::clickhouse

// badinput_test.cc: the bad-input catalogue (issue 10, docs/reliability.md).
//
// Each case writes its input into a fresh temporary directory (nothing large
// is committed), runs `ties ingest` as a child process on a database that
// already holds three articles, and checks the promises of
// docs/reliability.md:
//   - the process exits normally with 0 (all records fine) or 1 (some records
//     were reported), never by a signal, never hangs;
//   - stderr has exactly one line per bad record, naming the file and the
//     record (line or record number), with a clear message;
//   - the good records of the same run are stored;
//   - the articles stored before the run are all still there, unchanged;
//   - the database passes PRAGMA integrity_check;
//   - memory stays bounded (peak RSS) for the huge inputs.
//
// Cases are a table; the ones that generate hundreds of megabytes are built
// into a second executable (badinput_slow_test, CTest label "slow") by
// compiling this file with TIES_BADINPUT_SLOW=1.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_util.h"
#include "subprocess.h"

#ifndef TIES_BADINPUT_SLOW
#define TIES_BADINPUT_SLOW 0
#endif

#if defined(__SANITIZE_ADDRESS__)
#define TIES_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TIES_TEST_ASAN 1
#endif
#endif
#ifndef TIES_TEST_ASAN
#define TIES_TEST_ASAN 0
#endif

namespace {

namespace fs = std::filesystem;
using ties_test::ChildResult;

// Sanitizer builds use several times the memory and time of a normal build.
constexpr long kRssScale = TIES_TEST_ASAN ? 4 : 1;
constexpr double kTimeScale = TIES_TEST_ASAN ? 6 : 1;

// ---------------------------------------------------------------- inputs

std::string JsonEscape(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out;
}

// A short news text that exercises every stage (dateline, entities, places,
// quotes, events, dates).
std::string NewsText(int n) {
  return "ASTANA, June 16 (Xinhua) -- Kazakh President Kassym-Jomart Tokayev met Chinese Foreign Minister "
         "Wang Yi in Astana on Monday, story " +
         std::to_string(n) +
         ". \"Our cooperation is growing,\" Tokayev said. The two sides signed an agreement on trade.";
}

// One good JSONL line with the given id.
std::string GoodLine(const std::string& id, int n = 0) {
  return "{\"id\":\"" + id + "\",\"title\":\"Story " + id + "\",\"date\":\"2025-06-16\",\"text\":\"" +
         JsonEscape(NewsText(n)) + "\"}\n";
}

std::string GoodText(int n) { return "date 2025-06-16 Story\n\n" + NewsText(n) + "\n"; }

void WriteFile(const fs::path& path, std::string_view content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

std::string Gzip(std::string_view data) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string RandomBytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

// UTF-8 encoding of a code point.
std::string U8(char32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

// ---------------------------------------------------------------- database

class Db {
 public:
  explicit Db(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << "cannot open " << path << ": " << sqlite3_errmsg(db_);
    }
    // ties_text() and the schema's views: stored article text is compressed.
    if (ties::Status s = ties::RegisterFunctions(db_); !s.ok()) ADD_FAILURE() << s.message();
  }
  ~Db() { sqlite3_close(db_); }
  Db(const Db&) = delete;  // owns the connection
  Db& operator=(const Db&) = delete;

  std::vector<std::vector<std::string>> Rows(const std::string& sql) {
    std::vector<std::vector<std::string>> rows;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
      return rows;
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
        const unsigned char* t = sqlite3_column_text(stmt, i);
        row.emplace_back(t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(stmt, i)) : "");
      }
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    return rows;
  }
  std::string One(const std::string& sql) {
    auto rows = Rows(sql);
    return rows.empty() || rows[0].empty() ? "" : rows[0][0];
  }
  long Count(const std::string& sql) { return std::atol(One(sql).c_str()); }

 private:
  sqlite3* db_ = nullptr;
};

std::string Quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// ---------------------------------------------------------------- cases

// One expected stderr line: it must contain both `where` (file and record) and `what`.
struct ErrorLine {
  std::string where;
  std::string what;
};

struct Expect {
  std::vector<std::string> inputs;      // paths given to `ties ingest` (default: the input directory)
  std::vector<std::string> extra_args;  // more flags
  std::vector<std::string> good_ids;    // must be stored by this run
  long new_articles = -1;               // exact count of new articles (-1: good_ids.size())
  std::vector<ErrorLine> errors;        // exactly these lines on stderr, in this order
  long max_rss_mb = 0;                  // peak RSS bound (0: none)
  double timeout_s = 120;
  // Extra checks on the database after the run.
  std::function<void(Db&)> check;
  // When set, replaces the exact `errors` check (for input whose reader is
  // still being written; see the WARC case).
  std::function<void(const std::vector<std::string>& lines, Db&)> check_errors;
};

struct Case {
  const char* name;
  bool slow;
  std::function<Expect(const fs::path& in)> make;
};

// Names the case in test output (instead of its bytes).
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

std::vector<Case> Catalogue() {
  std::vector<Case> cases;
  auto add = [&](const char* name, bool slow, std::function<Expect(const fs::path&)> make) {
    cases.push_back({name, slow, std::move(make)});
  };

  // 1. Invalid UTF-8 in a text article: reported with its byte offset; the good file is stored.
  add("invalid_utf8_text", false, [](const fs::path& in) {
    WriteFile(in / "bad.txt", "Title line\n\nSome text \xC3\x28 and more \xFF text.\n");
    WriteFile(in / "good.txt", GoodText(1));
    Expect e;
    e.good_ids = {"good"};
    e.errors = {{"bad.txt", "invalid UTF-8 at byte"}};
    return e;
  });

  // 2. Invalid UTF-8 inside a JSONL line: only that line is lost.
  add("invalid_utf8_jsonl", false, [](const fs::path& in) {
    WriteFile(in / "a.jsonl", GoodLine("u1") + "{\"id\":\"u2\",\"text\":\"broken \xE2\x82 bytes \xFF\"}\n" + GoodLine("u3"));
    Expect e;
    e.good_ids = {"u1", "u3"};
    e.errors = {{"a.jsonl:2:", "invalid UTF-8"}};
    return e;
  });

  // 3. Overlong encodings and UTF-8-encoded surrogates (CESU-8) are invalid UTF-8.
  add("overlong_and_encoded_surrogates", false, [](const fs::path& in) {
    WriteFile(in / "a.jsonl", "{\"id\":\"o1\",\"text\":\"overlong slash \xC0\xAF here\"}\n" +
                                  std::string("{\"id\":\"o2\",\"text\":\"surrogate \xED\xA0\x80 here\"}\n") +
                                  "{\"id\":\"o3\",\"text\":\"beyond U+10FFFF \xF4\x90\x80\x80 here\"}\n" + GoodLine("o4"));
    Expect e;
    e.good_ids = {"o4"};
    e.errors = {{"a.jsonl:1:", "invalid UTF-8"}, {"a.jsonl:2:", "invalid UTF-8"}, {"a.jsonl:3:", "invalid UTF-8"}};
    return e;
  });

  // 4. NUL bytes in a text file (binary?) are reported.
  add("nul_bytes_text", false, [](const fs::path& in) {
    WriteFile(in / "nul.txt", std::string("Title\n\nText with a \0 NUL byte inside.\n", 37));
    WriteFile(in / "ok.txt", GoodText(2));
    Expect e;
    e.good_ids = {"ok"};
    e.errors = {{"nul.txt", "NUL byte"}};
    return e;
  });

  // 5. An escaped NUL (\u0000) inside a JSON string is data: stored.
  add("nul_escape_in_json", false, [](const fs::path& in) {
    WriteFile(in / "a.jsonl", "{\"id\":\"n1\",\"text\":\"Before the NUL \\u0000 after it, officials in Astana met.\"}\n");
    Expect e;
    e.good_ids = {"n1"};
    return e;
  });

  // 6. Empty files, blank lines and a BOM alone.
  add("empty_files", false, [](const fs::path& in) {
    WriteFile(in / "a_blank.jsonl", "\n\n   \n\t\n");
    WriteFile(in / "b_bom_only.txt", "\xEF\xBB\xBF");
    WriteFile(in / "c_empty.jsonl", "");
    WriteFile(in / "d_empty.txt", "");
    WriteFile(in / "e_spaces.txt", "   \n\n\t \r\n");
    WriteFile(in / "f_good.jsonl", GoodLine("e1"));
    Expect e;
    e.good_ids = {"e1"};
    e.errors = {{"b_bom_only.txt", "empty article"}, {"d_empty.txt", "empty article"}, {"e_spaces.txt", "empty article"}};
    return e;
  });

  // 7. Random bytes with an unknown extension (sniffed as text).
  add("random_binary", false, [](const fs::path& in) {
    std::string noise = RandomBytes(64 << 10, 7);
    noise[0] = '\x89';  // not '{', '<' or 'W': sniffed as text
    WriteFile(in / "noise.bin", noise);
    WriteFile(in / "zz.jsonl", GoodLine("r1"));
    Expect e;
    // Named explicitly: a directory walk reads only files with article extensions.
    e.inputs = {(in / "noise.bin").string(), (in / "zz.jsonl").string()};
    e.good_ids = {"r1"};
    e.errors = {{"noise.bin", "invalid UTF-8"}};
    return e;
  });

  // 8. A PNG image.
  add("png_image", false, [](const fs::path& in) {
    std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0", 29);
    png += RandomBytes(4096, 8);
    WriteFile(in / "photo.png", png);
    WriteFile(in / "story.txt", GoodText(3));
    Expect e;
    // Named explicitly: a directory walk reads only files with article extensions.
    e.inputs = {(in / "photo.png").string(), (in / "story.txt").string()};
    e.good_ids = {"story"};
    e.errors = {{"photo.png", "invalid UTF-8"}};
    return e;
  });

  // 9. An ELF executable named like an article (valid UTF-8 up to its NULs).
  add("elf_binary", false, [](const fs::path& in) {
    std::string elf("\x7f" "ELF\x02\x01\x01", 7);
    elf += std::string(9, '\0');
    elf += std::string("\x02\0\x3e\0\x01\0\0\0", 8);
    elf += "GCC: (Debian 12.2.0-14) 12.2.0";
    elf += std::string(512, '\0');
    WriteFile(in / "program.txt", elf);
    WriteFile(in / "story.txt", GoodText(4));
    Expect e;
    e.good_ids = {"story"};
    e.errors = {{"program.txt", "NUL byte"}};
    return e;
  });

  // 10. A .gz cut short: the lines before the cut are stored, one error names the file.
  add("truncated_gzip", false, [](const fs::path& in) {
    std::string jsonl;
    for (int i = 0; i < 400; ++i) jsonl += GoodLine("g" + std::to_string(i), i);
    std::string gz = Gzip(jsonl);
    gz.resize(gz.size() * 6 / 10);
    WriteFile(in / "cut.jsonl.gz", gz);
    Expect e;
    e.new_articles = -2;  // checked below: some but not all
    e.good_ids = {"g0", "g1"};
    e.errors = {{"cut.jsonl.gz", "truncated or corrupt compressed data"}};
    e.check = [](Db& db) {
      const long n = db.Count("SELECT count(*) FROM articles WHERE id LIKE 'g%'");
      EXPECT_GT(n, 10);
      EXPECT_LT(n, 400);
    };
    return e;
  });

  // 11. A multi-member .gz whose middle member is corrupt: one error names the
  // file; reading stops there (zlib cannot resynchronise), and the text
  // decompressed in the same 256 KB read as the corruption is lost with it.
  add("corrupt_gzip_member", false, [](const fs::path& in) {
    std::string m1, m2, m3;
    for (int i = 0; i < 50; ++i) m1 += GoodLine("m1_" + std::to_string(i), i);
    for (int i = 0; i < 50; ++i) m2 += GoodLine("m2_" + std::to_string(i), i);
    for (int i = 0; i < 50; ++i) m3 += GoodLine("m3_" + std::to_string(i), i);
    std::string bad = Gzip(m2);
    for (size_t i = bad.size() / 2; i < bad.size() / 2 + 16; ++i) bad[i] = static_cast<char>(~bad[i]);
    WriteFile(in / "multi.jsonl.gz", Gzip(m1) + bad + Gzip(m3));
    WriteFile(in / "other.jsonl", GoodLine("after"));
    Expect e;
    e.new_articles = -2;
    e.good_ids = {"after"};
    e.errors = {{"multi.jsonl.gz:", "corrupt compressed data"}};
    e.check = [](Db& db) {
      EXPECT_LE(db.Count("SELECT count(*) FROM articles WHERE id LIKE 'm1!_%' ESCAPE '!'"), 50);
      EXPECT_EQ(db.Count("SELECT count(*) FROM articles WHERE id LIKE 'm3!_%' ESCAPE '!'"), 0);
    };
    return e;
  });

  // 12. A .gz name on plain data: read as is.
  add("gz_name_plain_data", false, [](const fs::path& in) {
    WriteFile(in / "plain.jsonl.gz", GoodLine("p1") + GoodLine("p2"));
    Expect e;
    e.good_ids = {"p1", "p2"};
    return e;
  });

  // 13. Corrupt WARC records. The WARC reader is being written (issue 6); until it
  // lands the whole file is reported with one clear line. Either way: no crash,
  // every error line names the file, the other input is stored.
  add("corrupt_warc", false, [](const fs::path& in) {
    const std::string html =
        "<html><head><title>Talks in Astana</title></head><body><article><p>" + NewsText(5) + "</p><p>" +
        NewsText(6) + "</p></article></body></html>";
    const std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html;
    auto record = [](const std::string& uri, const std::string& block, const std::string& length) {
      return "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri +
             "\r\nWARC-Date: 2025-06-17T10:34:56Z\r\nWARC-Record-ID: <urn:uuid:" + uri.substr(uri.size() - 4) +
             ">\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " + length + "\r\n\r\n" + block +
             "\r\n\r\n";
    };
    std::string warc = record("https://example.org/news/good1", http, std::to_string(http.size()));
    warc += record("https://example.org/news/bad2", http, "not-a-number");
    warc += "WARC/1.0\r\nthis is not a header line\r\n\x01\x02\x03\r\n\r\n";
    warc += record("https://example.org/news/bad4", "HTTP/1.1 200 OK\r\n\r\nshort", "999999");
    WriteFile(in / "crawl.warc", warc);
    WriteFile(in / "z.jsonl", GoodLine("w_after"));
    Expect e;
    e.new_articles = -2;
    e.good_ids = {"w_after"};
    e.check_errors = [](const std::vector<std::string>& lines, Db& db) {
      ASSERT_FALSE(lines.empty());
      for (const std::string& line : lines) EXPECT_NE(line.find("crawl.warc"), std::string::npos) << line;
      if (lines.size() == 1 && lines[0].find("not supported") != std::string::npos) return;  // placeholder reader
      // The real reader: the good record is stored, each bad record is one line naming it.
      for (const std::string& line : lines) EXPECT_NE(line.find("record"), std::string::npos) << line;
      EXPECT_EQ(db.Count("SELECT count(*) FROM articles WHERE url LIKE '%good1'"), 1);
    };
    return e;
  });

  // 14. HTML nested 100,000 levels deep (a stack-overflow trap for recursive parsers).
  add("deeply_nested_html", false, [](const fs::path& in) {
    std::string html = "<!DOCTYPE html><html><head><title>Deep</title></head><body>";
    html.reserve(1 << 20);
    for (int i = 0; i < 100000; ++i) html += "<div>";
    html += "<p>" + NewsText(7) + "</p>";
    for (int i = 0; i < 100000; ++i) html += "</div>";
    html += "</body></html>";
    WriteFile(in / "deep.html", html);
    WriteFile(in / "z.jsonl", GoodLine("h_after"));
    Expect e;
    e.new_articles = -2;
    e.good_ids = {"h_after"};
    e.check_errors = [](const std::vector<std::string>& lines, Db&) {
      // Stored or reported with one line naming the file; never a crash.
      ASSERT_LE(lines.size(), 1u);
      for (const std::string& line : lines) EXPECT_NE(line.find("deep.html"), std::string::npos) << line;
    };
    return e;
  });

  // 15. JSONL lines that are not JSON objects.
  add("jsonl_not_json", false, [](const fs::path& in) {
    WriteFile(in / "a.jsonl", GoodLine("j1") + "hello world\n{\"id\":\"j3\",\"text\":\"unterminated\n[1,2,3]\n\"just a string\"\n42\n" +
                                  "{\"id\":\"j7\",\"text\":\"trailing garbage\"} xyz\n" + GoodLine("j8"));
    Expect e;
    e.good_ids = {"j1", "j8"};
    e.errors = {{"a.jsonl:2:", "JSON"}, {"a.jsonl:3:", "JSON"}, {"a.jsonl:4:", "JSON"},
                {"a.jsonl:5:", "JSON"}, {"a.jsonl:6:", "JSON"}, {"a.jsonl:7:", "JSON"}};
    return e;
  });

  // 16. JSON objects without usable text.
  add("jsonl_missing_text", false, [](const fs::path& in) {
    WriteFile(in / "a.jsonl", std::string("{\"id\":\"t1\",\"title\":\"No body\"}\n") + "{}\n" +
                                  "{\"id\":\"t3\",\"text\":\"\"}\n" + "{\"id\":\"t4\",\"text\":\"  \\n\\t \"}\n" + GoodLine("t5"));
    Expect e;
    e.good_ids = {"t5"};
    e.errors = {{"a.jsonl:1:", "no text field"}, {"a.jsonl:2:", "no text field"},
                {"a.jsonl:3:", "empty text"}, {"a.jsonl:4:", "empty text"}};
    return e;
  });

  // 17. "text" of the wrong type: number, array, object, boolean, null.
  add("jsonl_text_wrong_types", false, [](const fs::path& in) {
    WriteFile(in / "a.jsonl", std::string("{\"id\":\"w1\",\"text\":42}\n") + "{\"id\":\"w2\",\"text\":[\"a\",\"b\"]}\n" +
                                  "{\"id\":\"w3\",\"text\":{\"body\":\"x\"}}\n" + "{\"id\":\"w4\",\"text\":true}\n" +
                                  "{\"id\":\"w5\",\"text\":null}\n" + GoodLine("w6"));
    Expect e;
    e.good_ids = {"w6"};
    e.errors = {{"a.jsonl:1:", "\"text\" has the wrong type"}, {"a.jsonl:2:", "\"text\" has the wrong type"},
                {"a.jsonl:3:", "\"text\" has the wrong type"}, {"a.jsonl:4:", "\"text\" has the wrong type"},
                {"a.jsonl:5:", "no text field"}};
    return e;
  });

  // 18. Metadata fields of the wrong type are named in the error.
  add("jsonl_fields_wrong_types", false, [](const fs::path& in) {
    const std::string text = "\"text\":\"" + JsonEscape(NewsText(8)) + "\"";
    WriteFile(in / "a.jsonl", "{\"id\":[1,2]," + text + "}\n" + "{\"id\":\"f2\",\"title\":{\"x\":1}," + text + "}\n" +
                                  "{\"id\":\"f3\",\"date\":20250617," + text + "}\n" + "{\"id\":123456789012345678901234567890," + text +
                                  "}\n");
    Expect e;
    e.good_ids = {"123456789012345678901234567890"};
    e.errors = {{"a.jsonl:1:", "\"id\" has the wrong type"}, {"a.jsonl:2:", "\"title\" has the wrong type"},
                {"a.jsonl:3:", "\"date\" has the wrong type"}};
    return e;
  });

  // 19. JSON nested 100,000 levels deep: inside an ignored field it is valid
  // JSON and the article is stored; as the text it is the wrong type.
  add("deeply_nested_json", false, [](const fs::path& in) {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    WriteFile(in / "a.jsonl", "{\"id\":\"d1\",\"text\":\"Officials met in Astana.\",\"extra\":" + deep + "}\n" +
                                  "{\"id\":\"d2\",\"text\":" + deep + "}\n" + GoodLine("d3"));
    Expect e;
    e.good_ids = {"d1", "d3"};
    e.errors = {{"a.jsonl:2:", "\"text\" has the wrong type"}};
    return e;
  });

  // 20. Duplicate keys in one object, and one id twice in a file (the later text replaces the earlier).
  add("duplicate_keys_and_ids", false, [](const fs::path& in) {
    WriteFile(in / "a.jsonl", std::string("{\"id\":\"dup1\",\"text\":\"First text of the article.\",\"text\":\"Second text wins.\"}\n") +
                                  "{\"id\":\"dup1\",\"id\":\"dup2\",\"text\":\"An id given twice.\"}\n" + GoodLine("dup3", 1) +
                                  GoodLine("dup3", 2));
    Expect e;
    e.good_ids = {"dup1", "dup2", "dup3"};
    e.check = [](Db& db) {
      EXPECT_EQ(db.One("SELECT ties_text(text) FROM articles WHERE id='dup1'"), "Second text wins.");
      EXPECT_NE(db.One("SELECT ties_text(text) FROM articles WHERE id='dup3'").find("story 2."), std::string::npos);
      EXPECT_EQ(db.Count("SELECT count(*) FROM articles WHERE id='dup3'"), 1);
    };
    return e;
  });

  // 21. Impossible, future and nonsense dates: stored; an impossible date is not stored as given.
  add("impossible_and_future_dates", false, [](const fs::path& in) {
    std::string lines;
    const std::vector<std::pair<std::string, std::string>> dates = {
        {"dt1", "2025-02-30"}, {"dt2", "9999-12-31"}, {"dt3", "0000-00-00"}, {"dt4", "2025-13-45"},
        {"dt5", "yesterday"},  {"dt6", "2025-06-17T25:61:99"}, {"dt7", "-2025-01-01"}, {"dt8", "99999999999999999999"}};
    for (size_t i = 0; i < dates.size(); ++i) {
      lines += "{\"id\":\"" + dates[i].first + "\",\"date\":\"" + dates[i].second + "\",\"text\":\"" +
               JsonEscape(NewsText(static_cast<int>(i))) + "\"}\n";
    }
    WriteFile(in / "a.jsonl", lines);
    WriteFile(in / "b.txt", "date 2025-02-30 Impossible header date\n\n" + NewsText(9) + "\n");
    Expect e;
    e.good_ids = {"dt1", "dt2", "dt3", "dt4", "dt5", "dt6", "dt7", "dt8", "b"};
    e.check = [](Db& db) {
      for (const char* id : {"dt1", "dt3", "dt4"}) {
        const std::string published = db.One(std::string("SELECT coalesce(published,'') FROM articles WHERE id='") + id + "'");
        EXPECT_EQ(published.find("-30"), std::string::npos) << id << " " << published;
        EXPECT_EQ(published.find("0000"), std::string::npos) << id << " " << published;
        EXPECT_EQ(published.find("-13-"), std::string::npos) << id << " " << published;
      }
    };
    return e;
  });

  // 22. A quotation mark opened at the start and never closed, over a long article.
  add("unbalanced_quotes", false, [](const fs::path& in) {
    std::string text = "\xE2\x80\x9C";  // “
    for (int i = 0; i < 300; ++i) text += "The minister said the talks in Astana were useful and would continue. ";
    std::string ascii = "\"";
    for (int i = 0; i < 300; ++i) ascii += "He said \"the talks were useful and \xE2\x80\x98 would continue. ";
    WriteFile(in / "a.jsonl", "{\"id\":\"q1\",\"text\":\"" + JsonEscape(text) + "\"}\n{\"id\":\"q2\",\"text\":\"" +
                                  JsonEscape(ascii) + "\"}\n");
    Expect e;
    e.good_ids = {"q1", "q2"};
    return e;
  });

  // 23. Right-to-left and mixed scripts, with bidi controls.
  add("rtl_and_mixed_scripts", false, [](const fs::path& in) {
    const std::string arabic =
        "\xD9\x82\xD8\xA7\xD9\x84 \xD8\xA7\xD9\x84\xD8\xB1\xD8\xA6\xD9\x8A\xD8\xB3 Tokayev \xD9\x81\xD9\x8A Astana "
        "\xC2\xAB\xD8\xA7\xD9\x84\xD8\xAA\xD8\xB9\xD8\xA7\xD9\x88\xD9\x86\xC2\xBB 2025.";
    const std::string hebrew =
        "\xD7\x94\xD7\xA0\xD7\xA9\xD7\x99\xD7\x90 Wang Yi \xD7\x90\xD7\x9E\xD7\xA8 \xE2\x80\x8F\"\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D\"\xE2\x80\x8E "
        "in Jerusalem \xE2\x80\xAE reversed \xE2\x80\xAC on Monday.";
    const std::string mixed = "Astana \xD0\x90\xD1\x81\xD1\x82\xD0\xB0\xD0\xBD\xD0\xB0 \xE5\x8C\x97\xE4\xBA\xAC "
                              "\xE0\xA4\xA8\xE0\xA4\xAE\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4\xE0\xA5\x87 \xF0\x9F\x98\x80 said: \"ok\".";
    WriteFile(in / "a.jsonl", "{\"id\":\"ar\",\"language\":\"ar\",\"text\":\"" + arabic + "\"}\n{\"id\":\"he\",\"text\":\"" +
                                  JsonEscape(hebrew) + "\"}\n{\"id\":\"mx\",\"text\":\"" + JsonEscape(mixed) + "\"}\n");
    WriteFile(in / "arabic.txt", arabic + "\n\n" + arabic + "\n");
    Expect e;
    e.good_ids = {"ar", "he", "mx", "arabic"};
    return e;
  });

  // 24. Every Unicode space and quotation mark, in a text and in a JSON article.
  add("every_unicode_space_and_quote", false, [](const fs::path& in) {
    const std::vector<char32_t> spaces = {0x09,   0x0B,   0x0C,   0x20,   0x85,   0xA0,   0x1680, 0x180E, 0x2000,
                                          0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009,
                                          0x200A, 0x200B, 0x200C, 0x200D, 0x2028, 0x2029, 0x202F, 0x205F, 0x2060,
                                          0x3000, 0xFEFF};
    const std::vector<char32_t> quotes = {0x22,   0x27,   0xAB,   0xBB,   0x2018, 0x2019, 0x201A, 0x201B, 0x201C,
                                          0x201D, 0x201E, 0x201F, 0x2039, 0x203A, 0x2E42, 0x300C, 0x300D, 0x300E,
                                          0x300F, 0x301D, 0x301E, 0x301F, 0xFE41, 0xFE42, 0xFE43, 0xFE44, 0xFF02,
                                          0xFF07, 0xFF62, 0xFF63, 0x0060, 0x00B4, 0x2032, 0x2033};
    std::string text = "Officials";
    for (char32_t s : spaces) text += U8(s) + "met";
    text += ". ";
    for (char32_t q : quotes) text += U8(q) + "Quoted words," + U8(q) + " the minister said" + U8(q) + ". ";
    for (char32_t q : quotes) text += U8(q);
    for (char32_t s : spaces) text += U8(s);
    WriteFile(in / "spaces.txt", "Title\n\n" + text + "\n");
    WriteFile(in / "a.jsonl", "{\"id\":\"sq\",\"text\":\"" + JsonEscape(text) + "\"}\n");
    Expect e;
    e.good_ids = {"sq", "spaces"};
    return e;
  });

  // 25. Lone surrogates escaped in JSON (\ud800): the line is reported, a valid pair is fine.
  add("json_lone_surrogates", false, [](const fs::path& in) {
    WriteFile(in / "a.jsonl", std::string("{\"id\":\"s1\",\"text\":\"lone high \\ud800 here\"}\n") +
                                  "{\"id\":\"s2\",\"text\":\"lone low \\udc00 here\"}\n" +
                                  "{\"id\":\"s3\",\"text\":\"high then letter \\ud800\\u0041\"}\n" +
                                  "{\"id\":\"s4\",\"text\":\"a valid pair \\ud83d\\ude00 is fine\"}\n" +
                                  "{\"id\":\"s5\",\"title\":\"\\udfff\",\"text\":\"bad title\"}\n");
    Expect e;
    e.good_ids = {"s4"};
    e.errors = {{"a.jsonl:1:", "\"text\""}, {"a.jsonl:2:", "\"text\""}, {"a.jsonl:3:", "\"text\""}, {"a.jsonl:5:", "\"title\""}};
    return e;
  });

  // 26. CRLF and CR-only line ends.
  add("crlf_and_cr_line_ends", false, [](const fs::path& in) {
    std::string crlf = GoodLine("c1") + GoodLine("c2");
    for (size_t pos = crlf.find('\n'); pos != std::string::npos; pos = crlf.find('\n', pos + 2)) crlf.replace(pos, 1, "\r\n");
    WriteFile(in / "crlf.jsonl", crlf);
    WriteFile(in / "crlf.txt", "date 2025-06-16 CRLF story\r\n\r\nXinhua) 10:34, June 16, 2025\r\n\r\n" + NewsText(1) +
                                   "\r\n\r\nSecond paragraph.\r\n");
    WriteFile(in / "cr.txt", "date 2025-06-16 CR story\r\rXinhua) 10:34, June 16, 2025\r\r" + NewsText(2) + "\r\rSecond paragraph.\r");
    Expect e;
    e.good_ids = {"c1", "c2", "crlf", "cr"};
    e.check = [](Db& db) {
      EXPECT_EQ(db.One("SELECT source FROM articles WHERE id='cr'"), "Xinhua");
      EXPECT_EQ(db.Count("SELECT instr(ties_text(text), char(13)) FROM articles WHERE id IN ('cr','crlf','c1')"), 0);
    };
    return e;
  });

  // 27. JSONL with CR-only line ends is one physical line holding several
  // objects, as is "{...}{...}": reported, never stored as its first record alone.
  add("jsonl_cr_only_and_concatenated", false, [](const fs::path& in) {
    std::string cr = GoodLine("cr1") + GoodLine("cr2");
    for (char& c : cr) c = c == '\n' ? '\r' : c;
    WriteFile(in / "mac.jsonl", cr);
    std::string two = GoodLine("cc1");
    two.pop_back();
    WriteFile(in / "two.jsonl", two + GoodLine("cc2") + GoodLine("cc3"));
    Expect e;
    e.good_ids = {"cc3"};
    e.errors = {{"mac.jsonl:1:", "more than one JSON value"}, {"two.jsonl:1:", "more than one JSON value"}};
    return e;
  });

  // 28. Special files: unreadable (chmod 000; readable anyway as root), a FIFO and
  // dangling or looping symlinks inside a directory, a dangling symlink and a
  // missing path given directly. Nothing hangs; the regular files are stored.
  add("special_files", false, [](const fs::path& in) {
    fs::create_directories(in / "dir");
    WriteFile(in / "dir" / "good.jsonl", GoodLine("sp1"));
    WriteFile(in / "dir" / "locked.jsonl", GoodLine("sp2"));
    chmod((in / "dir" / "locked.jsonl").c_str(), 0);
    mkfifo((in / "dir" / "pipe.jsonl").c_str(), 0644);
    fs::create_symlink(in / "nowhere.jsonl", in / "dir" / "dangling.jsonl");
    fs::create_symlink(in / "dir" / "loop2.jsonl", in / "dir" / "loop1.jsonl");
    fs::create_symlink(in / "dir" / "loop1.jsonl", in / "dir" / "loop2.jsonl");
    fs::create_symlink(in / "gone.jsonl", in / "direct_dangling.jsonl");
    Expect e;
    e.inputs = {(in / "dir").string(), (in / "direct_dangling.jsonl").string(), (in / "missing.jsonl").string()};
    const bool root = geteuid() == 0;
    e.good_ids = root ? std::vector<std::string>{"sp1", "sp2"} : std::vector<std::string>{"sp1"};
    e.errors = {{"direct_dangling.jsonl", "no such file"}, {"missing.jsonl", "no such file"}};
    if (!root) e.errors.insert(e.errors.begin() + 2, {"locked.jsonl", "Permission denied"});
    return e;
  });

  // 29. Extremely long words and lines (no spaces, no newlines).
  add("extremely_long_words_and_lines", false, [](const fs::path& in) {
    std::string word(2 << 20, 'a');
    std::string line;
    for (int i = 0; i < 100000; ++i) line += "word" + std::to_string(i % 97) + " ";
    std::string digits(1 << 20, '7');
    std::string dashes(1 << 20, '-');
    std::string caps;
    for (int i = 0; i < 50000; ++i) caps += "Minister ";
    WriteFile(in / "a.jsonl", "{\"id\":\"lw1\",\"text\":\"" + word + "\"}\n{\"id\":\"lw2\",\"text\":\"" + line +
                                  "\"}\n{\"id\":\"lw3\",\"text\":\"" + digits + " " + dashes + "\"}\n{\"id\":\"lw4\",\"text\":\"" + caps + "said.\"}\n");
    WriteFile(in / "oneline.txt", "Title\n\n" + line);
    Expect e;
    e.good_ids = {"lw1", "lw2", "lw3", "lw4", "oneline"};
    e.max_rss_mb = 1024;
    return e;
  });

  // 30. A JSON array document with bad elements: each is reported as "record N";
  // a truncated array keeps the elements before the cut (arrays are streamed).
  add("json_array_bad_elements", false, [](const fs::path& in) {
    std::string good1 = GoodLine("ja1"), good4 = GoodLine("ja4");
    good1.pop_back();
    good4.pop_back();
    WriteFile(in / "arr.json", "[" + good1 + ", 5, {\"id\":\"ja3\",\"text\":1}, " + good4 + ", null]");
    WriteFile(in / "broken.json", "[" + good1 + ", {\"id\":");
    Expect e;
    e.good_ids = {"ja1", "ja4"};
    e.errors = {{"arr.json: record 2", "not a JSON object"}, {"arr.json: record 3", "wrong type"},
                {"arr.json: record 5", "not a JSON object"}, {"broken.json: record 2", "truncated JSON array"}};  // ja1 before it is read
    return e;
  });

  // 31. Text headers without a body, and control characters and noncharacters in text.
  add("header_only_and_control_chars", false, [](const fs::path& in) {
    WriteFile(in / "headonly.txt", "date 2025-06-16 A title and nothing else\n\n\n");
    std::string ctrl = "Officials \x1B[31m met \x07 in Astana \x7F" + U8(0xFFFE) + U8(0xFFFF) + U8(0xE000) + U8(0x10FFFF) +
                       " on Monday." + U8(0x0301) + U8(0x0301);
    for (int i = 0; i < 5000; ++i) ctrl += U8(0x0336);  // a "zalgo" pile of combining marks
    WriteFile(in / "ctrl.txt", "Title\n\n" + ctrl + "\n");
    Expect e;
    e.good_ids = {"ctrl"};
    e.errors = {{"headonly.txt", "no body"}};
    return e;
  });

  // 32. A JSONL line of 100 MB among good ones: reported as too long, memory bounded.
  add("jsonl_100mb_line", true, [](const fs::path& in) {
    {
      std::ofstream out(in / "big.jsonl", std::ios::binary);
      out << GoodLine("big1");
      out << "{\"id\":\"big2\",\"text\":\"";
      const std::string chunk = "The delegation from Astana met officials in Beijing. ";
      for (size_t written = 0; written < (100u << 20); written += chunk.size()) out << chunk;
      out << "\"}\n";
      out << GoodLine("big3");
    }
    Expect e;
    e.good_ids = {"big1", "big3"};
    e.errors = {{"big.jsonl:2:", "line longer than"}};
    e.max_rss_mb = 600;
    e.timeout_s = 300;
    return e;
  });

  // 33. A single 200 MB article: reported as too large (ReadOptions::max_article_bytes), memory bounded.
  add("article_200mb", true, [](const fs::path& in) {
    fs::create_directories(in);
    {
      std::ofstream out(in / "huge.txt", std::ios::binary);
      out << "date 2025-06-16 A very long article\n\n";
      const std::string chunk = "The delegation from Astana met officials in Beijing on Monday.\n";
      for (size_t written = 0; written < (200u << 20); written += chunk.size()) out << chunk;
    }
    WriteFile(in / "small.txt", GoodText(10));
    Expect e;
    e.good_ids = {"small"};
    e.errors = {{"huge.txt", "larger than"}};
    e.max_rss_mb = 600;
    e.timeout_s = 300;
    return e;
  });

  // 34. One million tiny articles in one JSONL file: all stored, memory flat
  // (200,000 under the sanitizers, which are ten times slower). Only the
  // "segment" stage runs: the reader, the runner's queues and the store are
  // what could grow with the article count (the stages hold nothing between
  // articles; the crash test runs them all on 20,000 articles).
  add("million_tiny_articles", true, [](const fs::path& in) {
    fs::create_directories(in);
    const int count = TIES_TEST_ASAN ? 200000 : 1000000;
    {
      std::ofstream out(in / "tiny.jsonl", std::ios::binary);
      std::string buf;
      for (int i = 0; i < count; ++i) {
        buf += "{\"id\":\"tiny" + std::to_string(i) + "\",\"text\":\"Talks " + std::to_string(i) + ".\"}\n";
        if (buf.size() > (1 << 20)) out << buf, buf.clear();
      }
      out << buf;
    }
    Expect e;
    e.new_articles = count;
    e.good_ids = {"tiny0", "tiny" + std::to_string(count - 1)};
    e.extra_args = {"--batch", "5000", "--stages", "segment"};
    e.max_rss_mb = 600;
    e.timeout_s = 3000;
    return e;
  });

  return cases;
}

// ---------------------------------------------------------------- the test

std::string Binary() { return TIES_BINARY; }

std::vector<std::string> IngestArgs(const std::string& db, const std::vector<std::string>& inputs,
                                    const std::vector<std::string>& extra) {
  std::vector<std::string> argv = {Binary(), "--db", db, "ingest", "--quiet", "--threads", "2"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.insert(argv.end(), inputs.begin(), inputs.end());
  return argv;
}

std::vector<std::string> NonEmptyLines(const std::string& s) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t nl = s.find('\n', pos);
    if (nl == std::string::npos) nl = s.size();
    if (nl > pos) lines.push_back(s.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

class BadInputTest : public ::testing::TestWithParam<Case> {
 protected:
  static fs::path Root() { return fs::path(TIES_TEST_BINARY_DIR) / "badinput_test"; }

  // A database with three articles, built in each case's directory. Under
  // ctest every case is its own process and they run in parallel (-j2), so one
  // database built once and copied would be built by several processes at once.
  // Returns "" or what went wrong (a failure fails the case, never skips it).
  static std::string MakeBaseline(const fs::path& dir, const std::string& db_path) {
    WriteFile(dir / "base.jsonl", GoodLine("base1", 101) + GoodLine("base2", 102) + GoodLine("base3", 103));
    const ChildResult r = ties_test::RunChild(IngestArgs(db_path, {(dir / "base.jsonl").string()}, {}), dir.string(),
                                              120 * kTimeScale);
    return r.exited && r.exit_code == 0 ? std::string() : "baseline ingest failed: " + ties_test::Describe(r);
  }

  static std::map<std::string, std::string> BaselineHashes(Db& db) {
    std::map<std::string, std::string> hashes;
    for (const auto& row : db.Rows("SELECT id, content_hash FROM articles WHERE id LIKE 'base%'")) hashes[row[0]] = row[1];
    return hashes;
  }
};

TEST_P(BadInputTest, SurvivesAndReports) {
  const Case& c = GetParam();
  const fs::path dir = Root() / c.name;
  if (fs::exists(dir)) {
    // Earlier runs may leave unreadable files behind.
    for (const auto& entry : fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied)) {
      if (entry.is_regular_file()) chmod(entry.path().c_str(), 0644);
    }
  }
  fs::remove_all(dir);
  fs::create_directories(dir / "in");
  const std::string db_path = (dir / "t.db").string();
  ASSERT_EQ(MakeBaseline(dir, db_path), "");
  std::map<std::string, std::string> before;
  {
    Db db(db_path);
    before = BaselineHashes(db);
    ASSERT_EQ(before.size(), 3u);
  }

  Expect e = c.make(dir / "in");
  if (e.inputs.empty()) e.inputs = {(dir / "in").string()};
  const ChildResult r = ties_test::RunChild(IngestArgs(db_path, e.inputs, e.extra_args), dir.string(), e.timeout_s * kTimeScale);
  const std::string what = ties_test::Describe(r);

  // Normal exit: 0 when nothing was reported, 1 when some records were.
  ASSERT_TRUE(r.exited) << what;
  const std::vector<std::string> lines = NonEmptyLines(r.err);
  const bool expect_errors = e.check_errors ? !lines.empty() : !e.errors.empty();
  EXPECT_EQ(r.exit_code, expect_errors ? 1 : 0) << what;
  if (e.max_rss_mb > 0) {
    EXPECT_LE(r.max_rss_kb / 1024, e.max_rss_mb * kRssScale) << what;
  }

  // Stored articles (the run) and the baseline (before the run).
  Db db(db_path);
  EXPECT_EQ(db.One("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(BaselineHashes(db), before) << "articles stored before the run changed";
  for (const std::string& id : e.good_ids) {
    EXPECT_EQ(db.Count("SELECT count(*) FROM articles WHERE id=" + Quoted(id)), 1) << "not stored: " << id << "\n" << what;
  }
  const long stored = db.Count("SELECT count(*) FROM articles") - 3;
  if (e.new_articles >= 0) {
    EXPECT_EQ(stored, e.new_articles) << what;
  } else if (e.new_articles == -1) {
    EXPECT_EQ(stored, static_cast<long>(e.good_ids.size())) << what;
  }

  // One clear line per bad record: "ties: FILE[:LINE| record N]: message".
  for (const std::string& line : lines) EXPECT_EQ(line.rfind("ties: ", 0), 0u) << line;
  if (e.check_errors) {
    e.check_errors(lines, db);
  } else {
    EXPECT_EQ(lines.size(), e.errors.size()) << what;
    for (size_t i = 0; i < std::min(lines.size(), e.errors.size()); ++i) {
      EXPECT_NE(lines[i].find(e.errors[i].where), std::string::npos) << "line " << i << ": " << lines[i];
      EXPECT_NE(lines[i].find(e.errors[i].what), std::string::npos) << "line " << i << ": " << lines[i];
    }
  }
  if (e.check) e.check(db);

  // The bulky inputs are not kept.
  if (!HasFailure()) fs::remove_all(dir / "in");
}

std::vector<Case> Selected() {
  std::vector<Case> out;
  for (Case& c : Catalogue()) {
    if (c.slow == static_cast<bool>(TIES_BADINPUT_SLOW)) out.push_back(std::move(c));
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadInputTest, ::testing::ValuesIn(Selected()),
                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

// The catalogue itself: at least 25 kinds, unique names.
TEST(BadInputCatalogue, HasAtLeast25Kinds) {
  const std::vector<Case> all = Catalogue();
  EXPECT_GE(all.size(), 25u);
  std::map<std::string, int> names;
  for (const Case& c : all) EXPECT_EQ(++names[c.name], 1) << c.name;
}

}  // namespace

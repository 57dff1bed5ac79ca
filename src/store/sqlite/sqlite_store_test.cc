// sqlite_store_test.cc: the SQLite store's schema 2 (docs/storage.md): article
// text stored compressed and read back exactly, span texts cut from it by code
// point offsets, full-text indexes that follow a replaced article, and a clear
// error for databases of another schema version.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_util.h"
#include "ties/query.h"
#include "ties/store.h"

namespace ties {
namespace {

namespace fs = std::filesystem;

std::string TempDb(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("ties-sqlite-store-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path path = dir / name;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  return path.string();
}

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// Stored values read back through ties_text() and ties_span() on a connection
// of OpenDatabase (which registers the functions).
TEST(SqliteTextTest, CompressedTextReadsBackExactly) {
  struct Case {
    std::string text;
    int64_t span_begin, span_end;  // code points
    std::string span;
  };
  const std::vector<Case> cases = {
      {"", 0, 0, ""},
      {"Astana", 0, 3, "Ast"},
      {"ASTANA -- \"Our friendship is firm,\" Wang said.", 11, 33, "Our friendship is firm"},
      {Repeat("Kazakhstan and China signed an agreement on tourism. ", 40), 15, 20, "China"},
      // Multi-byte UTF-8: offsets are code points, not bytes.
      {Repeat("Алматы – 阿拉木图 😀 Қазақстан. ", 30), 9, 13, "阿拉木图"},
      {"Алматы – 阿拉木图", 12, 99, "图"},  // end past the text: clamped
  };
  Result<sqlite3*> db = OpenDatabase(":memory:", false);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  for (const Case& c : cases) {
    const StoredText stored = CompressText(c.text);
    EXPECT_EQ(stored.compressed, c.text.size() > 200) << c.text.substr(0, 20);  // long texts do compress
    Statement st(*db, "SELECT ties_text(?1), ties_span(?1, ?2, ?3), ties_span(?1, NULL, ?3) IS NULL");
    ASSERT_TRUE(st.valid()) << st.error();
    if (stored.compressed) st.BindBlob(1, stored.bytes); else st.Bind(1, stored.bytes);
    st.Bind(2, c.span_begin).Bind(3, c.span_end);
    ASSERT_TRUE(st.Step());
    EXPECT_EQ(st.Text(0), c.text);
    EXPECT_EQ(st.Text(1), c.span);
    EXPECT_EQ(st.Int(2), 1);
  }
  // A corrupt frame is an SQL error, not a crash.
  Statement bad(*db, "SELECT ties_text(x'28b52ffd00ff')");
  Status status;
  EXPECT_FALSE(bad.Step(&status));
  EXPECT_FALSE(status.ok());
  bad = Statement();
  sqlite3_close(*db);
}

// Tone percentages are stored as the count k when 100.0 * k / words gives
// the same double back, bit for bit; anything else stays a double.
TEST(SqliteTextTest, TonesAreStoredAsCountsOnlyWhenExact) {
  struct Case {
    double value;
    uint32_t words;
    std::optional<int64_t> k;
  };
  const std::vector<Case> cases = {
      {100.0 * 1 / 35, 35, 1},
      {100.0 * 3 / 7, 7, 3},
      {100.0 * -4 / 9, 9, -4},
      {0.0, 12, 0},
      {-0.0, 12, std::nullopt},                   // the sign of zero would be lost
      {100.0 * 2 / 35 - 100.0 * 1 / 35, 35, 1},  // a difference that happens to be exact
      {1.0 / 3.0, 35, std::nullopt},              // not a count over 35 words
      {5.0, 0, std::nullopt},                     // no words
  };
  for (const Case& c : cases) {
    const std::optional<int64_t> k = EncodeTone(c.value, c.words);
    EXPECT_EQ(k, c.k) << c.value << " over " << c.words;
    if (k) {
      const double back = DecodeTone(*k, c.words);
      EXPECT_EQ(std::memcmp(&back, &c.value, sizeof back), 0) << c.value;
    }
  }
}

// One hand-made article: text with multi-byte characters before the quote, a
// speaker mention and a cue, so every cut depends on code point offsets.
Document MakeArticle(const std::string& id, const std::string& quote_text) {
  Document doc;
  doc.meta.id = id;
  doc.meta.title = "Алматы talks";
  doc.meta.published = "2025-06-17T10:00:00Z";
  doc.meta.source = "testwire";
  const std::string lead = "АЛМАТЫ, June 17 -- Қазақстан 😀 and China met. \"";
  doc.text = lead + quote_text + ",\" Aida Balayeva said on Tuesday. " + Repeat("Tourism grew again. ", 20);
  Entity person;
  person.type = EntityType::kPerson;
  person.canonical = "Aida Balayeva";
  person.country = "KAZ";
  person.role = "Minister of Culture and Information";
  doc.entities.push_back(person);
  const auto find = [&](const std::string& s) {
    const auto pos = static_cast<uint32_t>(doc.text.find(s));
    return Span{pos, pos + static_cast<uint32_t>(s.size())};
  };
  Mention mention;
  mention.span = find("Aida Balayeva");
  doc.mentions.push_back(mention);
  // Two mentions of one resolved place (stored once in place_names) and one
  // without a gazetteer entry or point.
  Place almaty;
  almaty.span = find("АЛМАТЫ");
  almaty.name = "Almaty";
  almaty.geonameid = 1526384;
  almaty.lat = 43.25667;
  almaty.lon = 76.92861;
  almaty.has_coordinates = true;
  almaty.country = "KAZ";
  doc.places.push_back(almaty);
  almaty.span = find("Қазақстан");
  doc.places.push_back(almaty);
  Place unknown;
  unknown.span = find("China");
  unknown.name = "China";
  unknown.kind = PlaceKind::kCountry;
  unknown.country = "CHN";
  doc.places.push_back(unknown);
  Quote quote;
  quote.span = find(quote_text);
  quote.speaker_entity = 0;
  quote.speaker_span = mention.span;
  quote.speaker_name = "Aida Balayeva";
  quote.cue_span = find("said");
  quote.cue = "say";
  doc.quotes.push_back(quote);
  return doc;
}

TEST(SqliteStoreTest, SpanTextsAndFullTextFollowTheStoredArticle) {
  const std::string path = TempDb("spans.db");
  const Document first = MakeArticle("a-1", "Қазақстан welcomes 阿拉木图 visitors");
  {
    Result<std::unique_ptr<Store>> store = OpenStore(path);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    StoreCounts counts;
    ASSERT_TRUE((*store)->PutBatch({&first}, counts).ok());
    EXPECT_EQ(counts.inserted, 1u);
  }
  Result<std::unique_ptr<QueryEngine>> engine = OpenQueryEngine(path);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();

  struct Search {
    std::string query;
    size_t quotes;    // quote hits
    size_t articles;  // article hits
  };
  const auto check = [&](const std::vector<Search>& searches, const std::string& where) {
    for (const Search& s : searches) {
      QuoteFilter qf;
      qf.query = s.query;
      Result<QuoteList> quotes = (*engine)->Quotes(qf, Page{});
      ASSERT_TRUE(quotes.ok()) << quotes.status().ToString();
      EXPECT_EQ(quotes->items.size(), s.quotes) << where << ": quotes " << s.query;
      ArticleFilter af;
      af.query = s.query;
      Result<ArticleList> articles = (*engine)->SearchArticles(af, Page{});
      ASSERT_TRUE(articles.ok()) << articles.status().ToString();
      EXPECT_EQ(articles->items.size(), s.articles) << where << ": articles " << s.query;
    }
  };

  Result<QuoteList> quotes = (*engine)->Quotes(QuoteFilter{}, Page{});
  ASSERT_TRUE(quotes.ok()) << quotes.status().ToString();
  ASSERT_EQ(quotes->items.size(), 1u);
  EXPECT_EQ(quotes->items[0].text, "Қазақстан welcomes 阿拉木图 visitors");
  EXPECT_EQ(quotes->items[0].speaker_mention, "Aida Balayeva");
  EXPECT_EQ(quotes->items[0].speaker_role, "Minister of Culture and Information");
  check({{"welcomes", 1, 1}, {"\"welcomes 阿拉木图\"", 1, 1}, {"tourism", 0, 1}, {"Алматы", 0, 1}}, "first");

  // Mentions come back from their JSON array with code point offsets turned into bytes.
  int docs_seen = 0;
  ASSERT_TRUE((*engine)->ForEachDocument({}, [&](const Document& doc) {
    ++docs_seen;
    EXPECT_EQ(doc.text, first.text);
    EXPECT_EQ(doc.mentions.size(), 1u);
    if (doc.mentions.size() == 1) {
      EXPECT_EQ(doc.View(doc.mentions[0].span), "Aida Balayeva");
      EXPECT_EQ(doc.mentions[0].kind, MentionKind::kName);
    }
    EXPECT_EQ(doc.quotes.size(), 1u);
    if (doc.quotes.size() == 1) EXPECT_EQ(doc.View(doc.quotes[0].cue_span), "said");
    EXPECT_EQ(doc.places.size(), 3u);
    for (size_t i = 0; i < doc.places.size() && i < first.places.size(); ++i) {
      const Place& got = doc.places[i];
      const Place& want = first.places[i];
      EXPECT_EQ(doc.View(got.span), first.View(want.span));
      EXPECT_EQ(got.name, want.name);
      EXPECT_EQ(got.kind, want.kind);
      EXPECT_EQ(got.geonameid, want.geonameid);
      EXPECT_EQ(got.has_coordinates, want.has_coordinates);
      if (want.has_coordinates) {
        EXPECT_EQ(got.lat, want.lat);
        EXPECT_EQ(got.lon, want.lon);
      }
      EXPECT_EQ(got.country, want.country);
      EXPECT_EQ(got.entity, want.entity);
    }
    return Status::Ok();
  }).ok());
  EXPECT_EQ(docs_seen, 1);
  Result<std::string> json = (*engine)->ArticleJson("a-1");
  ASSERT_TRUE(json.ok()) << json.status().ToString();
  EXPECT_NE(json->find("Tourism grew again. Tourism grew again."), std::string::npos);

  // The same id with another text replaces the article: its old words leave
  // both full-text indexes (external content needs the old text to delete).
  const Document second = MakeArticle("a-1", "Tourism numbers doubled");
  {
    Result<std::unique_ptr<Store>> store = OpenStore(path);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    StoreCounts counts;
    ASSERT_TRUE((*store)->PutBatch({&second}, counts).ok());
    EXPECT_EQ(counts.replaced, 1u);
    ASSERT_TRUE((*store)->PutBatch({&second}, counts).ok());
    EXPECT_EQ(counts.unchanged, 1u);
  }
  check({{"welcomes", 0, 0}, {"doubled", 1, 1}, {"tourism", 1, 1}}, "replaced");
  quotes = (*engine)->Quotes(QuoteFilter{}, Page{});
  ASSERT_TRUE(quotes.ok());
  ASSERT_EQ(quotes->items.size(), 1u);
  EXPECT_EQ(quotes->items[0].text, "Tourism numbers doubled");

  // Both FTS5 indexes agree with their (view) content.
  Result<sqlite3*> db = OpenDatabase(path, false);
  ASSERT_TRUE(db.ok());
  {
    Statement names(*db, "SELECT count(*) FROM place_names");
    ASSERT_TRUE(names.Step());
    EXPECT_EQ(names.Int(0), 2) << "one row per distinct resolution, shared by both versions of the article";
  }
  for (const char* sql : {"INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)",
                          "INSERT INTO quotes_fts(quotes_fts, rank) VALUES('integrity-check', 1)"}) {
    Statement st(*db, sql);
    Status status;
    if (st.valid()) {
      st.Step(&status);
      EXPECT_TRUE(status.ok()) << sql << ": " << status.message();
    }
  }
  sqlite3_close(*db);
}

// Deterministic news-like text: varied sentences over one vocabulary.
std::string NewsText(uint32_t seed, int sentences) {
  static const char* const kWords[] = {"Kazakhstan", "China", "minister", "said", "tourism", "agreement", "trade",
                                       "on", "Tuesday", "the", "visit", "of", "cooperation", "Алматы", "energy",
                                       "grew", "percent", "talks", "in", "Astana", "officials", "would", "expand"};
  std::string out;
  for (int s = 0; s < sentences; ++s) {
    for (int w = 0; w < 12; ++w) {
      seed = seed * 1664525u + 1013904223u;
      out += kWords[(seed >> 16) % (sizeof(kWords) / sizeof(kWords[0]))];
      out += w == 11 ? ". " : " ";
    }
  }
  return out;
}

// The first batch with enough text trains the database's zstd dictionary;
// articles stored before it (no dictionary) and after it read back exactly,
// and the dictionary makes the stored text smaller.
TEST(SqliteStoreTest, TextDictionaryIsTrainedOnceAndEveryTextReadsBack) {
  const std::string path = TempDb("dictionary.db");
  std::vector<Document> docs(301);
  for (size_t i = 0; i < docs.size(); ++i) {
    docs[i].meta.id = "d-" + std::to_string(i);
    docs[i].meta.published = "2025-06-17";
    docs[i].text = NewsText(static_cast<uint32_t>(i) * 7919u + 1u, 8);
  }
  size_t plain_bytes = 0;
  for (const Document& d : docs) plain_bytes += CompressText(d.text).bytes.size();
  {
    Result<std::unique_ptr<Store>> store = OpenStore(path);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    StoreCounts counts;
    ASSERT_TRUE((*store)->PutBatch({&docs[0]}, counts).ok());  // too little text to train on
    std::vector<const Document*> rest;
    for (size_t i = 1; i < docs.size(); ++i) rest.push_back(&docs[i]);
    ASSERT_TRUE((*store)->PutBatch(rest, counts).ok());
    EXPECT_EQ(counts.inserted, docs.size());
  }
  Result<sqlite3*> db = OpenDatabase(path, true);
  ASSERT_TRUE(db.ok());
  Statement dict(*db, "SELECT length(value) FROM meta WHERE key = 'text_dictionary'");
  ASSERT_TRUE(dict.Step()) << "no dictionary was trained";
  EXPECT_GT(dict.Int(0), 1000);
  Statement stored(*db, "SELECT sum(length(text)) FROM articles");
  ASSERT_TRUE(stored.Step());
  EXPECT_LT(static_cast<size_t>(stored.Int(0)), plain_bytes * 3 / 4) << "the dictionary should save > 25% here";
  dict = Statement();
  stored = Statement();
  sqlite3_close(*db);

  Result<std::unique_ptr<QueryEngine>> engine = OpenQueryEngine(path);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  size_t seen = 0;
  Status s = (*engine)->ForEachDocument({}, [&](const Document& doc) {
    const size_t i = std::stoul(doc.meta.id.substr(2));
    EXPECT_EQ(doc.text, docs[i].text) << doc.meta.id;
    ++seen;
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(seen, docs.size());
}

int64_t CountIndexes(const std::string& path) {
  Result<sqlite3*> db = OpenDatabase(path, true);
  if (!db.ok()) return -1;
  int64_t n = -1;
  {
    Statement st(*db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'entities_canonical'");
    if (st.Step()) n = st.Int(0);
  }
  sqlite3_close(*db);
  return n;
}

// A new database is bulk-loaded: query-only indexes are built by Flush(), by
// the destructor when Flush() never came, and by the next open when a crash
// left them out.
TEST(SqliteStoreTest, QueryIndexesAreBuiltAfterABulkLoad) {
  const std::string path = TempDb("bulk.db");
  const Document doc = MakeArticle("b-1", "Tourism numbers doubled");
  {
    Result<std::unique_ptr<Store>> store = OpenStore(path);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    StoreCounts counts;
    ASSERT_TRUE((*store)->PutBatch({&doc}, counts).ok());
    EXPECT_EQ(CountIndexes(path), 0) << "built during the bulk load";
    ASSERT_TRUE((*store)->Flush().ok());
    EXPECT_EQ(CountIndexes(path), 1) << "Flush() builds it";
  }
  {
    Result<sqlite3*> db = OpenDatabase(path, false);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(ExecSql(*db, "DROP INDEX entities_canonical").ok());  // as if a crash came before Flush()
    sqlite3_close(*db);
  }
  {
    Result<std::unique_ptr<Store>> store = OpenStore(path);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ(CountIndexes(path), 1) << "the next open builds it";
  }
  const std::string fresh = TempDb("bulk2.db");
  {
    Result<std::unique_ptr<Store>> store = OpenStore(fresh);
    ASSERT_TRUE(store.ok());
    StoreCounts counts;
    ASSERT_TRUE((*store)->PutBatch({&doc}, counts).ok());
  }  // no Flush(): the destructor builds it
  EXPECT_EQ(CountIndexes(fresh), 1);
}

TEST(SqliteStoreTest, OtherSchemaVersionsAreRefusedWithAMessage) {
  struct Case {
    std::string setup_sql;
    std::string message;  // expected in the error of both the store and the query engine
  };
  const std::vector<Case> cases = {
      {"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('schema_version', '1');",
       "schema version 1"},
      {"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('schema_version', '99');",
       "schema version 99"},
      {"CREATE TABLE notes (x);", "not a ties database"},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    const std::string path = TempDb("old" + std::to_string(i) + ".db");
    Result<sqlite3*> db = OpenDatabase(path, false);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(ExecSql(*db, cases[i].setup_sql).ok());
    sqlite3_close(*db);
    Result<std::unique_ptr<Store>> store = OpenStore(path);
    ASSERT_FALSE(store.ok()) << cases[i].setup_sql;
    EXPECT_NE(store.status().message().find(cases[i].message), std::string::npos) << store.status().message();
    Result<std::unique_ptr<QueryEngine>> engine = OpenQueryEngine(path);
    ASSERT_FALSE(engine.ok()) << cases[i].setup_sql;
    EXPECT_NE(engine.status().message().find(cases[i].message), std::string::npos) << engine.status().message();
  }
}

}  // namespace
}  // namespace ties

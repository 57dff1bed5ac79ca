// main.cc: the `ties` command line. Thin by design: every command parses its
// flags, calls the library and prints. Exit codes (docs/cli.md):
//   0 success; 1 some input records failed (the rest was processed);
//   2 usage error; 3 fatal error (database, unreadable configuration).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fmt/core.h>
#include <string>
#include <vector>

#include "cli/fetch_command.h"
#include "cli/train_command.h"
#include "cli/output.h"
#include "common/json_writer.h"
#include "pipeline/runner.h"
#include "query/result_fields.h"
#include "ties/query.h"
#include "ties/reader.h"
#include "ties/record.h"
#include "ties/pipeline.h"
#include "ties/store.h"
#ifdef TIES_HAVE_API
#include "api/server.h"
#endif
#ifdef TIES_HAVE_EXPORT
#include "export/gdelt_export.h"
#endif

namespace ties {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitRecordErrors = 1;
constexpr int kExitUsage = 2;
constexpr int kExitFatal = 3;

int Fatal(const Status& status) {
  std::fprintf(stderr, "ties: error: %s\n", status.message().c_str());
  return status.code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFatal;
}

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t comma = s.find(',', i);
    if (comma == std::string::npos) comma = s.size();
    std::string item = s.substr(i, comma - i);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(item);
    i = comma + 1;
  }
  return out;
}

// Progress on stderr: a bar on a terminal, a line every 10 s otherwise.
class ProgressPrinter {
 public:
  explicit ProgressPrinter(bool quiet) : quiet_(quiet), tty_(isatty(2) != 0), start_(Clock::now()) {}
  void Update(const RunProgress& p) {
    if (quiet_) return;
    const auto now = Clock::now();
    const double secs = std::chrono::duration<double>(now - start_).count();
    if (!tty_ && now - last_ < std::chrono::seconds(10)) return;
    if (secs < 1.0) return;
    last_ = now;
    const double mb = static_cast<double>(p.text_bytes) / 1e6;
    std::string line = fmt::format("{} articles, {:.1f} MB, {:.0f} articles/s, {:.1f} MB/s, {} errors", p.articles,
                                   mb, static_cast<double>(p.articles) / secs, mb / secs, p.errors);
    if (p.bytes_total > 0 && p.bytes_read <= p.bytes_total && p.bytes_read > 0) {
      const double frac = static_cast<double>(p.bytes_read) / static_cast<double>(p.bytes_total);
      const double eta = secs / frac - secs;
      line = fmt::format("[{:<20}] {:3.0f}% ", std::string(static_cast<size_t>(frac * 20), '#'), frac * 100) + line +
             fmt::format(", ETA {:.0f}s", eta);
    }
    if (tty_) {
      std::fprintf(stderr, "\r%s\033[K", line.c_str());
      dirty_ = true;
    } else {
      std::fprintf(stderr, "progress: %s\n", line.c_str());
    }
  }
  void Finish() {
    if (dirty_) std::fputs("\n", stderr);
    dirty_ = false;
  }
  void Error(const Status& error) {
    if (dirty_) std::fputs("\r\033[K", stderr);
    std::fprintf(stderr, "ties: %s\n", error.message().c_str());
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool quiet_, tty_;
  bool dirty_ = false;
  Clock::time_point start_, last_;
};

struct InputFlags {
  std::vector<std::string> paths;
  std::string input_format = "auto";
  std::string stages;
  uint32_t threads = 0;
  bool quiet = false;
  std::string shard;  // "I/N"
  bool profile = false;

  void Add(CLI::App* cmd) {
    cmd->add_option("paths", paths, "Files, directories (recursive) or - for standard input; .gz is read transparently")
        ->required();
    cmd->add_option("--input-format", input_format, "auto, text, jsonl, html, warc or feed (default: by extension and content)");
    cmd->add_option("--stages", stages, "Comma-separated stages to run (default: data/pipeline.cfg)");
    cmd->add_option("--threads", threads, "Extraction threads (default: number of cores)");
    cmd->add_option("--shard", shard, "I/N: process only this machine's deterministic share of the input");
    cmd->add_flag("--quiet,-q", quiet, "No progress output");
    cmd->add_flag("--profile", profile, "Print time and MB/s per stage on stderr at the end");
  }

  Status Prepare(ReadOptions* read, std::vector<std::string>* stage_names) const {
    Result<InputFormat> format = ParseInputFormat(input_format);
    if (!format.ok()) return format.status();
    read->format = *format;
    if (!shard.empty()) {
      unsigned i = 0, n = 0;
      if (std::sscanf(shard.c_str(), "%u/%u", &i, &n) != 2 || n == 0 || i >= n) {
        return Status::InvalidArgument("--shard must be I/N with 0 <= I < N, e.g. 0/2");
      }
      read->shard_index = i;
      read->shard_count = n;
    }
    *stage_names = stages.empty() ? DefaultStageNames() : SplitList(stages);
    return Status::Ok();
  }
};

// Per-stage throughput table on stderr (--profile).
void PrintProfile(const Pipeline& pipeline, const RunProgress& p, double wall_secs) {
  const double mb = static_cast<double>(p.text_bytes) / 1e6;
  uint64_t total_nanos = 0;
  std::fprintf(stderr, "%-10s %10s %12s %14s\n", "stage", "cpu s", "MB/s", "articles/s");
  for (size_t i = 0; i < pipeline.stages().size() && i < p.stage_nanos.size(); ++i) {
    const double secs = static_cast<double>(p.stage_nanos[i]) / 1e9;
    total_nanos += p.stage_nanos[i];
    std::fprintf(stderr, "%-10s %10.3f %12.1f %14.0f\n", std::string(pipeline.stages()[i]->Name()).c_str(), secs,
                 secs > 0 ? mb / secs : 0.0, secs > 0 ? static_cast<double>(p.articles) / secs : 0.0);
  }
  const double all = static_cast<double>(total_nanos) / 1e9;
  std::fprintf(stderr, "%-10s %10.3f %12.1f %14.0f   (per thread, all stages)\n", "total", all, all > 0 ? mb / all : 0.0,
               all > 0 ? static_cast<double>(p.articles) / all : 0.0);
  std::fprintf(stderr, "%-10s %10.3f %12.1f %14.0f   (%.1f MB, %llu articles)\n", "wall", wall_secs,
               wall_secs > 0 ? mb / wall_secs : 0.0, wall_secs > 0 ? static_cast<double>(p.articles) / wall_secs : 0.0,
               mb, static_cast<unsigned long long>(p.articles));
}

int RunExtract(const InputFlags& in, const std::string& format, bool with_text) {
  ReadOptions read;
  std::vector<std::string> stage_names;
  if (Status s = in.Prepare(&read, &stage_names); !s.ok()) return Fatal(s);
  if (format != "jsonl" && format != "json" && format != "text") {
    return Fatal(Status::InvalidArgument("--format must be jsonl, json or text"));
  }
  Result<Pipeline> pipeline = Pipeline::Create(stage_names, StageOptions{DefaultDataDir()});
  if (!pipeline.ok()) return Fatal(pipeline.status());
  Result<std::unique_ptr<ArticleStream>> stream = ArticleStream::Open(in.paths, read);
  if (!stream.ok()) return Fatal(stream.status());
  ProgressPrinter progress(true);  // stdout carries records; keep stderr for errors only
  RunOptions run;
  run.threads = in.threads;
  RecordOptions record;
  record.with_text = with_text;
  record.pretty = format == "json";
  bool first = true;
  if (format == "json") std::fputs("[\n", stdout);
  std::string out;
  RunProgress final_progress;
  const auto start = std::chrono::steady_clock::now();
  Status s = RunPipeline(
      **stream, *pipeline, run,
      [&](const std::vector<Document*>& batch) {
        for (Document* doc : batch) {
          out.clear();
          if (format == "text") {
            out += fmt::format("== {} | {} | {} | {}\n", doc->meta.id, doc->meta.published, doc->meta.source, doc->meta.title);
            if (doc->dateline.present()) {
              out += fmt::format("   dateline: {} ({}) {} {}\n", doc->dateline.place, doc->dateline.country,
                                 doc->dateline.date, doc->dateline.agency);
            }
            for (const Entity& e : doc->entities) {
              out += fmt::format("   {:<6} {}{}{}\n", EntityTypeName(e.type), e.canonical,
                                 e.country.empty() ? "" : " [" + e.country + "]", e.role.empty() ? "" : ", " + e.role);
            }
            for (const Quote& q : doc->quotes) {
              out += fmt::format("   quote ({}) {}: \"{}\"\n", QuoteKindName(q.kind),
                                 q.speaker_name.empty() ? "?" : q.speaker_name, doc->View(q.span));
            }
            for (const Event& e : doc->events) {
              out += fmt::format("   event {} -> {} {} ({})\n", e.source, e.target, e.code, doc->View(e.trigger));
            }
          } else {
            if (format == "json" && !first) out += ",\n";
            WriteRecordJson(*doc, record, out);
            out += '\n';
          }
          first = false;
          std::fwrite(out.data(), 1, out.size(), stdout);
        }
        return Status::Ok();
      },
      [&](const Status& error) { progress.Error(error); }, nullptr, &final_progress);
  if (format == "json") std::fputs("]\n", stdout);
  std::fflush(stdout);
  if (in.profile) {
    PrintProfile(*pipeline, final_progress,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  if (!s.ok()) return Fatal(s);
  return final_progress.errors > 0 ? kExitRecordErrors : kExitOk;
}

int RunIngest(const InputFlags& in, const std::string& db, uint32_t batch_size) {
  ReadOptions read;
  std::vector<std::string> stage_names;
  if (Status s = in.Prepare(&read, &stage_names); !s.ok()) return Fatal(s);
  Result<Pipeline> pipeline = Pipeline::Create(stage_names, StageOptions{DefaultDataDir()});
  if (!pipeline.ok()) return Fatal(pipeline.status());
  Result<std::unique_ptr<Store>> store = OpenStore(db);
  if (!store.ok()) return Fatal(store.status());
  Result<std::unique_ptr<ArticleStream>> stream = ArticleStream::Open(in.paths, read);
  if (!stream.ok()) return Fatal(stream.status());
  ProgressPrinter progress(in.quiet);
  RunOptions run;
  run.threads = in.threads;
  run.batch_size = std::max(1u, batch_size);
  // Resume: articles already stored with the same content are not annotated again.
  run.skip = [&](const Document& doc) { return (*store)->IsStored(doc.meta.id, ContentHash(doc.text)); };
  StoreCounts counts;
  RunProgress final_progress;
  const auto start = std::chrono::steady_clock::now();
  Status s = RunPipeline(
      **stream, *pipeline, run,
      [&](const std::vector<Document*>& batch) {
        std::vector<const Document*> docs(batch.begin(), batch.end());
        return (*store)->PutBatch(docs, counts);
      },
      [&](const Status& error) { progress.Error(error); },
      [&](const RunProgress& p) { progress.Update(p); }, &final_progress);
  progress.Finish();
  counts.unchanged += final_progress.skipped;
  if (s.ok()) s = (*store)->Flush();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (in.profile) PrintProfile(*pipeline, final_progress, secs);
  if (!in.quiet || !s.ok()) {
    std::fprintf(stderr, "ingested %llu new, %llu replaced, %llu unchanged, %llu errors into %s in %.1fs\n",
                 static_cast<unsigned long long>(counts.inserted), static_cast<unsigned long long>(counts.replaced),
                 static_cast<unsigned long long>(counts.unchanged), static_cast<unsigned long long>(final_progress.errors),
                 db.c_str(), secs);
  }
  if (!s.ok()) return Fatal(s);
  return final_progress.errors > 0 ? kExitRecordErrors : kExitOk;
}

Result<std::unique_ptr<QueryEngine>> Engine(const std::string& db) { return OpenQueryEngine(db); }

// ties dedup: the clustering pass over every stored article (Store::AssignClusters).
int RunDedup(const std::string& db) {
  Result<std::unique_ptr<Store>> store = OpenStore(db);
  if (!store.ok()) return Fatal(store.status());
  ClusterCounts counts;
  const auto start = std::chrono::steady_clock::now();
  if (Status s = (*store)->AssignClusters(counts); !s.ok()) return Fatal(s);
  if (Status s = (*store)->Flush(); !s.ok()) return Fatal(s);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "clustered %llu articles into %llu clusters, %llu assignments changed, in %s in %.1fs\n",
               static_cast<unsigned long long>(counts.articles), static_cast<unsigned long long>(counts.clusters),
               static_cast<unsigned long long>(counts.changed), db.c_str(), secs);
  return kExitOk;
}

// ties export: every stored article matching `filter`, in publication order.
int RunExport(QueryEngine& engine, const ArticleFilter& filter, const std::string& format, const std::string& out_path,
              bool header, bool with_text) {
#ifndef TIES_HAVE_EXPORT
  if (format != "jsonl") return Fatal(Status::InvalidArgument("this build has no GDELT export"));
#endif
  if (format != "jsonl" && format != "csv" && format != "gdelt-events" && format != "gdelt-gkg") {
    return Fatal(Status::InvalidArgument("--format must be jsonl, csv, gdelt-events or gdelt-gkg"));
  }
  FILE* out = out_path.empty() ? stdout : std::fopen(out_path.c_str(), "wb");
  if (out == nullptr) return Fatal(Status::IoError(out_path + ": cannot write"));
  std::string buf;
  uint64_t event_id = 1, record = 0, articles = 0;
#ifdef TIES_HAVE_EXPORT
  if (format == "csv") buf += EventsCsvHeader();
  if (header && format == "gdelt-events") buf += GdeltEventHeader();
  if (header && format == "gdelt-gkg") buf += GdeltGkgHeader();
  const ExportOptions options;
#endif
  RecordOptions record_options;
  record_options.with_text = with_text;
  Status s = engine.ForEachDocument(filter, [&](const Document& doc) {
    ++articles;
    if (format == "jsonl") {
      WriteRecordJson(doc, record_options, buf);
      buf += '\n';
    }
#ifdef TIES_HAVE_EXPORT
    else if (format == "csv") AppendEventsCsvRows(doc, buf);
    else if (format == "gdelt-events") AppendGdeltEventRows(doc, options, &event_id, buf);
    else AppendGdeltGkgRow(doc, options, ++record, buf);
#endif
    if (buf.size() > (1 << 20)) {
      if (std::fwrite(buf.data(), 1, buf.size(), out) != buf.size()) return Status::IoError("write failed");
      buf.clear();
    }
    return Status::Ok();
  });
  if (s.ok() && !buf.empty() && std::fwrite(buf.data(), 1, buf.size(), out) != buf.size()) s = Status::IoError("write failed");
  if (out != stdout) std::fclose(out);
  else std::fflush(stdout);
  (void)event_id;
  (void)record;
  if (!s.ok()) return Fatal(s);
  if (!out_path.empty()) std::fprintf(stderr, "exported %llu articles to %s\n", static_cast<unsigned long long>(articles), out_path.c_str());
  return kExitOk;
}

int RunStats(const std::string& db, bool json, bool csv) {
  auto engine = Engine(db);
  if (!engine.ok()) return Fatal(engine.status());
  Result<Stats> stats = (*engine)->GetStats();
  if (!stats.ok()) return Fatal(stats.status());
  const Stats& st = *stats;
  if (json) {
    std::puts(StatsJson(st, true).c_str());
    return kExitOk;
  }
  if (csv) {
    std::fputs(StatsCsv(st).c_str(), stdout);
    return kExitOk;
  }
  fmt::print("{} articles from {} sources ({} to {}), {} after merging syndicated copies\n", st.articles, st.sources,
             st.first_date.empty() ? "?" : st.first_date, st.last_date.empty() ? "?" : st.last_date, st.clusters);
  fmt::print("{} entities ({} mentions), {} places, {} quotes, {} events\n", st.entities, st.mentions, st.places,
             st.quotes, st.events);
  auto list = [](const char* title, const std::vector<std::pair<std::string, uint64_t>>& items) {
    if (items.empty()) return;
    std::string line;
    for (const auto& [name, n] : items) line += (line.empty() ? "" : ", ") + fmt::format("{} ({})", name, n);
    fmt::print("{}: {}\n", title, line);
  };
  list("top sources", st.top_sources);
  list("top entities", st.top_entities);
  list("top countries", st.top_countries);
  list("top themes", st.top_themes);
  return kExitOk;
}

// A page of a list: the API's JSON document (indented), the API's CSV, or a text table.
template <typename List>
void PrintList(std::span<const ResultField<typename decltype(List::items)::value_type>> fields, const List& list,
               const Page& page, std::span<const std::string_view> columns, bool json, bool csv) {
  if (json) {
    int64_t total = -1;
    if constexpr (requires { list.total; }) total = static_cast<int64_t>(list.total);
    std::puts(ListPageJson(fields, list.items, list.next_cursor, total, page.limit, true).c_str());
  } else if (csv) {
    std::fputs(ListCsv(fields, list.items).c_str(), stdout);
  } else {
    PrintResultTable(fields, list.items, columns);
  }
}

// A whole answer that is not paged (dyad series, network edges).
template <typename Item>
void PrintAll(std::span<const ResultField<Item>> fields, const std::vector<Item>& items, const std::string& json_doc,
              bool json, bool csv) {
  if (json) std::puts(json_doc.c_str());
  else if (csv) std::fputs(ListCsv(fields, items).c_str(), stdout);
  else PrintResultTable(fields, items);
}

void PrintNextCursor(const std::string& cursor, bool machine) {
  if (!cursor.empty() && !machine) std::fprintf(stderr, "(more results: --cursor %s)\n", cursor.c_str());
}


// Edit distance, for "did you mean" suggestions on usage errors.
size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// "; did you mean 'X'?" for the nearest candidate, or "" when none is close.
std::string Suggest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_d = std::string::npos;
  for (const std::string& c : candidates) {
    const size_t d = EditDistance(word, c);
    if (d < best_d) best_d = d, best = c;
  }
  if (best.empty() || best_d > std::max<size_t>(2, word.size() / 3)) return "";
  return "; did you mean '" + best + "'?";
}

std::vector<std::string> CommandNames(CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
  return names;
}

std::vector<std::string> OptionNames(const CLI::App& cmd) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : cmd.get_options()) {
    for (const std::string& n : opt->get_lnames()) names.push_back("--" + n);
    for (const std::string& n : opt->get_snames()) names.push_back("-" + n);
  }
  return names;
}

// The first argument CLI11 could not place, reported as one line:
// "ties: unknown command 'serach'; did you mean 'search'?" or
// "ties search: unknown option '--limt'; did you mean '--limit'?". Returns false if all were placed.
bool ReportExtras(CLI::App& app) {
  std::vector<CLI::App*> chain{&app};
  for (CLI::App* sub : app.get_subcommands()) chain.push_back(sub);
  for (CLI::App* cmd : chain) {
    const std::vector<std::string> extras = cmd->remaining();
    if (extras.empty()) continue;
    std::string arg = extras.front();
    const std::string where = cmd == &app ? "ties" : "ties " + cmd->get_name();
    if (arg.size() > 1 && arg[0] == '-') {
      if (size_t eq = arg.find('='); eq != std::string::npos) arg.resize(eq);
      std::fprintf(stderr, "%s: unknown option '%s'%s\n", where.c_str(), arg.c_str(), Suggest(arg, OptionNames(*cmd)).c_str());
    } else if (cmd == &app) {
      std::fprintf(stderr, "ties: unknown command '%s'%s\n", arg.c_str(), Suggest(arg, CommandNames(app)).c_str());
    } else {
      std::fprintf(stderr, "%s: unexpected argument '%s'\n", where.c_str(), arg.c_str());
    }
    return true;
  }
  return false;
}

}  // namespace
}  // namespace ties

int main(int argc, char** argv) {
  using namespace ties;
  CLI::App app{"ties: who said what, about whom, where and when, from news articles"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "ties 0.1.0");
  app.allow_extras();  // unplaced arguments are reported by ReportExtras, with a suggestion
  // --db is global: accepted before the command and, on every command that uses a database, after it.
  std::string db = DefaultDatabasePath();
  const char* const kDbHelp = "Database file, or clickhouse://HOST:PORT/DB (default: $TIES_DB or ./ties.db)";
  app.add_option("--db", db, kDbHelp);
  auto add_db = [&](CLI::App* cmd) { cmd->add_option("--db", db, kDbHelp); };

  InputFlags extract_in;
  std::string extract_format = "jsonl";
  bool with_text = false;
  CLI::App* extract = app.add_subcommand("extract", "Annotate articles and print one JSON record per article (no database)");
  extract_in.Add(extract);
  extract->add_option("--format", extract_format, "jsonl (default), json or text");
  extract->add_flag("--with-text", with_text, "Include the article text in each record");

  InputFlags ingest_in;
  uint32_t batch_size = 512;
  CLI::App* ingest = app.add_subcommand("ingest", "Annotate articles and store them (idempotent)");
  add_db(ingest);
  ingest_in.Add(ingest);
  ingest->add_option("--store", db, "Same as --db");
  ingest->add_option("--batch", batch_size, "Articles per transaction (default 512)");

  CLI::App* dedup = app.add_subcommand("dedup", "Cluster syndicated copies over the whole database (idempotent)");
  add_db(dedup);

  std::string show_id;
  CLI::App* show = app.add_subcommand("show", "Print the stored record of one article");
  add_db(show);
  show->add_option("id", show_id, "Article id")->required();

  bool json = false, csv = false;
  uint32_t limit = 20;
  std::string cursor;
  auto add_list_flags = [&](CLI::App* cmd, bool with_csv) {
    cmd->add_flag("--json", json, "JSON output");
    if (with_csv) cmd->add_flag("--csv", csv, "CSV output");
    cmd->add_option("--limit", limit, "Rows per page (default 20, max 1000)");
    cmd->add_option("--cursor", cursor, "Continue from a previous page");
  };

  ArticleFilter article_filter;
  CLI::App* search = app.add_subcommand("search", "Full-text search over articles, ranked, with snippets");
  add_db(search);
  search->add_option("query", article_filter.query, "FTS5 query, e.g. \"visa exemption\"")->required();
  search->add_option("--from", article_filter.from, "Published on or after YYYY-MM-DD");
  search->add_option("--to", article_filter.to, "Published on or before YYYY-MM-DD");
  search->add_option("--source", article_filter.source, "Source name");
  search->add_option("--language", article_filter.language, "Article language code (en, ru, kk, zh)");
  search->add_option("--country", article_filter.country, "Mentions this country (ISO alpha-3)");
  search->add_option("--entity", article_filter.entity, "Mentions this entity (canonical name)");
  search->add_option("--theme", article_filter.theme, "Has this theme");
  add_list_flags(search, true);

  QuoteFilter quote_filter;
  CLI::App* quotes = app.add_subcommand("quotes", "Quotes with their speakers");
  add_db(quotes);
  quotes->add_option("--speaker", quote_filter.speaker, "Speaker name (substring)");
  quotes->add_option("--country", quote_filter.country, "Speaker's country (ISO alpha-3)");
  quotes->add_option("--query", quote_filter.query, "Full-text search in the quote");
  quotes->add_option("--kind", quote_filter.kind, "direct, indirect or mixed");
  quotes->add_option("--article", quote_filter.article, "Article id");
  quotes->add_option("--language", quote_filter.language, "Article language code (en, ru, kk, zh)");
  quotes->add_flag("--dedup", quote_filter.dedup, "One row per quote text per cluster of syndicated copies");
  bool quotebank = false;
  quotes->add_flag("--quotebank", quotebank, "JSONL in Quotebank's shape (quotation, speaker, article id, date, url) plus spans");
  add_list_flags(quotes, true);

  EntityFilter entity_filter;
  CLI::App* entities = app.add_subcommand("entities", "Entities with article and mention counts");
  add_db(entities);
  entities->add_option("--type", entity_filter.type, "PERSON, ORG, LOC or NORP");
  entities->add_option("--country", entity_filter.country, "ISO alpha-3");
  entities->add_option("--name", entity_filter.name, "Name (substring)");
  entities->add_option("--language", entity_filter.language, "Article language code (en, ru, kk, zh)");
  entities->add_flag("--dedup", entity_filter.dedup, "Count clusters of syndicated copies, not articles");
  add_list_flags(entities, true);

  CLI::App* stats = app.add_subcommand("stats", "Counts and top lists of the database");
  add_db(stats);
  stats->add_flag("--json", json, "JSON output");
  stats->add_flag("--csv", csv, "CSV output (metric,value: the counts and dates)");

  DyadQuery dyad_query;
  CLI::App* dyad = app.add_subcommand("dyad", "Relations between two countries over time");
  add_db(dyad);
  dyad->add_option("a", dyad_query.a, "ISO alpha-3, e.g. KAZ")->required();
  dyad->add_option("b", dyad_query.b, "ISO alpha-3, e.g. CHN")->required();
  dyad->add_option("--by", dyad_query.by, "day, week, month (default) or year");
  dyad->add_option("--from", dyad_query.from, "YYYY-MM-DD");
  dyad->add_option("--to", dyad_query.to, "YYYY-MM-DD");
  dyad->add_flag("--dedup", dyad_query.dedup, "Count each cluster of syndicated copies once");
  dyad->add_flag("--json", json, "JSON output");
  dyad->add_flag("--csv", csv, "CSV output");

  std::string net_from, net_to;
  CLI::App* network = app.add_subcommand("network", "Weighted pairs of countries mentioned together");
  add_db(network);
  network->add_option("--from", net_from, "YYYY-MM-DD");
  network->add_option("--to", net_to, "YYYY-MM-DD");
  network->add_flag("--json", json, "JSON output");
  network->add_flag("--csv", csv, "CSV output");
  uint32_t net_limit = 200;  // as the API's /api/network
  network->add_option("--limit", net_limit, "Most frequent pairs (default 200)");

  ArticleFilter export_filter;
  std::string export_format = "jsonl";
  std::string export_out;
  bool export_header = false;
  CLI::App* export_cmd = app.add_subcommand("export", "Export stored articles: jsonl, csv (events), gdelt-events, gdelt-gkg");
  add_db(export_cmd);
  export_cmd->add_option("--format", export_format, "jsonl (records, default), csv (events), gdelt-events, gdelt-gkg");
  export_cmd->add_option("--out,-o", export_out, "Output file (default: standard output)");
  export_cmd->add_option("--query", export_filter.query, "Only articles matching this full-text query");
  export_cmd->add_option("--from", export_filter.from, "Published on or after YYYY-MM-DD");
  export_cmd->add_option("--to", export_filter.to, "Published on or before YYYY-MM-DD");
  export_cmd->add_option("--source", export_filter.source, "Source name");
  export_cmd->add_option("--language", export_filter.language, "Article language code (en, ru, kk, zh)");
  export_cmd->add_option("--country", export_filter.country, "Mentions this country (ISO alpha-3)");
  export_cmd->add_flag("--header", export_header, "Write a header line for gdelt-events and gdelt-gkg (GDELT files have none)");
  bool export_text = false;
  export_cmd->add_flag("--with-text", export_text, "jsonl: include the article text");

#ifdef TIES_HAVE_API
  ServeOptions serve_options;
  CLI::App* serve = app.add_subcommand("serve", "HTTP API and web dashboard over the database");
  add_db(serve);
  AddServeFlags(serve, serve_options);
#endif

  FetchCommands fetch_commands(app, add_db);  // fetch, watch, sources (cli/fetch_command.cc)
  TrainCommand train_command(app);            // train pos|chunk|ner (cli/train_command.cc)

  for (CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) sub->allow_extras();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    if (!ReportExtras(app)) {
      const std::string what = e.what();
      if (app.get_subcommands().empty() && what.find("subcommand") != std::string::npos) {
        std::fputs("ties: no command given (ties --help lists them)\n", stderr);
      } else {
        const std::string where = app.get_subcommands().empty() ? "ties" : "ties " + app.get_subcommands().front()->get_name();
        std::fprintf(stderr, "%s: %s\n", where.c_str(), what.c_str());
      }
    }
    return kExitUsage;
  }
  if (ReportExtras(app)) return kExitUsage;
  for (std::string* s : {&export_filter.country, &dyad_query.a, &dyad_query.b, &quote_filter.country, &entity_filter.country, &article_filter.country}) {
    for (char& c : *s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }

  try {
    if (*extract) return RunExtract(extract_in, extract_format, with_text);
    if (*ingest) return RunIngest(ingest_in, db, batch_size);
    if (*stats) return RunStats(db, json, csv);
    if (*dedup) return RunDedup(db);
    if (int code = 0; fetch_commands.Run(db, &code)) return code;
    if (int code = 0; train_command.Run(&code)) return code;
#ifdef TIES_HAVE_API
    if (*serve) {
      serve_options.db = db;
      return RunServer(serve_options);
    }
#endif
    auto engine = OpenQueryEngine(db);
    if (!engine.ok()) return Fatal(engine.status());
    const Page page{limit, cursor};
    if (*export_cmd) return RunExport(**engine, export_filter, export_format, export_out, export_header, export_text);
    if (*show) {
      Result<std::string> record = (*engine)->ArticleJson(show_id);
      if (!record.ok()) return Fatal(record.status());
      std::puts(record->c_str());
      return kExitOk;
    }
    if (*search) {
      Result<ArticleList> list = (*engine)->SearchArticles(article_filter, page);
      if (!list.ok()) return Fatal(list.status());
      if (!json && !csv) fmt::print("{} matching articles\n", list->total);
      PrintList(ArticleFields(), *list, page, ArticleTableColumns(), json, csv);
      PrintNextCursor(list->next_cursor, json);
      return kExitOk;
    }
    if (*quotes) {
      Result<QuoteList> list = (*engine)->Quotes(quote_filter, page);
      if (!list.ok()) return Fatal(list.status());
      if (quotebank) {
        for (const QuoteRow& q : list->items) {
          std::string out;
          JsonWriter w(out);
          w.BeginObject().Field("quotation", q.text).Field("speaker", q.speaker).Field("articleID", q.article_id);
          w.Field("date", q.published).Field("url", q.url).Field("kind", q.kind).Field("speaker_country", q.speaker_country);
          w.Field("speaker_role", q.speaker_role).Field("speaker_mention", q.speaker_mention).Field("cue", q.cue);
          w.Field("start", q.start).Field("end", q.end).EndObject();
          std::puts(out.c_str());
        }
        PrintNextCursor(list->next_cursor, false);
        return kExitOk;
      }
      PrintList(QuoteFields(), *list, page, QuoteTableColumns(), json, csv);
      PrintNextCursor(list->next_cursor, json);
      return kExitOk;
    }
    if (*entities) {
      Result<EntityList> list = (*engine)->Entities(entity_filter, page);
      if (!list.ok()) return Fatal(list.status());
      PrintList(EntityFields(), *list, page, {}, json, csv);
      PrintNextCursor(list->next_cursor, json);
      return kExitOk;
    }
    if (*dyad) {
      Result<std::vector<DyadPoint>> points = (*engine)->Dyad(dyad_query);
      if (!points.ok()) return Fatal(points.status());
      PrintAll(DyadFields(), *points, json ? DyadJson(dyad_query, *points, true) : "", json, csv);
      return kExitOk;
    }
    if (*network) {
      Result<std::vector<NetworkEdge>> edges = (*engine)->Network(net_from, net_to, net_limit);
      if (!edges.ok()) return Fatal(edges.status());
      PrintAll(NetworkEdgeFields(), *edges, json ? NetworkJson(*edges, net_limit, true) : "", json, csv);
      return kExitOk;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ties: internal error: %s\n", e.what());
    return kExitFatal;
  }
  return kExitUsage;
}

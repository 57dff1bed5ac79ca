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
#include <functional>
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

// Exit codes (issue 16: alike in shape only to native_places.cc's constants).
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

// --format quotes: one Quotebank-shaped JSON object per quote of `doc` (docs/record.md,
// "Exports"); offsets in code points, like the record.
void AppendQuotebankRows(const Document& doc, std::string& buf) {
  const CodepointIndex cp(doc.text);
  for (const Quote& q : doc.quotes) {
    JsonWriter w(buf);
    w.BeginObject().Field("quotation", doc.View(q.span)).Field("speaker", q.speaker_name).Key("speaker_entity");
    if (q.speaker_entity >= 0 && static_cast<size_t>(q.speaker_entity) < doc.entities.size()) {
      w.String(doc.entities[q.speaker_entity].canonical);
    } else {
      w.Null();
    }
    w.Field("articleID", doc.meta.id).Field("date", doc.meta.published).Field("url", doc.meta.url);
    w.Field("kind", QuoteKindName(q.kind)).Field("cue", q.cue);
    w.Field("start", cp(q.span.begin)).Field("end", cp(q.span.end)).EndObject();
    buf += '\n';
  }
}

// ties export: every stored article matching `filter`, in publication order.
int RunExport(QueryEngine& engine, const ArticleFilter& filter, const std::string& format, const std::string& out_path,
              bool header, bool with_text) {
#ifndef TIES_HAVE_EXPORT
  if (format != "jsonl" && format != "quotes") return Fatal(Status::InvalidArgument("this build has no GDELT export"));
#endif
  if (format != "jsonl" && format != "quotes" && format != "csv" && format != "gdelt-events" && format != "gdelt-gkg") {
    return Fatal(Status::InvalidArgument("--format must be jsonl, quotes, csv, gdelt-events or gdelt-gkg"));
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
    } else if (format == "quotes") {
      AppendQuotebankRows(doc, buf);
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

// The commands that read a database: show, search, quotes, entities, stats, dyad, network and
// export, with their flags (registered in this order, after ingest and dedup).
class QueryCommands {
 public:
  // Adds the subcommands to `app`; `add_db` adds the --db option to each.
  QueryCommands(CLI::App& app, const std::function<void(CLI::App*)>& add_db);
  QueryCommands(const QueryCommands&) = delete;  // CLI11 holds pointers to the members
  QueryCommands& operator=(const QueryCommands&) = delete;
  // Country codes upper-cased, as the stores hold them ("kaz" -> "KAZ").
  void UpperCaseCountries();
  // When one of these commands was chosen, runs it against `db`, sets *exit_code and returns true.
  bool Run(const std::string& db, int* exit_code);

 private:
  int RunOnEngine(const std::string& db);

  CLI::App *show_ = nullptr, *search_ = nullptr, *quotes_ = nullptr, *entities_ = nullptr, *stats_ = nullptr,
           *dyad_ = nullptr, *network_ = nullptr, *export_cmd_ = nullptr;
  std::string show_id_;
  bool json_ = false, csv_ = false;
  uint32_t limit_ = 20;
  std::string cursor_;
  ArticleFilter article_filter_;
  QuoteFilter quote_filter_;
  bool quotebank_ = false;
  EntityFilter entity_filter_;
  DyadQuery dyad_query_;
  std::string net_from_, net_to_;
  uint32_t net_limit_ = 200;  // as the API's /api/network
  ArticleFilter export_filter_;
  std::string export_format_ = "jsonl";
  std::string export_out_;
  bool export_header_ = false;
  bool export_text_ = false;
};

// --quotebank: one JSON object a line in Quotebank's shape, plus our spans.
void PrintQuotebank(const QuoteList& list) {
  for (const QuoteRow& q : list.items) {
    std::string out;
    JsonWriter w(out);
    w.BeginObject().Field("quotation", q.text).Field("speaker", q.speaker).Field("articleID", q.article_id);
    w.Field("date", q.published).Field("url", q.url).Field("kind", q.kind).Field("speaker_country", q.speaker_country);
    w.Field("speaker_role", q.speaker_role).Field("speaker_mention", q.speaker_mention).Field("cue", q.cue);
    w.Field("start", q.start).Field("end", q.end).EndObject();
    std::puts(out.c_str());
  }
  PrintNextCursor(list.next_cursor, false);
}

QueryCommands::QueryCommands(CLI::App& app, const std::function<void(CLI::App*)>& add_db) {
  show_ = app.add_subcommand("show", "Print the stored record of one article");
  add_db(show_);
  show_->add_option("id", show_id_, "Article id")->required();

  auto add_list_flags = [&](CLI::App* cmd, bool with_csv) {
    cmd->add_flag("--json", json_, "JSON output");
    if (with_csv) cmd->add_flag("--csv", csv_, "CSV output");
    cmd->add_option("--limit", limit_, "Rows per page (default 20, max 1000)");
    cmd->add_option("--cursor", cursor_, "Continue from a previous page");
  };

  search_ = app.add_subcommand("search", "Full-text search over articles, ranked, with snippets");
  add_db(search_);
  search_->add_option("query", article_filter_.query, "FTS5 query, e.g. \"visa exemption\"")->required();
  search_->add_option("--from", article_filter_.from, "Published on or after YYYY-MM-DD");
  search_->add_option("--to", article_filter_.to, "Published on or before YYYY-MM-DD");
  search_->add_option("--source", article_filter_.source, "Source name");
  search_->add_option("--language", article_filter_.language, "Article language code (en, ru, kk, zh)");
  search_->add_option("--country", article_filter_.country, "Mentions this country (ISO alpha-3)");
  search_->add_option("--entity", article_filter_.entity, "Mentions this entity (canonical name)");
  search_->add_option("--theme", article_filter_.theme, "Has this theme");
  add_list_flags(search_, true);

  quotes_ = app.add_subcommand("quotes", "Quotes with their speakers");
  add_db(quotes_);
  quotes_->add_option("--speaker", quote_filter_.speaker, "Speaker name (substring)");
  quotes_->add_option("--country", quote_filter_.country, "Speaker's country (ISO alpha-3)");
  quotes_->add_option("--query", quote_filter_.query, "Full-text search in the quote");
  quotes_->add_option("--kind", quote_filter_.kind, "direct, indirect or mixed");
  quotes_->add_option("--article", quote_filter_.article, "Article id");
  quotes_->add_option("--language", quote_filter_.language, "Article language code (en, ru, kk, zh)");
  quotes_->add_flag("--dedup", quote_filter_.dedup, "One row per quote text per cluster of syndicated copies");
  quotes_->add_flag("--quotebank", quotebank_, "JSONL in Quotebank's shape (quotation, speaker, article id, date, url) plus spans");
  add_list_flags(quotes_, true);

  entities_ = app.add_subcommand("entities", "Entities with article and mention counts");
  add_db(entities_);
  entities_->add_option("--type", entity_filter_.type, "PERSON, ORG, LOC or NORP");
  entities_->add_option("--country", entity_filter_.country, "ISO alpha-3");
  entities_->add_option("--name", entity_filter_.name, "Name (substring)");
  entities_->add_option("--language", entity_filter_.language, "Article language code (en, ru, kk, zh)");
  entities_->add_flag("--dedup", entity_filter_.dedup, "Count clusters of syndicated copies, not articles");
  add_list_flags(entities_, true);

  stats_ = app.add_subcommand("stats", "Counts and top lists of the database");
  add_db(stats_);
  stats_->add_flag("--json", json_, "JSON output");
  stats_->add_flag("--csv", csv_, "CSV output (metric,value: the counts and dates)");

  dyad_ = app.add_subcommand("dyad", "Relations between two countries over time");
  add_db(dyad_);
  dyad_->add_option("a", dyad_query_.a, "ISO alpha-3, e.g. KAZ")->required();
  dyad_->add_option("b", dyad_query_.b, "ISO alpha-3, e.g. CHN")->required();
  dyad_->add_option("--by", dyad_query_.by, "day, week, month (default) or year");
  dyad_->add_option("--from", dyad_query_.from, "YYYY-MM-DD");
  dyad_->add_option("--to", dyad_query_.to, "YYYY-MM-DD");
  dyad_->add_flag("--dedup", dyad_query_.dedup, "Count each cluster of syndicated copies once");
  dyad_->add_flag("--json", json_, "JSON output");
  dyad_->add_flag("--csv", csv_, "CSV output");

  network_ = app.add_subcommand("network", "Weighted pairs of countries mentioned together");
  add_db(network_);
  network_->add_option("--from", net_from_, "YYYY-MM-DD");
  network_->add_option("--to", net_to_, "YYYY-MM-DD");
  network_->add_flag("--json", json_, "JSON output");
  network_->add_flag("--csv", csv_, "CSV output");
  network_->add_option("--limit", net_limit_, "Most frequent pairs (default 200)");

  export_cmd_ = app.add_subcommand("export", "Export stored articles: jsonl, csv (events), gdelt-events, gdelt-gkg");
  add_db(export_cmd_);
  export_cmd_->add_option("--format", export_format_, "jsonl (records, default), quotes (Quotebank-shaped, one quote a line), csv (events), gdelt-events, gdelt-gkg");
  export_cmd_->add_option("--out,-o", export_out_, "Output file (default: standard output)");
  export_cmd_->add_option("--query", export_filter_.query, "Only articles matching this full-text query");
  export_cmd_->add_option("--from", export_filter_.from, "Published on or after YYYY-MM-DD");
  export_cmd_->add_option("--to", export_filter_.to, "Published on or before YYYY-MM-DD");
  export_cmd_->add_option("--source", export_filter_.source, "Source name");
  export_cmd_->add_option("--language", export_filter_.language, "Article language code (en, ru, kk, zh)");
  export_cmd_->add_option("--country", export_filter_.country, "Mentions this country (ISO alpha-3)");
  export_cmd_->add_flag("--header", export_header_, "Write a header line for gdelt-events and gdelt-gkg (GDELT files have none)");
  export_cmd_->add_flag("--with-text", export_text_, "jsonl: include the article text");
}

void QueryCommands::UpperCaseCountries() {
  for (std::string* s : {&export_filter_.country, &dyad_query_.a, &dyad_query_.b, &quote_filter_.country, &entity_filter_.country, &article_filter_.country}) {
    for (char& c : *s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
}

bool QueryCommands::Run(const std::string& db, int* exit_code) {
  if (*stats_) {
    *exit_code = RunStats(db, json_, csv_);
    return true;
  }
  if (!*show_ && !*search_ && !*quotes_ && !*entities_ && !*dyad_ && !*network_ && !*export_cmd_) return false;
  *exit_code = RunOnEngine(db);
  return true;
}

int QueryCommands::RunOnEngine(const std::string& db) {
  auto engine = OpenQueryEngine(db);
  if (!engine.ok()) return Fatal(engine.status());
  const Page page{limit_, cursor_};
  if (*export_cmd_) return RunExport(**engine, export_filter_, export_format_, export_out_, export_header_, export_text_);
  if (*show_) {
    Result<std::string> record = (*engine)->ArticleJson(show_id_);
    if (!record.ok()) return Fatal(record.status());
    std::puts(record->c_str());
    return kExitOk;
  }
  if (*search_) {
    Result<ArticleList> list = (*engine)->SearchArticles(article_filter_, page);
    if (!list.ok()) return Fatal(list.status());
    if (!json_ && !csv_) fmt::print("{} matching articles\n", list->total);
    PrintList(ArticleFields(), *list, page, ArticleTableColumns(), json_, csv_);
    PrintNextCursor(list->next_cursor, json_);
    return kExitOk;
  }
  if (*quotes_) {
    Result<QuoteList> list = (*engine)->Quotes(quote_filter_, page);
    if (!list.ok()) return Fatal(list.status());
    if (quotebank_) {
      PrintQuotebank(*list);
      return kExitOk;
    }
    PrintList(QuoteFields(), *list, page, QuoteTableColumns(), json_, csv_);
    PrintNextCursor(list->next_cursor, json_);
    return kExitOk;
  }
  if (*entities_) {
    Result<EntityList> list = (*engine)->Entities(entity_filter_, page);
    if (!list.ok()) return Fatal(list.status());
    PrintList(EntityFields(), *list, page, {}, json_, csv_);
    PrintNextCursor(list->next_cursor, json_);
    return kExitOk;
  }
  if (*dyad_) {
    Result<std::vector<DyadPoint>> points = (*engine)->Dyad(dyad_query_);
    if (!points.ok()) return Fatal(points.status());
    PrintAll(DyadFields(), *points, json_ ? DyadJson(dyad_query_, *points, true) : "", json_, csv_);
    return kExitOk;
  }
  if (*network_) {
    Result<std::vector<NetworkEdge>> edges = (*engine)->Network(net_from_, net_to_, net_limit_);
    if (!edges.ok()) return Fatal(edges.status());
    PrintAll(NetworkEdgeFields(), *edges, json_ ? NetworkJson(*edges, net_limit_, true) : "", json_, csv_);
    return kExitOk;
  }
  return kExitUsage;
}

// Parses the command line; -1 when it is good, else the exit code (help, version: 0; a usage
// error, reported with a suggestion where one fits: kExitUsage).
int ParseCommandLine(CLI::App& app, int argc, char** argv) {
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
  return -1;
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

  QueryCommands query_commands(app, add_db);  // show ... export

#ifdef TIES_HAVE_API
  ServeOptions serve_options;
  CLI::App* serve = app.add_subcommand("serve", "HTTP API and web dashboard over the database");
  add_db(serve);
  AddServeFlags(serve, serve_options);
#endif

  FetchCommands fetch_commands(app, add_db);  // fetch, watch, sources (cli/fetch_command.cc)
  TrainCommand train_command(app);            // train pos|chunk|ner (cli/train_command.cc)

  for (CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) sub->allow_extras();

  if (const int code = ParseCommandLine(app, argc, argv); code >= 0) return code;
  if (ReportExtras(app)) return kExitUsage;
  query_commands.UpperCaseCountries();

  try {
    if (*extract) return RunExtract(extract_in, extract_format, with_text);
    if (*ingest) return RunIngest(ingest_in, db, batch_size);
    if (*dedup) return RunDedup(db);
    if (int code = 0; fetch_commands.Run(db, &code)) return code;
    if (int code = 0; train_command.Run(&code)) return code;
#ifdef TIES_HAVE_API
    if (*serve) {
      serve_options.db = db;
      return RunServer(serve_options);
    }
#endif
    if (int code = 0; query_commands.Run(db, &code)) return code;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ties: internal error: %s\n", e.what());
    return kExitFatal;
  }
  return kExitUsage;
}

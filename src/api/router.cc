// router.cc: request validation, QueryEngine calls and JSON/CSV writing for the
// HTTP API (see router.h and docs/api.md).
//
// Every list endpoint goes through ServeList(): it reads `cursor` and `limit`,
// rejects (never caps) a limit above RouterLimits::max_page, and writes either
// one JSON page {"items":[...],"next_cursor":...} or one CSV page (the next
// cursor then travels in the X-Next-Cursor header). With format=csv&all=true
// the whole list is streamed page after page, so a download is complete.
#include "api/router.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "common/json_writer.h"
#include "query/result_fields.h"
#include "ties/query_deadline.h"

namespace ties {

namespace {

// ---------------------------------------------------------------------------
// Small helpers

std::string_view ErrorCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kIoError: return "io_error";
    case StatusCode::kParseError: return "parse_error";
    case StatusCode::kResourceExhausted: return "resource_exhausted";
    case StatusCode::kCorruption: return "corruption";
    case StatusCode::kInternal: return "internal";
    case StatusCode::kUnavailable: return "unavailable";
  }
  return "internal";
}

ApiResponse Error(int http_status, std::string_view code, std::string_view message) {
  ApiResponse response;
  response.status = http_status;
  response.body = ErrorJson(code, message);
  return response;
}

ApiResponse Error(const Status& status) {
  return Error(HttpStatusFor(status), ErrorCodeName(status.code()), status.message());
}

ApiResponse Json(std::string body) {
  EscapeJsonMarkup(body);
  ApiResponse response;
  response.body = std::move(body);
  return response;
}

bool IsIso3(std::string_view s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// "YYYY-MM-DD" with a plausible month and day.
bool IsDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  const int day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// Cursors the query engines hand out (SQLite and ClickHouse alike): "o" and a
// decimal row offset. Anything else (a negative or overflowing offset, SQL)
// is refused here so it never reaches an engine's cursor parser.
bool IsCursor(std::string_view s) {
  return s.size() >= 2 && s.size() <= 19 && s[0] == 'o' &&
         std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsTrue(std::string_view s) { return s == "1" || s == "true" || s == "yes"; }
bool IsBool(std::string_view s) {
  return IsTrue(s) || s == "0" || s == "false" || s == "no" || s.empty();
}

// Splits "/api/dyads/KAZ/CHN/series" into {"api","dyads","KAZ","CHN","series"}.
std::vector<std::string_view> PathSegments(std::string_view path) {
  std::vector<std::string_view> segments;
  size_t pos = 0;
  while (pos < path.size()) {
    if (path[pos] == '/') {
      ++pos;
      continue;
    }
    const size_t end = std::min(path.find('/', pos), path.size());
    segments.push_back(path.substr(pos, end - pos));
    pos = end;
  }
  return segments;
}

// ---------------------------------------------------------------------------
// Parameters: each endpoint names the parameters it accepts; anything else,
// a repeated name or an over-long value is a 400 so typos never pass silently.

class Params {
 public:
  static Result<Params> Parse(const ApiRequest& request, std::span<const std::string_view> allowed,
                              const RouterLimits& limits) {
    if (request.params.size() > limits.max_params) {
      return Status::InvalidArgument(fmt::format("too many query parameters (at most {})", limits.max_params));
    }
    Params params;
    for (const auto& [name, value] : request.params) {
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        std::string names;
        for (std::string_view a : allowed) {
          if (!names.empty()) names += ", ";
          names += a;
        }
        return Status::InvalidArgument(
            fmt::format("unknown parameter '{}' for {} (accepted: {})", name, request.path, names));
      }
      if (params.Has(name)) return Status::InvalidArgument(fmt::format("parameter '{}' given twice", name));
      if (value.size() > limits.max_param_bytes) {
        return Status::InvalidArgument(
            fmt::format("parameter '{}' is longer than {} bytes", name, limits.max_param_bytes));
      }
      params.values_.emplace_back(name, value);
    }
    return params;
  }

  bool Has(std::string_view name) const {
    return std::any_of(values_.begin(), values_.end(), [&](const auto& p) { return p.first == name; });
  }
  std::string Get(std::string_view name) const {
    for (const auto& [key, value] : values_) {
      if (key == name) return value;
    }
    return {};
  }

 private:
  std::vector<std::pair<std::string, std::string>> values_;
};

// Reads an unsigned integer parameter in [1, max]; `fallback` when absent.
Result<uint32_t> ReadLimit(const Params& params, std::string_view name, uint32_t fallback, uint32_t max) {
  if (!params.Has(name)) return fallback;
  const std::string value = params.Get(name);
  uint64_t n = 0;
  const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || ptr != value.data() + value.size() || n < 1 || n > max) {
    return Status::InvalidArgument(
        fmt::format("parameter '{}' must be an integer from 1 to {} (got '{}'); page with next_cursor", name,
                    max, value));
  }
  return static_cast<uint32_t>(n);
}

Status CheckDates(const Params& params) {
  for (std::string_view name : {"from", "to"}) {
    const std::string value = params.Get(name);
    if (!value.empty() && !IsDate(value)) {
      return Status::InvalidArgument(fmt::format("parameter '{}' must be a date YYYY-MM-DD (got '{}')", name, value));
    }
  }
  if (params.Has("from") && params.Has("to") && params.Get("from") > params.Get("to")) {
    return Status::InvalidArgument("parameter 'from' is after 'to'");
  }
  return Status::Ok();
}

// Reads an ISO 3166-1 alpha-3 code (any case); empty when absent.
Result<std::string> ReadCountry(const Params& params, std::string_view name) {
  const std::string value = Upper(params.Get(name));
  if (!value.empty() && !IsIso3(value)) {
    return Status::InvalidArgument(
        fmt::format("parameter '{}' must be an ISO 3166-1 alpha-3 code such as KAZ (got '{}')", name, value));
  }
  return value;
}

Status CheckOneOf(const Params& params, std::string_view name, std::initializer_list<std::string_view> values) {
  const std::string value = params.Get(name);
  if (value.empty()) return Status::Ok();
  if (std::find(values.begin(), values.end(), value) != values.end()) return Status::Ok();
  std::string list;
  for (std::string_view v : values) {
    if (!list.empty()) list += ", ";
    list += v;
  }
  return Status::InvalidArgument(fmt::format("parameter '{}' must be one of {} (got '{}')", name, list, value));
}

enum class Format { kJson, kCsv };

Result<Format> ReadFormat(const ApiRequest& request, const Params& params) {
  const std::string format = params.Get("format");
  if (format == "csv") return Format::kCsv;
  if (format == "json") return Format::kJson;
  if (!format.empty()) return Status::InvalidArgument(fmt::format("parameter 'format' must be json or csv (got '{}')", format));
  if (request.accept.find("text/csv") != std::string::npos) return Format::kCsv;
  return Format::kJson;
}

// ---------------------------------------------------------------------------
// CSV

ApiResponse Csv(std::string body, std::string_view name) {
  ApiResponse response;
  response.content_type = "text/csv; charset=utf-8";
  response.body = std::move(body);
  response.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"ties-{}.csv\"", name));
  return response;
}

// ---------------------------------------------------------------------------
// Lists

// How one list endpoint reads a page; its rows are written through the
// shared field table (query/result_fields.h), as the CLI writes them.
template <typename List>
struct ListSpec {
  using Item = typename decltype(List::items)::value_type;
  std::string name;          // "articles": used in the CSV file name
  std::span<const ResultField<Item>> fields;
  std::function<Result<List>(const Page&)> fetch;
};

template <typename List>
ApiResponse ServeList(const ApiRequest& request, const Params& params, const RouterLimits& limits,
                      ListSpec<List> spec) {
  Result<Format> format = ReadFormat(request, params);
  if (!format.ok()) return Error(format.status());
  Result<uint32_t> limit = ReadLimit(params, "limit", limits.default_page, limits.max_page);
  if (!limit.ok()) return Error(limit.status());
  const bool all = IsTrue(params.Get("all"));
  if (!IsBool(params.Get("all"))) return Error(Status::InvalidArgument("parameter 'all' must be true or false"));
  if (all && *format != Format::kCsv) {
    return Error(Status::InvalidArgument("all=true needs format=csv; JSON clients page with next_cursor"));
  }

  Page page;
  page.limit = all && !params.Has("limit") ? limits.max_page : *limit;
  page.cursor = params.Get("cursor");
  if (!page.cursor.empty() && !IsCursor(page.cursor)) {
    return Error(Status::InvalidArgument("parameter 'cursor' is not a cursor from this API; pass next_cursor back unchanged"));
  }
  Result<List> first = spec.fetch(page);
  if (!first.ok()) return Error(first.status());

  if (*format == Format::kJson) {
    int64_t total = -1;
    if constexpr (requires { first->total; }) total = static_cast<int64_t>(first->total);
    return Json(ListPageJson(spec.fields, first->items, first->next_cursor, total, page.limit));
  }

  std::string body = ListCsv(spec.fields, first->items);
  ApiResponse response = Csv(std::move(body), spec.name);
  if constexpr (requires { first->total; }) {
    response.headers.emplace_back("X-Total-Count", std::to_string(first->total));
  }
  if (!all) {
    if (!first->next_cursor.empty()) response.headers.emplace_back("X-Next-Cursor", first->next_cursor);
    return response;
  }
  // Stream the remaining pages. The state is shared by the copies of the
  // std::function the transport may make.
  struct StreamState {
    std::string cursor;
    Page page;
  };
  auto state = std::make_shared<StreamState>();
  state->cursor = first->next_cursor;
  state->page = page;
  response.stream = [state, spec](std::string& out, bool& done) -> bool {
    if (state->cursor.empty()) {
      done = true;
      return false;
    }
    state->page.cursor = state->cursor;
    Result<List> next = spec.fetch(state->page);
    if (!next.ok()) {
      done = false;
      return false;
    }
    for (const auto& item : next->items) AppendCsvRow(out, spec.fields, item);
    // A cursor that does not move would loop forever: treat it as a failure.
    if (next->next_cursor == state->cursor) {
      done = false;
      return false;
    }
    state->cursor = next->next_cursor;
    return true;
  };
  return response;
}

// ---------------------------------------------------------------------------
// Endpoints

constexpr std::string_view kFormatOnly[] = {"format"};
constexpr std::string_view kEntityParams[] = {"type", "country", "name", "language", "cursor", "limit", "format", "all"};
constexpr std::string_view kDyadParams[] = {"by", "from", "to", "dedup", "format"};
constexpr std::string_view kNetworkParams[] = {"from", "to", "limit", "format"};

constexpr std::string_view kArticleParams[] = {
    "q", "from", "to", "source", "language", "country", "entity", "theme", "cursor", "limit", "format", "all"};

ApiResponse Articles(QueryEngine& engine, const ApiRequest& request, const RouterLimits& limits) {
  Result<Params> params = Params::Parse(request, kArticleParams, limits);
  if (!params.ok()) return Error(params.status());
  if (Status s = CheckDates(*params); !s.ok()) return Error(s);
  Result<std::string> country = ReadCountry(*params, "country");
  if (!country.ok()) return Error(country.status());
  ArticleFilter filter;
  filter.query = params->Get("q");
  filter.from = params->Get("from");
  filter.to = params->Get("to");
  filter.source = params->Get("source");
  filter.language = params->Get("language");
  filter.country = *country;
  filter.entity = params->Get("entity");
  filter.theme = params->Get("theme");

  ListSpec<ArticleList> spec;
  spec.name = "articles";
  spec.fields = ArticleFields();
  spec.fetch = [&engine, filter](const Page& page) { return engine.SearchArticles(filter, page); };
  return ServeList(request, *params, limits, std::move(spec));
}

ApiResponse Article(QueryEngine& engine, const ApiRequest& request, std::string_view id,
                    const RouterLimits& limits) {
  Result<Params> params = Params::Parse(request, kFormatOnly, limits);
  if (!params.ok()) return Error(params.status());
  if (Status s = CheckOneOf(*params, "format", {"json"}); !s.ok()) return Error(s);
  if (id.empty() || id.size() > limits.max_param_bytes) {
    return Error(Status::InvalidArgument("article id is empty or too long"));
  }
  Result<std::string> json = engine.ArticleJson(std::string(id));
  if (!json.ok()) return Error(json.status());
  return Json(std::move(json).value());
}

template <typename Filter>
constexpr bool kHasRoleFilter = requires(Filter& f) { f.role; };

// Passes the role filter to the engine when its QuoteFilter has one.
template <typename Filter>
void SetRole(Filter& filter, const std::string& role) {
  if constexpr (kHasRoleFilter<Filter>) filter.role = role;
}

// ASCII case-insensitive substring test.
bool ContainsNoCase(std::string_view haystack, std::string_view needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         }) != haystack.end();
}

constexpr std::string_view kQuoteParams[] = {
    "speaker", "country", "role", "q", "kind", "article", "language", "from", "to", "cursor", "limit", "format", "all"};

ApiResponse Quotes(QueryEngine& engine, const ApiRequest& request, const RouterLimits& limits) {
  Result<Params> params = Params::Parse(request, kQuoteParams, limits);
  if (!params.ok()) return Error(params.status());
  if (Status s = CheckDates(*params); !s.ok()) return Error(s);
  if (Status s = CheckOneOf(*params, "kind", {"direct", "indirect", "mixed"}); !s.ok()) return Error(s);
  Result<std::string> country = ReadCountry(*params, "country");
  if (!country.ok()) return Error(country.status());
  QuoteFilter filter;
  filter.speaker = params->Get("speaker");
  filter.country = *country;
  filter.query = params->Get("q");
  filter.kind = params->Get("kind");
  filter.article = params->Get("article");
  filter.language = params->Get("language");
  filter.from = params->Get("from");
  filter.to = params->Get("to");
  const std::string role = params->Get("role");
  SetRole(filter, role);

  ListSpec<QuoteList> spec;
  spec.name = "quotes";
  spec.fields = QuoteFields();
  spec.fetch = [&engine, filter, role](const Page& page) -> Result<QuoteList> {
    Result<QuoteList> list = engine.Quotes(filter, page);
    if (!list.ok() || role.empty() || kHasRoleFilter<QuoteFilter>) return list;
    // The engine cannot filter by role: keep matching rows of each page (pages
    // may then hold fewer than `limit` rows; next_cursor still covers the rest).
    std::erase_if(list->items, [&role](const QuoteRow& q) { return !ContainsNoCase(q.speaker_role, role); });
    return list;
  };
  return ServeList(request, *params, limits, std::move(spec));
}
// Each handler fills its own filter type from Params (issue 16: a justified same-shape duplicate).
ApiResponse Entities(QueryEngine& engine, const ApiRequest& request, const RouterLimits& limits) {
  Result<Params> params =
      Params::Parse(request, kEntityParams, limits);
  if (!params.ok()) return Error(params.status());
  if (Status s = CheckOneOf(*params, "type", {"PERSON", "ORG", "LOC", "NORP"}); !s.ok()) return Error(s);
  Result<std::string> country = ReadCountry(*params, "country");
  if (!country.ok()) return Error(country.status());
  EntityFilter filter;
  filter.type = params->Get("type");
  filter.country = *country;
  filter.name = params->Get("name");
  filter.language = params->Get("language");

  ListSpec<EntityList> spec;
  spec.name = "entities";
  spec.fields = EntityFields();
  spec.fetch = [&engine, filter](const Page& page) { return engine.Entities(filter, page); };
  return ServeList(request, *params, limits, std::move(spec));
}

ApiResponse DyadSeries(QueryEngine& engine, const ApiRequest& request, std::string_view a, std::string_view b,
                       const RouterLimits& limits) {
  Result<Params> params = Params::Parse(request, kDyadParams, limits);
  if (!params.ok()) return Error(params.status());
  Result<Format> format = ReadFormat(request, *params);
  if (!format.ok()) return Error(format.status());
  if (Status s = CheckDates(*params); !s.ok()) return Error(s);
  if (Status s = CheckOneOf(*params, "by", {"day", "week", "month", "year"}); !s.ok()) return Error(s);
  if (!IsBool(params->Get("dedup"))) return Error(Status::InvalidArgument("parameter 'dedup' must be true or false"));
  DyadQuery query;
  query.a = Upper(a);
  query.b = Upper(b);
  if (!IsIso3(query.a) || !IsIso3(query.b)) {
    return Error(Status::InvalidArgument(
        fmt::format("dyad countries must be ISO 3166-1 alpha-3 codes such as KAZ and CHN (got '{}' and '{}')", a, b)));
  }
  if (params->Has("by")) query.by = params->Get("by");
  query.from = params->Get("from");
  query.to = params->Get("to");
  query.dedup = IsTrue(params->Get("dedup"));
  Result<std::vector<DyadPoint>> series = engine.Dyad(query);
  if (!series.ok()) return Error(series.status());

  if (*format == Format::kCsv) {
    return Csv(ListCsv(DyadFields(), *series), fmt::format("dyad-{}-{}", query.a, query.b));
  }
  return Json(DyadJson(query, *series));
}

ApiResponse Network(QueryEngine& engine, const ApiRequest& request, const RouterLimits& limits) {
  Result<Params> params = Params::Parse(request, kNetworkParams, limits);
  if (!params.ok()) return Error(params.status());
  Result<Format> format = ReadFormat(request, *params);
  if (!format.ok()) return Error(format.status());
  if (Status s = CheckDates(*params); !s.ok()) return Error(s);
  Result<uint32_t> limit = ReadLimit(*params, "limit", limits.default_network, limits.max_network);
  if (!limit.ok()) return Error(limit.status());
  Result<std::vector<NetworkEdge>> edges = engine.Network(params->Get("from"), params->Get("to"), *limit);
  if (!edges.ok()) return Error(edges.status());

  if (*format == Format::kCsv) return Csv(ListCsv(NetworkEdgeFields(), *edges), "network");
  return Json(NetworkJson(*edges, *limit));
}

ApiResponse StatsPage(QueryEngine& engine, const ApiRequest& request, const RouterLimits& limits) {
  Result<Params> params = Params::Parse(request, kFormatOnly, limits);
  if (!params.ok()) return Error(params.status());
  Result<Format> format = ReadFormat(request, *params);
  if (!format.ok()) return Error(format.status());
  Result<Stats> stats = engine.GetStats();
  if (!stats.ok()) return Error(stats.status());
  if (*format == Format::kCsv) return Csv(StatsCsv(*stats), "stats");
  return Json(StatsJson(*stats));
}

// The fetch log's per-source summary (`ties sources`, docs/fetch.md). JSON only.
ApiResponse SourcesPage(QueryEngine& engine, const ApiRequest& request, const RouterLimits& limits) {
  Result<Params> params = Params::Parse(request, kFormatOnly, limits);
  if (!params.ok()) return Error(params.status());
  Result<Format> format = ReadFormat(request, *params);
  if (!format.ok()) return Error(format.status());
  if (*format == Format::kCsv) return Error(Status::InvalidArgument("/api/sources answers JSON only"));
  Result<std::vector<SourceRow>> rows = engine.Sources();
  if (!rows.ok()) return Error(rows.status());
  std::string body;
  JsonWriter w(body);
  w.BeginObject().Key("items").BeginArray();
  for (const SourceRow& r : *rows) {
    w.BeginObject().Field("name", r.name).Field("last_success", r.last_success).Field("last_failure", r.last_failure);
    w.Field("last_error", r.last_error).Field("fetches", r.fetches).Field("failures", r.failures);
    w.Field("articles", r.articles).EndObject();
  }
  w.EndArray().EndObject();
  return Json(std::move(body));
}

// Themes come from the store statistics (the most frequent themes).
ApiResponse Themes(QueryEngine& engine, const ApiRequest& request, const RouterLimits& limits) {
  Result<Params> params = Params::Parse(request, kFormatOnly, limits);
  if (!params.ok()) return Error(params.status());
  Result<Format> format = ReadFormat(request, *params);
  if (!format.ok()) return Error(format.status());
  Result<Stats> stats = engine.GetStats();
  if (!stats.ok()) return Error(stats.status());
  if (*format == Format::kCsv) return Csv(ListCsv(TopEntryFields(), stats->top_themes), "themes");
  return Json(ThemesJson(*stats));
}

}  // namespace

// ---------------------------------------------------------------------------
// Public functions

int HttpStatusFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument:
    case StatusCode::kParseError: return 400;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kResourceExhausted:
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kIoError:
    case StatusCode::kCorruption:
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

std::string ErrorJson(std::string_view code, std::string_view message) {
  std::string body;
  JsonWriter w(body);
  w.BeginObject().Key("error").BeginObject().Field("code", code).Field("message", message).EndObject().EndObject();
  EscapeJsonMarkup(body);
  return body;
}

void EscapeJsonMarkup(std::string& json) {
  if (json.find_first_of("<>&") == std::string::npos) return;
  std::string out;
  out.reserve(json.size() + 64);
  for (char c : json) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out.push_back(c);
    }
  }
  json = std::move(out);
}

ApiResponse ApiRouter::Handle(const ApiRequest& request) const {
  try {
    if (limits_.query_budget_ms == 0) return Dispatch(request);
    const std::chrono::milliseconds budget(limits_.query_budget_ms);
    ApiResponse response;
    {
      ScopedQueryDeadline deadline(budget);
      response = Dispatch(request);
      // An engine interrupted at the deadline reports whatever its backend
      // said ("sqlite: interrupted", maybe as a parse error after a retry):
      // the deadline is the cause.
      if (response.status >= 400 && QueryDeadlinePassed()) {
        response = Error(503, "resource_exhausted",
                         fmt::format("the query took longer than its budget of {} ms; narrow it (dates, a country, "
                                     "fewer OR terms)",
                                     limits_.query_budget_ms));
      }
    }
    if (response.status == 503 && response.body.find("resource_exhausted") != std::string::npos) {
      response.headers.emplace_back("Retry-After", "5");
    }
    // A streamed download: each further page gets a budget of its own.
    if (response.stream) {
      response.stream = [budget, next = std::move(response.stream)](std::string& out, bool& done) {
        ScopedQueryDeadline deadline(budget);
        return next(out, done);
      };
    }
    return response;
  } catch (const std::exception& e) {
    return Error(500, "internal", fmt::format("internal error: {}", e.what()));
  } catch (...) {
    return Error(500, "internal", "internal error");
  }
}

ApiResponse ApiRouter::Dispatch(const ApiRequest& request) const {
  const std::vector<std::string_view> seg = PathSegments(request.path);
  if (seg.empty() || seg[0] != "api") return Error(404, "not_found", "no such path");
  if (request.method != "GET" && request.method != "HEAD") {
    ApiResponse response = Error(405, "method_not_allowed", "the API is read-only: use GET");
    response.headers.emplace_back("Allow", "GET, HEAD");
    return response;
  }
  const size_t n = seg.size();
  if (n == 2) {
    const std::string_view what = seg[1];
    if (what == "articles") return Articles(engine_, request, limits_);
    if (what == "quotes") return Quotes(engine_, request, limits_);
    if (what == "entities") return Entities(engine_, request, limits_);
    if (what == "network") return Network(engine_, request, limits_);
    if (what == "stats") return StatsPage(engine_, request, limits_);
    if (what == "themes") return Themes(engine_, request, limits_);
    if (what == "sources") return SourcesPage(engine_, request, limits_);
    if (what == "openapi.json") {
      ApiResponse response;
      response.body = OpenApiJson();
      return response;
    }
    if (what == "health") return Json(R"({"status":"ok"})");
  }
  // Article ids may contain '/' (an id derived from a URL): everything after
  // the prefix is the id.
  constexpr std::string_view kArticlePrefix = "/api/articles/";
  if (n >= 3 && request.path.rfind(kArticlePrefix, 0) == 0) {
    return Article(engine_, request, std::string_view(request.path).substr(kArticlePrefix.size()), limits_);
  }
  if (n == 5 && seg[1] == "dyads" && seg[4] == "series") return DyadSeries(engine_, request, seg[2], seg[3], limits_);
  return Error(404, "not_found", fmt::format("no API endpoint at {} (see /api/openapi.json)", request.path));
}

}  // namespace ties

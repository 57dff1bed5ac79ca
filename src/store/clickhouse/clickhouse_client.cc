// clickhouse_client.cc: location parsing, the HTTP client (cpp-httplib, included
// here only), SQL quoting and the TabSeparated reader.
#include "store/clickhouse/clickhouse_client.h"

#include <httplib.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

namespace ties::clickhouse {

namespace {

bool IsIdentifier(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int v = 0;
      auto [p, ec] = std::from_chars(s.data() + i + 1, s.data() + i + 3, v, 16);
      if (ec == std::errc() && p == s.data() + i + 3) {
        out.push_back(static_cast<char>(v));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i] == '+' ? ' ' : s[i]);
  }
  return out;
}

std::string PercentEncode(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3 / 2);
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// "Code: 60, e.displayText() = DB::Exception: Table x doesn't exist., e.what() = DB::Exception"
// -> "Table x doesn't exist. (code 60)"
std::string ServerMessage(std::string_view body, int* code) {
  *code = 0;
  std::string_view b = body;
  while (!b.empty() && (b.back() == '\n' || b.back() == ' ')) b.remove_suffix(1);
  if (b.rfind("Code: ", 0) == 0) std::from_chars(b.data() + 6, b.data() + b.size(), *code);
  std::string_view msg = b;
  if (size_t p = b.find("DB::Exception: "); p != std::string_view::npos) msg = b.substr(p + 15);
  if (size_t p = msg.find(", e.what() = "); p != std::string_view::npos) msg = msg.substr(0, p);
  if (size_t p = msg.find(" (version "); p != std::string_view::npos) msg = msg.substr(0, p);  // newer servers
  if (msg.size() > 2000) msg = msg.substr(0, 2000);
  std::string out(msg);
  if (*code) out += " (code " + std::to_string(*code) + ")";
  return out;
}

}  // namespace

Result<Location> ParseLocation(const std::string& location) {
  constexpr std::string_view kScheme = "clickhouse://";
  if (location.rfind(kScheme, 0) != 0) return Status::InvalidArgument(location + ": not a clickhouse:// location");
  Location loc;
  std::string_view rest = std::string_view(location).substr(kScheme.size());
  std::string_view params;
  if (size_t q = rest.find('?'); q != std::string_view::npos) {
    params = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string_view authority = rest, path;
  if (size_t slash = rest.find('/'); slash != std::string_view::npos) {
    authority = rest.substr(0, slash);
    path = rest.substr(slash + 1);
  }
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view cred = authority.substr(0, at);
    authority = authority.substr(at + 1);
    if (size_t colon = cred.find(':'); colon != std::string_view::npos) {
      loc.user = PercentDecode(cred.substr(0, colon));
      loc.password = PercentDecode(cred.substr(colon + 1));
    } else {
      loc.user = PercentDecode(cred);
    }
  }
  if (size_t colon = authority.rfind(':'); colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    std::string_view port = authority.substr(colon + 1);
    int p = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
    if (ec != std::errc() || end != port.data() + port.size() || p <= 0 || p > 65535) {
      return Status::InvalidArgument(location + ": bad port '" + std::string(port) + "'");
    }
    loc.port = p;
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) return Status::InvalidArgument(location + ": missing host");
  loc.host = std::string(authority);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (!path.empty()) loc.database = std::string(path);
  if (!IsIdentifier(loc.database)) {
    return Status::InvalidArgument(location + ": database name must be an identifier ([A-Za-z_][A-Za-z0-9_]*)");
  }
  while (!params.empty()) {
    std::string_view kv = params.substr(0, params.find('&'));
    params = kv.size() < params.size() ? params.substr(kv.size() + 1) : std::string_view();
    if (kv.empty()) continue;
    const size_t eq = kv.find('=');
    const std::string key(kv.substr(0, eq));
    const std::string value = eq == std::string_view::npos ? "" : PercentDecode(kv.substr(eq + 1));
    char* end = nullptr;
    if (key == "cluster") {
      if (!IsIdentifier(value)) return Status::InvalidArgument(location + ": cluster name must be an identifier");
      loc.cluster = value;
    } else if (key == "user") {
      loc.user = value;
    } else if (key == "password") {
      loc.password = value;
    } else if (key == "flush_rows") {
      loc.flush_rows = std::strtoull(value.c_str(), &end, 10);
      if (*end || loc.flush_rows == 0) return Status::InvalidArgument(location + ": flush_rows must be a positive integer");
    } else if (key == "flush_seconds") {
      loc.flush_seconds = std::strtod(value.c_str(), &end);
      if (*end || loc.flush_seconds < 0) return Status::InvalidArgument(location + ": flush_seconds must be >= 0");
    } else if (key == "timeout") {
      loc.timeout_seconds = static_cast<int>(std::strtol(value.c_str(), &end, 10));
      if (*end || loc.timeout_seconds <= 0) return Status::InvalidArgument(location + ": timeout must be a positive integer");
    } else if (key == "retry") {
      loc.retry_seconds = static_cast<int>(std::strtol(value.c_str(), &end, 10));
      if (value.empty() || *end || loc.retry_seconds < 0) {
        return Status::InvalidArgument(location + ": retry must be a number of seconds >= 0");
      }
    } else {
      return Status::InvalidArgument(location + ": unknown parameter '" + key +
                                     "' (known: cluster, user, password, flush_rows, flush_seconds, timeout, retry)");
    }
  }
  return loc;
}

struct Client::Impl {
  explicit Impl(const Location& loc) : http(loc.host, loc.port) {
    http.set_keep_alive(true);
    http.set_tcp_nodelay(true);  // headers and body are separate writes: avoid 40 ms delayed-ACK stalls
    http.set_connection_timeout(5, 0);
    http.set_read_timeout(loc.timeout_seconds, 0);
    http.set_write_timeout(loc.timeout_seconds, 0);
    if (!loc.user.empty()) http.set_basic_auth(loc.user.c_str(), loc.password.c_str());
  }
  httplib::Client http;
};

Client::Client(const Location& location) : location_(location), impl_(std::make_unique<Impl>(location)) {}
Client::~Client() = default;

Result<std::string> Client::Post(const std::string& path_and_query, std::string_view body) {
  const std::string where = location_.host + ":" + std::to_string(location_.port);
  using Clock = std::chrono::steady_clock;
  Clock::time_point deadline{};
  std::chrono::milliseconds backoff(250);
  for (int attempt = 0;; ++attempt) {
    httplib::Result res = impl_->http.Post(path_and_query.c_str(), body.data(), body.size(), "application/octet-stream");
    if (!res) {
      // A keep-alive connection the server closed fails once; a second failure is real.
      impl_->http.stop();
      if (attempt == 0) continue;
      // The server is down or restarting. Resending is safe: an insert that did land is stored again with the
      // same replacing key and collapses under FINAL; the other statements ties sends are idempotent.
      const int budget = std::max(location_.retry_seconds, 0);
      if (attempt == 1 && budget > 0) {
        deadline = Clock::now() + std::chrono::seconds(budget);
        std::fprintf(stderr, "clickhouse %s: %s; retrying for up to %d s\n", where.c_str(),
                     httplib::to_string(res.error()).c_str(), budget);
      }
      if (budget > 0 && Clock::now() + backoff < deadline) {
        std::this_thread::sleep_for(backoff);
        backoff = std::min(backoff * 2, std::chrono::milliseconds(4000));
        continue;
      }
      return Status::Unavailable("clickhouse " + where + ": " + httplib::to_string(res.error()) +
                                 (budget > 0 ? " (still after " + std::to_string(budget) + " s of retries)" : "") +
                                 " (is the server running? see docs/scale.md)");
    }
    if (attempt > 1) std::fprintf(stderr, "clickhouse %s: reachable again\n", where.c_str());
    if (res->status != 200) {
      int code = 0;
      std::string msg = ServerMessage(res->body, &code);
      if (code == 81 || code == 60) return Status::NotFound("clickhouse " + where + ": " + msg);
      if (code == 516 || code == 192 || code == 193 || code == 194 || res->status == 401 || res->status == 403) {
        return Status::Unavailable("clickhouse " + where + ": " + msg);
      }
      return Status::Internal("clickhouse " + where + ": " + msg);
    }
    return std::move(res->body);
  }
}

Result<std::string> Client::Query(std::string_view sql, bool use_database) {
  // IN (subquery) over Distributed tables runs per shard: each article's rows live on one shard.
  std::string path = "/?distributed_product_mode=local";
  if (use_database) path += "&database=" + location_.database;
  return Post(path, sql);
}

Status Client::InsertRowBinary(std::string_view table, std::string_view columns, std::string_view rows,
                               std::string_view settings) {
  const std::string sql = "INSERT INTO " + location_.database + "." + std::string(table) + " (" + std::string(columns) +
                          ") FORMAT RowBinary";
  std::string path = "/?";
  if (!settings.empty()) path += std::string(settings) + "&";
  Result<std::string> r = Post(path + "query=" + PercentEncode(sql), rows);
  return r.ok() ? Status::Ok() : r.status();
}

std::string Quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('\'');
  for (char c : s) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    if (c == '\0') {
      out += "\\0";
      continue;
    }
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

std::vector<std::vector<std::string>> ParseTsv(std::string_view body) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  for (size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (c == '\t') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else if (c == '\\' && i + 1 < body.size()) {
      const char e = body[++i];
      switch (e) {
        case 'n': field.push_back('\n'); break;
        case 't': field.push_back('\t'); break;
        case 'r': field.push_back('\r'); break;
        case '0': field.push_back('\0'); break;
        case 'b': field.push_back('\b'); break;
        case 'f': field.push_back('\f'); break;
        case 'a': field.push_back('\a'); break;
        case 'v': field.push_back('\v'); break;
        default: field.push_back(e); break;  // \\ \' and anything else stand for themselves
      }
    } else {
      field.push_back(c);
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace ties::clickhouse

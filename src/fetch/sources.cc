// sources.cc: the sources file (see sources.h).
#include "fetch/sources.h"

#include <toml++/toml.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "common/text_util.h"

namespace ties {

namespace {

Result<double> IntervalOf(const toml::node& node, const std::string& where) {
  if (auto i = node.value<int64_t>()) {
    if (*i > 0) return static_cast<double>(*i);
  } else if (auto d = node.value<double>()) {
    if (*d > 0) return *d;
  } else if (auto s = node.value<std::string>()) {
    Result<double> r = ParseInterval(*s);
    if (r.ok()) return r;
  }
  return Status::InvalidArgument(where + ": interval must be a positive number of seconds or \"90s\", \"15m\", \"2h\", \"1d\"");
}

std::string Where(const std::string& path, const toml::node& node) {
  const auto& src = node.source();
  return src.begin.line > 0 ? path + ":" + std::to_string(src.begin.line) : path;
}

}  // namespace

Result<double> ParseInterval(std::string_view text) {
  text = TrimAscii(text);
  if (text.empty()) return Status::InvalidArgument("empty interval");
  double unit = 1;
  switch (text.back()) {
    case 's': unit = 1, text.remove_suffix(1); break;
    case 'm': unit = 60, text.remove_suffix(1); break;
    case 'h': unit = 3600, text.remove_suffix(1); break;
    case 'd': unit = 86400, text.remove_suffix(1); break;
    default: break;
  }
  const std::string number(text);
  char* end = nullptr;
  const double v = std::strtod(number.c_str(), &end);
  if (number.empty() || end != number.c_str() + number.size() || !(v > 0)) {
    return Status::InvalidArgument("bad interval '" + std::string(text) + "'");
  }
  return v * unit;
}

Result<SourcesFile> ParseSourcesToml(std::string_view text, const std::string& path) {
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    return Status::ParseError(path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
  SourcesFile out;
  double default_interval = 900;
  for (const auto& [key, node] : root) {
    const std::string k(key.str());
    if (k == "user_agent") {
      if (!node.is_string()) return Status::InvalidArgument(Where(path, node) + ": user_agent must be a string");
      out.user_agent = *node.value<std::string>();
    } else if (k == "rate") {
      const auto r = node.value<double>();
      if (!r || *r <= 0) return Status::InvalidArgument(Where(path, node) + ": rate must be a positive number");
      out.rate = *r;
    } else if (k == "interval") {
      Result<double> i = IntervalOf(node, Where(path, node));
      if (!i.ok()) return i.status();
      default_interval = *i;
    } else if (k != "source") {
      return Status::InvalidArgument(Where(path, node) + ": unknown key '" + k + "'");
    }
  }
  const toml::array* list = root["source"].as_array();
  if (list == nullptr || list->empty()) return Status::InvalidArgument(path + ": no [[source]] tables");
  std::set<std::string> names;
  for (const toml::node& entry : *list) {
    const toml::table* t = entry.as_table();
    if (t == nullptr) return Status::InvalidArgument(Where(path, entry) + ": source must be a [[source]] table");
    CrawlSource source;
    source.interval_s = default_interval;
    for (const auto& [key, node] : *t) {
      const std::string k(key.str());
      const std::string where = Where(path, node);
      if (k == "name") {
        if (!node.is_string()) return Status::InvalidArgument(where + ": name must be a string");
        source.name = *node.value<std::string>();
      } else if (k == "url") {
        if (!node.is_string()) return Status::InvalidArgument(where + ": url must be a string");
        source.urls.push_back(*node.value<std::string>());
      } else if (k == "urls") {
        const toml::array* urls = node.as_array();
        if (urls == nullptr) return Status::InvalidArgument(where + ": urls must be an array of strings");
        for (const toml::node& u : *urls) {
          if (!u.is_string()) return Status::InvalidArgument(Where(path, u) + ": urls must be an array of strings");
          source.urls.push_back(*u.value<std::string>());
        }
      } else if (k == "interval") {
        Result<double> i = IntervalOf(node, where);
        if (!i.ok()) return i.status();
        source.interval_s = *i;
      } else {
        return Status::InvalidArgument(where + ": unknown key '" + k + "' in [[source]]");
      }
    }
    const std::string where = Where(path, entry);
    if (source.name.empty()) return Status::InvalidArgument(where + ": [[source]] without a name");
    if (source.urls.empty()) return Status::InvalidArgument(where + ": source '" + source.name + "' has no url");
    if (!names.insert(source.name).second) {
      return Status::InvalidArgument(where + ": source '" + source.name + "' is defined twice");
    }
    out.sources.push_back(std::move(source));
  }
  return out;
}

Result<SourcesFile> LoadSourcesFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot read");
  std::stringstream buf;
  buf << in.rdbuf();
  return ParseSourcesToml(buf.str(), path);
}

}  // namespace ties

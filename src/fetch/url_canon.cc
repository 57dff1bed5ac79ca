// url_canon.cc: URL canonicalisation over libcurl's URL API (see url_canon.h).
#include "fetch/url_canon.h"

#include <curl/curl.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "common/text_util.h"

namespace ties {

namespace {

struct CurlUrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
using CurlUrl = std::unique_ptr<CURLU, CurlUrlDeleter>;

std::string GetPart(CURLU* u, CURLUPart part, unsigned flags = 0) {
  char* value = nullptr;
  if (curl_url_get(u, part, &value, flags) != CURLUE_OK || value == nullptr) return "";
  std::string out(value);
  curl_free(value);
  return out;
}

Result<CurlUrl> ParseAbsolute(std::string_view url) {
  CurlUrl u(curl_url());
  if (!u) return Status::Internal("curl_url failed");
  const std::string s(TrimAscii(url));
  if (curl_url_set(u.get(), CURLUPART_URL, s.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
    return Status::InvalidArgument("not an absolute URL: " + s.substr(0, 200));
  }
  const std::string scheme = GetPart(u.get(), CURLUPART_SCHEME);
  if (scheme != "http" && scheme != "https") {
    return Status::InvalidArgument("not an http(s) URL: " + s.substr(0, 200));
  }
  return u;
}

bool DropParam(std::string_view name, const UrlRules& rules) {
  for (const std::string& p : rules.params) {
    if (name == p) return true;
  }
  for (const std::string& p : rules.param_prefixes) {
    if (name.substr(0, p.size()) == p) return true;
  }
  return false;
}

std::string CleanQuery(const std::string& query, const UrlRules& rules) {
  std::string out;
  size_t i = 0;
  while (i <= query.size()) {
    size_t amp = query.find('&', i);
    if (amp == std::string::npos) amp = query.size();
    const std::string_view pair(query.data() + i, amp - i);
    const std::string_view name = pair.substr(0, pair.find('='));
    if (!pair.empty() && !DropParam(name, rules)) {
      if (!out.empty()) out += '&';
      out += pair;
    }
    i = amp + 1;
  }
  return out;
}

std::string CleanPath(std::string path, const UrlRules& rules) {
  for (const std::string& suffix : rules.amp_suffixes) {
    if (path.size() > suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0) {
      path.resize(path.size() - suffix.size());
      break;
    }
  }
  for (const std::string& prefix : rules.amp_prefixes) {
    if (path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0) {
      path = "/" + path.substr(prefix.size());
      break;
    }
  }
  return path.empty() ? "/" : path;
}

}  // namespace

Result<UrlRules> UrlRules::Parse(std::string_view text, std::string_view origin) {
  UrlRules rules;
  std::istringstream in{std::string(text)};
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    const std::string_view trimmed = TrimAscii(line);
    if (trimmed.empty()) continue;
    const size_t space = trimmed.find_first_of(" \t");
    const std::string kind(trimmed.substr(0, space));
    const std::string value(space == std::string_view::npos ? "" : TrimAscii(trimmed.substr(space)));
    const std::string where = std::string(origin) + ":" + std::to_string(number) + ": ";
    if (value.empty()) return Status::ParseError(where + "rule '" + kind + "' has no value");
    if (kind == "param") {
      if (value.back() == '*') rules.param_prefixes.push_back(value.substr(0, value.size() - 1));
      else rules.params.push_back(value);
    } else if (kind == "mobile-host") {
      rules.mobile_hosts.push_back(AsciiLower(value));
    } else if (kind == "amp-suffix") {
      rules.amp_suffixes.push_back(value);
    } else if (kind == "amp-prefix") {
      rules.amp_prefixes.push_back(value);
    } else {
      return Status::ParseError(where + "unknown rule '" + kind + "'");
    }
  }
  return rules;
}

Result<UrlRules> UrlRules::Load(const std::string& data_dir) {
  const std::string path = data_dir + "/fetch/url_rules.txt";
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot read");
  std::stringstream buf;
  buf << in.rdbuf();
  return Parse(buf.str(), path);
}

Result<std::string> CanonicalUrl(std::string_view url, const UrlRules& rules) {
  Result<CurlUrl> parsed = ParseAbsolute(url);
  if (!parsed.ok()) return parsed.status();
  CURLU* u = parsed->get();
  std::string host = AsciiLower(GetPart(u, CURLUPART_HOST));
  for (const std::string& prefix : rules.mobile_hosts) {
    // Only when a registrable name is left ("m.example.com", not "m.com").
    if (host.size() > prefix.size() && host.compare(0, prefix.size(), prefix) == 0 &&
        host.find('.', prefix.size()) != std::string::npos) {
      host = host.substr(prefix.size());
      break;
    }
  }
  curl_url_set(u, CURLUPART_HOST, host.c_str(), 0);
  curl_url_set(u, CURLUPART_FRAGMENT, nullptr, 0);
  curl_url_set(u, CURLUPART_USER, nullptr, 0);
  curl_url_set(u, CURLUPART_PASSWORD, nullptr, 0);
  const std::string path = CleanPath(GetPart(u, CURLUPART_PATH), rules);
  curl_url_set(u, CURLUPART_PATH, path.c_str(), 0);
  const std::string query = CleanQuery(GetPart(u, CURLUPART_QUERY), rules);
  curl_url_set(u, CURLUPART_QUERY, query.empty() ? nullptr : query.c_str(), 0);
  std::string out = GetPart(u, CURLUPART_URL, CURLU_NO_DEFAULT_PORT);
  if (out.empty()) return Status::InvalidArgument("cannot rebuild URL: " + std::string(url.substr(0, 200)));
  return out;
}

Result<std::string> ResolveUrl(std::string_view base, std::string_view href) {
  Result<CurlUrl> parsed = ParseAbsolute(base);
  if (!parsed.ok()) return parsed.status();
  const std::string h(TrimAscii(href));
  if (h.empty()) return Status::InvalidArgument("empty link");
  if (curl_url_set(parsed->get(), CURLUPART_URL, h.c_str(), CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE) != CURLUE_OK) {
    return Status::InvalidArgument("bad link: " + h.substr(0, 200));
  }
  std::string out = GetPart(parsed->get(), CURLUPART_URL);
  if (out.empty()) return Status::InvalidArgument("bad link: " + h.substr(0, 200));
  return out;
}

std::string HostKey(std::string_view url) {
  Result<CurlUrl> parsed = ParseAbsolute(url);
  if (!parsed.ok()) return "";
  std::string host = AsciiLower(GetPart(parsed->get(), CURLUPART_HOST));
  const std::string port = GetPart(parsed->get(), CURLUPART_PORT);
  return port.empty() ? host : host + ":" + port;
}

std::string OriginOf(std::string_view url) {
  Result<CurlUrl> parsed = ParseAbsolute(url);
  if (!parsed.ok()) return "";
  const std::string key = HostKey(url);
  return GetPart(parsed->get(), CURLUPART_SCHEME) + "://" + key;
}

std::string PathAndQuery(std::string_view url) {
  Result<CurlUrl> parsed = ParseAbsolute(url);
  if (!parsed.ok()) return "/";
  std::string path = GetPart(parsed->get(), CURLUPART_PATH);
  if (path.empty()) path = "/";
  const std::string query = GetPart(parsed->get(), CURLUPART_QUERY);
  return query.empty() ? path : path + "?" + query;
}

}  // namespace ties

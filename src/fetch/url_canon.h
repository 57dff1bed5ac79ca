// url_canon.h: one spelling per article URL, so a story is fetched and stored once.
//
// CanonicalUrl() parses with libcurl's URL API (CURLU), lower-cases scheme and
// host, drops the fragment, the default port, tracking parameters, AMP path
// decorations and mobile host prefixes, all as listed in
// data/fetch/url_rules.txt (format in that file's header, docs/fetch.md).
//
// Thread-safety: UrlRules is immutable after Load(); CanonicalUrl is reentrant.
#ifndef TIES_FETCH_URL_CANON_H_
#define TIES_FETCH_URL_CANON_H_

#include <string>
#include <string_view>
#include <vector>

#include "ties/status.h"

namespace ties {

struct UrlRules {
  std::vector<std::string> params;         // exact names
  std::vector<std::string> param_prefixes; // from "utm_*"
  std::vector<std::string> mobile_hosts;   // "m."
  std::vector<std::string> amp_suffixes;   // "/amp"
  std::vector<std::string> amp_prefixes;   // "/amp/"

  // Parses rules text; errors name `origin` and the line.
  static Result<UrlRules> Parse(std::string_view text, std::string_view origin);
  // Reads DATA_DIR/fetch/url_rules.txt.
  static Result<UrlRules> Load(const std::string& data_dir);
};

// The canonical form of an absolute http(s) URL. InvalidArgument for anything
// else (relative, other schemes, unparsable).
Result<std::string> CanonicalUrl(std::string_view url, const UrlRules& rules);

// `href` resolved against `base` (both as in HTML), not canonicalised.
Result<std::string> ResolveUrl(std::string_view base, std::string_view href);

// "host:port" of an absolute URL (port omitted when default): the key of
// per-host limits and robots.txt. "" when unparsable.
std::string HostKey(std::string_view url);

// "scheme://host[:port]" of an absolute URL; "" when unparsable.
std::string OriginOf(std::string_view url);

// The path and query of an absolute URL ("/a/b?x=1"); "/" when empty.
std::string PathAndQuery(std::string_view url);

}  // namespace ties

#endif  // TIES_FETCH_URL_CANON_H_

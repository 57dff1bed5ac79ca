// robots.h: robots.txt as RFC 9309 reads it, plus the Crawl-delay extension.
//
// The group for our product token (the User-Agent's first word, matched
// case-insensitively as a substring of the group's user-agent line) applies,
// else the "*" group. Among its Allow/Disallow rules the longest match wins
// (Allow on a tie); '*' matches any run of characters and a final '$' anchors
// the end. An unreachable or 4xx robots.txt allows everything; a 5xx one
// disallows everything until it is fetched again (RFC 9309 section 2.3.1).
//
// Thread-safety: immutable after Parse().
#ifndef TIES_FETCH_ROBOTS_H_
#define TIES_FETCH_ROBOTS_H_

#include <string>
#include <string_view>
#include <vector>

namespace ties {

class RobotsRules {
 public:
  // Everything allowed (no robots.txt).
  static RobotsRules AllowAll() { return RobotsRules(); }
  // Nothing allowed (robots.txt answered 5xx or could not be read).
  static RobotsRules DisallowAll();
  // Parses robots.txt `text` for the product token of `user_agent`.
  static RobotsRules Parse(std::string_view text, std::string_view user_agent);

  // REQUIRES: path_and_query starts with '/'.
  bool Allowed(std::string_view path_and_query) const;
  // Seconds between requests the site asks for (0 when none).
  double crawl_delay() const { return crawl_delay_; }
  // Sitemap: lines (any group).
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }

 private:
  struct Rule {
    std::string pattern;
    bool allow = false;
  };
  std::vector<Rule> rules_;
  double crawl_delay_ = 0;
  std::vector<std::string> sitemaps_;
};

}  // namespace ties

#endif  // TIES_FETCH_ROBOTS_H_

// robots.cc: robots.txt parsing and matching (see robots.h).
#include "fetch/robots.h"

#include <cstdlib>

#include "common/lines.h"
#include "common/text_util.h"

namespace ties {

namespace {

// Matches `pattern` (with '*' and a final '$') as a prefix of `path`.
bool Matches(std::string_view pattern, std::string_view path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  // Iterative glob match with backtracking on the last '*' (linear-ish, no recursion).
  size_t p = 0, s = 0, star = std::string_view::npos, star_s = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_s = s;
    } else if (p < pattern.size() && pattern[p] == path[s]) {
      ++p, ++s;
    } else if (p == pattern.size() && !anchored) {
      return true;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++star_s;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::string ProductToken(std::string_view user_agent) {
  std::string token(user_agent.substr(0, user_agent.find_first_of(" /")));
  return AsciiLower(token);
}

}  // namespace

RobotsRules RobotsRules::DisallowAll() {
  RobotsRules r;
  r.rules_.push_back({"/", false});
  return r;
}

RobotsRules RobotsRules::Parse(std::string_view text, std::string_view user_agent) {
  const std::string token = ProductToken(user_agent);
  // Two passes over the groups: ours if any names our token, else '*'.
  struct Group {
    bool ours = false, star = false;
    std::vector<Rule> rules;
    double delay = 0;
  };
  std::vector<Group> groups;
  std::vector<std::string> sitemaps;
  bool in_agents = false;  // consecutive user-agent lines build one group
  for (std::string_view line : Lines(text)) {
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string key = AsciiLower(TrimAscii(line.substr(0, colon)));
    const std::string_view value = TrimAscii(line.substr(colon + 1));
    if (key == "sitemap") {
      if (!value.empty()) sitemaps.emplace_back(value);
      continue;
    }
    if (key == "user-agent") {
      if (!in_agents) groups.emplace_back();
      in_agents = true;
      const std::string agent = AsciiLower(value);
      if (agent == "*") groups.back().star = true;
      else if (!token.empty() && !agent.empty() && token.find(agent) != std::string::npos) groups.back().ours = true;
      continue;
    }
    in_agents = false;
    if (groups.empty()) continue;  // rules before any user-agent line
    if (key == "allow" || key == "disallow") {
      if (value.empty()) continue;  // "Disallow:" allows everything
      groups.back().rules.push_back({std::string(value), key == "allow"});
    } else if (key == "crawl-delay") {
      const double d = std::strtod(std::string(value).c_str(), nullptr);
      if (d > 0 && d < 86400) groups.back().delay = d;
    }
  }
  RobotsRules out;
  out.sitemaps_ = std::move(sitemaps);
  bool any_ours = false;
  for (const Group& g : groups) any_ours |= g.ours;
  for (const Group& g : groups) {
    if (any_ours ? g.ours : g.star) {
      out.rules_.insert(out.rules_.end(), g.rules.begin(), g.rules.end());
      if (g.delay > out.crawl_delay_) out.crawl_delay_ = g.delay;
    }
  }
  return out;
}

bool RobotsRules::Allowed(std::string_view path_and_query) const {
  if (path_and_query == "/robots.txt") return true;
  size_t best = 0;
  bool allowed = true;
  for (const Rule& rule : rules_) {
    if (!Matches(rule.pattern, path_and_query)) continue;
    const size_t len = rule.pattern.size();
    if (len > best || (len == best && rule.allow)) {
      best = len;
      allowed = rule.allow;
    }
  }
  return allowed;
}

}  // namespace ties

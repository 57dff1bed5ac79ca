// clickhouse_util.cc: see clickhouse_util.h.
#include "store/clickhouse/clickhouse_util.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "common/text_util.h"

namespace ties::clickhouse {

std::string_view TrimNewline(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

int64_t ToInt(const std::string& s) { return std::strtoll(s.c_str(), nullptr, 10); }
uint64_t ToUint(const std::string& s) { return std::strtoull(s.c_str(), nullptr, 10); }
double ToDouble(const std::string& s) {
  if (s == "nan" || s == "-nan") return 0;
  return std::strtod(s.c_str(), nullptr);
}

uint16_t DateDays(std::string_view day) {
  int y = 0, m = 0, d = 0;
  if (day.size() != 10 || !ParseIsoDate(day, &y, &m, &d)) return 0;
  const int64_t days = DaysFromCivil(y, m, d);
  if (days < 0 || days > 65535) return 0;
  return static_cast<uint16_t>(days);
}

Origin SplitOrigin(std::string_view origin) {
  size_t digits = origin.size();
  while (digits > 0 && origin[digits - 1] >= '0' && origin[digits - 1] <= '9') --digits;
  if (digits == origin.size() || digits == 0) return {std::string(origin), 0};
  std::string_view head = origin.substr(0, digits);
  uint64_t line = 0;
  for (char c : origin.substr(digits)) line = line * 10 + static_cast<uint64_t>(c - '0');
  for (std::string_view sep : {std::string_view(": record "), std::string_view(":")}) {
    if (head.size() >= sep.size() && head.substr(head.size() - sep.size()) == sep) {
      return {std::string(head.substr(0, head.size() - sep.size())), line};
    }
  }
  return {std::string(origin), 0};
}

namespace {

// Splits into lower-cased runs of letters and digits (FTS5 unicode61 tokens),
// with their byte ranges.
struct TextToken {
  std::string lower;
  size_t begin, end;
};

std::vector<TextToken> Tokenize(std::string_view text) {
  std::vector<TextToken> out;
  size_t pos = 0;
  size_t start = std::string_view::npos;
  while (pos < text.size()) {
    const size_t here = pos;
    const char32_t c = DecodeUtf8(text, &pos);
    const bool alnum = u_isalnum(static_cast<UChar32>(c)) || u_charType(static_cast<UChar32>(c)) == U_PRIVATE_USE_CHAR;
    if (alnum && start == std::string_view::npos) start = here;
    if (!alnum && start != std::string_view::npos) {
      out.push_back({Utf8Lower(text.substr(start, here - start)), start, here});
      start = std::string_view::npos;
    }
  }
  if (start != std::string_view::npos) out.push_back({Utf8Lower(text.substr(start)), start, text.size()});
  return out;
}

SearchTerm MakeTerm(std::string_view words) {
  SearchTerm term;
  std::string_view w = words;
  while (!w.empty() && (w.back() == ' ')) w.remove_suffix(1);
  if (!w.empty() && w.back() == '*') {
    term.prefix = true;
    w.remove_suffix(1);
  }
  for (TextToken& t : Tokenize(w)) term.tokens.push_back(std::move(t.lower));
  if (term.tokens.empty()) term.prefix = false;
  return term;
}

constexpr const char* kNotWord = "[^\\p{L}\\p{N}]";

}  // namespace

SearchQuery ParseSearchQuery(std::string_view query) {
  // Items: words and phrases, with the operators between them.
  struct Item {
    std::string text;
    bool op = false;
  };
  std::vector<Item> items;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    items.push_back({word, word == "AND" || word == "OR" || word == "NOT"});
    word.clear();
  };
  for (size_t i = 0; i < query.size(); ++i) {
    const char c = query[i];
    if (c == '"') {
      flush();
      const size_t close = query.find('"', i + 1);
      const size_t end = close == std::string_view::npos ? query.size() : close;
      std::string phrase(query.substr(i + 1, end - i - 1));
      if (close != std::string_view::npos && close + 1 < query.size() && query[close + 1] == '*') {
        phrase += '*';
        ++i;
      }
      if (!phrase.empty()) items.push_back({phrase, false});
      i = end;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '(' || c == ')') {
      flush();
      continue;
    }
    word += c;
  }
  flush();

  SearchQuery q;
  bool negate = false, join_or = false;
  for (const Item& item : items) {
    if (item.op) {
      if (item.text == "NOT") negate = true;
      if (item.text == "OR") join_or = true;
      continue;
    }
    SearchTerm term = MakeTerm(item.text);
    if (term.tokens.empty()) continue;
    if (negate) {
      q.none.push_back(std::move(term));
    } else if (join_or && !q.all.empty()) {
      q.all.back().push_back(std::move(term));
    } else {
      q.all.push_back({std::move(term)});
    }
    negate = join_or = false;
  }
  return q;
}

std::string TermRegex(const SearchTerm& term) {
  // Tokens hold only letters and digits, so they need no escaping.
  std::string re = std::string("(^|") + kNotWord + ")";
  for (size_t i = 0; i < term.tokens.size(); ++i) {
    if (i) re += std::string(kNotWord) + "+";
    re += term.tokens[i];
  }
  if (!term.prefix) re += std::string("($|") + kNotWord + ")";
  return re;
}

namespace {

std::string SqlString(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string AnyColumnMatches(const SearchTerm& term, const std::vector<std::string>& columns) {
  std::string out = "(";
  for (size_t i = 0; i < columns.size(); ++i) {
    out += (i ? " OR " : "") + std::string("match(lowerUTF8(") + columns[i] + "), " + SqlString(TermRegex(term)) + ")";
  }
  return out + ")";
}

}  // namespace

std::string MatchSql(const SearchQuery& q, const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& group : q.all) {
    std::string g;
    for (const SearchTerm& t : group) g += (g.empty() ? "" : " OR ") + AnyColumnMatches(t, columns);
    out += (out.empty() ? "(" : " AND (") + g + ")";
  }
  for (const SearchTerm& t : q.none) out += (out.empty() ? "NOT " : " AND NOT ") + AnyColumnMatches(t, columns);
  return out.empty() ? "1" : out;
}

std::string ScoreSql(const SearchQuery& q, const std::vector<std::pair<std::string, double>>& weighted_columns,
                     const std::string& length_column) {
  const std::string norm = "(1.2 * (0.25 + 0.75 * lengthUTF8(" + length_column + ") / 2000.0))";
  std::string out;
  for (const auto& group : q.all) {
    for (const SearchTerm& t : group) {
      std::string tf;
      for (const auto& [column, weight] : weighted_columns) {
        char w[32];
        std::snprintf(w, sizeof w, "%g", weight);
        tf += (tf.empty() ? "" : " + ") + std::string(w) + " * length(extractAll(lowerUTF8(" + column + "), " +
              SqlString(TermRegex(t)) + "))";
      }
      out += (out.empty() ? "" : " + ") + std::string("((") + tf + ") / ((" + tf + ") + " + norm + "))";
    }
  }
  return out.empty() ? "0" : out;
}

std::string Snippet(std::string_view text, const SearchQuery& q, int max_tokens) {
  const std::vector<TextToken> tokens = Tokenize(text);
  // Which tokens belong to a match of any positive term.
  std::vector<bool> hit(tokens.size(), false);
  size_t first = tokens.size();
  for (const auto& group : q.all) {
    for (const SearchTerm& term : group) {
      const size_t n = term.tokens.size();
      for (size_t i = 0; n && i + n <= tokens.size(); ++i) {
        bool ok = true;
        for (size_t k = 0; k < n && ok; ++k) {
          const bool last = k + 1 == n;
          ok = last && term.prefix ? tokens[i + k].lower.rfind(term.tokens[k], 0) == 0
                                   : tokens[i + k].lower == term.tokens[k];
        }
        if (!ok) continue;
        for (size_t k = 0; k < n; ++k) hit[i + k] = true;
        first = std::min(first, i);
      }
    }
  }
  if (tokens.empty()) return "";
  // FTS5's choice: the window of max_tokens starting at a hit that holds the
  // most hits, then shifted to centre its first..last hit (fts5SnippetScore).
  const size_t count = std::min<size_t>(static_cast<size_t>(std::max(max_tokens, 1)), tokens.size());
  size_t best_hits = 0, hit_first = 0, hit_last = 0;
  for (size_t i = first; i < tokens.size(); ++i) {
    if (!hit[i]) continue;
    size_t n = 0, last = i;
    for (size_t k = i; k < std::min(tokens.size(), i + count); ++k) {
      if (hit[k]) {
        ++n;
        last = k;
      }
    }
    if (n > best_hits) {
      best_hits = n;
      hit_first = i;
      hit_last = last;
    }
  }
  int64_t adj = static_cast<int64_t>(hit_first) -
                (static_cast<int64_t>(count) - static_cast<int64_t>(hit_last - hit_first)) / 2;
  if (adj + static_cast<int64_t>(count) > static_cast<int64_t>(tokens.size())) {
    adj = static_cast<int64_t>(tokens.size() - count);
  }
  const size_t begin = adj < 0 ? 0 : static_cast<size_t>(adj);
  const size_t end = begin + count;
  std::string out;
  if (begin > 0) out += "…";
  size_t cursor = begin == 0 ? 0 : tokens[begin].begin;
  for (size_t i = begin; i < end; ++i) {
    out.append(text.substr(cursor, tokens[i].begin - cursor));
    const std::string_view tok = text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
    if (hit[i]) out += "[" + std::string(tok) + "]";
    else out.append(tok);
    cursor = tokens[i].end;
  }
  if (end < tokens.size()) out += "…";
  else out.append(text.substr(cursor));
  return out;
}

std::string PeriodSql(std::string_view by, const std::string& day, const std::string& date) {
  if (by == "day") return day;
  if (by == "month") return "substring(" + day + ", 1, 7)";
  if (by == "year") return "substring(" + day + ", 1, 4)";
  if (by == "week") {
    // strftime('%W'): weeks start on Monday; days before the year's first Monday are week 00.
    const std::string w = "intDiv(toDayOfYear(" + date + ") + 6 - (toDayOfWeek(" + date + ") - 1), 7)";
    return "if(" + date + " = toDate('1970-01-01') AND " + day + " != '1970-01-01', '', concat(toString(toYear(" + date +
           ")), '-W', if(" + w + " < 10, '0', ''), toString(" + w + ")))";
  }
  return "";
}

}  // namespace ties::clickhouse

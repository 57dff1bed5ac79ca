// dateline.cc: see dateline.h. A small hand parser: find the separator, then
// read "PLACE[, REGION][, Month D][ (AGENCY)]" before it.
#include "text/dateline.h"

#include <cstdlib>
#include <fstream>
#include <unordered_map>
#include <vector>

#include "common/data_file.h"
#include "common/text_util.h"
#include "text/native_dateline.h"
#include "text/segment_stage.h"

namespace ties {

namespace {

constexpr size_t kMaxHead = 160;  // a dateline is short; never scan the article

bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }

// True when every letter of `word` is uppercase (non-ASCII letters count as upper
// unless they are ASCII lowercase, which is what wire datelines need).
bool IsAllCapsWord(std::string_view word) {
  bool letter = false;
  for (char c : word) {
    if (c >= 'a' && c <= 'z') return false;
    if (IsUpperAscii(c) || static_cast<unsigned char>(c) >= 0x80) letter = true;
  }
  return letter;
}

bool IsTitleWord(std::string_view word) {
  return !word.empty() && (IsUpperAscii(word[0]) || static_cast<unsigned char>(word[0]) >= 0xC3);
}

std::vector<std::string_view> SplitWords(std::string_view s) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) words.push_back(s.substr(i, j - i));
    i = j;
  }
  return words;
}

// "June 16" -> (6, 16).
bool ParseMonthDay(std::string_view part, int* month, int* day) {
  const auto words = SplitWords(part);
  if (words.size() != 2) return false;
  *month = MonthFromName(words[0]);
  if (*month == 0) return false;
  std::string_view d = words[1];
  if (!d.empty() && d.back() == '.') d.remove_suffix(1);
  if (d.empty() || d.size() > 2) return false;
  for (char c : d) {
    if (c < '0' || c > '9') return false;
  }
  *day = std::atoi(std::string(d).c_str());
  return *day >= 1 && *day <= 31;
}

}  // namespace

std::string ResolveMonthDay(int month, int day, std::string_view published) {
  int py, pm, pd;
  if (!ParseIsoDate(published, &py, &pm, &pd)) return "";
  const int64_t pub_days = DaysFromCivil(py, pm, pd);
  for (int year = py + 1; year >= py - 1; --year) {
    int y, m, d;
    CivilFromDays(DaysFromCivil(year, month, day), &y, &m, &d);
    if (m != month) continue;  // February 30
    if (DaysFromCivil(year, month, day) <= pub_days + 2) return FormatDate(year, month, day);
  }
  return "";
}

std::string_view DatelineHead(std::string_view text, size_t max_bytes, size_t* start) {
  size_t pos = 0;
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r')) ++pos;
  *start = pos;
  std::string_view head = text.substr(pos, max_bytes);
  if (const size_t nl = head.find('\n'); nl != std::string_view::npos) head = head.substr(0, nl);
  return head;
}

bool ParseDateline(std::string_view text, std::string_view published, Dateline* out, std::string* region_out) {
  size_t start = 0;
  const std::string_view head = DatelineHead(text, kMaxHead, &start);

  // 1. The separator ends the dateline.
  static constexpr std::string_view kSeps[] = {" -- ", " --", " \xE2\x80\x94 ", " \xE2\x80\x94",
                                               "\xE2\x80\x94", " \xE2\x80\x93 ", " - ", " /", ": "};
  size_t sep_pos = std::string_view::npos;
  size_t sep_len = 0;
  for (std::string_view mark : kSeps) {
    const size_t p = head.find(mark);
    if (p != std::string_view::npos && p < sep_pos && p > 0) {
      sep_pos = p;
      sep_len = mark.size();
    }
  }
  if (sep_pos == std::string_view::npos) return false;
  std::string_view before = TrimAscii(head.substr(0, sep_pos));
  size_t end = sep_pos + sep_len;

  std::string agency;
  // "/TASS/." form: the agency sits between slashes after the separator " /".
  if (head.substr(sep_pos, sep_len) == " /") {
    const size_t close = head.find('/', end);
    if (close == std::string_view::npos || close - end > 40) return false;
    agency = std::string(head.substr(end, close - end));
    end = close + 1;
    if (end < head.size() && head[end] == '.') ++end;
  } else if (head.substr(sep_pos, sep_len) == ": ") {
    // "PLACE: text" only with a capitals place and nothing else before it.
    if (!IsAllCapsWord(before) || before.find(',') != std::string_view::npos) return false;
  }
  // Trailing "(AGENCY)".
  if (!before.empty() && before.back() == ')') {
    const size_t open = before.rfind('(');
    if (open == std::string_view::npos || before.size() - open > 42) return false;
    agency = std::string(TrimAscii(before.substr(open + 1, before.size() - open - 2)));
    before = TrimAscii(before.substr(0, open));
  }
  if (!before.empty() && before.back() == '.') before.remove_suffix(1);  // "June 3."
  // Empty parts are kept (SplitList, data_file.h, drops them): positions matter here (issue 16: justified).
  // 2. Comma-separated parts: place, optional region, optional "Month D".
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i <= before.size()) {
    size_t comma = before.find(',', i);
    if (comma == std::string_view::npos) comma = before.size();
    parts.push_back(TrimAscii(before.substr(i, comma - i)));
    i = comma + 1;
  }
  if (parts.empty() || parts.size() > 4 || parts[0].empty()) return false;
  int month = 0, day = 0;
  std::string_view region;
  int year = 0;
  for (size_t k = 1; k < parts.size(); ++k) {
    if (ParseMonthDay(parts[k], &month, &day)) continue;
    // AFP style: "TOKYO, Sept 5, 2024 (AFP) -".
    if (month && parts[k].size() == 4 && parts[k][0] >= '1' && parts[k][0] <= '2' &&
        parts[k].find_first_not_of("0123456789") == std::string_view::npos) {
      year = std::atoi(std::string(parts[k]).c_str());
      continue;
    }
    if (parts[k].empty() || !IsTitleWord(parts[k])) return false;
    region = parts[k];
  }
  const auto place_words = SplitWords(parts[0]);
  if (place_words.empty() || place_words.size() > 4) return false;
  bool all_caps = true;
  for (std::string_view w : place_words) {
    if (!IsTitleWord(w)) return false;
    if (!IsAllCapsWord(w)) all_caps = false;
  }
  if (!all_caps && agency.empty() && month == 0) return false;
  if (all_caps && parts[0].size() < 2) return false;

  while (end > 0 && head[end - 1] == ' ') --end;
  out->span = {static_cast<uint32_t>(start), static_cast<uint32_t>(start + end)};
  out->place = all_caps ? Utf8TitleCase(parts[0]) : std::string(parts[0]);
  out->agency = agency;
  if (month && year) {
    int y, m, d;
    CivilFromDays(DaysFromCivil(year, month, day), &y, &m, &d);
    out->date = (m == month && d == day) ? FormatDate(year, month, day) : "";
  } else {
    out->date = month ? ResolveMonthDay(month, day, published) : "";
  }
  out->country.clear();
  if (region_out != nullptr) *region_out = std::string(region);
  return true;
}

namespace {

// Country names, aliases and capitals (data/common/countries.tsv) -> alpha-3,
// lower-cased. The places stage refines the dateline with the full gazetteer.
using CountryIndex = std::unordered_map<std::string, std::string>;

Result<CountryIndex> LoadCountryIndex(const std::string& path) {
  CountryIndex index;
  std::vector<std::pair<std::string, std::string>> capitals;
  Status status = ReadTsv(path, [&](const std::vector<std::string_view>& cols, int) {
    if (cols.size() < 6) {
      return Status::InvalidArgument("expected at least 6 columns, got " + std::to_string(cols.size()));
    }
    const std::string code(cols[0]);
    for (const int col : {2, 3, 5}) {
      for (std::string_view part : SplitList(cols[col], '|')) {
        std::string name = Utf8Lower(part);
        if (col == 5) capitals.emplace_back(std::move(name), code);
        else index.emplace(std::move(name), code);
      }
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  // Country names win over capitals of the same spelling (e.g. "Djibouti").
  for (auto& [name, code] : capitals) index.emplace(name, code);
  return index;
}

// The native-script layouts of data/<lang>/dateline.txt, by language.
using NativeRules = std::vector<std::pair<std::string, NativeDatelineRules>>;

class DatelineStage : public Stage {
 public:
  DatelineStage(CountryIndex countries, NativeRules native)
      : countries_(std::move(countries)), native_(std::move(native)) {}
  std::string_view Name() const override { return "dateline"; }
  uint32_t Requires() const override { return 0; }
  uint32_t Assigns() const override { return kFieldDateline; }
  Status Process(Document& doc) const override {
    Dateline dateline;
    std::string region;
    bool found = ParseDateline(doc.text, doc.meta.published, &dateline, &region);
    if (!found && doc.meta.language != "en") found = ParseNative(doc, &dateline);
    if (found) {
      auto it = countries_.end();
      if (!region.empty()) it = countries_.find(Utf8Lower(region));
      if (it == countries_.end()) it = countries_.find(Utf8Lower(dateline.place));
      if (it != countries_.end()) dateline.country = it->second;
      doc.dateline = std::move(dateline);
      if (doc.meta.source.empty()) doc.meta.source = doc.dateline.agency;
    }
    return Status::Ok();
  }

 private:
  // The document's language's layouts first, then the others' (a wrongly
  // declared language still gets its dateline). English never comes here.
  bool ParseNative(const Document& doc, Dateline* dateline) const {
    for (const auto& [lang, rules] : native_) {
      if (lang == doc.meta.language && ParseNativeDateline(doc.text, doc.meta.published, rules, dateline)) return true;
    }
    for (const auto& [lang, rules] : native_) {
      if (lang != doc.meta.language && ParseNativeDateline(doc.text, doc.meta.published, rules, dateline)) return true;
    }
    return false;
  }

  CountryIndex countries_;
  NativeRules native_;
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeDatelineStage(const StageOptions& options) {
  Result<CountryIndex> countries = LoadCountryIndex(options.data_dir + "/common/countries.tsv");
  if (!countries.ok()) return countries.status();
  NativeRules native;
  for (const std::string& lang : LanguagesWithFile(options.data_dir, "dateline.txt")) {
    Result<NativeDatelineRules> rules = NativeDatelineRules::Load(options.data_dir + "/" + lang);
    if (rules.ok()) {
      native.emplace_back(lang, std::move(rules).value());
    } else if (rules.status().code() != StatusCode::kNotFound) {
      return rules.status();
    }
  }
  return std::unique_ptr<Stage>(new DatelineStage(std::move(countries).value(), std::move(native)));
}

}  // namespace ties

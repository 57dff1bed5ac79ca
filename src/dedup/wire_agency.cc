// wire_agency.cc: wire-agency credits at the start and end of an article.
//
// The candidates are the short strings inside "( )" and "/ /" in the head of
// the text, and the words after "--" or "—" at its end; each is looked up in
// one hash map of agency names and aliases, so the cost does not grow with
// the number of agencies. The sign-offs (a handful) are searched in turn.
#include "dedup/wire_agency.h"

#include "common/data_file.h"
#include "common/text_util.h"
#include "ties/stage.h"

namespace ties {

namespace {

// Credits longer than this are not looked up (a parenthesised aside, not a credit).
constexpr size_t kMaxCreditBytes = 30;

// The longest prefix of `s` not exceeding n bytes that ends on a UTF-8 boundary.
std::string_view Head(std::string_view s, size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

std::string_view Tail(std::string_view s, size_t n) {
  if (s.size() <= n) return s;
  size_t start = s.size() - n;
  while (start < s.size() && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) ++start;
  return s.substr(start);
}

}  // namespace

Result<WireAgencies> WireAgencies::Load(const std::string& data_dir) {
  WireAgencies table;
  Status s = ReadTsv(data_dir + "/common/wire_agencies.tsv", [&](const std::vector<std::string_view>& cols, int) {
    if (cols.size() != 2) {
      return Status::InvalidArgument("expected 2 columns (agency, credits), got " + std::to_string(cols.size()));
    }
    if (cols[0].empty()) return Status::InvalidArgument("empty agency (\"-\" names none)");
    const std::string agency = cols[0] == "-" ? "" : std::string(cols[0]);
    const std::vector<std::string_view> credits = SplitList(cols[1], '|');
    if (credits.empty()) return Status::InvalidArgument("no credits for '" + std::string(cols[0]) + "'");
    for (std::string_view credit : credits) {
      if (credit.size() > kMaxCreditBytes) {
        return Status::InvalidArgument("credit '" + std::string(credit) + "' is over " +
                                       std::to_string(kMaxCreditBytes) + " bytes and would never match");
      }
      if (!table.credits_.emplace(AsciiLower(credit), agency).second) {
        return Status::InvalidArgument("credit '" + std::string(credit) + "' is given twice");
      }
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  for (const std::string& lang : LanguagesWithFile(data_dir, "wire_signoffs.tsv")) {
    s = ReadTsv(data_dir + "/" + lang + "/wire_signoffs.tsv", [&](const std::vector<std::string_view>& cols, int) {
      if (cols.size() != 2 || cols[0].empty() || cols[1].empty()) {
        return Status::InvalidArgument("expected 2 non-empty columns (agency, phrase)");
      }
      table.signoffs_.emplace_back(AsciiLower(cols[1]), std::string(cols[0]));
      return Status::Ok();
    });
    if (!s.ok()) return s;
  }
  return table;
}

const WireAgencies& WireAgencies::Default() {
  static const WireAgencies* table = [] {
    Result<WireAgencies> loaded = Load(DefaultDataDir());
    return new WireAgencies(loaded.ok() ? std::move(loaded).value() : WireAgencies());
  }();
  return *table;
}

std::string WireAgencies::Lookup(std::string_view credit) const {
  credit = TrimAscii(credit);
  while (!credit.empty() && (credit.back() == '.' || credit.back() == ',')) credit.remove_suffix(1);
  if (credit.empty() || credit.size() > kMaxCreditBytes) return "";
  auto it = credits_.find(AsciiLower(credit));
  if (it != credits_.end()) return it->second;
  // "AP Photo/Name", "Reuters/Name": the part before a slash.
  const size_t slash = credit.find('/');
  if (slash != std::string_view::npos && slash > 0) return Lookup(credit.substr(0, slash));
  return "";
}

std::string WireAgencies::FromDelimited(std::string_view region, char open, char close) const {
  for (size_t pos = region.find(open); pos != std::string_view::npos; pos = region.find(open, pos + 1)) {
    const size_t end = region.find(close, pos + 1);
    if (end == std::string_view::npos) break;
    if (end - pos > 32) continue;
    std::string agency = Lookup(region.substr(pos + 1, end - pos - 1));
    if (!agency.empty()) return agency;
  }
  return "";
}

std::string WireAgencies::Detect(std::string_view text) const {
  const std::string_view head = Head(text, 600);
  std::string agency = FromDelimited(head, '(', ')');
  if (agency.empty()) agency = FromDelimited(head, '/', '/');
  if (!agency.empty()) return agency;
  const std::string_view tail = Tail(text, 600);
  const std::string lower_tail = AsciiLower(tail);
  for (const auto& [phrase, signoff_agency] : signoffs_) {
    if (lower_tail.find(phrase) != std::string::npos) return signoff_agency;
  }
  // Trailing credit: "-- Xinhua", "— AFP", "(Xinhua)" in the last lines.
  for (std::string_view dash : {"--", "\xE2\x80\x94", "\xE2\x80\x93"}) {
    const size_t pos = tail.rfind(dash);
    if (pos == std::string_view::npos) continue;
    std::string_view rest = tail.substr(pos + dash.size());
    const size_t nl = rest.find('\n');
    if (nl != std::string_view::npos) rest = rest.substr(0, nl);
    agency = Lookup(rest);
    if (!agency.empty()) return agency;
  }
  agency = FromDelimited(Tail(text, 200), '(', ')');
  return agency;
}

}  // namespace ties

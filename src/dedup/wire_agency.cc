// wire_agency.cc: wire-agency credits at the start and end of an article.
//
// The candidates are the short strings inside "( )" and "/ /" in the head of
// the text, and the words after "--" or "—" at its end; each is looked up in
// one hash map of agency names and aliases, so the cost does not grow with
// the number of agencies.
#include "dedup/wire_agency.h"

#include <unordered_map>

#include "common/text_util.h"

namespace ties {

namespace {

// Lowercase credit -> canonical name. Names as the agencies print them.
const std::unordered_map<std::string, std::string>& Agencies() {
  static const auto* m = new std::unordered_map<std::string, std::string>{
      {"ap", "AP"}, {"the associated press", "AP"}, {"associated press", "AP"},
      {"reuters", "Reuters"}, {"thomson reuters", "Reuters"},
      {"xinhua", "Xinhua"}, {"xinhua news agency", "Xinhua"}, {"xinhuanet", "Xinhua"},
      {"afp", "AFP"}, {"agence france-presse", "AFP"}, {"agence france presse", "AFP"},
      {"upi", "UPI"}, {"dpa", "dpa"}, {"bloomberg", "Bloomberg"}, {"cnn", "CNN"},
      {"tass", "TASS"}, {"itar-tass", "TASS"}, {"ria novosti", "RIA Novosti"}, {"interfax", "Interfax"},
      {"sputnik", "Sputnik"}, {"ians", "IANS"}, {"pti", "PTI"}, {"ani", "ANI"}, {"yonhap", "Yonhap"},
      {"kyodo", "Kyodo"}, {"kyodo news", "Kyodo"}, {"jiji", "Jiji"}, {"efe", "EFE"}, {"ansa", "ANSA"},
      {"anadolu", "Anadolu"}, {"anadolu agency", "Anadolu"}, {"cna", "CNA"},
      {"bernama", "Bernama"}, {"kuna", "KUNA"}, {"wam", "WAM"}, {"spa", "SPA"}, {"mena", "MENA"},
      {"irna", "IRNA"}, {"kazinform", "Kazinform"}, {"trend", "Trend"}, {"apa", "APA"}, {"akipress", "AKIpress"},
      {"ukrinform", "Ukrinform"}, {"belta", "BelTA"}, {"pap", "PAP"}, {"ctk", "CTK"}, {"mti", "MTI"},
      {"hina", "HINA"}, {"bta", "BTA"}, {"ap photo", "AP"}, {"aap", "AAP"}, {"the canadian press", "CP"}, {"pa media", "PA"}, {"kna", "KNA"},
      {"apa-ots", "APA"}, {"sana", "SANA"}, {"petra", "Petra"}, {"qna", "QNA"}, {"bna", "BNA"},
      {"antara", "Antara"}, {"vna", "VNA"}, {"pna", "PNA"}, {"xinhua/ians", "Xinhua"}, {"ap/reuters", "AP"},
      {"news wires", ""}, {"agencies", ""}};
  return *m;
}

std::string Lookup(std::string_view credit) {
  credit = TrimAscii(credit);
  while (!credit.empty() && (credit.back() == '.' || credit.back() == ',')) credit.remove_suffix(1);
  if (credit.empty() || credit.size() > 30) return "";
  const auto& m = Agencies();
  auto it = m.find(AsciiLower(credit));
  if (it != m.end()) return it->second;
  // "AP Photo/Name", "Reuters/Name": the part before a slash.
  const size_t slash = credit.find('/');
  if (slash != std::string_view::npos && slash > 0) return Lookup(credit.substr(0, slash));
  return "";
}

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

std::string FromDelimited(std::string_view region, char open, char close) {
  for (size_t pos = region.find(open); pos != std::string_view::npos; pos = region.find(open, pos + 1)) {
    const size_t end = region.find(close, pos + 1);
    if (end == std::string_view::npos) break;
    if (end - pos > 32) continue;
    std::string agency = Lookup(region.substr(pos + 1, end - pos - 1));
    if (!agency.empty()) return agency;
  }
  return "";
}

}  // namespace

std::string DetectWireAgency(std::string_view text) {
  const std::string_view head = Head(text, 600);
  std::string agency = FromDelimited(head, '(', ')');
  if (agency.empty()) agency = FromDelimited(head, '/', '/');
  if (!agency.empty()) return agency;
  const std::string_view tail = Tail(text, 600);
  const std::string lower_tail = AsciiLower(tail);
  // Sign-offs.
  if (lower_tail.find("(reporting by") != std::string::npos || lower_tail.find("editing by") != std::string::npos) {
    return "Reuters";
  }
  if (lower_tail.find("the associated press. all rights reserved") != std::string::npos ||
      lower_tail.find("associated press writer") != std::string::npos) {
    return "AP";
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

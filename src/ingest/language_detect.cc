// language_detect.cc: CLD2 behind a two-letter-code interface.
#include "ingest/language_detect.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "common/text_util.h"

namespace ties {

namespace {

constexpr size_t kMaxDetectBytes = 64 * 1024;
// CLD2 costs ~50 ns a byte, and 1 KB of prose settles the language of almost
// every article (on 192 extracted dev pages in 13 languages the 1 KB answer
// equals the whole-text answer for 191; the other is an English page about
// German grammar), so a longer text is first judged on its opening and read
// further only when that sample is not conclusive.
constexpr size_t kSampleBytes = 1024;

// CLD2 still uses a few withdrawn ISO 639 codes.
std::string ModernCode(std::string code) {
  if (code == "iw") return "he";
  if (code == "in") return "id";
  if (code == "jw") return "jv";
  if (code == "zh-Hant" || code == "zh-TW") return "zh";
  return code;
}

// The longest prefix of s (<= max) that ends on a UTF-8 boundary and is valid.
std::string_view ValidPrefix(std::string_view s, size_t max) {
  if (s.size() > max) {
    size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    s = s.substr(0, cut);
  }
  size_t bad = 0;
  if (!IsValidUtf8(s, &bad)) s = s.substr(0, bad);
  return s;
}

}  // namespace

std::string NormalizeLanguageTag(std::string_view tag) {
  tag = TrimAscii(tag);
  size_t end = 0;
  while (end < tag.size() && ((tag[end] >= 'a' && tag[end] <= 'z') || (tag[end] >= 'A' && tag[end] <= 'Z'))) ++end;
  if (end < 2 || end > 3) return "";
  if (end < tag.size() && tag[end] != '-' && tag[end] != '_') return "";
  std::string code = AsciiLower(tag.substr(0, end));
  if (code == "iw") return "he";
  if (code == "in") return "id";
  return code;
}

std::string DetectLanguage(std::string_view text) { return DetectLanguage(text, "", ""); }

namespace {

struct Detection {
  CLD2::Language language = CLD2::UNKNOWN_LANGUAGE;
  int percent = 0;  // share of the text in `language`
  int text_bytes = 0;
  bool reliable = false;
};

Detection RunCld2(std::string_view body, const CLD2::CLDHints& hints) {
  CLD2::Language language3[3];
  int percent3[3];
  double scores3[3];
  Detection d;
  d.language = CLD2::ExtDetectLanguageSummary(body.data(), static_cast<int>(body.size()), /*is_plain_text=*/true,
                                              &hints, /*flags=*/0, language3, percent3, scores3, nullptr,
                                              &d.text_bytes, &d.reliable);
  d.percent = percent3[0];
  return d;
}

}  // namespace

std::string DetectLanguage(std::string_view text, std::string_view tld, std::string_view declared) {
  const std::string_view body = ValidPrefix(text, kMaxDetectBytes);
  if (body.size() < 16) return "";
  const std::string tld_hint(tld);
  const std::string lang_hint = NormalizeLanguageTag(declared);
  CLD2::CLDHints hints = {lang_hint.empty() ? nullptr : lang_hint.c_str(),
                          tld_hint.empty() ? nullptr : tld_hint.c_str(), CLD2::UNKNOWN_ENCODING,
                          CLD2::UNKNOWN_LANGUAGE};
  Detection d;
  bool settled = false;
  if (body.size() > kSampleBytes + kSampleBytes / 2) {
    d = RunCld2(ValidPrefix(body, kSampleBytes), hints);
    settled = d.reliable && d.percent >= 90 && d.language != CLD2::UNKNOWN_LANGUAGE &&
              d.language != CLD2::TG_UNKNOWN_LANGUAGE;
  }
  if (!settled) d = RunCld2(body, hints);
  if (d.language == CLD2::UNKNOWN_LANGUAGE || d.language == CLD2::TG_UNKNOWN_LANGUAGE) return "";
  // Short texts: accept the best guess only when it covers most of the text.
  if (!d.reliable && (d.text_bytes < 200 || d.percent < 70)) return "";
  return ModernCode(CLD2::LanguageCode(d.language));
}

}  // namespace ties

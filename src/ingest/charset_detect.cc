// charset_detect.cc: charset evidence and ICU conversion to UTF-8.
#include "ingest/charset_detect.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <memory>

#include "common/text_util.h"

namespace ties {

namespace {

bool IsLabelChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.' || c == ':';
}

// Reads the label after "charset" / "encoding" at `pos` (pointing after the key).
std::string LabelAfter(std::string_view s, size_t pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
  if (pos >= s.size() || s[pos] != '=') return "";
  ++pos;
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '"' || s[pos] == '\'')) ++pos;
  size_t end = pos;
  while (end < s.size() && IsLabelChar(s[end])) ++end;
  return std::string(s.substr(pos, end - pos));
}

// WHATWG maps these labels to supersets that browsers actually decode with.
std::string CanonicalLabel(std::string_view label) {
  const std::string l = AsciiLower(TrimAscii(label));
  if (l.empty()) return "";
  if (l == "utf8" || l == "utf-8" || l == "unicode-1-1-utf-8") return "UTF-8";
  if (l == "iso-8859-1" || l == "iso8859-1" || l == "latin1" || l == "latin-1" || l == "us-ascii" ||
      l == "ascii" || l == "l1" || l == "cp1252" || l == "windows-1252" || l == "iso_8859-1") {
    return "windows-1252";
  }
  if (l == "iso-8859-9" || l == "latin5") return "windows-1254";
  if (l == "gb2312" || l == "gbk" || l == "x-gbk" || l == "gb_2312-80") return "GB18030";
  if (l == "x-sjis" || l == "sjis" || l == "shift-jis" || l == "ms_kanji") return "Shift_JIS";
  if (l == "ks_c_5601-1987" || l == "euc-kr" || l == "korean") return "windows-949";
  return std::string(label);
}

// Whether bytes labelled UTF-8 are UTF-8 with a few bad bytes (true) or a
// legacy charset behind a false label: a page in windows-1251 or ISO-8859-1
// served as "charset=utf-8" has almost no well-formed multi-byte sequence and
// many invalid bytes. One linear pass.
bool Utf8LabelHolds(std::string_view bytes) {
  constexpr size_t kMinInvalid = 4;  // below this, repairing is as good as any guess
  size_t valid = 0, invalid = 0;
  for (size_t i = 0; i < bytes.size();) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t next = i;
    const char32_t cp = DecodeUtf8(bytes, &next);
    if (cp == 0xFFFD && next == i + 1) ++invalid;
    else ++valid;
    i = next;
  }
  return invalid < kMinInvalid || valid >= invalid;
}

bool ConvertWith(std::string_view bytes, const std::string& charset, std::string& out) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> conv(ucnv_open(charset.c_str(), &status), ucnv_close);
  if (U_FAILURE(status) || !conv) return false;
  // Decode in chunks to UTF-16, then encode UTF-8 (invalid input -> U+FFFD
  // by ICU's default substitution callback).
  out.clear();
  out.reserve(bytes.size() + bytes.size() / 2);
  const char* src = bytes.data();
  const char* src_end = bytes.data() + bytes.size();
  UChar buf[8192];
  for (;;) {
    UChar* target = buf;
    status = U_ZERO_ERROR;
    ucnv_toUnicode(conv.get(), &target, buf + 8192, &src, src_end, nullptr, /*flush=*/true, &status);
    const size_t n = static_cast<size_t>(target - buf);
    for (size_t i = 0; i < n; ++i) {
      char32_t cp = buf[i];
      if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n && buf[i + 1] >= 0xDC00 && buf[i + 1] <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (buf[i + 1] - 0xDC00);
        ++i;
      } else if (cp >= 0xD800 && cp <= 0xDFFF) {
        cp = 0xFFFD;
      }
      AppendUtf8(out, cp);
    }
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    break;
  }
  return !U_FAILURE(status);
}

}  // namespace

std::string CharsetFromContentType(std::string_view content_type) {
  const std::string lower = AsciiLower(content_type);
  const size_t pos = lower.find("charset");
  if (pos == std::string::npos) return "";
  return LabelAfter(content_type, pos + 7);
}

std::string CharsetFromMarkup(std::string_view head, size_t limit) {
  head = head.substr(0, limit);
  const std::string lower = AsciiLower(head);
  if (lower.compare(0, 5, "<?xml") == 0) {
    const size_t end = lower.find("?>");
    const size_t enc = lower.find("encoding");
    if (enc != std::string::npos && enc < end) return LabelAfter(head, enc + 8);
  }
  size_t pos = 0;
  while ((pos = lower.find("<meta", pos)) != std::string::npos) {
    const size_t end = lower.find('>', pos);
    const std::string_view tag = std::string_view(lower).substr(pos, end == std::string::npos ? 512 : end - pos);
    const size_t cs = tag.find("charset");
    if (cs != std::string_view::npos) {
      const std::string label = LabelAfter(head.substr(pos), cs + 7);
      if (!label.empty()) return label;
    }
    pos += 5;
  }
  return "";
}

std::string DeclaredCharset(std::string_view bytes, std::string_view content_type) {
  for (std::string label : {CharsetFromContentType(content_type), CharsetFromMarkup(bytes)}) {
    if (label.empty()) continue;
    if (CanonicalLabel(label) == "UTF-8" && !Utf8LabelHolds(bytes)) continue;  // a lie
    return label;
  }
  return "";
}

std::string DetectCharset(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> det(ucsdet_open(&status), ucsdet_close);
  if (U_FAILURE(status)) return "";
  ucsdet_enableInputFilter(det.get(), true);  // ignore markup
  const int32_t len = static_cast<int32_t>(std::min<size_t>(bytes.size(), 64 * 1024));
  ucsdet_setText(det.get(), bytes.data(), len, &status);
  const UCharsetMatch* match = ucsdet_detect(det.get(), &status);
  if (U_FAILURE(status) || !match) return "";
  const char* name = ucsdet_getName(match, &status);
  return U_FAILURE(status) || !name ? "" : std::string(name);
}

Status ConvertToUtf8(std::string_view bytes, std::string_view declared, std::string& out, std::string* used) {
  auto set_used = [&](std::string name) {
    if (used) *used = std::move(name);
  };
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    out.assign(bytes.substr(3));
    RepairUtf8(out);
    set_used("UTF-8");
    return Status::Ok();
  }
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    const std::string charset = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    if (ConvertWith(bytes.substr(2), charset, out)) {
      set_used(charset);
      return Status::Ok();
    }
  }
  if (IsValidUtf8(bytes)) {
    out.assign(bytes);
    set_used("UTF-8");
    return Status::Ok();
  }
  std::string charset = CanonicalLabel(declared);
  if (charset == "UTF-8") {
    if (Utf8LabelHolds(bytes)) {
      // Declared UTF-8 with a few bad bytes: keep it, repair the bad bytes.
      out.assign(bytes);
      RepairUtf8(out);
      set_used("UTF-8");
      return Status::Ok();
    }
    charset.clear();  // the label lies: the detector decides
  }
  if (!charset.empty() && ConvertWith(bytes, charset, out)) {
    set_used(charset);
    return Status::Ok();
  }
  charset = CanonicalLabel(DetectCharset(bytes));
  if (charset.empty() || charset == "UTF-8") charset = "windows-1252";
  if (ConvertWith(bytes, charset, out)) {
    set_used(charset);
    return Status::Ok();
  }
  out.assign(bytes);
  RepairUtf8(out);
  set_used("UTF-8");
  return Status::Ok();
}

}  // namespace ties

// charset_detect.h: which charset a web page is in, and conversion to UTF-8.
//
// Evidence, strongest first: a byte-order mark, the HTTP Content-Type header
// (WARC records), <meta charset> / <meta http-equiv="Content-Type"> in the
// first 4 KB, the XML declaration (feeds), and finally ICU's statistical
// detector. Text that already is valid UTF-8 is kept as is whatever the
// declaration says: servers often declare ISO-8859-1 for UTF-8 pages, while
// a legacy page passing as valid UTF-8 by accident is very rare.
//
// Thread-safety: all functions are reentrant.
#ifndef TIES_INGEST_CHARSET_DETECT_H_
#define TIES_INGEST_CHARSET_DETECT_H_

#include <string>
#include <string_view>

#include "ties/status.h"

namespace ties {

// "text/html; charset=ISO-8859-1" -> "ISO-8859-1"; "" when absent.
std::string CharsetFromContentType(std::string_view content_type);

// The charset declared in markup: <meta charset="...">, <meta http-equiv=
// "Content-Type" content="...; charset=...">, or <?xml ... encoding="..."?>,
// looked up in the first `limit` bytes. "" when absent.
std::string CharsetFromMarkup(std::string_view head, size_t limit = 4096);

// The charset a page declares: the HTTP Content-Type's, else the markup's;
// a declaration the bytes contradict (a UTF-8 label on bytes that are mostly
// not UTF-8, e.g. a windows-1251 page served as "charset=utf-8") is skipped,
// so the next piece of evidence decides. "" when none is left.
std::string DeclaredCharset(std::string_view bytes, std::string_view content_type);

// Converts `bytes` to UTF-8 in `out`. `declared` is the charset from headers
// or markup ("" when unknown). On return *used (when non-null) names the
// charset applied ("UTF-8", "windows-1252", ...). Bytes that do not convert
// become U+FFFD; the result is always valid UTF-8. Fails only when ICU
// cannot open any converter.
Status ConvertToUtf8(std::string_view bytes, std::string_view declared, std::string& out,
                     std::string* used = nullptr);

// ICU's best guess for the charset of `bytes` ("" when it has none).
std::string DetectCharset(std::string_view bytes);

}  // namespace ties

#endif  // TIES_INGEST_CHARSET_DETECT_H_

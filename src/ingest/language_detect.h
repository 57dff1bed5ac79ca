// language_detect.h: the language of a text (CLD2).
//
// Used by the HTML, WARC and feed readers when a page does not declare its
// language, and by text/JSONL ingest for records without one.
//
// Thread-safety: reentrant; CLD2 keeps no mutable global state.
#ifndef TIES_INGEST_LANGUAGE_DETECT_H_
#define TIES_INGEST_LANGUAGE_DETECT_H_

#include <string>
#include <string_view>

namespace ties {

// ISO 639-1 code of the main language of `text` ("en", "ru", "kk", "zh"), or
// "" when the text is too short or the guess is unreliable. Reads at most the
// first 64 KB. Invalid UTF-8 is tolerated (only the valid prefix is read).
std::string DetectLanguage(std::string_view text);

// Same, with hints that break ties: `tld` is the top-level domain of the
// page's URL ("kz"), `declared` a language tag the page declared ("en-GB").
std::string DetectLanguage(std::string_view text, std::string_view tld, std::string_view declared);

// "en-US" -> "en", "zh_Hant" -> "zh", "EN" -> "en"; "" when not a tag.
std::string NormalizeLanguageTag(std::string_view tag);

}  // namespace ties

#endif  // TIES_INGEST_LANGUAGE_DETECT_H_

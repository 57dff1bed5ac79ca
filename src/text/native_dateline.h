// native_dateline.h: datelines in the agency styles of Russian, Kazakh and
// Chinese copy (docs/languages.md), with the month names and agency names of
// data/<lang>/dates.txt and data/<lang>/dateline.txt:
//   "АСТАНА, 16 июня (Синьхуа) --"      "МОСКВА, 16 июня. /ТАСС/."
//   "МОСКВА, 16 июн — РИА Новости."      "АСТАНА. КАЗИНФОРМ -"
//   "АСТАНА. 16 маусым. ҚазАқпарат -"    "新华社阿斯塔纳6月16日电（记者李明）"
// The place keeps its native spelling (title case for capitals: "Астана");
// the agency is the record name the data gives ("Xinhua" for "Синьхуа").
#ifndef TIES_TEXT_NATIVE_DATELINE_H_
#define TIES_TEXT_NATIVE_DATELINE_H_

#include <string>
#include <string_view>
#include <vector>

#include "text/date_words.h"
#include "ties/document.h"
#include "ties/status.h"

namespace ties {

struct NativeDatelineRules {
  struct Agency {
    std::string written;  // as the dateline writes it: "Синьхуа", "新华社"
    std::string name;     // as the record stores it: "Xinhua" ("" for 本报: the source's own)
  };
  std::vector<Agency> agencies;        // longest written form first
  std::vector<std::string> dispatch;   // Chinese: 电
  DateWords dates;
  bool han_layout = false;             // AGENCY PLACE DATE 电 (Chinese)

  // Reads <dir>/dateline.txt and <dir>/dates.txt. NotFound when either is absent.
  static Result<NativeDatelineRules> Load(const std::string& dir);
};

// Parses a dateline at the start of `text` (after leading spaces) in the
// layouts above. `published` is the ISO publication date that picks the
// year. Returns false when the text does not open with such a dateline.
bool ParseNativeDateline(std::string_view text, std::string_view published, const NativeDatelineRules& rules,
                         Dateline* out);

}  // namespace ties

#endif  // TIES_TEXT_NATIVE_DATELINE_H_

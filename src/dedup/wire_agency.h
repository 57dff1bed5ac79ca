// wire_agency.h: which news agency a syndicated article comes from.
//
// Reprinted wire copy carries the agency's mark: a dateline credit
// ("ASTANA, June 16 (Xinhua) --", "WASHINGTON (AP) —"), a slash credit
// ("MOSCOW, June 17. /TASS/."), a trailing credit ("-- Xinhua",
// "Copyright 2025 The Associated Press"), or the agency's sign-off
// ("(Reporting by ...; Editing by ...)" is Reuters). These cues are looked
// for in the first and last 600 bytes only, where agencies put them.
// The credits are data/common/wire_agencies.tsv, the sign-offs
// data/<lang>/wire_signoffs.tsv (their header comments give the format).
//
// Thread-safety: a loaded WireAgencies is immutable; Detect may be called
// concurrently.
#ifndef TIES_DEDUP_WIRE_AGENCY_H_
#define TIES_DEDUP_WIRE_AGENCY_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ties/status.h"

namespace ties {

class WireAgencies {
 public:
  // Reads <data_dir>/common/wire_agencies.tsv (required) and every
  // <data_dir>/<lang>/wire_signoffs.tsv. A malformed row (wrong column count,
  // an empty or over-long credit, a credit given twice) fails as
  // "<path>:<line>: <what>".
  static Result<WireAgencies> Load(const std::string& data_dir);

  // The process's table, loaded once from DefaultDataDir() (include/ties/stage.h),
  // for code that has no StageOptions (the ClickHouse store's schema-1 rows).
  // An unreadable table is an empty one: Detect returns "".
  static const WireAgencies& Default();

  // Canonical agency name ("AP", "Reuters", "Xinhua", "AFP", "TASS", ...) or
  // "" when the text shows no wire cue.
  std::string Detect(std::string_view text) const;

 private:
  std::string Lookup(std::string_view credit) const;
  std::string FromDelimited(std::string_view region, char open, char close) const;

  std::unordered_map<std::string, std::string> credits_;   // lower-case credit -> agency ("" for none)
  std::vector<std::pair<std::string, std::string>> signoffs_;  // lower-case phrase, agency; in file order
};

}  // namespace ties

#endif  // TIES_DEDUP_WIRE_AGENCY_H_

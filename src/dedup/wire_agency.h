// wire_agency.h: which news agency a syndicated article comes from.
//
// Reprinted wire copy carries the agency's mark: a dateline credit
// ("ASTANA, June 16 (Xinhua) --", "WASHINGTON (AP) —"), a slash credit
// ("MOSCOW, June 17. /TASS/."), a trailing credit ("-- Xinhua",
// "Copyright 2025 The Associated Press"), or the agency's sign-off
// ("(Reporting by ...; Editing by ...)" is Reuters). These cues are looked
// for in the first and last 600 bytes only, where agencies put them.
//
// Thread-safety: pure function.
#ifndef TIES_DEDUP_WIRE_AGENCY_H_
#define TIES_DEDUP_WIRE_AGENCY_H_

#include <string>
#include <string_view>

namespace ties {

// Canonical agency name ("AP", "Reuters", "Xinhua", "AFP", "TASS", ...) or
// "" when the text shows no wire cue.
std::string DetectWireAgency(std::string_view text);

}  // namespace ties

#endif  // TIES_DEDUP_WIRE_AGENCY_H_

// cameo.h: the CAMEO event code table (data/common/cameo_codes.tsv).
//
// Maps a CAMEO code ("051", "0841") to its name, Goldstein score, GDELT quad
// class and PLOVER type. Codes missing from the table fall back to their
// three-digit base code, then to their two-digit root. Immutable after Load.
#ifndef TIES_EXTRACT_EVENTS_CAMEO_H_
#define TIES_EXTRACT_EVENTS_CAMEO_H_

#include <string>
#include <string_view>
#include <unordered_map>

#include "ties/status.h"

namespace ties {

struct CameoCode {
  std::string code;
  std::string name;
  double goldstein = 0;
  int quad_class = 0;   // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
  std::string plover;   // PLOVER 0.5 type, "" when PLOVER does not code it
};

class CameoTable {
 public:
  // Reads <data_dir>/common/cameo_codes.tsv. NotFound/ParseError on failure.
  static Result<CameoTable> Load(const std::string& data_dir);

  // The entry for `code` (or its base or root code); nullptr when unknown.
  const CameoCode* Find(std::string_view code) const;

  size_t size() const { return codes_.size(); }

 private:
  std::unordered_map<std::string, CameoCode> codes_;
};

// "0841" -> "084", "051" -> "051", "19" -> "19".
std::string_view CameoBaseCode(std::string_view code);
// "0841" -> "08", "195" -> "19".
std::string_view CameoRootCode(std::string_view code);
// Quad class of a root code ("01".."20"), 0 when malformed.
int CameoQuadClass(std::string_view code);

}  // namespace ties

#endif  // TIES_EXTRACT_EVENTS_CAMEO_H_

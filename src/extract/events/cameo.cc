// cameo.cc: the CAMEO code table (see cameo.h).
#include "extract/events/cameo.h"

#include <cstdlib>

#include "common/data_file.h"

namespace ties {

std::string_view CameoBaseCode(std::string_view code) { return code.size() > 3 ? code.substr(0, 3) : code; }

std::string_view CameoRootCode(std::string_view code) { return code.size() > 2 ? code.substr(0, 2) : code; }

int CameoQuadClass(std::string_view code) {
  if (code.size() < 2) return 0;
  const int root = (code[0] - '0') * 10 + (code[1] - '0');
  if (root >= 1 && root <= 5) return 1;
  if (root >= 6 && root <= 8) return 2;
  if (root >= 9 && root <= 13) return 3;
  if (root >= 14 && root <= 20) return 4;
  return 0;
}

Result<CameoTable> CameoTable::Load(const std::string& data_dir) {
  CameoTable table;
  Status st = ReadTsv(data_dir + "/common/cameo_codes.tsv", [&](const std::vector<std::string_view>& cols, int) {
    if (cols.size() < 5) return Status::ParseError("expected 5 columns");
    CameoCode c;
    c.code = std::string(cols[0]);
    c.name = std::string(cols[1]);
    c.goldstein = std::strtod(std::string(cols[2]).c_str(), nullptr);
    c.quad_class = static_cast<int>(std::strtol(std::string(cols[3]).c_str(), nullptr, 10));
    c.plover = cols[4] == "-" ? "" : std::string(cols[4]);
    if (c.quad_class != CameoQuadClass(c.code)) return Status::ParseError("quad class does not match root " + c.code);
    table.codes_[c.code] = std::move(c);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (table.codes_.empty()) return Status::ParseError("empty CAMEO table");
  return table;
}

const CameoCode* CameoTable::Find(std::string_view code) const {
  for (std::string_view c : {code, CameoBaseCode(code), CameoRootCode(code)}) {
    auto it = codes_.find(std::string(c));
    if (it != codes_.end()) return &it->second;
  }
  return nullptr;
}

}  // namespace ties

// gazetteer.cc: loading and indexing the compiled gazetteer.tsv.
#include "extract/places/gazetteer.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace ties {

namespace {

bool FileExists(const std::string& path) {
  struct stat st;
  return !path.empty() && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// Splits `line` on tabs into at most `max` fields; returns the count.
size_t SplitTabs(std::string_view line, std::string_view* fields, size_t max) {
  size_t n = 0, start = 0;
  while (n < max) {
    const size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      fields[n++] = line.substr(start);
      break;
    }
    fields[n++] = line.substr(start, tab - start);
    start = tab + 1;
  }
  return n;
}

bool ParseDouble(std::string_view s, double* out) {
  // std::from_chars for double is available in libstdc++ 11+.
  const auto res = std::from_chars(s.data(), s.data() + s.size(), *out);
  return res.ec == std::errc() && res.ptr == s.data() + s.size();
}

bool ParseInt(std::string_view s, int64_t* out) {
  const auto res = std::from_chars(s.data(), s.data() + s.size(), *out);
  return res.ec == std::errc() && res.ptr == s.data() + s.size();
}

bool ParseKind(std::string_view s, PlaceKind* kind) {
  if (s == "city") *kind = PlaceKind::kCity;
  else if (s == "country") *kind = PlaceKind::kCountry;
  else if (s == "admin") *kind = PlaceKind::kAdmin;
  else if (s == "region") *kind = PlaceKind::kRegion;
  else return false;
  return true;
}

}  // namespace

Result<std::unique_ptr<Gazetteer>> Gazetteer::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::NotFound("gazetteer not found: " + path +
                            " (build it with `cmake --build <build> --target ties_gazetteer`, or set "
                            "TIES_GAZETTEER)");
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  Result<std::unique_ptr<Gazetteer>> result = LoadTsv(std::move(buffer).str());
  if (!result.ok()) return Status(result.status().code(), path + ": " + result.status().message());
  return result;
}

Result<std::unique_ptr<Gazetteer>> Gazetteer::LoadTsv(std::string contents) {
  std::unique_ptr<Gazetteer> gaz(new Gazetteer());
  gaz->contents_ = std::move(contents);
  TIES_RETURN_IF_ERROR(gaz->Parse());
  return gaz;
}

Status Gazetteer::Parse() {
  struct KeyHit {
    std::string_view key;
    NameHit hit;
  };
  std::vector<KeyHit> keyed;
  keyed.reserve(contents_.size() / 24);
  const std::string_view all(contents_);
  size_t pos = 0;
  size_t line_no = 0;
  while (pos < all.size()) {
    size_t eol = all.find('\n', pos);
    if (eol == std::string_view::npos) eol = all.size();
    std::string_view line = all.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    std::string_view f[13];
    const size_t n = SplitTabs(line, f, 13);
    GazetteerEntry e;
    if (n < 12 || !ParseKind(f[0], &e.kind) || !ParseInt(f[1], &e.geonameid) || !ParseInt(f[8], &e.population)) {
      return Status::ParseError("line " + std::to_string(line_no) + ": malformed gazetteer row");
    }
    e.name = f[2];
    e.country = f[3];
    e.admin1 = f[4];
    e.admin1_name = f[5];
    if (!f[6].empty() && !f[7].empty()) {
      if (!ParseDouble(f[6], &e.lat) || !ParseDouble(f[7], &e.lon)) {
        return Status::ParseError("line " + std::to_string(line_no) + ": bad coordinates");
      }
      e.has_coordinates = true;
    }
    e.fcode = f[9];
    if (n > 12) e.abbrev = f[12];
    const uint32_t index = static_cast<uint32_t>(entries_.size());
    entries_.push_back(e);
    for (int field = 10; field <= 11; ++field) {
      std::string_view names = f[field];
      while (!names.empty()) {
        const size_t bar = names.find('|');
        const std::string_view k = names.substr(0, bar);
        if (!k.empty()) keyed.push_back({k, NameHit{index, field == 11}});
        if (bar == std::string_view::npos) break;
        names.remove_prefix(bar + 1);
      }
    }
    if (e.kind == PlaceKind::kAdmin) {
      if (!e.admin1.empty()) admins_.emplace(e.admin1, index);
      if (!e.abbrev.empty()) admin_abbrevs_.emplace(std::string(e.country) + "." + std::string(e.abbrev), index);
    } else if (e.kind == PlaceKind::kCountry && !e.country.empty()) {
      countries_.emplace(e.country, index);
    }
  }
  // Group hits by key: sort, then one map slot per distinct key. A primary hit of an entry beats an
  // alternate hit of the same entry under the same key.
  std::sort(keyed.begin(), keyed.end(), [](const KeyHit& a, const KeyHit& b) {
    if (a.key != b.key) return a.key < b.key;
    if (a.hit.entry != b.hit.entry) return a.hit.entry < b.hit.entry;
    return a.hit.alternate < b.hit.alternate;
  });
  hits_.reserve(keyed.size());
  by_key_.reserve(keyed.size());
  for (size_t i = 0; i < keyed.size();) {
    size_t j = i;
    const uint32_t begin = static_cast<uint32_t>(hits_.size());
    while (j < keyed.size() && keyed[j].key == keyed[i].key) {
      if (hits_.size() == begin || hits_.back().entry != keyed[j].hit.entry) hits_.push_back(keyed[j].hit);
      ++j;
    }
    by_key_.emplace(keyed[i].key, Range{begin, static_cast<uint32_t>(hits_.size()) - begin});
    i = j;
  }
  if (entries_.empty()) return Status::ParseError("gazetteer has no entries");
  return Status::Ok();
}

std::span<const NameHit> Gazetteer::Find(std::string_view key) const {
  const auto it = by_key_.find(key);
  if (it == by_key_.end()) return {};
  return std::span<const NameHit>(hits_.data() + it->second.begin, it->second.count);
}

int32_t Gazetteer::FindAdmin(std::string_view admin1) const {
  const auto it = admins_.find(admin1);
  return it == admins_.end() ? -1 : static_cast<int32_t>(it->second);
}

int32_t Gazetteer::FindAdminByAbbrev(std::string_view country, std::string_view abbrev) const {
  std::string k;
  k.reserve(country.size() + abbrev.size() + 1);
  k.append(country).append(".").append(abbrev);
  const auto it = admin_abbrevs_.find(k);
  return it == admin_abbrevs_.end() ? -1 : static_cast<int32_t>(it->second);
}

int32_t Gazetteer::FindCountry(std::string_view alpha3) const {
  const auto it = countries_.find(alpha3);
  return it == countries_.end() ? -1 : static_cast<int32_t>(it->second);
}

std::string FindGazetteerPath(const std::string& data_dir) {
  if (const char* env = std::getenv("TIES_GAZETTEER"); env != nullptr && *env != '\0') return env;
  const std::string installed = data_dir + "/gazetteer.tsv";
  if (FileExists(installed)) return installed;
#ifdef TIES_GAZETTEER_BUILD_PATH
  return TIES_GAZETTEER_BUILD_PATH;
#else
  return installed;
#endif
}

}  // namespace ties

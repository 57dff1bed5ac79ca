// gazetteer.cc: loading and indexing the compiled gazetteer.tsv.
#include "extract/places/gazetteer.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <charconv>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

#include "common/lines.h"

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
  // A regular file: one read into a buffer of its size (no stream-buffer growth and copies); other
  // streams (a pipe) through a string stream.
  std::string contents;
  std::streamoff size = -1;
  if (FileExists(path)) {  // a regular file
    in.seekg(0, std::ios::end);
    size = in.tellg();
  }
  if (size >= 0) {
    in.seekg(0, std::ios::beg);
    contents.resize(static_cast<size_t>(size));
    in.read(contents.data(), size);
    if (in.gcount() != size) return Status::IoError("gazetteer: short read: " + path);
  } else {
    in.clear();
    std::ostringstream buffer;
    buffer << in.rdbuf();
    contents = std::move(buffer).str();
  }
  Result<std::unique_ptr<Gazetteer>> result = LoadTsv(std::move(contents));
  if (!result.ok()) return Status(result.status().code(), path + ": " + result.status().message());
  return result;
}

namespace {
uint64_t HashOf(std::string_view key) {
  KeyHash h;
  h.Add(key);
  return h.Value();
}
}  // namespace

Gazetteer::Gazetteer() {
  static std::atomic<uint64_t> next_id{1};
  id_ = next_id.fetch_add(1, std::memory_order_relaxed);
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
  if (contents_.size() >= (1u << 31)) return Status::ParseError("gazetteer larger than 2 GB");  // Slot offsets
  keyed.reserve(contents_.size() / 24);
  const std::string_view all(contents_);
  entries_.reserve(static_cast<size_t>(std::count(all.begin(), all.end(), '\n')) + 1);  // no regrowth
  size_t line_no = 0;
  for (std::string_view line : Lines(all)) {
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
      if (!e.admin1.empty() && e.fcode != "ADM2") admins_.emplace(e.admin1, index);  // counties share it
      if (!e.abbrev.empty()) admin_abbrevs_.emplace(std::string(e.country) + "." + std::string(e.abbrev), index);
    } else if (e.kind == PlaceKind::kCountry && !e.country.empty()) {
      countries_.emplace(e.country, index);
    }
  }
  // Group hits by key in linear time: one hash lookup per name assigns the key a group, then a
  // counting sort lays each group's hits out contiguously (rows in file order, a row's primary
  // names before its alternates, so a primary hit of an entry comes before its alternate hit).
  size_t spaces = 0;  // word prefixes of multi-word keys get slots too (KeyProbe::prefix)
  for (const KeyHit& k : keyed) spaces += static_cast<size_t>(std::count(k.key.begin(), k.key.end(), ' '));
  size_t capacity = 16;
  while (capacity < (keyed.size() + spaces) * 2) capacity <<= 1;
  slots_.assign(capacity, Slot());
  // The filter: a 64-bit word per 16 slots, so 8 to 16 bits per key (slots are at most half full).
  const size_t filter_words = std::max<size_t>(capacity / 16, 2);
  filter_.assign(filter_words, 0);
  filter_shift_ = 64 - std::countr_zero(filter_words);
  std::vector<uint32_t> group_of(keyed.size());
  std::vector<Slot*> groups;  // group id -> its slot (range.count used as the hit count)
  for (size_t i = 0; i < keyed.size(); ++i) {
    const uint64_t h = HashOf(keyed[i].key);
    Slot* slot = FindSlot(keyed[i].key, h);
    if (slot->key_size == 0) {
      Claim(slot, keyed[i].key, h);
      FilterAdd(h);
      slot->range.begin = static_cast<uint32_t>(groups.size());  // group id until laid out
      groups.push_back(slot);
    }
    group_of[i] = slot->range.begin;
    ++slot->range.count;
  }
  std::vector<uint32_t> offsets(groups.size() + 1, 0);
  for (size_t g = 0; g < groups.size(); ++g) offsets[g + 1] = offsets[g] + groups[g]->range.count;
  std::vector<NameHit> laid(keyed.size());
  std::vector<uint32_t> fill(offsets.begin(), offsets.end() - 1);
  for (size_t i = 0; i < keyed.size(); ++i) laid[fill[group_of[i]]++] = keyed[i].hit;
  hits_.reserve(keyed.size());
  for (size_t g = 0; g < groups.size(); ++g) {
    const uint32_t begin = static_cast<uint32_t>(hits_.size());
    for (uint32_t k = offsets[g]; k < offsets[g + 1]; ++k) {
      bool seen = false;  // an entry appears once per key (its first, strongest hit)
      for (uint32_t h = begin; h < hits_.size(); ++h) seen |= hits_[h].entry == laid[k].entry;
      if (!seen) hits_.push_back(laid[k]);
    }
    groups[g]->range = Range{begin, static_cast<uint32_t>(hits_.size()) - begin};
  }
  // Prefix slots: "new" and "new york" for "new york city" (a slot may be a key and a prefix).
  for (size_t g = 0; g < groups.size(); ++g) {
    const std::string_view key = KeyOf(*groups[g]);
    for (size_t sp = key.find(' '); sp != std::string_view::npos; sp = key.find(' ', sp + 1)) {
      const std::string_view prefix = key.substr(0, sp);
      const uint64_t h = HashOf(prefix);
      Slot* slot = FindSlot(prefix, h);
      if (slot->key_size == 0) {
        Claim(slot, prefix, h);
        slot->range = Range{0, 0};
        FilterAdd(h);
      }
      slot->prefix = 1;
    }
  }
  if (entries_.empty()) return Status::ParseError("gazetteer has no entries");
  return Status::Ok();
}

Gazetteer::Slot* Gazetteer::FindSlot(std::string_view key, uint64_t hash) {
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.key_size == 0 || (slot.hash_high == static_cast<uint32_t>(hash >> 32) && slot.key_size == key.size() &&
                               std::memcmp(contents_.data() + slot.key_offset, key.data(), key.size()) == 0)) {
      return &slot;
    }
  }
}

const Gazetteer::Slot* Gazetteer::FindSlot(std::string_view key, uint64_t hash) const {
  return const_cast<Gazetteer*>(this)->FindSlot(key, hash);
}

std::span<const NameHit> Gazetteer::Find(std::string_view key) const {
  return Lookup(key, HashOf(key)).hits;
}

namespace {

// The per-thread lookup cache: direct-mapped, 64-byte entries holding the key itself (keys up to
// kCachedKeyMax bytes), so an answer is exact. Articles repeat their names ("Trump", "Washington",
// "The"), and the cache stays in L1/L2 where the name table (tens of MB) does not.
constexpr size_t kCachedKeyMax = 30;
struct CachedLookup {
  uint64_t hash = 0;
  uint64_t owner = 0;  // Gazetteer::id_; 0 = empty
  const NameHit* hits = nullptr;
  uint32_t count = 0;
  uint8_t size = 0;
  bool prefix = false;
  char key[kCachedKeyMax];
};
static_assert(sizeof(CachedLookup) <= 64);
constexpr size_t kLookupCacheEntries = 2048;  // 128 KB a thread

CachedLookup* LookupCache() {
  thread_local std::unique_ptr<CachedLookup[]> cache(new CachedLookup[kLookupCacheEntries]);
  return cache.get();
}

}  // namespace

KeyProbe Gazetteer::Lookup(std::string_view key, uint64_t hash) const {
  if (key.empty() || key.size() > kCachedKeyMax) return LookupUncached(key, hash);
  CachedLookup& cached = LookupCache()[(hash >> 40) & (kLookupCacheEntries - 1)];
  if (cached.owner == id_ && cached.hash == hash && cached.size == key.size() &&
      std::memcmp(cached.key, key.data(), key.size()) == 0) {
    KeyProbe probe;
    probe.hits = std::span<const NameHit>(cached.hits, cached.count);
    probe.prefix = cached.prefix;
    return probe;
  }
  const KeyProbe probe = LookupUncached(key, hash);
  cached.owner = id_;
  cached.hash = hash;
  cached.hits = probe.hits.data();
  cached.count = static_cast<uint32_t>(probe.hits.size());
  cached.size = static_cast<uint8_t>(key.size());
  cached.prefix = probe.prefix;
  std::memcpy(cached.key, key.data(), key.size());
  return probe;
}

KeyProbe Gazetteer::LookupUncached(std::string_view key, uint64_t hash) const {
  KeyProbe probe;
  if (key.empty() || slots_.empty() || !FilterMayHave(hash)) return probe;
  const Slot* slot = FindSlot(key, hash);
  if (slot->key_size == 0) return probe;
  probe.hits = std::span<const NameHit>(hits_.data() + slot->range.begin, slot->range.count);
  probe.prefix = slot->prefix != 0;
  return probe;
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

void FillPlace(const GazetteerEntry& e, Place& p) {
  p.name = std::string(e.name);
  p.kind = e.kind;
  p.geonameid = e.geonameid;
  p.has_coordinates = e.has_coordinates;
  p.lat = e.lat;
  p.lon = e.lon;
  p.country = std::string(e.country);
  p.admin1 = std::string(e.kind == PlaceKind::kAdmin && e.fcode != "ADM2" ? e.name : e.admin1_name);
}

void SetCoordinates(const GazetteerEntry& e, Place& p) {
  if (!e.has_coordinates) return;
  p.has_coordinates = true;
  p.lat = e.lat;
  p.lon = e.lon;
}

}  // namespace ties

// gazetteer.h: the compiled place gazetteer (GeoNames cities, countries, admin-1 divisions, regions).
//
// The gazetteer is compiled at build time by scripts/gazetteer/build_gazetteer.py into
// <build>/data/gazetteer.tsv (format documented in that script) and loaded once by the places
// stage. Loading reads the file into one buffer; every name key is a string_view into it, and a
// hash map sends a key to the entries carrying that name.
//
// Keys are the lower-cased text of a name with whitespace runs collapsed to one space ("st. louis",
// "w.va.", "new york city"); the stage builds the same key from a token sequence.
//
// Thread-safety: immutable after Load*(); any number of threads may call the const methods.
#ifndef TIES_EXTRACT_PLACES_GAZETTEER_H_
#define TIES_EXTRACT_PLACES_GAZETTEER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ties/document.h"
#include "ties/status.h"

namespace ties {

struct GazetteerEntry {
  PlaceKind kind = PlaceKind::kCity;
  int64_t geonameid = 0;
  std::string_view name;         // canonical name ("Astana")
  std::string_view country;      // ISO 3166-1 alpha-3, may be empty (regions)
  std::string_view admin1;       // GeoNames admin-1 key ("US.TX"), may be empty
  std::string_view admin1_name;  // "Texas"
  std::string_view fcode;        // GeoNames feature code: PPLC, PPLA, PPL, ADM1, PCLI, RGN
  std::string_view abbrev;       // admins: ISO 3166-2 subdivision code ("TX")
  double lat = 0, lon = 0;
  bool has_coordinates = false;
  int64_t population = 0;
};

// One entry that carries a name; `alternate` when the name is a GeoNames alternate name rather than
// a primary one (alternates are weaker evidence).
struct NameHit {
  uint32_t entry = 0;
  bool alternate = false;
};

// The hash of a name key, built incrementally while a key grows word by word (FNV-1a over the
// bytes; Value() mixes the state for the table). Find(key) and Lookup(key, KeyHash of key) agree.
struct KeyHash {
  uint64_t state = 14695981039346656037ull;
  void Add(std::string_view bytes) {
    for (unsigned char c : bytes) state = (state ^ c) * 1099511628211ull;
  }
  void Add(char c) { state = (state ^ static_cast<unsigned char>(c)) * 1099511628211ull; }
  uint64_t Value() const {
    uint64_t h = state;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
  }
};

// What a key is in the index: the entries carrying it (maybe none), and whether some longer name
// starts with the key followed by a space ("new" of "new york"), so that a matcher growing a key
// word by word can stop as soon as neither holds.
struct KeyProbe {
  std::span<const NameHit> hits;
  bool prefix = false;
};

class Gazetteer {
 public:
  // Reads and indexes a gazetteer.tsv. NotFound when the file is missing, ParseError on a bad row.
  static Result<std::unique_ptr<Gazetteer>> LoadFile(const std::string& path);
  // Same, from the file's contents (tests build small gazetteers in memory).
  static Result<std::unique_ptr<Gazetteer>> LoadTsv(std::string contents);

  Gazetteer(const Gazetteer&) = delete;  // owns a large buffer that views point into
  Gazetteer& operator=(const Gazetteer&) = delete;

  // Entries carrying the name `key` (see the file comment for the key form); empty if none.
  std::span<const NameHit> Find(std::string_view key) const;
  // Same, with the key's precomputed hash (`hash` = KeyHash of `key`, Value()), and the prefix bit.
  // A small per-thread cache of recent keys (exact: it keeps the key's bytes) answers repeated
  // names without touching the large tables.
  KeyProbe Lookup(std::string_view key, uint64_t hash) const;
  // The admin entry for a GeoNames admin-1 key ("US.TX"), or -1.
  int32_t FindAdmin(std::string_view admin1) const;
  // The admin entry of `country` (alpha-3) whose ISO 3166-2 code is `abbrev` ("TX"), or -1.
  int32_t FindAdminByAbbrev(std::string_view country, std::string_view abbrev) const;
  // The country entry for an alpha-3 code, or -1.
  int32_t FindCountry(std::string_view alpha3) const;

  const GazetteerEntry& entry(uint32_t index) const { return entries_[index]; }
  size_t size() const { return entries_.size(); }
  size_t name_count() const { return hits_.size(); }

 private:
  Gazetteer();
  Status Parse();
  KeyProbe LookupUncached(std::string_view key, uint64_t hash) const;

  struct Range {
    uint32_t begin = 0;
    uint32_t count = 0;
  };

  uint64_t id_ = 0;       // unique per Gazetteer of the process (tags the lookup cache's entries)
  std::string contents_;  // the file; every string_view above points into it
  std::vector<GazetteerEntry> entries_;
  std::vector<NameHit> hits_;  // grouped by key
  // Open-addressing hash table over name keys (no allocation per key: the load is one pass). A
  // slot is 20 bytes: its key is a range of contents_ (every key is text of the file), and it keeps
  // the high half of the key's hash to skip most key comparisons.
  struct Slot {
    uint32_t hash_high = 0;
    uint32_t key_offset = 0;  // into contents_
    uint32_t key_size : 31 = 0;  // 0 = free
    uint32_t prefix : 1 = 0;     // some longer key is `key` + " " + ...
    Range range;
  };
  std::string_view KeyOf(const Slot& slot) const {
    return std::string_view(contents_).substr(slot.key_offset, slot.key_size);
  }
  // Fills a free slot with `key`, a view into contents_.
  void Claim(Slot* slot, std::string_view key, uint64_t hash) {
    slot->hash_high = static_cast<uint32_t>(hash >> 32);
    slot->key_offset = static_cast<uint32_t>(key.data() - contents_.data());
    slot->key_size = static_cast<uint32_t>(key.size());
  }
  Slot* FindSlot(std::string_view key, uint64_t hash);
  const Slot* FindSlot(std::string_view key, uint64_t hash) const;
  std::vector<Slot> slots_;  // power-of-two size, at most half full
  // A blocked Bloom filter over every slot's key (names and name prefixes): one 64-bit word per
  // key with three bits set. Most probes are capitalised words that are no name ("Trump", "The");
  // the filter (about 8 bits a key, a fraction of the slot table's size, so mostly in cache)
  // answers them without touching the slot table or the file. No false negatives.
  static uint64_t FilterMix(uint64_t hash) { return hash * 0x9E3779B97F4A7C15ull; }
  void FilterAdd(uint64_t hash) {
    const uint64_t g = FilterMix(hash);
    filter_[g >> filter_shift_] |= (1ull << (g & 63)) | (1ull << ((g >> 6) & 63)) | (1ull << ((g >> 12) & 63));
  }
  bool FilterMayHave(uint64_t hash) const {
    const uint64_t g = FilterMix(hash);
    const uint64_t bits = (1ull << (g & 63)) | (1ull << ((g >> 6) & 63)) | (1ull << ((g >> 12) & 63));
    return (filter_[g >> filter_shift_] & bits) == bits;
  }
  std::vector<uint64_t> filter_;  // power-of-two size
  int filter_shift_ = 64;         // 64 - log2(filter_.size())
  std::unordered_map<std::string_view, uint32_t> admins_;     // "US.TX" -> entry
  std::unordered_map<std::string, uint32_t> admin_abbrevs_;   // "USA.TX" -> entry
  std::unordered_map<std::string_view, uint32_t> countries_;  // "KAZ" -> entry
};

// Where the compiled gazetteer is: $TIES_GAZETTEER when set, else <data_dir>/gazetteer.tsv when it
// exists (installed trees), else the build tree's copy (compiled in as TIES_GAZETTEER_BUILD_PATH).
std::string FindGazetteerPath(const std::string& data_dir);

// The place a resolved candidate becomes: `e`'s name, kind, GeoNames id,
// coordinates (as the entry has them), country and first-level division (the
// entry itself for a first-level division, else its admin1).
void FillPlace(const GazetteerEntry& e, Place& p);

// Gives `p` the coordinates of `e` when the entry has them; else leaves `p` as is.
void SetCoordinates(const GazetteerEntry& e, Place& p);

}  // namespace ties

#endif  // TIES_EXTRACT_PLACES_GAZETTEER_H_

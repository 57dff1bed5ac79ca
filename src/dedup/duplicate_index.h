// duplicate_index.h: clusters of near-duplicate articles, in memory.
//
// Banded LSH over SimHash fingerprints: the 64 bits are cut into
// max_distance + 1 bands; two fingerprints within max_distance bits agree
// exactly on at least one band (pigeonhole), so looking up each band in a
// hash map finds every candidate, and the Hamming check confirms it. Each
// bucket keeps its candidates' fingerprints side by side, so checking a
// crowded bucket (templated text, millions of articles) is a sequential scan,
// not a walk over hash-map nodes. Memory is about (bands x 16 + 8) bytes per
// article; a lookup costs one hash probe per band and a scan of at most
// kBucketWindow candidates per band (the most recent ones): a flood of
// distinct near-identical pages (thousands sharing a band value) costs linear
// time, and an article whose only near copy is older than the last
// kBucketWindow distinct fingerprints of every band it shares starts its own
// cluster. Exact reprints are not indexed, so they never fill a window.
//
// Thread-safety: not thread-safe; use one index per ingest run (or a mutex).
#ifndef TIES_DEDUP_DUPLICATE_INDEX_H_
#define TIES_DEDUP_DUPLICATE_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace ties {

class DuplicateIndex {
 public:
  // REQUIRES: 0 <= max_distance <= 15.
  explicit DuplicateIndex(int max_distance = 3);

  // Adds article `id` with fingerprint `hash` and returns its cluster id: the
  // cluster of the closest earlier article within max_distance bits (ties go
  // to the earliest), else `id` itself (a new cluster). A hash of 0 (empty
  // text) never matches and always starts its own cluster.
  uint64_t Add(uint64_t id, uint64_t hash);

  // Cluster of an earlier near-duplicate of `hash`, or `fallback` when none;
  // does not add anything.
  uint64_t Find(uint64_t hash, uint64_t fallback) const;

  // Candidates scanned per bucket (the most recent ones); see above.
  static constexpr size_t kBucketWindow = 256;

  size_t size() const { return clusters_.size(); }
  int max_distance() const { return max_distance_; }

 private:
  uint64_t BandKey(int band, uint64_t hash) const;
  // Index of the best earlier entry within max_distance, or -1; its distance
  // in *distance when given.
  int64_t Best(uint64_t hash, int* distance = nullptr) const;

  struct Candidate {
    uint64_t hash;
    uint32_t index;  // into clusters_; ascending within a bucket
  };

  int max_distance_;
  int bands_;
  std::vector<int> band_shift_, band_bits_;
  std::vector<uint64_t> clusters_;  // per added article, in order
  std::unordered_map<uint64_t, std::vector<Candidate>> buckets_;  // (band, value) -> entries with it
};

}  // namespace ties

#endif  // TIES_DEDUP_DUPLICATE_INDEX_H_

// duplicate_index.cc: banded LSH over SimHash fingerprints.
#include "dedup/duplicate_index.h"

#include <algorithm>

#include "dedup/simhash.h"

namespace ties {

DuplicateIndex::DuplicateIndex(int max_distance)
    : max_distance_(std::clamp(max_distance, 0, 15)), bands_(max_distance_ + 1) {
  int shift = 0;
  for (int band = 0; band < bands_; ++band) {
    const int bits = 64 / bands_ + (band < 64 % bands_ ? 1 : 0);
    band_shift_.push_back(shift);
    band_bits_.push_back(bits);
    shift += bits;
  }
}

uint64_t DuplicateIndex::BandKey(int band, uint64_t hash) const {
  const int bits = band_bits_[band];
  const uint64_t mask = bits >= 64 ? ~0ull : ((1ull << bits) - 1);
  const uint64_t value = (hash >> band_shift_[band]) & mask;
  return value * 16 + static_cast<uint64_t>(band);  // bits <= 60 when bands >= 2; band 0 alone uses all 64
}

int64_t DuplicateIndex::Best(uint64_t hash, int* distance) const {
  if (hash == 0) return -1;
  int64_t best = -1;
  int best_distance = max_distance_ + 1;
  for (int band = 0; band < bands_; ++band) {
    const auto bucket = buckets_.find(BandKey(band, hash));
    if (bucket == buckets_.end()) continue;
    const std::vector<Candidate>& candidates = bucket->second;
    const size_t first = candidates.size() > kBucketWindow ? candidates.size() - kBucketWindow : 0;
    for (size_t k = first; k < candidates.size(); ++k) {
      const Candidate& c = candidates[k];
      const int d = Hamming(c.hash, hash);
      if (d < best_distance || (d == best_distance && static_cast<int64_t>(c.index) < best)) {
        best_distance = d;
        best = c.index;
      }
    }
  }
  if (distance != nullptr) *distance = best_distance;
  return best;
}

uint64_t DuplicateIndex::Find(uint64_t hash, uint64_t fallback) const {
  const int64_t best = Best(hash);
  return best < 0 ? fallback : clusters_[best];
}

uint64_t DuplicateIndex::Add(uint64_t id, uint64_t hash) {
  int distance = 0;
  const int64_t best = Best(hash, &distance);
  const uint64_t cluster = best < 0 ? id : clusters_[best];
  const uint32_t index = static_cast<uint32_t>(clusters_.size());
  clusters_.push_back(cluster);
  // An exact copy of an indexed fingerprint is never the answer to a later
  // lookup (it is as close as the earlier one, and ties go to the earliest),
  // so it is not indexed: reprints and templated text keep buckets short.
  if (hash != 0 && !(best >= 0 && distance == 0)) {
    for (int band = 0; band < bands_; ++band) buckets_[BandKey(band, hash)].push_back({hash, index});
  }
  return cluster;
}

}  // namespace ties

// clusters.cc: connected components of the copy relation (clusters.h).
//
// Union-find over the articles. Three passes add the edges, each over
// distinct keys only, so that a story reprinted a thousand times costs a
// thousand unions, not a million comparisons:
//  1. equal fingerprints: sort by fingerprint, join runs of equal values;
//  2. near duplicates: the banded test of duplicate_index.h (max_distance + 1
//     bands; two fingerprints within max_distance bits agree on one band), over
//     the distinct fingerprints, sorted by (band value, fingerprint) per band,
//     each compared with the next `window` of its band value;
//  3. wire copies: distinct (agency, day, fingerprint) triples sorted by agency
//     and day, each compared with the next (at most `window`) of its agency
//     within wire_days days.
// Every pass looks at pairs defined by the set of articles, not by their
// order, and union-find's result (the partition) does not depend on the order
// of unions; the name of each part is then its smallest id.
#include "dedup/clusters.h"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "common/text_util.h"
#include "dedup/simhash.h"

namespace ties {

namespace {

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0u); }
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];  // path halving
      x = parent_[x];
    }
    return x;
  }
  void Union(uint32_t a, uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (a > b) std::swap(a, b);
    parent_[b] = a;
  }

 private:
  std::vector<uint32_t> parent_;
};

// The bands of the near-duplicate test: `bands` slices of the 64 bits.
struct Bands {
  explicit Bands(int max_distance) {
    const int bands = std::clamp(max_distance, 0, 15) + 1;
    int shift = 0;
    for (int band = 0; band < bands; ++band) {
      const int bits = 64 / bands + (band < 64 % bands ? 1 : 0);
      shift_.push_back(shift);
      mask_.push_back(bits >= 64 ? ~0ull : ((1ull << bits) - 1));
      shift += bits;
    }
  }
  size_t size() const { return shift_.size(); }
  uint64_t Value(size_t band, uint64_t hash) const { return (hash >> shift_[band]) & mask_[band]; }

  std::vector<int> shift_;
  std::vector<uint64_t> mask_;
};

}  // namespace

int64_t ClusterDay(std::string_view pub_date) {
  int y = 0, m = 0, d = 0;
  if (pub_date.size() < 10 || !ParseIsoDate(pub_date.substr(0, 10), &y, &m, &d)) return ClusterArticle::kNoDay;
  return DaysFromCivil(y, m, d);
}

std::vector<uint32_t> AssignClusters(const std::vector<ClusterArticle>& articles, const ClusterOptions& options) {
  const size_t n = articles.size();
  UnionFind sets(n);

  // 1. Equal fingerprints; `distinct` keeps the first article of each value.
  std::vector<uint32_t> by_hash;
  by_hash.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    if (articles[i].simhash != 0) by_hash.push_back(i);
  }
  std::sort(by_hash.begin(), by_hash.end(), [&](uint32_t a, uint32_t b) {
    return std::tie(articles[a].simhash, a) < std::tie(articles[b].simhash, b);
  });
  std::vector<uint32_t> distinct;
  for (size_t k = 0; k < by_hash.size(); ++k) {
    if (k > 0 && articles[by_hash[k]].simhash == articles[by_hash[k - 1]].simhash) {
      sets.Union(by_hash[k], by_hash[k - 1]);
    } else {
      distinct.push_back(by_hash[k]);
    }
  }

  // 2. Near duplicates among distinct fingerprints, band by band.
  const Bands bands(options.max_distance);
  const size_t window = std::max<size_t>(options.window, 1);
  // (band value, fingerprint, article): fingerprints are distinct, so the order depends on the set only.
  std::vector<std::tuple<uint64_t, uint64_t, uint32_t>> keyed(distinct.size());
  for (size_t band = 0; band < bands.size(); ++band) {
    for (size_t k = 0; k < distinct.size(); ++k) {
      const uint64_t hash = articles[distinct[k]].simhash;
      keyed[k] = {bands.Value(band, hash), hash, distinct[k]};
    }
    std::sort(keyed.begin(), keyed.end());
    for (size_t begin = 0; begin < keyed.size();) {
      size_t end = begin + 1;
      while (end < keyed.size() && std::get<0>(keyed[end]) == std::get<0>(keyed[begin])) ++end;
      for (size_t x = begin; x < end; ++x) {
        for (size_t y = x + 1; y < std::min(end, x + 1 + window); ++y) {
          if (Hamming(std::get<1>(keyed[x]), std::get<1>(keyed[y])) <= options.max_distance) {
            sets.Union(std::get<2>(keyed[x]), std::get<2>(keyed[y]));
          }
        }
      }
      begin = end;
    }
  }

  // 3. Wire copies: same agency, days within wire_days, fingerprints within wire_distance.
  std::vector<uint32_t> wire;
  for (uint32_t i : by_hash) {
    const ClusterArticle& a = articles[i];
    if (!a.wire_agency.empty() && a.day != ClusterArticle::kNoDay) wire.push_back(i);
  }
  auto wire_key = [&](uint32_t i) { return std::tie(articles[i].wire_agency, articles[i].day, articles[i].simhash); };
  std::sort(wire.begin(), wire.end(), [&](uint32_t a, uint32_t b) {
    return std::make_pair(wire_key(a), a) < std::make_pair(wire_key(b), b);
  });
  std::vector<uint32_t> wire_distinct;
  for (size_t k = 0; k < wire.size(); ++k) {
    if (k > 0 && wire_key(wire[k]) == wire_key(wire[k - 1])) {
      sets.Union(wire[k], wire[k - 1]);
    } else {
      wire_distinct.push_back(wire[k]);
    }
  }
  for (size_t x = 0; x < wire_distinct.size(); ++x) {
    const ClusterArticle& a = articles[wire_distinct[x]];
    for (size_t y = x + 1; y < std::min(wire_distinct.size(), x + 1 + window); ++y) {
      const ClusterArticle& b = articles[wire_distinct[y]];
      if (b.wire_agency != a.wire_agency || b.day - a.day > options.wire_days) break;
      if (Hamming(a.simhash, b.simhash) <= options.wire_distance) sets.Union(wire_distinct[x], wire_distinct[y]);
    }
  }

  // Names: the member with the smallest id (then the smallest index).
  std::vector<uint32_t> name(n);
  std::iota(name.begin(), name.end(), 0u);
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t root = sets.Find(i);
    uint32_t& best = name[root];
    if (std::tie(articles[i].id, i) < std::tie(articles[best].id, best)) best = i;
  }
  std::vector<uint32_t> out(n);
  for (uint32_t i = 0; i < n; ++i) out[i] = name[sets.Find(i)];
  return out;
}

}  // namespace ties

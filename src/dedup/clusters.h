// clusters.h: clusters of syndicated copies over a whole corpus, the same
// whatever order the articles were stored in and however they are sharded.
//
// Two articles are copies of one story when either
//  - their SimHash fingerprints are within `max_distance` bits (3: reprints
//    with trimmed or reformatted text), or
//  - they credit the same wire agency, were published within `wire_days` days
//    of each other, and their fingerprints are within `wire_distance` bits (12:
//    rewritten headlines, datelines and dropped sentences of one wire story).
// A cluster is a connected component of that relation (so it is transitive,
// unlike "the closest earlier copy"), named by its member with the smallest
// article id (byte order). Both stores call AssignClusters over all their
// articles: SQLite at the end of an ingest and in `ties dedup`, ClickHouse in
// `ties dedup` across every shard (docs/storage.md, docs/scale.md).
//
// Cost: sorting plus, per band of the near-duplicate test, a comparison of
// each distinct fingerprint with the next ones (by value) that share the
// band's value, at most `window` of them; per agency, the same with the next
// distinct fingerprints within wire_days days. So O(n log n + n x bands x
// window) on any input: a flood of near-identical distinct pages, or thousands
// of one agency's stories a day, costs linear time. Ordinary corpora never
// fill a window (random fingerprints put n / 2^16 in a band value); where a
// flood does, a pair further apart than `window` in that order is not
// compared (it is still joined through the copies between them, which are
// near both). Memory: about 40 bytes per article plus the inputs.
//
// Thread-safety: pure function.
#ifndef TIES_DEDUP_CLUSTERS_H_
#define TIES_DEDUP_CLUSTERS_H_

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace ties {

// One article, as the clustering sees it.
struct ClusterArticle {
  static constexpr int64_t kNoDay = std::numeric_limits<int64_t>::min();
  std::string id;           // the article id: names the cluster
  uint64_t simhash = 0;     // 0: no fingerprint (empty text); never a copy of anything
  std::string wire_agency;  // "" when the text credits no agency
  int64_t day = kNoDay;     // publication day (days since 1970-01-01), kNoDay when undated
};

struct ClusterOptions {
  int max_distance = 3;    // REQUIRES: 0..15
  int wire_distance = 12;  // REQUIRES: 0..64
  int wire_days = 3;       // REQUIRES: >= 0
  size_t window = 256;     // comparisons per fingerprint and band (and per wire window); REQUIRES: >= 1
};

// For each article, the index (into `articles`) of its cluster's name: the
// member with the smallest id; equal ids go to the smaller index. An article
// alone is its own name. The result depends on the set of articles only, not
// on their order (up to which index holds a given article).
std::vector<uint32_t> AssignClusters(const std::vector<ClusterArticle>& articles, const ClusterOptions& options = {});

// Day number of a "YYYY-MM-DD..." publication date, or ClusterArticle::kNoDay.
int64_t ClusterDay(std::string_view pub_date);

}  // namespace ties

#endif  // TIES_DEDUP_CLUSTERS_H_

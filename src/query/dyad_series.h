// dyad_series.h: the time series of a dyad query (docs/query.md, `ties dyad`), as both query
// engines (sqlite_query.cc, clickhouse_query.cc) build it from their two result sets: the articles
// that name both countries per period, and the events between them per period and quad class.
// One definition, so that the engines cannot drift apart in how a point is summed or rounded.
#ifndef TIES_QUERY_DYAD_SERIES_H_
#define TIES_QUERY_DYAD_SERIES_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "ties/query.h"

namespace ties {

class DyadSeriesBuilder {
 public:
  // One row of the articles result: `articles` articles (or clusters) in `period`, their mean tone.
  void SetArticles(const std::string& period, uint64_t articles, double mean_tone) {
    DyadPoint& pt = At(period);
    pt.articles = articles;
    pt.mean_tone = RoundMean(mean_tone);
  }

  // One row of the events result: `events` events of quad class `quad` (1..4 counts in quad[]) in
  // `period`, and the sum of the Goldstein scores of `goldstein_events` of them.
  void AddEvents(const std::string& period, int64_t quad, uint64_t events, double goldstein_sum,
                 uint64_t goldstein_events) {
    DyadPoint& pt = At(period);
    if (quad >= 1 && quad <= 4) pt.quad[quad - 1] += events;
    pt.events += events;
    std::pair<double, uint64_t>& goldstein = goldstein_[period];
    goldstein.first += goldstein_sum;
    goldstein.second += goldstein_events;
  }

  // The points in period order, each with its mean Goldstein score (RoundMean).
  std::vector<DyadPoint> Points() {
    for (auto& [period, sum] : goldstein_) {
      if (sum.second) points_[period].mean_goldstein = RoundMean(sum.first / static_cast<double>(sum.second));
    }
    std::vector<DyadPoint> out;
    for (auto& [period, pt] : points_) out.push_back(pt);
    return out;
  }

 private:
  DyadPoint& At(const std::string& period) {
    DyadPoint& pt = points_[period];
    pt.period = period;
    return pt;
  }

  std::map<std::string, DyadPoint> points_;
  std::map<std::string, std::pair<double, uint64_t>> goldstein_;  // period -> sum, count
};

}  // namespace ties

#endif  // TIES_QUERY_DYAD_SERIES_H_

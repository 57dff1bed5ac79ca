// trainer.cc: see trainer.h. Word features are resolved to weight rows once,
// before the first epoch; an epoch then only adds rows and updates the two
// classes of each mistake. Averaging is lazy (a timestamp per weight).
#include "tagger/trainer.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace ties::tagger {

namespace {

struct Weights {
  size_t classes = 0;
  std::vector<float> w;
  std::vector<double> total;
  std::vector<uint32_t> stamp;
  uint32_t now = 0;

  void Resize(size_t rows) {
    w.assign(rows * classes, 0.0f);
    total.assign(rows * classes, 0.0);
    stamp.assign(rows * classes, 0);
  }
  void Update(size_t row, size_t cls, float delta) {
    const size_t at = row * classes + cls;
    total[at] += static_cast<double>(now - stamp[at]) * w[at];
    stamp[at] = now;
    w[at] += delta;
  }
  float Average(size_t at) const {
    if (now == 0) return 0.0f;
    const double sum = total[at] + static_cast<double>(now - stamp[at]) * w[at];
    return static_cast<float>(sum / now);
  }
};

std::string_view WordAt(const Document& doc, int64_t j, uint32_t begin, uint32_t end) {
  if (j < static_cast<int64_t>(begin)) return kSentenceStartWord;
  if (j >= static_cast<int64_t>(end)) return kSentenceEndWord;
  return doc.TokenText(static_cast<uint32_t>(j));
}

}  // namespace

Result<std::unique_ptr<Model>> Train(const ModelSpec& spec, const std::vector<std::pair<int, std::string>>& lexicon_files,
                                     const std::string& data_dir, const std::vector<Example>& examples,
                                     const TrainOptions& options, const EpochCallback& on_epoch) {
  if (spec.classes.empty() || spec.classes.size() >= kMaxClasses) {
    return Status::InvalidArgument("tagger: need 1.." + std::to_string(kMaxClasses - 1) + " classes");
  }
  Lexicon lexicon;
  for (const auto& [bit, file] : lexicon_files) TIES_RETURN_IF_ERROR(lexicon.AddFile(data_dir + "/" + file, bit));
  const DenseLayout layout(spec);
  const size_t c = spec.classes.size();
  const size_t dense_rows = layout.rows();

  // Pass 1: count word features; pass 2: give the frequent ones a row.
  std::unordered_map<uint64_t, uint32_t> counts;
  std::string lower;
  uint64_t feats[kMaxWordFeatures];
  auto for_each_feature = [&](const Example& ex, uint32_t i, auto&& fn) {
    for (int o = kMinOffset; o <= kMaxOffset; ++o) {
      const std::string_view word = WordAt(*ex.doc, static_cast<int64_t>(i) + o, ex.begin, ex.end);
      const int n = WordFeatures(word, o, lexicon.Lookup(word, lower), feats);
      for (int f = 0; f < n; ++f) fn(feats[f]);
    }
  };
  for (const Example& ex : examples) {
    for (uint32_t i = ex.begin; i < ex.end; ++i) for_each_feature(ex, i, [&](uint64_t k) { ++counts[k]; });
  }
  std::vector<uint64_t> keys;
  for (const auto& [k, n] : counts) {
    if (static_cast<int>(n) >= options.min_feature_count) keys.push_back(k);
  }
  std::sort(keys.begin(), keys.end());
  std::unordered_map<uint64_t, uint32_t> row_of;
  row_of.reserve(keys.size());
  for (size_t r = 0; r < keys.size(); ++r) row_of[keys[r]] = static_cast<uint32_t>(dense_rows + r);
  counts.clear();

  // Per token, the word rows of its window (features unseen in training have none).
  std::vector<std::vector<uint32_t>> token_rows(examples.size());
  std::vector<std::vector<uint32_t>> token_starts(examples.size());
  for (size_t e = 0; e < examples.size(); ++e) {
    const Example& ex = examples[e];
    for (uint32_t i = ex.begin; i < ex.end; ++i) {
      token_starts[e].push_back(static_cast<uint32_t>(token_rows[e].size()));
      for_each_feature(ex, i, [&](uint64_t k) {
        auto it = row_of.find(k);
        if (it != row_of.end()) token_rows[e].push_back(it->second);
      });
    }
    token_starts[e].push_back(static_cast<uint32_t>(token_rows[e].size()));
  }

  std::vector<uint8_t> allowed((c + 1) * c, 1);
  for (size_t next = 0; next < c; ++next) {
    if (!IsInsideClass(spec.classes[next])) continue;
    for (size_t prev = 0; prev <= c; ++prev) {
      allowed[prev * c + next] = prev < c && CanFollow(spec.classes[prev], spec.classes[next]);
    }
  }

  Weights weights;
  weights.classes = c;
  weights.Resize(dense_rows + keys.size());
  std::vector<uint32_t> order(examples.size());
  for (size_t e = 0; e < order.size(); ++e) order[e] = static_cast<uint32_t>(e);
  std::mt19937_64 rng(options.seed);
  std::vector<float> score(c);
  std::vector<uint32_t> active;

  auto averaged_model = [&]() {
    std::vector<float> dense(dense_rows * c);
    for (size_t at = 0; at < dense.size(); ++at) dense[at] = weights.Average(at);
    std::unordered_map<uint64_t, std::vector<std::pair<uint8_t, float>>> sparse;
    sparse.reserve(keys.size());
    for (size_t r = 0; r < keys.size(); ++r) {
      std::vector<std::pair<uint8_t, float>> row;
      for (size_t k = 0; k < c; ++k) {
        const float avg = weights.Average((dense_rows + r) * c + k);
        if (std::fabs(avg) > 1e-4f) row.emplace_back(static_cast<uint8_t>(k), avg);
      }
      if (!row.empty()) sparse.emplace(keys[r], std::move(row));
    }
    auto model = std::make_unique<Model>(spec, std::move(dense), std::move(sparse));
    model->lexicon_files = lexicon_files;
    model->lexicon = lexicon;
    return model;
  };

  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    for (size_t e = order.size(); e > 1; --e) std::swap(order[e - 1], order[rng() % e]);  // Fisher-Yates
    for (uint32_t e : order) {
      const Example& ex = examples[e];
      int t1 = static_cast<int>(c), t2 = static_cast<int>(c);
      for (uint32_t i = ex.begin; i < ex.end; ++i) {
        ++weights.now;
        uint32_t dense_active[kMaxDenseRows];
        const int nd = layout.ActiveRows(ex.inputs, i, ex.begin, ex.end, t1, t2, dense_active);
        active.assign(dense_active, dense_active + nd);
        const uint32_t local = i - ex.begin;
        active.insert(active.end(), token_rows[e].begin() + token_starts[e][local],
                      token_rows[e].begin() + token_starts[e][local + 1]);
        std::fill(score.begin(), score.end(), 0.0f);
        for (uint32_t row : active) {
          const float* w = weights.w.data() + static_cast<size_t>(row) * c;
          for (size_t k = 0; k < c; ++k) score[k] += w[k];
        }
        int best = -1;
        for (size_t k = 0; k < c; ++k) {
          if (allowed[t1 * c + k] && (best < 0 || score[k] > score[best])) best = static_cast<int>(k);
        }
        const int gold = ex.gold[i];
        if (best != gold && gold < static_cast<int>(c)) {
          for (uint32_t row : active) {
            weights.Update(row, gold, 1.0f);
            weights.Update(row, best, -1.0f);
          }
        }
        t2 = t1;
        t1 = best;
      }
    }
    if (on_epoch) on_epoch(epoch, *averaged_model());
  }
  return averaged_model();
}

}  // namespace ties::tagger

// trainer.h: learns a Model (model.h) from labelled sentences with the
// averaged perceptron (Collins 2002), greedy decoding with the predicted
// history, as the tagger decodes.
//
// Deterministic: the same examples and options give the same model, byte for
// byte (one thread; sentence order shuffled by a fixed-seed generator).
#ifndef TIES_TAGGER_TRAINER_H_
#define TIES_TAGGER_TRAINER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "tagger/model.h"

namespace ties::tagger {

// One training sentence: tokens [begin, end) of `doc` with gold class ids.
struct Example {
  const Document* doc = nullptr;
  uint32_t begin = 0, end = 0;
  const uint8_t* gold = nullptr;                            // parallel to doc->tokens
  const uint8_t* inputs[kMaxInputLayers] = {nullptr, nullptr};  // parallel to doc->tokens
};

struct TrainOptions {
  int epochs = 10;
  uint64_t seed = 20261207;
  // Word features seen fewer times than this in the training data are not learnt.
  int min_feature_count = 1;
};

// Called after each epoch with the averaged model so far (e.g. to score held-out data).
using EpochCallback = std::function<void(int epoch, const Model& averaged)>;

// Trains a model of shape `spec`; `lexicon_files` (bit, path relative to
// data_dir) become the model's lexicon features. Fails only when a lexicon
// cannot be read or the spec is unusable.
Result<std::unique_ptr<Model>> Train(const ModelSpec& spec, const std::vector<std::pair<int, std::string>>& lexicon_files,
                                     const std::string& data_dir, const std::vector<Example>& examples,
                                     const TrainOptions& options, const EpochCallback& on_epoch = {});

}  // namespace ties::tagger

#endif  // TIES_TAGGER_TRAINER_H_

// train_driver.h: `ties train pos|chunk|ner`: reads a CoNLL JSONL corpus,
// trains one model on the documents outside the held-out tenth (corpus.h),
// reports held-out scores after every epoch, and writes the model file.
#ifndef TIES_TAGGER_TRAIN_DRIVER_H_
#define TIES_TAGGER_TRAIN_DRIVER_H_

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "ties/status.h"

namespace ties::tagger {

struct TrainRequest {
  std::string layer;        // "pos", "chunk" or "ner"
  std::string train_path;   // CoNLL JSONL (corpus.h)
  std::string out_path;     // model file to write
  std::string pos_model;    // chunk, ner: the POS model whose tags are an input
  std::string chunk_model;  // ner: the chunk model whose tags are an input
  std::string data_dir;     // resolves lexicon files
  std::vector<std::pair<int, std::string>> lexicons;  // (bit, file relative to data_dir)
  int epochs = 10;
  int min_feature_count = 1;
  float prune = 0.0f;       // weights below this magnitude are not saved
  bool include_held_out = false;  // train on every document (no held-out scores then)
};

// Trains and writes the model; progress and held-out scores go to `log`.
Status RunTraining(const TrainRequest& request, std::ostream& log);

}  // namespace ties::tagger

#endif  // TIES_TAGGER_TRAIN_DRIVER_H_

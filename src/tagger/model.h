// model.h: a greedy left-to-right averaged-perceptron sequence model, and
// tagging with it.
//
// The model scores each class for token i as a sum of weight rows:
//   - word rows: the word features (features.h) of the words at i-2..i+2, each
//     feature hashed to a sparse row of (class, weight) pairs;
//   - dense rows: a bias, the previous predicted tag, the previous two tags,
//     and, for each input layer (the chunk and name models read the POS tags,
//     the name model also the chunks), the input tags at i-2..i+2, the input
//     bigrams (i-1, i) and (i, i+1), and the input tag at i with the previous
//     predicted tag.
// The best class is taken and becomes the history of the next token (greedy).
// IOB models (classes named "B-X"/"I-X"/"O") never emit I-X after anything but
// B-X or I-X. Because word rows depend only on the word, their sum per word
// type and offset is cached in a TagScratch (a two-way set-associative
// cache, filled on a miss): a token then costs a few row additions and no allocation.
//
// Thread-safety: a Model is immutable after construction; Tag() may run on
// many threads at once, each with its own TagScratch.
#ifndef TIES_TAGGER_MODEL_H_
#define TIES_TAGGER_MODEL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tagger/features.h"
#include "ties/document.h"
#include "ties/status.h"

namespace ties::tagger {

inline constexpr int kMaxInputLayers = 2;
inline constexpr int kMaxClasses = 250;  // class ids are uint8 and kMaxClasses is the boundary id
inline constexpr size_t kMaxDenseRows = 24;

// The shape of a model: its classes and the classes of its input layers.
struct ModelSpec {
  std::string kind;                                // "pos", "chunk", "ner" (free text)
  std::vector<std::string> classes;                // output class names, id = index
  std::vector<std::vector<std::string>> inputs;    // per input layer, its class names
};

// Index arithmetic over the dense rows (shared by the trainer and the tagger).
class DenseLayout {
 public:
  explicit DenseLayout(const ModelSpec& spec);
  size_t rows() const { return rows_; }
  int num_classes() const { return classes_; }
  int num_inputs() const { return num_inputs_; }
  // Writes the dense rows active at token `i` of [begin, end) into rows[] and
  // returns how many (<= kMaxDenseRows). t1/t2: previous two predicted class
  // ids, num_classes() standing for "before the sentence". inputs[l] is
  // parallel to the document's tokens.
  int ActiveRows(const uint8_t* const* inputs, uint32_t i, uint32_t begin, uint32_t end, int t1, int t2,
                 uint32_t* rows) const;

 private:
  int classes_;
  int num_inputs_;
  int input_classes_[kMaxInputLayers] = {0, 0};
  size_t input_base_[kMaxInputLayers] = {0, 0};
  size_t rows_;
};

// A word's lexicon bits (features.h), from word lists a model names.
class Lexicon {
 public:
  // Adds every line of `path` (one word a line, '#' comments, first tab
  // column) under `bit`. Fails with the path and reason.
  Status AddFile(const std::string& path, int bit);
  LexiconBits Lookup(std::string_view word, std::string& scratch) const;
  bool empty() const { return words_.empty(); }

 private:
  std::unordered_map<std::string, LexiconBits> words_;
};

class Model;

// Sparse word rows in one block: feature keys[f] has the (class, weight) pairs
// pairs[ends[f - 1] .. ends[f]) (from 0 for f = 0).
struct SparseRows {
  std::vector<uint64_t> keys;
  std::vector<uint32_t> ends;
  std::vector<std::pair<uint8_t, float>> pairs;
};

// Per-thread working memory of Model::Tag: the word-row cache (two-way set
// associative, least recently used way replaced) and the rows of the current
// five-word window. Reusable across documents and models (it resets itself
// when used with another model).
class TagScratch {
 public:
  TagScratch() = default;
  TagScratch(const TagScratch&) = delete;  // large; one per thread and model
  TagScratch& operator=(const TagScratch&) = delete;

 private:
  friend class Model;
  uint64_t model_id_ = 0;
  std::vector<uint64_t> keys_;    // sets x 2 ways; 0: empty
  std::vector<uint8_t> recent_;   // per set, the way used last
  std::vector<int32_t> rows_;     // sets x 2 ways x kNumOffsets x stride
  std::vector<int32_t> window_;   // kNumOffsets x stride: word-row sums of the tokens in the window
  std::vector<int32_t> score_;
  std::vector<uint64_t> word_keys_;  // when Tag() is not given the keys
  std::string lower_;
};

class Model {
 public:
  // Builds a model from weights: dense rows (rows x classes) and sparse word
  // rows keyed by feature hash. Used by the trainer and by Load().
  Model(ModelSpec spec, std::vector<float> dense,
        std::unordered_map<uint64_t, std::vector<std::pair<uint8_t, float>>> sparse);
  Model(ModelSpec spec, std::vector<float> dense, const SparseRows& sparse);

  // Reads a model file (docs/tagger.md). `data_dir` resolves the lexicon
  // files the model names. Fails with the path and the reason (missing,
  // truncated, bad checksum, unknown version).
  static Result<std::unique_ptr<Model>> Load(const std::string& path, const std::string& data_dir);
  // Writes the model: weights whose magnitude is below `prune` are dropped,
  // the rest quantised to 16 bits. gzip-compressed.
  Status Save(const std::string& path, float prune) const;

  const ModelSpec& spec() const { return spec_; }
  int num_classes() const { return layout_.num_classes(); }
  // Lexicon files, as (bit, path relative to the data directory), and the loaded lexicon.
  std::vector<std::pair<int, std::string>> lexicon_files;
  Lexicon lexicon;

  // Tags tokens [begin, end) of `doc`; out[i] (parallel to doc.tokens) gets
  // the class id of token i. inputs[l] (parallel to doc.tokens) hold the
  // input layers' class ids. REQUIRES: end <= doc.tokens.size(); spec().inputs
  // layers non-null. Linear in end - begin; no allocation once the scratch is warm.
  // word_keys, when given, is parallel to doc.tokens and holds WordTypeKey of
  // each token's text (the tag stage hashes a word once for all its models).
  void Tag(const Document& doc, uint32_t begin, uint32_t end, const uint8_t* const* inputs, uint8_t* out,
           TagScratch& scratch, const uint64_t* word_keys = nullptr) const;

  // The same tags computed the plain way: every feature of every token looked
  // up and summed, no cache, no padding, no vectors. Slow; the reference the
  // tests hold Tag() to.
  void TagPlain(const Document& doc, uint32_t begin, uint32_t end, const uint8_t* const* inputs, uint8_t* out) const;

  // For the trainer's statistics.
  size_t num_features() const { return feature_count_; }

 private:
  struct Pair {
    uint8_t cls;
    float weight;
  };
  struct Slot {
    uint64_t key = 0;  // 0: empty
    uint32_t first = 0, count = 0;
  };
  // Writes the word rows of `text` at every offset (kNumOffsets x classes).
  void FillWordRows(std::string_view text, int32_t* rows, std::string& lower) const;
  // The cached word rows of `text` (whose WordTypeKey is `key`); valid until
  // the next call with `scratch`.
  const int32_t* WordRows(std::string_view text, uint64_t key, TagScratch& scratch) const;
  // A hint for a later WordRows(key): stage 0 loads the cache keys, stage 1
  // (once they are in) the word's rows, when cached.
  void PrefetchWordRows(uint64_t key, const TagScratch& scratch, int stage) const;
  void Prepare(TagScratch& scratch) const;
  const Slot* Find(uint64_t key) const;

  ModelSpec spec_;
  DenseLayout layout_;
  std::vector<float> dense_;
  std::vector<Slot> index_;   // open addressing, power-of-two size
  std::vector<Pair> pairs_;
  std::vector<uint8_t> allowed_;  // (classes+1) x classes: may class c follow t1?
  // Tagging scores in quantisation steps (model.cc): weight = steps x scale_.
  float scale_ = 0;
  std::vector<int32_t> steps_;         // parallel to pairs_
  // pairs_ as the tagger reads them on a cache miss: class and step in 4 bytes.
  struct StepPair {
    uint8_t cls;
    int16_t step;
  };
  std::vector<StepPair> step_pairs_;   // parallel to pairs_
  size_t stride_ = 0;                  // classes rounded up to the vector width (model.cc)
  std::vector<int32_t> padded_dense_;  // dense_ in steps, rows of stride_ values
  std::vector<int32_t> mask_;          // (classes+1) x stride_: 0 where allowed_, else kForbidden
  // Per previous tag t1 (classes+1 rows of stride_): bias + the previous-tag
  // row + the IOB mask, so the tag history costs two rows a token.
  std::vector<int32_t> history_rows_;
  std::vector<int32_t> start_rows_, end_rows_;  // word rows of the sentence boundary pseudo-words
  size_t feature_count_ = 0;
  uint64_t id_;
};

// Helpers for IOB class names.
bool IsInsideClass(std::string_view name);                 // "I-X"
bool CanFollow(std::string_view prev, std::string_view next);  // IOB constraint

}  // namespace ties::tagger

#endif  // TIES_TAGGER_MODEL_H_

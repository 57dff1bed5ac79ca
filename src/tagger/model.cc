// model.cc: see model.h. The file format is described in docs/tagger.md.
#include "tagger/model.h"

#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "common/text_util.h"

namespace ties::tagger {

namespace {

constexpr std::string_view kMagic = "TIESTAG1\n";
// Word types cached per thread and model: sets (a power of two) x 2 ways.
constexpr size_t kCacheSets = 8192;

std::atomic<uint64_t> g_next_model_id{1};

std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : " ") + n;
  return out;
}
// Space-separated, empty parts dropped (issue 16: alike in shape only to place_candidates.cc's word split).
std::vector<std::string> Split(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

void PutU32(std::string& out, uint32_t v) {
  for (int b = 0; b < 4; ++b) out.push_back(static_cast<char>((v >> (8 * b)) & 0xff));
}
void PutU64(std::string& out, uint64_t v) {
  for (int b = 0; b < 8; ++b) out.push_back(static_cast<char>((v >> (8 * b)) & 0xff));
}
void PutI16(std::string& out, int16_t v) {
  const uint16_t u = static_cast<uint16_t>(v);
  out.push_back(static_cast<char>(u & 0xff));
  out.push_back(static_cast<char>(u >> 8));
}

// Reads little-endian values from a byte buffer; `ok` turns false past the end.
struct Reader {
  std::string_view data;
  size_t pos = 0;
  bool ok = true;
  uint64_t Get(int bytes) {
    if (pos + bytes > data.size()) {
      ok = false;
      return 0;
    }
    uint64_t v = 0;
    for (int b = 0; b < bytes; ++b) v |= static_cast<uint64_t>(static_cast<unsigned char>(data[pos + b])) << (8 * b);
    pos += bytes;
    return v;
  }
};

int16_t Quantize(float w, float scale) {
  const float q = std::round(w / scale);
  return static_cast<int16_t>(std::clamp(q, -32767.0f, 32767.0f));
}

// Scores are sums of quantised weights (the int16 steps of the model file) in
// 32-bit integers: exact, so the order of the additions never matters and the
// cached fast path gives the plain scorer's tags, ties included (the first
// class wins). Rows are padded to a multiple of kLanes values, so that adding
// two rows is a few vector additions (GCC vector extensions). Padding lanes
// hold 0 in weight rows and kForbidden in the mask rows.
// Four lanes: one SSE2 register (the baseline x86-64 target); wider vector
// types are split by the compiler and go through the stack.
constexpr size_t kLanes = 4;
typedef int32_t Lanes __attribute__((vector_size(kLanes * sizeof(int32_t))));
// Far below any reachable sum (|sum| < 2^25: <= 1,000 rows of int16 weights), far from overflow.
constexpr int32_t kForbidden = -(1 << 30);

size_t Stride(int classes) { return (static_cast<size_t>(classes) + kLanes - 1) / kLanes * kLanes; }

inline Lanes LoadLanes(const int32_t* p) {
  Lanes v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

inline void AddRow(int32_t* dst, const int32_t* src, size_t stride) {
  for (size_t k = 0; k < stride; k += kLanes) {
    const Lanes sum = LoadLanes(dst + k) + LoadLanes(src + k);
    std::memcpy(dst + k, &sum, sizeof(sum));
  }
}

// The first index holding `top`, which score[0, stride) contains: four lanes
// compared at a time.
inline int FirstIndexOf(const int32_t* score, size_t stride, int32_t top) {
  size_t k = 0;
#ifdef __SSE2__
  const __m128i wanted = _mm_set1_epi32(top);
  for (; k < stride; k += kLanes) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(score + k));
    const int hits = _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(v, wanted)));
    if (hits != 0) return static_cast<int>(k) + __builtin_ctz(static_cast<unsigned>(hits));
  }
  return 0;  // unreachable: top is in score
#else
  while (score[k] != top) ++k;
  return static_cast<int>(k);
#endif
}

// The largest of the lanes of `best`.
inline int32_t MaxLane(Lanes best) {
  int32_t top = best[0];
  for (size_t l = 1; l < kLanes; ++l) top = best[l] > top ? best[l] : top;
  return top;
}

// The quantisation step Save() writes weights with: the largest magnitude is 32767 steps.
float QuantizationScale(const std::vector<float>& dense, const std::vector<float>& sparse_weights) {
  float max_weight = 1e-6f;
  for (float w : dense) max_weight = std::max(max_weight, std::fabs(w));
  for (float w : sparse_weights) max_weight = std::max(max_weight, std::fabs(w));
  return max_weight / 32767.0f;
}

}  // namespace

bool IsInsideClass(std::string_view name) { return name.size() > 2 && name[0] == 'I' && name[1] == '-'; }

bool CanFollow(std::string_view prev, std::string_view next) {
  if (!IsInsideClass(next)) return true;
  if (prev.size() < 3 || prev[1] != '-' || (prev[0] != 'B' && prev[0] != 'I')) return false;
  return prev.substr(2) == next.substr(2);
}

DenseLayout::DenseLayout(const ModelSpec& spec)
    : classes_(static_cast<int>(spec.classes.size())), num_inputs_(static_cast<int>(spec.inputs.size())) {
  const size_t c1 = classes_ + 1;
  size_t next = 1 + c1 + c1 * c1;
  for (int l = 0; l < num_inputs_ && l < kMaxInputLayers; ++l) {
    input_classes_[l] = static_cast<int>(spec.inputs[l].size());
    const size_t k1 = input_classes_[l] + 1;
    input_base_[l] = next;
    next += kNumOffsets * k1 + 2 * k1 * k1 + k1 * c1;
  }
  rows_ = next;
}

int DenseLayout::ActiveRows(const uint8_t* const* inputs, uint32_t i, uint32_t begin, uint32_t end, int t1, int t2,
                            uint32_t* rows) const {
  const size_t c1 = classes_ + 1;
  int n = 0;
  rows[n++] = 0;
  rows[n++] = static_cast<uint32_t>(1 + t1);
  rows[n++] = static_cast<uint32_t>(1 + c1 + t1 * c1 + t2);
  for (int l = 0; l < num_inputs_ && l < kMaxInputLayers; ++l) {
    const int k = input_classes_[l];
    const size_t k1 = k + 1;
    auto at = [&](int64_t j) -> size_t {
      if (j < static_cast<int64_t>(begin) || j >= static_cast<int64_t>(end)) return k;
      const int v = inputs[l][j];
      return v < k ? v : k;
    };
    const size_t base = input_base_[l];
    for (int o = kMinOffset; o <= kMaxOffset; ++o) {
      rows[n++] = static_cast<uint32_t>(base + (o - kMinOffset) * k1 + at(static_cast<int64_t>(i) + o));
    }
    const size_t bi = base + kNumOffsets * k1;
    const size_t here = at(i);
    rows[n++] = static_cast<uint32_t>(bi + at(static_cast<int64_t>(i) - 1) * k1 + here);
    rows[n++] = static_cast<uint32_t>(bi + k1 * k1 + here * k1 + at(static_cast<int64_t>(i) + 1));
    rows[n++] = static_cast<uint32_t>(bi + 2 * k1 * k1 + here * c1 + t1);
  }
  return n;
}

Status Lexicon::AddFile(const std::string& path, int bit) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("lexicon " + path + ": cannot open");
  std::string line, key;
  while (std::getline(in, line)) {
    std::string_view v = TrimAscii(line);
    if (v.empty() || v[0] == '#') continue;
    const size_t tab = v.find('\t');
    if (tab != std::string_view::npos) v = TrimAscii(v.substr(0, tab));
    if (v.empty() || v.find(' ') != std::string_view::npos) continue;  // single words only
    NormalizedLower(v, key);
    words_[key] |= (1u << bit);
  }
  return Status::Ok();
}

LexiconBits Lexicon::Lookup(std::string_view word, std::string& scratch) const {
  if (words_.empty()) return 0;
  NormalizedLower(word, scratch);
  auto it = words_.find(scratch);
  return it == words_.end() ? 0 : it->second;
}

namespace {

SparseRows ToSparseRows(const std::unordered_map<uint64_t, std::vector<std::pair<uint8_t, float>>>& sparse) {
  SparseRows rows;
  rows.keys.reserve(sparse.size());
  rows.ends.reserve(sparse.size());
  for (const auto& [key, row] : sparse) {
    rows.keys.push_back(key);
    rows.pairs.insert(rows.pairs.end(), row.begin(), row.end());
    rows.ends.push_back(static_cast<uint32_t>(rows.pairs.size()));
  }
  return rows;
}

}  // namespace

Model::Model(ModelSpec spec, std::vector<float> dense,
             std::unordered_map<uint64_t, std::vector<std::pair<uint8_t, float>>> sparse)
    : Model(std::move(spec), std::move(dense), ToSparseRows(sparse)) {}

Model::Model(ModelSpec spec, std::vector<float> dense, const SparseRows& sparse)
    : spec_(std::move(spec)), layout_(spec_), dense_(std::move(dense)),
      id_(g_next_model_id.fetch_add(1)) {
  size_t size = 16;
  while (size < 2 * sparse.keys.size()) size *= 2;
  index_.assign(size, Slot{});
  pairs_.reserve(sparse.pairs.size());
  for (size_t f = 0; f < sparse.keys.size(); ++f) {
    const uint32_t first = f == 0 ? 0 : sparse.ends[f - 1];
    if (sparse.ends[f] == first) continue;
    const uint64_t key = sparse.keys[f];
    size_t h = key & (size - 1);
    while (index_[h].key != 0) h = (h + 1) & (size - 1);
    index_[h].key = key;
    index_[h].first = static_cast<uint32_t>(pairs_.size());
    index_[h].count = sparse.ends[f] - first;
    for (uint32_t p = first; p < sparse.ends[f]; ++p) pairs_.push_back(Pair{sparse.pairs[p].first, sparse.pairs[p].second});
    ++feature_count_;
  }
  const int c = num_classes();
  allowed_.assign(static_cast<size_t>(c + 1) * c, 1);
  for (int next = 0; next < c; ++next) {
    if (!IsInsideClass(spec_.classes[next])) continue;
    for (int prev = 0; prev <= c; ++prev) {
      allowed_[prev * c + next] = prev < c && CanFollow(spec_.classes[prev], spec_.classes[next]);
    }
  }
  std::vector<float> sparse_weights;
  sparse_weights.reserve(pairs_.size());
  for (const Pair& p : pairs_) sparse_weights.push_back(p.weight);
  scale_ = QuantizationScale(dense_, sparse_weights);
  for (const Pair& p : pairs_) steps_.push_back(Quantize(p.weight, scale_));
  step_pairs_.reserve(pairs_.size());
  for (size_t p = 0; p < pairs_.size(); ++p) step_pairs_.push_back(StepPair{pairs_[p].cls, static_cast<int16_t>(steps_[p])});
  stride_ = Stride(c);
  padded_dense_.assign(layout_.rows() * stride_, 0);
  for (size_t r = 0; r < layout_.rows(); ++r) {
    for (int k = 0; k < c; ++k) padded_dense_[r * stride_ + k] = Quantize(dense_[r * c + k], scale_);
  }
  mask_.assign((c + 1) * stride_, kForbidden);
  for (int prev = 0; prev <= c; ++prev) {
    for (int next = 0; next < c; ++next) {
      if (allowed_[prev * c + next]) mask_[prev * stride_ + next] = 0;
    }
  }
  // bias (dense row 0) + previous tag (row 1 + t1) + mask, per t1.
  history_rows_.assign((c + 1) * stride_, 0);
  for (int t1 = 0; t1 <= c; ++t1) {
    int32_t* row = history_rows_.data() + t1 * stride_;
    for (size_t k = 0; k < stride_; ++k) {
      row[k] = padded_dense_[k] + padded_dense_[(1 + t1) * stride_ + k] + mask_[t1 * stride_ + k];
    }
  }
  std::string lower;
  start_rows_.resize(kNumOffsets * stride_);
  end_rows_.resize(kNumOffsets * stride_);
  FillWordRows(kSentenceStartWord, start_rows_.data(), lower);
  FillWordRows(kSentenceEndWord, end_rows_.data(), lower);
}

const Model::Slot* Model::Find(uint64_t key) const {
  const size_t mask = index_.size() - 1;
  size_t h = key & mask;
  while (index_[h].key != 0) {
    if (index_[h].key == key) return &index_[h];
    h = (h + 1) & mask;
  }
  return nullptr;
}

void Model::FillWordRows(std::string_view text, int32_t* rows, std::string& lower) const {
  uint64_t feats[kNumOffsets * kMaxWordFeatures];
  int ends[kNumOffsets];
  const int n = AllWordFeatures(text, lexicon.Lookup(text, lower), feats, ends);
  // A new word type's ~35 features are random probes into a table of megabytes:
  // issue them all before waiting for any (the misses then overlap).
  const size_t mask = index_.size() - 1;
  for (int f = 0; f < n; ++f) __builtin_prefetch(&index_[feats[f] & mask]);
  const Slot* slots[kNumOffsets * kMaxWordFeatures];
  for (int f = 0; f < n; ++f) {
    slots[f] = Find(feats[f]);
    if (slots[f] != nullptr) __builtin_prefetch(&step_pairs_[slots[f]->first]);
  }
  std::fill(rows, rows + kNumOffsets * stride_, 0);
  int f = 0;
  for (int o = 0; o < kNumOffsets; ++o) {
    int32_t* row = rows + o * stride_;
    for (; f < ends[o]; ++f) {
      const Slot* slot = slots[f];
      if (slot == nullptr) continue;
      const StepPair* pairs = step_pairs_.data() + slot->first;
      for (uint32_t p = 0; p < slot->count; ++p) row[pairs[p].cls] += pairs[p].step;
    }
  }
}

void Model::Prepare(TagScratch& scratch) const {
  if (scratch.model_id_ == id_) return;
  scratch.model_id_ = id_;
  scratch.keys_.assign(2 * kCacheSets, 0);
  scratch.recent_.assign(kCacheSets, 0);
  scratch.rows_.assign(2 * kCacheSets * kNumOffsets * stride_, 0);
  scratch.window_.assign(kNumOffsets * stride_, 0);
  scratch.score_.assign(stride_, 0);
}

void Model::PrefetchWordRows(uint64_t key, const TagScratch& scratch, int stage) const {
  const size_t entry_values = kNumOffsets * stride_;
  const size_t set = (key >> 17) & (kCacheSets - 1);
  const uint64_t* keys = scratch.keys_.data() + 2 * set;
  if (stage == 0) {
    __builtin_prefetch(keys);
    return;
  }
  for (int way = 0; way < 2; ++way) {
    if (keys[way] != key) continue;
    const char* rows = reinterpret_cast<const char*>(scratch.rows_.data() + (2 * set + way) * entry_values);
    for (size_t b = 0; b < entry_values * sizeof(int32_t); b += 64) __builtin_prefetch(rows + b);
  }
}

const int32_t* Model::WordRows(std::string_view text, uint64_t key, TagScratch& scratch) const {
  const size_t entry_values = kNumOffsets * stride_;
  const size_t set = (key >> 17) & (kCacheSets - 1);
  uint64_t* keys = scratch.keys_.data() + 2 * set;
  int32_t* rows = scratch.rows_.data() + 2 * set * entry_values;
  for (int way = 0; way < 2; ++way) {
    if (keys[way] == key) {
      scratch.recent_[set] = static_cast<uint8_t>(way);
      return rows + way * entry_values;
    }
  }
  const int way = 1 - scratch.recent_[set];  // the least recently used
  scratch.recent_[set] = static_cast<uint8_t>(way);
  keys[way] = key;
  FillWordRows(text, rows + way * entry_values, scratch.lower_);
  return rows + way * entry_values;
}

void Model::Tag(const Document& doc, uint32_t begin, uint32_t end, const uint8_t* const* inputs, uint8_t* out,
                TagScratch& scratch, const uint64_t* word_keys) const {
  const int c = num_classes();
  if (c == 0 || begin >= end) return;
  Prepare(scratch);
  if (word_keys == nullptr) {
    if (scratch.word_keys_.size() < end) scratch.word_keys_.resize(end);
    for (uint32_t j = begin; j < end; ++j) scratch.word_keys_[j] = WordTypeKey(doc.TokenText(j));
    word_keys = scratch.word_keys_.data();
  }
  const size_t stride = stride_;
  // pending[(i - begin) % kNumOffsets] sums the word rows of token i while the
  // words i-2..i+2 are looked up: each word is looked up once, when it enters
  // the window, and adds its row for offset o to the token o places before it.
  int32_t* pending = scratch.window_.data();
  std::fill(pending, pending + kNumOffsets * stride, 0);
  auto add_word = [&](int64_t j) {
    const int32_t* rows = j < static_cast<int64_t>(begin) ? start_rows_.data()
                        : j >= static_cast<int64_t>(end)
                            ? end_rows_.data()
                            : WordRows(doc.TokenText(static_cast<uint32_t>(j)), word_keys[j], scratch);
    for (int o = kMinOffset; o <= kMaxOffset; ++o) {
      const int64_t i = j - o;
      if (i < static_cast<int64_t>(begin) || i >= static_cast<int64_t>(end)) continue;
      AddRow(pending + static_cast<size_t>(i - begin) % kNumOffsets * stride, rows + (o - kMinOffset) * stride, stride);
    }
  };
  for (int64_t j = static_cast<int64_t>(begin) + kMinOffset; j < static_cast<int64_t>(begin) + kMaxOffset; ++j) {
    add_word(j);
  }
  int32_t* score = scratch.score_.data();
  int t1 = c, t2 = c;
  uint32_t dense_rows[kMaxDenseRows];
  // The cache is megabytes: start loading the entries of the words ahead (their
  // key line 8 words ahead, the rows of a cached word 4 words ahead).
  auto prefetch = [&](uint32_t j, int stage) {
    if (j < end) PrefetchWordRows(word_keys[j], scratch, stage);
  };
  for (uint32_t i = begin; i < end; ++i) {
    prefetch(i + kMaxOffset + 8, 0);
    prefetch(i + kMaxOffset + 4, 1);
    add_word(static_cast<int64_t>(i) + kMaxOffset);
    int32_t* words = pending + (i - begin) % kNumOffsets * stride;
    // Dense rows 0 and 1 (bias, previous tag) and the IOB mask are one history row.
    const int n = layout_.ActiveRows(inputs, i, begin, end, t1, t2, dense_rows);
    const int32_t* history = history_rows_.data() + static_cast<size_t>(t1) * stride;
    // One pass over the classes: history + words + the other dense rows, the
    // running maximum, and the words slot cleared for token i + kNumOffsets.
    Lanes top = Lanes{} + std::numeric_limits<int32_t>::min();
    const Lanes zero = Lanes{};
    for (size_t k = 0; k < stride; k += kLanes) {
      Lanes sum = LoadLanes(history + k) + LoadLanes(words + k);
      for (int r = 2; r < n; ++r) sum += LoadLanes(padded_dense_.data() + dense_rows[r] * stride + k);
      std::memcpy(score + k, &sum, sizeof(sum));
      std::memcpy(words + k, &zero, sizeof(zero));
      top = sum > top ? sum : top;
    }
    // The first class with the largest score (as a strict '>' scan would pick).
    const int best = FirstIndexOf(score, stride, MaxLane(top));
    out[i] = static_cast<uint8_t>(best);
    t2 = t1;
    t1 = best;
  }
}

void Model::TagPlain(const Document& doc, uint32_t begin, uint32_t end, const uint8_t* const* inputs,
                     uint8_t* out) const {
  const int c = num_classes();
  std::vector<int32_t> score(c);
  std::string lower;
  uint64_t feats[kMaxWordFeatures];
  uint32_t dense_rows[kMaxDenseRows];
  int t1 = c, t2 = c;
  for (uint32_t i = begin; i < end; ++i) {
    std::fill(score.begin(), score.end(), 0);
    for (int o = kMinOffset; o <= kMaxOffset; ++o) {
      const int64_t j = static_cast<int64_t>(i) + o;
      const std::string_view word = j < static_cast<int64_t>(begin) ? kSentenceStartWord
                                    : j >= static_cast<int64_t>(end) ? kSentenceEndWord
                                                                     : doc.TokenText(static_cast<uint32_t>(j));
      const int n = WordFeatures(word, o, lexicon.Lookup(word, lower), feats);
      for (int f = 0; f < n; ++f) {
        const Slot* slot = Find(feats[f]);
        if (slot == nullptr) continue;
        for (uint32_t p = slot->first; p < slot->first + slot->count; ++p) score[pairs_[p].cls] += steps_[p];
      }
    }
    const int n = layout_.ActiveRows(inputs, i, begin, end, t1, t2, dense_rows);
    for (int r = 0; r < n; ++r) {
      for (int k = 0; k < c; ++k) score[k] += Quantize(dense_[dense_rows[r] * c + k], scale_);
    }
    int best = -1;
    for (int k = 0; k < c; ++k) {
      if (allowed_[t1 * c + k] && (best < 0 || score[k] > score[best])) best = k;
    }
    out[i] = static_cast<uint8_t>(best);
    t2 = t1;
    t1 = best;
  }
}

Status Model::Save(const std::string& path, float prune) const {
  const int c = num_classes();
  const float scale = scale_;

  std::vector<const Slot*> slots;
  for (const Slot& s : index_) {
    if (s.key != 0) slots.push_back(&s);
  }
  std::sort(slots.begin(), slots.end(), [](const Slot* a, const Slot* b) { return a->key < b->key; });
  std::string features;
  uint32_t kept = 0;
  for (const Slot* s : slots) {
    std::string row;
    uint32_t n = 0;
    for (uint32_t p = s->first; p < s->first + s->count; ++p) {
      if (std::fabs(pairs_[p].weight) < prune) continue;
      const int16_t q = Quantize(pairs_[p].weight, scale);
      if (q == 0) continue;
      row.push_back(static_cast<char>(pairs_[p].cls));
      PutI16(row, q);
      ++n;
    }
    if (n == 0) continue;
    PutU64(features, s->key);
    features.push_back(static_cast<char>(n));
    features += row;
    ++kept;
  }

  std::string body(kMagic);
  body += "kind=" + spec_.kind + "\n";
  body += "classes=" + Join(spec_.classes) + "\n";
  for (size_t l = 0; l < spec_.inputs.size(); ++l) body += "input=" + Join(spec_.inputs[l]) + "\n";
  for (const auto& [bit, file] : lexicon_files) body += "lexicon=" + std::to_string(bit) + " " + file + "\n";
  char scale_text[64];
  std::snprintf(scale_text, sizeof(scale_text), "%.9g", scale);
  body += "scale=" + std::string(scale_text) + "\n";
  body += "dense_rows=" + std::to_string(layout_.rows()) + "\n";
  body += "features=" + std::to_string(kept) + "\n\n";
  for (float w : dense_) PutI16(body, Quantize(w, scale));
  body += features;
  PutU32(body, static_cast<uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(body.data()), body.size())));

  gzFile gz = gzopen(path.c_str(), "wb9");
  if (gz == nullptr) return Status::IoError(path + ": cannot write");
  const int written = gzwrite(gz, body.data(), static_cast<unsigned>(body.size()));
  const int closed = gzclose(gz);
  if (written != static_cast<int>(body.size()) || closed != Z_OK) return Status::IoError(path + ": write failed");
  (void)c;
  return Status::Ok();
}

Result<std::unique_ptr<Model>> Model::Load(const std::string& path, const std::string& data_dir) {
  auto fail = [&](const std::string& why) { return Status::Corruption("tagger model " + path + ": " + why); };
  gzFile gz = gzopen(path.c_str(), "rb");
  if (gz == nullptr) return Status::NotFound("tagger model " + path + ": cannot open (missing?)");
  std::string data;
  char buf[1 << 16];
  int got;
  while ((got = gzread(gz, buf, sizeof(buf))) > 0) data.append(buf, got);
  const bool read_error = got < 0;
  gzclose(gz);
  if (read_error) return fail("not a readable gzip file");
  if (data.size() < kMagic.size() + 4 || data.compare(0, kMagic.size(), kMagic) != 0) {
    return fail("not a tagger model (bad magic or version)");
  }
  Reader crc_reader{std::string_view(data).substr(data.size() - 4)};
  const uint32_t stored_crc = static_cast<uint32_t>(crc_reader.Get(4));
  if (stored_crc != static_cast<uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(data.data()), data.size() - 4))) {
    return fail("checksum mismatch (truncated or corrupt)");
  }
  ModelSpec spec;
  std::vector<std::pair<int, std::string>> lexicons;
  float scale = 0;
  size_t dense_rows = 0, features = 0;
  size_t pos = kMagic.size();
  while (true) {
    const size_t nl = data.find('\n', pos);
    if (nl == std::string::npos) return fail("header not terminated");
    const std::string_view line(data.data() + pos, nl - pos);
    pos = nl + 1;
    if (line.empty()) break;
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos) return fail("bad header line '" + std::string(line) + "'");
    const std::string_view key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "kind") spec.kind = value;
    else if (key == "classes") spec.classes = Split(value);
    else if (key == "input") spec.inputs.push_back(Split(value));
    else if (key == "scale") scale = std::strtof(std::string(value).c_str(), nullptr);
    else if (key == "dense_rows") dense_rows = std::strtoull(std::string(value).c_str(), nullptr, 10);
    else if (key == "features") features = std::strtoull(std::string(value).c_str(), nullptr, 10);
    else if (key == "lexicon") {
      const size_t sp = value.find(' ');
      if (sp == std::string_view::npos) return fail("bad lexicon line");
      lexicons.emplace_back(std::atoi(std::string(value.substr(0, sp)).c_str()), std::string(value.substr(sp + 1)));
    }
  }
  if (spec.classes.empty() || spec.classes.size() >= kMaxClasses || spec.inputs.size() > kMaxInputLayers ||
      !(scale > 0)) {
    return fail("bad header (classes, inputs or scale)");
  }
  for (const auto& in : spec.inputs) {
    if (in.empty() || in.size() >= kMaxClasses) return fail("bad input layer");
  }
  const DenseLayout layout(spec);
  if (layout.rows() != dense_rows) return fail("dense rows do not match the classes");
  const size_t c = spec.classes.size();
  Reader r{std::string_view(data).substr(0, data.size() - 4), pos};
  std::vector<float> dense(dense_rows * c);
  for (float& w : dense) w = static_cast<int16_t>(r.Get(2)) * scale;
  // Save() writes each feature once, sorted by hash: read the rows straight
  // into one block (no per-feature allocation; start-up cost).
  SparseRows sparse;
  if (features > r.data.size() / 9) return fail("truncated or trailing bytes");
  sparse.keys.reserve(features);
  sparse.ends.reserve(features);
  sparse.pairs.reserve((r.data.size() - r.pos) / 3);
  for (size_t f = 0; f < features && r.ok; ++f) {
    const uint64_t key = r.Get(8);
    const int n = static_cast<int>(r.Get(1));
    if (!sparse.keys.empty() && key <= sparse.keys.back()) return fail("features not sorted by hash");
    for (int p = 0; p < n && r.ok; ++p) {
      const uint8_t cls = static_cast<uint8_t>(r.Get(1));
      const float w = static_cast<int16_t>(r.Get(2)) * scale;
      if (cls >= c) return fail("class id out of range");
      sparse.pairs.emplace_back(cls, w);
    }
    sparse.keys.push_back(key);
    sparse.ends.push_back(static_cast<uint32_t>(sparse.pairs.size()));
  }
  if (!r.ok || r.pos != r.data.size()) return fail("truncated or trailing bytes");
  auto model = std::make_unique<Model>(std::move(spec), std::move(dense), std::move(sparse));
  for (const auto& [bit, file] : lexicons) {
    if (bit < 0 || bit >= 32) return fail("lexicon bit out of range");
    TIES_RETURN_IF_ERROR(model->lexicon.AddFile(data_dir + "/" + file, bit));
  }
  model->lexicon_files = std::move(lexicons);
  return model;
}

}  // namespace ties::tagger

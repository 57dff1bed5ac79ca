// corpus.h: labelled training documents (CoNLL-2003 style JSONL) as ties
// Documents, and the scores the trainer reports.
//
// The CoNLL text is pre-tokenised ("Germany 's", "do n't", "( BSE )"). To
// train on what the tagger meets in news, each document's gold tokens are
// joined again as an English writer would (no space before , . 's n't ) and
// the like, none after ( and an opening quote), that text is cut by ties's own
// tokenizer, and each ties token takes the labels of the gold token it starts
// in: a ties token holding several gold tokens ("don't") takes the first's
// labels, and the later pieces of a gold token that ties splits take I- chunk
// and name tags. Sentences are the gold sentences.
#ifndef TIES_TAGGER_CORPUS_H_
#define TIES_TAGGER_CORPUS_H_

#include <string>
#include <string_view>
#include <vector>

#include "ties/document.h"
#include "ties/status.h"

namespace ties::tagger {

// The three label layers a CoNLL token carries.
enum class Layer { kPos = 0, kChunk = 1, kNer = 2 };

struct LabeledDocument {
  Document doc;                                 // re-joined text, ties tokens, gold sentences
  std::vector<std::string> labels[3];           // per ties token, by Layer
};

// Reads one JSON object a line: {"id", "text", "sentences": [[s, e]...],
// "tokens": [[s, e, POS, CHUNK, NER]...]} with byte offsets. Fails with the
// path and line of the first bad record.
Result<std::vector<LabeledDocument>> ReadConllJsonl(const std::string& path);

// Builds one document from tokens given as (text, POS, CHUNK, NER) per
// sentence, through the same re-joining and alignment (tests, tiny corpora).
struct GoldToken {
  std::string text, pos, chunk, ner;
};
LabeledDocument MakeLabeledDocument(std::string id, const std::vector<std::vector<GoldToken>>& sentences);

// The fixed held-out tenth: documents whose id ends in a number n with
// n % 10 == 9 (else a hash of the id). Never trained on by default.
bool IsHeldOut(std::string_view id);

// Span scores over IOB labels (exact type and boundaries), and token accuracy.
struct Scores {
  size_t tokens = 0, correct = 0;        // accuracy counts
  size_t gold_spans = 0, predicted_spans = 0, matched_spans = 0;
  double Accuracy() const { return tokens ? static_cast<double>(correct) / tokens : 0; }
  double Precision() const { return predicted_spans ? static_cast<double>(matched_spans) / predicted_spans : 0; }
  double Recall() const { return gold_spans ? static_cast<double>(matched_spans) / gold_spans : 0; }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  // Adds one sentence. `type_filter`, when not empty, keeps only spans of that type.
  void Add(const std::vector<std::string_view>& gold, const std::vector<std::string_view>& predicted,
           std::string_view type_filter = {});
};

}  // namespace ties::tagger

#endif  // TIES_TAGGER_CORPUS_H_

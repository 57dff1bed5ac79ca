// tone_stage.cc: the "tone" stage: GDELT-style tone per article and per quote.
//
// Each word (token that is not punctuation or a number) is looked up in the
// lexicon data/<lang>/tone/tone.tsv (exact words and prefixes "cooperat*").
// Negation is local: a negator ("not", "never", "n't", "without") flips the
// positive/negative class of the next kNegationWindow words of its own sentence
// and stops at punctuation, so one "not" never flips the rest of the document;
// "not only" / "not just" do not negate. The seven values follow GDELT's V2Tone:
//   positive  = 100 * positive words / words
//   negative  = 100 * negative words / words
//   tone      = positive - negative
//   polarity  = positive + negative
//   activity  = 100 * activity words / words
//   self_group= 100 * self/group pronouns / words
//   word_count= words
// Quote tones are computed the same way over the tokens inside each quote span.
#include "extract/tone/tone_stage.h"

#include <algorithm>
#include <unordered_map>

#include "extract/events/lexicon.h"

namespace ties {

namespace {

constexpr int kNegationWindow = 3;
constexpr size_t kMinPrefix = 3;

enum ToneClass : uint8_t { kPos = 1, kNeg = 2, kActive = 4, kSelf = 8, kNegator = 16 };

class ToneStage : public Stage {
 public:
  std::string_view Name() const override { return "tone"; }
  uint32_t Requires() const override { return kFieldTokens | kFieldSentences; }
  uint32_t Assigns() const override { return kFieldTone; }

  Status Load(const std::string& data_dir) {
    return lex::ReadTsv(data_dir + "/en/tone/tone.tsv", [&](const std::vector<std::string_view>& cols, int) {
      if (cols.size() < 2) return Status::ParseError("expected class and words");
      uint8_t cls = cols[0] == "pos" ? kPos : cols[0] == "neg" ? kNeg : cols[0] == "active" ? kActive
                  : cols[0] == "self" ? kSelf : cols[0] == "negator" ? kNegator : 0;
      if (cols[0] == "intensifier") return Status::Ok();
      if (cls == 0) return Status::ParseError("unknown class " + std::string(cols[0]));
      for (std::string_view w : lex::Split(cols[1], '|')) {
        if (w.back() == '*') {
          w.remove_suffix(1);
          if (w.size() < kMinPrefix) return Status::ParseError("prefix too short: " + std::string(w));
          prefixes_[std::string(w)] |= cls;
          max_prefix_ = std::max(max_prefix_, w.size());
        } else {
          words_[std::string(w)] |= cls;
        }
      }
      return Status::Ok();
    });
  }

  Status Process(Document& doc) const override {
    doc.tone = Tone{};
    doc.quote_tones.clear();
    if (doc.tokens.empty()) return Status::Ok();
    std::vector<std::string> lower;
    lex::LowerTokens(doc, &lower);
    // Per token: its classes after negation (0 for punctuation and numbers, 0x80 marks a word).
    std::vector<uint8_t> cls(doc.tokens.size(), 0);
    uint32_t sentence_end = 0;
    size_t sentence_idx = 0;
    int negated_left = 0;
    for (uint32_t i = 0; i < doc.tokens.size(); ++i) {
      while (sentence_idx < doc.sentences.size() && doc.sentences[sentence_idx].end_token <= i) ++sentence_idx;
      const uint32_t end = sentence_idx < doc.sentences.size() ? doc.sentences[sentence_idx].end_token : 0;
      if (end != sentence_end) {
        sentence_end = end;
        negated_left = 0;  // negation never crosses a sentence
      }
      const Token& t = doc.tokens[i];
      if (t.Has(kTokPunct) || t.Has(kTokDigit)) {
        negated_left = 0;
        continue;
      }
      uint8_t c = Lookup(lower[i]);
      const std::string& w = lower[i];
      if (w.size() > 3 && w.compare(w.size() - 3, 3, "n't") == 0) c |= kNegator;  // "didn't
      if (negated_left > 0) {
        --negated_left;
        const uint8_t polarity = c & (kPos | kNeg);
        if (polarity == kPos) c = (c & ~kPos) | kNeg;
        else if (polarity == kNeg) c = (c & ~kNeg) | kPos;
      }
      if ((c & kNegator) &&
          !(i + 1 < lower.size() && (lower[i + 1] == "only" || lower[i + 1] == "just" || lower[i + 1] == "doubt"))) {
        negated_left = kNegationWindow;
      }
      cls[i] = static_cast<uint8_t>(c | 0x80);
    }
    doc.tone = Summarize(cls, 0, static_cast<uint32_t>(cls.size()));
    doc.quote_tones.reserve(doc.quotes.size());
    for (const Quote& q : doc.quotes) {
      // Tokens inside the quote span (tokens are sorted by offset).
      auto first = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), q.span.begin,
                                    [](const Token& t, uint32_t off) { return t.span.begin < off; });
      auto last = std::lower_bound(first, doc.tokens.end(), q.span.end,
                                   [](const Token& t, uint32_t off) { return t.span.end <= off; });
      doc.quote_tones.push_back(Summarize(cls, static_cast<uint32_t>(first - doc.tokens.begin()),
                                          static_cast<uint32_t>(last - doc.tokens.begin())));
    }
    return Status::Ok();
  }

 private:
  uint8_t Lookup(const std::string& w) const {
    uint8_t c = 0;
    auto it = words_.find(w);
    if (it != words_.end()) c |= it->second;
    if (!prefixes_.empty()) {
      std::string prefix;
      for (size_t len = std::min(w.size(), max_prefix_); len >= kMinPrefix; --len) {
        prefix.assign(w, 0, len);
        auto p = prefixes_.find(prefix);
        if (p != prefixes_.end()) {
          c |= p->second;
          break;  // the longest prefix decides
        }
      }
    }
    return c;
  }

  static Tone Summarize(const std::vector<uint8_t>& cls, uint32_t begin, uint32_t end) {
    uint32_t words = 0, pos = 0, neg = 0, active = 0, self = 0;
    for (uint32_t i = begin; i < end; ++i) {
      const uint8_t c = cls[i];
      if (!(c & 0x80)) continue;
      ++words;
      pos += (c & kPos) ? 1 : 0;
      neg += (c & kNeg) ? 1 : 0;
      active += (c & kActive) ? 1 : 0;
      self += (c & kSelf) ? 1 : 0;
    }
    Tone tone;
    tone.word_count = words;
    if (words == 0) return tone;
    const double scale = 100.0 / words;
    tone.positive = pos * scale;
    tone.negative = neg * scale;
    tone.tone = tone.positive - tone.negative;
    tone.polarity = tone.positive + tone.negative;
    tone.activity = active * scale;
    tone.self_group = self * scale;
    return tone;
  }

  std::unordered_map<std::string, uint8_t> words_;
  std::unordered_map<std::string, uint8_t> prefixes_;
  size_t max_prefix_ = 0;
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeToneStage(const StageOptions& options) {
  auto stage = std::make_unique<ToneStage>();
  Status st = stage->Load(options.data_dir);
  if (!st.ok()) return st;
  return std::unique_ptr<Stage>(std::move(stage));
}

}  // namespace ties

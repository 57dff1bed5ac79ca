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

#include "common/data_file.h"
#include "common/text_util.h"
#include "lexicon/words.h"

namespace ties {

namespace {

constexpr int kNegationWindow = 3;
constexpr size_t kMinPrefix = 3;

// kCancelsNegation: after a negator, this word cancels it ("not only", "no doubt").
enum ToneClass : uint8_t { kPos = 1, kNeg = 2, kActive = 4, kSelf = 8, kNegator = 16, kCancelsNegation = 32 };

class ToneStage : public Stage {
 public:
  std::string_view Name() const override { return "tone"; }
  // doc.quotes is an optional input: with the quotes stage before it, each quote gets its tone
  // (quote_tones); without it (`--stages segment,tone`) there are none to score.
  uint32_t Requires() const override { return kFieldTokens | kFieldSentences; }
  uint32_t Assigns() const override { return kFieldTone; }

  Status Load(const std::string& data_dir) {
    return ReadTsv(data_dir + "/en/tone/tone.tsv", [&](const std::vector<std::string_view>& cols, int) {
      if (cols.size() < 2) return Status::ParseError("expected class and words");
      uint8_t cls = cols[0] == "pos" ? kPos : cols[0] == "neg" ? kNeg : cols[0] == "active" ? kActive
                  : cols[0] == "self" ? kSelf : cols[0] == "negator" ? kNegator
                  : cols[0] == "cancels_negation" ? kCancelsNegation : 0;
      if (cols[0] == "intensifier") return Status::Ok();
      if (cols[0] == "negator_suffix") {
        for (std::string_view w : SplitList(cols[1], '|')) negator_suffixes_.push_back(AsciiLower(w));
        return Status::Ok();
      }
      if (cls == 0) return Status::ParseError("unknown class " + std::string(cols[0]));
      for (std::string_view w : SplitList(cols[1], '|')) {
        if (w.back() == '*') {
          w.remove_suffix(1);
          if (w.size() < kMinPrefix) return Status::ParseError("prefix too short: " + std::string(w));
          // The entry's class goes on the prefix; every shorter prefix of at least
          // kMinPrefix bytes is marked so the walk in Lookup can stop early.
          const std::string lower = AsciiLower(w);
          for (size_t len = kMinPrefix; len < lower.size(); ++len) {
            words_[PrefixKey(lower.substr(0, len))] |= kMore;
          }
          words_[PrefixKey(lower)] |= static_cast<uint32_t>(cls) << kPrefixShift;
        } else {
          words_[lex::HashWord(AsciiLower(w))] |= cls;
        }
      }
      return Status::Ok();
    });
  }

  Status Process(Document& doc) const override {
    doc.tone = Tone{};
    doc.quote_tones.clear();
    if (doc.tokens.empty()) return Status::Ok();
    const lex::LowerText& lower = lex::LowerText::Shared(doc);
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
      const std::string_view w = lower[i];
      uint8_t c = Lookup(w, lower.hash(i));
      if (HasNegatorSuffix(w)) c |= kNegator;  // "didn't"
      if (negated_left > 0) {
        --negated_left;
        const uint8_t polarity = c & (kPos | kNeg);
        if (polarity == kPos) c = (c & ~kPos) | kNeg;
        else if (polarity == kNeg) c = (c & ~kNeg) | kPos;
      }
      if ((c & kNegator) && !(i + 1 < lower.size() && (words_.Get(lower.hash(i + 1)) & kCancelsNegation))) {
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
  // Prefix keys live in the same map as words, hashed with a distinct seed byte.
  static uint64_t PrefixKey(std::string_view prefix) {
    uint64_t h = (1469598103934665603ull ^ 0xFF) * 1099511628211ull;
    for (unsigned char c : prefix) h = (h ^ c) * 1099511628211ull;
    return h ? h : 1;
  }

  // The word's own classes plus those of its longest listed prefix. The prefix
  // walk extends one byte at a time and stops as soon as no listed prefix
  // continues (most words stop at the first probe).
  uint8_t Lookup(std::string_view w, uint64_t hash) const {
    uint32_t c = words_.Get(hash) & 0xFF;
    if (w.size() < kMinPrefix) return static_cast<uint8_t>(c);
    uint64_t h = (1469598103934665603ull ^ 0xFF) * 1099511628211ull;
    for (size_t k = 0; k < kMinPrefix - 1; ++k) h = (h ^ static_cast<unsigned char>(w[k])) * 1099511628211ull;
    uint32_t prefix_cls = 0;
    for (size_t len = kMinPrefix; len <= w.size(); ++len) {
      h = (h ^ static_cast<unsigned char>(w[len - 1])) * 1099511628211ull;
      const uint32_t* v = words_.Find(h ? h : 1);
      if (!v) break;
      if (*v >> kPrefixShift & 0xFF) prefix_cls = *v >> kPrefixShift & 0xFF;
      if (!(*v & kMore)) break;
    }
    return static_cast<uint8_t>(c | prefix_cls);
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

  static constexpr uint32_t kPrefixShift = 8;
  static constexpr uint32_t kMore = 1u << 16;  // a longer listed prefix starts with this one
  bool HasNegatorSuffix(std::string_view w) const {
    for (const std::string& suffix : negator_suffixes_) {
      if (w.size() > suffix.size() && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0) return true;
    }
    return false;
  }

  std::vector<std::string> negator_suffixes_;  // "n't": a word ending so is a negator ("didn't")
  // Word hash -> classes (bits 0-7); prefix key -> prefix classes (bits 8-15) | kMore.
  lex::WordMap words_;
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeToneStage(const StageOptions& options) {
  auto stage = std::make_unique<ToneStage>();
  Status st = stage->Load(options.data_dir);
  if (!st.ok()) return st;
  return std::unique_ptr<Stage>(std::move(stage));
}

}  // namespace ties

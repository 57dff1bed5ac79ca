// quote_extractor.h: the Extractor that finds the direct and reported quotes of one English
// Document (the algorithm: quotes_stage.cc's header comment), shared by the files that define it:
//   quotes_stage.cc        the token tables, merging, output, and the stage itself
//   quote_speakers.cc      speaker phrases and their resolution (pronouns, nominals, memory)
//   quote_attribution.cc   the attribution of direct quotes and the cue-based reported speech
// Short member functions stay defined in the class so that every file can inline them.
// Not a public interface: include it only from those files.
#ifndef TIES_EXTRACT_QUOTES_QUOTE_EXTRACTOR_H_
#define TIES_EXTRACT_QUOTES_QUOTE_EXTRACTOR_H_

#include "extract/quotes/quotes_stage.h"

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>

#include "common/text_util.h"
#include "extract/quotes/native_speech.h"
#include "extract/quotes/quote_lexicon.h"
#include "extract/quotes/quote_marks.h"
#include "extract/quotes/reported_speech.h"

namespace ties::quote_extraction {

// Unattributed direct quotes shorter than this many words are scare quotes.
inline constexpr uint32_t kMinUnattributedWords = 4;
// A speaker phrase has at most this many tokens.
inline constexpr uint32_t kMaxSpeakerTokens = 12;
// Adverbs and auxiliaries allowed between a speaker and its cue.
inline constexpr uint32_t kMaxSkipTokens = 3;
// "said ... that": the complementiser may follow the cue by this many tokens.
inline constexpr uint32_t kMaxThatDistance = 10;
// Reported content needs at least this many tokens.
inline constexpr uint32_t kMinContentTokens = 3;
// "On July 6, 2015, Sanders said": the comma closing an introductory phrase is within this many tokens.
inline constexpr uint32_t kMaxIntroTokens = 40;
// Without entities, a pronoun looks this many tokens back for a capitalised name.
inline constexpr uint32_t kMaxNameLookback = 400;

inline constexpr int32_t kNone = -1;

struct Speaker {
  bool valid = false;
  uint32_t begin_tok = 0, end_tok = 0;  // token range of the phrase
  int32_t entity = kNone;
  std::string name;
};

struct Attribution {
  bool valid = false;
  uint32_t cue_begin = 0, cue_end = 0;  // token range; empty for inherited
  const CueEntry* cue = nullptr;
  std::string cue_text;  // normalised cue when `cue` is null (colon attributions)
  Speaker speaker;
  bool inherited = false;
};

struct Candidate {
  QuoteKind kind = QuoteKind::kDirect;
  uint32_t first_tok = 0, end_tok = 0;  // content tokens
  Span span;
  Attribution attr;
  bool alive = true;
  int32_t marked = kNone;  // index into marks_ for direct quotes
};

inline bool IsAsciiLetterStart(std::string_view s) {
  return !s.empty() && ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'));
}

class Extractor {
  struct WordMentions {
    std::vector<uint32_t> idx;  // indices into mentions_by_pos_, ascending
    std::vector<int32_t> entity;
  };
  struct RoleMemory {  // remembered speakers matching one role word
    size_t scanned = 0;
    std::vector<uint32_t> idx;
  };

 public:
  Extractor(const QuoteLexicon& lex, Document& doc) : lex_(lex), doc_(doc), toks_(doc.tokens) {}

  void Run() {
    doc_.quotes.clear();
    const uint32_t n = static_cast<uint32_t>(toks_.size());
    if (n == 0) return;
    BuildTables();
    FindMarkedQuotes(doc_, marks_);
    for (const MarkedQuote& m : marks_) {
      for (uint32_t t = m.open_token; t < std::min(n, m.close_token == kNoToken ? m.end_token : m.close_token + 1);
           ++t) {
        in_quote_[t] = 1;
      }
    }
    BuildCueIndexes();
    // Walk the document in text order so that speaker memory (for pronouns
    // and nominals) follows the reading order.
    std::vector<Candidate> directs;
    directs.reserve(marks_.size());
    for (size_t mi = 0; mi < marks_.size(); ++mi) {
      Candidate c;
      c.kind = QuoteKind::kDirect;
      c.first_tok = marks_[mi].first_token;
      c.end_tok = marks_[mi].end_token;
      c.span = marks_[mi].content;
      c.marked = static_cast<int32_t>(mi);
      directs.push_back(c);
    }
    std::vector<Candidate> reported;
    FindReported(reported);
    // Attribute direct quotes, interleaved with reported ones by position so
    // that speaker resolution sees earlier speakers first.
    std::vector<Candidate*> order;
    for (Candidate& c : directs) order.push_back(&c);
    for (Candidate& c : reported) order.push_back(&c);
    std::sort(order.begin(), order.end(),
              [](const Candidate* a, const Candidate* b) { return a->span.begin < b->span.begin; });
    for (Candidate* c : order) {
      if (c->marked != kNone) AttributeDirect(*c);
      if (c->attr.valid) ResolveSpeaker(c->attr.speaker, c->span.begin);
    }
    Merge(directs, reported);
    Inherit(directs, reported);
    Emit(directs, reported);
  }

 private:
  // ---- tables -------------------------------------------------------------

  void BuildTables();

  // After in_quote_ is final: cue counts and the tokens that may end reported content.
  void BuildCueIndexes() {
    const uint32_t n = N();
    cue_prefix_.assign(n + 1, 0);
    for (uint32_t k = 0; k < n; ++k) cue_prefix_[k + 1] = cue_prefix_[k] + (CueAt(k) != nullptr ? 1 : 0);
    next_stop_.assign(n + 1, n);
    for (uint32_t k = n; k-- > 0;) {
      const bool stop = Low(k) == ";" ||
                        (IsComma(k) && k + 1 < n && CueAt(k + 1) != nullptr && cue_[k + 1]->participle);
      next_stop_[k] = stop ? k : next_stop_[k + 1];
    }
  }

  // Mentions (in mentions_by_pos_ order) that begin before byte `pos`.
  size_t MentionsBefore(uint32_t pos) const {
    return static_cast<size_t>(std::lower_bound(mention_begin_.begin(), mention_begin_.end(), pos) -
                               mention_begin_.begin());
  }

  uint32_t N() const { return static_cast<uint32_t>(toks_.size()); }
  bool Punct(uint32_t i) const { return toks_[i].Has(kTokPunct); }
  bool Upper(uint32_t i) const { return toks_[i].Has(kTokUpperInitial); }
  bool Has(uint32_t i, SpeakerWordClass c) const { return (cls_[i] & c) != 0; }
  std::string_view Low(uint32_t i) const { return low_[i]; }
  uint32_t SentBegin(uint32_t i) const { return doc_.sentences.empty() ? 0 : doc_.sentences[sent_[i]].first_token; }
  uint32_t SentEnd(uint32_t i) const {
    return doc_.sentences.empty() ? N() : std::min(N(), doc_.sentences[sent_[i]].end_token);
  }
  bool IsComma(uint32_t i) const { return Low(i) == ","; }
  bool IsDash(uint32_t i) const {
    const std::string_view t = Low(i);
    return t == "--" || t == "\xE2\x80\x94" || t == "\xE2\x80\x93" || t == "-" || t == "\xE2\x80\x95";
  }
  bool IsSentencePunct(uint32_t i) const {
    const std::string_view t = Low(i);
    return t == "." || t == "!" || t == "?" || t == "..." || t == "\xE2\x80\xA6";
  }
  // The dot after "Mr" / "J": part of a name.
  bool IsNameDot(uint32_t i) const {
    if (Low(i) != "." || i == 0 || toks_[i - 1].span.end != toks_[i].span.begin) return false;
    return Has(i - 1, kWordTitle) || (toks_[i - 1].span.size() == 1 && Upper(i - 1)) || IsPartyLabel(i - 1);
  }
  // "R-Ky", "D-Wis" in "McConnell, R-Ky., said" / "Moore (D-Wis.) said": a party letter,
  // a hyphen and a capitalised state abbreviation, one token.
  bool IsPartyLabel(uint32_t i) const {
    const std::string_view t = doc_.View(toks_[i].span);
    return t.size() >= 4 && t.size() <= 7 && t[0] >= 'A' && t[0] <= 'Z' && t[1] == '-' && t[2] >= 'A' && t[2] <= 'Z';
  }
  bool IsPossessive(uint32_t i) const { return Low(i) == "'s" || Low(i) == "\xE2\x80\x99s"; }
  bool IsConnector(uint32_t i) const {
    const std::string_view t = Low(i);
    return t == "of" || t == "for" || t == "and" || t == "&" || t == "de" || t == "al" || t == "bin" ||
           t == "van" || t == "von" || t == "da" || t == "la" || t == "le" || t == "du";
  }
  bool NominalWord(uint32_t i) const {
    return (cls_[i] & (kWordDet | kWordModifier | kWordRole | kWordUnnamed | kWordOrg)) != 0;
  }
  const CueForm* CueAt(uint32_t i) const { return in_quote_[i] ? nullptr : cue_[i]; }
  uint32_t CueLen(uint32_t i) const { return static_cast<uint32_t>(cue_[i]->words.size()); }

  Span TokSpan(uint32_t b, uint32_t e) const { return {toks_[b].span.begin, toks_[e - 1].span.end}; }

  // ---- speaker phrases ----------------------------------------------------

  // The speaker phrase ending just before the cue at `cue_tok` (after skipping
  // adverbs and auxiliaries), not before `limit`. Invalid when none.
  Speaker SpeakerBefore(uint32_t cue_tok, uint32_t limit) const;

  // The speaker phrase starting at `b` ("said the minister", "according to X"),
  // not past `limit`.
  Speaker SpeakerAfter(uint32_t b, uint32_t limit) const;

  // The subject of the main clause of the sentence starting at `sb`, before `limit`.
  Speaker SentenceSubject(uint32_t sb, uint32_t limit) const;

  // ---- speaker resolution -------------------------------------------------

  struct Remembered {
    std::string name;
    std::string phrase_lower;  // the whole phrase, lowercase ("kazakh minister of ... aida balayeva")
    int32_t entity = kNone;
    uint32_t pos = 0;
    bool person = true;
  };

  // The last PERSON mention before `pos` of a compatible gender (prefix table).
  int32_t MostRecentPerson(uint32_t pos, char gender) const {
    const size_t c = MentionsBefore(pos);
    if (c == 0) return kNone;
    return last_person_[gender == 'f' ? 1 : gender == 'm' ? 2 : 0][c - 1];
  }

  int32_t MostRecentOrg(uint32_t pos) const {
    const size_t c = MentionsBefore(pos);
    return c == 0 ? kNone : last_org_[c - 1];
  }

  // The last mention before `pos` in `list` (built once per word).
  int32_t LastBefore(const WordMentions& list, uint32_t pos) const {
    const size_t c = MentionsBefore(pos);
    const auto it = std::lower_bound(list.idx.begin(), list.idx.end(), static_cast<uint32_t>(c));
    return it == list.idx.begin() ? kNone : list.entity[static_cast<size_t>(it - list.idx.begin()) - 1];
  }

  bool RoleMatches(const Remembered& r, std::string_view role_word) const {
    if (!r.person) return false;
    if (r.phrase_lower.find(role_word) != std::string::npos) return true;
    if (r.entity < 0) return false;
    return AsciiLower(doc_.entities[r.entity].role).find(role_word) != std::string::npos;
  }

  // The most recent remembered speaker that fits: indexed when every
  // remembered position is before `pos` (always, as speakers are resolved in
  // text order); else the plain backward scan.
  const Remembered* RecentSpeaker(uint32_t pos, char gender, std::string_view role_word) const;

  const Remembered* RecentSpeakerScan(uint32_t pos, char gender, std::string_view role_word) const;

  void SetEntity(Speaker& sp, int32_t entity) const {
    sp.entity = entity;
    sp.name = doc_.entities[entity].canonical;
  }

  // Fills entity and name of a speaker phrase found at byte `pos`.
  void ResolveSpeaker(Speaker& sp, uint32_t pos);

  // The last ORG mention before `pos` whose name or kind contains `word`.
  int32_t MostRecentOrgWithWord(uint32_t pos, std::string_view word) const;

  // The last PERSON mention before `pos` whose role contains `word`.
  int32_t PersonWithRole(uint32_t pos, std::string_view word) const;

  void ResolvePronoun(Speaker& sp, uint32_t pos);

  // Without entities: the nearest run of two or more capitalised words before
  // token `t` (within three paragraphs and kMaxNameLookback tokens, outside
  // quotes), as a person's name.
  std::string RecentCapitalisedName(uint32_t t) const;

  // "Kazakh Minister of Culture and Information Aida Balayeva" -> "Aida Balayeva";
  // "White House press secretary Josh Earnest" -> "Josh Earnest"; "The New York Post" stays.
  std::string NameFromPhrase(uint32_t b, uint32_t e) const;

  void Remember(const Speaker& sp, std::string_view phrase, uint32_t pos, bool person);

  // ---- attribution of direct quotes -----------------------------------------

  Attribution MakeAttr(uint32_t cue_tok, const Speaker& sp) const {
    Attribution a;
    a.valid = sp.valid;
    a.cue_begin = cue_tok;
    a.cue_end = cue_tok + CueLen(cue_tok);
    a.cue = &lex_.entry(*cue_[cue_tok]);
    a.speaker = sp;
    return a;
  }

  void AttributeDirect(Candidate& c) {
    const MarkedQuote& m = marks_[c.marked];
    if (c.attr.valid) return;
    if (m.close_token != kNoToken) {
      c.attr = AfterQuote(m);
      if (c.attr.valid) return;
    }
    c.attr = BeforeQuote(m);
  }

  // "...," she said / said the minister / Trump told reporters / according to X.
  Attribution AfterQuote(const MarkedQuote& m) const;

  // A paragraph opening with a dash and a name after a quote: "- Hillary Clinton." /
  // "-Michelle Marks, Philadelphia." (the byline convention of quote lists).
  Attribution DashParagraph(uint32_t dash) const;

  bool PunctBetween(uint32_t b, uint32_t e) const {
    for (uint32_t k = b; k < e; ++k) {
      if (Punct(k) && !IsNameDot(k)) return true;
    }
    return false;
  }

  // A run of capitalised words starting at `b` ending before a comma,
  // parenthesis, sentence punctuation or `limit`: "Scott Pruitt", "Edwin G. Monroy".
  Speaker NameRun(uint32_t b, uint32_t limit) const;

  // "said retired neurosurgeon Ben Carson", "said 9/11 widow Terry Strada": up to
  // three lowercase words (or five tokens with joining punctuation: "9/11")
  // describing the capitalised name that follows them.
  bool JoiningPunct(uint32_t u) const {
    return Punct(u) && u > 0 && u + 1 < N() && toks_[u - 1].span.end == toks_[u].span.begin &&
           toks_[u].span.end == toks_[u + 1].span.begin && (Low(u) == "/" || Low(u) == "-");
  }
  Speaker DescribedName(uint32_t b, uint32_t limit) const {
    uint32_t u = b;
    uint32_t joined = 0;
    while (u < limit && u - b < 3 + joined && (!Punct(u) || (u > b && JoiningPunct(u) && ++joined <= 2)) &&
           !Upper(u) && !in_quote_[u] &&
           !(cls_[u] & (kWordPronoun | kWordBarrier | kWordTime)) && CueAt(u) == nullptr) {
      ++u;
    }
    if (u == b || u >= limit || !Upper(u)) return {};
    Speaker sp = NameRun(u, limit);
    if (!sp.valid) return sp;
    sp.begin_tok = b;
    return sp;
  }

  // "the presumptive GOP nominee, Donald Trump, said" (the phrase [b, cue)):
  // the capitalised name between the last two commas before the cue.
  Speaker AppositiveName(uint32_t b, uint32_t cue) const {
    if (cue < b + 4 || !IsComma(cue - 1)) return {};
    uint32_t c = cue - 1;
    while (c > b && !IsComma(c - 1)) --c;
    if (c <= b + 1) return {};
    const Speaker sp = NameRun(c, cue);
    if (!sp.valid || sp.end_tok != cue - 1 || !(mention_at_[c] >= 0 || sp.end_tok - c >= 2)) return {};
    return sp;
  }

  // She said: "..." / he said, "..." / said that the events "have ..." / a colon paragraph.
  Attribution BeforeQuote(const MarkedQuote& m) const;

  // The sentence ending with the colon at `colon` introduces the quote: its
  // subject speaks; the cue is the verb after the subject.
  Attribution ColonAttribution(uint32_t colon) const;

  // ---- reported speech ----------------------------------------------------

  // End of the reported content that starts in a sentence ending at `se`:
  // before the final punctuation, ";" or a participial cue (", adding that").
  uint32_t ContentEnd(uint32_t from, uint32_t se) const;

  uint32_t SkipLeading(uint32_t b, uint32_t e) const {
    while (b < e && toks_[b].span.begin < dateline_end_) ++b;
    while (b < e && (IsComma(b) || IsDash(b) || Low(b) == ":" )) ++b;
    return b;
  }

  bool AddReported(std::vector<Candidate>& out, uint32_t b, uint32_t e, uint32_t cue_tok, const Speaker& sp) {
    b = SkipLeading(b, e);
    if (e <= b || e - b < kMinContentTokens) return false;
    Candidate c;
    c.kind = QuoteKind::kIndirect;
    c.first_tok = b;
    c.end_tok = e;
    c.span = TokSpan(b, e);
    c.attr = MakeAttr(cue_tok, sp);
    out.push_back(std::move(c));
    return true;
  }

  // Skips an indirect object after "told" ("Xinhua", "reporters", "him").
  uint32_t SkipObject(uint32_t i, uint32_t se) const;

  void TryCue(uint32_t k, std::vector<Candidate>& out);

  // After a tail attribution only adjuncts may follow: no new clause.
  bool TailRestOk(uint32_t from, uint32_t se) const {
    for (uint32_t x = from; x < se; ++x) {
      if (IsComma(x) && x + 1 < se && CueAt(x + 1) != nullptr && cue_[x + 1]->participle) return true;
      if (Low(x) == "that" || Low(x) == ";") return false;
      if (x - from > 14) return false;
    }
    return true;
  }

  void FindReported(std::vector<Candidate>& out);

  // ---- merging ------------------------------------------------------------

  static uint32_t Overlap(Span a, Span b) {
    const uint32_t lo = std::max(a.begin, b.begin), hi = std::min(a.end, b.end);
    return hi > lo ? hi - lo : 0;
  }

  void Merge(std::vector<Candidate>& directs, std::vector<Candidate>& reported);

  void Inherit(std::vector<Candidate>& directs, std::vector<Candidate>& reported);

  bool IsPersonSpeaker(const Speaker& sp) const {
    if (sp.entity >= 0) return doc_.entities[sp.entity].type == EntityType::kPerson;
    const uint32_t head = sp.end_tok - 1;
    return !Has(head, kWordUnnamed) && !Has(head, kWordOrg);
  }

  bool CueBetween(uint32_t b, uint32_t e) const { return b < e && cue_prefix_[e] > cue_prefix_[b]; }
  bool OnlyPunctBetween(uint32_t b, uint32_t e) const {
    for (uint32_t k = b; k < e; ++k) {
      if (!Punct(k)) return false;
    }
    return true;
  }
  bool StartsParagraph(uint32_t t) const { return t == 0 || para_[t - 1] != para_[t]; }
  bool OnlyPunctToParagraphEnd(uint32_t b) const {
    for (uint32_t k = b; k < N() && para_[k] == para_[b > 0 ? b - 1 : 0]; ++k) {
      if (!Punct(k)) return false;
    }
    return true;
  }

  void InheritFrom(Candidate& d, const Candidate& from) {
    d.attr = from.attr;
    d.attr.inherited = true;
  }

  // ---- output -------------------------------------------------------------

  uint32_t WordCount(const Candidate& c) const {
    uint32_t words = 0;
    for (uint32_t k = c.first_tok; k < c.end_tok && k < N(); ++k) {
      if (!Punct(k)) ++words;
    }
    return words;
  }

  void Emit(std::vector<Candidate>& directs, std::vector<Candidate>& reported);

  const QuoteLexicon& lex_;
  Document& doc_;
  const std::vector<Token>& toks_;
  std::vector<std::string_view> low_;
  std::vector<uint32_t> cls_;
  std::vector<const CueForm*> cue_;
  std::vector<uint32_t> sent_;
  std::vector<uint32_t> para_;
  std::vector<uint8_t> in_quote_;
  std::vector<int32_t> clause_of_verb_;  // token -> clause whose verb head it is (empty without clauses)
  std::vector<int32_t> mention_at_;
  std::vector<uint32_t> mentions_by_pos_;
  std::vector<MarkedQuote> marks_;
  std::vector<Remembered> memory_;
  uint32_t dateline_end_ = 0;

  // ---- indexes (issue #19) ------------------------------------------------
  std::vector<uint32_t> cue_prefix_;   // cue_prefix_[k]: tokens before k with CueAt != nullptr
  std::vector<uint32_t> next_stop_;    // next_stop_[k]: first e >= k that may end reported content
  std::vector<uint32_t> mention_begin_;       // begin of mentions_by_pos_[i]
  std::vector<int32_t> last_person_[3];       // [any, f-compatible, m-compatible] up to and incl. i
  std::vector<int32_t> last_org_;
  mutable std::unordered_map<std::string, WordMentions> org_word_, person_role_;
  // Remembered speakers: the last person (any / f-compatible / m-compatible), by surname, by role word.
  int32_t mem_person_[3] = {kNone, kNone, kNone};
  uint32_t mem_max_pos_ = 0;
  std::unordered_map<std::string, std::vector<uint32_t>> mem_by_last_word_;
  mutable std::unordered_map<std::string, RoleMemory> mem_by_role_;
};

}  // namespace ties::quote_extraction

#endif  // TIES_EXTRACT_QUOTES_QUOTE_EXTRACTOR_H_

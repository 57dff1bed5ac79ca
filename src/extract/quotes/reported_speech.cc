// reported_speech.cc: "SUBJECT VERB CONTENT" attributions (see reported_speech.h).
#include "extract/quotes/reported_speech.h"

#include <algorithm>

#include "common/data_file.h"
#include "common/text_util.h"

namespace ties {

namespace {

// A subject phrase holds at most this many tokens before its verb.
constexpr uint32_t kMaxSubjectTokens = 10;
// Reported content needs at least this many tokens.
constexpr uint32_t kMinContentTokens = 3;
// An introductory phrase ("On Monday,", "In a statement,") ends by this token.
constexpr uint32_t kMaxIntroTokens = 10;

constexpr int32_t kNone = -1;

bool IsVerbTag(PosTag p) {
  return p == PosTag::kVB || p == PosTag::kVBD || p == PosTag::kVBG || p == PosTag::kVBN || p == PosTag::kVBP ||
         p == PosTag::kVBZ;
}
// An apposition between the subject and its verb holds at most this many tokens.
constexpr uint32_t kMaxAppositionTokens = 16;

// One document's pass: sentence by sentence, in text order.
class SubjectPass {
 public:
  SubjectPass(const QuoteLexicon& cues, const StanceLexicon& stance, Document& doc)
      : cues_(cues), stance_(stance), doc_(doc), toks_(doc.tokens), lower_(lex::LowerText::Shared(doc)) {}

  void Run() {
    const uint32_t n = static_cast<uint32_t>(toks_.size());
    if (n == 0 || doc_.sentences.empty()) return;
    IndexMentions();
    dateline_end_ = doc_.dateline.present() ? doc_.dateline.span.end : 0;
    const size_t existing = doc_.quotes.size();
    size_t qi = 0;
    uint32_t covered_until = 0;  // largest end of the existing quotes that begin before the sentence end
    for (const Sentence& s : doc_.sentences) {
      const uint32_t sb = s.first_token, se = std::min(n, s.end_token);
      if (sb >= se) continue;
      const uint32_t end_byte = toks_[se - 1].span.end;
      while (qi < existing && doc_.quotes[qi].span.begin < end_byte) {
        covered_until = std::max(covered_until, doc_.quotes[qi].span.end);
        ++qi;
      }
      if (covered_until > toks_[sb].span.begin) continue;  // the cue pass found speech here
      TrySentence(sb, se);
    }
    if (doc_.quotes.size() > existing) {
      std::inplace_merge(doc_.quotes.begin(), doc_.quotes.begin() + static_cast<std::ptrdiff_t>(existing),
                         doc_.quotes.end(),
                         [](const Quote& a, const Quote& b) { return a.span.begin < b.span.begin; });
    }
  }

 private:
  bool Punct(uint32_t i) const { return toks_[i].Has(kTokPunct); }
  bool Upper(uint32_t i) const { return toks_[i].Has(kTokUpperInitial); }
  std::string_view Low(uint32_t i) const { return lower_[i]; }
  uint32_t Cls(uint32_t i) const { return cues_.WordClass(lower_.hash(i)); }
  bool IsNameDot(uint32_t i) const {
    if (Low(i) != "." || i == 0 || toks_[i - 1].span.end != toks_[i].span.begin) return false;
    return (Cls(i - 1) & kWordTitle) || (toks_[i - 1].span.size() == 1 && Upper(i - 1));
  }
  bool IsPossessive(uint32_t i) const { return Low(i) == "'s" || Low(i) == "\xE2\x80\x99s"; }
  bool IsSentencePunct(uint32_t i) const {
    const std::string_view t = Low(i);
    return t == "." || t == "!" || t == "?" || t == "..." || t == "\xE2\x80\xA6";
  }

  // Mentions in text order, and the entity whose mention covers each token.
  void IndexMentions() {
    const uint32_t n = static_cast<uint32_t>(toks_.size());
    mention_entity_.assign(n, kNone);
    for (const Mention& m : doc_.mentions) {
      auto it = std::lower_bound(toks_.begin(), toks_.end(), m.span.begin,
                                 [](const Token& t, uint32_t off) { return t.span.end <= off; });
      for (; it != toks_.end() && it->span.begin < m.span.end; ++it) {
        mention_entity_[static_cast<size_t>(it - toks_.begin())] = static_cast<int32_t>(m.entity);
      }
    }
    by_pos_.clear();
    for (uint32_t m = 0; m < doc_.mentions.size(); ++m) by_pos_.push_back(m);
    std::sort(by_pos_.begin(), by_pos_.end(),
              [&](uint32_t a, uint32_t b) { return doc_.mentions[a].span.begin < doc_.mentions[b].span.begin; });
    next_mention_ = 0;
    for (auto& p : last_person_) p = kNone;
  }

  // Advances the "most recent PERSON before byte pos" table (sentences come in order).
  void AdvanceMentions(uint32_t pos) {
    for (; next_mention_ < by_pos_.size(); ++next_mention_) {
      const Mention& m = doc_.mentions[by_pos_[next_mention_]];
      if (m.span.begin >= pos) break;
      const Entity& e = doc_.entities[m.entity];
      if (e.type != EntityType::kPerson) continue;
      const int32_t ent = static_cast<int32_t>(m.entity);
      last_person_[0] = ent;
      if (e.gender == 0 || e.gender == 'f') last_person_[1] = ent;
      if (e.gender == 0 || e.gender == 'm') last_person_[2] = ent;
    }
  }

  struct Verb {
    uint32_t len = 0;
    bool generic = false;  // found by GenericVerbAt
    std::string cue, kind;
  };

  // The stance verb or cue starting at token `k`; len 0 when none.
  Verb VerbAt(uint32_t k, uint32_t se) const {
    Verb v;
    if (Punct(k) || Upper(k)) return v;
    std::string_view words[4];
    size_t count = 0;
    for (uint32_t j = k; j < se && count < 4; ++j) words[count++] = Low(j);
    if (const StanceLexicon::Form* f = stance_.Match(lower_.hash(k), words, count)) {
      v.len = static_cast<uint32_t>(f->words.size());
      v.cue = stance_.normalised(*f);
      v.kind = stance_.kind(*f);
      return v;
    }
    if (const CueForm* f = cues_.MatchCue(lower_.hash(k), words, count)) {
      if (f->participle) return v;  // "saying", "noting": not a finite verb
      // A cue that reports only with "that" (cues.tsv frame t without c) reports nothing without it.
      if (!(cues_.entry(*f).frames & kCueClause)) return v;
      v.len = static_cast<uint32_t>(f->words.size());
      v.cue = cues_.entry(*f).normalised;
      v.kind = stance_.CueKind(v.cue);
    }
    return v;
  }

  // The first token after an introductory phrase ("On Monday, ..."), or `b`.
  uint32_t AfterIntro(uint32_t b, uint32_t se) const {
    const uint32_t c = Cls(b);
    const bool intro = (c & (kWordIntro | kWordTime)) || Low(b) == "in" || Low(b) == "on" || Low(b) == "at";
    if (!intro) return b;
    for (uint32_t k = b + 1; k < se && k - b <= kMaxIntroTokens; ++k) {
      if (Low(k) == ",") return k + 1;
      if (IsSentencePunct(k)) break;
    }
    return b;
  }

  void TrySentence(uint32_t sb, uint32_t se) {
    uint32_t b = sb;
    while (b < se && toks_[b].span.begin < dateline_end_) ++b;
    while (b < se && Punct(b)) ++b;
    if (b >= se) return;
    AdvanceMentions(toks_[b].span.begin);
    if (TrySubjectAt(b, se)) return;
    const uint32_t after = AfterIntro(b, se);
    if (after != b && after < se) {
      TrySubjectAt(after, se);
      return;
    }
    // A sentence opened by a conjunction or connective ("But a campaign aide decided ...").
    if ((Cls(b) & kWordIntro) && b + 1 < se && !Punct(b + 1)) TrySubjectAt(b + 1, se);
  }

  // A verb that no lexicon lists: a lowercase word after an auxiliary ("has
  // been investigating", "will veto"), or one with a finite-verb ending
  // ("vetoed", "rejects"), that is no word of speakers.tsv. Stands in for
  // the part-of-speech tags until the quotes stage reads them.
  Verb GenericVerbAt(uint32_t k) const {
    Verb v;
    if (!toks_[k].Has(kTokAlpha) || Upper(k) || k == 0) return v;
    const uint32_t not_verb = kWordDet | kWordModifier | kWordRole | kWordOrg | kWordUnnamed | kWordDocument |
                              kWordBarrier | kWordTime | kWordIntro | kWordPronoun | kWordTitle | kWordRelative |
                              kWordAux | kWordSkip;
    if (Cls(k) & not_verb) return v;
    const std::string_view w = Low(k);
    const bool after_aux = (Cls(k - 1) & kWordAux) != 0;
    const bool ending = w.size() > 3 && ((w.substr(w.size() - 2) == "ed") ||
                                         (w.back() == 's' && w[w.size() - 2] != 's' && w[w.size() - 2] != 'u' &&
                                          w[w.size() - 2] != 'i'));
    if (!after_aux && !ending) return v;
    // With the tag stage's POS tags, the word must be tagged a verb ("teachers" is not).
    if (!doc_.pos.empty() && !IsVerbTag(doc_.pos[k])) return v;
    // A cue of cues.tsv reports only in its own frames ("highlighted" needs "that").
    const std::string_view one[1] = {w};
    if (cues_.MatchCue(lower_.hash(k), one, 1) != nullptr) return v;
    v.len = 1;
    v.generic = true;
    v.cue = std::string(w);
    v.kind = stance_.CueKind(v.cue);
    return v;
  }

  // "SUBJECT [skip words] VERB CONTENT" with the subject starting at `b`:
  // the first verb after which the words before it name a source.
  bool TrySubjectAt(uint32_t b, uint32_t se) {
    for (uint32_t v = b + 1; v < se && v - b <= kMaxSubjectTokens; ++v) {
      if (in_quote(v)) return false;
      if (Low(v) == ",") {
        // "Clinton, at Monday's debate, cited ...": the verb right after the apposition's closing comma.
        uint32_t c = v + 1;
        while (c < se && c - v <= kMaxAppositionTokens && Low(c) != "," && !IsSentencePunct(c) && !in_quote(c)) ++c;
        if (c >= se || Low(c) != ",") return false;
        uint32_t w = c + 1;
        while (w < se && w - c <= 3 && (Cls(w) & (kWordAux | kWordSkip))) ++w;
        if (w >= se) return false;
        Verb verb = VerbAt(w, se);
        if (verb.len == 0) verb = GenericVerbAt(w);
        if (verb.len == 0) return false;
        return Emit(b, v, verb, se, w);
      }
      if (Punct(v) && !IsNameDot(v) && !IsPossessive(v) && Low(v) != "&") return false;
      Verb verb = VerbAt(v, se);
      if (verb.len == 0) verb = GenericVerbAt(v);
      if (verb.len == 0) continue;
      if (Emit(b, v, verb, se, v)) return true;
    }
    return false;
  }

  // Reports [content after the verb at `v`] with the subject [b, subject_end)
  // (less trailing skip words) when that subject names a source.
  bool Emit(uint32_t b, uint32_t subject_end, const Verb& verb, uint32_t se, uint32_t v) {
    // Skip words and auxiliaries between subject and verb ("also", "has been", adverbs in -ly).
    uint32_t e = subject_end;
    while (e > b + 1 && ((Cls(e - 1) & (kWordSkip | kWordAux)) ||
                         (Low(e - 1).size() > 4 && Low(e - 1).substr(Low(e - 1).size() - 2) == "ly" && !Upper(e - 1)))) {
      --e;
    }
    Speaker sp;
    if (!SourceSubject(b, e, sp)) return false;
    uint32_t c = v + verb.len;
    if (verb.generic && (c >= se || Punct(c))) return false;
    if (c < se && Low(c) == "that") ++c;
    uint32_t ce = c;
    while (ce < se && ce - c < kMaxReportedTokens && Low(ce) != ";") ++ce;
    while (ce > c && (IsSentencePunct(ce - 1) || Low(ce - 1) == "," || Low(ce - 1) == ":")) --ce;
    if (ce <= c || ce - c < kMinContentTokens) return false;
    Quote q;
    q.kind = QuoteKind::kIndirect;
    q.span = {toks_[c].span.begin, toks_[ce - 1].span.end};
    q.speaker_entity = sp.entity;
    q.speaker_name = sp.name;
    q.speaker_span = {toks_[b].span.begin, toks_[e - 1].span.end};
    q.cue_span = {toks_[v].span.begin, toks_[v + verb.len - 1].span.end};
    q.cue = verb.cue;
    q.cue_kind = verb.kind;
    doc_.quotes.push_back(std::move(q));
    return true;
  }

  bool in_quote(uint32_t i) const { return toks_[i].Has(kTokQuote); }

 public:
  // The clause pass (AddClauseAttributions): one attribution per clause whose
  // subject names a source, read from Document::clauses.
  void RunClauses() {
    const std::vector<Clause>& cl = doc_.clauses;
    if (cl.empty() || toks_.empty()) return;
    IndexMentions();
    dateline_end_ = doc_.dateline.present() ? doc_.dateline.span.end : 0;
    ClauseExtents();
    IndexVerbs();
    covered_.assign(toks_.size(), 0);
    for (const Quote& q : doc_.quotes) {
      auto it = std::lower_bound(toks_.begin(), toks_.end(), q.span.begin,
                                 [](const Token& t, uint32_t off) { return t.span.end <= off; });
      for (; it != toks_.end() && it->span.begin < q.span.end; ++it) covered_[static_cast<size_t>(it - toks_.begin())] = 1;
    }
    std::vector<Quote> added;
    for (uint32_t c = 0; c < cl.size(); ++c) {
      AdvanceMentions(toks_[ClauseStart(c)].span.begin);
      TryClause(c, added);
    }
    IndexMentions();
    AccordingToTails(added);
    if (added.empty()) return;
    const size_t existing = doc_.quotes.size();
    for (Quote& q : added) doc_.quotes.push_back(std::move(q));
    std::stable_sort(doc_.quotes.begin() + static_cast<std::ptrdiff_t>(existing), doc_.quotes.end(),
                     [](const Quote& a, const Quote& b) { return a.span.begin < b.span.begin; });
    std::inplace_merge(doc_.quotes.begin(), doc_.quotes.begin() + static_cast<std::ptrdiff_t>(existing),
                       doc_.quotes.end(),
                       [](const Quote& a, const Quote& b) { return a.span.begin < b.span.begin; });
  }

 private:
  // The first token of clause `c`: its own subject, its opener or its verb.
  uint32_t ClauseStart(uint32_t c) const {
    const Clause& k = doc_.clauses[c];
    uint32_t start = k.verb.begin;
    if (!k.subject.empty() && !k.subject_inherited) start = std::min(start, k.subject.begin);
    if (k.boundary != kNoToken) start = std::min(start, k.boundary);
    return start;
  }

  // extent_end_[c]: the token where clause c and everything it governs end (the
  // start of the next clause that it does not govern, or its sentence end);
  // subtree_end_[c]: the index of that clause. Clauses come in text order and a
  // clause's parent precedes it, so one stack pass finds both.
  void ClauseExtents() {
    const std::vector<Clause>& cl = doc_.clauses;
    extent_end_.assign(cl.size(), 0);
    subtree_end_.assign(cl.size(), static_cast<uint32_t>(cl.size()));
    std::vector<uint32_t> open;
    const uint32_t n = static_cast<uint32_t>(toks_.size());
    auto close_all = [&](uint32_t at_clause) {
      for (uint32_t o : open) {
        const Sentence& s = doc_.sentences[cl[o].sentence];
        extent_end_[o] = std::min(n, s.end_token);
        subtree_end_[o] = at_clause;
      }
      open.clear();
    };
    for (uint32_t j = 0; j < cl.size(); ++j) {
      if (!open.empty() && cl[open.back()].sentence != cl[j].sentence) close_all(j);
      const int64_t parent = cl[j].parent;
      while (!open.empty() && static_cast<int64_t>(open.back()) > parent) {
        extent_end_[open.back()] = ClauseStart(j);
        subtree_end_[open.back()] = j;
        open.pop_back();
      }
      open.push_back(j);
    }
    close_all(static_cast<uint32_t>(cl.size()));
  }

  // verb_clause_[t]: the clause whose verb group holds token t, -1 otherwise.
  void IndexVerbs() {
    verb_clause_.assign(toks_.size(), kNone);
    for (uint32_t c = 0; c < doc_.clauses.size(); ++c) {
      const Clause& k = doc_.clauses[c];
      for (uint32_t t = k.verb.begin; t < k.verb.end && t < toks_.size(); ++t) verb_clause_[t] = static_cast<int32_t>(c);
    }
  }

  // The existing quote whose span holds byte `pos`, or -1 (quotes are in text order).
  int32_t QuoteAt(uint32_t pos) const {
    const auto& qs = doc_.quotes;
    auto it = std::upper_bound(qs.begin(), qs.end(), pos, [](uint32_t p, const Quote& q) { return p < q.span.begin; });
    // Disjoint spans except nested ones: look back a few quotes for one that still covers pos.
    for (int back = 0; back < 3 && it != qs.begin(); ++back) {
      --it;
      if (it->span.begin <= pos && pos < it->span.end) return static_cast<int32_t>(it - qs.begin());
    }
    return kNone;
  }
  // Whether an existing quote's cue overlaps tokens [b, e).
  bool CueOfExisting(uint32_t b, uint32_t e) const {
    const uint32_t lo = toks_[b].span.begin, hi = toks_[e - 1].span.end;
    const auto& cues = existing_cues_;
    auto it = std::lower_bound(cues.begin(), cues.end(), lo, [](const Span& s, uint32_t p) { return s.end <= p; });
    return it != cues.end() && it->begin < hi;
  }

  bool Trailing(uint32_t i) const {
    const std::string_view t = Low(i);
    return IsSentencePunct(i) || t == "," || t == ":" || t == ";" || t == "and" || t == "but" || t == "or" ||
           t == "\xE2\x80\x94" || t == "\xE2\x80\x93" || t == "-" || t == "--" || t == "(";
  }

  void TryClause(uint32_t c, std::vector<Quote>& added) {
    const Clause& k = doc_.clauses[c];
    const uint32_t h = k.verb.head;
    if (h == kNoToken || h >= toks_.size() || in_quote(h) || k.subject.empty() || k.passive) return;
    if (toks_[h].span.begin < dateline_end_) return;
    if (CueOfExisting(k.verb.begin, k.verb.end)) return;
    Verb verb = VerbAt(h, std::min<uint32_t>(static_cast<uint32_t>(toks_.size()), h + 4));
    const bool known = verb.len > 0;
    if (!known && !ClauseVerbAt(k, verb)) return;
    // Inside another attribution's content: nested speech only with a speech or stance verb;
    // a clause its cue does not govern is a coordinated attribution that ends the other one.
    const int32_t host = QuoteAt(toks_[h].span.begin);
    bool cut_host = false;
    if (host >= 0) {
      const Quote& q = doc_.quotes[host];
      if (q.kind == QuoteKind::kDirect) return;
      const int32_t qc = q.cue_span.empty() ? kNone : CueClause(q.cue_span);
      const bool governed = qc < 0 || (static_cast<uint32_t>(qc) < c && c < subtree_end_[qc]);
      if (governed && !known) return;
      cut_host = !governed;
    }
    Speaker sp;
    if (!SourceSubject(k.subject.begin, k.subject.end, sp)) return;
    uint32_t cb = std::max(k.verb.end, h + verb.len);
    if (k.particle != kNoToken) cb = std::max(cb, k.particle + 1);
    if (cb < toks_.size() && Low(cb) == "that") ++cb;
    // "told him that ...", "warned reporters that ...": the content starts after "that".
    if (k.args_begin < k.args_end) {
      const ClauseArg& first = doc_.clause_args[k.args_begin];
      const uint32_t after = first.phrase.end;
      if (first.role == ArgRole::kObject && first.phrase.begin == cb && after < extent_end_[c] && Low(after) == "that") {
        cb = after + 1;
      }
    }
    uint32_t ce = std::min(extent_end_[c], cb + kMaxReportedTokens);
    // Reported content stops where an existing quote begins (it has its own attribution).
    for (uint32_t t = cb; t < ce; ++t) {
      if (in_quote(t) || QuoteStartsAt(toks_[t].span.begin)) {
        ce = t;
        break;
      }
    }
    while (ce > cb && Trailing(ce - 1)) --ce;
    if (ce <= cb && known && host < 0 && TailCue(h)) {
      // "Y, officials said.": the content is the sentence before the subject's comma.
      TailContent(k, cb, ce);
    }
    if (ce <= cb || ce - cb < (known ? 1u : 2u)) return;
    if (cut_host) CutHost(doc_.quotes[host], ClauseStart(c));
    Quote q;
    q.kind = QuoteKind::kIndirect;
    q.span = {toks_[cb].span.begin, toks_[ce - 1].span.end};
    q.speaker_entity = sp.entity;
    q.speaker_name = sp.name;
    q.speaker_span = {toks_[k.subject.begin].span.begin, toks_[k.subject.end - 1].span.end};
    q.cue_span = {toks_[h].span.begin, toks_[h + verb.len - 1].span.end};
    q.cue = verb.cue;
    q.cue_kind = verb.kind;
    added.push_back(std::move(q));
  }

  bool TailCue(uint32_t h) const {
    const std::string_view one[1] = {Low(h)};
    const CueForm* f = cues_.MatchCue(lower_.hash(h), one, 1);
    return f != nullptr && !f->participle && (cues_.entry(*f).frames & kCueTail);
  }

  // The first token of sentence `s` that can start content (after the dateline and punctuation).
  uint32_t ContentStart(const Sentence& s) const {
    uint32_t b = s.first_token;
    const uint32_t se = std::min<uint32_t>(static_cast<uint32_t>(toks_.size()), s.end_token);
    while (b < se && (toks_[b].span.begin < dateline_end_ || (Punct(b) && !in_quote(b)))) ++b;
    return b;
  }

  // Content [cb, ce) before the comma that precedes clause k's subject, when no quote covers it.
  void TailContent(const Clause& k, uint32_t& cb, uint32_t& ce) const {
    const uint32_t s0 = k.subject.begin;
    const uint32_t first = ContentStart(doc_.sentences[k.sentence]);
    if (s0 <= first + kMinContentTokens || Low(s0 - 1) != ",") return;
    uint32_t e = s0 - 1;
    while (e > first && Trailing(e - 1)) --e;
    const uint32_t b = std::max(first, e > kMaxReportedTokens ? e - kMaxReportedTokens : 0u);
    if (e <= b || e - b < kMinContentTokens || covered_[b] || covered_[e - 1]) return;
    cb = b;
    ce = e;
  }

  // "Y, according to X.": content before the comma, X the source (up to its comma or the sentence end).
  void AccordingToTails(std::vector<Quote>& added) {
    const uint32_t n = static_cast<uint32_t>(toks_.size());
    for (const Sentence& s : doc_.sentences) {
      const uint32_t first = ContentStart(s), se = std::min(n, s.end_token);
      for (uint32_t i = first + 1; i + 2 < se; ++i) {
        if (Low(i) != "according" || Low(i + 1) != "to" || Low(i - 1) != "," || covered_[i]) continue;
        uint32_t e = i + 2;
        while (e < se && Low(e) != "," && !IsSentencePunct(e) && !in_quote(e) && e - i < kMaxSubjectTokens + 2) ++e;
        uint32_t ce = i - 1;
        while (ce > first && Trailing(ce - 1)) --ce;
        const uint32_t cb = std::max(first, ce > kMaxReportedTokens ? ce - kMaxReportedTokens : 0u);
        if (ce <= cb || ce - cb < kMinContentTokens || covered_[cb] || covered_[ce - 1]) continue;
        AdvanceMentions(toks_[i].span.begin);
        Speaker sp;
        if (!SourceSubject(i + 2, e, sp)) continue;
        Quote q;
        q.kind = QuoteKind::kIndirect;
        q.span = {toks_[cb].span.begin, toks_[ce - 1].span.end};
        q.speaker_entity = sp.entity;
        q.speaker_name = sp.name;
        q.speaker_span = {toks_[i + 2].span.begin, toks_[e - 1].span.end};
        q.cue_span = {toks_[i].span.begin, toks_[i + 1].span.end};
        q.cue = "according to";
        q.cue_kind = stance_.CueKind(q.cue);
        added.push_back(std::move(q));
        break;
      }
    }
  }

  bool QuoteStartsAt(uint32_t byte) const {
    const auto& qs = doc_.quotes;
    auto it = std::lower_bound(qs.begin(), qs.end(), byte, [](const Quote& q, uint32_t p) { return q.span.begin < p; });
    return it != qs.end() && it->span.begin == byte;
  }

  int32_t CueClause(Span cue) const {
    auto it = std::lower_bound(toks_.begin(), toks_.end(), cue.begin,
                               [](const Token& t, uint32_t off) { return t.span.end <= off; });
    for (; it != toks_.end() && it->span.begin < cue.end; ++it) {
      const int32_t c = verb_clause_[static_cast<size_t>(it - toks_.begin())];
      if (c >= 0) return c;
    }
    return kNone;
  }

  // Ends `q` before token `at` (less the conjunction and punctuation before it).
  void CutHost(Quote& q, uint32_t at) const {
    uint32_t e = at;
    while (e > 0 && toks_[e - 1].span.begin >= q.span.begin && Trailing(e - 1)) --e;
    if (e == 0 || toks_[e - 1].span.begin < q.span.begin) return;
    q.span.end = std::min(q.span.end, toks_[e - 1].span.end);
  }

  // A verb of clause_verbs.tsv heading clause `k` as a finite or participle verb
  // ("endorsed", "is seizing on"); fills `verb`.
  bool ClauseVerbAt(const Clause& k, Verb& verb) const {
    const uint32_t h = k.verb.head;
    if (doc_.pos.empty()) return false;
    if (!IsVerbTag(doc_.pos[h])) return false;
    const std::string_view one[1] = {Low(h)};
    const StanceLexicon::Form* f = stance_.MatchClauseVerb(lower_.hash(h), one, 1);
    if (f == nullptr) return false;
    verb.len = 1;
    verb.generic = true;
    verb.cue = f->normalised;
    verb.kind = f->kind;
    return true;
  }

 public:
  std::vector<Span> existing_cues_;

 private:

  struct Speaker {
    int32_t entity = kNone;
    std::string name;
  };

  // Whether tokens [b, e) name a source: a pronoun for a person or group, an
  // entity mention (persons first), or a nominal whose head is a source word.
  bool SourceSubject(uint32_t b, uint32_t e, Speaker& sp) const {
    if (e <= b) return false;
    if (Cls(b) & (kWordIntro | kWordBarrier)) return false;  // "But the union": the subject starts after "But"
    const std::string_view phrase = doc_.View({toks_[b].span.begin, toks_[e - 1].span.end});
    if (e - b == 1 && (Cls(b) & kWordPronoun)) {
      const char g = cues_.PronounGender(Low(b));
      if (g == 'n') return false;  // "it": too often no source
      if (mention_entity_[b] >= 0) return Named(mention_entity_[b], sp);
      if (g == 'f' || g == 'm') {
        const int32_t ent = last_person_[g == 'f' ? 1 : 2];
        if (ent >= 0) return Named(ent, sp);
      }
      sp.name = std::string(phrase);
      return true;
    }
    int32_t person = kNone, other = kNone;
    for (uint32_t k = b; k < e; ++k) {
      const int32_t ent = mention_entity_[k];
      if (ent < 0) continue;
      if (doc_.entities[ent].type == EntityType::kPerson) person = ent;
      else if (doc_.entities[ent].type == EntityType::kOrg || other < 0) other = ent;
    }
    const uint32_t head = Cls(e - 1);
    const bool source_head = (head & (kWordRole | kWordOrg | kWordUnnamed | kWordDocument)) != 0;
    // The last word must be the head of a noun phrase: a name or a source noun.
    const bool head_ok = source_head || Upper(e - 1) || mention_entity_[e - 1] >= 0;
    if (!head_ok) return false;
    // Lowercase words before the head must be determiners, modifiers, source
    // words or connectors ("the top aides of the governor").
    for (uint32_t k = b; k + 1 < e; ++k) {
      if (Upper(k) || Punct(k) || IsPossessive(k) || mention_entity_[k] >= 0) continue;
      const uint32_t c = Cls(k);
      if (c & (kWordDet | kWordModifier | kWordRole | kWordOrg | kWordUnnamed | kWordDocument)) continue;
      if (Low(k) == "of" || Low(k) == "for" || Low(k) == "and") continue;
      if (!doc_.pos.empty()) {  // with POS tags: adjectives, nouns and numbers modify the head ("top black lawmakers")
        const PosTag p = doc_.pos[k];
        if (p == PosTag::kJJ || p == PosTag::kJJR || p == PosTag::kJJS || p == PosTag::kNN || p == PosTag::kNNS ||
            p == PosTag::kCD) {
          continue;
        }
      }
      if (k > b && (Cls(k - 1) & (kWordDet | kWordModifier))) continue;  // "the new poll"
      return false;
    }
    if (person >= 0) return Named(person, sp);
    if (other >= 0 && !(source_head && !Upper(e - 1) && mention_entity_[e - 1] < 0)) return Named(other, sp);
    if (!source_head && mention_entity_[e - 1] < 0) {
      // Capitalised words without an entity: a name only when there are no entities at all.
      if (!doc_.entities.empty()) return false;
    }
    sp.name = std::string(phrase);
    return true;
  }

  bool Named(int32_t entity, Speaker& sp) const {
    sp.entity = entity;
    sp.name = doc_.entities[entity].canonical;
    return true;
  }

  const QuoteLexicon& cues_;
  const StanceLexicon& stance_;
  Document& doc_;
  const std::vector<Token>& toks_;
  const lex::LowerText& lower_;
  uint32_t dateline_end_ = 0;
  std::vector<int32_t> mention_entity_;
  std::vector<uint32_t> by_pos_;
  size_t next_mention_ = 0;
  int32_t last_person_[3] = {kNone, kNone, kNone};
  std::vector<uint32_t> extent_end_, subtree_end_;
  std::vector<int32_t> verb_clause_;
  std::vector<uint8_t> covered_;  // tokens inside a quote of the earlier passes
};

}  // namespace

Status StanceLexicon::FormTable::Load(const std::string& path) {
  StringMap<uint32_t> first_index;
  Status st = ReadTsv(path, [&](const std::vector<std::string_view>& cols, int) {
    if (cols.size() != 3 || cols[0].empty() || cols[1].empty() || cols[2].empty()) {
      return Status::ParseError("expected 3 tab-separated columns");
    }
    for (std::string_view form : SplitList(cols[2], '|')) {
      if (form.empty()) continue;
      Form f;
      f.normalised = std::string(cols[0]);
      f.kind = std::string(cols[1]);
      for (std::string_view w : SplitList(form, ' ')) {
        if (!w.empty()) f.words.push_back(AsciiLower(w));
      }
      auto [it, fresh] = first_index.try_emplace(f.words.front(), static_cast<uint32_t>(by_first.size()));
      if (fresh) by_first.emplace_back();
      by_first[it->second].push_back(std::move(f));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  for (auto& forms : by_first) {
    std::stable_sort(forms.begin(), forms.end(), [](const Form& a, const Form& b) { return a.words.size() > b.words.size(); });
  }
  for (const auto& [word, idx] : first_index) first[lex::HashWord(word)] = idx + 1;
  return Status::Ok();
}

const StanceLexicon::Form* StanceLexicon::FormTable::Match(uint64_t first_hash, const std::string_view* lowered,
                                                           size_t available) const {
  if (available == 0) return nullptr;
  const uint32_t index = first.Get(first_hash);
  if (index == 0) return nullptr;
  for (const Form& form : by_first[index - 1]) {
    if (form.words.size() > available) continue;
    bool match = true;
    for (size_t k = 0; k < form.words.size() && match; ++k) match = (form.words[k] == lowered[k]);
    if (match) return &form;
  }
  return nullptr;
}

Result<StanceLexicon> StanceLexicon::Load(const std::string& dir) {
  StanceLexicon lex;
  Status st = lex.stance_.Load(dir + "/stance.tsv");
  if (!st.ok()) return st;
  st = lex.clause_verbs_.Load(dir + "/clause_verbs.tsv");
  if (!st.ok()) return st;
  st = ReadTsv(dir + "/cue_kinds.tsv", [&](const std::vector<std::string_view>& cols, int) {
    if (cols.size() != 2 || cols[0].empty() || cols[1].empty()) return Status::ParseError("expected CUE<TAB>kind");
    lex.cue_kinds_[std::string(cols[0])] = std::string(cols[1]);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return lex;
}

const std::string& StanceLexicon::CueKind(std::string_view normalised_cue) const {
  const auto it = cue_kinds_.find(normalised_cue);
  return it == cue_kinds_.end() ? statement_ : it->second;
}

void AddSubjectAttributions(const QuoteLexicon& cues, const StanceLexicon& stance, Document& doc) {
  SubjectPass(cues, stance, doc).Run();
}

void AddClauseAttributions(const QuoteLexicon& cues, const StanceLexicon& stance, Document& doc) {
  if (doc.clauses.empty()) return;
  SubjectPass pass(cues, stance, doc);
  for (const Quote& q : doc.quotes) {
    if (!q.cue_span.empty()) pass.existing_cues_.push_back(q.cue_span);
  }
  std::sort(pass.existing_cues_.begin(), pass.existing_cues_.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
  pass.RunClauses();
}

void SetCueKinds(const StanceLexicon& stance, Document& doc) {
  for (Quote& q : doc.quotes) {
    if (q.cue_kind.empty() && !q.cue.empty()) q.cue_kind = stance.CueKind(q.cue);
  }
}

}  // namespace ties

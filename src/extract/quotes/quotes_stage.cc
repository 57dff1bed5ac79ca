// quotes_stage.cc: direct and reported quotes with their speakers and cues.
//
// How it works, in one pass per document over tokens (no regex loops):
//
//  1. Token tables: lowercase text, speaker-word classes (speakers.tsv), the
//     cue that starts at each token (cues.tsv, longest multiword form), the
//     sentence and paragraph of each token, and the entity mention covering it.
//  2. Direct quotes: quotation marks are paired (quote_marks.h). Each quote
//     looks for its attribution right after its closing mark ("...," she said /
//     said the minister / according to X), right before its opening mark (She
//     said: "..." / he said, "..."), inside its own sentence when it is a
//     partial quote (said that the events "have ..."), or in a previous
//     paragraph ending with a colon.
//  3. Reported speech: every cue outside quotation marks is tried against
//     the frames its cues.tsv line allows: a clause after the cue (after
//     "that" when required, after an object for "told X"), a tail attribution
//     ("CONTENT, X said."), "according to X", and participles (", noting that
//     ..." and "Noting that ..., she said").
//  4. Merging: a reported clause whose words are mostly inside quotation marks
//     gives its attribution to the direct quote(s) and is dropped; one that
//     contains a shorter quoted fragment becomes one "mixed" quote that absorbs
//     the fragment. Direct quotes still without speaker inherit, conservatively,
//     the speaker of the adjacent attributed quote of the same paragraph (or of
//     the previous paragraph for a paragraph that is only a quote). Short
//     unattributed quotes (scare quotes) are dropped.
//  5. Speakers: the phrase's entity mention when the entities stage found one;
//     pronouns and nominals resolve to the most recent named speaker of the
//     right kind, else to the most recent PERSON entity; indefinite or generic
//     phrases ("a source", "officials") stay unnamed descriptions.
//
// Cost (issue #19): linear in the tokens up to a log factor, whatever the
// input. Every lookup that used to rescan the document ("the most recent
// PERSON mention before here", "the last remembered speaker with this
// surname", "which direct quotes overlap this clause", "where does this
// reported content end") goes through an index built once per document
// (prefix tables, per-word lists, binary search over quotes in text order),
// so results are exactly those of the plain scans.
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

namespace ties {

namespace {

// Unattributed direct quotes shorter than this many words are scare quotes.
constexpr uint32_t kMinUnattributedWords = 4;
// A speaker phrase has at most this many tokens.
constexpr uint32_t kMaxSpeakerTokens = 12;
// Adverbs and auxiliaries allowed between a speaker and its cue.
constexpr uint32_t kMaxSkipTokens = 3;
// "said ... that": the complementiser may follow the cue by this many tokens.
constexpr uint32_t kMaxThatDistance = 10;
// Reported content needs at least this many tokens.
constexpr uint32_t kMinContentTokens = 3;
// "On July 6, 2015, Sanders said": the comma closing an introductory phrase is within this many tokens.
constexpr uint32_t kMaxIntroTokens = 40;
// Without entities, a pronoun looks this many tokens back for a capitalised name.
constexpr uint32_t kMaxNameLookback = 400;

constexpr int32_t kNone = -1;

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

bool IsAsciiLetterStart(std::string_view s) {
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

  void BuildTables() {
    const uint32_t n = static_cast<uint32_t>(toks_.size());
    // The lowercased tokens shared with the other stages (built once per
    // document); word classes and cues are found by the tokens' hashes.
    const lex::LowerText& lower = lex::LowerText::Shared(doc_);
    low_.resize(n);
    cls_.assign(n, 0);
    for (uint32_t i = 0; i < n; ++i) {
      low_[i] = lower[i];
      cls_[i] = lex_.WordClass(lower.hash(i));
    }
    cue_.assign(n, nullptr);
    for (uint32_t i = 0; i < n; ++i) {
      if (toks_[i].Has(kTokPunct)) continue;
      cue_[i] = lex_.MatchCue(lower.hash(i), &low_[i], n - i);
    }
    sent_.assign(n, 0);
    for (uint32_t s = 0; s < doc_.sentences.size(); ++s) {
      const Sentence& st = doc_.sentences[s];
      for (uint32_t t = st.first_token; t < st.end_token && t < n; ++t) sent_[t] = s;
    }
    para_.assign(n, 0);
    uint32_t p = 0;
    for (uint32_t i = 0; i < n; ++i) {
      if (i > 0 && toks_[i].Has(kTokParagraphBefore)) ++p;
      para_[i] = p;
    }
    in_quote_.assign(n, 0);
    // The clause layer's subject of each verb head ("and said": the first verb's subject).
    clause_of_verb_.assign(doc_.clauses.empty() ? 0 : n, kNone);
    for (uint32_t c = 0; c < doc_.clauses.size(); ++c) {
      const uint32_t h = doc_.clauses[c].verb.head;
      if (h < n) clause_of_verb_[h] = static_cast<int32_t>(c);
    }
    mention_at_.assign(n, kNone);
    for (uint32_t m = 0; m < doc_.mentions.size(); ++m) {
      const Span sp = doc_.mentions[m].span;
      auto it = std::lower_bound(toks_.begin(), toks_.end(), sp.begin,
                                 [](const Token& t, uint32_t off) { return t.span.end <= off; });
      for (; it != toks_.end() && it->span.begin < sp.end; ++it) {
        mention_at_[static_cast<size_t>(it - toks_.begin())] = static_cast<int32_t>(m);
      }
    }
    mentions_by_pos_.resize(doc_.mentions.size());
    for (uint32_t m = 0; m < doc_.mentions.size(); ++m) mentions_by_pos_[m] = m;
    std::sort(mentions_by_pos_.begin(), mentions_by_pos_.end(), [&](uint32_t a, uint32_t b) {
      return doc_.mentions[a].span.begin < doc_.mentions[b].span.begin;
    });
    dateline_end_ = doc_.dateline.present() ? doc_.dateline.span.end : 0;
    const size_t nm = mentions_by_pos_.size();
    mention_begin_.resize(nm);
    for (auto& v : last_person_) v.assign(nm, kNone);
    last_org_.assign(nm, kNone);
    for (size_t i = 0; i < nm; ++i) {
      const Mention& m = doc_.mentions[mentions_by_pos_[i]];
      mention_begin_[i] = m.span.begin;
      for (int g = 0; g < 3; ++g) last_person_[g][i] = i > 0 ? last_person_[g][i - 1] : kNone;
      last_org_[i] = i > 0 ? last_org_[i - 1] : kNone;
      const Entity& e = doc_.entities[m.entity];
      const int32_t ent = static_cast<int32_t>(m.entity);
      if (e.type == EntityType::kPerson) {
        last_person_[0][i] = ent;
        if (e.gender == 0 || e.gender == 'f') last_person_[1][i] = ent;
        if (e.gender == 0 || e.gender == 'm') last_person_[2][i] = ent;
      }
      if (e.type == EntityType::kOrg) last_org_[i] = ent;
    }
  }

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
  Speaker SpeakerBefore(uint32_t cue_tok, uint32_t limit) const {
    Speaker sp;
    uint32_t e = cue_tok;
    uint32_t skipped = 0;
    while (e > limit && skipped < kMaxSkipTokens && !Punct(e - 1) &&
           (Has(e - 1, kWordSkip) ||
            (Low(e - 1).size() > 4 && Low(e - 1).substr(Low(e - 1).size() - 2) == "ly" && !Upper(e - 1)))) {
      --e;
      ++skipped;
    }
    if (e <= limit) return sp;
    const uint32_t last = e - 1;
    if (Punct(last) && !IsNameDot(last)) return sp;
    if (Has(last, kWordPronoun) || Has(last, kWordRelative)) {
      sp.valid = true;
      sp.begin_tok = last;
      sp.end_tok = e;
      return sp;
    }
    if (CueAt(last) != nullptr) return sp;
    // "I laughed and said": the subject of the first verb; the clause layer's when it
    // has one ("rejected the claim that the funds had vanished and said": not "the funds").
    if (Low(last) == "and" && last >= limit + 2 && !Punct(last - 1) && !Upper(last - 1) &&
        !(cls_[last - 1] & (kWordDet | kWordBarrier))) {
      if (cue_tok < clause_of_verb_.size() && clause_of_verb_[cue_tok] >= 0) {
        const Clause& c = doc_.clauses[clause_of_verb_[cue_tok]];
        if (c.subject_inherited && !c.subject.empty() && c.subject.begin >= limit && c.subject.end <= last) {
          sp.valid = true;
          sp.begin_tok = c.subject.begin;
          sp.end_tok = c.subject.end;
          return sp;
        }
      }
      return SpeakerBefore(last - 1, limit);
    }
    uint32_t b = e;
    bool capital_seen = false;
    while (b > limit && e - b < kMaxSpeakerTokens) {
      const uint32_t k = b - 1;
      if (in_quote_[k]) break;
      if (Punct(k)) {
        if (IsNameDot(k) || Low(k) == "&") {
          --b;
          continue;
        }
        // A parenthesis after a name: "Rep. Gwen Moore (D-Wis.) said".
        if (Low(k) == ")") {
          uint32_t open = k;
          while (open > limit && k - open < 6 && Low(open) != "(") --open;
          if (Low(open) == "(" && open > limit && Upper(open - 1)) {
            b = open;
            continue;
          }
        }
        break;
      }
      if (IsPossessive(k)) {
        --b;
        continue;
      }
      if (k != last && CueAt(k) != nullptr) break;
      const bool upper = Upper(k);
      const uint32_t c = cls_[k];
      if (upper) {
        if ((c & (kWordBarrier | kWordIntro)) && !(c & kWordDet)) break;
        if (c & kWordPronoun) break;
        capital_seen = true;
        --b;
        continue;
      }
      if (k == last) {  // the head noun
        if (c & (kWordBarrier | kWordDet)) return sp;
        --b;
        continue;
      }
      if (c & kWordBarrier) break;
      if (NominalWord(k) || IsConnector(k)) {
        --b;
        continue;
      }
      // Adjectives between a determiner and the head ("the central bank").
      if (k > limit && Has(k - 1, kWordDet) && !Punct(k - 1)) {
        --b;
        continue;
      }
      if (k > limit + 1 && Has(k - 2, kWordDet) && !Punct(k - 1) && !Upper(k - 1) && !Has(k - 1, kWordBarrier)) {
        --b;
        continue;
      }
      break;
    }
    // Trim connectors at the left edge ("and the minister" -> "the minister").
    while (b < e && (IsConnector(b) || IsPossessive(b))) ++b;
    if (b >= e) return sp;
    (void)capital_seen;
    sp.valid = true;
    sp.begin_tok = b;
    sp.end_tok = e;
    return sp;
  }

  // The speaker phrase starting at `b` ("said the minister", "according to X"),
  // not past `limit`.
  Speaker SpeakerAfter(uint32_t b, uint32_t limit) const {
    Speaker sp;
    if (b >= limit) return sp;
    if (Has(b, kWordPronoun) && !Punct(b)) {
      sp.valid = true;
      sp.begin_tok = b;
      sp.end_tok = b + 1;
      return sp;
    }
    uint32_t e = b;
    while (e < limit && e - b < kMaxSpeakerTokens) {
      if (in_quote_[e]) break;
      if (Punct(e)) {
        if (e > b && (IsNameDot(e) || Low(e) == "&")) {
          ++e;
          continue;
        }
        break;
      }
      if (e > b && IsPossessive(e)) {
        ++e;
        continue;
      }
      const uint32_t c = cls_[e];
      if (Upper(e)) {
        if ((c & (kWordTime | kWordBarrier | kWordIntro)) && !(c & kWordDet) && e > b) break;
        if ((c & kWordTime) && !(c & kWordDet)) break;
        if (c & kWordPronoun) break;
        if (CueAt(e) != nullptr) break;
        ++e;
        continue;
      }
      if (c & kWordTime) break;
      if (NominalWord(e) || (e > b && IsConnector(e))) {
        ++e;
        continue;
      }
      if (CueAt(e) != nullptr) break;
      // One unknown lowercase word may be the head after a determiner or
      // modifier ("the website", "one questioner").
      if (e > b && (cls_[e - 1] & (kWordDet | kWordModifier)) && !(c & kWordBarrier)) {
        ++e;
        continue;
      }
      break;
    }
    // Trim trailing connectors and determiners.
    while (e > b && (IsConnector(e - 1) || Has(e - 1, kWordDet) || IsPossessive(e - 1))) --e;
    if (e <= b) return sp;
    // A phrase of only lowercase unknown words is no speaker.
    bool ok = false;
    for (uint32_t k = b; k < e; ++k) {
      if (Upper(k) || (cls_[k] & (kWordRole | kWordUnnamed | kWordOrg))) ok = true;
    }
    if (!ok && !(e - b >= 2 && Has(b, kWordDet))) return sp;
    sp.valid = true;
    sp.begin_tok = b;
    sp.end_tok = e;
    return sp;
  }

  // The subject of the main clause of the sentence starting at `sb`, before `limit`.
  Speaker SentenceSubject(uint32_t sb, uint32_t limit) const {
    uint32_t i = sb;
    while (i < limit && toks_[i].span.begin < dateline_end_) ++i;
    while (i < limit && (Punct(i) && !toks_[i].Has(kTokQuote))) ++i;
    if (i >= limit) return {};
    const bool intro = Has(i, kWordIntro) || (Low(i).size() > 4 && Low(i).substr(Low(i).size() - 3) == "ing");
    auto good = [&](const Speaker& sp) {
      return sp.valid && (sp.end_tok >= limit || Punct(sp.end_tok) || CueAt(sp.end_tok) != nullptr ||
                          IsAsciiLetterStart(Low(sp.end_tok)));
    };
    if (!intro) {
      Speaker sp = SpeakerAfter(i, limit);
      return good(sp) ? sp : Speaker{};
    }
    // "On July 6, 2015, Sanders made ...": the first comma followed by a subject and a verb.
    for (uint32_t k = i; k < limit && k - i < kMaxIntroTokens; ++k) {
      if (!IsComma(k) || k + 1 >= limit) continue;
      Speaker sp = SpeakerAfter(k + 1, limit);
      if (good(sp) && sp.end_tok < limit && !Punct(sp.end_tok)) return sp;
    }
    return {};
  }

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
  const Remembered* RecentSpeaker(uint32_t pos, char gender, std::string_view role_word) const {
    if (memory_.empty()) return nullptr;
    if (mem_max_pos_ <= pos) {
      if (role_word.empty()) {
        const int32_t i = mem_person_[gender == 'f' ? 1 : gender == 'm' ? 2 : 0];
        return i == kNone ? nullptr : &memory_[i];
      }
      if (gender != 'f' && gender != 'm') {
        RoleMemory& rm = mem_by_role_[std::string(role_word)];
        for (; rm.scanned < memory_.size(); ++rm.scanned) {
          if (RoleMatches(memory_[rm.scanned], role_word)) rm.idx.push_back(static_cast<uint32_t>(rm.scanned));
        }
        return rm.idx.empty() ? nullptr : &memory_[rm.idx.back()];
      }
    }
    return RecentSpeakerScan(pos, gender, role_word);
  }

  const Remembered* RecentSpeakerScan(uint32_t pos, char gender, std::string_view role_word) const {
    for (auto it = memory_.rbegin(); it != memory_.rend(); ++it) {
      if (it->pos > pos || !it->person) continue;
      if (it->entity >= 0 && (gender == 'f' || gender == 'm')) {
        const char g = doc_.entities[it->entity].gender;
        if (g != 0 && g != gender) continue;
      }
      if (!role_word.empty() && it->phrase_lower.find(role_word) == std::string::npos) {
        if (it->entity < 0) continue;
        const std::string role = AsciiLower(doc_.entities[it->entity].role);
        if (role.find(role_word) == std::string::npos) continue;
      }
      return &*it;
    }
    return nullptr;
  }

  void SetEntity(Speaker& sp, int32_t entity) const {
    sp.entity = entity;
    sp.name = doc_.entities[entity].canonical;
  }

  // Fills entity and name of a speaker phrase found at byte `pos`.
  void ResolveSpeaker(Speaker& sp, uint32_t pos) {
    if (!sp.valid || !sp.name.empty() || sp.entity >= 0) return;
    const uint32_t b = sp.begin_tok, e = sp.end_tok;
    const std::string_view phrase = doc_.View(TokSpan(b, e));
    // 1. A mention of the entities stage inside the phrase (persons first).
    int32_t person = kNone, other = kNone;
    for (uint32_t k = b; k < e; ++k) {
      const int32_t m = mention_at_[k];
      if (m < 0) continue;
      const uint32_t ent = doc_.mentions[m].entity;
      if (doc_.entities[ent].type == EntityType::kPerson) person = static_cast<int32_t>(ent);
      else if (doc_.entities[ent].type == EntityType::kOrg || other < 0) other = static_cast<int32_t>(ent);
    }
    const bool single = e - b == 1;
    if (single && (Has(b, kWordPronoun) || Has(b, kWordRelative))) {
      if (person >= 0 || other >= 0) {
        SetEntity(sp, person >= 0 ? person : other);
        return;
      }
      ResolvePronoun(sp, pos);
      return;
    }
    // "Ethiopian officials", "Chinese diplomats": a nationality or place that
    // only modifies a group noun names an unnamed group, not the country.
    if (person < 0 && other >= 0 && e - b >= 2 && mention_at_[e - 1] < 0 && !Upper(e - 1) &&
        (doc_.entities[other].type == EntityType::kNorp || doc_.entities[other].type == EntityType::kLoc)) {
      sp.name = std::string(phrase);
      return;
    }
    if (person >= 0 || other >= 0) {
      SetEntity(sp, person >= 0 ? person : other);
      Remember(sp, phrase, pos, doc_.entities[sp.entity].type == EntityType::kPerson);
      return;
    }
    // 2. Descriptions: unnamed ("a source", "officials") or nominal ("the minister").
    const uint32_t head = e - 1;
    bool has_upper = false;
    for (uint32_t k = b; k < e; ++k) {
      if (Upper(k) && !(k == b && Has(k, kWordDet))) has_upper = true;
    }
    const std::string_view first = Low(b);
    const bool indefinite = first == "a" || first == "an" || first == "another" || first == "some" ||
                            first == "several" || first == "many" || first == "one" || first == "two" ||
                            first == "three";
    if (!has_upper || Has(head, kWordUnnamed)) {
      if (!indefinite && !Has(head, kWordUnnamed) && (Has(head, kWordRole) || Has(head, kWordOrg))) {
        const bool org = Has(head, kWordOrg);
        if (org) {
          const int32_t ent = MostRecentOrgWithWord(pos, Low(head));
          if (ent >= 0) {
            SetEntity(sp, ent);
            return;
          }
        } else if (const Remembered* r = RecentSpeaker(pos, 0, Low(head))) {
          sp.entity = r->entity;
          sp.name = r->name;
          return;
        } else if (int32_t ent = PersonWithRole(pos, Low(head)); ent >= 0) {
          SetEntity(sp, ent);
          return;
        }
      }
      sp.name = std::string(phrase);
      return;
    }
    // 3. A capitalised name without an entity: keep the name itself.
    sp.name = NameFromPhrase(b, e);
    if (e - b == 1 || sp.name.find(' ') == std::string::npos) {
      // A surname alone: link it to an earlier full name ending with it (the
      // most recent one, found by its last word).
      if (!sp.name.empty() && sp.name.find(' ') == std::string::npos) {
        const auto found = mem_by_last_word_.find(sp.name);
        if (found != mem_by_last_word_.end()) {
          const Remembered& r = memory_[found->second.back()];
          sp.name = r.name;
          sp.entity = r.entity;
        }
      } else for (auto it = memory_.rbegin(); it != memory_.rend(); ++it) {
        const std::string& full = it->name;
        if (full.size() > sp.name.size() + 1 && full.compare(full.size() - sp.name.size(), sp.name.size(), sp.name) == 0 &&
            full[full.size() - sp.name.size() - 1] == ' ') {
          sp.name = full;
          sp.entity = it->entity;
          break;
        }
      }
    }
    Remember(sp, phrase, pos, true);
  }

  // The last ORG mention before `pos` whose name or kind contains `word`.
  int32_t MostRecentOrgWithWord(uint32_t pos, std::string_view word) const {
    auto [it, fresh] = org_word_.try_emplace(std::string(word));
    if (fresh) {
      for (uint32_t i = 0; i < mentions_by_pos_.size(); ++i) {
        const Mention& m = doc_.mentions[mentions_by_pos_[i]];
        const Entity& e = doc_.entities[m.entity];
        if (e.type != EntityType::kOrg) continue;
        if (AsciiLower(e.canonical).find(word) != std::string::npos ||
            AsciiLower(e.org_kind).find(word) != std::string::npos) {
          it->second.idx.push_back(i);
          it->second.entity.push_back(static_cast<int32_t>(m.entity));
        }
      }
    }
    return LastBefore(it->second, pos);
  }

  // The last PERSON mention before `pos` whose role contains `word`.
  int32_t PersonWithRole(uint32_t pos, std::string_view word) const {
    auto [it, fresh] = person_role_.try_emplace(std::string(word));
    if (fresh) {
      for (uint32_t i = 0; i < mentions_by_pos_.size(); ++i) {
        const Mention& m = doc_.mentions[mentions_by_pos_[i]];
        const Entity& e = doc_.entities[m.entity];
        if (e.type == EntityType::kPerson && AsciiLower(e.role).find(word) != std::string::npos) {
          it->second.idx.push_back(i);
          it->second.entity.push_back(static_cast<int32_t>(m.entity));
        }
      }
    }
    return LastBefore(it->second, pos);
  }

  void ResolvePronoun(Speaker& sp, uint32_t pos) {
    const uint32_t t = sp.begin_tok;
    if (Has(t, kWordRelative)) {
      // "said Mr. Kamin, who emphasized": the phrase before the comma.
      if (t >= 2 && IsComma(t - 1)) {
        Speaker ante = SpeakerBefore(t - 1, t >= 14 ? t - 14 : 0);
        if (ante.valid && !(ante.end_tok - ante.begin_tok == 1 && Has(ante.begin_tok, kWordPronoun))) {
          ResolveSpeaker(ante, pos);
          sp.entity = ante.entity;
          sp.name = ante.name;
          return;
        }
      }
      sp.name = std::string(doc_.View(toks_[t].span));
      return;
    }
    const char gender = lex_.PronounGender(Low(t));
    if (gender == 'f' || gender == 'm') {
      if (const Remembered* r = RecentSpeaker(pos, gender, {})) {
        sp.entity = r->entity;
        sp.name = r->name;
        return;
      }
      const int32_t ent = MostRecentPerson(pos, gender);
      if (ent >= 0) {
        SetEntity(sp, ent);
        return;
      }
      if (doc_.entities.empty()) {
        const std::string name = RecentCapitalisedName(t);
        if (!name.empty()) {
          sp.name = name;
          return;
        }
      }
    } else if (gender == 'n') {
      const int32_t ent = MostRecentOrg(pos);
      if (ent >= 0) {
        SetEntity(sp, ent);
        return;
      }
    }
    sp.name = std::string(doc_.View(toks_[t].span));
  }

  // Without entities: the nearest run of two or more capitalised words before
  // token `t` (within three paragraphs and kMaxNameLookback tokens, outside
  // quotes), as a person's name.
  std::string RecentCapitalisedName(uint32_t t) const {
    uint32_t e = t;
    while (e > 0 && para_[t] - para_[e - 1] <= 2 && t - e < kMaxNameLookback) {
      const uint32_t k = e - 1;
      if (in_quote_[k] || !Upper(k) || Punct(k) || (cls_[k] & (kWordIntro | kWordBarrier | kWordDet | kWordPronoun)) ||
          toks_[k].span.begin < dateline_end_ || toks_[k].Has(kTokAllUpper)) {
        --e;
        continue;
      }
      uint32_t b = k;
      while (b > 0 && Upper(b - 1) && !Punct(b - 1) && !in_quote_[b - 1] &&
             !(cls_[b - 1] & (kWordIntro | kWordBarrier | kWordDet | kWordRole)) &&
             !toks_[b - 1].Has(kTokAllUpper)) {
        --b;
      }
      if (k + 1 - b >= 2 && k + 1 - b <= 4) return std::string(doc_.View(TokSpan(b, k + 1)));
      e = b;
    }
    return {};
  }

  // "Kazakh Minister of Culture and Information Aida Balayeva" -> "Aida Balayeva";
  // "White House press secretary Josh Earnest" -> "Josh Earnest"; "The New York Post" stays.
  std::string NameFromPhrase(uint32_t b, uint32_t e) const {
    uint32_t k = e;
    while (k > b && (Upper(k - 1) || IsNameDot(k - 1)) && !Has(k - 1, kWordRole) && !Has(k - 1, kWordTitle)) --k;
    if (k > b && k < e && IsNameDot(k) && Has(k - 1, kWordTitle)) --k;  // "Mr. Kamin"
    if (k > b && k < e) {
      const bool connected = [&] {
        for (uint32_t j = b; j < k; ++j) {
          if (IsConnector(j)) return true;
        }
        return false;
      }();
      if (connected && e - k > 2) k = e - 2;
      // Keep a title directly before the name ("Mr. Kamin").
      return std::string(doc_.View(TokSpan(k, e)));
    }
    uint32_t start = b;
    if (Has(start, kWordDet) && e - start > 1 && !Upper(start)) ++start;
    return std::string(doc_.View(TokSpan(start, e)));
  }

  void Remember(const Speaker& sp, std::string_view phrase, uint32_t pos, bool person) {
    Remembered r;
    r.name = sp.name;
    r.phrase_lower = AsciiLower(phrase);
    r.entity = sp.entity;
    r.pos = pos;
    r.person = person;
    const uint32_t idx = static_cast<uint32_t>(memory_.size());
    mem_max_pos_ = std::max(mem_max_pos_, pos);
    if (person) {
      mem_person_[0] = static_cast<int32_t>(idx);
      const char g = r.entity >= 0 ? doc_.entities[r.entity].gender : 0;
      if (g == 0 || g == 'f') mem_person_[1] = static_cast<int32_t>(idx);
      if (g == 0 || g == 'm') mem_person_[2] = static_cast<int32_t>(idx);
    }
    // Surname index: names whose last space is after their first character.
    const size_t space = r.name.rfind(' ');
    if (space != std::string::npos && space > 0 && space + 1 < r.name.size()) {
      mem_by_last_word_[r.name.substr(space + 1)].push_back(idx);
    }
    memory_.push_back(std::move(r));
  }

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
  Attribution AfterQuote(const MarkedQuote& m) const {
    uint32_t j = m.close_token + 1;
    const uint32_t n = N();
    if (j < n && para_[j] != para_[m.close_token] && IsDash(j)) return DashParagraph(j);
    if (j >= n || para_[j] != para_[m.close_token]) return {};
    if (IsComma(j) || IsDash(j)) ++j;
    if (j >= n || para_[j] != para_[m.close_token] || toks_[j].Has(kTokQuote)) return {};
    uint32_t limit = j;
    while (limit < n && limit - j < 24 && para_[limit] == para_[j] && !toks_[limit].Has(kTokQuote) &&
           !(IsSentencePunct(limit) && !IsNameDot(limit)) && Low(limit) != ";") {
      ++limit;
    }
    // Inverted: cue first.
    uint32_t k = j;
    while (k < limit && Has(k, kWordSkip) && k - j < kMaxSkipTokens) ++k;
    if (k < limit && CueAt(k) != nullptr) {
      const CueEntry& entry = lex_.entry(*cue_[k]);
      if (entry.frames & (kCueDirect | kCuePrep)) {
        Speaker sp = SpeakerAfter(k + CueLen(k), limit);
        if (!sp.valid) sp = DescribedName(k + CueLen(k), limit);
        if (sp.valid) return MakeAttr(k, sp);
      }
    }
    // Speaker first: the first cue within reach whose speaker phrase starts at j.
    const Speaker name_first = NameRun(j, limit);
    uint32_t paren_depth = 0;
    for (k = j; k < limit && k - j <= 30; ++k) {
      if (Low(k) == "(") ++paren_depth;
      if (Low(k) == ")" && paren_depth > 0) --paren_depth;
      // "Rep. Gwen Moore (D-Wis.) said", "Mitch McConnell, R-Ky., said": party labels and hyphenated names.
      const bool label = paren_depth > 0 || (IsDash(k) && k > j && k + 1 < limit && Upper(k - 1) && Upper(k + 1) &&
                                             toks_[k - 1].span.end == toks_[k].span.begin &&
                                             toks_[k].span.end == toks_[k + 1].span.begin);
      if (Punct(k) && !label && !IsNameDot(k) && Low(k) != "&" &&
          !(IsComma(k) && (name_first.valid || (Has(j, kWordDet) && !Has(j, kWordPronoun)))) &&
          Low(k) != "(" && Low(k) != ")") {
        break;
      }
      if (k == j || CueAt(k) == nullptr) continue;
      const CueEntry& entry = lex_.entry(*cue_[k]);
      if (!(entry.frames & (kCueDirect | kCueTail))) continue;
      Speaker sp = SpeakerBefore(k, j);
      if (sp.valid && sp.begin_tok == j) return MakeAttr(k, sp);
      // "a narrator in the Clinton ad asks": a phrase cut by a preposition.
      if (sp.valid && sp.begin_tok - j <= 6 && !(Has(j, kWordPronoun)) &&
          (Upper(j) || Has(j, kWordDet)) && !PunctBetween(j, sp.begin_tok)) {
        sp.begin_tok = j;
        return MakeAttr(k, sp);
      }
      // "Scott Pruitt, the attorney general of Oklahoma, said": the name before the appositive.
      if (name_first.valid) return MakeAttr(k, name_first);
      // "the presumptive GOP nominee, Donald Trump, tweeted": the name in the appositive.
      if (Has(j, kWordDet) && !Has(j, kWordPronoun)) {
        const Speaker apposed = AppositiveName(j, k);
        if (apposed.valid) return MakeAttr(k, apposed);
      }
      break;
    }
    // The attribution dash: "..." -- Name.
    if (IsDash(m.close_token + 1)) {
      const Speaker sp = NameRun(m.close_token + 2, limit);
      if (sp.valid) {
        Attribution a;
        a.valid = true;
        a.cue_begin = m.close_token + 1;
        a.cue_end = m.close_token + 2;
        a.cue_text = "dash";
        a.speaker = sp;
        return a;
      }
    }
    return {};
  }

  // A paragraph opening with a dash and a name after a quote: "- Hillary Clinton." /
  // "-Michelle Marks, Philadelphia." (the byline convention of quote lists).
  Attribution DashParagraph(uint32_t dash) const {
    uint32_t limit = dash + 1;
    while (limit < N() && limit - dash < 8 && para_[limit] == para_[dash]) ++limit;
    const Speaker sp = NameRun(dash + 1, limit);
    if (!sp.valid) return {};
    Attribution a;
    a.valid = true;
    a.cue_begin = dash;
    a.cue_end = dash + 1;
    a.cue_text = "dash";
    a.speaker = sp;
    return a;
  }

  bool PunctBetween(uint32_t b, uint32_t e) const {
    for (uint32_t k = b; k < e; ++k) {
      if (Punct(k) && !IsNameDot(k)) return true;
    }
    return false;
  }

  // A run of capitalised words starting at `b` ending before a comma,
  // parenthesis, sentence punctuation or `limit`: "Scott Pruitt", "Edwin G. Monroy".
  Speaker NameRun(uint32_t b, uint32_t limit) const {
    Speaker sp;
    uint32_t e = b;
    while (e < limit && e - b < 6 && !in_quote_[e] &&
           ((Upper(e) && !Punct(e) && !(cls_[e] & (kWordPronoun | kWordIntro | kWordBarrier | kWordTime))) ||
            (e > b && IsNameDot(e)))) {
      ++e;
    }
    if (e == b) return sp;
    const bool ends_well = e >= limit || IsComma(e) || Low(e) == "(" || IsSentencePunct(e) || para_[e] != para_[b];
    if (!ends_well) return sp;
    sp.valid = true;
    sp.begin_tok = b;
    sp.end_tok = e;
    return sp;
  }

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
  Attribution BeforeQuote(const MarkedQuote& m) const {
    const uint32_t o = m.open_token;
    if (o == 0) return {};
    const uint32_t p = o - 1;
    if (para_[p] != para_[o]) {
      // The previous paragraph ends with a colon: "Sanders made the following comment:".
      if (Low(p) == ":") return ColonAttribution(p);
      return {};
    }
    const uint32_t sb = SentBegin(p);
    const bool lead = Low(p) == ":" || IsComma(p);
    // Nearest cue before the quote in the same sentence (not inside another quote).
    const uint32_t reach = lead ? 20 : 40;
    for (uint32_t k = p + 1; k-- > sb && p - k < reach;) {
      if (in_quote_[k]) {
        if (!lead) continue;
        break;
      }
      if (CueAt(k) == nullptr) continue;
      const CueEntry& entry = lex_.entry(*cue_[k]);
      Speaker sp = SpeakerBefore(k, sb);
      if (!sp.valid && (entry.frames & (kCueDirect | kCuePrep))) {
        Speaker after = SpeakerAfter(k + CueLen(k), p + 1);
        if (after.valid) sp = after;
      }
      if (!sp.valid && cue_[k]->participle) {
        // "..., adding: "..."": the speaker of an earlier cue, else the subject.
        for (uint32_t q = k; q-- > sb && !sp.valid;) {
          if (CueAt(q) != nullptr && !cue_[q]->participle) sp = SpeakerBefore(q, sb);
        }
        if (!sp.valid) sp = SentenceSubject(sb, k);
      }
      if (!sp.valid && lead) {
        // "Rucker Culpepper, who runs ..., said, "..."": the name opening the sentence.
        uint32_t first = sb;
        while (first < k && toks_[first].span.begin < dateline_end_) ++first;
        Speaker name = NameRun(first, k);
        if (name.valid && IsComma(name.end_tok)) sp = name;
        // "In a statement, Brian Fallon, a spokesman for ..., said:": the name after the opener.
        for (uint32_t c = first; !sp.valid && !name.valid && Has(first, kWordIntro) && c < k && c - first < kMaxIntroTokens; ++c) {
          if (!IsComma(c)) continue;
          name = NameRun(c + 1, k);
          if (name.valid && IsComma(name.end_tok) && name.end_tok + 1 < k) sp = name;
          break;
        }
      }
      if (sp.valid) return MakeAttr(k, sp);
      if (lead) break;
    }
    if (Low(p) == ":") return ColonAttribution(p);
    return {};
  }

  // The sentence ending with the colon at `colon` introduces the quote: its
  // subject speaks; the cue is the verb after the subject.
  Attribution ColonAttribution(uint32_t colon) const {
    const uint32_t sb = SentBegin(colon);
    for (uint32_t k = sb; k < colon; ++k) {
      if (CueAt(k) == nullptr || in_quote_[k]) continue;
      Speaker sp = SpeakerBefore(k, sb);
      if (sp.valid) return MakeAttr(k, sp);
    }
    Speaker sp = SentenceSubject(sb, colon);
    if (!sp.valid || sp.end_tok >= colon || Punct(sp.end_tok)) return {};
    Attribution a;
    a.valid = true;
    a.cue_begin = sp.end_tok;
    a.cue_end = sp.end_tok + 1;
    a.cue_text = std::string(Low(sp.end_tok));
    a.speaker = sp;
    return a;
  }

  // ---- reported speech ----------------------------------------------------

  // End of the reported content that starts in a sentence ending at `se`:
  // before the final punctuation, ";" or a participial cue (", adding that").
  uint32_t ContentEnd(uint32_t from, uint32_t se) const {
    se = std::min(se, from + kMaxReportedTokens);
    uint32_t e = from;
    while (e < se) {  // jumps between possible stops (next_stop_) instead of walking every token
      e = std::min(next_stop_[e], se);
      if (e >= se) break;
      if (Low(e) == ";") break;
      if (IsComma(e) && e + 1 < se && CueAt(e + 1) != nullptr && cue_[e + 1]->participle) break;
      ++e;
    }
    while (e > from && (IsSentencePunct(e - 1) || IsComma(e - 1) || IsDash(e - 1) || Low(e - 1) == ":")) --e;
    // A closing quote mark whose opening mark is outside the content is dropped.
    return e;
  }

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
  uint32_t SkipObject(uint32_t i, uint32_t se) const {
    if (i >= se) return i;
    const std::string_view t = Low(i);
    if (t == "him" || t == "her" || t == "them" || t == "us" || t == "me" || t == "you") return i + 1;
    uint32_t k = i;
    if (Has(k, kWordDet)) ++k;
    const uint32_t start = k;
    while (k < se && k - start < 5 && !Punct(k) && Low(k) != "that" &&
           (Upper(k) || (k == start && !Has(k, kWordBarrier)) || NominalWord(k))) {
      ++k;
    }
    return k > start ? k : i;
  }

  void TryCue(uint32_t k, std::vector<Candidate>& out) {
    const CueForm& form = *cue_[k];
    const CueEntry& entry = lex_.entry(form);
    const uint32_t ce = k + static_cast<uint32_t>(form.words.size());
    const uint32_t sb = SentBegin(k);
    // The content of one clause is bounded (kMaxReportedTokens) on both sides
    // of the cue, so one huge sentence with many cues stays linear.
    const uint32_t se = std::min(SentEnd(k), ce + kMaxReportedTokens);
    if (ce >= se && !(entry.frames & kCueTail)) return;
    const uint32_t first = SkipLeading(std::max(sb, k > kMaxReportedTokens ? k - kMaxReportedTokens : 0), k);

    // "according to X, ..." / "..., according to X." The source is everything
    // up to the comma or the sentence end ("according to federal statistics").
    if (entry.frames & kCuePrep) {
      Speaker sp = SpeakerAfter(ce, se);
      // The source is the whole phrase to the comma or sentence end when the
      // speaker phrase stops earlier ("according to a new article in Politico").
      if (!sp.valid || (sp.end_tok < se && !IsComma(sp.end_tok) && !IsSentencePunct(sp.end_tok))) {
        uint32_t e = ce;
        while (e < se && e - ce < 24 && !Punct(e) && !in_quote_[e]) ++e;
        if (e == ce || (e < se && !IsComma(e) && !IsSentencePunct(e))) return;
        sp.valid = true;
        sp.begin_tok = ce;
        sp.end_tok = e;
        // Without an entity mention inside, the source is the phrase itself
        // ("the Federal Bureau of Prisons"), not its last capitalised words.
        bool mention = false;
        for (uint32_t t = ce; t < e && !mention; ++t) mention = mention_at_[t] >= 0;
        if (!mention) sp.name = std::string(doc_.View(TokSpan(ce, e)));
      }
      if (k <= first + 1 && sp.end_tok < se && IsComma(sp.end_tok)) {
        AddReported(out, sp.end_tok + 1, ContentEnd(sp.end_tok + 1, se), k, sp);
      } else if (k > sb && IsComma(k - 1) && (sp.end_tok >= se || !IsAsciiLetterStart(Low(sp.end_tok))) &&
                 TailRestOk(sp.end_tok, se)) {
        AddReported(out, first, ContentEnd(first, k - 1), k, sp);
      }
      return;
    }

    // Participles: ", noting that ..." and "Noting that ..., she said".
    if (form.participle) {
      uint32_t x = ce;
      const bool that = x < se && Low(x) == "that";
      if (that) ++x;
      else if (!(entry.frames & kCueClause)) return;
      if (k == first) {
        // Content up to the comma before the main clause's subject.
        uint32_t best = kNoToken;
        for (uint32_t c = x; c < se; ++c) {
          if (!IsComma(c) || in_quote_[c]) continue;
          Speaker sp = SpeakerAfter(c + 1, se);
          if (!sp.valid) continue;
          uint32_t v = sp.end_tok;
          while (v < se && Has(v, kWordSkip)) ++v;
          if (v < se && CueAt(v) != nullptr) {
            best = c;
            break;
          }
          if (best == kNoToken && v < se && IsAsciiLetterStart(Low(v)) && !Upper(v)) best = c;
        }
        if (best == kNoToken) return;
        Speaker sp = SpeakerAfter(best + 1, se);
        AddReported(out, x, ContentEnd(x, best + 1), k, sp);
        return;
      }
      if (k > sb && (IsComma(k - 1) || IsDash(k - 1))) {
        // ", adding that ...": the speaker of an attribution earlier in the sentence, else the subject.
        for (auto it = out.rbegin(); it != out.rend(); ++it) {
          if (it->attr.cue_begin < sb) break;
          if (it->attr.cue_begin < k && it->attr.speaker.valid) {
            AddReported(out, x, ContentEnd(x, se), k, Speaker(it->attr.speaker));
            return;
          }
        }
        Speaker sp = SentenceSubject(sb, k);
        if (!sp.valid) return;
        AddReported(out, x, ContentEnd(x, se), k, sp);
      }
      return;
    }

    Speaker before = SpeakerBefore(k, first);
    if (!before.valid && k > first + 1 && IsComma(k - 1)) {
      // "Dianne Feinstein, Democrat of California, said ...": the sentence-initial
      // name before the appositive, else the name right before the comma
      // ("one of the attorneys, Justin Bamberg, said").
      Speaker subject = SpeakerAfter(first, k);
      if (subject.valid && subject.end_tok < k - 1 && IsComma(subject.end_tok) && Upper(subject.begin_tok)) {
        before = subject;
      } else {
        Speaker name = SpeakerBefore(k - 1, first);
        if (name.valid && Upper(name.end_tok - 1) && name.begin_tok > first && IsComma(name.begin_tok - 1)) {
          before = name;
        }
      }
      if (before.valid && (entry.frames & kCueTail) && !(entry.frames & (kCueClause | kCueThat))) before = {};
    }
    if (before.valid) {
      // A clause after the cue.
      uint32_t that = kNoToken;
      for (uint32_t x = ce; x < se && x - ce <= kMaxThatDistance; ++x) {
        if (Low(x) == "that" || (Low(x) == "whether" && entry.normalised == "ask")) {
          that = x;
          break;
        }
        if (IsSentencePunct(x) || Low(x) == ";" || (Punct(x) && !IsComma(x) && !IsNameDot(x))) break;
        if (CueAt(x) != nullptr) break;
      }
      if (that != kNoToken && (entry.frames & (kCueThat | kCueClause | kCueObject))) {
        if (AddReported(out, that + 1, ContentEnd(that + 1, se), k, before)) return;
      }
      if (entry.frames & (kCueClause | kCueInfinitive)) {
        uint32_t x = ce;
        const bool clause = (entry.frames & kCueClause) != 0;
        if (clause && (entry.frames & kCueObject)) x = SkipObject(x, se);
        if (x < se && (IsComma(x) || Low(x) == ":")) ++x;
        const bool clause_start = x < se && !Has(x, kWordTime) && !IsSentencePunct(x) &&
                                  !(Punct(x) && !toks_[x].Has(kTokQuote)) && Low(x) != "so" &&
                                  !(CueAt(x) != nullptr && cue_[x]->participle);
        bool ok = clause_start;
        if (ok && !clause) {
          // Infinitive frame: a "to" must follow within a few words.
          ok = false;
          for (uint32_t y = x; y < se && y - x < 6; ++y) {
            if (Low(y) == "to") ok = true;
          }
        }
        if (ok && AddReported(out, x, ContentEnd(x, se), k, before)) return;
      }
      // Tail: "CONTENT, X said [adjuncts]."
      if ((entry.frames & kCueTail) && before.begin_tok > first &&
          (IsComma(before.begin_tok - 1) || IsDash(before.begin_tok - 1)) && TailRestOk(ce, se)) {
        AddReported(out, first, ContentEnd(first, before.begin_tok - 1), k, before);
      }
      return;
    }
    // Inverted tail: "CONTENT, said the minister."
    if ((entry.frames & kCueTail) && k > first && (IsComma(k - 1) || IsDash(k - 1))) {
      Speaker sp = SpeakerAfter(ce, se);
      if (sp.valid && TailRestOk(sp.end_tok, se)) AddReported(out, first, ContentEnd(first, k - 1), k, sp);
    }
  }

  // After a tail attribution only adjuncts may follow: no new clause.
  bool TailRestOk(uint32_t from, uint32_t se) const {
    for (uint32_t x = from; x < se; ++x) {
      if (IsComma(x) && x + 1 < se && CueAt(x + 1) != nullptr && cue_[x + 1]->participle) return true;
      if (Low(x) == "that" || Low(x) == ";") return false;
      if (x - from > 14) return false;
    }
    return true;
  }

  void FindReported(std::vector<Candidate>& out) {
    const uint32_t n = N();
    // Nested check without rescanning `out`: cues come in increasing k, so a
    // candidate matters once its first_tok <= k; keep the largest end_tok of
    // those ("active") and the others in a min-heap by first_tok.
    std::vector<std::pair<uint32_t, uint32_t>> pending;  // (first_tok, end_tok), min-heap
    const auto later = [](const std::pair<uint32_t, uint32_t>& a, const std::pair<uint32_t, uint32_t>& b) {
      return a.first > b.first;
    };
    uint32_t active_end = 0;
    for (uint32_t k = 0; k < n; ++k) {
      if (CueAt(k) == nullptr) continue;
      if (!out.empty() && out.back().attr.speaker.valid && out.back().attr.speaker.begin_tok <= k &&
          k < out.back().attr.speaker.end_tok) {
        continue;  // "according to the police report": "report" names the speaker
      }
      const size_t before = out.size();
      TryCue(k, out);
      // Nested reporting ("X said Y claimed that Z"): keep the outer one.
      if (out.size() > before) {
        while (!pending.empty() && pending.front().first <= k) {
          active_end = std::max(active_end, pending.front().second);
          std::pop_heap(pending.begin(), pending.end(), later);
          pending.pop_back();
        }
        if (active_end > k) out.pop_back();
        for (size_t j = before; j < out.size(); ++j) {
          pending.emplace_back(out[j].first_tok, out[j].end_tok);
          std::push_heap(pending.begin(), pending.end(), later);
        }
      }
    }
  }

  // ---- merging ------------------------------------------------------------

  static uint32_t Overlap(Span a, Span b) {
    const uint32_t lo = std::max(a.begin, b.begin), hi = std::min(a.end, b.end);
    return hi > lo ? hi - lo : 0;
  }

  void Merge(std::vector<Candidate>& directs, std::vector<Candidate>& reported) {
    // Direct quotes are disjoint and in text order: the ones overlapping a
    // clause are found by binary search (else, never seen, the full scan).
    bool ordered = true;
    for (size_t i = 1; i < directs.size(); ++i) {
      if (directs[i].span.begin < directs[i - 1].span.end) ordered = false;
    }
    for (Candidate& r : reported) {
      uint32_t covered = 0;
      std::vector<Candidate*> inside;
      size_t from = 0;
      if (ordered) {
        from = static_cast<size_t>(
            std::partition_point(directs.begin(), directs.end(),
                                 [&](const Candidate& d) { return d.span.end <= r.span.begin; }) -
            directs.begin());
      }
      for (size_t di = from; di < directs.size(); ++di) {
        Candidate& d = directs[di];
        if (ordered && d.span.begin >= r.span.end) break;
        const uint32_t ov = Overlap(r.span, d.span);
        if (ov == 0) continue;
        covered += ov;
        inside.push_back(&d);
      }
      if (inside.empty()) continue;
      // Reported content that is the quote (tail attributions of direct quotes,
      // or mostly quoted): the quote keeps the attribution.
      if (covered * 2 >= r.span.size()) {
        r.alive = false;
        for (Candidate* d : inside) {
          if (!d->attr.valid || d->attr.inherited) d->attr = r.attr;
        }
        continue;
      }
      // A reported clause with a short quoted fragment: one mixed quote.
      bool contained = true;
      for (Candidate* d : inside) {
        if (d->span.begin < r.span.begin || d->span.end > r.span.end + 4) contained = false;
      }
      if (!contained) {
        // The quote sticks out of the clause: trust the marks.
        r.alive = false;
        for (Candidate* d : inside) {
          if (!d->attr.valid) d->attr = r.attr;
        }
        continue;
      }
      r.kind = QuoteKind::kMixed;
      for (Candidate* d : inside) {
        d->alive = false;
        // Extend over the closing mark of a fragment that ends the clause.
        const MarkedQuote& m = marks_[d->marked];
        if (m.close_token != kNoToken && toks_[m.close_token].span.end > r.span.end &&
            toks_[m.close_token].span.begin <= r.span.end + 4) {
          r.span.end = toks_[m.close_token].span.end;
        }
      }
    }
  }

  void Inherit(std::vector<Candidate>& directs, std::vector<Candidate>& reported) {
    // Attributed quotes of any kind, in text order.
    std::vector<const Candidate*> attributed;
    for (const Candidate& c : directs) {
      if (c.alive && c.attr.valid) attributed.push_back(&c);
    }
    for (const Candidate& c : reported) {
      if (c.alive && c.attr.valid) attributed.push_back(&c);
    }
    std::sort(attributed.begin(), attributed.end(),
              [](const Candidate* a, const Candidate* b) { return a->span.begin < b->span.begin; });
    for (size_t di = 0; di < directs.size(); ++di) {
      Candidate& d = directs[di];
      if (!d.alive || d.attr.valid) continue;
      const MarkedQuote& m = marks_[d.marked];
      const uint32_t para = para_[m.open_token];
      const auto after = std::partition_point(attributed.begin(), attributed.end(),
                                              [&](const Candidate* a) { return a->span.begin < d.span.begin; });
      const Candidate* prev = after == attributed.begin() ? nullptr : *(after - 1);
      // The previous attributed quote of the same paragraph, with no cue of
      // another attribution in between.
      if (prev != nullptr && para_[prev->first_tok] == para && !CueBetween(prev->end_tok, m.open_token)) {
        InheritFrom(d, *prev);
        continue;
      }
      // The next direct quote of the same paragraph, right after this one.
      if (di + 1 < directs.size() && m.close_token != kNoToken) {
        const Candidate& next = directs[di + 1];
        const MarkedQuote& nm = marks_[next.marked];
        if (next.alive && next.attr.valid && !next.attr.inherited && para_[nm.open_token] == para &&
            OnlyPunctBetween(m.close_token + 1, nm.open_token)) {
          InheritFrom(d, next);
          continue;
        }
      }
      // A paragraph that is only this quote continues the previous paragraph's speaker.
      if (prev != nullptr && m.close_token != kNoToken && StartsParagraph(m.open_token) &&
          OnlyPunctToParagraphEnd(m.close_token + 1) && para_[prev->first_tok] + 1 == para &&
          prev->attr.speaker.valid && IsPersonSpeaker(prev->attr.speaker)) {
        InheritFrom(d, *prev);
        continue;
      }
    }
  }

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

  void Emit(std::vector<Candidate>& directs, std::vector<Candidate>& reported) {
    std::vector<Candidate*> all;
    // Cue token -> end of the direct quote it attributes: reported content between
    // that quote and its cue is the speaker's description, not speech
    // ("\"...\" the presumptive nominee, Donald Trump, tweeted").
    std::unordered_map<uint32_t, uint32_t> direct_cue_end;
    for (Candidate& c : directs) {
      if (!c.alive) continue;
      if (!c.attr.valid && WordCount(c) < kMinUnattributedWords) continue;
      all.push_back(&c);
      if (c.attr.valid && !c.attr.inherited && c.attr.cue_end > c.attr.cue_begin) {
        direct_cue_end[c.attr.cue_begin] = c.end_tok;
      }
    }
    for (Candidate& c : reported) {
      if (!c.alive) continue;
      const auto d = direct_cue_end.find(c.attr.cue_begin);
      if (d != direct_cue_end.end() && d->second <= c.first_tok && c.end_tok <= c.attr.cue_begin) continue;
      all.push_back(&c);
    }
    std::sort(all.begin(), all.end(),
              [](const Candidate* a, const Candidate* b) { return a->span.begin < b->span.begin; });
    for (const Candidate* c : all) {
      Quote q;
      q.kind = c->kind;
      q.span = c->span;
      const Attribution& a = c->attr;
      if (a.valid) {
        q.speaker_entity = a.speaker.entity;
        q.speaker_name = a.speaker.name;
        if (a.speaker.valid) q.speaker_span = TokSpan(a.speaker.begin_tok, a.speaker.end_tok);
        q.cue = a.cue != nullptr ? a.cue->normalised : a.cue_text;
        if (!a.inherited && a.cue_end > a.cue_begin) q.cue_span = TokSpan(a.cue_begin, a.cue_end);
      }
      doc_.quotes.push_back(std::move(q));
    }
  }

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

class QuotesStage : public Stage {
 public:
  QuotesStage(QuoteLexicon lex, StanceLexicon stance, std::map<std::string, NativeSpeech> native)
      : lex_(std::move(lex)), stance_(std::move(stance)), native_(std::move(native)) {}
  std::string_view Name() const override { return "quotes"; }
  uint32_t Requires() const override { return kFieldTokens | kFieldSentences | kFieldEntities | kFieldClauses; }
  uint32_t Assigns() const override { return kFieldQuotes; }
  Status Process(Document& doc) const override {
    // Russian, Kazakh and Chinese: their own speech cues (native_speech.h).
    if (const auto it = native_.find(doc.meta.language); it != native_.end()) {
      AttributeNativeQuotes(doc, it->second);
      SetCueKinds(stance_, doc);  // the cues are normalised to the English lexicon's names
      return Status::Ok();
    }
    Extractor(lex_, doc).Run();
    AddSubjectAttributions(lex_, stance_, doc);
    AddClauseAttributions(lex_, stance_, doc);
    SetCueKinds(stance_, doc);
    return Status::Ok();
  }

 private:
  QuoteLexicon lex_;
  StanceLexicon stance_;
  std::map<std::string, NativeSpeech> native_;
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeQuotesStage(const StageOptions& options) {
  Result<QuoteLexicon> lex = QuoteLexicon::Load(options.data_dir + "/en/quotes");
  if (!lex.ok()) return lex.status();
  Result<StanceLexicon> stance = StanceLexicon::Load(options.data_dir + "/en/quotes");
  if (!stance.ok()) return stance.status();
  std::map<std::string, NativeSpeech> native;
  for (const char* lang : {"ru", "kk", "zh"}) {
    Result<NativeSpeech> speech = NativeSpeech::Load(options.data_dir + "/" + lang, std::string_view(lang) == "zh");
    if (speech.ok()) {
      native.emplace(lang, std::move(speech).value());
    } else if (speech.status().code() != StatusCode::kNotFound) {
      return speech.status();
    }
  }
  return std::unique_ptr<Stage>(
      new QuotesStage(std::move(lex).value(), std::move(stance).value(), std::move(native)));
}

}  // namespace ties

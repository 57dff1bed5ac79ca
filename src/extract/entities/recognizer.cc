// recognizer.cc: rule- and dictionary-based entity recognition with in-document coreference.
// See recognizer.h for the contract and the outline; docs/entities.md for the rules.
#include "extract/entities/recognizer.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/text_util.h"

namespace ties::entities {

namespace {

// How many sentences back a pronoun looks for its antecedent.
constexpr uint32_t kPronounWindowSentences = 3;
// Longest person name, in words ("Kassym-Jomart Kemeluly Tokayev" is 3).
constexpr uint32_t kMaxNameWords = 4;

struct Word {
  Span span;
  std::string_view text;
  std::string_view lower;  // into Scratch::lower_buf (set once every word is made)
  uint64_t hash = 0;  // HashWord(lower): every table probe uses it
  WordInfo info;    // copies of the table entries (ProbeWords): the passes read them often
  CasedInfo cased;
  uint32_t sent = 0;
  uint32_t lower_begin = 0;         // offset of `lower` in Scratch::lower_buf
  bool upper_initial = false;
  bool all_upper = false;  // every letter upper case, at least two letters
  bool has_letter = false;
  bool initial = false;    // first word of a sentence, a line, or after an opening quote/bracket
  bool caps_line = false;  // inside a mostly upper-case line (headline)
  bool line_start = false; // first word of a line
  bool has_dash = false;   // contains '-' (IsHyphenModifier needs one)
};

struct Cand {  // an entity under construction
  EntityType type = EntityType::kPerson;
  std::string canonical;
  std::string country;
  std::string role;
  std::string org_kind;
  std::string role_head;
  char gender = 0;
  std::vector<std::string> name_words;  // persons: the words of the canonical name
  int merged_into = -1;
};

struct TmpMention {
  Span span;
  int cand = 0;
  MentionKind kind = MentionKind::kName;
  Span role_span;
  uint32_t first_word = 0;
  uint32_t sent = 0;
};

struct Nominal {
  Span span;
  std::string head;
  std::string country;
  uint32_t first_word = 0;
  uint32_t sent = 0;
};

struct PhraseMatch {
  const PhraseEntry* entry = nullptr;
  uint32_t end = 0;  // one past the last word
};

char32_t FirstCodePoint(std::string_view s) {
  size_t pos = 0;
  return s.empty() ? 0 : DecodeUtf8(s, &pos);
}

bool IsOpeningPunct(std::string_view t) {
  // Every opening mark is 1 to 3 bytes: most words are rejected by their length or first byte.
  if (t.empty() || t.size() > 3) return false;
  const unsigned char c = static_cast<unsigned char>(t[0]);
  if (c != '(' && c != '[' && c != ':' && c != '-' && c != '"' && c != '\'' && c != 0xE2 && c != 0xC2) return false;
  return t == "(" || t == "[" || t == ":" || t == "--" || t == "\"" || t == "“" || t == "‘" || t == "«" ||
         t == "—" || t == "–" || t == "'";
}

bool IsNameParticle(std::string_view lower) {
  static constexpr std::string_view kParticles[] = {"de", "del", "della", "da", "das", "dos", "di", "du", "van", "von", "der",
                                           "den", "ter", "bin", "ibn", "al", "el", "la", "le", "ben", "mac", "st."};
  for (std::string_view p : kParticles) {
    if (lower == p) return true;
  }
  return false;
}

std::string TitleCaseWords(std::string_view role) {
  // "foreign minister" -> "Foreign Minister"; connectors stay lower case.
  std::string out;
  size_t start = 0;
  while (start <= role.size()) {
    size_t end = role.find(' ', start);
    if (end == std::string_view::npos) end = role.size();
    std::string_view word = role.substr(start, end - start);
    if (!out.empty()) out.push_back(' ');
    if (word == "of" || word == "and" || word == "for" || word == "the" || word == "to" || word.empty() ||
        static_cast<unsigned char>(word[0]) >= 0x80) {
      out.append(word);
    } else {
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(word[0]))));
      out.append(word.substr(1));
    }
    start = end + 1;
  }
  return out;
}

class Recognizer {
 public:
  // The per-document containers, kept by each thread between documents so that their
  // capacity is reused (no allocation per document once the thread has seen a long one).
  struct Scratch {
    std::vector<Word> words;
    std::string lower_buf;
    std::vector<uint32_t> sent_of;
    std::vector<uint64_t> cased_hash;
    std::vector<bool> used;
    std::vector<Cand> cands;
    std::vector<int> persons;
    std::vector<int> org_word;
    std::vector<uint32_t> org_run;
    std::unordered_map<std::string, int> keyed;
    std::unordered_map<std::string, int> acronyms;
    std::vector<TmpMention> mentions;
    std::vector<Nominal> nominals;
    std::vector<std::pair<uint32_t, uint32_t>> pending;
    std::unordered_map<std::string, int> org_strings;
    std::vector<int8_t> phrase_done_all, phrase_done_nocap, name_word;
    std::vector<PhraseMatch> phrase_memo_all, phrase_memo_nocap;
  };

  Recognizer(const EntityLexicon& lex, Document& doc, Scratch& scratch)
      : lex_(lex),
        doc_(doc),
        words_(scratch.words),
        lower_buf_(scratch.lower_buf),
        sent_of_(scratch.sent_of),
        cased_hash_(scratch.cased_hash),
        used_(scratch.used),
        cands_(scratch.cands),
        persons_(scratch.persons),
        org_word_(scratch.org_word),
        org_run_(scratch.org_run),
        keyed_(scratch.keyed),
        acronyms_(scratch.acronyms),
        mentions_(scratch.mentions),
        nominals_(scratch.nominals),
        pending_(scratch.pending),
        org_strings_(scratch.org_strings),
        phrase_done_all_(scratch.phrase_done_all),
        phrase_done_nocap_(scratch.phrase_done_nocap),
        name_word_(scratch.name_word),
        phrase_memo_all_(scratch.phrase_memo_all),
        phrase_memo_nocap_(scratch.phrase_memo_nocap) {
    words_.clear();
    cands_.clear();
    persons_.clear();
    keyed_.clear();
    acronyms_.clear();
    mentions_.clear();
    nominals_.clear();
    pending_.clear();
    org_strings_.clear();
  }

  void Run() {
    BuildWords();
    const size_t n = words_.size();
    used_.assign(n, false);
    name_word_.assign(n, -1);
    phrase_done_all_.assign(n, 0);
    phrase_done_nocap_.assign(n, 0);
    phrase_memo_all_.resize(n);
    phrase_memo_nocap_.resize(n);
    sports_ = sport_words_ >= 3;
    if (sports_) TeamPass();
    MainPass();
    SecondPass();
    ContextOrgs();
    ResolveNominals();
    ResolvePronouns();
    Emit();
  }

 private:
  // ---- words ---------------------------------------------------------------------------------

  // Byte classes of ASCII for MakeWord.
  enum : uint8_t { kUpper = 1, kLower = 2, kDigit = 4, kHigh = 8, kDash = 16 };
  static constexpr std::array<uint8_t, 256> kByteClass = [] {
    std::array<uint8_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
      t[c] = c >= 'A' && c <= 'Z' ? kUpper : c >= 'a' && c <= 'z' ? kLower : c >= '0' && c <= '9' ? kDigit
           : c >= 0x80 ? kHigh : c == '-' ? kDash : 0;
    }
    return t;
  }();

  // Makes the word of `span` in `w` (default-constructed): writes its lower case at lower_len_
  // in lower_buf_ and hashes it. The table probes (info, cased) are left to ProbeWords, and
  // Word::lower to BuildWords, once the buffer no longer grows. `cased_hash` receives the hash
  // to probe the case-sensitive table with, or 0 when the word has no upper-case letter (the
  // table holds capitalised words only).
  void MakeWord(Word& w, Span span, uint32_t sent, uint64_t* cased_hash) {
    w.span = span;
    w.text = doc_.View(span);
    w.sent = sent;
    const size_t size = w.text.size();
    int letters = 0, upper = 0;
    bool first = true;
    w.lower_begin = static_cast<uint32_t>(lower_len_);
    if (lower_len_ + size > lower_buf_.size()) lower_buf_.resize(2 * (lower_len_ + size));
    char* out = lower_buf_.data() + lower_len_;
    bool ascii = true;
    for (size_t k = 0; k < size; ++k) {
      const char c = w.text[k];
      const uint8_t cls = kByteClass[static_cast<unsigned char>(c)];
      out[k] = cls & kUpper ? static_cast<char>(c + 32) : c;
      if (cls & (kUpper | kLower)) {
        ++letters;
        upper += cls & kUpper;
        if (first) w.upper_initial = cls & kUpper;
        first = false;
      } else if (cls & kHigh) {
        ascii = false;
        break;
      } else {
        if (cls & kDash) w.has_dash = true;
        if (first && !(cls & kDigit)) first = false;  // leading punctuation ("'s", "-"): not a capitalised word
      }
    }
    size_t lower_size = size;
    if (!ascii) {
      // Copy the word with ASCII letters lowered. Other code points are copied as they are when
      // lower-casing leaves them unchanged (punctuation such as ’ “ —, lower-case letters); the
      // rare word with an upper-case, title-case or invalid one goes through ICU (full case
      // mapping: İ, final sigma).
      std::string& lower = non_ascii_lower_;
      lower.clear();
      letters = upper = 0;
      first = true;
      w.upper_initial = false;
      bool copy_is_lower = true;
      size_t pos = 0;
      while (pos < size) {
        const size_t cp_begin = pos;
        char32_t cp = DecodeUtf8(w.text, &pos);
        if (cp < 0x80) {
          if (cp == '-') w.has_dash = true;
          lower.push_back(cp >= 'A' && cp <= 'Z' ? static_cast<char>(cp + 32) : static_cast<char>(cp));
        } else {
          if (cp == 0xFFFD || u_isupper(cp) || u_istitle(cp) || u_tolower(cp) != static_cast<UChar32>(cp)) {
            copy_is_lower = false;
          }
          lower.append(w.text.substr(cp_begin, pos - cp_begin));
        }
        if (u_isalpha(cp)) {
          ++letters;
          if (u_isupper(cp)) ++upper;
          if (first) w.upper_initial = u_isupper(cp);
          first = false;
        } else if (first && !u_isdigit(cp)) {
          // leading punctuation ("'s", "-"): not a capitalised word
          first = false;
        }
      }
      if (!copy_is_lower) lower = EntityLexicon::Lower(w.text);
      lower_size = lower.size();
      if (lower_len_ + lower_size > lower_buf_.size()) lower_buf_.resize(2 * (lower_len_ + lower_size));
      std::memcpy(lower_buf_.data() + lower_len_, lower.data(), lower_size);
    }
    const std::string_view lower(lower_buf_.data() + lower_len_, lower_size);
    lower_len_ += lower_size;
    w.hash = HashWord(lower);
    lex_.PrefetchWord(w.hash);
    *cased_hash = 0;
    if (upper > 0) {
      // An ASCII word with an upper-case letter differs from its lower case.
      *cased_hash = !ascii && lower == w.text ? w.hash : HashWord(w.text);
      if (*cased_hash == 0) *cased_hash = 1;  // 0 means "no probe"; the table maps key 0 to 1 too
      lex_.PrefetchCased(*cased_hash);
    }
    w.has_letter = letters > 0;
    w.all_upper = letters >= 2 && upper == letters;
    if (letters == 1 && upper == 1 && size <= 2) w.all_upper = false;  // "A", "I"
  }

  // The table probes of every word (after MakeWord has hashed and prefetched them all).
  [[gnu::noinline]] void ProbeWords() {
    pronoun_words_.clear();
    sport_words_ = 0;
    for (size_t k = 0; k < words_.size(); ++k) {
      Word& w = words_[k];
      w.info = lex_.WordOf(w.hash);
      if (const uint64_t h = cased_hash_[k]; h != 0) w.cased = lex_.CasedOf(h);
      if (w.info.pronoun != 0) pronoun_words_.push_back(static_cast<uint32_t>(k));
      if (w.info.Has(WordInfo::kSport)) ++sport_words_;
    }
  }

  // True when `text` contains a dash and a capitalised part of it is a one-word dictionary name
  // while the whole is not ("Kazakhstan-China", not "Guinea-Bissau").
  bool SplitsAtDashes(std::string_view text) {
    if (text.size() <= 2 || text.find('-') == std::string_view::npos) return false;
    if (lex_.IsSingleTokenPhrase(EntityLexicon::Lower(text))) return false;
    bool split = false;
    size_t start = 0;
    while (start < text.size()) {
      size_t dash = text.find('-', start);
      if (dash == std::string_view::npos) dash = text.size();
      std::string part_lower = EntityLexicon::Lower(text.substr(start, dash - start));
      if (u_isupper(FirstCodePoint(text.substr(start))) && lex_.IsSingleTokenPhrase(part_lower)) split = true;
      start = dash + 1;
    }
    return split;
  }

  void BuildWords() {
    std::vector<uint32_t>& sent_of = sent_of_;
    sent_of.assign(doc_.tokens.size(), 0);
    for (uint32_t s = 0; s < doc_.sentences.size(); ++s) {
      for (uint32_t t = doc_.sentences[s].first_token; t < doc_.sentences[s].end_token && t < sent_of.size(); ++t) {
        sent_of[t] = s;
      }
    }
    words_.reserve(doc_.tokens.size() + 8);
    cased_hash_.clear();
    cased_hash_.reserve(doc_.tokens.size() + 8);
    lower_len_ = 0;
    if (lower_buf_.size() < doc_.text.size() + 64) lower_buf_.resize(doc_.text.size() + 64);
    for (uint32_t t = 0; t < doc_.tokens.size(); ++t) {
      const Token& tok = doc_.tokens[t];
      std::string_view text = doc_.View(tok.span);
      bool new_line = t == 0 || tok.Has(kTokNewlineBefore) || tok.Has(kTokParagraphBefore);
      bool sentence_start = tok.Has(kTokSentenceStart) ||
                            (t > 0 && sent_of[t] != sent_of[t - 1]);
      size_t first_new = words_.size();
      if (SplitsAtDashes(text)) {
        size_t start = 0;
        while (start < text.size()) {
          size_t dash = text.find('-', start);
          if (dash == std::string_view::npos) dash = text.size();
          if (dash > start) {
            MakeWord(words_.emplace_back(), Span{tok.span.begin + static_cast<uint32_t>(start),
                                                 tok.span.begin + static_cast<uint32_t>(dash)},
                     sent_of[t], &cased_hash_.emplace_back());
          }
          if (dash < text.size()) {
            MakeWord(words_.emplace_back(), Span{tok.span.begin + static_cast<uint32_t>(dash),
                                                 tok.span.begin + static_cast<uint32_t>(dash + 1)},
                     sent_of[t], &cased_hash_.emplace_back());
          }
          start = dash + 1;
        }
      } else {
        MakeWord(words_.emplace_back(), tok.span, sent_of[t], &cased_hash_.emplace_back());
      }
      if (first_new < words_.size()) {
        words_[first_new].line_start = new_line;
        words_[first_new].initial = sentence_start || new_line ||
                                    (first_new > 0 && IsOpeningPunct(words_[first_new - 1].text));
      }
    }
    ProbeWords();
    // The lower-case views: lower_buf_ no longer grows.
    for (size_t w = 0; w < words_.size(); ++w) {
      const uint32_t end = w + 1 < words_.size() ? words_[w + 1].lower_begin : static_cast<uint32_t>(lower_len_);
      words_[w].lower = std::string_view(lower_buf_.data() + words_[w].lower_begin, end - words_[w].lower_begin);
    }
    // Mostly upper-case lines (headlines, "LONDON 1996-08-30"): case says nothing there.
    size_t line_begin = 0;
    for (size_t w = 0; w <= words_.size(); ++w) {
      if (w == words_.size() || (w > line_begin && words_[w].line_start)) {
        int alpha = 0, upper = 0;
        for (size_t k = line_begin; k < w; ++k) {
          if (words_[k].has_letter && words_[k].text.size() >= 2) {
            ++alpha;
            if (words_[k].all_upper) ++upper;
          }
        }
        bool caps = (alpha >= 2 && upper * 10 >= alpha * 6) || (alpha == 1 && upper == 1 && w - line_begin <= 4);
        if (caps) {
          for (size_t k = line_begin; k < w; ++k) words_[k].caps_line = true;
          any_caps_line_ = true;
        }
        line_begin = w;
      }
    }
  }

  // ---- word predicates -----------------------------------------------------------------------

  bool Is(uint32_t i, std::string_view lower) const { return i < words_.size() && words_[i].lower == lower; }

  bool IsMonthOrDay(uint32_t i) const {
    return words_[i].info.Has(WordInfo::kMonth) && words_[i].text.find('.') == std::string_view::npos;
  }

  // A capitalised word that can be part of a name (outside headline lines). Memoised.
  bool IsNameWord(uint32_t i) const {
    if (i >= words_.size()) return false;
    if (name_word_[i] < 0) name_word_[i] = ComputeNameWord(i) ? 1 : 0;
    return name_word_[i] == 1;
  }

  // "Ontario-based", "Family-controlled", "Communist-led": a capitalised hyphen compound ending in
  // a lower-case participle modifies the name after it and is not part of it.
  static bool IsHyphenModifier(std::string_view text) {
    size_t dash = text.rfind('-');
    if (dash == std::string_view::npos || dash == 0 || dash + 1 >= text.size()) return false;
    char c = text[dash + 1];
    if (!(c >= 'a' && c <= 'z')) return false;
    std::string_view tail = text.substr(dash + 1);
    return tail == "based" || tail.ends_with("ed") || tail == "owned" || tail == "run" || tail == "listed" ||
           tail == "registered" || tail == "born";
  }

  static bool IsPluralAcronym(std::string_view text) {
    if (text.size() < 3 || text.back() != 's') return false;
    for (size_t k = 0; k + 1 < text.size(); ++k) {
      if (!(text[k] >= 'A' && text[k] <= 'Z')) return false;
    }
    return true;
  }

  bool ComputeNameWord(uint32_t i) const {
    const Word& w = words_[i];
    if (!w.has_letter || !w.upper_initial || w.caps_line) return false;
    if (w.has_dash && IsHyphenModifier(w.text)) return false;
    if (IsPluralAcronym(w.text)) return false;  // "GDRs", "ADRs", "CDs"
    if (w.info.Has(WordInfo::kStop) || w.info.pronoun != 0) return false;
    if (w.text.size() == 1) return false;  // initials are handled with their name
    if (IsMonthOrDay(i)) {
      // "June 16"; NameLength allows "Theresa May"; a month that is a given name starts one
      // before another capitalised word ("Jan Kroslak").
      return w.cased.given != 0 && i + 1 < words_.size() && words_[i + 1].upper_initial &&
             words_[i + 1].has_letter && !words_[i + 1].caps_line && !words_[i + 1].info.Has(WordInfo::kStop) &&
             !words_[i + 1].info.Has(WordInfo::kMonth);
    }
    if (w.initial && Common(w) && w.cased.given == 0) {
      // "Media cooperation", "Cultural programs": a sentence-initial dictionary word, unless a
      // proper noun too and followed by another name word ("Grace Road").
      return w.cased.proper && i + 1 < words_.size() && words_[i + 1].upper_initial &&
             !words_[i + 1].caps_line && !words_[i + 1].info.Has(WordInfo::kStop);
    }
    return true;
  }

  // An initial such as "J." or "J" followed by "." inside a name.
  uint32_t InitialLength(uint32_t i) const {
    if (i >= words_.size()) return 0;
    const Word& w = words_[i];
    if (w.text.size() == 2 && w.upper_initial && w.text[1] == '.') return 1;
    if (w.text.size() == 1 && w.upper_initial && Is(i + 1, ".")) return 2;
    return 0;
  }

  bool CaseMatches(const PhraseEntry& e, uint32_t begin) const {
    for (size_t k = 0; k < e.surface.size(); ++k) {
      const Word& w = words_[begin + k];
      const std::string& s = e.surface[k];
      char32_t first = FirstCodePoint(s);
      if (w.caps_line) {
        // Headlines: skip short all-caps entries that are also ordinary words ("US", "WHO", "IT").
        bool acronym = s.size() <= 4 && std::none_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
        if (e.surface.size() == 1 && acronym && (Common(w) || w.info.Has(WordInfo::kStop))) return false;
        continue;
      }
      bool entry_acronym = s.size() >= 2 && std::none_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; }) &&
                           std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
      if (entry_acronym) {
        if (w.text != s) return false;
      } else if (u_isupper(first)) {
        if (!w.upper_initial) return false;
      }
    }
    return true;
  }

  // Longest dictionary phrase starting at word i (any kind), or {nullptr}.
  // Memoised per word: the recogniser asks for the same word many times.
  PhraseMatch MatchPhrase(uint32_t i, bool include_capitals = true) const {
    if (i >= words_.size() || !words_[i].has_letter || !words_[i].info.Has(WordInfo::kPhraseStart)) {
      return PhraseMatch{};
    }
    std::vector<int8_t>& done = include_capitals ? phrase_done_all_ : phrase_done_nocap_;
    std::vector<PhraseMatch>& memo = include_capitals ? phrase_memo_all_ : phrase_memo_nocap_;
    if (!done[i]) {
      memo[i] = ComputePhrase(i, include_capitals);
      done[i] = 1;
    }
    return memo[i];
  }

  PhraseMatch ComputePhrase(uint32_t i, bool include_capitals) const {
    PhraseMatch best;
    if (!words_[i].info.Has(WordInfo::kPhraseStart)) return best;
    uint32_t max_n = std::min<uint32_t>(lex_.max_phrase_tokens(), static_cast<uint32_t>(words_.size() - i));
    const KeyInfo* keys[16];
    uint32_t nkeys = 0;
    uint64_t h = 0;
    // The one-word key is a phrase prefix (kPhraseStart); it has entries only when the word is a
    // one-word phrase (kSinglePhrase): otherwise it needs no probe.
    static const KeyInfo kPrefixOnly{-1, -1, true, true};
    for (uint32_t n = 1; n <= max_n && n <= 16; ++n) {
      if (n > 1 && !words_[i + n - 1].info.Has(WordInfo::kContinues)) break;  // no key has it there
      h = n == 1 ? words_[i].hash : HashPhrase(h, words_[i + n - 1].hash);
      const KeyInfo* k = n == 1 && !words_[i].info.Has(WordInfo::kSinglePhrase) ? &kPrefixOnly : lex_.KeyOf(h);
      if (!k || !k->phrase_prefix) break;
      keys[nkeys++] = k;
    }
    for (uint32_t n = nkeys; n >= 1; --n) {
      if (keys[n - 1]->phrase < 0) continue;
      const std::vector<PhraseEntry>& entries = lex_.PhraseEntries(keys[n - 1]->phrase);
      for (const PhraseEntry& e : entries) {
        if (!include_capitals && e.kind == PhraseKind::kCapital) continue;
        if (!CaseMatches(e, i)) continue;
        // Prefer organisations, then countries, over capitals for the same words.
        if (!best.entry || (best.end == i + n && Rank(e.kind) < Rank(best.entry->kind))) {
          if (best.entry && best.end > i + n) continue;
          best.entry = &e;
          best.end = i + n;
        }
      }
      if (best.entry) break;
    }
    return best;
  }

  static int Rank(PhraseKind kind) {
    switch (kind) {
      case PhraseKind::kOrg: return 0;
      case PhraseKind::kCountry: return 1;
      case PhraseKind::kRegion: return 2;
      case PhraseKind::kDemonym: return 3;
      case PhraseKind::kCapital: return 4;
    }
    return 5;
  }

  // Longest title starting at word i: number of words, or 0.
  uint32_t MatchTitle(uint32_t i, const TitleInfo** info) const {
    if (i >= words_.size() || !words_[i].has_letter || !words_[i].info.Has(WordInfo::kTitleStart)) return 0;
    uint32_t best = 0;
    uint32_t max_n = std::min<uint32_t>(lex_.max_title_tokens(), static_cast<uint32_t>(words_.size() - i));
    uint64_t h = 0;
    static const KeyInfo kPrefixOnly{-1, -1, true, true};  // (see ComputePhrase)
    for (uint32_t n = 1; n <= max_n; ++n) {
      if (n > 1 && !words_[i + n - 1].info.Has(WordInfo::kContinues)) break;  // no key has it there
      h = n == 1 ? words_[i].hash : HashPhrase(h, words_[i + n - 1].hash);
      const KeyInfo* k = n == 1 && !words_[i].info.Has(WordInfo::kSingleTitle) ? &kPrefixOnly : lex_.KeyOf(h);
      if (!k || !k->title_prefix) break;
      if (k->title >= 0) {
        best = n;
        *info = &lex_.Title(k->title);
      }
    }
    return best;
  }

  bool Common(const Word& w) const {
    return w.info.Has(WordInfo::kCommon);
  }

  const OrgPattern* OrgPat(const Word& w) const {
    return w.info.org_pattern >= 0 ? &lex_.OrgPatternAt(w.info.org_pattern) : nullptr;
  }

  // ---- entities ------------------------------------------------------------------------------

  int Resolve(int cand) const {
    while (cands_[cand].merged_into >= 0) cand = cands_[cand].merged_into;
    return cand;
  }

  int KeyedEntity(const std::string& key, EntityType type, std::string canonical, std::string country,
                  std::string org_kind = "") {
    auto it = keyed_.find(key);
    if (it != keyed_.end()) return it->second;
    Cand c;
    c.type = type;
    c.canonical = std::move(canonical);
    c.country = std::move(country);
    c.org_kind = std::move(org_kind);
    cands_.push_back(std::move(c));
    keyed_[key] = static_cast<int>(cands_.size() - 1);
    return static_cast<int>(cands_.size() - 1);
  }

  void AddMention(int cand, uint32_t begin_word, uint32_t end_word, MentionKind kind = MentionKind::kName,
                  Span role_span = {}) {
    TmpMention m;
    m.span = Span{words_[begin_word].span.begin, words_[end_word - 1].span.end};
    m.cand = cand;
    m.kind = kind;
    m.role_span = role_span;
    m.first_word = begin_word;
    m.sent = words_[begin_word].sent;
    mentions_.push_back(m);
    for (uint32_t k = begin_word; k < end_word; ++k) used_[k] = true;
  }

  // Emits the entity for a dictionary match; returns false when the match is not used here
  // (a capital not used for its government).
  bool EmitPhrase(const PhraseMatch& m, uint32_t i) {
    const PhraseEntry& e = *m.entry;
    switch (e.kind) {
      case PhraseKind::kCountry: {
        const CountryInfo& c = lex_.countries()[e.index];
        if (m.end == i + 1 && IsMonthOrDay(i)) return false;  // a month or weekday is never an entity
        AddMention(KeyedEntity("LOC:" + c.alpha3, EntityType::kLoc, c.name, c.alpha3), i, m.end);
        return true;
      }
      case PhraseKind::kDemonym: {
        const CountryInfo& c = lex_.countries()[e.index];
        AddMention(KeyedEntity("NORP:" + c.alpha3, EntityType::kNorp, c.demonyms.empty() ? c.name : c.demonyms[0], c.alpha3),
                   i, m.end);
        return true;
      }
      case PhraseKind::kRegion: {
        const RegionInfo& r = lex_.regions()[e.index];
        if (m.end == i + 1 && IsMonthOrDay(i)) return false;
        AddMention(KeyedEntity("REG:" + r.name, EntityType::kLoc, r.name, r.country), i, m.end);
        return true;
      }
      case PhraseKind::kOrg: {
        const OrgInfo& o = lex_.orgs()[e.index];
        int cand = KeyedEntity("ORG:" + EntityLexicon::Lower(o.name), EntityType::kOrg, o.name, o.country, o.kind);
        AddMention(cand, i, m.end);
        MaybeAcronymDefinition(cand, m.end);
        return true;
      }
      case PhraseKind::kCapital: {
        if (!IsGovernmentMetonym(i, m.end)) return false;
        std::string name(doc_.View(Span{words_[i].span.begin, words_[m.end - 1].span.end}));
        std::string country = lex_.CountryOfCapital(name);
        if (country.empty()) country = lex_.countries()[e.index].alpha3;
        if (words_[i].all_upper) name = Utf8TitleCase(name);
        AddMention(KeyedEntity("CAP:" + country + ":" + EntityLexicon::Lower(name), EntityType::kLoc, name, country,
                               "government"),
                   i, m.end);
        return true;
      }
    }
    return false;
  }

  // "Beijing and Astana signed", "Washington said", "talks between Moscow and Kyiv".
  bool IsGovernmentMetonym(uint32_t begin, uint32_t end) const {
    if (begin > 0) {
      const std::string_view prev = words_[begin - 1].lower;
      if (prev == "in" || prev == "at" || prev == "from" || prev == "to" || prev == "near" || prev == "into" ||
          prev == "outside" || prev == "across" || prev == "around" || prev == "of") {
        return false;
      }
    }
    uint32_t j = end;
    if (Is(j, "'s") || Is(j, "’s")) return false;  // "Beijing's skyline": undecidable, leave to places
    // "Beijing and Astana signed": skip a coordinated country or capital.
    if (Is(j, "and")) {
      PhraseMatch other = MatchPhrase(j + 1);
      if (other.entry && (other.entry->kind == PhraseKind::kCapital || other.entry->kind == PhraseKind::kCountry)) {
        j = other.end;
      } else {
        return false;
      }
    }
    static constexpr std::string_view kAux[] = {"has", "have", "had", "will", "would", "could", "may", "might", "is", "was",
                                       "also", "has also", "then", "later"};
    for (int hop = 0; hop < 2 && j < words_.size(); ++hop) {
      bool aux = false;
      for (std::string_view a : kAux) aux = aux || words_[j].lower == a;
      if (!aux) break;
      ++j;
    }
    if (j >= words_.size()) return false;
    static constexpr std::string_view kGovVerbs[] = {"signed", "agreed", "accused", "rejected", "condemned", "imposed",
                                            "sanctioned", "recognized", "recognised", "protested", "retaliated",
                                            "responded", "vowed", "threatened", "pledged", "demanded", "expelled",
                                            "summoned", "approved", "backed", "opposed", "welcomed", "sent", "says"};
    const std::string_view verb = words_[j].lower;
    if (words_[j].info.Has(WordInfo::kPersonVerb) && verb != "met" && verb != "visited") return true;
    for (std::string_view v : kGovVerbs) {
      if (verb == v) return true;
    }
    return false;
  }

  // "Shanghai Cooperation Organisation (SCO)": remembers SCO for the organisation.
  void MaybeAcronymDefinition(int cand, uint32_t j) {
    if (!Is(j, "(") || j + 2 >= words_.size() || !Is(j + 2, ")")) return;
    const Word& acr = words_[j + 1];
    if (!acr.all_upper || acr.text.size() > 10) return;
    acronyms_[std::string(acr.text)] = cand;
    AddMention(cand, j + 1, j + 2);
  }

  // ---- persons -------------------------------------------------------------------------------

  // The person whose name contains `words` [begin, end) as a whole name, a surname or a family
  // name, or -1.
  int FindPerson(uint32_t begin, uint32_t end) const {
    // Every answer needs each word to be a word of some person's name: the filter of their
    // hashes rejects most runs without looking at the candidates.
    if (!person_filter_off_) {
      bool rejected = false;
      for (uint32_t k = begin; k < end; ++k) {
        if (words_[k].text.find(' ') != std::string_view::npos) {  // (see AddToPersonFilter)
          rejected = false;
          break;
        }
        rejected = rejected || !InPersonFilter(words_[k].hash);
      }
      if (rejected) return -1;
    }
    // The words joined by single spaces, compared in place (persons_ holds every person
    // candidate, in creation order; the latest matching one wins).
    size_t joined_size = end - begin - 1;
    for (uint32_t k = begin; k < end; ++k) joined_size += words_[k].text.size();
    auto is_joined = [&](const std::string& canonical) {
      if (canonical.size() != joined_size) return false;
      size_t pos = 0;
      for (uint32_t k = begin; k < end; ++k) {
        if (k > begin && canonical[pos++] != ' ') return false;
        if (canonical.compare(pos, words_[k].text.size(), words_[k].text) != 0) return false;
        pos += words_[k].text.size();
      }
      return true;
    };
    int found = -1;
    for (auto it = persons_.rbegin(); it != persons_.rend(); ++it) {
      const int c = *it;
      const Cand& p = cands_[c];
      if (p.type != EntityType::kPerson || p.merged_into >= 0) continue;
      if (is_joined(p.canonical)) return c;
      if (found >= 0) continue;  // only a whole-name match can still change the answer
      if (end - begin == 1) {
        const std::string_view w = words_[begin].text;
        if (p.name_words.size() > 1) {
          // surname (last word), or a family name written first ("Xi" of "Xi Jinping")
          if (p.name_words.back() == w || (p.name_words.front() == w && lex_.GivenNameGender(w) == 0)) {
            found = c;
          }
        }
      } else if (end - begin < p.name_words.size()) {
        // "Kassym-Jomart Tokayev" vs the later "Tokayev": a shorter tail of the name.
        size_t n = end - begin;
        bool tail = true;
        for (size_t k = 0; k < n && tail; ++k) {
          tail = p.name_words[p.name_words.size() - n + k] == words_[begin + k].text;
        }
        if (tail) found = c;
      }
    }
    return found;
  }

  // A 1024-bit filter over the lower-case hashes of the persons' name words (two bits a word).
  // A text match of two words implies equal lower case, hence equal hashes.
  static uint32_t FilterBit(uint64_t hash, int n) { return static_cast<uint32_t>(hash >> (n ? 54 : 44)) & 1023; }
  bool InPersonFilter(uint64_t hash) const {
    const uint32_t a = FilterBit(hash, 0), b = FilterBit(hash, 1);
    return (person_filter_[a >> 6] >> (a & 63) & 1) && (person_filter_[b >> 6] >> (b & 63) & 1);
  }
  void AddToPersonFilter(const Word& w) {
    for (int n = 0; n < 2; ++n) {
      const uint32_t bit = FilterBit(w.hash, n);
      person_filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
    }
    // A word with a space would let a whole-name comparison cross word boundaries.
    if (w.text.find(' ') != std::string_view::npos) person_filter_off_ = true;
  }

  char NameGender(uint32_t begin, uint32_t end) const {
    char g = words_[begin].cased.given;
    if (g == 'm' || g == 'f') return g;
    if (end - begin >= 2) {
      char s = lex_.SurnameSuffixGender(words_[end - 1].lower);
      if (s == 'm' || s == 'f') return s;
    }
    return 0;
  }

  // Creates or finds the person named by words [begin, end) and adds a name mention.
  int AddPerson(uint32_t begin, uint32_t end, char gender_hint, Span role_span = {}) {
    int cand = FindPerson(begin, end);
    if (cand < 0) {
      // A longer name that completes an earlier surname-only person ("Tokayev" ... "Kassym-Jomart
      // Tokayev") is still a new candidate; SecondPass merges them.
      Cand p;
      p.type = EntityType::kPerson;
      for (uint32_t k = begin; k < end; ++k) {
        AddToPersonFilter(words_[k]);
        p.name_words.emplace_back(words_[k].text);
        if (k > begin) p.canonical.push_back(' ');
        p.canonical.append(words_[k].text);
      }
      cands_.push_back(std::move(p));
      cand = static_cast<int>(cands_.size() - 1);
      persons_.push_back(cand);
    }
    Cand& p = cands_[cand];
    if (p.gender == 0) {
      char g = gender_hint == 'm' || gender_hint == 'f' ? gender_hint : NameGender(begin, end);
      if (g == 'm' || g == 'f') p.gender = g;
    }
    AddMention(cand, begin, end, MentionKind::kName, role_span);
    return cand;
  }

  // Length of the person name starting at word i (name words, particles, initials), at most
  // kMaxNameWords name words; 0 when no name starts there. Stops before dictionary names
  // (countries, organisations), titles, and words already used.
  uint32_t NameLength(uint32_t i, bool after_signal) const {
    uint32_t j = i, names = 0;
    while (j < words_.size() && names < kMaxNameWords && !used_[j]) {
      if (uint32_t init = InitialLength(j); init && (names > 0 || after_signal)) {
        j += init;
        continue;
      }
      if (names > 0 && IsNameParticle(words_[j].lower) && !words_[j].upper_initial) {
        uint32_t k = j;
        while (k < words_.size() && IsNameParticle(words_[k].lower) && !words_[k].upper_initial) ++k;
        if (k - j <= 2 && IsNameWord(k)) {  // "von der Leyen", "bin Salman"
          j = k;
          continue;
        }
        break;
      }
      bool month_in_name = names > 0 && IsMonthOrDay(j) && words_[j].upper_initial && !words_[j].caps_line &&
                           !(j + 1 < words_.size() && words_[j + 1].text.find_first_of("0123456789") == 0);
      if (!IsNameWord(j) && !month_in_name &&
          !(after_signal && names == 0 && words_[j].upper_initial && words_[j].has_letter &&
            !words_[j].caps_line && !words_[j].info.Has(WordInfo::kStop))) {
        break;
      }
      PhraseMatch pm = MatchPhrase(j);
      if (pm.entry) {
        // A country that is also a given name is a name next to another name word ("Jordan Henderson").
        bool name_like = pm.end == j + 1 && ((words_[j].cased.given != 0 &&
                                              (names > 0 || IsNameWord(j + 1))) ||
                                             (names == 0 && FindPerson(j, j + 1) >= 0));
        if (!name_like) break;
      }
      const TitleInfo* t = nullptr;
      if (names > 0 && MatchTitle(j, &t) > 0 && !words_[j].cased.proper) break;
      if (OrgPat(words_[j]) && names > 0) return 0;  // "Smith Barney Bank": not a person
      ++names;
      ++j;
    }
    // Trim trailing initials.
    while (j > i && InitialLength(j - 1) == 0 && words_[j - 1].text == ".") --j;
    return names == 0 ? 0 : j - i;
  }

  // ---- roles ---------------------------------------------------------------------------------

  // Tries "[country/demonym/modifier]* TITLE [of X] [Name]" at word i. Returns the word after what
  // it used, or i when there is no role here.
  uint32_t TryRole(uint32_t i) {
    // A role starts with a country or demonym, a role modifier or a title word.
    if (!words_[i].info.Has(WordInfo::kPhraseStart | WordInfo::kRoleModifier | WordInfo::kTitleStart)) return i;
    uint32_t j = i;
    std::string country;
    std::vector<PhraseMatch> mods;  // country words to emit
    std::vector<uint32_t> mod_pos;
    int role_begin = -1;
    while (j < words_.size()) {
      if (IsNameWordOrAny(j)) {
        PhraseMatch pm = MatchPhrase(j, /*include_capitals=*/false);
        if (pm.entry && (pm.entry->kind == PhraseKind::kCountry || pm.entry->kind == PhraseKind::kDemonym)) {
          // "New Jersey Governor X": the multi-word place wins over its last word (not Jersey).
          if (AfterPlacePrefix(j)) break;
          const TitleInfo* t = nullptr;
          uint32_t after = pm.end + ((Is(pm.end, "'s") || Is(pm.end, "’s")) ? 1 : 0);
          bool next_is_role = words_[std::min<size_t>(after, words_.size() - 1)].info.Has(WordInfo::kRoleModifier) ||
                              MatchTitle(after, &t) > 0;
          if (!next_is_role) break;
          country = lex_.countries()[pm.entry->index].alpha3;
          mods.push_back(pm);
          mod_pos.push_back(j);
          j = after;
          continue;
        }
      }
      if (words_[j].info.Has(WordInfo::kRoleModifier) && !words_[j].caps_line) {
        const TitleInfo* t = nullptr;
        // "General" is a modifier in "Secretary General" only after a title; alone it is a title.
        if (MatchTitle(j, &t) > 0 && MatchTitle(j + 1, &t) == 0 && !words_[j + 1].info.Has(WordInfo::kRoleModifier)) break;
        if (!words_[j].info.Has(WordInfo::kTimeModifier) && role_begin < 0) role_begin = static_cast<int>(j);
        ++j;
        continue;
      }
      break;
    }
    const TitleInfo* title = nullptr;
    uint32_t title_len = j < words_.size() && !words_[j].caps_line ? MatchTitle(j, &title) : 0;
    if (title_len == 0) return i;
    // "General Motors", "Chief Executive Office": the title word starts an organisation name.
    if (j + title_len < words_.size() && words_[j].upper_initial &&
        OrgPat(words_[j + title_len]) != nullptr) {
      return i;
    }
    // A lower-case title of one common word ("head", "chief", "official") needs a capitalised
    // name right after it; checked below.
    if (role_begin < 0) role_begin = static_cast<int>(j);
    uint32_t role_end = j + title_len;
    uint32_t k = role_end;
    bool title_capitalised = words_[j].upper_initial;
    std::vector<std::pair<PhraseMatch, uint32_t>> comp_phrases;
    uint32_t name_begin = 0, name_len = 0;
    // Complement: "of Culture and Information", "of Kazakhstan", "of the World Bank".
    while ((Is(k, "of") || Is(k, "for") || (Is(k, "to") && !country.empty())) && k + 1 < words_.size()) {
      uint32_t c = k + 1;
      if (Is(c, "the")) ++c;
      PhraseMatch pm = MatchPhrase(c, false);
      if (pm.entry && (pm.entry->kind == PhraseKind::kCountry || pm.entry->kind == PhraseKind::kOrg ||
                       pm.entry->kind == PhraseKind::kRegion)) {
        bool role_of_country = pm.entry->kind == PhraseKind::kCountry && words_[k].lower == "of";
        if (role_of_country && country.empty()) {
          country = lex_.countries()[pm.entry->index].alpha3;
        } else {
          role_end = pm.end;
        }
        if (pm.entry->kind == PhraseKind::kOrg && lex_.orgs()[pm.entry->index].country.size() == 3 && country.empty()) {
          country = lex_.orgs()[pm.entry->index].country;
        }
        comp_phrases.push_back({pm, c});
        k = pm.end;
        continue;
      }
      // Capitalised complement words, joined by and/&/of/comma.
      std::vector<uint32_t> comp;
      uint32_t x = c;
      while (x < words_.size() && words_[x].upper_initial && words_[x].has_letter && !words_[x].caps_line &&
             !words_[x].info.Has(WordInfo::kStop)) {
        comp.push_back(x);
        ++x;
        if ((Is(x, "and") || Is(x, "&") || Is(x, ",")) && x + 1 < words_.size() && words_[x + 1].upper_initial &&
            !MatchPhrase(x + 1).entry) {
          ++x;
        }
      }
      if (comp.empty()) break;
      // The person's name may follow directly: split where a name starts (a given name, a
      // family-first surname, or a word that is not in the dictionary).
      size_t split = comp.size();
      for (size_t s = 1; s < comp.size(); ++s) {
        const Word& w = words_[comp[s]];
        if (words_[comp[s] - 1].lower == "and" || words_[comp[s] - 1].lower == ",") continue;
        if (w.cased.given != 0 || w.cased.family_first ||
            (lex_.has_wordlist() && !Common(w))) {
          split = s;
          break;
        }
      }
      role_end = comp[split - 1] + 1;
      k = role_end;
      if (split < comp.size()) {
        name_begin = comp[split];
        name_len = NameLength(name_begin, true);
      }
      break;
    }
    if (name_len == 0 && k < words_.size()) {
      uint32_t n = k;
      char hon = 0;
      if (words_[n].info.honorific != 0) {
        hon = words_[n].info.honorific;
        ++n;
        if (Is(n, ".")) ++n;
      }
      (void)hon;
      uint32_t len = NameLength(n, true);
      if (len > 0 && lex_.has_wordlist() && words_[n].cased.given == 0) {
        bool all_common = true;
        for (uint32_t k = n; k < n + len; ++k) {
          all_common = all_common && (!words_[k].has_letter || Common(words_[k]) ||
                                      IsNameParticle(words_[k].lower));
        }
        if (all_common) len = 0;
      }
      if (len > 0 && (title_capitalised || IsNameWord(n))) {
        name_begin = n;
        name_len = len;
      }
    }
    // Emit the country words used as modifiers and the complement's names.
    auto emit_mods = [&]() {
      for (size_t m = 0; m < mods.size(); ++m) {
        if (!used_[mod_pos[m]]) EmitPhrase(mods[m], mod_pos[m]);
      }
      for (auto& [pm, pos] : comp_phrases) {
        if (!used_[pos]) EmitPhrase(pm, pos);
      }
    };
    std::string role_text(doc_.View(Span{words_[role_begin].span.begin, words_[role_end - 1].span.end}));
    bool lower_role = std::none_of(role_text.begin(), role_text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (lower_role) role_text = TitleCaseWords(role_text);
    Span role_span{words_[role_begin].span.begin, words_[role_end - 1].span.end};
    if (name_len > 0) {
      emit_mods();
      int cand = AddPerson(name_begin, name_begin + name_len, title->gender, role_span);
      Cand& p = cands_[cand];
      if (p.role.empty()) {
        p.role = role_text;
        p.role_head = title->head;
        if (p.country.empty()) p.country = country;
      }
      return name_begin + name_len;
    }
    // No name: an apposition to the person just before ("Tokayev, the president of Kazakhstan"),
    // or a nominal ("the minister").
    uint32_t before = i;
    bool has_det = before > 0 && (Is(before - 1, "the") || Is(before - 1, "a") || Is(before - 1, "an"));
    uint32_t det_pos = has_det ? before - 1 : before;
    if (det_pos >= 1 && Is(det_pos - 1, ",") && !mentions_.empty()) {
      const size_t prev_idx = mentions_.size() - 1;  // an index: emit_mods() may grow mentions_
      const TmpMention& prev = mentions_[prev_idx];
      int pc = Resolve(prev.cand);
      if (cands_[pc].type == EntityType::kPerson && prev.kind == MentionKind::kName &&
          prev.span.end == words_[det_pos - 1].span.begin && prev.sent == words_[i].sent) {
        emit_mods();
        Cand& p = cands_[pc];
        if (p.role.empty()) {
          p.role = role_text;
          p.role_head = title->head;
          if (p.country.empty()) p.country = country;
          if (p.gender == 0 && title->gender) p.gender = title->gender;
          mentions_[prev_idx].role_span = role_span;
        }
        return role_end;
      }
    }
    if (has_det && words_[before - 1].lower == "the" && comp_phrases.empty() && role_end == j + title_len) {
      Nominal n;
      n.span = Span{words_[before - 1].span.begin, words_[j + title_len - 1].span.end};
      n.head = title->head;
      n.country = country;
      n.first_word = before - 1;
      n.sent = words_[i].sent;
      nominals_.push_back(n);
    }
    emit_mods();
    return j + title_len;
  }

  bool IsNameWordOrAny(uint32_t j) const { return j < words_.size() && words_[j].has_letter; }

  // ---- organisations by pattern --------------------------------------------------------------

  // "Ministry of Culture and Information", "Kazakh National University", "Communist Party of
  // China". Returns the end word of the organisation, or i when there is none.
  uint32_t TryOrgPattern(uint32_t i, uint32_t min_end) {
    if (!words_[i].upper_initial || words_[i].caps_line || (words_[i].has_dash && IsHyphenModifier(words_[i].text))) {
      return i;
    }
    // A dictionary word opening a name after "(" or "--" ("( Federal Open Market Committee )",
    // "-- New York Energy Desk") may start an organisation, not a sentence-initial one.
    const bool after_open = i > 0 && !words_[i].line_start && IsOpeningPunct(words_[i - 1].text) &&
                            words_[i - 1].text != ":" && !words_[i].info.Has(WordInfo::kStop);
    if (!IsNameWord(i) && !MatchPhrase(i).entry && !words_[i].all_upper && !after_open) return i;
    // Extended run: name words and dictionary names, with of/for/the/&/and inside.
    std::vector<uint32_t>& run = org_run_;
    run.clear();
    uint32_t j = i;
    bool in_complement = false;
    int head = -1;
    bool head_prefix = false;
    while (j < words_.size() && !used_[j]) {
      const Word& w = words_[j];
      bool name_ok = w.upper_initial && w.has_letter && !w.caps_line && !w.info.Has(WordInfo::kStop) &&
                     (j == i || !w.initial) && !(w.has_dash && IsHyphenModifier(w.text));
      if (name_ok) {
        if (const OrgPattern* op = OrgPat(w)) {
          if (!in_complement || head < 0) {
            head = static_cast<int>(run.size());
            head_prefix = op->prefix;
          }
        }
        run.push_back(j);
        ++j;
        continue;
      }
      if (!run.empty() && j + 1 < words_.size()) {
        bool connector = false;
        if ((w.lower == "of" || w.lower == "for") && head >= 0 && !IsLegalForm(words_[j - 1].lower)) {
          in_complement = true;
          connector = true;
        } else if (w.lower == "&") {
          connector = true;
        } else if (w.lower == "and" && in_complement) {
          connector = true;
        } else if (w.lower == "on" && head >= 0 && TakesTopic(words_[run[head]].lower) && !in_complement &&
                   j + 1 < words_.size() && !words_[j + 1].info.Has(WordInfo::kMonth) &&
                   !MatchPhrase(j + 1, false).entry) {
          // "Commission on Presidential Debates", "Committee on Foreign Relations"
          in_complement = true;
          connector = true;
        } else if ((w.lower == "in" || w.lower == "on") && head >= 0) {
          PhraseMatch pm = MatchPhrase(j + 1, false);
          connector = pm.entry && (pm.entry->kind == PhraseKind::kCountry || pm.entry->kind == PhraseKind::kRegion);
          if (connector) in_complement = true;
        } else if (w.lower == "the" && !run.empty() && (words_[j - 1].lower == "of" || words_[j - 1].lower == "for")) {
          connector = true;
        }
        uint32_t next = j + 1;
        if (connector && Is(next, "the")) ++next;
        if (connector && next < words_.size() && words_[next].upper_initial && !words_[next].caps_line &&
            !words_[next].info.Has(WordInfo::kStop)) {
          j = next;
          continue;
        }
      }
      break;
    }
    if (head < 0 || run.empty()) return i;
    uint32_t head_word = run[head];
    // In a sports report "American League", "Premier League" are competitions, not organisations.
    if (sports_ && (words_[head_word].lower == "league" || words_[head_word].lower == "leagues")) return i;
    uint32_t end = run.back() + 1;
    if (!in_complement) end = head_word + 1;  // "... University", nothing after the head
    if (head == 0 && !in_complement && run.size() == 1) return i;  // "Parliament" alone
    if (head == 0 && !head_prefix && !in_complement) return i;
    if (end <= min_end) return i;
    // A person's name right after the complement is not part of it ("... Information Aida Balayeva").
    uint32_t begin = i;
    std::string country;
    // A leading demonym or country before a prefix head is a modifier: "Kazakh Ministry of ...".
    if (head_prefix && head > 0) {
      PhraseMatch pm = MatchPhrase(i, false);
      const OrgPattern* hp = OrgPat(words_[head_word]);
      if (pm.entry && (pm.entry->kind == PhraseKind::kDemonym || pm.entry->kind == PhraseKind::kCountry) &&
          (pm.end == head_word || (pm.end < head_word && hp && hp->kind == "ministry"))) {
        // also "German Foreign Ministry" -> German + Foreign Ministry (not "American Enterprise Institute")
        country = lex_.countries()[pm.entry->index].alpha3;
        EmitPhrase(pm, i);
        begin = pm.end;
      }
    }
    if (country.empty()) {
      PhraseMatch pm = MatchPhrase(begin, false);
      if (pm.entry && (pm.entry->kind == PhraseKind::kDemonym || pm.entry->kind == PhraseKind::kCountry)) {
        country = lex_.countries()[pm.entry->index].alpha3;
      }
    }
    // "of China": the complement's country.
    for (uint32_t k = head_word + 1; k < end && country.empty(); ++k) {
      PhraseMatch pm = MatchPhrase(k, false);
      if (pm.entry && pm.entry->kind == PhraseKind::kCountry && (Is(k - 1, "of") || Is(k - 1, "the"))) {
        country = lex_.countries()[pm.entry->index].alpha3;
      }
    }
    // Trim a trailing person name from a complement: a given name starts it.
    for (uint32_t k = head_word + 2; k < end; ++k) {
      if (words_[k].cased.given != 0 && words_[k - 1].upper_initial && IsNameWord(k + 1)) {
        end = k;
        break;
      }
    }
    if (end <= min_end) return i;  // a dictionary name covers it ("West Bank")
    const uint32_t name_end = end;
    // "Corp.", "Inc.", "Co.": the abbreviation's period, written against it, belongs to the name.
    if (IsLegalForm(words_[end - 1].lower) && Is(end, ".") && words_[end].span.begin == words_[end - 1].span.end) {
      ++end;
    }
    std::string name(doc_.View(Span{words_[begin].span.begin, words_[name_end - 1].span.end}));
    const OrgPattern* op = OrgPat(words_[head_word]);
    int cand = KeyedEntity("ORG:" + EntityLexicon::Lower(name), EntityType::kOrg, name, country, op ? op->kind : "");
    AddMention(cand, begin, end);
    MaybeAcronymDefinition(cand, end);
    // "Pirelli SpA", "NationsBank Corp", "Magna International Inc": the name without its legal
    // form (and a generic "International"/"Holdings"/"Group" before it) names the company in the
    // rest of the article ("Pirelli said", "Magna shares").
    if (op && !op->prefix && op->kind == "company" && head_word + 1 == name_end) {
      uint32_t short_end = name_end;
      while (short_end > begin + 1 && (IsLegalForm(words_[short_end - 1].lower) ||
                                       IsGenericCompanyWord(words_[short_end - 1].lower))) {
        --short_end;
        std::string short_key;
        for (uint32_t k = begin; k < short_end; ++k) {
          if (k > begin) short_key.push_back(' ');
          short_key += words_[k].lower;
        }
        org_strings_.emplace(short_key, cand);
      }
    }
    return end;
  }

  // ---- sports teams --------------------------------------------------------------------------

  // True when word i is inside the dateline or on a line that starts with a place and a date
  // ("NICE , France 1996-08-30", "MILAN 1996-08-30").
  bool InDatelineLine(uint32_t i) const {
    if (doc_.dateline.present() && words_[i].span.begin >= doc_.dateline.span.begin &&
        words_[i].span.end <= doc_.dateline.span.end) {
      return true;
    }
    uint32_t k = i;
    while (k > 0 && !words_[k].line_start) --k;
    for (uint32_t n = k; n < words_.size() && n < k + 6; ++n) {
      if (n > k && words_[n].line_start) break;
      std::string_view t = words_[n].text;
      if (t.size() == 10 && t[4] == '-' && t[7] == '-' && t.find_first_not_of("0123456789-") == std::string_view::npos) {
        return true;
      }
    }
    return false;
  }

  // Sports reports only: names from sports_teams.tsv. Full names and aliases first ("Cleveland
  // Indians", "Indians", "Kent"); then the homes of the teams so named ("Cleveland" after
  // "Indians"). An alias or home is not the team after in/at/from/to/near, in a dateline line,
  // inside a longer capitalised name, or when it is a sentence-initial dictionary word.
  [[gnu::noinline]] void TeamPass() {
    std::vector<bool> named(lex_.teams().size(), false);
    for (int pass = 0; pass < 2; ++pass) {
      for (uint32_t i = 0; i < words_.size(); ++i) {
        const Word& w = words_[i];
        if (used_[i] || !w.has_letter || !w.upper_initial || !w.info.Has(WordInfo::kTeamStart)) continue;
        uint32_t max_n = std::min<uint32_t>(lex_.max_team_tokens(), static_cast<uint32_t>(words_.size() - i));
        uint64_t h = 0;
        uint32_t best_end = 0;
        const TeamEntry* best = nullptr;
        for (uint32_t n = 1; n <= max_n; ++n) {
          const Word& x = words_[i + n - 1];
          if (used_[i + n - 1] || (n > 1 && x.line_start)) break;
          if (x.has_letter && !x.upper_initial && x.lower != "of" && x.lower != "and" && x.lower != "the" &&
              x.lower != "'s" && x.lower != "’s" && !(x.lower == "s" && n > 1 && !words_[i + n - 2].has_letter)) {
            break;
          }
          if (n > 1 && !x.info.Has(WordInfo::kContinues)) break;  // no team name has it there
          h = n == 1 ? x.hash : HashPhrase(h, x.hash);
          const TeamKey* k = lex_.TeamKeyOf(h);
          if (!k || !k->prefix) break;
          if (k->entries < 0) continue;
          for (const TeamEntry& e : lex_.TeamEntries(k->entries)) {
            // Pass 1 also takes headline words that are dictionary words ("RANGERS") for teams the
            // body names.
            bool ok = pass == 0 ? e.kind != TeamNameKind::kHome
                                : named[e.team] && (e.kind == TeamNameKind::kHome || x.caps_line);
            if (ok) {
              best = &e;
              best_end = i + n;
              break;
            }
          }
        }
        if (!best) continue;
        const uint32_t end = best_end;
        // "New York City", "Jim Morton": part of a longer capitalised name.
        if (i > 0 && !used_[i - 1] && !w.line_start && words_[i - 1].upper_initial && words_[i - 1].has_letter &&
            !words_[i - 1].caps_line && !words_[i - 1].info.Has(WordInfo::kStop) &&
            (!words_[i - 1].initial || AfterPlacePrefix(i))) {
          continue;
        }
        if (best->kind != TeamNameKind::kName || end == i + 1) {  // "Portsmouth": a club named as its town
          if (i > 0) {
            const std::string_view prev = words_[i - 1].lower;
            if (prev == "in" || prev == "at" || prev == "from" || prev == "to" || prev == "near" ||
                prev == "outside" || prev == "into" || prev == "around") {
              continue;
            }
          }
          if (end < words_.size() && !used_[end] && !words_[end].caps_line && IsNameWord(end) &&
              !words_[end].info.Has(WordInfo::kTeamStart)) {
            continue;  // "Kent County Council"
          }
          if (InDatelineLine(i)) continue;
          if (Is(end, ":")) continue;  // "Leicester : Leicestershire beat Somerset": a venue heading
          if (pass == 0 && end == i + 1 && w.caps_line && Common(w) && !w.cased.proper) continue;  // "READING"
        }
        const TeamInfo& team = lex_.teams()[best->team];
        if (pass == 0) named[best->team] = true;
        AddMention(KeyedEntity("ORG:" + EntityLexicon::Lower(team.name), EntityType::kOrg, team.name, "", "team"), i,
                   end);
        i = end - 1;
      }
    }
    std::sort(mentions_.begin(), mentions_.end(),
              [](const TmpMention& a, const TmpMention& b) { return a.span.begin < b.span.begin; });
  }

  // Organisation heads that take an "on <topic>" complement ("Commission on Presidential Debates");
  // others do not ("Hofstra University on Long Island").
  static bool TakesTopic(std::string_view head) {
    return head == "commission" || head == "committee" || head == "council" || head == "conference" ||
           head == "panel" || head == "subcommittee" || head == "board";
  }

  // Legal forms of companies ("Inc", "Corp", "SpA"): their removal leaves the company's name.
  static bool IsLegalForm(std::string_view lower) {
    static constexpr std::string_view kForms[] = {"inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "plc", "llc",
                                         "spa", "s.p.a.", "ag", "sa", "s.a.", "nv", "n.v.", "bv", "ab", "asa",
                                         "oyj", "gmbh", "bhd", "tbk", "pte", "llp", "lp", "bros", "bros."};
    for (std::string_view f : kForms) {
      if (lower == f) return true;
    }
    return false;
  }
  // Generic words between a company's name and its legal form ("Magna International Inc").
  static bool IsGenericCompanyWord(std::string_view lower) {
    static constexpr std::string_view kWords[] = {"international", "holdings", "holding", "group", "corporation", "company",
                                         "bancorp", "bancshares", "industries", "enterprises", "incorporated"};
    for (std::string_view f : kWords) {
      if (lower == f) return true;
    }
    return false;
  }

  // True when the word at `k` turns the organisation name before it into the name of an event,
  // holiday or index: "UEFA Cup", "Fed Cup", "Labor Day", "Dow Jones industrial average".
  bool NamesEventOrIndex(uint32_t k) const {
    if (k >= words_.size()) return false;
    static constexpr std::string_view kEvents[] = {"cup", "day", "grand", "trophy", "open", "games", "prize", "award", "classic",
                                          "championship", "championships", "tournament"};
    static constexpr std::string_view kIndex[] = {"index", "average", "industrial", "industrials", "composite"};
    const Word& w = words_[k];
    if (w.upper_initial) {
      for (std::string_view e : kEvents) {
        if (w.lower == e) return true;
      }
      return false;
    }
    for (std::string_view e : kIndex) {
      if (w.lower == e) return true;
    }
    return false;
  }

  // ---- the main pass -------------------------------------------------------------------------

  [[gnu::noinline]] void MainPass() {
    uint32_t i = 0;
    while (i < words_.size()) {
      if (used_[i] || !words_[i].has_letter) {
        ++i;
        continue;
      }
      const Word& w = words_[i];
      // Headlines: dictionary names only.
      if (w.caps_line) {
        PhraseMatch pm = MatchPhrase(i);
        if (pm.entry && pm.entry->kind == PhraseKind::kOrg && NamesEventOrIndex(pm.end)) {
          i = pm.end;  // "FED CUP"
          continue;
        }
        if (pm.entry && pm.entry->kind != PhraseKind::kCapital && EmitPhrase(pm, i)) {
          i = pm.end;
          continue;
        }
        ++i;
        continue;
      }
      // A lower-case word that starts no dictionary name, role or title can start nothing below
      // (every later step needs a capital, an acronym or one of those flags).
      if (!w.upper_initial && !w.all_upper &&
          !w.info.Has(WordInfo::kPhraseStart | WordInfo::kRoleModifier | WordInfo::kTitleStart)) {
        ++i;
        continue;
      }
      PhraseMatch pm = MatchPhrase(i);
      // 1. A known organisation, unless it names an event or an index ("UEFA Cup", "Labor Day",
      // "Dow Jones industrial average").
      if (pm.entry && pm.entry->kind == PhraseKind::kOrg) {
        // "Reuters Ottawa Bureau", "Labour Department": a longer name ending in an organisation
        // word right after the known one (not "Party of China and Acme Ltd").
        bool longer = false;
        uint32_t k = pm.end;
        while (k < words_.size() && words_[k].upper_initial && words_[k].has_letter && !used_[k] &&
               !words_[k].caps_line && !words_[k].info.Has(WordInfo::kStop)) {
          longer = longer || OrgPat(words_[k]) != nullptr;
          ++k;
        }
        const bool legal_end = k > pm.end && IsLegalForm(words_[k - 1].lower);  // "Kia Motor Corp of ..."
        if (longer && (legal_end || (!Is(k, "of") && !Is(k, "for") && !Is(k, "and") && !Is(k, "&")))) {
          if (uint32_t next = TryOrgPattern(i, pm.end); next != i) {
            i = next;
            continue;
          }
        }
        if (NamesEventOrIndex(pm.end)) {
          i = pm.end;
          continue;
        }
        // "Pirelli SpA ... Pirelli": the known name is the short form of a company named before.
        auto it = org_strings_.end();
        if (!org_strings_.empty()) {
          std::string key;
          for (uint32_t k = i; k < pm.end; ++k) {
            if (k > i) key.push_back(' ');
            key += words_[k].lower;
          }
          it = org_strings_.find(key);
        }
        if (it != org_strings_.end()) {
          AddMention(it->second, i, pm.end);
        } else {
          EmitPhrase(pm, i);
        }
        i = pm.end;
        continue;
      }
      // 2. A role, with the person it introduces.
      if (uint32_t next = TryRole(i); next != i) {
        i = next;
        continue;
      }
      // 3. An organisation by pattern.
      if (uint32_t next = TryOrgPattern(i, pm.entry ? pm.end : i); next != i) {
        i = next;
        continue;
      }
      // 4. Honorific + name.
      if (char g = w.info.honorific; g != 0 && (w.upper_initial)) {
        uint32_t n = i + 1;
        if (Is(n, ".")) ++n;
        uint32_t len = NameLength(n, true);
        if (len > 0) {
          AddPerson(n, n + len, g);
          i = n + len;
          continue;
        }
      }
      // 5. Countries, demonyms, regions, capitals (unless part of a person's name).
      if (pm.entry) {
        bool person_name = false;
        if (pm.end == i + 1 && w.cased.given != 0 && IsNameWord(i + 1) && !MatchPhrase(i + 1).entry) {
          person_name = true;  // "Jordan Henderson", "Georgia Meloni"
        }
        if (pm.end == i + 1 && FindPerson(i, i + 1) >= 0) person_name = true;  // "Jordan" after "Michael Jordan"
        if (pm.entry->kind == PhraseKind::kCountry && IsUsStateReading(i, pm)) {
          i = pm.end;  // "Atlanta, Georgia": the places stage decides
          continue;
        }
        if ((pm.entry->kind == PhraseKind::kCountry || pm.entry->kind == PhraseKind::kDemonym) &&
            AfterPlacePrefix(i)) {
          i = pm.end;  // "New Jersey", "New Mexico": not Jersey or Mexico; the places stage decides
          continue;
        }
        if (!person_name && pm.entry->kind == PhraseKind::kCapital && Is(pm.end, "&") && IsNameWord(pm.end + 1)) {
          i = NameRun(i);  // "Douglas & Lomason": a firm, not the capital
          continue;
        }
        if (!person_name) {
          if (EmitPhrase(pm, i)) {
            i = pm.end;
            continue;
          }
          i = pm.end;  // a capital used as a place: the places stage's
          continue;
        }
      }
      // 6. A run of capitalised words.
      if (IsNameWord(i) || (w.all_upper && !w.caps_line) || (InitialLength(i) > 0 && !w.caps_line)) {
        i = NameRun(i);
        continue;
      }
      ++i;
    }
  }

  // True when word i follows a capitalised place-name prefix ("New Jersey", "West Virginia",
  // "Baja California", "Nova Scotia"): a country or demonym there is the last word of a longer
  // place name, which the places stage resolves.
  bool AfterPlacePrefix(uint32_t i) const {
    if (i == 0 || !words_[i - 1].upper_initial || used_[i - 1]) return false;
    static constexpr std::string_view kPrefixes[] = {"new", "north", "south", "east", "west", "northern", "southern",
                                            "eastern", "western", "upper", "lower", "greater", "little", "baja",
                                            "nova", "port", "fort", "san", "santa", "st", "st.", "saint", "mount",
                                            "lake", "cape", "old"};
    for (std::string_view p : kPrefixes) {
      if (words_[i - 1].lower == p) return true;
    }
    return false;
  }

  // "Atlanta, Georgia", "the U.S. state of Georgia": the country name used for a U.S. state.
  bool IsUsStateReading(uint32_t i, const PhraseMatch& pm) const {
    const CountryInfo& c = lex_.countries()[pm.entry->index];
    if (c.alpha3 != "GEO") return false;
    if (i >= 2 && Is(i - 1, "of") && Is(i - 2, "state")) return true;
    if (i >= 2 && Is(i - 1, ",") && words_[i - 2].upper_initial && !MatchPhrase(i - 2).entry) return true;
    if (Is(pm.end, ",") && pm.end + 1 < words_.size() &&
        (words_[pm.end + 1].lower == "u.s." || words_[pm.end + 1].lower == "usa")) {
      return true;
    }
    return false;
  }

  // Types a run of capitalised words starting at i; returns the word after it.
  uint32_t NameRun(uint32_t i) {
    const Word& w = words_[i];
    // An acronym defined earlier, or an unknown all-caps acronym.
    if (w.all_upper) {
      auto it = acronyms_.find(std::string(w.text));
      if (it != acronyms_.end()) {
        AddMention(it->second, i, i + 1);
        return i + 1;
      }
    }
    // "S. Waugh", "J. R. Smith": initials before a name word.
    if (InitialLength(i) > 0) {
      uint32_t len = NameLength(i, true);
      uint32_t names = 0;
      for (uint32_t k = i; k < i + len; ++k) names += (IsNameWord(k) ? 1 : 0);
      if (names >= 1) {
        AddPerson(i, i + len, 0);
        return i + len;
      }
      return i + InitialLength(i);
    }
    uint32_t len = NameLength(i, false);
    if (len == 0 && Is(i + 1, "&") && IsNameWord(i + 2)) len = 1;  // "Douglas & Lomason" (a capital's name)
    bool acronym = w.all_upper && w.text.size() <= 6 && !Common(w) && !w.info.Has(WordInfo::kStop) &&
                   !IsRoman(w.text) && !w.initial;
    if (len == 0 || (len == 1 && acronym)) {
      if (acronym) {
        std::string name(w.text);
        AddMention(KeyedEntity("ORG:" + std::string(w.lower), EntityType::kOrg, name, ""), i, i + 1);
      }
      return i + 1;
    }
    uint32_t end = i + len;
    // "Douglas & Lomason", "Procter & Gamble": names joined by an ampersand are a firm.
    if (Is(end, "&") && IsNameWord(end + 1)) {
      uint32_t firm_end = end + 1;
      while (firm_end < words_.size() && IsNameWord(firm_end) && !used_[firm_end]) ++firm_end;
      std::string name(doc_.View(Span{words_[i].span.begin, words_[firm_end - 1].span.end}));
      AddMention(KeyedEntity("ORG:" + EntityLexicon::Lower(name), EntityType::kOrg, name, "", "company"), i, firm_end);
      return firm_end;
    }
    uint32_t names = 0;
    for (uint32_t k = i; k < end; ++k) names += (IsNameWord(k) ? 1 : 0);
    // Known person (full name or surname)?
    if (FindPerson(i, end) >= 0) {
      AddPerson(i, end, 0);
      return end;
    }
    bool given = words_[i].cased.given != 0;
    bool family_first = words_[i].cased.family_first && names >= 2 && names <= 3;
    bool suffix = names >= 2 && lex_.SurnameSuffixGender(words_[end - 1].lower) != 0;
    uint32_t after = end;
    if (Is(after, ",")) {
      // "John Smith, 45, said"
      if (after + 2 < words_.size() && words_[after + 1].text.find_first_not_of("0123456789") == std::string::npos &&
          Is(after + 2, ",")) {
        after += 3;
      }
    }
    bool verb = after < words_.size() && words_[after].info.Has(WordInfo::kPersonVerb);
    // The weak rule (no word of the run is an English word) needs the run to end a noun phrase:
    // "Lebed Chechnya peace plan" uses the run as a modifier, like places and organisations are.
    bool ends_phrase = after >= words_.size() || !words_[after].has_letter || verb ||
                       words_[after].upper_initial || words_[after].info.Has(WordInfo::kStop) ||
                       !Common(words_[after]) || words_[after].lower.ends_with("ed") ||
                       words_[after].lower.ends_with("s") || words_[after].lower == "'s";
    // "Los Angeles", "San Marino", "Port Moresby": toponym-like first words are not persons
    // by the weak rule.
    static constexpr std::string_view kPlacePrefixes[] = {"los", "las", "san", "santa", "sao", "são", "port", "fort", "puerto",
                                                 "porto", "new", "st", "st.", "saint", "mount", "lake", "cape", "el",
                                                 "la", "le", "rio", "costa", "buenos", "kuala"};
    bool place_like = false;
    for (std::string_view p : kPlacePrefixes) place_like = place_like || words_[i].lower == p;
    bool unknown_words = names >= 2 && names <= 3 && ends_phrase && !place_like;
    if (unknown_words) {
      for (uint32_t k = i; k < end; ++k) {
        if (!IsNameWord(k)) continue;
        if (Common(words_[k]) || OrgPat(words_[k])) unknown_words = false;
      }
    }
    // "Jan Kroslak ( Slovakia )": a name with its nationality in parentheses (results lists).
    const bool nationality = names >= 2 && names <= 3 && CountryInParens(end) && !OrgPat(words_[end - 1]);
    if ((names >= 2 && (given || family_first || suffix || verb || nationality)) || unknown_words) {
      AddPerson(i, end, 0);
      return end;
    }
    if (names == 1 && verb && lex_.has_wordlist() && !Common(words_[i]) &&
        !words_[i].cased.proper && !words_[i].all_upper) {
      // "Muralitharan said": a word no dictionary knows, before a reporting verb.
      AddPerson(i, end, 0);
      return end;
    }
    if (names == 1 && verb && lex_.SurnameSuffixGender(words_[i].lower) != 0) {
      AddPerson(i, end, 0);
      return end;
    }
    pending_.push_back({i, end});
    return end;
  }

  static bool IsRoman(std::string_view s) {
    return s.find_first_not_of("IVXLC") == std::string_view::npos;
  }

  // Runs left untyped by the main pass that name a person found later in the text.
  [[gnu::noinline]] void SecondPass() {
    for (auto [begin, end] : pending_) {
      bool free = true;
      for (uint32_t k = begin; k < end; ++k) free = free && !used_[k];
      if (!free) continue;
      if (FindPerson(begin, end) >= 0) AddPerson(begin, end, 0);
    }
    // Merge surname-only persons into the full name they abbreviate.
    for (size_t a = 0; a < cands_.size(); ++a) {
      Cand& short_p = cands_[a];
      if (short_p.type != EntityType::kPerson || short_p.merged_into >= 0 || short_p.name_words.size() != 1) continue;
      for (size_t b = 0; b < cands_.size(); ++b) {
        Cand& long_p = cands_[b];
        if (a == b || long_p.type != EntityType::kPerson || long_p.merged_into >= 0 || long_p.name_words.size() < 2) continue;
        if (long_p.name_words.back() == short_p.name_words[0]) {
          short_p.merged_into = static_cast<int>(b);
          if (long_p.role.empty()) {
            long_p.role = short_p.role;
            long_p.role_head = short_p.role_head;
          }
          if (long_p.country.empty()) long_p.country = short_p.country;
          if (long_p.gender == 0) long_p.gender = short_p.gender;
          break;
        }
      }
    }
    // Headline lines: full names of persons found in the body ("BALAYEVA").
    std::vector<std::vector<std::string>> lower_names(any_caps_line_ ? persons_.size() : 0);  // on first use
    for (uint32_t i = 0; i < words_.size() && any_caps_line_; ++i) {
      if (!words_[i].caps_line || used_[i] || !words_[i].has_letter) continue;
      for (size_t x = 0; x < persons_.size(); ++x) {
        const int c = persons_[x];
        const Cand& p = cands_[c];
        if (p.type != EntityType::kPerson || p.merged_into >= 0 || p.name_words.size() < 2) continue;
        std::vector<std::string>& lower = lower_names[x];
        if (lower.empty()) {
          for (const std::string& name_word : p.name_words) lower.push_back(EntityLexicon::Lower(name_word));
        }
        size_t n = p.name_words.size();
        bool match = i + n <= words_.size();
        for (size_t k = 0; k < n && match; ++k) {
          match = !used_[i + k] && lower[k] == words_[i + k].lower;
        }
        if (match) {
          AddMention(c, i, static_cast<uint32_t>(i + n));
          break;
        }
        if (lower.back() == words_[i].lower && words_[i].text.size() > 3) {
          AddMention(c, i, i + 1);
          break;
        }
      }
    }
    std::sort(mentions_.begin(), mentions_.end(),
              [](const TmpMention& a, const TmpMention& b) { return a.span.begin < b.span.begin; });
  }

  // ---- organisations from context -------------------------------------------------------------

  // A word that can belong to a context run: capitalised, not used by a mention, not a stop word,
  // month, pronoun or single letter, not a sentence-initial dictionary word ("Results").
  bool ContextRunWord(uint32_t k) const {
    const Word& w = words_[k];
    if (used_[k] || !w.has_letter || !w.upper_initial || w.text.size() < 2) return false;
    if ((w.has_dash && IsHyphenModifier(w.text)) || IsPluralAcronym(w.text)) return false;  // "Ohio-based", "GDRs"
    if (w.info.Has(WordInfo::kStop) || w.info.Has(WordInfo::kMonth) || w.info.pronoun) return false;
    if (w.info.Has(WordInfo::kTeamVerb) || w.info.Has(WordInfo::kTeamPrep)) return false;
    if (!w.caps_line && w.initial && Common(w) && !w.cased.proper) return false;
    return true;
  }

  // A score or table number: "2", "74", ".596", "532-8", "1/2" (not a date "1996-08-30").
  bool IsScore(uint32_t k) const {
    if (k >= words_.size()) return false;
    std::string_view t = words_[k].text;
    if (t.empty() || t.size() > 7) return false;
    int digits = 0, dashes = 0;
    for (char c : t) {
      if (c >= '0' && c <= '9') ++digits;
      else if (c == '-') ++dashes;
      else if (c != '.' && c != '/') return false;
    }
    return digits > 0 && dashes <= 1;
  }

  bool IsPossessive(uint32_t k) const { return Is(k, "'s") || Is(k, "’s"); }

  // "( U.S. )", "( Madagascar )" at k: the nationality after an individual's name in results.
  bool CountryInParens(uint32_t k) const {
    if (!Is(k, "(")) return false;
    PhraseMatch pm = MatchPhrase(k + 1, false);
    return pm.entry && (pm.entry->kind == PhraseKind::kCountry || pm.entry->kind == PhraseKind::kRegion) &&
           Is(pm.end, ")");
  }

  // A capitalised dictionary word opening a results or standings line ("Partizan 6 Becej 0",
  // "Red Star 4 4 0 0 9 3 12"): the context pass takes it although it is line-initial.
  bool ResultsLineStart(uint32_t k) const {
    const Word& w = words_[k];
    if (!w.line_start || used_[k] || !w.upper_initial || w.text.size() < 2 || w.info.Has(WordInfo::kStop) ||
        w.info.Has(WordInfo::kMonth)) {
      return false;
    }
    return IsScore(k + 1) || (k + 2 < words_.size() && words_[k + 1].upper_initial && !used_[k + 1] &&
                              !words_[k + 1].info.Has(WordInfo::kStop) && IsScore(k + 2));
  }

  // A name [b, e) followed by a company word ("Pirelli shares", "Fiat 's chairman", "Petofi
  // general manager") or after "shares of"/"stake in".
  bool CompanyContext(uint32_t b, uint32_t e) const {
    uint32_t after = e + (IsPossessive(e) ? 1 : 0);
    if (after < words_.size() && !words_[after].upper_initial) {
      const std::string_view a = words_[after].lower;
      if ((a == "general" || a == "chief" || a == "managing" || a == "executive") && after + 1 < words_.size() &&
          !words_[after + 1].upper_initial) {
        ++after;
      }
      if (words_[after].info.Has(WordInfo::kCoAfter)) return true;
    }
    return b >= 2 && (Is(b - 1, "of") || Is(b - 1, "in")) && words_[b - 2].info.Has(WordInfo::kCoBefore);
  }

  // "news agency Tanjug", "packaging company Cofinec", "serie A club Atalanta": a lower-case
  // organisation noun right before the name.
  bool OrgNounBefore(uint32_t b) const {
    return b > 0 && words_[b - 1].info.Has(WordInfo::kOrgBefore) && !words_[b - 1].upper_initial &&
           !words_[b - 1].caps_line;
  }

  // Sports teams and companies without a pattern word, typed by their context, then every
  // other occurrence of the same name in the article gets the same type:
  //  - in a sports report (3+ words of org_context.tsv class `sport`): a name next to a result
  //    verb ("Leicestershire beat Somerset"), after "against"/"v", before a sports role ("Surrey
  //    captain"), or in a results/standings line (a name after the line start or a score, followed
  //    by a score: "Lotte 6 Hyundai 2", "NEW YORK 74 58 .561");
  //  - anywhere: before a company word ("Pirelli shares", "Fiat's chairman") or after one with
  //    of/in ("shares of Magna"); the name of "X Corp"/"X SpA" without its suffix.
  // Names that are known persons, countries or other dictionary names are not runs here (used).
  [[gnu::noinline]] void ContextOrgs() {
    const bool sports = sports_;
    // Runs of up to 3 capitalised unused words on one line.
    struct Run {
      uint32_t begin, end;
    };
    std::vector<Run> runs;
    for (uint32_t i = 0; i < words_.size();) {
      if (!words_[i].upper_initial || (!ContextRunWord(i) && !(sports && ResultsLineStart(i)))) {
        ++i;
        continue;
      }
      uint32_t j = i + 1;
      while (j < words_.size() && j - i < 3 && ContextRunWord(j) && !words_[j].line_start &&
             words_[j].caps_line == words_[i].caps_line) {
        ++j;
      }
      // "Mladost ( L ) 4 2 1 1 8 5 7": a team told apart by its town's initial, in a table.
      if (sports && Is(j, "(") && j + 3 < words_.size() && Is(j + 2, ")") && words_[j + 1].upper_initial &&
          words_[j + 1].text.size() <= 3 && words_[j + 1].lower != words_[j + 1].text &&
          (words_[j + 1].all_upper || words_[j + 1].text.size() == 1) && IsScore(j + 3)) {
        j += 3;
      }
      runs.push_back({i, j});
      i = j;
    }
    auto key_of = [&](const Run& r) {
      std::string key;
      for (uint32_t k = r.begin; k < r.end; ++k) {
        if (k > r.begin) key.push_back(' ');
        key += words_[k].lower;
      }
      return key;
    };
    auto named = [&](const Run& r) { return !org_strings_.empty() && org_strings_.count(key_of(r)) > 0; };
    auto add_org = [&](const Run& r, const char* kind) {
      std::string key = key_of(r);
      auto it = org_strings_.find(key);
      if (it != org_strings_.end()) return;
      std::string name(doc_.View(Span{words_[r.begin].span.begin, words_[r.end - 1].span.end}));
      if (words_[r.begin].caps_line) name = Utf8TitleCase(name);
      org_strings_.emplace(key, KeyedEntity("ORG:" + key, EntityType::kOrg, name, "", kind));
    };
    for (const Run& r : runs) {
      const uint32_t b = r.begin, e = r.end;
      const bool caps = words_[b].caps_line;
      if (!caps) {
        if (CompanyContext(b, e)) {
          add_org(r, "company");
          continue;
        }
        if (OrgNounBefore(b)) {
          add_org(r, sports ? "team" : "company");
          continue;
        }
      }
      uint32_t after = e + (IsPossessive(e) ? 1 : 0);
      if (!sports) continue;
      bool team = false;
      if (!caps) {
        team = (e < words_.size() && words_[e].info.Has(WordInfo::kTeamVerb)) ||
               (b > 0 && (words_[b - 1].info.Has(WordInfo::kTeamVerb) || words_[b - 1].info.Has(WordInfo::kTeamPrep))) ||
               (after < words_.size() && words_[after].info.Has(WordInfo::kTeamRole));
      }
      if (!team && IsScore(e) && (words_[b].line_start || (b > 0 && IsScore(b - 1)))) team = true;
      // "Monica Seles ( U.S. ) beat Dally Randriantefy ( Madagascar )": a player with a nationality.
      if (team && !CountryInParens(e)) add_org(r, "team");
    }
    // Names coordinated with a team (sports reports) or a company (elsewhere): "Essex , Derbyshire
    // and Surrey all closed in", "Magna , Johnson Controls and Lear". The neighbour is a name typed
    // above or an organisation mention of the main pass (a table team, "Norwest Corp").
    std::vector<int>& org_word = org_word_;
    org_word.assign(words_.size(), -1);
    bool any_org_word = false;
    for (const TmpMention& m : mentions_) {
      const Cand& c = cands_[Resolve(m.cand)];
      if (c.type != EntityType::kOrg || c.org_kind != (sports ? "team" : "company")) continue;
      for (uint32_t k = m.first_word; k < words_.size() && words_[k].span.end <= m.span.end; ++k) {
        org_word[k] = Resolve(m.cand);
        any_org_word = true;
      }
    }
    // A comma counts only inside a list that ends with and/or ("A , B and C"), not in an
    // apposition ("the Oval , Surrey captain ...").
    auto is_coord = [&](uint32_t k) {
      if (k >= words_.size() || words_[k].caps_line) return false;
      if (Is(k, "and") || Is(k, "or")) return true;
      if (!Is(k, ",")) return false;
      for (uint32_t n = k + 1; n < words_.size() && n < k + 10 && !words_[n].line_start; ++n) {
        if (Is(n, "and") || Is(n, "or")) return true;
        if (words_[n].has_letter && !words_[n].upper_initial) return false;
      }
      return false;
    };
    // With no typed name and no organisation word there is no typed neighbour: skip the rounds.
    for (int round = 0; round < 2 && (any_org_word || !org_strings_.empty()); ++round) {
      for (size_t x = 0; x < runs.size(); ++x) {
        const Run& r = runs[x];
        if (words_[r.begin].caps_line || named(r)) continue;
        bool typed_neighbour = false;
        if (r.begin >= 2 && is_coord(r.begin - 1)) {
          typed_neighbour = org_word[r.begin - 2] >= 0 ||
                            (x > 0 && runs[x - 1].end + 1 == r.begin && named(runs[x - 1]));
        }
        if (!typed_neighbour && is_coord(r.end) && r.end + 1 < words_.size()) {
          typed_neighbour = org_word[r.end + 1] >= 0 ||
                            (x + 1 < runs.size() && runs[x + 1].begin == r.end + 1 &&
                             named(runs[x + 1]));
        }
        if (typed_neighbour) add_org(r, sports ? "team" : "company");
      }
    }
    // Every occurrence of a name typed above (or of a company's short name) is that organisation.
    bool added = false;
    for (Run r : runs) {
      if (org_strings_.empty()) break;
      auto it = org_strings_.find(key_of(r));
      if (it == org_strings_.end() && words_[r.begin].caps_line) {
        // Headlines: a typed name inside a longer capitalised run ("COFINEC PLUNGES ON").
        for (uint32_t b = r.begin; b < r.end && it == org_strings_.end(); ++b) {
          for (uint32_t e = r.end; e > b && it == org_strings_.end(); --e) {
            it = org_strings_.find(key_of(Run{b, e}));
            if (it != org_strings_.end()) r = Run{b, e};
          }
        }
      }
      if (it == org_strings_.end()) continue;
      // "at DETROIT", "in Leicester", a dateline "NEW YORK 1996-08-30": the place, not the team.
      if (r.begin > 0 && (Is(r.begin - 1, "at") || Is(r.begin - 1, "in"))) continue;
      if (words_[r.begin].line_start && r.end < words_.size() && !IsScore(r.end) &&
          words_[r.end].text.find_first_of("0123456789") == 0) {
        continue;
      }
      bool free = true;
      for (uint32_t k = r.begin; k < r.end; ++k) free = free && !used_[k];
      if (!free) continue;
      AddMention(it->second, r.begin, r.end);
      added = true;
    }
    // Single-word "persons" that the context shows to be organisations ("Cofinec said" ...
    // "shares of Cofinec"): retype the entity.
    for (const TmpMention& m : mentions_) {
      Cand& c = cands_[Resolve(m.cand)];
      if (c.type != EntityType::kPerson || c.name_words.size() != 1) continue;
      const uint32_t b = m.first_word;
      uint32_t e = b + 1;
      bool company = CompanyContext(b, e) || OrgNounBefore(b) || org_strings_.count(std::string(words_[b].lower)) > 0;
      // A role read into a one-word name ("general manager of Petofi") yields to company context.
      if (!c.role.empty() && !company) continue;
      bool team = sports && IsScore(e) && (words_[b].line_start || (b > 0 && IsScore(b - 1)));
      if (auto it = org_strings_.find(std::string(words_[b].lower)); it != org_strings_.end()) {
        const int self = Resolve(m.cand);
        if (Resolve(it->second) != self) {  // "Pirelli" of "Pirelli SpA": the same company
          c.merged_into = it->second;
          continue;
        }
      }
      if (company || team) {
        c.type = EntityType::kOrg;
        c.org_kind = company ? "company" : "team";
        c.gender = 0;
        c.role.clear();
        c.role_head.clear();
      }
    }
    if (added) {
      std::sort(mentions_.begin(), mentions_.end(),
                [](const TmpMention& a, const TmpMention& b) { return a.span.begin < b.span.begin; });
    }
  }

  // ---- coreference ---------------------------------------------------------------------------

  [[gnu::noinline]] void ResolveNominals() {
    for (const Nominal& n : nominals_) {
      int best = -1;
      for (const TmpMention& m : mentions_) {
        if (m.span.begin >= n.span.begin) break;
        int c = Resolve(m.cand);
        const Cand& p = cands_[c];
        if (p.type != EntityType::kPerson || p.role_head.empty()) continue;
        if (p.role_head != n.head) continue;
        if (!n.country.empty() && !p.country.empty() && n.country != p.country) continue;
        best = c;  // the latest one wins
      }
      if (best < 0) continue;
      TmpMention m;
      m.span = n.span;
      m.cand = best;
      m.kind = MentionKind::kNominal;
      m.first_word = n.first_word;
      m.sent = n.sent;
      InsertSorted(m);
    }
  }

  void InsertSorted(const TmpMention& m) {
    auto pos = std::upper_bound(mentions_.begin(), mentions_.end(), m,
                                [](const TmpMention& a, const TmpMention& b) { return a.span.begin < b.span.begin; });
    mentions_.insert(pos, m);
  }

  [[gnu::noinline]] void ResolvePronouns() {
    std::vector<TmpMention> added;
    for (const uint32_t i : pronoun_words_) {  // the words with info.pronoun != 0, in order
      if (used_[i]) continue;
      char gender = words_[i].info.pronoun;
      if (gender == 0 || words_[i].caps_line) continue;
      uint32_t sent = words_[i].sent;
      // Candidates: person mentions before the pronoun, by sentence, nearest sentence first;
      // within a sentence the first (subject) mention, an exact gender match before an unknown one.
      std::vector<const TmpMention*>& before = pronoun_before_;
      before.clear();
      auto upto = std::lower_bound(mentions_.begin(), mentions_.end(), words_[i].span.begin,
                                   [](const TmpMention& m, uint32_t pos) { return m.span.begin < pos; });
      for (auto it = upto; it != mentions_.begin();) {
        --it;
        if (it->sent + kPronounWindowSentences < sent) break;
        if (cands_[Resolve(it->cand)].type == EntityType::kPerson) before.push_back(&*it);
      }
      for (auto it = added.rbegin(); it != added.rend() && it->sent + kPronounWindowSentences >= sent; ++it) {
        before.push_back(&*it);
      }
      std::sort(before.begin(), before.end(), [](const TmpMention* a, const TmpMention* b) { return a->span.begin < b->span.begin; });
      int chosen = -1;
      for (int64_t s = sent; s >= 0 && s + kPronounWindowSentences >= sent && chosen < 0; --s) {
        int unknown = -1;
        for (const TmpMention* m : before) {
          if (m->sent != static_cast<uint32_t>(s)) continue;
          int c = Resolve(m->cand);
          char g = cands_[c].gender;
          if (g == gender) {
            chosen = c;
            break;
          }
          if (g == 0 && unknown < 0) unknown = c;
        }
        if (chosen < 0 && unknown >= 0) chosen = unknown;
      }
      if (chosen < 0) continue;
      if (cands_[chosen].gender == 0) cands_[chosen].gender = gender;
      TmpMention m;
      m.span = words_[i].span;
      m.cand = chosen;
      m.kind = MentionKind::kPronoun;
      m.first_word = i;
      m.sent = sent;
      added.push_back(m);
    }
    for (const TmpMention& m : added) InsertSorted(m);
  }

  // ---- output --------------------------------------------------------------------------------

  [[gnu::noinline]] void Emit() {
    doc_.entities.clear();
    doc_.mentions.clear();
    std::vector<int> out_index(cands_.size(), -1);
    for (const TmpMention& m : mentions_) {
      int c = Resolve(m.cand);
      if (out_index[c] < 0) {
        const Cand& src = cands_[c];
        Entity e;
        e.type = src.type;
        e.canonical = src.canonical;
        e.country = src.country;
        e.role = src.role;
        e.org_kind = src.org_kind;
        e.gender = src.gender;
        e.first_mention = static_cast<uint32_t>(doc_.mentions.size());
        out_index[c] = static_cast<int>(doc_.entities.size());
        doc_.entities.push_back(std::move(e));
      }
      Mention out;
      out.span = m.span;
      out.entity = static_cast<uint32_t>(out_index[c]);
      out.kind = m.kind;
      out.role_span = m.role_span;
      doc_.mentions.push_back(out);
    }
  }

  const EntityLexicon& lex_;
  Document& doc_;
  std::vector<Word>& words_;
  std::string& lower_buf_;  // the lower-case words, back to back, in its first lower_len_ bytes
  size_t lower_len_ = 0;
  std::string non_ascii_lower_;  // MakeWord's scratch for words with non-ASCII bytes
  std::vector<const TmpMention*> pronoun_before_;  // ResolvePronouns' candidates
  std::vector<uint32_t> pronoun_words_;  // ProbeWords: the words that are pronouns
  int sport_words_ = 0;                  // ProbeWords: words of org_context.tsv class `sport`
  bool any_caps_line_ = false;           // BuildWords: some word is on a headline line
  std::vector<uint32_t>& sent_of_;
  std::vector<uint64_t>& cased_hash_;  // per word: MakeWord's `cased_hash`
  std::vector<bool>& used_;
  std::vector<Cand>& cands_;
  std::vector<int>& persons_;  // the candidates AddPerson created, in order
  std::vector<int>& org_word_;  // ContextOrgs: the organisation each word belongs to, or -1
  std::vector<uint32_t>& org_run_;  // TryOrgPattern: the words of the run
  std::unordered_map<std::string, int>& keyed_;
  std::unordered_map<std::string, int>& acronyms_;
  std::vector<TmpMention>& mentions_;
  std::vector<Nominal>& nominals_;
  std::vector<std::pair<uint32_t, uint32_t>>& pending_;
  bool sports_ = false;  // a sports report (3+ org_context.tsv `sport` words)
  uint64_t person_filter_[16] = {};  // FindPerson's filter (InPersonFilter)
  bool person_filter_off_ = false;
  std::unordered_map<std::string, int>& org_strings_;  // lower-cased name -> ORG cand (context pass)
  // Memos per word (filled on first use): phrase matches with and without capitals, name words.
  std::vector<int8_t>& phrase_done_all_;
  std::vector<int8_t>& phrase_done_nocap_;
  std::vector<int8_t>& name_word_;
  std::vector<PhraseMatch>& phrase_memo_all_;
  std::vector<PhraseMatch>& phrase_memo_nocap_;
};

}  // namespace

void Recognize(const EntityLexicon& lexicon, Document& doc) {
  thread_local Recognizer::Scratch scratch;
  Recognizer recognizer(lexicon, doc, scratch);
  recognizer.Run();
}

}  // namespace ties::entities

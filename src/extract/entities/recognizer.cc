// recognizer.cc: rule- and dictionary-based entity recognition with in-document coreference:
// the words, word predicates, dictionary entities, persons and output of the Recognizer.
// See recognizer.h for the contract and the outline, recognizer_internal.h for the class;
// docs/entities.md for the rules.
#include "extract/entities/recognizer_internal.h"

namespace ties::entities::detail {

// Makes the word of `span` in `w` (default-constructed): writes its lower case at lower_len_
// in lower_buf_ and hashes it. The table probes (info, cased) are left to ProbeWords, and
// Word::lower to BuildWords, once the buffer no longer grows. `cased_hash` receives the hash
// to probe the case-sensitive table with, or 0 when the word has no upper-case letter (the
// table holds capitalised words only).
void Recognizer::MakeWord(Word& w, Span span, uint32_t sent, uint64_t* cased_hash) {
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

// True when `text` contains a dash and a capitalised part of it is a one-word dictionary name
// while the whole is not ("Kazakhstan-China", not "Guinea-Bissau").
bool Recognizer::SplitsAtDashes(std::string_view text) {
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

void Recognizer::BuildWords() {
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

bool Recognizer::ComputeNameWord(uint32_t i) const {
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

bool Recognizer::CaseMatches(const PhraseEntry& e, uint32_t begin) const {
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

PhraseMatch Recognizer::ComputePhrase(uint32_t i, bool include_capitals) const {
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

// Longest title starting at word i: number of words, or 0.
uint32_t Recognizer::MatchTitle(uint32_t i, const TitleInfo** info) const {
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

int Recognizer::KeyedEntity(const std::string& key, EntityType type, std::string canonical, std::string country,
                std::string org_kind) {
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

// Emits the entity for a dictionary match; returns false when the match is not used here
// (a capital not used for its government).
bool Recognizer::EmitPhrase(const PhraseMatch& m, uint32_t i) {
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
bool Recognizer::IsGovernmentMetonym(uint32_t begin, uint32_t end) const {
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

// The person whose name contains `words` [begin, end) as a whole name, a surname or a family
// name, or -1.
int Recognizer::FindPerson(uint32_t begin, uint32_t end) const {
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

// Creates or finds the person named by words [begin, end) and adds a name mention.
int Recognizer::AddPerson(uint32_t begin, uint32_t end, char gender_hint, Span role_span) {
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
uint32_t Recognizer::NameLength(uint32_t i, bool after_signal) const {
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

[[gnu::noinline]] void Recognizer::Emit() {
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

}  // namespace ties::entities::detail

namespace ties::entities {

void Recognize(const EntityLexicon& lexicon, Document& doc) {
  thread_local detail::Recognizer::Scratch scratch;
  detail::Recognizer recognizer(lexicon, doc, scratch);
  recognizer.Run();
}

}  // namespace ties::entities

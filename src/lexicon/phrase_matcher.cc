// phrase_matcher.cc: verb inflection and phrase dictionaries (see phrase_matcher.h).
#include "lexicon/phrase_matcher.h"

#include <algorithm>
#include <cstring>

#include "common/data_file.h"
#include "common/text_util.h"
#include "text/tokenizer.h"

namespace ties::lex {

namespace {

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Irregular verbs: lemma, past, past participle (space-separated alternatives allowed).
struct Irregular {
  const char* lemma;
  const char* past;
  const char* participle;
};
constexpr Irregular kIrregular[] = {
    {"be", "was were", "been"},       {"have", "had", "had"},           {"do", "did", "done"},
    {"go", "went", "gone"},           {"speak", "spoke", "spoken"},     {"meet", "met", "met"},
    {"hold", "held", "held"},         {"give", "gave", "given"},        {"take", "took", "taken"},
    {"make", "made", "made"},         {"break", "broke", "broken"},     {"fight", "fought", "fought"},
    {"shoot", "shot", "shot"},        {"send", "sent", "sent"},         {"lead", "led", "led"},
    {"withdraw", "withdrew", "withdrawn"}, {"tell", "told", "told"},    {"say", "said", "said"},
    {"begin", "began", "begun"},      {"bring", "brought", "brought"},  {"buy", "bought", "bought"},
    {"sell", "sold", "sold"},         {"put", "put", "put"},            {"set", "set", "set"},
    {"cut", "cut", "cut"},            {"hit", "hit", "hit"},            {"beat", "beat", "beaten beat"},
    {"steal", "stole", "stolen"},     {"flee", "fled", "fled"},         {"forgive", "forgave", "forgiven"},
    {"throw", "threw", "thrown"},     {"blow", "blew", "blown"},        {"run", "ran", "run"},
    {"win", "won", "won"},            {"lose", "lost", "lost"},         {"seek", "sought", "sought"},
    {"keep", "kept", "kept"},         {"leave", "left", "left"},        {"come", "came", "come"},
    {"see", "saw", "seen"},           {"withhold", "withheld", "withheld"},
    {"undertake", "undertook", "undertaken"}, {"overthrow", "overthrew", "overthrown"},
    {"strike", "struck", "struck stricken"}, {"lay", "laid", "laid"},  {"rise", "rose", "risen"},
    {"build", "built", "built"},      {"spend", "spent", "spent"},      {"stand", "stood", "stood"},
    {"pay", "paid", "paid"},          {"draw", "drew", "drawn"},        {"freeze", "froze", "frozen"},
    {"forbid", "forbade", "forbidden"}, {"write", "wrote", "written"},  {"drive", "drove", "driven"},
    {"hide", "hid", "hidden"},        {"shut", "shut", "shut"},         {"let", "let", "let"},
    {"quit", "quit", "quit"},         {"spread", "spread", "spread"},   {"swear", "swore", "sworn"},
    {"choose", "chose", "chosen"},    {"deal", "dealt", "dealt"},       {"feel", "felt", "felt"},
    {"find", "found", "found"},       {"get", "got", "got gotten"},     {"know", "knew", "known"},
    {"grow", "grew", "grown"},        {"show", "showed", "shown showed"}, {"teach", "taught", "taught"},
    {"think", "thought", "thought"},  {"catch", "caught", "caught"},    {"shake", "shook", "shaken"},
    {"fly", "flew", "flown"},         {"lend", "lent", "lent"},         {"bid", "bid", "bid"},
    {"overcome", "overcame", "overcome"}, {"mislead", "misled", "misled"}, {"slay", "slew", "slain"},
    {"upset", "upset", "upset"},      {"wage", "waged", "waged"},       {"co-host", "co-hosted", "co-hosted"},
};

void AddWords(std::vector<std::string>& out, std::string_view list) {
  for (std::string_view w : SplitList(list, ' ')) out.emplace_back(w);
}

}  // namespace

std::vector<std::string> Inflect(std::string_view lemma_view, std::vector<std::string>* participles) {
  const std::string lemma(lemma_view);
  std::vector<std::string> out = {lemma};
  // Multi-part lemmas ("co-host") inflect on the last part only, which the
  // rules below already do since they look at the word's end.
  const size_t n = lemma.size();
  const char last = n ? lemma[n - 1] : 0;
  const char before = n > 1 ? lemma[n - 2] : 0;
  // 3rd person singular.
  if (last == 's' || last == 'x' || last == 'z' || last == 'o' || (last == 'h' && (before == 's' || before == 'c'))) {
    out.push_back(lemma + "es");
  } else if (last == 'y' && !IsVowel(before)) {
    out.push_back(lemma.substr(0, n - 1) + "ies");
  } else {
    out.push_back(lemma + "s");
  }
  std::vector<std::string> past;
  const Irregular* irregular = nullptr;
  for (const Irregular& irr : kIrregular) {
    if (lemma == irr.lemma) irregular = &irr;
  }
  if (irregular) {
    AddWords(past, irregular->past);
    AddWords(past, irregular->participle);
  }
  {
    if (last == 'e') {
      past.push_back(lemma + "d");
    } else if (last == 'y' && !IsVowel(before)) {
      past.push_back(lemma.substr(0, n - 1) + "ied");
    } else {
      past.push_back(lemma + "ed");
      // Consonant doubling (ban -> banned, admit -> admitted); both spellings
      // are added, the wrong one simply never occurs in text.
      if (n >= 3 && !IsVowel(last) && IsVowel(before) && !IsVowel(lemma[n - 3]) && last != 'w' && last != 'x' &&
          last != 'y') {
        past.push_back(lemma + last + "ed");
      }
    }
  }
  // Gerund.
  if (n >= 2 && last == 'e' && before == 'i') {
    out.push_back(lemma.substr(0, n - 2) + "ying");
  } else if (last == 'e' && before != 'e' && n > 2) {
    out.push_back(lemma.substr(0, n - 1) + "ing");
  } else {
    out.push_back(lemma + "ing");
    if (n >= 3 && !IsVowel(last) && IsVowel(before) && !IsVowel(lemma[n - 3]) && last != 'w' && last != 'x' &&
        last != 'y') {
      out.push_back(lemma + last + "ing");
    }
  }
  for (const std::string& p : past) {
    out.push_back(p);
    if (participles) participles->push_back(p);
  }
  if (irregular && std::string_view(irregular->lemma) == "be") {
    out.push_back("is");
    out.push_back("are");
    out.push_back("am");
    out.push_back("'s");
    out.push_back("'re");
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool IsBaseForm(std::string_view word, std::string_view lemma) {
  if (word == lemma) return true;
  if (word.size() == lemma.size() + 1 && word.back() == 's' && word.substr(0, lemma.size()) == lemma) return true;
  if (word.size() == lemma.size() + 2 && word.substr(word.size() - 2) == "es" &&
      word.substr(0, lemma.size()) == lemma) {
    return true;
  }
  return false;
}

Status PhraseMatcher::Add(std::string_view pattern, uint32_t payload, bool case_sensitive, uint32_t tags) {
  Phrase phrase;
  phrase.payload = payload;
  phrase.order = static_cast<uint32_t>(phrases_.size());
  std::vector<Token> tokens;
  for (std::string_view piece : SplitList(pattern, ' ')) {
    if (piece == "*") {
      Word w;
      w.gap = true;
      phrase.words.push_back(std::move(w));
      continue;
    }
    if (piece[0] == '~' && piece.size() > 1) {
      Word w;
      std::vector<std::string> parts;
      for (const std::string& f : Inflect(AsciiLower(piece.substr(1)), &parts)) w.forms.push_back(HashWord(f));
      for (const std::string& p : parts) participles_[HashWord(p)] = 1;
      phrase.words.push_back(std::move(w));
      continue;
    }
    Tokenize(piece, tokens);
    for (const Token& t : tokens) {
      std::string_view text = piece.substr(t.span.begin, t.span.size());
      Word w;
      std::string lower = Utf8Lower(text);
      FoldApostrophes(lower);
      w.forms.push_back(HashWord(lower));
      if (case_sensitive && lower != text) w.exact = std::string(text);
      phrase.words.push_back(std::move(w));
    }
  }
  if (phrase.words.empty() || phrase.words.front().gap || phrase.words.back().gap) {
    return Status::InvalidArgument("bad pattern '" + std::string(pattern) + "'");
  }
  for (const Word& w : phrase.words) phrase.literal_words += w.gap ? 0 : 1;
  const uint32_t id = static_cast<uint32_t>(phrases_.size());
  for (uint64_t form : phrase.words.front().forms) {
    uint32_t& list = by_first_[form];
    if (list == 0) {
      first_lists_.emplace_back();
      first_tags_.emplace_back(form, 0);
      list = static_cast<uint32_t>(first_lists_.size());  // 1-based: 0 is "new"
    }
    first_tags_[list - 1].second |= tags;
    std::vector<uint32_t>& ids = first_lists_[list - 1];
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  phrases_.push_back(std::move(phrase));
  return Status::Ok();
}

std::vector<std::pair<uint64_t, uint32_t>> PhraseMatcher::FirstWords() const { return first_tags_; }

bool PhraseMatcher::WordMatches(const Document& doc, const LowerText& lower, const Word& word, uint32_t pos) {
  if (!word.exact.empty()) return doc.TokenText(pos) == word.exact;
  const uint64_t h = lower.hash(pos);
  for (uint64_t f : word.forms) {
    if (f == h) return true;
  }
  return false;
}

bool PhraseMatcher::MatchFrom(const Document& doc, const LowerText& lower, const Phrase& phrase, size_t word_idx,
                              uint32_t pos, uint32_t limit, SkipFn skippable, uint32_t* end) const {
  if (word_idx == phrase.words.size()) {
    *end = pos;
    return true;
  }
  const Word& word = phrase.words[word_idx];
  if (word.gap) {
    // Try the shortest gap first so the nearest following word is taken.
    for (int skip = 0; skip <= kMaxGap; ++skip) {
      const uint32_t p = pos + static_cast<uint32_t>(skip);
      if (p >= limit) return false;
      if (skip > 0 && !skippable(p - 1)) return false;
      if (MatchFrom(doc, lower, phrase, word_idx + 1, p, limit, skippable, end)) return true;
    }
    return false;
  }
  if (pos >= limit || !WordMatches(doc, lower, word, pos)) return false;
  return MatchFrom(doc, lower, phrase, word_idx + 1, pos + 1, limit, skippable, end);
}

bool PhraseMatcher::LongestAt(const Document& doc, const LowerText& lower, uint32_t start, uint32_t limit,
                              SkipFn skippable, Match* match) const {
  if (start >= limit) return false;
  const uint32_t* list = by_first_.Find(lower.hash(start));
  if (!list) return false;
  bool found = false;
  uint32_t best_end = 0, best_order = 0;
  size_t best_words = 0;
  for (uint32_t id : first_lists_[*list - 1]) {
    const Phrase& phrase = phrases_[id];
    uint32_t end = 0;
    if (!MatchFrom(doc, lower, phrase, 0, start, limit, skippable, &end)) continue;
    // The most specific phrase wins: most literal words, then the longest span.
    const size_t words = phrase.literal_words;
    if (!found || words > best_words || (words == best_words && end > best_end) ||
        (words == best_words && end == best_end && phrase.order < best_order)) {
      found = true;
      best_words = words;
      best_end = end;
      best_order = phrase.order;
      match->payload = phrase.payload;
      match->begin = start;
      match->end = end;
    }
  }
  return found;
}

}  // namespace ties::lex

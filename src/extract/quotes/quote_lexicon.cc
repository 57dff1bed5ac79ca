// quote_lexicon.cc: loads cues.tsv and speakers.tsv (formats in the files' headers).
#include "extract/quotes/quote_lexicon.h"

#include <algorithm>

#include "common/data_file.h"
#include "common/text_util.h"

namespace ties {

namespace {

uint32_t ParseFrames(std::string_view s) {
  uint32_t frames = 0;
  for (char c : s) {
    switch (c) {
      case 'c': frames |= kCueClause; break;
      case 't': frames |= kCueThat; break;
      case 'o': frames |= kCueObject; break;
      case 'i': frames |= kCueInfinitive; break;
      case 'a': frames |= kCueTail; break;
      case 'd': frames |= kCueDirect; break;
      case 'p': frames |= kCuePrep; break;
      default: break;
    }
  }
  return frames;
}

uint32_t ParseClass(std::string_view s) {
  static const std::pair<std::string_view, uint32_t> kClasses[] = {
      {"pronoun", kWordPronoun}, {"relative", kWordRelative}, {"unnamed", kWordUnnamed},
      {"role", kWordRole},       {"org", kWordOrg},           {"modifier", kWordModifier},
      {"det", kWordDet},         {"skip", kWordSkip},         {"title", kWordTitle},
      {"barrier", kWordBarrier}, {"intro", kWordIntro},       {"time", kWordTime},
      {"document", kWordDocument}, {"aux", kWordAux},
  };
  for (const auto& [name, bit] : kClasses) {
    if (name == s) return bit;
  }
  return 0;
}

}  // namespace

Result<QuoteLexicon> QuoteLexicon::Load(const std::string& dir) {
  QuoteLexicon lex;
  TIES_RETURN_IF_ERROR(ReadTsv(dir + "/cues.tsv", [&](const std::vector<std::string_view>& cols, int) {
    if (cols.size() != 3 || cols[0].empty() || cols[2].empty()) {
      return Status::ParseError("expected 3 tab-separated columns");
    }
    const uint32_t entry_idx = static_cast<uint32_t>(lex.cues_.size());
    lex.cues_.push_back({std::string(cols[0]), ParseFrames(cols[1])});
    for (std::string_view form : SplitList(cols[2], '|')) {
      CueForm f;
      f.entry = entry_idx;
      for (std::string_view w : SplitList(form, ' ')) f.words.push_back(AsciiLower(w));
      const std::string& first = f.words.front();
      f.participle = first.size() > 4 && first.compare(first.size() - 3, 3, "ing") == 0;
      lex.forms_[f.words.front()].push_back(std::move(f));
    }
    return Status::Ok();
  }));
  for (auto& [first, forms] : lex.forms_) {
    std::stable_sort(forms.begin(), forms.end(),
                     [](const CueForm& a, const CueForm& b) { return a.words.size() > b.words.size(); });
  }
  TIES_RETURN_IF_ERROR(ReadTsv(dir + "/speakers.tsv", [&](const std::vector<std::string_view>& cols, int) {
    const uint32_t cls = cols.size() >= 2 ? ParseClass(cols[0]) : 0;
    if (cls == 0 || cols[1].empty()) return Status::ParseError("expected CLASS<TAB>word");
    const std::string word = AsciiLower(cols[1]);
    lex.words_[word] |= cls;
    if (cls == kWordPronoun && cols.size() >= 3 && !cols[2].empty()) lex.genders_[word] = cols[2][0];
    return Status::Ok();
  }));
  for (const auto& [word, cls] : lex.words_) lex.class_by_hash_[lex::HashWord(word)] = cls;
  for (const auto& [first, forms] : lex.forms_) {
    lex.first_forms_.push_back(&forms);
    lex.forms_by_hash_[lex::HashWord(first)] = static_cast<uint32_t>(lex.first_forms_.size());
  }
  return lex;
}

const CueForm* QuoteLexicon::MatchCue(const std::string_view* lowered, size_t available) const {
  return available == 0 ? nullptr : MatchCue(lex::HashWord(lowered[0]), lowered, available);
}

const CueForm* QuoteLexicon::MatchCue(uint64_t first_hash, const std::string_view* lowered,
                                      size_t available) const {
  if (available == 0) return nullptr;
  const uint32_t index = forms_by_hash_.Get(first_hash);
  if (index == 0) return nullptr;
  for (const CueForm& form : *first_forms_[index - 1]) {
    if (form.words.size() > available) continue;
    bool match = true;
    for (size_t k = 1; k < form.words.size() && match; ++k) match = (form.words[k] == lowered[k]);
    if (match) return &form;
  }
  return nullptr;
}

char QuoteLexicon::PronounGender(std::string_view lower_word) const {
  auto it = genders_.find(lower_word);
  return it == genders_.end() ? 0 : it->second;
}

}  // namespace ties

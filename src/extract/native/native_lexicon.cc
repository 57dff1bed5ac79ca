// native_lexicon.cc: reading data/<lang>/ word sets and suffix tables (see native_lexicon.h).
#include "extract/native/native_lexicon.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>

#include "common/text_util.h"

namespace ties {

namespace {

constexpr const char* kSetFiles[] = {"roles",     "role_modifiers", "org_heads", "org_tails",
                                     "org_names", "not_names",      "surnames",  "person_tails",
                                     "given_names", "surname_endings", "patronymic_endings",
                                     "transliteration"};
static_assert(sizeof(kSetFiles) / sizeof(kSetFiles[0]) == static_cast<size_t>(NativeSet::kCount));

// Calls fn(line) for each line of `path` that is neither blank nor a '#' comment (trailing
// whitespace trimmed). Returns false when the file does not exist.
template <typename Fn>
bool ForEachLine(const std::string& path, Fn fn) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    fn(line);
  }
  return true;
}

}  // namespace

bool IsNativeLanguage(std::string_view language) {
  return language == "ru" || language == "kk" || language == "zh";
}

bool IsHan(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x3134F);
}

bool StartsWithHan(std::string_view text) {
  if (text.empty() || static_cast<unsigned char>(text[0]) < 0xE0) return false;
  size_t pos = 0;
  return IsHan(DecodeUtf8(text, &pos));
}

Result<NativeLexicon> NativeLexicon::Load(const std::string& data_dir, std::string_view language) {
  NativeLexicon lex;
  const std::string dir = data_dir + "/" + std::string(language);
  ForEachLine(dir + "/inflection.txt", [&](const std::string& line) {
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) return;
    std::string repl = line.substr(tab + 1);
    if (repl == "-") repl.clear();
    lex.rules_.push_back({Utf8Lower(line.substr(0, tab)), Utf8Lower(repl)});
  });
  std::stable_sort(lex.rules_.begin(), lex.rules_.end(),
                   [](const Rule& a, const Rule& b) { return a.suffix.size() > b.suffix.size(); });
  for (size_t s = 0; s < static_cast<size_t>(NativeSet::kCount); ++s) {
    ForEachLine(dir + "/entities/" + kSetFiles[s] + ".txt", [&](const std::string& line) {
      std::string word = Utf8Lower(line.substr(0, line.find('\t')));
      lex.max_bytes_[s] = std::max(lex.max_bytes_[s], word.size());
      lex.sets_[s].insert(std::move(word));
    });
  }
  ForEachLine(dir + "/place_stopwords.txt",
              [&](const std::string& line) { lex.place_stopwords_.insert(Utf8Lower(line)); });
  return lex;
}

bool NativeLexicon::Inflected(std::string_view lower) const {
  for (const Rule& r : rules_) {
    if (lower.size() > r.suffix.size() && lower.ends_with(r.suffix)) return true;
  }
  return false;
}

void NativeLexicon::Lemmas(std::string_view lower, std::vector<std::string>& out, size_t max) const {
  const size_t start = out.size();
  out.emplace_back(lower);
  for (const Rule& r : rules_) {
    if (out.size() - start >= max) break;
    // The stem keeps at least two bytes beyond the suffix (one Cyrillic letter).
    if (lower.size() < r.suffix.size() + 2 || !lower.ends_with(r.suffix)) continue;
    std::string lemma(lower.substr(0, lower.size() - r.suffix.size()));
    lemma += r.replacement;
    if (std::find(out.begin() + static_cast<std::ptrdiff_t>(start), out.end(), lemma) == out.end()) {
      out.push_back(std::move(lemma));
    }
  }
}

bool NativeLexicon::HasLemma(NativeSet set, std::string_view lower) const {
  if (Has(set, lower)) return true;
  thread_local std::vector<std::string> lemmas;
  lemmas.clear();
  Lemmas(lower, lemmas);
  for (size_t i = 1; i < lemmas.size(); ++i) {
    if (Has(set, lemmas[i])) return true;
  }
  return false;
}

bool NativeLexicon::EndsWith(NativeSet set, std::string_view lower) const {
  const size_t max = std::min(MaxBytes(set), lower.size() > 2 ? lower.size() - 2 : 0);
  for (size_t len = 1; len <= max; ++len) {
    if (Has(set, lower.substr(lower.size() - len))) return true;
  }
  return false;
}

const NativeLexicon* SharedNativeLexicon(const std::string& data_dir, std::string_view language) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<NativeLexicon>> cache;
  std::lock_guard<std::mutex> lock(mu);
  const std::string key = data_dir + "\n" + std::string(language);
  auto it = cache.find(key);
  if (it == cache.end()) {
    Result<NativeLexicon> loaded = NativeLexicon::Load(data_dir, language);
    auto lex = std::make_unique<NativeLexicon>(loaded.ok() ? std::move(loaded).value() : NativeLexicon());
    it = cache.emplace(key, std::move(lex)).first;
  }
  return it->second.get();
}

}  // namespace ties

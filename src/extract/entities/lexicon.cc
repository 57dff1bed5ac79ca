// lexicon.cc: loading the entities stage's tables (see lexicon.h and docs/entities.md).
#include "extract/entities/lexicon.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>

#include "common/text_util.h"
#include "text/tokenizer.h"

namespace ties::entities {

namespace {

std::vector<std::string> SplitOn(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    std::string_view part = s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start);
    out.emplace_back(TrimAscii(part));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  for (std::string& item : SplitOn(s, '|')) {
    if (!item.empty()) out.push_back(std::move(item));
  }
  return out;
}

// Calls `row(fields, line_no)` for every non-comment, non-empty line of a tab-separated file.
// Returns NotFound when the file is missing, or the first error `row` returns.
Status ReadTable(const std::string& path, size_t min_columns,
                 const std::function<Status(const std::vector<std::string>&, int)>& row) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("entities: cannot open " + path);
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields = SplitOn(line, '\t');
    if (fields.size() < min_columns) {
      return Status::ParseError("entities: " + path + ":" + std::to_string(line_no) + ": expected " +
                                std::to_string(min_columns) + " tab-separated columns");
    }
    Status status = row(fields, line_no);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

char GenderOf(std::string_view field) {
  if (field == "m") return 'm';
  if (field == "f") return 'f';
  return '-';
}

// Plural forms a demonym takes as a noun: "Kazakhs", "Americans", "Frenchmen". None for forms
// that do not inflect ("Chinese", "Swiss", "British", "Dutch").
std::vector<std::string> DemonymPlurals(const std::string& demonym) {
  auto ends = [&](std::string_view suffix) {
    return demonym.size() >= suffix.size() &&
           demonym.compare(demonym.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends("ese") || ends("ss") || ends("sh") || ends("ch") || ends("s") || ends("x")) return {};
  if (ends("man")) return {demonym.substr(0, demonym.size() - 3) + "men"};
  if (ends("woman")) return {demonym.substr(0, demonym.size() - 5) + "women"};
  return {demonym + "s"};
}

// British/American spellings and hyphenation an organisation name is written with in news:
// "Organisation"/"Organization", "Co-operation"/"Cooperation", "Programme"/"Program",
// "Defence"/"Defense", "Labour"/"Labor", "Centre"/"Center". Returns `name` and each variant.
std::vector<std::string> SpellingVariants(const std::string& name) {
  static const std::pair<const char*, const char*> kPairs[] = {
      {"Organisation", "Organization"}, {"Co-operation", "Cooperation"}, {"Programme", "Program"},
      {"Defence", "Defense"}, {"Labour", "Labor"}, {"Centre", "Center"}};
  std::vector<std::string> out{name};
  for (const auto& [a, b] : kPairs) {
    size_t n = out.size();
    for (size_t k = 0; k < n; ++k) {
      for (const auto& [from, to] : {std::pair{a, b}, std::pair{b, a}}) {
        size_t pos = out[k].find(from);
        if (pos == std::string::npos) continue;
        std::string v = out[k];
        v.replace(pos, std::string_view(from).size(), to);
        if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(std::move(v));
      }
    }
  }
  return out;
}

}  // namespace

const WordInfo EntityLexicon::kNoWord{};
const CasedInfo EntityLexicon::kNoCased{};

uint64_t EntityLexicon::KeyHash(const std::string& key) {
  uint64_t h = 0;
  size_t start = 0;
  bool first = true;
  while (start <= key.size()) {
    size_t sp = key.find(' ', start);
    if (sp == std::string::npos) sp = key.size();
    uint64_t w = HashWord(std::string_view(key).substr(start, sp - start));
    h = first ? w : HashPhrase(h, w);
    first = false;
    start = sp + 1;
  }
  return h;
}

bool EntityLexicon::IsPhrasePrefix(const std::string& key) const {
  const KeyInfo* k = KeyOf(KeyHash(key));
  return k && k->phrase_prefix;
}

bool EntityLexicon::IsTitlePrefix(const std::string& key) const {
  const KeyInfo* k = KeyOf(KeyHash(key));
  return k && k->title_prefix;
}

std::string EntityLexicon::Lower(std::string_view token) {
  bool ascii = std::all_of(token.begin(), token.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  return ascii ? AsciiLower(token) : Utf8Lower(token);
}

std::string EntityLexicon::PhraseKey(const std::vector<std::string>& lower_tokens) {
  std::string key;
  for (size_t i = 0; i < lower_tokens.size(); ++i) {
    if (i) key.push_back(' ');
    key += lower_tokens[i];
  }
  return key;
}

void EntityLexicon::AddPhrase(std::string_view text, PhraseKind kind, uint32_t index) {
  std::vector<Token> tokens;
  Tokenize(text, tokens);
  if (tokens.empty()) return;
  PhraseEntry entry;
  entry.kind = kind;
  entry.index = index;
  std::vector<std::string> lower;
  for (const Token& t : tokens) {
    std::string_view surface = text.substr(t.span.begin, t.span.size());
    entry.surface.emplace_back(surface);
    lower.push_back(Lower(surface));
  }
  uint64_t h = 0;
  for (size_t n = 0; n < lower.size(); ++n) {
    uint64_t w = HashWord(lower[n]);
    h = n == 0 ? w : HashPhrase(h, w);
    keys_[h].phrase_prefix = true;
    if (n > 0) words_[w].flags |= WordInfo::kContinues;
  }
  words_[HashWord(lower[0])].flags |= WordInfo::kPhraseStart;
  KeyInfo& key = keys_[h];
  if (key.phrase < 0) {
    key.phrase = static_cast<int32_t>(phrase_entries_.size());
    phrase_entries_.emplace_back();
  }
  auto& entries = phrase_entries_[key.phrase];
  for (const PhraseEntry& e : entries) {
    if (e.kind == kind && e.index == index && e.surface == entry.surface) return;  // duplicate
  }
  entries.push_back(std::move(entry));
  if (tokens.size() == 1) words_[HashWord(lower[0])].flags |= WordInfo::kSinglePhrase;
  max_phrase_tokens_ = std::max<uint32_t>(max_phrase_tokens_, static_cast<uint32_t>(tokens.size()));
}

void EntityLexicon::AddTitle(TitleInfo info) {
  std::vector<Token> tokens;
  Tokenize(info.title, tokens);
  if (tokens.empty()) return;
  std::vector<std::string> lower;
  for (const Token& t : tokens) lower.push_back(Lower(std::string_view(info.title).substr(t.span.begin, t.span.size())));
  max_title_tokens_ = std::max<uint32_t>(max_title_tokens_, static_cast<uint32_t>(tokens.size()));
  if (info.head.empty()) info.head = lower.back();
  uint64_t h = 0;
  for (size_t n = 0; n < lower.size(); ++n) {
    uint64_t w = HashWord(lower[n]);
    h = n == 0 ? w : HashPhrase(h, w);
    keys_[h].title_prefix = true;
    if (n > 0) words_[w].flags |= WordInfo::kContinues;
  }
  words_[HashWord(lower[0])].flags |= WordInfo::kTitleStart | (lower.size() == 1 ? WordInfo::kSingleTitle : 0);
  KeyInfo& key = keys_[h];
  if (key.title < 0) {
    key.title = static_cast<int32_t>(title_list_.size());
    title_list_.push_back(std::move(info));
  } else {
    title_list_[key.title] = std::move(info);
  }
}
// Get-or-add a key's entry list, as for phrases above (issue 16: justified; other key and entry types).
void EntityLexicon::AddTeamName(std::string_view text, TeamNameKind kind, uint32_t team) {
  std::vector<Token> tokens;
  Tokenize(text, tokens);
  if (tokens.empty()) return;
  uint64_t h = 0;
  for (size_t n = 0; n < tokens.size(); ++n) {
    uint64_t w = HashWord(Lower(text.substr(tokens[n].span.begin, tokens[n].span.size())));
    words_[w].flags |= n == 0 ? WordInfo::kTeamStart : WordInfo::kContinues;
    h = n == 0 ? w : HashPhrase(h, w);
    team_keys_[h].prefix = true;
  }
  TeamKey& key = team_keys_[h];
  if (key.entries < 0) {
    key.entries = static_cast<int32_t>(team_entries_.size());
    team_entries_.emplace_back();
  }
  auto& entries = team_entries_[key.entries];
  for (const TeamEntry& e : entries) {
    if (e.team == team && e.kind == kind) return;
  }
  entries.push_back(TeamEntry{team, kind});
  max_team_tokens_ = std::max<uint32_t>(max_team_tokens_, static_cast<uint32_t>(tokens.size()));
}

Result<std::unique_ptr<EntityLexicon>> EntityLexicon::Load(const std::string& data_dir,
                                                          const std::string& language,
                                                          const std::string& wordlist_path) {
  std::unique_ptr<EntityLexicon> lex(new EntityLexicon());
  const std::string common = data_dir + "/common/";
  const std::string lang = data_dir + "/" + language + "/entities/";

  Status status = ReadTable(common + "countries.tsv", 6, [&](const std::vector<std::string>& f, int) {
    CountryInfo c;
    c.alpha3 = f[0];
    c.alpha2 = f[1];
    c.name = f[2];
    c.aliases = SplitList(f[3]);
    c.demonyms = SplitList(f[4]);
    c.capitals = SplitList(f[5]);
    lex->country_by_alpha3_[c.alpha3] = static_cast<int>(lex->countries_.size());
    lex->countries_.push_back(std::move(c));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  for (uint32_t i = 0; i < lex->countries_.size(); ++i) {
    const CountryInfo& c = lex->countries_[i];
    lex->AddPhrase(c.name, PhraseKind::kCountry, i);
    for (const std::string& a : c.aliases) lex->AddPhrase(a, PhraseKind::kCountry, i);
    for (const std::string& d : c.demonyms) {
      lex->AddPhrase(d, PhraseKind::kDemonym, i);
      for (const std::string& plural : DemonymPlurals(d)) lex->AddPhrase(plural, PhraseKind::kDemonym, i);
    }
    for (const std::string& cap : c.capitals) {
      lex->AddPhrase(cap, PhraseKind::kCapital, i);
      auto [it, inserted] = lex->capital_country_.emplace(cap, c.alpha3);
      if (!inserted && it->second != c.alpha3) it->second.clear();  // shared by two countries
    }
  }

  status = ReadTable(common + "countries_regions.tsv", 4, [&](const std::vector<std::string>& f, int) {
    uint32_t index = static_cast<uint32_t>(lex->regions_.size());
    lex->regions_.push_back(RegionInfo{f[0], f[2], f[3]});
    lex->AddPhrase(f[0], PhraseKind::kRegion, index);
    for (const std::string& a : SplitList(f[1])) lex->AddPhrase(a, PhraseKind::kRegion, index);
    return Status::Ok();
  });
  if (!status.ok()) return status;

  status = ReadTable(common + "orgs.tsv", 4, [&](const std::vector<std::string>& f, int) {
    uint32_t index = static_cast<uint32_t>(lex->orgs_.size());
    lex->orgs_.push_back(OrgInfo{f[0], f[2], f[3]});
    std::vector<std::string> names = SplitList(f[1]);
    names.insert(names.begin(), f[0]);
    for (const std::string& n : names) {
      for (const std::string& variant : SpellingVariants(n)) lex->AddPhrase(variant, PhraseKind::kOrg, index);
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;

  status = ReadTable(lang + "titles.tsv", 3, [&](const std::vector<std::string>& f, int) {
    TitleInfo t;
    t.title = f[0];
    t.sector = f[1];
    char g = GenderOf(f[2]);
    t.gender = g == '-' ? 0 : g;
    t.head = f.size() > 3 ? f[3] : "";
    lex->AddTitle(std::move(t));
    return Status::Ok();
  });
  if (!status.ok()) return status;

  auto read_pairs = [&](const std::string& file, const std::function<void(const std::string&, char)>& add) {
    return ReadTable(lang + file, 2, [&](const std::vector<std::string>& f, int) {
      add(f[0], GenderOf(f[1]));
      return Status::Ok();
    });
  };
  EntityLexicon* L = lex.get();
  if (Status s = read_pairs("honorifics.tsv", [&](const std::string& w, char g) { L->words_[HashWord(Lower(w))].honorific = g; }); !s.ok()) return s;
  if (Status s = read_pairs("given_names.tsv", [&](const std::string& w, char g) { L->cased_[HashWord(w)].given = g; }); !s.ok()) return s;
  if (Status s = read_pairs("pronouns.tsv", [&](const std::string& w, char g) { L->words_[HashWord(Lower(w))].pronoun = g; }); !s.ok()) return s;
  std::unordered_map<std::string, char> suffixes;
  if (Status s = read_pairs("name_suffixes.tsv", [&](const std::string& w, char g) { suffixes[Lower(w)] = g; }); !s.ok()) return s;
  lex->surname_suffixes_.assign(suffixes.begin(), suffixes.end());
  std::sort(lex->surname_suffixes_.begin(), lex->surname_suffixes_.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size() || (a.first.size() == b.first.size() && a.first < b.first); });

  auto read_list = [&](const std::string& file, const std::function<void(const std::string&, bool after_marker)>& add) -> Status {
    std::ifstream in(lang + file);
    if (!in) return Status::NotFound("entities: cannot open " + lang + file);
    std::string line;
    bool after_marker = false;
    while (std::getline(in, line)) {
      std::string word(TrimAscii(line));
      if (word == "# time") after_marker = true;
      if (word.empty() || word[0] == '#') continue;
      add(word, after_marker);
    }
    return Status::Ok();
  };
  if (Status s = read_list("person_verbs.txt", [&](const std::string& w, bool) { L->words_[HashWord(Lower(w))].flags |= WordInfo::kPersonVerb; }); !s.ok()) return s;
  if (Status s = read_list("stopwords.txt", [&](const std::string& w, bool) { L->words_[HashWord(Lower(w))].flags |= WordInfo::kStop; }); !s.ok()) return s;
  if (Status s = read_list("family_first_surnames.txt", [&](const std::string& w, bool) { L->cased_[HashWord(w)].family_first = true; }); !s.ok()) return s;
  if (Status s = read_list("role_modifiers.txt", [&](const std::string& w, bool time) {
        WordInfo& info = L->words_[HashWord(Lower(w))];
        info.flags |= WordInfo::kRoleModifier;
        if (time) info.flags |= WordInfo::kTimeModifier;
      }); !s.ok()) {
    return s;
  }
  static const char* const kMonthsAndDays[] = {
      "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
      "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (const char* m : kMonthsAndDays) L->words_[HashWord(m)].flags |= WordInfo::kMonth;

  status = ReadTable(lang + "org_context.tsv", 2, [&](const std::vector<std::string>& f, int line) {
    static const std::pair<const char*, uint32_t> kClasses[] = {
        {"sport", WordInfo::kSport},         {"team_verb", WordInfo::kTeamVerb}, {"team_prep", WordInfo::kTeamPrep},
        {"team_role", WordInfo::kTeamRole}, {"co_after", WordInfo::kCoAfter},   {"co_before", WordInfo::kCoBefore},
        {"org_before", WordInfo::kOrgBefore}};
    for (const auto& [name, flag] : kClasses) {
      if (f[1] == name) {
        L->words_[HashWord(Lower(f[0]))].flags |= flag;
        return Status::Ok();
      }
    }
    return Status::ParseError("entities: " + lang + "org_context.tsv:" + std::to_string(line) + ": unknown class " + f[1]);
  });
  if (!status.ok()) return status;

  status = ReadTable(lang + "org_patterns.tsv", 3, [&](const std::vector<std::string>& f, int) {
    WordInfo& info = L->words_[HashWord(Lower(f[0]))];
    if (info.org_pattern < 0) {
      info.org_pattern = static_cast<int16_t>(L->org_pattern_list_.size());
      L->org_pattern_list_.push_back(OrgPattern{f[2], f[1] == "prefix"});
    } else {
      L->org_pattern_list_[info.org_pattern] = OrgPattern{f[2], f[1] == "prefix"};
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;

  status = ReadTable(lang + "sports_teams.tsv", 4, [&](const std::vector<std::string>& f, int) {
    uint32_t index = static_cast<uint32_t>(L->teams_.size());
    L->teams_.push_back(TeamInfo{f[0], f[3]});
    L->AddTeamName(f[0], TeamNameKind::kName, index);
    for (const std::string& a : SplitList(f[1])) L->AddTeamName(a, TeamNameKind::kAlias, index);
    for (const std::string& h : SplitList(f[2])) L->AddTeamName(h, TeamNameKind::kHome, index);
    return Status::Ok();
  });
  if (!status.ok()) return status;

  if (!wordlist_path.empty()) {
    // One read, then lines split in place (~100k lines: getline would cost more than the rest
    // of Load); the tables are sized once for the words to come.
    std::string list;
    if (std::ifstream in(wordlist_path, std::ios::binary); in) {
      std::ostringstream content;
      content << in.rdbuf();
      list = std::move(content).str();
    }
    std::vector<std::string_view> proper, common_words;
    size_t start = 0;
    while (start < list.size()) {
      size_t end = list.find('\n', start);
      if (end == std::string::npos) end = list.size();
      const std::string_view word(list.data() + start, end - start);
      start = end + 1;
      if (word.empty() || word.find('\'') != std::string_view::npos) continue;  // skip "Aaron's"
      unsigned char first = static_cast<unsigned char>(word[0]);
      (first >= 'A' && first <= 'Z' ? proper : common_words).push_back(word);
    }
    L->cased_.Reserve(L->cased_.size() + proper.size());
    L->words_.Reserve(L->words_.size() + common_words.size());
    for (std::string_view word : proper) L->cased_[HashWord(word)].proper = true;
    for (std::string_view word : common_words) L->words_[HashWord(word)].flags |= WordInfo::kCommon;
    if (!common_words.empty()) L->has_wordlist_ = true;
  }
  return lex;
}

const std::vector<PhraseEntry>* EntityLexicon::FindPhrase(const std::string& key) const {
  const KeyInfo* k = KeyOf(KeyHash(key));
  return k && k->phrase >= 0 ? &phrase_entries_[k->phrase] : nullptr;
}

bool EntityLexicon::IsSingleTokenPhrase(const std::string& lower) const {
  return Info(lower).Has(WordInfo::kSinglePhrase);
}

const TitleInfo* EntityLexicon::FindTitle(const std::string& key) const {
  const KeyInfo* k = KeyOf(KeyHash(key));
  return k && k->title >= 0 ? &title_list_[k->title] : nullptr;
}

char EntityLexicon::HonorificGender(const std::string& lower) const { return Info(lower).honorific; }

char EntityLexicon::GivenNameGender(std::string_view name) const { return CasedOf(HashWord(name)).given; }

char EntityLexicon::SurnameSuffixGender(std::string_view lower) const {
  for (const auto& [suffix, gender] : surname_suffixes_) {
    if (lower.size() > suffix.size() + 2 && lower.ends_with(suffix)) {
      return gender;
    }
  }
  return 0;
}

char EntityLexicon::PronounGender(const std::string& lower) const { return Info(lower).pronoun; }

const OrgPattern* EntityLexicon::FindOrgPattern(const std::string& lower) const {
  const WordInfo& w = Info(lower);
  return w.org_pattern >= 0 ? &org_pattern_list_[w.org_pattern] : nullptr;
}

int EntityLexicon::CountryIndex(std::string_view alpha3) const {
  auto it = country_by_alpha3_.find(std::string(alpha3));
  return it == country_by_alpha3_.end() ? -1 : it->second;
}

std::string EntityLexicon::CountryOfCapital(std::string_view name) const {
  auto it = capital_country_.find(std::string(name));
  return it == capital_country_.end() ? std::string() : it->second;
}

}  // namespace ties::entities

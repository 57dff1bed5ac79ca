// recognizer_passes.cc: the Recognizer's main left-to-right pass, its runs of capitalised
// words and the second pass (runs that name a person found later).
// See recognizer.h for the contract and the outline, recognizer_internal.h for the class;
// docs/entities.md for the rules.
#include "extract/entities/recognizer_internal.h"

namespace ties::entities::detail {

[[gnu::noinline]] void Recognizer::MainPass() {
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

// Types a run of capitalised words starting at i; returns the word after it.
uint32_t Recognizer::NameRun(uint32_t i) {
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

// Runs left untyped by the main pass that name a person found later in the text.
[[gnu::noinline]] void Recognizer::SecondPass() {
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

}  // namespace ties::entities::detail

// recognizer_roles.cc: the Recognizer's roles ("Kazakh Minister of Culture"), organisation
// patterns ("Ministry of ...") and sports teams.
// See recognizer.h for the contract and the outline, recognizer_internal.h for the class;
// docs/entities.md for the rules.
#include "extract/entities/recognizer_internal.h"

namespace ties::entities::detail {

// Tries "[country/demonym/modifier]* TITLE [of X] [Name]" at word i. Returns the word after what
// it used, or i when there is no role here.
uint32_t Recognizer::TryRole(uint32_t i) {
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

// "Ministry of Culture and Information", "Kazakh National University", "Communist Party of
// China". Returns the end word of the organisation, or i when there is none.
uint32_t Recognizer::TryOrgPattern(uint32_t i, uint32_t min_end) {
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

// True when word i is inside the dateline or on a line that starts with a place and a date
// ("NICE , France 1996-08-30", "MILAN 1996-08-30").
bool Recognizer::InDatelineLine(uint32_t i) const {
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
[[gnu::noinline]] void Recognizer::TeamPass() {
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

// True when the word at `k` turns the organisation name before it into the name of an event,
// holiday or index: "UEFA Cup", "Fed Cup", "Labor Day", "Dow Jones industrial average".
bool Recognizer::NamesEventOrIndex(uint32_t k) const {
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

}  // namespace ties::entities::detail

// recognizer_context.cc: the Recognizer's organisations from context (sports results,
// company words) and its coreference (nominals, pronouns).
// See recognizer.h for the contract and the outline, recognizer_internal.h for the class;
// docs/entities.md for the rules.
#include "extract/entities/recognizer_internal.h"

namespace ties::entities::detail {

// Sports teams and companies without a pattern word, typed by their context, then every
// other occurrence of the same name in the article gets the same type:
//  - in a sports report (3+ words of org_context.tsv class `sport`): a name next to a result
//    verb ("Leicestershire beat Somerset"), after "against"/"v", before a sports role ("Surrey
//    captain"), or in a results/standings line (a name after the line start or a score, followed
//    by a score: "Lotte 6 Hyundai 2", "NEW YORK 74 58 .561");
//  - anywhere: before a company word ("Pirelli shares", "Fiat's chairman") or after one with
//    of/in ("shares of Magna"); the name of "X Corp"/"X SpA" without its suffix.
// Names that are known persons, countries or other dictionary names are not runs here (used).
[[gnu::noinline]] void Recognizer::ContextOrgs() {
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

[[gnu::noinline]] void Recognizer::ResolveNominals() {
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

[[gnu::noinline]] void Recognizer::ResolvePronouns() {
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

}  // namespace ties::entities::detail

// quote_speakers.cc: the Extractor's speaker phrases (before and after a cue, a
// sentence's subject) and their resolution to entities (pronouns, nominals, remembered speakers).
// The algorithm: quotes_stage.cc; the class: quote_extractor.h.
#include "extract/quotes/quote_extractor.h"

namespace ties::quote_extraction {

// The speaker phrase ending just before the cue at `cue_tok` (after skipping
// adverbs and auxiliaries), not before `limit`. Invalid when none.
Speaker Extractor::SpeakerBefore(uint32_t cue_tok, uint32_t limit) const {
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
Speaker Extractor::SpeakerAfter(uint32_t b, uint32_t limit) const {
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
Speaker Extractor::SentenceSubject(uint32_t sb, uint32_t limit) const {
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

// The most recent remembered speaker that fits: indexed when every
// remembered position is before `pos` (always, as speakers are resolved in
// text order); else the plain backward scan.
const Extractor::Remembered* Extractor::RecentSpeaker(uint32_t pos, char gender, std::string_view role_word) const {
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

const Extractor::Remembered* Extractor::RecentSpeakerScan(uint32_t pos, char gender, std::string_view role_word) const {
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

// Fills entity and name of a speaker phrase found at byte `pos`.
void Extractor::ResolveSpeaker(Speaker& sp, uint32_t pos) {
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
int32_t Extractor::MostRecentOrgWithWord(uint32_t pos, std::string_view word) const {
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
int32_t Extractor::PersonWithRole(uint32_t pos, std::string_view word) const {
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

void Extractor::ResolvePronoun(Speaker& sp, uint32_t pos) {
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
std::string Extractor::RecentCapitalisedName(uint32_t t) const {
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
std::string Extractor::NameFromPhrase(uint32_t b, uint32_t e) const {
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

void Extractor::Remember(const Speaker& sp, std::string_view phrase, uint32_t pos, bool person) {
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

}  // namespace ties::quote_extraction

// sentence_coder.cc: one sentence of the events stage (docs/events.md).
//
//  1. Actor phrases: countries, demonyms, capitals, organizations and sector
//     words (data/en/events/*.tsv), longest match first.
//  2. Triggers: verb patterns of verbs.tsv, outside actor phrases, rejected when
//     they look like nouns ("the visit") or names ("March").
//  3. Noun chunks with their actor codes (country + sector, organization codes,
//     entity mentions of the entities stage, remembered names, "he"/"the minister").
//  4. Events: each trigger is looked up in the clause layer (Document::clauses).
//     The source is the chunk of the clause's subject (of the passive's "by"
//     agent), the target the chunk of its first object or prepositional
//     complement that names an actor; a frame ("agreed to", "urged X to")
//     combines with the action of its infinitive clause. A trigger outside every
//     clause (a noun, a mis-tagged verb), in a conditional clause, or without an
//     actor pair codes nothing: precision first.
//
// Work per sentence is linear in its tokens: every scan is bounded by the
// sentence, the clause's argument list (at most 8, docs/clauses.md) or a fixed
// look-ahead.
#include <algorithm>

#include "ties/tags.h"

#include "extract/events/events_internal.h"

namespace ties::events {

namespace {

constexpr size_t kMaxEventsPerSentence = 6;
constexpr uint32_t kFrameLookahead = 6;  // words between a frame and its action

// CAMEO roots whose action falls on a place, so that "in Montenegro" names the party
// acted on when no actor is the object: 08 ease ("lifted a curfew in"), 14 protest,
// 15 mobilise ("strengthened its forces in"), 16 reduce, 17 coerce ("imposed a
// blockade in"), 18-20 assault and fight. Statements, meetings and agreements (01-07)
// happen somewhere without acting on it.
bool ActsOnPlace(const std::string& code) {
  const std::string_view root = std::string_view(code).substr(0, 2);
  return root == "08" || (root >= "14" && root <= "20");
}

bool GovernsReported(const std::string& code) {
  // Statements, appeals, intents (01-03), demands (10) and disapproval (11: "accused X of").
  const std::string_view root = std::string_view(code).substr(0, 2);
  return root < "04" || root == "10" || root == "11";
}

// A code that starts with a country (not an IGO/IMG/NGO body).
bool IsCountryCode(std::string_view code) {
  return code.size() >= 3 && code.substr(0, 3) != "IGO" && code.substr(0, 3) != "IMG" && code.substr(0, 3) != "NGO";
}

}  // namespace

SentenceCoder::SentenceCoder(const EventsStage& stage, Document& doc, const lex::LowerText& lower,
                             const std::vector<uint32_t>& wc, const std::vector<int32_t>& mention_at,
                             const Sentence& sentence, EventsStage::DocState& state)
    : stage_(stage), doc_(doc), lower_(lower), wc_(wc), mention_at_(mention_at), sentence_(sentence), state_(state),
      s_(sentence.first_token), e_(sentence.end_token), actor_at_(state.actor_at), actor_first_(state.actor_first),
      verb_at_(state.verb_at), chunk_at_(state.chunk_at), verbs_(state.verbs), chunks_(state.chunks),
      clause_at_(state.clause_at) {}

bool SentenceCoder::IsPunct(uint32_t i) const {
  return doc_.tokens[i].Has(kTokPunct) && lower_[i] != "'s" && lower_[i] != "'";
}

bool SentenceCoder::IsUpper(uint32_t i) const {
  return doc_.tokens[i].Has(kTokUpperInitial) || doc_.tokens[i].Has(kTokAllUpper);
}

void SentenceCoder::Code() {
  if (e_ <= s_) return;
  FindActorPhrases();
  if (!FindTriggers()) return;
  BuildChunks();
  ApplyEntityMentions();
  GroupChunks();
  ResolveChunkActors();
  MapClauses();
  CodeTriggers();
}

void SentenceCoder::FindActorPhrases() {
  actor_at_.assign(e_ - s_, -1);
  actor_first_.assign(e_ - s_, 0);
  const auto any = [](uint32_t) { return false; };
  for (uint32_t i = s_; i < e_;) {
    lex::PhraseMatcher::Match m;
    // The dateline's agency ("(AP) --") is the publisher, not an actor.
    if (doc_.dateline.present() && doc_.tokens[i].span.begin >= doc_.dateline.span.begin &&
        doc_.tokens[i].span.end <= doc_.dateline.span.end) {
      ++i;
      continue;
    }
    if ((wc_[i] & kWActorStart) && stage_.actors_.LongestAt(doc_, lower_, i, e_, any, &m)) {
      const ActorEntry& entry = stage_.actor_entries_[m.payload];
      // Proper-noun entries must be capitalised in the text ("china" in lowercase is porcelain).
      if (entry.kind == ActorKind::kAgent || IsUpper(i)) {
        for (uint32_t k = m.begin; k < m.end; ++k) {
          actor_at_[k - s_] = static_cast<int32_t>(m.payload);
          actor_first_[k - s_] = m.begin;
        }
        i = m.end;
        continue;
      }
    }
    ++i;
  }
}

bool SentenceCoder::LooksLikeVerb(uint32_t i, const VerbEntry& entry) const {
  // Verbs are lowercase inside a sentence; "March" or "Strike Force" are not triggers.
  if (i > s_ && doc_.tokens[i].Has(kTokUpperInitial) && !doc_.tokens[i - 1].Has(kTokQuote) && lower_[i - 1] != ":") {
    return false;
  }
  if (i == s_) return true;
  const std::string_view prev = lower_[i - 1];
  // "the visit", "a meeting", "its support": nouns, not verbs.
  if ((wc_[i - 1] & kWDet)) return false;
  const bool gerund = EndsWith(lower_[i], "ing");
  // "for support", "of aid": a base form after a preposition is a noun.
  if ((wc_[i - 1] & kWPrep) && !gerund) return false;
  const bool base = !entry.first_lemma.empty() ? lex::IsBaseForm(lower_[i], entry.first_lemma) : true;
  // A gerund after a plain word is a noun: "fierce fighting", "the bombing".
  if (gerund && !IsPunct(i - 1) && actor_at_[i - 1 - s_] < 0 && !(wc_[i - 1] & kWPronoun) && !(wc_[i - 1] & kWBe) &&
      !(wc_[i - 1] & kWPrep) && prev != "and" && prev != "to" && !(prev.size() > 3 && EndsWith(prev, "ly")) &&
      !(wc_[i - 1] & kWBreak)) {
    return false;
  }
  if (entry.noun && base) {
    // A base form that doubles as a noun ("attack", "support") is a verb only after
    // a subject-like word: an actor, a pronoun, "to", an auxiliary or an adverb.
    const int32_t prev_actor = actor_at_[i - 1 - s_];
    const bool proper_actor = prev_actor >= 0 && stage_.actor_entries_[prev_actor].kind != ActorKind::kAgent &&
                              stage_.actor_entries_[prev_actor].kind != ActorKind::kDemonym;
    return proper_actor || (wc_[i - 1] & (kWPronoun | kWModalAux | kWNeg)) ||
           (prev.size() > 3 && EndsWith(prev, "ly"));
  }
  return true;
}

bool SentenceCoder::FindTriggers() {
  auto skippable = [&](uint32_t i) {
    return !IsPunct(i) && !(wc_[i] & kWClause) && !doc_.tokens[i].Has(kTokQuote);
  };
  verbs_.clear();
  verb_at_.assign(e_ - s_, -1);
  for (uint32_t i = s_; i < e_;) {
    lex::PhraseMatcher::Match m;
    if (!(wc_[i] & kWVerbStart) || actor_at_[i - s_] >= 0 ||
        !stage_.verbs_.LongestAt(doc_, lower_, i, e_, skippable, &m) ||
        !LooksLikeVerb(i, stage_.verb_entries_[m.payload])) {
      ++i;
      continue;
    }
    // Only the first and last words are trigger words: a gap may hold an actor
    // ("rejected the Palestinian proposal").
    verb_at_[m.begin - s_] = static_cast<int32_t>(verbs_.size());
    verb_at_[m.end - 1 - s_] = static_cast<int32_t>(verbs_.size());
    verbs_.push_back(VerbMatch{m.begin, m.end, m.payload, false});
    i = m.end;
  }
  return !verbs_.empty();
}

bool SentenceCoder::IsChunkBreak(uint32_t i) const {
  if (verb_at_[i - s_] >= 0) return true;
  if (actor_at_[i - s_] >= 0) return false;
  if (IsPunct(i) || doc_.tokens[i].Has(kTokQuote)) return true;
  if ((wc_[i] & kWBreak)) return true;
  // A lowercase word in -ed outside the dictionaries is most likely a verb.
  return !IsUpper(i) && lower_[i].size() > 4 && EndsWith(lower_[i], "ed");
}

bool SentenceCoder::ContinuesTitle(const Chunk& c, uint32_t i) const {
  // "Minister of Culture and Information Aida Balayeva": "of"/"and"/"for" followed
  // by a capitalised word that is not a country continue the chunk when the chunk
  // already names a role or ends with a capitalised word.
  if (i + 1 >= e_ || i <= c.begin) return false;
  const std::string_view w = lower_[i];
  if (w != "of" && w != "and" && w != "for") return false;
  if (!IsUpper(i + 1) || doc_.tokens[i + 1].Has(kTokSentenceStart)) return false;
  const int32_t next_actor = actor_at_[i + 1 - s_];
  if (next_actor >= 0 && stage_.actor_entries_[next_actor].kind != ActorKind::kAgent) {
    // "Prime Minister of Israel" continues (a title's country), "Kazakhstan and China" does not.
    return w == "of" && (!c.strong_sector.empty() || !c.weak_sector.empty()) && c.countries.empty();
  }
  return !c.strong_sector.empty() || IsUpper(i - 1);
}

void SentenceCoder::AddChunkActors(Chunk& c, uint32_t i, bool* has_head) const {
  const int32_t a = actor_at_[i - s_];
  if (a < 0 || actor_first_[i - s_] != i) {
    if (a < 0 && lower_[i] != "the" && lower_[i] != "'s" && !(wc_[i] & kWDet)) *has_head = true;
    return;
  }
  const ActorEntry& entry = stage_.actor_entries_[a];
  switch (entry.kind) {
    case ActorKind::kCountry:
    case ActorKind::kDemonym:
    case ActorKind::kCapital:
      if (std::find(c.countries.begin(), c.countries.end(), entry.code) == c.countries.end()) {
        c.countries.push_back(entry.code);
      }
      if (entry.kind != ActorKind::kCapital) c.capital_only = false;
      else if (c.countries.size() == 1) c.capital_only = true;
      if (entry.kind != ActorKind::kDemonym) *has_head = true;
      break;
    case ActorKind::kOrg:
      if (c.full_code.empty()) c.full_code = entry.code;
      *has_head = true;
      break;
    case ActorKind::kAgent:
      if (entry.weak) {
        c.weak_sector = entry.code;
      } else if (c.strong_sector.empty() || (c.strong_sector != "GOV" && entry.code != "GOV")) {
        // The head agent wins ("rebel leaders" -> REB), but a title keeps GOV over
        // later words ("Defence Minister ... people"), and GOV never replaces another sector.
        c.strong_sector = entry.code;
        c.strong_domestic = entry.domestic;
      }
      *has_head = true;
      break;
  }
}

void SentenceCoder::BuildChunks() {
  chunks_.clear();
  chunk_at_.assign(e_ - s_, -1);
  for (uint32_t i = s_; i < e_;) {
    if (IsChunkBreak(i)) {
      if ((wc_[i] & kWPronoun)) {
        Chunk c;
        c.begin = i;
        c.end = i + 1;
        c.pronoun = lower_[i];
        chunk_at_[i - s_] = static_cast<int32_t>(chunks_.size());
        chunks_.push_back(std::move(c));
      }
      ++i;
      continue;
    }
    Chunk c;
    c.begin = i;
    bool has_head = false;  // a word other than a demonym
    while (i < e_ && (!IsChunkBreak(i) || ContinuesTitle(c, i))) {
      if (!IsChunkBreak(i)) AddChunkActors(c, i, &has_head);
      c.end = i + 1;
      chunk_at_[i - s_] = static_cast<int32_t>(chunks_.size());
      ++i;
    }
    c.demonym_only = !has_head && !c.countries.empty();
    chunks_.push_back(std::move(c));
  }
}

void SentenceCoder::ApplyEntityMentions() {
  // Entity mentions from the entities stage override dictionary codes for persons and organizations.
  for (Chunk& c : chunks_) {
    for (uint32_t i = c.begin; i < c.end; ++i) {
      const int32_t mi = mention_at_[i];
      if (mi < 0) continue;
      const Mention& m = doc_.mentions[mi];
      const Entity& ent = doc_.entities[m.entity];
      if (ent.type != EntityType::kPerson && ent.type != EntityType::kOrg) continue;
      if (!state_.entity_done[m.entity]) {
        state_.entity_codes[m.entity] = stage_.EntityActor(ent);
        state_.entity_done[m.entity] = 1;
      }
      std::string code = state_.entity_codes[m.entity];
      if (code.empty() || (!c.full_code.empty() && code.size() <= 3)) continue;  // keep "IGONAT" over "IGO"
      if (ent.type == EntityType::kPerson && code.size() == 3 && !c.strong_sector.empty()) code += c.strong_sector;
      c.full_code = code;
      c.pronoun = {};
      if (ent.type == EntityType::kPerson) state_.last_person = code;
      break;
    }
  }
}

SentenceCoder::Link SentenceCoder::LinkBetween(size_t left, size_t right) const {
  // What separates two adjacent chunks: only "and", "or", "&" and commas (a coordination
  // link, with or without a conjunction), or anything else.
  const Chunk& a = chunks_[left];
  const Chunk& b = chunks_[right];
  if (!a.pronoun.empty() || !b.pronoun.empty() || a.end >= b.begin) return Link::kNone;
  bool saw_conj = false;
  for (uint32_t k = a.end; k < b.begin; ++k) {
    const std::string_view w = lower_[k];
    if (w == "and" || w == "or" || w == "&") saw_conj = true;
    else if (w != ",") return Link::kNone;
  }
  return saw_conj ? Link::kConjunction : Link::kComma;
}

void SentenceCoder::GroupChunks() {
  // Coordination groups: chunks separated only by "and", "or", "&" and commas.
  int next_group = 0;
  for (size_t ci = 0; ci < chunks_.size(); ++ci) {
    Chunk& c = chunks_[ci];
    const Link link = ci > 0 ? LinkBetween(ci - 1, ci) : Link::kNone;
    const Chunk* prev = ci > 0 ? &chunks_[ci - 1] : nullptr;
    bool joined = link == Link::kConjunction ||
                  (link == Link::kComma && !prev->countries.empty() && !c.countries.empty());
    // "Pakistan, a key U.S. ally, refused": a determiner after a bare comma opens an
    // appositive, not a list item, unless a conjunction continues the list after it
    // ("Kazakhstan, the US and China").
    if (joined && link == Link::kComma && (wc_[c.begin] & kWDet) &&
        !(ci + 1 < chunks_.size() && LinkBetween(ci, ci + 1) == Link::kConjunction)) {
      joined = false;
    }
    c.group = joined ? prev->group : next_group++;
  }
}

void SentenceCoder::RememberTitledName(const Chunk& c) {
  // "... Minister ... Aida Balayeva": the name after a coded title is that actor
  // for the rest of the article.
  uint32_t name_begin = c.end;
  for (uint32_t k = c.end; k > c.begin; --k) {
    const uint32_t t = k - 1;
    if (!IsUpper(t) || actor_at_[t - s_] >= 0 || doc_.tokens[t].Has(kTokPunct)) break;
    name_begin = t;
  }
  if (name_begin >= c.end) return;
  for (uint32_t t = name_begin; t < c.end; ++t) {
    if (lower_[t].size() > 2) state_.person_codes[lower_.hash(t)] = c.actors[0];
  }
  state_.last_person = c.actors[0];
}

void SentenceCoder::ResolveChunkActors() {
  for (size_t ci = 0; ci < chunks_.size(); ++ci) {
    Chunk& c = chunks_[ci];
    std::string sector = !c.strong_sector.empty() ? c.strong_sector : c.weak_sector;
    if (sector.empty() && c.demonym_only) {
      // "Hungarian and Romanian officials": the adjective takes the head's sector.
      for (size_t cj = ci + 1; cj < chunks_.size() && chunks_[cj].group == c.group; ++cj) {
        const Chunk& n = chunks_[cj];
        sector = !n.strong_sector.empty() ? n.strong_sector : n.weak_sector;
        if (!sector.empty() || !n.demonym_only) break;
      }
    }
    if (!c.full_code.empty()) {
      c.actors.push_back(c.full_code);
    } else if (!c.countries.empty()) {
      // Several countries inside one chunk are one actor, the first: "Bosnian Serbs"
      // (coordinated countries are separate chunks joined by "and" or commas).
      c.actors.push_back(c.countries[0] + sector);
      if (c.countries.size() == 1 && !c.strong_sector.empty()) RememberTitledName(c);
    } else if (!c.pronoun.empty()) {
      if ((c.pronoun == "he" || c.pronoun == "she") && !state_.last_person.empty()) {
        c.actors.push_back(state_.last_person);
      }
    } else {
      // A remembered name ("Balayeva") or a bare title ("the minister").
      for (uint32_t t = c.begin; t < c.end; ++t) {
        auto it = state_.person_codes.find(lower_.hash(t));
        if (it != state_.person_codes.end() && IsUpper(t)) {
          c.actors.push_back(it->second);
          state_.last_person = it->second;
          break;
        }
      }
      if (c.actors.empty() && !c.strong_sector.empty() && lower_[c.begin] == "the" && c.end - c.begin <= 3 &&
          !state_.last_person.empty() && SectorOf(state_.last_person) == c.strong_sector) {
        c.actors.push_back(state_.last_person);
      }
    }
    if (!c.actors.empty()) c.actor_span = Span{doc_.tokens[c.begin].span.begin, doc_.tokens[c.end - 1].span.end};
  }
}

SentenceCoder::Side SentenceCoder::GroupActors(int32_t ci, bool as_source) const {
  Side out;
  const int group = chunks_[ci].group;
  uint32_t lo = UINT32_MAX, hi = 0;
  for (const Chunk& c : chunks_) {
    if (c.group != group) continue;
    for (std::string a : c.actors) {
      // A capital alone is the government when it acts ("Berlin rejected"), the
      // country as a target ("arrived in Amman").
      if (as_source && c.capital_only && a.size() == 3) a += "GOV";
      if (std::find(out.codes.begin(), out.codes.end(), a) == out.codes.end()) out.codes.push_back(a);
    }
    if (!c.actors.empty()) {
      lo = std::min(lo, c.actor_span.begin);
      hi = std::max(hi, c.actor_span.end);
    }
  }
  if (!out.codes.empty()) out.span = Span{lo, hi};
  return out;
}

SentenceCoder::Side SentenceCoder::SpeakerForPronoun(const Chunk& pron) const {
  // "X said it would ...": the pronoun refers to the subject of the governing speech clause.
  const int32_t own = ClauseAt(pron.end < e_ ? pron.end : pron.begin);
  for (int32_t ci = own >= 0 ? doc_.clauses[own].parent : -1, hops = 0; ci >= 0 && hops < 3;
       ci = doc_.clauses[ci].parent, ++hops) {
    const int32_t subject = SubjectChunk(ci);
    if (subject >= 0 && chunks_[subject].pronoun.empty() && !chunks_[subject].actors.empty()) {
      return GroupActors(subject, true);
    }
  }
  Side out;
  // "we" inside a quote: the quote's speaker.
  if (pron.pronoun == "we" || pron.pronoun == "i") {
    const uint32_t off = doc_.tokens[pron.begin].span.begin;
    for (const Quote& q : doc_.quotes) {
      if (q.span.begin <= off && off < q.span.end && q.speaker_entity >= 0) {
        const std::string code = stage_.EntityActor(doc_.entities[q.speaker_entity]);
        if (!code.empty()) {
          out.span = q.speaker_span;
          out.codes.push_back(code);
        }
        break;
      }
    }
  }
  if (out.codes.empty() && !pron.actors.empty()) {
    out.span = Span{doc_.tokens[pron.begin].span.begin, doc_.tokens[pron.end - 1].span.end};
    out.codes = pron.actors;
  }
  return out;
}

SentenceCoder::Side SentenceCoder::ActorOf(int32_t chunk, bool as_source) const {
  if (chunk < 0) return {};
  return chunks_[chunk].pronoun.empty() ? GroupActors(chunk, as_source) : SpeakerForPronoun(chunks_[chunk]);
}

int32_t SentenceCoder::ChunkBefore(uint32_t token) const {
  // Nearest chunk with actors left of `token`, inside the clause.
  for (uint32_t k = token; k > s_; --k) {
    const uint32_t t = k - 1;
    if ((wc_[t] & kWClause) || doc_.tokens[t].Has(kTokQuote)) return -1;
    const int32_t ci = chunk_at_[t - s_];
    if (ci >= 0 && (!chunks_[ci].actors.empty() || !chunks_[ci].pronoun.empty())) {
      // "settlers in the West Bank set fire": a location is not the subject.
      const uint32_t first = chunks_[ci].begin;
      if (first > s_ && (wc_[first - 1] & kWLoc)) {
        k = first + 1;
        continue;
      }
      return ci;
    }
  }
  return -1;
}

int32_t SentenceCoder::ChunkAfter(uint32_t token, uint32_t stop, uint32_t trigger_end, uint32_t complement_at) const {
  // The first actor chunk right of `token`, not crossing a new clause; `complement_at`:
  // a clause word there opens the trigger's own complement ("hope that leaders from X").
  for (uint32_t t = token; t < stop && t < e_; ++t) {
    if ((wc_[t] & kWObjectStop) || doc_.tokens[t].Has(kTokQuote) ||
        ((wc_[t] & kWClause) && t > token && t != complement_at)) {
      return -1;
    }
    const int32_t ci = chunk_at_[t - s_];
    if (ci < 0 || chunks_[ci].actors.empty()) continue;
    const Chunk& c = chunks_[ci];
    // A subject pronoun is never an object; a chunk before a reporting verb is a speaker.
    if (!c.pronoun.empty() || (c.end < e_ && (wc_[c.end] & kWReport))) return -1;
    // Skip locations: "in Kabul", "at the border" (unless the trigger ends in the preposition).
    if (c.begin > s_ && (wc_[c.begin - 1] & kWLoc) && c.begin - 1 >= trigger_end) {
      t = c.end - 1;
      continue;
    }
    return ci;
  }
  return -1;
}

void SentenceCoder::WindowSides(size_t vi, const Action& action, uint32_t trigger_end, bool passive, Side* sources,
                                Side* targets) const {
  // The token-window reading, for a side the clause did not give (a trigger the
  // tagger read as a participle, an object the chunker split): the nearest actor
  // chunk to the left, the first one to the right before the next trigger.
  const VerbMatch& v = verbs_[vi];
  const VerbEntry& entry = stage_.verb_entries_[v.entry];
  if (passive) {
    for (uint32_t t = trigger_end; t + 1 < e_; ++t) {
      if (lower_[t] == "by") {
        if (sources->codes.empty()) *sources = GroupActorsOrNone(ChunkAfter(t + 1, std::min(e_, t + 6), t + 1, UINT32_MAX), true);
        break;
      }
      if (IsPunct(t) || (wc_[t] & kWClause)) break;
    }
    if (targets->codes.empty()) *targets = ActorOf(ChunkBefore(v.begin), false);
    return;
  }
  if (sources->codes.empty()) {
    const int32_t named = AppositiveName(v.begin);
    *sources = ActorOf(named >= 0 ? named : ChunkBefore(v.begin), true);
  }
  if (!targets->codes.empty()) return;
  const bool before_to = entry.frame == Frame::kAppeal || entry.frame == Frame::kDemand || entry.obj_first;
  const uint32_t target_from = action.entry && !before_to ? verbs_[action.verb].begin + 1 : v.begin + 1;
  uint32_t stop = e_;
  for (size_t vj = vi + 1; vj < verbs_.size(); ++vj) {
    if (!verbs_[vj].used && verbs_[vj].begin >= target_from) {
      stop = verbs_[vj].begin;
      break;
    }
  }
  const uint32_t complement_at = entry.code < "04" || (action.entry && action.entry->code < "04") ? trigger_end
                                                                                                  : UINT32_MAX;
  *targets = GroupActorsOrNone(ChunkAfter(target_from, stop, trigger_end, complement_at), false);
}

SentenceCoder::Side SentenceCoder::GroupActorsOrNone(int32_t chunk, bool as_source) const {
  return chunk < 0 ? Side{} : GroupActors(chunk, as_source);
}

void SentenceCoder::MapClauses() {
  clause_at_.assign(e_ - s_, -1);
  const std::vector<Clause>& clauses = doc_.clauses;
  auto it = std::lower_bound(clauses.begin(), clauses.end(), s_,
                             [](const Clause& c, uint32_t token) { return c.verb.begin < token; });
  for (; it != clauses.end() && it->verb.begin < e_; ++it) {
    const int32_t index = static_cast<int32_t>(it - clauses.begin());
    for (uint32_t t = it->verb.begin; t < it->verb.end && t < e_; ++t) clause_at_[t - s_] = index;
    if (it->particle != kNoToken && it->particle >= s_ && it->particle < e_) clause_at_[it->particle - s_] = index;
  }
}

int32_t SentenceCoder::ClauseAt(uint32_t token) const {
  return token >= s_ && token < e_ ? clause_at_[token - s_] : -1;
}

bool SentenceCoder::Hypothetical(int32_t clause) const {
  // "if China attacks", "unless Russia withdraws", and what they govern.
  for (int hops = 0; clause >= 0 && hops < 4; clause = doc_.clauses[clause].parent, ++hops) {
    if (doc_.clauses[clause].kind == ClauseKind::kConditional) return true;
  }
  return false;
}

int32_t SentenceCoder::ChunkIn(const TokenRange& range) const {
  if (range.empty()) return -1;
  auto usable = [&](int32_t ci) { return ci >= 0 && (!chunks_[ci].actors.empty() || !chunks_[ci].pronoun.empty()); };
  if (range.head >= s_ && range.head < e_ && usable(chunk_at_[range.head - s_])) return chunk_at_[range.head - s_];
  // The head is not an actor word ("leaders of the opposition"): the first actor chunk inside the phrase.
  for (uint32_t t = std::max(range.begin, s_); t < range.end && t < e_; ++t) {
    const int32_t ci = chunk_at_[t - s_];
    if (ci >= 0 && !chunks_[ci].actors.empty()) return ci;
  }
  // A partitive names its actor after "of": "Thousands of Serbian students", "Leaders of the opposition".
  if (range.end + 1 < e_ && range.end >= s_ && lower_[range.end] == "of") {
    const int32_t ci = chunk_at_[range.end + 1 - s_];
    if (ci >= 0 && !chunks_[ci].actors.empty()) return ci;
  }
  return -1;
}

int32_t SentenceCoder::SubjectChunk(int32_t clause) const {
  const Clause& c = doc_.clauses[clause];
  const TokenRange& subject = c.subject;
  if (!subject.empty() && subject.begin > s_ && subject.begin < e_ && lower_[subject.begin - 1] == "," &&
      (wc_[subject.begin] & kWDet)) {
    const int32_t named = AppositiveName(c.verb.begin);
    if (named >= 0) return named;
  }
  return ChunkIn(subject);
}

int32_t SentenceCoder::AppositiveName(uint32_t verb_begin) const {
  // "Syria, a close ally of Iran, (has) condemned": the phrase between two commas right
  // before the verb opens with a determiner, so it describes the name before the
  // first comma, which is the subject. Bounded: 3 words of verb group, 12 of appositive.
  uint32_t t = verb_begin;
  for (int n = 0; n < 3 && t > s_ && t - 1 < doc_.pos.size() &&
                  (IsVerb(doc_.pos[t - 1]) || doc_.pos[t - 1] == PosTag::kMD || (wc_[t - 1] & kWNeg));
       ++n) {
    --t;
  }
  if (t < s_ + 4 || t > e_ || lower_[t - 1] != ",") return -1;
  for (uint32_t k = t - 2, n = 0; k > s_ && n < 12; --k, ++n) {
    if ((wc_[k] & kWClause) || doc_.tokens[k].Has(kTokQuote)) return -1;
    if (lower_[k] != ",") continue;
    if (!(wc_[k + 1] & kWDet)) return -1;
    const int32_t named = chunk_at_[k - 1 - s_];
    return named >= 0 && !chunks_[named].actors.empty() && chunks_[named].pronoun.empty() ? named : -1;
  }
  return -1;
}

int32_t SentenceCoder::AgentChunk(int32_t clause) const {
  const Clause& c = doc_.clauses[clause];
  for (uint32_t a = c.args_begin; a < c.args_end; ++a) {
    if (doc_.clause_args[a].role == ArgRole::kAgent) return ChunkIn(doc_.clause_args[a].phrase);
  }
  return -1;
}

int32_t SentenceCoder::ObjectChunk(int32_t clause, uint32_t trigger_end, bool objects_only) const {
  const Clause& c = doc_.clauses[clause];
  for (uint32_t a = c.args_begin; a < c.args_end; ++a) {
    const ClauseArg& arg = doc_.clause_args[a];
    if (arg.role == ArgRole::kAgent || (objects_only && arg.role != ArgRole::kObject)) continue;
    // A location ("in Kabul", "at the border") is no target, unless the pattern
    // ends in the preposition ("arrived in").
    if (arg.role == ArgRole::kPrep && arg.preposition >= trigger_end && arg.preposition < e_ &&
        (wc_[arg.preposition] & kWLoc)) {
      continue;
    }
    const int32_t ci = ChunkIn(arg.phrase);
    // A subject pronoun is never an object.
    if (ci >= 0 && chunks_[ci].pronoun.empty()) return ci;
  }
  return -1;
}

int32_t SentenceCoder::ComplementClause(int32_t clause) const {
  // The first clause the trigger's clause governs: "threatened [to cut off ...]".
  for (size_t j = static_cast<size_t>(clause) + 1; j < doc_.clauses.size() && doc_.clauses[j].verb.begin < e_; ++j) {
    if (doc_.clauses[j].parent == clause) return static_cast<int32_t>(j);
  }
  return -1;
}

int32_t SentenceCoder::ComplementSubjectChunk(int32_t clause, uint32_t boundary_at) const {
  // "expressed hope that leaders from China ...": the subject of the "that" clause.
  for (size_t j = static_cast<size_t>(clause) + 1; j < doc_.clauses.size() && doc_.clauses[j].verb.begin < e_; ++j) {
    const Clause& c = doc_.clauses[j];
    if (c.parent != clause) continue;
    if (c.kind != ClauseKind::kSpeech && c.kind != ClauseKind::kComplement) continue;
    if (boundary_at != kNoToken && c.boundary != boundary_at) return -1;
    // An infinitive's subject is the trigger's own ("pledged to provide"): no target.
    if (c.subject_inherited) return -1;
    return SubjectChunk(static_cast<int32_t>(j));
  }
  return -1;
}

bool SentenceCoder::CodeModal(const VerbMatch& v) {
  // "The Bush administration declared that China must drop barriers": a demand by
  // the subject of the governing speech clause on the subject of "must".
  const std::string& code = stage_.verb_entries_[v.entry].code;
  const int32_t clause = ClauseAt(v.begin);
  if (clause < 0) return false;
  // What "must" governs is demanded, not done ("the US must be ready to mediate").
  reported_end_ = v.end;
  reported_clause_ = clause;
  reported_modal_ = true;
  reported_below_ = true;
  const Clause& c = doc_.clauses[clause];
  if (c.parent < 0 || (c.kind != ClauseKind::kSpeech && c.kind != ClauseKind::kComplement)) return false;
  const int32_t subject = SubjectChunk(clause);
  const int32_t speaker = SubjectChunk(c.parent);
  if (subject < 0 || speaker < 0 || !chunks_[subject].pronoun.empty()) return false;
  const Side sources = ActorOf(speaker, true);
  const Side targets = GroupActors(subject, false);
  const Span trigger{doc_.tokens[v.begin].span.begin, doc_.tokens[v.end - 1].span.end};
  stage_.Emit(doc_, sentence_, code, false, trigger, sources.codes, sources.span, targets.codes, targets.span);
  return true;
}

bool SentenceCoder::FindAction(size_t vi, Action* action) const {
  // The action in the frame's complement: "agreed to [undertake joint] exercises".
  const VerbMatch& v = verbs_[vi];
  for (size_t vj = vi + 1; vj < verbs_.size(); ++vj) {
    if (verbs_[vj].begin > v.end + kFrameLookahead) break;
    const VerbEntry& next = stage_.verb_entries_[verbs_[vj].entry];
    if (next.code == "-") {
      *action = Action{&next, vj};
      return true;
    }
    if (next.frame != Frame::kNone && !next.combine_only && next.code.substr(0, 2) != "03") continue;
    bool clause_break = false;
    for (uint32_t k = v.end; k < verbs_[vj].begin; ++k) {
      clause_break |= (wc_[k] & kWClause) || (IsPunct(k) && lower_[k] != ",");
    }
    if (clause_break) break;
    *action = Action{&next, vj};
    return true;
  }
  return false;
}

void SentenceCoder::ClauseSides(size_t vi, int32_t clause, int32_t action_clause, uint32_t trigger_end,
                                const std::string& code, Side* sources, Side* targets) const {
  const VerbMatch& v = verbs_[vi];
  const VerbEntry& entry = stage_.verb_entries_[v.entry];
  if (doc_.clauses[action_clause].passive) {
    // "was criticised by X": the agent acts on the subject.
    *sources = ActorOf(AgentChunk(action_clause), true);
    *targets = ActorOf(SubjectChunk(action_clause), false);
    return;
  }
  *sources = ActorOf(SubjectChunk(clause), true);
  int32_t object = -1;
  // Appeals and demands name their target before "to" ("urged Israel to"); "agreed with X to".
  if (entry.frame == Frame::kAppeal || entry.frame == Frame::kDemand || entry.obj_first) {
    object = ObjectChunk(clause, v.begin + 1, !entry.obj_first);
  }
  if (object < 0) object = ObjectChunk(action_clause, trigger_end, false);
  if (object < 0 && action_clause != clause) object = ObjectChunk(clause, v.end, false);
  // Statements, appeals and intents (roots 01-03) take the subject of their "that"
  // clause; so does any trigger right before "that" ("demanded that the DPRK forsake").
  if (object < 0) object = ComplementSubjectChunk(clause, code < "04" ? kNoToken : trigger_end);
  *targets = ActorOf(object, false);
  if (object < 0) {
    const int32_t sector_chunk = SectorOnlyChunk(action_clause, trigger_end);
    if (sector_chunk >= 0) {
      const Chunk& c = chunks_[sector_chunk];
      targets->sector_only = c.strong_sector;
      targets->sector_span = Span{doc_.tokens[c.begin].span.begin, doc_.tokens[c.end - 1].span.end};
    }
  }
}

int32_t SentenceCoder::SectorOnlyChunk(int32_t clause, uint32_t trigger_end) const {
  // The first object or complement (not a location), when its head chunk names a
  // strong sector flagged "domestic" in agents.tsv and no country, organization,
  // entity or pronoun ("a hospital in Kunduz", "their Party" are not domestic).
  const Clause& c = doc_.clauses[clause];
  for (uint32_t a = c.args_begin; a < c.args_end; ++a) {
    const ClauseArg& arg = doc_.clause_args[a];
    if (arg.role == ArgRole::kAgent) continue;
    if (arg.role == ArgRole::kPrep && arg.preposition >= trigger_end && arg.preposition < e_ &&
        (wc_[arg.preposition] & kWLoc)) {
      continue;
    }
    if (arg.phrase.head < s_ || arg.phrase.head >= e_) return -1;
    const int32_t ci = chunk_at_[arg.phrase.head - s_];
    if (ci < 0) return -1;
    const Chunk& k = chunks_[ci];
    const bool sector_only = k.actors.empty() && k.pronoun.empty() && k.countries.empty() && k.full_code.empty() &&
                             !k.strong_sector.empty() && k.strong_domestic;
    return sector_only ? ci : -1;
  }
  return -1;
}

void SentenceCoder::InheritCountry(const Side& sources, Side* targets) const {
  // "Kazakh police arrested opposition activists": the activists are Kazakh. A phrase
  // with a sector and no country is, in a clause whose source is one country's actor,
  // of that country (the PLOVER/CAMEO coding of domestic events).
  if (!targets->codes.empty() || targets->sector_only.empty() || sources.codes.size() != 1) return;
  const std::string& src = sources.codes[0];
  if (!IsCountryCode(src)) return;
  targets->codes.push_back(src.substr(0, 3) + targets->sector_only);
  targets->span = targets->sector_span;
}

SentenceCoder::Side SentenceCoder::LocationTarget(int32_t clause, uint32_t trigger_end) const {
  // "Serbia lifted a night curfew in Montenegro": the first locative complement after
  // the trigger that names a country, a capital, or a place of the places stage.
  Side out;
  if (clause < 0) return out;
  const Clause& c = doc_.clauses[clause];
  for (uint32_t a = c.args_begin; a < c.args_end && out.codes.empty(); ++a) {
    const ClauseArg& arg = doc_.clause_args[a];
    if (arg.role != ArgRole::kPrep || arg.preposition < trigger_end || arg.preposition >= e_ ||
        !(wc_[arg.preposition] & kWLoc) || arg.phrase.empty()) {
      continue;
    }
    for (uint32_t t = std::max(arg.phrase.begin, s_); t < arg.phrase.end && t < e_; ++t) {
      const int32_t ci = chunk_at_[t - s_];
      if (ci >= 0 && !chunks_[ci].countries.empty() && chunks_[ci].full_code.empty()) {
        out.codes.push_back(chunks_[ci].countries[0]);
        out.span = Span{doc_.tokens[chunks_[ci].begin].span.begin, doc_.tokens[chunks_[ci].end - 1].span.end};
        break;
      }
    }
    if (!out.codes.empty()) break;
    // A town or province the places stage resolved ("in Osh"): its country. Places are
    // in text order, so a binary search finds the first one inside the phrase.
    const Span phrase{doc_.tokens[arg.phrase.begin].span.begin, doc_.tokens[arg.phrase.end - 1].span.end};
    auto it = std::lower_bound(doc_.places.begin(), doc_.places.end(), phrase.begin,
                               [](const Place& p, uint32_t at) { return p.span.begin < at; });
    if (it != doc_.places.end() && it->span.end <= phrase.end && !it->country.empty()) {
      out.codes.push_back(it->country);
      out.span = it->span;
    }
  }
  return out;
}

bool SentenceCoder::Reported(const VerbMatch& v) const {
  // Inside the complement of a statement, appeal, intent, demand or accusation
  // ("expressed hope that leaders will reach consensus", "demanded that the US cancel
  // plans to sell", "accused the rebels of violating the ceasefire") a second trigger
  // is what was said, asked or alleged, not an event: not coded.
  if (reported_end_ == 0 || reported_end_ > v.begin) return false;
  for (uint32_t k = reported_end_; k < v.begin; ++k) {
    if (lower_[k] == "that") return true;
  }
  // Agreements and intents (01-03) govern plans that are coded ("agreed to cooperate"):
  // only demands, accusations and "must" govern their complements below.
  if (reported_clause_ < 0 || !reported_below_) return false;
  // "of violating": a gerund complement of the governing clause.
  const Clause& gov = doc_.clauses[reported_clause_];
  for (uint32_t a = gov.args_begin; a < gov.args_end; ++a) {
    const ClauseArg& arg = doc_.clause_args[a];
    if (arg.role == ArgRole::kPrep && arg.phrase.begin <= v.begin && v.begin < arg.phrase.end) return true;
  }
  // "demanded a meeting of the Council to discuss": a purpose or complement infinitive below it.
  const int32_t own = ClauseAt(v.begin);
  for (int32_t c = own, hops = 0; c >= 0 && hops < 3; ++hops) {
    const Clause& cl = doc_.clauses[c];
    if (cl.kind != ClauseKind::kPurpose && cl.kind != ClauseKind::kComplement && cl.kind != ClauseKind::kSpeech) {
      return false;
    }
    if (cl.parent == reported_clause_) return true;
    c = cl.parent;
  }
  return false;
}

bool SentenceCoder::CodeTrigger(size_t vi, Side* sources) {
  VerbMatch& v = verbs_[vi];
  const VerbEntry* entry = &stage_.verb_entries_[v.entry];
  if (Reported(v)) return false;
  std::string code = entry->code;
  uint32_t trigger_end = v.end;
  Action action;
  if (entry->frame != Frame::kNone) {
    if (FindAction(vi, &action) && action.entry->code != "-") {
      verbs_[action.verb].used = true;
      trigger_end = verbs_[action.verb].end;
      code = stage_.FrameCode(entry->frame, action.entry->code);
    }
    if (action.entry && action.entry->code == "-") return false;
    if (!action.entry && entry->combine_only) return false;
  }
  // The trigger's clause. A trigger outside every verb group codes nothing when the
  // tagger reads it as a noun; a verb the clause layer left out ("soldiers arrested
  // 100 Palestinians" read as a participle) is read by the token window alone.
  // A first word read as a noun outside every verb group is a nominal trigger ("a US
  // offer to host"): the next infinitive's clause is not its clause.
  const bool tagged_noun = v.begin < doc_.pos.size() && IsNoun(doc_.pos[v.begin]);
  int32_t clause = ClauseAt(v.begin);
  if (clause < 0 && tagged_noun) return false;
  for (uint32_t t = v.begin + 1; t < v.end && clause < 0; ++t) clause = ClauseAt(t);
  // What this trigger governs is reported, whether or not it codes an event itself.
  if (GovernsReported(code)) {
    reported_end_ = trigger_end;
    reported_clause_ = clause;
    reported_modal_ = false;
    reported_below_ = code.substr(0, 2) == "10" || code.substr(0, 2) == "11";
  }
  if (clause >= 0 && Hypothetical(clause)) return false;
  int32_t action_clause = -1;
  if (clause >= 0) {
    action_clause = action.entry ? ClauseAt(verbs_[action.verb].begin) : -1;
    // A frame whose action is no trigger ("threatened to cut off electricity to X"):
    // the target is in its infinitive clause all the same.
    if (action_clause < 0 && entry->frame != Frame::kNone) action_clause = ComplementClause(clause);
    // A pattern that runs into the next clause ("pledged to provide * aid"): its objects are there.
    if (action_clause < 0 && ClauseAt(v.end - 1) > clause) action_clause = ClauseAt(v.end - 1);
    if (action_clause < 0) action_clause = clause;
  }
  const bool negated = clause >= 0 && (doc_.clauses[clause].negated || doc_.clauses[action_clause].negated);
  if (negated) {
    const std::string& neg = action.entry ? (entry->neg_code.empty() ? action.entry->neg_code : entry->neg_code)
                                          : entry->neg_code;
    if (neg.empty()) return false;
    code = neg;
  }
  Side targets;
  const bool passive = clause >= 0 && doc_.clauses[action_clause].passive;
  if (clause >= 0) ClauseSides(vi, clause, action_clause, trigger_end, code, sources, &targets);
  // The window fills only a side the clause layer has no phrase for: a subject
  // phrase that names no actor ("the front-runner arrives in Israel") stays empty.
  // A bare lowercase one-word subject ("today", "outright" read as noun phrases) is
  // too weak to overrule the window.
  bool subject_known = clause >= 0 && !passive && !doc_.clauses[clause].subject.empty();
  if (subject_known) {
    const TokenRange& subject = doc_.clauses[clause].subject;
    subject_known = subject.end - subject.begin > 1 || IsUpper(subject.head) || (wc_[subject.head] & kWPronoun);
  }
  if ((sources->codes.empty() && !subject_known) || targets.codes.empty()) {
    Side window_sources = *sources;
    const std::string sector_only = targets.sector_only;
    const Span sector_span = targets.sector_span;
    WindowSides(vi, action, trigger_end, passive, &window_sources, &targets);
    targets.sector_only = sector_only;
    targets.sector_span = sector_span;
    if (!subject_known) *sources = window_sources;
  }
  if (sources->codes.empty()) return false;
  InheritCountry(*sources, &targets);
  if (targets.codes.empty() && ActsOnPlace(code) && clause >= 0) {
    targets = LocationTarget(action_clause, trigger_end);
    if (targets.codes.empty() && action_clause != clause) targets = LocationTarget(clause, trigger_end);
  }
  const bool military = SectorOf(sources->codes[0]) == "MIL";
  if (military && !entry->mil_code.empty()) code = entry->mil_code;
  if (military && action.entry && !action.entry->mil_code.empty() && entry->frame == Frame::kNone) {
    code = action.entry->mil_code;
  }
  const Span trigger{doc_.tokens[v.begin].span.begin, doc_.tokens[trigger_end - 1].span.end};
  stage_.Emit(doc_, sentence_, code, negated, trigger, sources->codes, sources->span, targets.codes, targets.span);
  return true;
}

void SentenceCoder::CodeTriggers() {
  const size_t events_before = doc_.events.size();
  for (size_t vi = 0; vi < verbs_.size(); ++vi) {
    VerbMatch& v = verbs_[vi];
    if (v.used) continue;
    v.used = true;
    const VerbEntry& entry = stage_.verb_entries_[v.entry];
    if (entry.code == "-") continue;
    if (entry.modal) {
      CodeModal(v);
      continue;
    }
    Side sources;
    CodeTrigger(vi, &sources);
    if (doc_.events.size() - events_before >= kMaxEventsPerSentence) break;
  }
}

}  // namespace ties::events

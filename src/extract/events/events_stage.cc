// events_stage.cc: the "events" stage: CAMEO-coded events between actors.
//
// This file holds the stage's resources (verbs.tsv patterns, actor dictionaries,
// the CAMEO table), the frame table, event emission and the document loop;
// sentence_coder.cc codes one sentence from its clauses (docs/events.md).
//
// All resources load once in MakeEventsStage; Process() is const and keeps its
// scratch state on the stack, so the stage is safe to share between threads.
#include "extract/events/events_stage.h"

#include <algorithm>

#include "common/text_util.h"
#include "extract/events/events_internal.h"
#include "text/tokenizer.h"

namespace ties {
namespace events {
namespace {

// The word classes of data/en/events/words.tsv (its header says what each is for).
constexpr std::pair<std::string_view, uint32_t> kWordClassNames[] = {
    {"break", kWBreak},     {"pronoun", kWPronoun},         {"det", kWDet},       {"prep", kWPrep},
    {"clause", kWClause},   {"object_stop", kWObjectStop},  {"report", kWReport}, {"loc", kWLoc},
    {"neg", kWNeg},         {"be", kWBe},                   {"modal_aux", kWModalAux}};

// Reads words.tsv into `m` (word hash -> class bits).
Status LoadWordClasses(const std::string& path, lex::WordMap& m) {
  return ReadTsv(path, [&](const std::vector<std::string_view>& cols, int) {
    if (cols.size() != 2) return Status::ParseError("expected class and words");
    uint32_t bit = 0;
    for (const auto& [name, class_bit] : kWordClassNames) {
      if (cols[0] == name) bit = class_bit;
    }
    if (bit == 0) return Status::ParseError("unknown word class '" + std::string(cols[0]) + "'");
    const std::vector<std::string_view> words = SplitList(cols[1], '|');
    if (words.empty()) return Status::ParseError("no words for class '" + std::string(cols[0]) + "'");
    for (std::string_view w : words) m[lex::HashWord(w)] |= bit;
    return Status::Ok();
  });
}

}  // namespace

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view SectorOf(std::string_view code) { return code.size() >= 6 ? code.substr(3, 3) : std::string_view(); }

Status EventsStage::Load(const std::string& data_dir) {
  Result<CameoTable> table = CameoTable::Load(data_dir);
  if (!table.ok()) return table.status();
  cameo_ = std::move(table.value());
  const std::string dir = data_dir + "/en/events/";

  TIES_RETURN_IF_ERROR(ReadTsv(dir + "verbs.tsv", [&](const std::vector<std::string_view>& cols, int) {
    if (cols.size() < 2) return Status::ParseError("expected code and pattern");
    VerbEntry e;
    e.code = std::string(cols[0]);
    // "-" marks a stop phrase: it consumes the words and codes nothing ("declined to comment").
    if (e.code != "-" && !cameo_.Find(e.code)) return Status::ParseError("unknown CAMEO code " + e.code);
    if (cols.size() > 2) {
      for (std::string_view flag : SplitList(cols[2], ',')) {
        if (flag == "combine") {
          e.combine_only = true;
        } else if (flag == "noun") {
          e.noun = true;
        } else if (flag == "modal") {
          e.modal = true;
        } else if (flag == "objfirst") {
          e.obj_first = true;
        } else if (flag.substr(0, 4) == "neg=") {
          e.neg_code = std::string(flag.substr(4));
        } else if (flag.substr(0, 4) == "mil=") {
          e.mil_code = std::string(flag.substr(4));
        } else if (flag.substr(0, 6) == "frame=") {
          const std::string_view f = flag.substr(6);
          e.frame = f == "intent" ? Frame::kIntent : f == "threaten" ? Frame::kThreaten : f == "refuse" ? Frame::kRefuse
                  : f == "appeal" ? Frame::kAppeal : f == "demand" ? Frame::kDemand : f == "prepare" ? Frame::kPrepare
                  : Frame::kNone;
          if (e.frame == Frame::kNone) return Status::ParseError("unknown frame " + std::string(f));
        } else {
          return Status::ParseError("unknown flag " + std::string(flag));
        }
      }
    }
    const std::string_view pattern = cols[1];
    if (!pattern.empty() && pattern[0] == '~') {
      const size_t space = pattern.find(' ');
      e.first_lemma = AsciiLower(pattern.substr(1, space == std::string_view::npos ? pattern.npos : space - 1));
    }
    verb_entries_.push_back(std::move(e));
    return verbs_.Add(pattern, static_cast<uint32_t>(verb_entries_.size() - 1));
  }));

  auto add_actor = [&](std::string_view phrase, ActorEntry entry, bool proper) -> Status {
    bool weak = false;
    if (!phrase.empty() && phrase[0] == '~') {
      weak = true;
      phrase.remove_prefix(1);
    }
    entry.weak = weak;
    // ALL-CAPS abbreviations (US, UN, WHO) match case-sensitively.
    bool has_lower = false;
    for (char c : phrase) has_lower |= (c >= 'a' && c <= 'z');
    actor_entries_.push_back(entry);
    const uint32_t tags = entry.kind == ActorKind::kAgent ? kWActorStart : (kWActorStart | kWProperStart);
    Status st = actors_.Add(phrase, static_cast<uint32_t>(actor_entries_.size() - 1), proper && !has_lower, tags);
    if (!st.ok() || entry.kind != ActorKind::kAgent) return st;
    agent_entries_.push_back(entry);
    return agents_only_.Add(phrase, static_cast<uint32_t>(agent_entries_.size() - 1));
  };

  TIES_RETURN_IF_ERROR(ReadTsv(dir + "countries.tsv", [&](const std::vector<std::string_view>& cols, int) {
    if (cols.size() < 2 || cols[0].size() != 3) return Status::ParseError("expected iso3 and names");
    const std::string iso(cols[0]);
    const ActorKind kinds[] = {ActorKind::kCountry, ActorKind::kDemonym, ActorKind::kCapital};
    for (size_t col = 1; col < cols.size() && col <= 3; ++col) {
      for (std::string_view name : SplitList(cols[col], '|')) {
        TIES_RETURN_IF_ERROR(add_actor(name, ActorEntry{kinds[col - 1], iso, false}, true));
      }
    }
    return Status::Ok();
  }));
  TIES_RETURN_IF_ERROR(ReadTsv(dir + "organizations.tsv", [&](const std::vector<std::string_view>& cols, int) {
    if (cols.size() < 2) return Status::ParseError("expected code and names");
    for (std::string_view name : SplitList(cols[1], '|')) {
      TIES_RETURN_IF_ERROR(add_actor(name, ActorEntry{ActorKind::kOrg, std::string(cols[0]), false}, true));
    }
    return Status::Ok();
  }));
  TIES_RETURN_IF_ERROR(ReadTsv(dir + "agents.tsv", [&](const std::vector<std::string_view>& cols, int) {
    if (cols.size() < 2) return Status::ParseError("expected sector and words");
    if (cols.size() > 2 && cols[2] != "domestic" && !cols[2].empty()) {
      return Status::ParseError("unknown agents.tsv flag (expected domestic)");
    }
    ActorEntry entry{ActorKind::kAgent, std::string(cols[0]), false};
    entry.domestic = cols.size() > 2 && cols[2] == "domestic";
    for (std::string_view name : SplitList(cols[1], '|')) {
      TIES_RETURN_IF_ERROR(add_actor(name, entry, false));
    }
    return Status::Ok();
  }));
  // One probe per token gives every bit the sentence coder tests.
  TIES_RETURN_IF_ERROR(LoadWordClasses(dir + "words.tsv", token_bits_));
  verbs_.participles().ForEach([&](uint64_t h, uint32_t) { token_bits_[h] |= kWParticiple; });
  for (const auto& [h, tags] : verbs_.FirstWords()) token_bits_[h] |= kWVerbStart;
  for (const auto& [h, tags] : actors_.FirstWords()) token_bits_[h] |= tags;
  return Status::Ok();
}

std::string EventsStage::SectorFromText(std::string_view text) const {
  if (text.empty()) return "";
  Document tmp;
  tmp.text = std::string(text);
  Tokenize(tmp.text, tmp.tokens);
  lex::LowerText lower;
  lower.Build(tmp);
  std::string strong, weak;
  const auto any = [](uint32_t) { return true; };
  for (uint32_t i = 0; i < tmp.tokens.size();) {
    lex::PhraseMatcher::Match m;
    if (agents_only_.LongestAt(tmp, lower, i, static_cast<uint32_t>(tmp.tokens.size()), any, &m)) {
      const ActorEntry& e = agent_entries_[m.payload];
      if (e.weak) {
        if (weak.empty()) weak = e.code;
      } else if (strong.empty()) {
        strong = e.code;  // the first title word names the role: "Defence Minister" -> GOV
      }
      i = m.end;
    } else {
      ++i;
    }
  }
  return strong.empty() ? weak : strong;
}

std::string EventsStage::EntityActor(const Entity& e) const {
  std::string sector;
  switch (e.type) {
    case EntityType::kPerson:
      sector = SectorFromText(e.role);
      break;
    case EntityType::kOrg: {
      const std::string kind = AsciiLower(e.org_kind);
      if (kind.find("international") != std::string::npos) return "IGO";
      sector = SectorFromText(kind);
      if (sector.empty()) sector = SectorFromText(e.canonical);
      break;
    }
    case EntityType::kLoc:
    case EntityType::kNorp:
      break;
  }
  if (e.country.size() != 3) return "";
  return e.country + sector;
}

std::string EventsStage::FrameCode(Frame frame, const std::string& action) const {
  const std::string_view root = CameoRootCode(action);
  const int r = (root.size() == 2) ? (root[0] - '0') * 10 + (root[1] - '0') : 0;
  switch (frame) {
    case Frame::kIntent:
      // "agreed to meet" 036, "pledged to provide aid" 033, "vowed to attack" -> a threat.
      if (r == 4) return "036";
      if (r == 5) return "032";
      if (r == 6) return "031";
      if (r == 7) return "033";
      if (r == 8) return "035";
      if (r == 3 || r == 2 || r == 1) return action;
      if (r >= 9 && r <= 13) return action;  // "will reject" stays a rejection
      if (r >= 18) return "138";
      if (r == 16) return "131";
      if (r == 17) return "137";
      return "130";
    case Frame::kThreaten:
      if (r >= 18) return "138";
      if (r == 16) return action.substr(0, 3) == "163" ? "1312" : "131";
      if (r == 17) return "137";
      if (r == 14) return "133";
      return "130";
    case Frame::kRefuse:
      if (r == 4) return "125";
      if (r == 6) return "121";
      if (r == 7) return "122";
      if (r == 8) return "124";
      if (r == 3) return "120";
      return "120";
    case Frame::kAppeal:
      if (r == 4) return "026";
      if (r == 6) return "021";
      if (r == 7) return "023";
      if (r == 8) return action.substr(0, 3) == "087" ? "0256" : "025";
      if (r == 5) return "022";
      return "020";
    case Frame::kDemand:
      if (r == 4) return "108";
      if (r == 6) return "101";
      if (r == 7) return "103";
      if (r == 8) return "105";
      return "100";
    case Frame::kPrepare:
      if (r >= 18) return "154";
      return action;
    case Frame::kNone:
      break;
  }
  return action;
}

void EventsStage::Emit(Document& doc, const Sentence& sentence, const std::string& code, bool negated, Span trigger,
                       const std::vector<std::string>& sources, Span source_span,
                       const std::vector<std::string>& targets, Span target_span) const {
  const CameoCode* c = cameo_.Find(code);
  if (!c) return;
  auto emit_one = [&](const std::string& src, const std::string& target) {
    // Both actors are required (as in PETRARCH: an event without a target is
    // not coded). A pair inside one country is kept only when the source names
    // a sector and the two codes differ ("FRALAB -> FRA", "COLGOV -> COLREB"):
    // a bare country acting on its own government or itself ("KAZ -> KAZGOV")
    // is an artifact of the actor chunking.
    if (src.empty() || target.empty() || target == src) return;
    if (src.compare(0, 3, target, 0, 3) == 0 && src.size() <= 3) return;
    for (const Event& e : doc.events) {
      if (e.sentence.begin == sentence.span.begin && e.source == src && e.target == target && e.code == code) return;
    }
    Event ev;
    ev.source = src;
    ev.target = target;
    ev.code = code;
    ev.goldstein = c->goldstein;
    ev.quad_class = c->quad_class;
    ev.plover = c->plover;
    ev.sentence = sentence.span;
    ev.trigger = trigger;
    ev.source_span = source_span;
    ev.target_span = target_span;
    ev.negated = negated;
    doc.events.push_back(std::move(ev));
  };
  if (targets.empty()) {
    if (sources.size() >= 2) {
      // Coordinated actors with no object ("Kazakhstan and China co-hosted"):
      // one event per ordered pair.
      for (const std::string& a : sources) {
        for (const std::string& b : sources) {
          if (a != b) emit_one(a, b);
        }
      }
    }
    return;
  }
  if (sources.size() >= 2) {
    // "The Kazakh and Uzbek ministers signed a plan in Nukus, the capital of
    // Uzbekistan": a target that only repeats the sources' countries is no
    // target; the coordinated sources act on each other.
    bool inside = true;
    for (const std::string& t : targets) {
      bool found = false;
      for (const std::string& src : sources) found |= src.compare(0, 3, t, 0, 3) == 0;
      inside &= found;
    }
    if (inside) {
      for (const std::string& a : sources) {
        for (const std::string& b : sources) {
          if (a != b) emit_one(a, b);
        }
      }
      return;
    }
  }
  for (const std::string& s : sources) {
    // A coordinated target that repeats the source's country is not a target
    // ("leaders from Kazakhstan and China" after a Kazakh source).
    size_t other = 0;
    for (const std::string& t : targets) other += t.substr(0, 3) != s.substr(0, 3);
    for (const std::string& t : targets) {
      if (targets.size() > 1 && other > 0 && t.substr(0, 3) == s.substr(0, 3)) continue;
      emit_one(s, t);
    }
  }
}

Status EventsStage::Process(Document& doc) const {
  doc.events.clear();
  if (doc.tokens.empty()) return Status::Ok();
  const lex::LowerText& lower = lex::LowerText::Shared(doc);
  // Word classes per token, and whether any trigger pattern starts in a sentence:
  // sentences without one are skipped before any chunking.
  std::vector<uint32_t> wc(doc.tokens.size());
  for (size_t i = 0; i < doc.tokens.size(); ++i) {
    const std::string_view w = lower[i];
    uint32_t c = token_bits_.Get(lower.hash(i));
    if (w.size() > 3 && EndsWith(w, "n't")) c |= kWNeg;
    wc[i] = c;
  }
  // Token -> entity mention, for actors the entities stage found.
  std::vector<int32_t> mention_at(doc.tokens.size(), -1);
  if (!doc.mentions.empty()) {
    uint32_t ti = 0;
    std::vector<uint32_t> order(doc.mentions.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return doc.mentions[a].span.begin < doc.mentions[b].span.begin; });
    for (uint32_t mi : order) {
      const Span sp = doc.mentions[mi].span;
      while (ti < doc.tokens.size() && doc.tokens[ti].span.end <= sp.begin) ++ti;
      for (uint32_t k = ti; k < doc.tokens.size() && doc.tokens[k].span.begin < sp.end; ++k) {
        if (mention_at[k] < 0) mention_at[k] = static_cast<int32_t>(mi);
      }
    }
  }
  DocState state;
  state.entity_codes.resize(doc.entities.size());
  state.entity_done.assign(doc.entities.size(), 0);
  for (const Sentence& sentence : doc.sentences) {
    // A sentence is coded only when it has a trigger word and something that can
    // become an actor: a country/organization word, an entity mention, a pronoun,
    // a remembered name, or a sector word that may refer to the last person.
    bool verb = false, actor = false;
    for (uint32_t i = sentence.first_token; i < sentence.end_token; ++i) {
      const uint32_t c = wc[i];
      verb |= (c & kWVerbStart) != 0;
      actor |= (c & (kWProperStart | kWPronoun)) != 0 || mention_at[i] >= 0 ||
               ((c & kWActorStart) && !state.last_person.empty()) ||
               (!state.person_codes.empty() && state.person_codes.count(lower.hash(i)));
    }
    if (verb && actor) SentenceCoder(*this, doc, lower, wc, mention_at, sentence, state).Code();
  }
  return Status::Ok();
}

}  // namespace events

Result<std::unique_ptr<Stage>> MakeEventsStage(const StageOptions& options) {
  auto stage = std::make_unique<events::EventsStage>();
  Status st = stage->Load(options.data_dir);
  if (!st.ok()) return st;
  return std::unique_ptr<Stage>(std::move(stage));
}

}  // namespace ties
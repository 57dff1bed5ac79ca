// events_stage.cc: the "events" stage: CAMEO-coded events between actors.
//
// How a sentence is coded (docs/events.md has the long version):
//
//  1. Actor phrases. Country names, demonyms and capitals (countries.tsv),
//     organizations (organizations.tsv) and sector words (agents.tsv) are
//     matched over lowercased tokens, longest match first. Entity mentions from
//     the entities stage, when present, add persons and organizations with their
//     country and role.
//  2. Triggers. Verb and phrase patterns (verbs.tsv) are matched the same way,
//     outside actor phrases, and rejected when they look like nouns (after a
//     determiner) or like capitalised names in mid-sentence.
//  3. Chunks. Tokens between triggers, punctuation and function words form noun
//     chunks ("Senior Hungarian", "Romanian officials", "China 's achievements").
//     "of"/"and" continue a chunk inside a title ("Minister of Culture and
//     Information Aida Balayeva"). Chunks separated only by "and", "or" or
//     commas form a coordination group. Each chunk gets actor codes: country +
//     sector (KAZGOV), a country alone (KAZ), or an organization code (IGOUNO).
//     Names that follow a coded title are remembered for the rest of the article
//     ("Balayeva" -> KAZGOV), and "he"/"she"/"the minister" refer to the last
//     person coded.
//  4. Events. For each trigger: the source is the nearest actor chunk to the
//     left inside the clause, the target the first actor chunk to the right
//     (locative "in X" skipped). Frames ("agreed to", "threatened to", "urged X
//     to") combine with a following action trigger. Passives ("was criticised
//     by X") swap source and target; negation ("did not agree") switches to the
//     entry's negative code or drops the event; a pronoun subject after a
//     reporting verb ("X said it would ...") takes the speaker as source.
//     Coordinated sources without a target give one event per ordered pair.
//
// All resources load once in MakeEventsStage; Process() is const and keeps its
// scratch state on the stack, so the stage is safe to share between threads.
#include "extract/events/events_stage.h"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>

#include "common/text_util.h"
#include "extract/events/cameo.h"
#include "extract/events/lexicon.h"
#include "text/tokenizer.h"

namespace ties {

namespace {

constexpr size_t kMaxEventsPerSentence = 6;
constexpr uint32_t kFrameLookahead = 6;   // words between a frame and its action
constexpr uint32_t kNegationLookback = 3; // words before a trigger that may negate it

enum class Frame : uint8_t { kNone, kIntent, kThreaten, kRefuse, kAppeal, kDemand, kPrepare };

struct VerbEntry {
  std::string code;
  Frame frame = Frame::kNone;
  bool combine_only = false;  // the frame codes nothing by itself ("will")
  bool noun = false;          // base form doubles as a noun
  bool modal = false;         // "X said that Y must ...": a demand by the speaker on Y
  bool obj_first = false;     // the target follows the trigger's first word ("agreed with X to ...")
  std::string neg_code;       // emitted when negated; empty: drop the event
  std::string mil_code;       // used when the source is a military actor
  std::string first_lemma;    // lemma of the first word when it is "~lemma"
};

enum class ActorKind : uint8_t { kCountry, kDemonym, kCapital, kOrg, kAgent };

struct ActorEntry {
  ActorKind kind = ActorKind::kCountry;
  std::string code;  // ISO3, full org code, or sector
  bool weak = false; // weak agent word ("officials", "leaders")
};

// Word classes, one bit each; a token's classes are looked up once per document
// (WordClassMap) and tested with a mask.
enum WordClass : uint32_t {
  kWBreak = 1u << 0,    // ends a noun chunk
  kWPronoun = 1u << 1,  // subject pronoun: its own one-token chunk
  kWDet = 1u << 2,      // determiner: a following verb form is a noun
  kWPrep = 1u << 3,     // preposition: a following base form is a noun
  kWClause = 1u << 4,   // opens a new clause: the source search does not cross it
  kWReport = 1u << 5,   // reporting verb
  kWLoc = 1u << 6,      // locative preposition
  kWNeg = 1u << 7,      // negation
  kWBe = 1u << 8,       // form of "be"/"get" (passive auxiliary)
  kWModalAux = 1u << 9, // auxiliary or modal after which a base form is a verb
  kWParticiple = 1u << 10,  // past participle of some verb pattern
  kWVerbStart = 1u << 11,   // some verb pattern starts with this word
  kWActorStart = 1u << 12,  // some actor phrase (any kind) starts with this word
  kWProperStart = 1u << 13, // some country, demonym, capital or organization starts with this word
};

// Words that end a noun chunk. Kept small and explicit: anything else
// (nouns, adjectives, names, numbers) may be part of a chunk.
constexpr const char* kChunkBreakWords[] = {
      // prepositions
      "of", "in", "on", "at", "to", "for", "from", "with", "by", "against", "about", "into", "over", "under",
      "between", "among", "after", "before", "during", "since", "until", "through", "across", "toward", "towards",
      "near", "amid", "despite", "along", "alongside", "outside", "inside", "beyond", "behind", "without", "within", "upon", "via", "following", "including", "like", "as",
      // conjunctions and complementizers
      "and", "or", "but", "nor", "so", "yet", "because", "although", "though", "while", "if", "unless", "whereas",
      "that", "which", "who", "whom", "whose", "where", "when", "what", "how", "why", "whether", "than",
      // auxiliaries and copulas
      "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does", "did", "will",
      "would", "shall", "should", "can", "could", "may", "might", "must", "'s_aux",
      // negation and adverbs
      "not", "n't", "never", "also", "still", "already", "again", "further", "now", "then", "yesterday", "today",
      "tomorrow", "however", "reportedly", "recently", "jointly", "highly", "strongly", "too", "even", "just",
      "later", "earlier", "once", "only", "very", "here", "there", "ago", "last", "next",
      // reporting verbs
      "said", "says", "say", "told", "tells", "added", "adds", "stated", "announced", "reported", "noted",
      "noting", "according", "saying", "adding", "declared", "explained", "stressed", "emphasized", "emphasised",
      // pronouns (they form their own one-token chunks)
      "he", "she", "it", "they", "we", "i", "you", "him", "them", "us", "me", "itself", "themselves",
      // weekdays
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  };

constexpr const char* kPronouns[] = {"he", "she", "it", "they", "we", "i"};

constexpr const char* kDeterminers[] = {"the", "a", "an", "this", "these", "those", "its",
                                                        "their", "his", "her", "our", "my", "your", "whose",
                                                        "such", "any", "every", "each", "no", "'s"};

constexpr const char* kPrepositions[] = {"of", "in", "for", "with", "on", "at", "by", "from",
                                                        "about", "against", "between", "into", "over", "under",
                                                        "amid", "during", "without", "upon"};

// Words that open a new clause: the source search does not cross them.
constexpr const char* kClauseBreakWords[] = {"that", "which", "who", "whom", "whose", "while",
                                                        "whereas", "although", "though", "because", "but",
                                                        "if", "unless", ";", ":", "whether"};

constexpr const char* kReportingVerbs[] = {
      "said", "says", "say", "told", "tells", "announced", "announces", "stated", "states", "declared",
      "added", "insisted", "claimed", "confirmed", "reported", "indicated", "affirmed", "noted", "reiterated",
      "stressed", "warned", "argued", "maintained", "reminded", "demanded", "emphasized", "emphasised"};

constexpr const char* kLocatives[] = {"in", "at", "near", "inside", "outside", "across",
                                                        "throughout", "around", "within"};

constexpr const char* kNegationWords[] = {"not", "n't", "never", "no", "neither", "nor"};

constexpr const char* kBeForms[] = {"is", "are", "was", "were", "be", "been", "being",
                                                        "get", "got", "gets", "'s", "'re"};

constexpr const char* kModalAux[] = {"to", "will", "would", "can", "could", "may", "might", "must", "should",
                                     "shall", "did", "do", "does"};

void AddWordClasses(lex::WordMap& m) {
  {
    auto add = [&](const auto& words, uint32_t bit) {
      for (const char* w : words) m[lex::HashWord(w)] |= bit;
    };
    add(kChunkBreakWords, kWBreak);
    add(kPronouns, kWPronoun);
    add(kDeterminers, kWDet);
    add(kPrepositions, kWPrep);
    add(kClauseBreakWords, kWClause);
    add(kReportingVerbs, kWReport);
    add(kLocatives, kWLoc);
    add(kNegationWords, kWNeg);
    add(kBeForms, kWBe);
    add(kModalAux, kWModalAux);
  }
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}


std::string_view SectorOf(std::string_view code) { return code.size() >= 6 ? code.substr(3, 3) : std::string_view(); }

// A noun chunk of one sentence, with the actors it names.
struct Chunk {
  uint32_t begin = 0, end = 0;   // token range
  std::vector<std::string> countries;
  std::string strong_sector, weak_sector;
  std::string full_code;         // organization or entity code ("IGOUNO", "KAZGOV")
  bool capital_only = false;     // countries come only from capitals ("Berlin")
  bool demonym_only = false;     // only a demonym adjective, no head noun ("Hungarian")
  std::string_view pronoun;      // "he", "they", ... when the chunk is a pronoun
  std::vector<std::string> actors;
  int group = -1;                // coordination group id
  Span actor_span;
};

struct VerbMatch {
  uint32_t begin = 0, end = 0;
  uint32_t entry = 0;
  bool used = false;
};

class EventsStage : public Stage {
 public:
  std::string_view Name() const override { return "events"; }
  uint32_t Requires() const override { return kFieldTokens | kFieldSentences | kFieldEntities; }
  uint32_t Assigns() const override { return kFieldEvents; }
  Status Process(Document& doc) const override;

  Status Load(const std::string& data_dir);

 private:
  struct DocState {
    std::unordered_map<uint64_t, std::string> person_codes;     // lowercase name token hash -> actor code
    std::string last_person;                                   // actor code of the last person coded
    std::vector<std::string> entity_codes;                     // EntityActor per entity, computed once
    std::vector<uint8_t> entity_done;
    // Per-sentence scratch, reused so a sentence allocates nothing once warm.
    std::vector<int32_t> actor_at, verb_at, chunk_at;
    std::vector<uint32_t> actor_first;
    std::vector<VerbMatch> verbs;
    std::vector<Chunk> chunks;
  };

  std::string EntityActor(const Entity& entity) const;
  std::string SectorFromText(std::string_view text) const;
  void CodeSentence(Document& doc, const lex::LowerText& lower, const std::vector<uint32_t>& wc, const std::vector<int32_t>& mention_at,
                    const Sentence& sentence, DocState& state) const;
  std::string FrameCode(Frame frame, const std::string& action_code) const;
  void Emit(Document& doc, const Sentence& sentence, const std::string& code, bool negated, Span trigger,
            const std::vector<std::string>& sources, Span source_span, const std::vector<std::string>& targets,
            Span target_span) const;

  CameoTable cameo_;
  lex::PhraseMatcher verbs_;
  std::vector<VerbEntry> verb_entries_;
  lex::PhraseMatcher actors_;
  std::vector<ActorEntry> actor_entries_;
  lex::PhraseMatcher agents_only_;  // agents.tsv alone, for role strings of entities
  lex::WordMap token_bits_;         // word hash -> WordClass bits
  std::vector<ActorEntry> agent_entries_;
};

Status EventsStage::Load(const std::string& data_dir) {
  Result<CameoTable> table = CameoTable::Load(data_dir);
  if (!table.ok()) return table.status();
  cameo_ = std::move(table.value());
  const std::string dir = data_dir + "/en/events/";

  TIES_RETURN_IF_ERROR(lex::ReadTsv(dir + "verbs.tsv", [&](const std::vector<std::string_view>& cols, int) {
    if (cols.size() < 2) return Status::ParseError("expected code and pattern");
    VerbEntry e;
    e.code = std::string(cols[0]);
    // "-" marks a stop phrase: it consumes the words and codes nothing ("declined to comment").
    if (e.code != "-" && !cameo_.Find(e.code)) return Status::ParseError("unknown CAMEO code " + e.code);
    if (cols.size() > 2) {
      for (std::string_view flag : lex::Split(cols[2], ',')) {
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

  TIES_RETURN_IF_ERROR(lex::ReadTsv(dir + "countries.tsv", [&](const std::vector<std::string_view>& cols, int) {
    if (cols.size() < 2 || cols[0].size() != 3) return Status::ParseError("expected iso3 and names");
    const std::string iso(cols[0]);
    const ActorKind kinds[] = {ActorKind::kCountry, ActorKind::kDemonym, ActorKind::kCapital};
    for (size_t col = 1; col < cols.size() && col <= 3; ++col) {
      for (std::string_view name : lex::Split(cols[col], '|')) {
        TIES_RETURN_IF_ERROR(add_actor(name, ActorEntry{kinds[col - 1], iso, false}, true));
      }
    }
    return Status::Ok();
  }));
  TIES_RETURN_IF_ERROR(lex::ReadTsv(dir + "organizations.tsv", [&](const std::vector<std::string_view>& cols, int) {
    if (cols.size() < 2) return Status::ParseError("expected code and names");
    for (std::string_view name : lex::Split(cols[1], '|')) {
      TIES_RETURN_IF_ERROR(add_actor(name, ActorEntry{ActorKind::kOrg, std::string(cols[0]), false}, true));
    }
    return Status::Ok();
  }));
  TIES_RETURN_IF_ERROR(lex::ReadTsv(dir + "agents.tsv", [&](const std::vector<std::string_view>& cols, int) {
    if (cols.size() < 2) return Status::ParseError("expected sector and words");
    for (std::string_view name : lex::Split(cols[1], '|')) {
      TIES_RETURN_IF_ERROR(add_actor(name, ActorEntry{ActorKind::kAgent, std::string(cols[0]), false}, false));
    }
    return Status::Ok();
  }));
  // One probe per token gives every bit the sentence coder tests.
  AddWordClasses(token_bits_);
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

void EventsStage::CodeSentence(Document& doc, const lex::LowerText& lower, const std::vector<uint32_t>& wc,
                               const std::vector<int32_t>& mention_at, const Sentence& sentence,
                               DocState& state) const {
  const uint32_t s = sentence.first_token, e = sentence.end_token;
  if (e <= s) return;
  const size_t events_before = doc.events.size();
  auto is_punct = [&](uint32_t i) {
    return doc.tokens[i].Has(kTokPunct) && lower[i] != "'s" && lower[i] != "'";
  };
  auto is_upper = [&](uint32_t i) {
    return doc.tokens[i].Has(kTokUpperInitial) || doc.tokens[i].Has(kTokAllUpper);
  };

  // 1. Actor phrases.
  std::vector<int32_t>& actor_at = state.actor_at;  // actor entry per token
  actor_at.assign(e - s, -1);
  std::vector<uint32_t>& actor_first = state.actor_first;
  actor_first.assign(e - s, 0);
  const auto any = [](uint32_t) { return false; };
  for (uint32_t i = s; i < e;) {
    lex::PhraseMatcher::Match m;
    // The dateline's agency ("(AP) --") is the publisher, not an actor.
    if (doc.dateline.present() && doc.tokens[i].span.begin >= doc.dateline.span.begin &&
        doc.tokens[i].span.end <= doc.dateline.span.end) {
      ++i;
      continue;
    }
    if ((wc[i] & kWActorStart) && actors_.LongestAt(doc, lower, i, e, any, &m)) {
      const ActorEntry& entry = actor_entries_[m.payload];
      // Proper-noun entries must be capitalised in the text ("china" in lowercase is porcelain).
      if (entry.kind == ActorKind::kAgent || is_upper(i)) {
        for (uint32_t k = m.begin; k < m.end; ++k) {
          actor_at[k - s] = static_cast<int32_t>(m.payload);
          actor_first[k - s] = m.begin;
        }
        i = m.end;
        continue;
      }
    }
    ++i;
  }

  // 2. Triggers.
  auto skippable = [&](uint32_t i) {
    return !is_punct(i) && !(wc[i] & kWClause) && !doc.tokens[i].Has(kTokQuote);
  };
  std::vector<VerbMatch>& verbs = state.verbs;
  verbs.clear();
  std::vector<int32_t>& verb_at = state.verb_at;
  verb_at.assign(e - s, -1);
  for (uint32_t i = s; i < e;) {
    lex::PhraseMatcher::Match m;
    if (!(wc[i] & kWVerbStart) || actor_at[i - s] >= 0 || !verbs_.LongestAt(doc, lower, i, e, skippable, &m)) {
      ++i;
      continue;
    }
    const VerbEntry& entry = verb_entries_[m.payload];
    bool ok = true;
    // Verbs are lowercase inside a sentence; "March" or "Strike Force" are not triggers.
    if (i > s && doc.tokens[i].Has(kTokUpperInitial) && !doc.tokens[i - 1].Has(kTokQuote) && lower[i - 1] != ":") {
      ok = false;
    }
    if (ok && i > s) {
      const std::string_view prev = lower[i - 1];
      // "the visit", "a meeting", "its support": nouns, not verbs.
      if ((wc[i - 1] & kWDet)) ok = false;
      // "for support", "of aid": a base form after a preposition is a noun.
      const bool base = !entry.first_lemma.empty() ? lex::IsBaseForm(lower[i], entry.first_lemma) : true;
      if (ok && (wc[i - 1] & kWPrep) && !EndsWith(lower[i], "ing")) ok = false;
      // A base form that doubles as a noun ("attack", "support") is a verb only
      // after a subject-like word: an actor, a pronoun, "to", an auxiliary or an adverb.
      // A gerund after a plain word is a noun too: "fierce fighting", "the bombing".
      const bool gerund = EndsWith(lower[i], "ing");
      if (ok && gerund && !is_punct(i - 1) && actor_at[i - 1 - s] < 0 && !(wc[i - 1] & kWPronoun) &&
          !(wc[i - 1] & kWBe) && !(wc[i - 1] & kWPrep) && prev != "and" && prev != "to" &&
          !(prev.size() > 3 && EndsWith(prev, "ly")) && !(wc[i - 1] & kWBreak)) {
        ok = false;
      }
      if (ok && entry.noun && base) {
        const int32_t prev_actor = actor_at[i - 1 - s];
        const bool proper_actor = prev_actor >= 0 && actor_entries_[prev_actor].kind != ActorKind::kAgent &&
                                  actor_entries_[prev_actor].kind != ActorKind::kDemonym;
        const bool verb_context = proper_actor || (wc[i - 1] & (kWPronoun | kWModalAux | kWNeg)) ||
                                  (prev.size() > 3 && EndsWith(prev, "ly"));
        if (!verb_context) ok = false;
      }
    }
    if (!ok) {
      ++i;
      continue;
    }
    // Only the first and last words are trigger words: a gap may hold an actor
    // ("rejected the Palestinian proposal").
    verb_at[m.begin - s] = static_cast<int32_t>(verbs.size());
    verb_at[m.end - 1 - s] = static_cast<int32_t>(verbs.size());

    verbs.push_back(VerbMatch{m.begin, m.end, m.payload, false});
    i = m.end;
  }
  if (verbs.empty()) return;

  // 3. Chunks.
  std::vector<Chunk>& chunks = state.chunks;
  chunks.clear();
  std::vector<int32_t>& chunk_at = state.chunk_at;
  chunk_at.assign(e - s, -1);
  auto is_break = [&](uint32_t i) {
    if (verb_at[i - s] >= 0) return true;
    if (actor_at[i - s] >= 0) return false;
    if (is_punct(i) || doc.tokens[i].Has(kTokQuote)) return true;
    if ((wc[i] & kWBreak)) return true;
    // A lowercase word in -ed outside the dictionaries is most likely a verb.
    return !is_upper(i) && lower[i].size() > 4 && EndsWith(lower[i], "ed");
  };
  auto continues_title = [&](const Chunk& c, uint32_t i) {
    // "Minister of Culture and Information Aida Balayeva": "of"/"and"/"for"
    // followed by a capitalised word that is not a country continue the chunk
    // when the chunk already names a role or ends with a capitalised word.
    if (i + 1 >= e || i <= c.begin) return false;
    const std::string_view w = lower[i];
    if (w != "of" && w != "and" && w != "for") return false;
    if (!is_upper(i + 1) || doc.tokens[i + 1].Has(kTokSentenceStart)) return false;
    const int32_t next_actor = actor_at[i + 1 - s];
    if (next_actor >= 0 && actor_entries_[next_actor].kind != ActorKind::kAgent) {
      // "Prime Minister of Israel" continues (a title's country), "Kazakhstan and China" does not.
      return w == "of" && (!c.strong_sector.empty() || !c.weak_sector.empty()) && c.countries.empty();
    }
    return !c.strong_sector.empty() || is_upper(i - 1);
  };
  auto add_token_to_chunk = [&](Chunk& c, uint32_t i) {
    c.end = i + 1;
    chunk_at[i - s] = static_cast<int32_t>(chunks.size());
  };
  for (uint32_t i = s; i < e;) {
    if (is_break(i)) {
      if ((wc[i] & kWPronoun)) {
        Chunk c;
        c.begin = i;
        c.end = i + 1;
        c.pronoun = lower[i];
        chunk_at[i - s] = static_cast<int32_t>(chunks.size());
        chunks.push_back(std::move(c));
      }
      ++i;
      continue;
    }
    Chunk c;
    c.begin = i;
    bool has_head = false;  // a word other than a demonym
    while (i < e) {
      if (is_break(i)) {
        if (continues_title(c, i)) {
          add_token_to_chunk(c, i);
          ++i;
          continue;
        }
        break;
      }
      const int32_t a = actor_at[i - s];
      if (a >= 0 && actor_first[i - s] == i) {
        const ActorEntry& entry = actor_entries_[a];
        switch (entry.kind) {
          case ActorKind::kCountry:
          case ActorKind::kDemonym:
          case ActorKind::kCapital:
            if (std::find(c.countries.begin(), c.countries.end(), entry.code) == c.countries.end()) {
              c.countries.push_back(entry.code);
            }
            if (entry.kind != ActorKind::kCapital) c.capital_only = false;
            else if (c.countries.size() == 1) c.capital_only = true;
            if (entry.kind != ActorKind::kDemonym) has_head = true;
            break;
          case ActorKind::kOrg:
            if (c.full_code.empty()) c.full_code = entry.code;
            has_head = true;
            break;
          case ActorKind::kAgent:
            if (entry.weak) {
              c.weak_sector = entry.code;
            } else if (c.strong_sector.empty() || c.strong_sector == "GOV" || entry.code != "GOV") {
              // The head agent wins ("rebel leaders" -> REB), but a title keeps GOV
              // over later generic words ("Defence Minister ... people").
              if (c.strong_sector.empty() || c.strong_sector != "GOV") c.strong_sector = entry.code;
            }
            has_head = true;
            break;
        }
      } else if (a < 0 && lower[i] != "the" && lower[i] != "'s" && !(wc[i] & kWDet)) {
        has_head = true;
      }
      add_token_to_chunk(c, i);
      ++i;
    }
    if (c.end > c.begin) {
      c.demonym_only = !has_head && !c.countries.empty();
      chunks.push_back(std::move(c));
    } else {
      ++i;
    }
  }

  // Entity mentions from the entities stage override dictionary codes for persons and organizations.
  for (Chunk& c : chunks) {
    for (uint32_t i = c.begin; i < c.end; ++i) {
      const int32_t mi = mention_at[i];
      if (mi < 0) continue;
      const Mention& m = doc.mentions[mi];
      const Entity& ent = doc.entities[m.entity];
      if (ent.type != EntityType::kPerson && ent.type != EntityType::kOrg) continue;
      if (!state.entity_done[m.entity]) {
        state.entity_codes[m.entity] = EntityActor(ent);
        state.entity_done[m.entity] = 1;
      }
      std::string code = state.entity_codes[m.entity];
      if (code.empty() || (!c.full_code.empty() && code.size() <= 3)) continue;  // keep "IGONAT" over "IGO"
      if (ent.type == EntityType::kPerson && code.size() == 3 && !c.strong_sector.empty()) code += c.strong_sector;
      c.full_code = code;
      c.pronoun = {};
      if (ent.type == EntityType::kPerson) state.last_person = code;
      break;
    }
  }

  // Coordination groups: chunks separated only by "and", "or", "," (and "as well as").
  int next_group = 0;
  for (size_t ci = 0; ci < chunks.size(); ++ci) {
    Chunk& c = chunks[ci];
    if (ci > 0 && c.pronoun.empty() && chunks[ci - 1].pronoun.empty()) {
      const Chunk& prev = chunks[ci - 1];
      bool only_coord = prev.end < c.begin;
      bool saw_conj = false;
      for (uint32_t k = prev.end; k < c.begin && only_coord; ++k) {
        const std::string_view w = lower[k];
        if (w == "and" || w == "or" || w == "&") saw_conj = true;
        else if (w != ",") only_coord = false;
      }
      if (only_coord && (saw_conj || (!prev.countries.empty() && !c.countries.empty()))) {
        c.group = prev.group;
        continue;
      }
    }
    c.group = next_group++;
  }

  // Resolve each chunk's actor codes.
  for (size_t ci = 0; ci < chunks.size(); ++ci) {
    Chunk& c = chunks[ci];
    std::string sector = !c.strong_sector.empty() ? c.strong_sector : c.weak_sector;
    if (sector.empty() && c.demonym_only) {
      // "Hungarian and Romanian officials": the adjective takes the head's sector.
      for (size_t cj = ci + 1; cj < chunks.size() && chunks[cj].group == c.group; ++cj) {
        const Chunk& n = chunks[cj];
        sector = !n.strong_sector.empty() ? n.strong_sector : n.weak_sector;
        if (!sector.empty() || !n.demonym_only) break;
      }
    }
    if (!c.full_code.empty()) {
      c.actors.push_back(c.full_code);
    } else if (!c.countries.empty()) {
      // A capital alone is the government when it acts ("Berlin rejected"); as a
      // target it is the country ("arrived in Amman"): see group_actors.
      // Several countries inside one chunk are one actor, not a coordination:
      // "Bosnian Serbs", "Croatian Serb refugees" are people of the first country
      // (coordinated countries are separate chunks joined by "and" or commas).
      c.actors.push_back(c.countries[0] + sector);
      // Remember the person named after a coded title: "... Minister ... Aida Balayeva".
      if (c.countries.size() == 1 && !c.strong_sector.empty()) {
        uint32_t name_begin = c.end;
        for (uint32_t k = c.end; k > c.begin; --k) {
          const uint32_t t = k - 1;
          if (!is_upper(t) || actor_at[t - s] >= 0 || doc.tokens[t].Has(kTokPunct)) break;
          name_begin = t;
        }
        if (name_begin < c.end) {
          const std::string code = c.actors[0];
          for (uint32_t t = name_begin; t < c.end; ++t) {
            if (lower[t].size() > 2) state.person_codes[lower.hash(t)] = code;
          }
          state.last_person = code;
        }
      }
    } else if (!c.pronoun.empty()) {
      if ((c.pronoun == "he" || c.pronoun == "she") && !state.last_person.empty()) {
        c.actors.push_back(state.last_person);
      }
    } else {
      // A remembered name ("Balayeva") or a bare title ("the minister").
      for (uint32_t t = c.begin; t < c.end; ++t) {
        auto it = state.person_codes.find(lower.hash(t));
        if (it != state.person_codes.end() && is_upper(t)) {
          c.actors.push_back(it->second);
          state.last_person = it->second;
          break;
        }
      }
      if (c.actors.empty() && !c.strong_sector.empty() && lower[c.begin] == "the" && c.end - c.begin <= 3 &&
          !state.last_person.empty() && SectorOf(state.last_person) == c.strong_sector) {
        c.actors.push_back(state.last_person);
      }
    }
    if (!c.actors.empty()) {
      c.actor_span = Span{doc.tokens[c.begin].span.begin, doc.tokens[c.end - 1].span.end};
    }
  }

  auto group_actors = [&](int32_t ci, Span* span, bool as_source = false) {
    std::vector<std::string> out;
    const int group = chunks[ci].group;
    uint32_t lo = UINT32_MAX, hi = 0;
    for (const Chunk& c : chunks) {
      if (c.group != group) continue;
      for (std::string a : c.actors) {
        if (as_source && c.capital_only && a.size() == 3) a += "GOV";
        if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
      }
      if (!c.actors.empty()) {
        lo = std::min(lo, c.actor_span.begin);
        hi = std::max(hi, c.actor_span.end);
      }
    }
    *span = out.empty() ? Span{} : Span{lo, hi};
    return out;
  };
  auto chunk_before = [&](uint32_t token) -> int32_t {
    // Nearest chunk with actors left of `token`, inside the clause.
    for (uint32_t k = token; k > s; --k) {
      const uint32_t t = k - 1;
      if ((wc[t] & kWClause) || doc.tokens[t].Has(kTokQuote)) return -1;
      const int32_t ci = chunk_at[t - s];
      if (ci >= 0 && (!chunks[ci].actors.empty() || !chunks[ci].pronoun.empty())) {
        // "settlers in the West Bank set fire": a location is not the subject.
        const uint32_t first = chunks[ci].begin;
        if (first > s && (wc[first - 1] & kWLoc)) {
          k = first + 1;
          continue;
        }
        return ci;
      }
    }
    return -1;
  };
  // `complement_at`: a clause word there opens the trigger's own complement
  // ("expressed hope that leaders from X ...") and does not stop the search.
  auto chunk_after = [&](uint32_t token, uint32_t stop, uint32_t trigger_end,
                         uint32_t complement_at = UINT32_MAX) -> int32_t {
    for (uint32_t t = token; t < stop; ++t) {
      const std::string_view w = lower[t];
      if (w == ";" || w == ":" || doc.tokens[t].Has(kTokQuote) || w == "but" || w == "while" || w == "whereas" ||
          w == "although" || w == "because" || w == "despite" || w == "amid" || w == "after" || w == "before" ||
          w == "since" || w == "following" || w == "when" || w == "if" || w == "unless" ||
          ((wc[t] & kWClause) && t > token && t != complement_at)) {
        // A new clause ("... and noted that X ...") holds no object of this trigger.
        return -1;
      }
      const int32_t ci = chunk_at[t - s];
      if (ci < 0 || chunks[ci].actors.empty()) continue;
      const Chunk& c = chunks[ci];
      // A subject pronoun is never an object; a chunk before a reporting verb is a speaker.
      if (!c.pronoun.empty() || (c.end < e && (wc[c.end] & kWReport))) return -1;
      // Skip locations: "in Kabul", "at the border" (unless the trigger ends in the preposition).
      const uint32_t first = c.begin;
      if (first > s && (wc[first - 1] & kWLoc) && first - 1 >= trigger_end) {
        t = c.end - 1;
        continue;
      }
      return ci;
    }
    return -1;
  };
  // "X said it would ...": the pronoun refers to the speaker before the reporting verb.
  auto speaker_for_pronoun = [&](const Chunk& pron, Span* span) -> std::vector<std::string> {
    std::vector<std::string> out;
    for (uint32_t k = pron.begin; k > s; --k) {
      const uint32_t t = k - 1;
      if ((wc[t] & kWReport)) {
        const int32_t ci = chunk_before(t);
        if (ci >= 0 && !chunks[ci].actors.empty()) return group_actors(ci, span, true);
        break;
      }
    }
    // "we" inside a quote: the quote's speaker.
    if (pron.pronoun == "we" || pron.pronoun == "i") {
      const uint32_t off = doc.tokens[pron.begin].span.begin;
      for (const Quote& q : doc.quotes) {
        if (q.span.begin <= off && off < q.span.end && q.speaker_entity >= 0) {
          const std::string code = EntityActor(doc.entities[q.speaker_entity]);
          if (!code.empty()) {
            *span = q.speaker_span;
            out.push_back(code);
          }
          break;
        }
      }
    }
    if (out.empty() && !pron.actors.empty()) {
      *span = Span{doc.tokens[pron.begin].span.begin, doc.tokens[pron.end - 1].span.end};
      out = pron.actors;
    }
    return out;
  };

  // 4. Events.
  std::vector<std::string> previous_sources;
  Span previous_source_span;
  uint32_t verbal_end = 0;  // end of the last statement/appeal/intent trigger (roots 01-03)
  for (size_t vi = 0; vi < verbs.size(); ++vi) {
    VerbMatch& v = verbs[vi];
    if (v.used) continue;
    v.used = true;
    const VerbEntry* entry = &verb_entries_[v.entry];
    if (entry->code == "-") continue;
    const Span modal_trigger{doc.tokens[v.begin].span.begin, doc.tokens[v.end - 1].span.end};
    if (entry->modal) {
      // "The Bush administration declared that China must drop barriers": a demand
      // by the speaker of the reporting verb on the subject of "must".
      const int32_t subj = chunk_before(v.begin);
      if (subj < 0 || chunks[subj].actors.empty() || !chunks[subj].pronoun.empty()) continue;
      const uint32_t first = chunks[subj].begin;
      if (first <= s || lower[first - 1] != "that") continue;
      int32_t speaker = -1;
      for (uint32_t t = first - 1, n = 0; t > s && n < 4; --t, ++n) {
        if ((wc[t - 1] & kWReport)) {
          speaker = chunk_before(t - 1);
          break;
        }
      }
      if (speaker < 0 || chunks[speaker].actors.empty()) continue;
      std::vector<std::string> sources, targets;
      Span source_span, target_span;
      sources = group_actors(speaker, &source_span, true);
      targets = group_actors(subj, &target_span);
      Emit(doc, sentence, entry->code, false, modal_trigger, sources, source_span, targets, target_span);
      continue;
    }
    // Inside the complement of a statement, appeal or intent ("expressed hope that
    // leaders will reach consensus"), a second trigger is hypothetical: not coded.
    if (verbal_end > 0 && verbal_end <= v.begin) {
      bool complement = false;
      for (uint32_t k = verbal_end; k < v.begin; ++k) complement |= lower[k] == "that";
      if (complement) continue;
    }
    std::string code = entry->code;
    uint32_t trigger_end = v.end;
    uint32_t target_from = v.begin + 1;
    const VerbEntry* action = nullptr;
    if (entry->frame != Frame::kNone) {
      // Look for the action in the frame's complement: "agreed to [undertake joint] exercises".
      for (size_t vj = vi + 1; vj < verbs.size(); ++vj) {
        if (verbs[vj].begin > v.end + kFrameLookahead) break;
        const VerbEntry& next = verb_entries_[verbs[vj].entry];
        if (next.code == "-") {
          action = &next;
          break;
        }
        if (next.frame != Frame::kNone && !next.combine_only && next.code.substr(0, 2) != "03") continue;
        bool clause_break = false;
        for (uint32_t k = v.end; k < verbs[vj].begin; ++k) {
          clause_break |= (wc[k] & kWClause) || (is_punct(k) && lower[k] != ",");
        }
        if (clause_break) break;
        action = &next;
        verbs[vj].used = true;
        trigger_end = verbs[vj].end;
        code = FrameCode(entry->frame, next.code);
        // Appeals and demands name their target before "to": "urged Israel to ...".
        if (entry->frame != Frame::kAppeal && entry->frame != Frame::kDemand) target_from = verbs[vj].begin + 1;
        break;
      }
      if (!action && entry->combine_only) continue;
      if (action && action->code == "-") continue;
    }
    const Span trigger{doc.tokens[v.begin].span.begin, doc.tokens[trigger_end - 1].span.end};

    // Negation: "did not agree", "never attacked", "didn't sign".
    bool negated = false;
    for (uint32_t k = v.begin, n = 0; k > s && n < kNegationLookback; --k, ++n) {
      const uint32_t t = k - 1;
      if (is_punct(t) || chunk_at[t - s] >= 0) break;
      if ((wc[t] & kWNeg)) negated = true;
    }
    if (negated) {
      const std::string& neg = action ? (entry->neg_code.empty() ? action->neg_code : entry->neg_code)
                                      : entry->neg_code;
      if (neg.empty()) continue;
      code = neg;
    }

    // Passive: "was criticised by X".
    bool passive = false;
    for (uint32_t k = v.begin; k > s; --k) {
      const uint32_t t = k - 1;
      if (lower[t].size() > 2 && EndsWith(lower[t], "ly")) continue;  // "was sharply criticised"
      passive = (wc[t] & kWBe) && (wc[v.begin] & kWParticiple);
      break;
    }

    std::vector<std::string> sources, targets;
    Span source_span, target_span;
    const int32_t subject = chunk_before(v.begin);
    // Coordinated verbs: "praised China and criticised Japan" keep the first subject.
    bool coordinated_verb = false;
    if (vi > 0 && v.begin > s) {
      uint32_t k = v.begin - 1;
      while (k > s && (lower[k] == "also" || EndsWith(lower[k], "ly"))) --k;
      coordinated_verb = (lower[k] == "and" || lower[k] == ",") && !previous_sources.empty();
    }
    if (passive) {
      // The agent follows "by"; the subject is the target.
      int32_t agent = -1;
      for (uint32_t t = trigger_end; t + 1 < e; ++t) {
        if (lower[t] == "by") {
          agent = chunk_after(t + 1, std::min(e, t + 6), t + 1);
          break;
        }
        if (is_punct(t) || (wc[t] & kWClause)) break;
      }
      if (agent < 0) continue;
      sources = group_actors(agent, &source_span, true);
      if (subject >= 0) {
        targets = chunks[subject].pronoun.empty() ? group_actors(subject, &target_span)
                                                  : speaker_for_pronoun(chunks[subject], &target_span);
      }
    } else {
      if (coordinated_verb && (subject < 0 || chunks[subject].begin >= verbs[vi - 1].begin)) {
        sources = previous_sources;
        source_span = previous_source_span;
      } else if (subject >= 0) {
        sources = chunks[subject].pronoun.empty() ? group_actors(subject, &source_span, true)
                                                  : speaker_for_pronoun(chunks[subject], &source_span);
      }
      // The target lies before the next unrelated trigger.
      uint32_t stop = e;
      for (size_t vj = vi + 1; vj < verbs.size(); ++vj) {
        if (!verbs[vj].used && verbs[vj].begin >= target_from) {
          stop = verbs[vj].begin;
          break;
        }
      }
      const uint32_t appeal_from =
          (entry->frame == Frame::kAppeal || entry->frame == Frame::kDemand || entry->obj_first) ? v.begin + 1
                                                                                                 : target_from;
      // Statements, appeals and intents (roots 01-03) take the subject of their
      // "that" complement as the target; other triggers stop at a new clause.
      const uint32_t complement_at = code < "04" ? trigger_end : UINT32_MAX;
      const int32_t object = chunk_after(appeal_from, stop, trigger_end, complement_at);
      if (object >= 0) targets = group_actors(object, &target_span);
    }
    if (sources.empty()) continue;
    if (!entry->mil_code.empty() && SectorOf(sources[0]) == "MIL") code = entry->mil_code;
    if (action && !action->mil_code.empty() && SectorOf(sources[0]) == "MIL" && entry->frame == Frame::kNone) {
      code = action->mil_code;
    }
    Emit(doc, sentence, code, negated, trigger, sources, source_span, targets, target_span);
    previous_sources = sources;
    previous_source_span = source_span;
    if (code < "04") verbal_end = trigger_end;
    if (doc.events.size() - events_before >= kMaxEventsPerSentence) break;
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
    if (verb && actor) CodeSentence(doc, lower, wc, mention_at, sentence, state);
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Stage>> MakeEventsStage(const StageOptions& options) {
  auto stage = std::make_unique<EventsStage>();
  Status st = stage->Load(options.data_dir);
  if (!st.ok()) return st;
  return std::unique_ptr<Stage>(std::move(stage));
}

}  // namespace ties

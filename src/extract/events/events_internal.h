// events_internal.h: the events stage's private types, shared by events_stage.cc
// (resources, emission, the document loop) and sentence_coder.cc (one sentence:
// actor phrases, triggers, noun chunks, and the events read from its clauses).
#ifndef TIES_EXTRACT_EVENTS_EVENTS_INTERNAL_H_
#define TIES_EXTRACT_EVENTS_EVENTS_INTERNAL_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "common/data_file.h"
#include "extract/events/cameo.h"
#include "lexicon/phrase_matcher.h"
#include "lexicon/words.h"
#include "ties/document.h"
#include "ties/stage.h"

namespace ties::events {

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
  bool domestic = false;  // agents.tsv "domestic": with no country, the source's country
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
  kWObjectStop = 1u << 14,  // ends the window search for an object ("but", "while", "after", ";")
};

std::string_view SectorOf(std::string_view code);
bool EndsWith(std::string_view s, std::string_view suffix);

// A noun chunk of one sentence, with the actors it names.
struct Chunk {
  uint32_t begin = 0, end = 0;   // token range
  std::vector<std::string> countries;
  std::string strong_sector, weak_sector;
  bool strong_domestic = false;  // the strong sector's word is flagged "domestic" (agents.tsv)
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
  // sentence_coder.cc also reads the dateline (its agency is no actor), the quotes ("we" in a quote
  // is its speaker) and the places ("in Osh": the place's country is a target).
  uint32_t Requires() const override {
    return kFieldTokens | kFieldSentences | kFieldDateline | kFieldEntities | kFieldPlaces | kFieldQuotes |
           kFieldTags | kFieldClauses;
  }
  uint32_t Assigns() const override { return kFieldEvents; }
  Status Process(Document& doc) const override;

  Status Load(const std::string& data_dir);

  // Per-document state of the sentence coder.
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
    std::vector<int32_t> clause_at;  // token -> clause whose verb group holds it
  };

 private:

  friend class SentenceCoder;

  std::string EntityActor(const Entity& entity) const;
  std::string SectorFromText(std::string_view text) const;
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

// Codes one sentence: actor phrases, triggers, noun chunks with their actors, then
// one event per trigger, its source and target read from the trigger's clause
// (Document::clauses). Lives for one call of Code(); all scratch is in DocState.
class SentenceCoder {
 public:
  SentenceCoder(const EventsStage& stage, Document& doc, const lex::LowerText& lower, const std::vector<uint32_t>& wc,
                const std::vector<int32_t>& mention_at, const Sentence& sentence, EventsStage::DocState& state);
  void Code();

 private:
  // A resolved side of an event: actor codes and the span that named them.
  struct Side {
    std::vector<std::string> codes;
    Span span;
    // With no codes: the argument phrase named only a sector ("opposition activists"),
    // which a domestic event gives the source's country (InheritCountry).
    std::string sector_only;
    Span sector_span;
  };

  bool IsPunct(uint32_t i) const;
  bool IsUpper(uint32_t i) const;
  void FindActorPhrases();
  bool FindTriggers();
  bool LooksLikeVerb(uint32_t i, const VerbEntry& entry) const;
  void BuildChunks();
  bool IsChunkBreak(uint32_t i) const;
  bool ContinuesTitle(const Chunk& chunk, uint32_t i) const;
  void AddChunkActors(Chunk& chunk, uint32_t i, bool* has_head) const;
  void ApplyEntityMentions();
  enum class Link : uint8_t { kNone, kComma, kConjunction };
  Link LinkBetween(size_t left, size_t right) const;
  void GroupChunks();
  void ResolveChunkActors();
  void RememberTitledName(const Chunk& chunk);

  Side GroupActors(int32_t chunk, bool as_source) const;
  Side SpeakerForPronoun(const Chunk& pronoun) const;
  Side ActorOf(int32_t chunk, bool as_source) const;
  Side GroupActorsOrNone(int32_t chunk, bool as_source) const;

  // The clause layer: the clause of a trigger and the actor chunks of its phrases.
  void MapClauses();
  int32_t ClauseAt(uint32_t token) const;
  bool Hypothetical(int32_t clause) const;
  int32_t ChunkIn(const TokenRange& range) const;
  int32_t SubjectChunk(int32_t clause) const;
  int32_t AppositiveName(uint32_t verb_begin) const;
  int32_t AgentChunk(int32_t clause) const;
  int32_t ObjectChunk(int32_t clause, uint32_t trigger_end, bool objects_only) const;
  int32_t ComplementClause(int32_t clause) const;
  // boundary_at: the complement must open there (kNoToken: anywhere).
  int32_t ComplementSubjectChunk(int32_t clause, uint32_t boundary_at) const;

  // Domestic events and actions on a place (docs/events.md, "Targets with no country").
  int32_t SectorOnlyChunk(int32_t clause, uint32_t trigger_end) const;
  void InheritCountry(const Side& sources, Side* targets) const;
  Side LocationTarget(int32_t clause, uint32_t trigger_end) const;

  void CodeTriggers();
  bool CodeModal(const VerbMatch& verb);
  struct Action {
    const VerbEntry* entry = nullptr;  // the frame's action, nullptr for none
    size_t verb = 0;                   // its index in verbs_
  };
  bool FindAction(size_t frame_verb, Action* action) const;
  bool CodeTrigger(size_t verb_index, Side* sources_out);
  void ClauseSides(size_t verb_index, int32_t clause, int32_t action_clause, uint32_t trigger_end,
                   const std::string& code, Side* sources, Side* targets) const;
  int32_t ChunkBefore(uint32_t token) const;
  int32_t ChunkAfter(uint32_t token, uint32_t stop, uint32_t trigger_end, uint32_t complement_at) const;
  void WindowSides(size_t verb_index, const Action& action, uint32_t trigger_end, bool passive, Side* sources,
                   Side* targets) const;

  const EventsStage& stage_;
  Document& doc_;
  const lex::LowerText& lower_;
  const std::vector<uint32_t>& wc_;
  const std::vector<int32_t>& mention_at_;
  const Sentence& sentence_;
  EventsStage::DocState& state_;
  const uint32_t s_, e_;  // the sentence's token range
  std::vector<int32_t>& actor_at_;
  std::vector<uint32_t>& actor_first_;
  std::vector<int32_t>& verb_at_;
  std::vector<int32_t>& chunk_at_;
  std::vector<VerbMatch>& verbs_;
  std::vector<Chunk>& chunks_;
  std::vector<int32_t>& clause_at_;
  // The last trigger whose complement is reported content (GovernsReported: roots 01-03, 10, 11).
  uint32_t reported_end_ = 0;     // its end token
  int32_t reported_clause_ = -1;  // its clause
  bool reported_modal_ = false;   // it is "must" (CodeModal): its own clause is demanded too
  bool reported_below_ = false;   // a demand, accusation or "must": its infinitives and "of" phrases too
  bool Reported(const VerbMatch& verb) const;
};

}  // namespace ties::events

#endif  // TIES_EXTRACT_EVENTS_EVENTS_INTERNAL_H_

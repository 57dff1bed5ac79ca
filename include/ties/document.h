// document.h: one article and every annotation on it.
//
// A Document owns the article text once, as one UTF-8 buffer (`text`). Every
// annotation (token, sentence, entity mention, place, quote, event, date) is a
// span of byte offsets [begin, end) into that buffer; no stage copies or edits
// the text, so offsets never shift. The output record converts byte offsets to
// Unicode code points (see docs/record.md); the database stores code points too.
//
// Thread-safety: a Document is used by one thread at a time. Stages write only
// the fields they declare in `assigns` (see stage.h).
#ifndef TIES_DOCUMENT_H_
#define TIES_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ties/clause.h"
#include "ties/tags.h"

namespace ties {

// A half-open byte range into Document::text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool empty() const { return end <= begin; }
  uint32_t size() const { return end > begin ? end - begin : 0; }
};

// Token flags (bit set), computed once by the tokenizer.
enum TokenFlag : uint32_t {
  kTokAlpha = 1u << 0,        // only letters (and inner ' or -)
  kTokDigit = 1u << 1,        // only digits
  kTokPunct = 1u << 2,        // punctuation or symbol
  kTokUpperInitial = 1u << 3, // first character is an uppercase letter
  kTokAllUpper = 1u << 4,     // every letter is uppercase (at least one letter)
  kTokNewlineBefore = 1u << 5,   // a line break precedes this token
  kTokParagraphBefore = 1u << 6, // a blank line precedes this token
  kTokQuote = 1u << 7,        // a quotation mark of any script
  kTokSentenceStart = 1u << 8, // first token of a sentence
};

struct Token {
  Span span;
  uint32_t flags = 0;
  bool Has(TokenFlag flag) const { return (flags & flag) != 0; }
};

struct Sentence {
  Span span;
  uint32_t first_token = 0;  // index into Document::tokens
  uint32_t end_token = 0;    // one past the last token
  uint32_t paragraph = 0;    // paragraph index (blank-line separated)
};

enum class EntityType : uint8_t { kPerson, kOrg, kLoc, kNorp };
std::string_view EntityTypeName(EntityType type);  // "PERSON", "ORG", "LOC", "NORP"
EntityType EntityTypeFromName(std::string_view name);  // inverse; unknown -> kPerson

// How a mention refers to its entity.
enum class MentionKind : uint8_t {
  kName,     // "Aida Balayeva", "Balayeva", "Xinhua"
  kNominal,  // "the minister", "the ministry"
  kPronoun,  // "she", "they"
};
std::string_view MentionKindName(MentionKind kind);  // "name", "nominal", "pronoun"
MentionKind MentionKindFromName(std::string_view name);  // inverse; unknown -> kName

// One entity of the article (persons are coreference chains of mentions).
struct Entity {
  EntityType type = EntityType::kPerson;
  std::string canonical;   // "Aida Balayeva", "Xinhua", "Kazakhstan"
  std::string country;     // ISO 3166 alpha-3 ("KAZ") or empty
  std::string role;        // persons: "Minister of Culture and Information"
  std::string org_kind;    // orgs: "news agency", "ministry", "international"
  char gender = 0;         // persons: 'f', 'm' or 0 when the text does not show it
  uint32_t first_mention = 0;  // index into Document::mentions
};

struct Mention {
  Span span;
  uint32_t entity = 0;  // index into Document::entities
  MentionKind kind = MentionKind::kName;
  Span role_span;       // persons: the role words in this mention, when present
};

enum class PlaceKind : uint8_t { kCountry, kCity, kAdmin, kRegion, kOther };
std::string_view PlaceKindName(PlaceKind kind);  // "country", "city", "admin", "region", "other"
PlaceKind PlaceKindFromName(std::string_view name);  // inverse; unknown -> kCity

// A toponym resolved against the gazetteer.
struct Place {
  Span span;
  std::string name;       // canonical name ("Astana")
  PlaceKind kind = PlaceKind::kCity;
  int64_t geonameid = 0;  // 0 when unknown
  double lat = 0, lon = 0;
  bool has_coordinates = false;
  std::string country;    // ISO alpha-3
  std::string admin1;     // admin-1 name when known
  int32_t entity = -1;    // index into Document::entities, -1 if none
};

enum class QuoteKind : uint8_t { kDirect, kIndirect, kMixed };
std::string_view QuoteKindName(QuoteKind kind);  // "direct", "indirect", "mixed"
QuoteKind QuoteKindFromName(std::string_view name);  // inverse; unknown -> kDirect

struct Quote {
  QuoteKind kind = QuoteKind::kDirect;
  Span span;                   // the quoted or reported content (without marks)
  int32_t speaker_entity = -1; // index into Document::entities, -1 for unnamed
  Span speaker_span;           // the mention used for this quote ("she"), may be empty
  std::string speaker_name;    // canonical name, or the description ("officials")
  Span cue_span;               // the cue words ("said", "expressed hope")
  std::string cue;             // normalised cue verb ("say", "express hope")
  std::string cue_kind;        // speech act: statement, claim, denial, warning, promise, appeal, opinion, intention
};

// A CAMEO-coded event between two actors, with its evidence.
struct Event {
  std::string source;   // CAMEO actor code: "KAZGOV", "CHN", "USAMIL"
  std::string target;
  std::string code;     // CAMEO code: "051"
  double goldstein = 0;
  int quad_class = 0;   // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
  std::string plover;   // PLOVER event type: "ENGAGE", "COOPERATE", ...
  Span sentence;
  Span trigger;
  Span source_span, target_span;  // the actor mentions, may be empty
  bool negated = false;
};

struct Theme {
  std::string name;      // "culture"
  uint32_t count = 0;    // evidence phrases found
  double score = 0;      // count weighted and normalised by length; ranks themes
};

// GDELT-style tone: the seven values GDELT's V2Tone carries.
struct Tone {
  double tone = 0;          // positive - negative, per 100 words
  double positive = 0;      // % of words positive
  double negative = 0;      // % of words negative
  double polarity = 0;      // positive + negative
  double activity = 0;      // % of words that are active (action) words
  double self_group = 0;    // % of words that are self/group pronouns
  uint32_t word_count = 0;
};

// A temporal expression resolved against the publication date.
struct DateMention {
  Span span;
  std::string value;  // ISO 8601: "2025-06-16", "2024", "2025-07", "2025-W25"
};

// Where and when the article says it was filed: "ASTANA, June 16 (Xinhua) --".
struct Dateline {
  Span span;            // the whole dateline in the text
  std::string place;    // "Astana" (title case, as the gazetteer names it)
  std::string country;  // ISO alpha-3
  std::string date;     // resolved against the publication date: "2025-06-16"
  std::string agency;   // "Xinhua"
  bool present() const { return !span.empty(); }
};

// Article metadata, as read from the input (readers fill it) and refined by stages.
struct ArticleMeta {
  std::string id;         // as given, or derived from url or path
  std::string url;
  std::string source;     // publisher or agency: "Xinhua"
  std::string title;
  std::string published;  // ISO 8601: "2025-06-17T10:34" or "2025-06-17" or ""
  std::string language;   // ISO 639-1, "en"
  std::string origin;     // where it was read: "path/file.jsonl:12"
  std::string author;
  std::string site_name;
  // Filled by the "fingerprint" stage: 64-bit SimHash of the text (0 = not
  // computed) and the wire agency the text credits ("AP", "Xinhua"), if any.
  uint64_t simhash = 0;
  std::string wire_agency;
};

class Document {
 public:
  ArticleMeta meta;
  std::string text;  // the article body, UTF-8, never modified after reading
  Dateline dateline;

  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  // Parallel to tokens when the "tag" stage ran (kFieldTags); empty otherwise.
  std::vector<PosTag> pos;
  std::vector<ChunkTag> chunks;
  // Filled by the "clause" stage (kFieldClauses): one clause per verb group, in
  // text order, and their arguments (Clause::args_begin/args_end index these).
  std::vector<Clause> clauses;
  std::vector<ClauseArg> clause_args;
  std::vector<Entity> entities;
  std::vector<Mention> mentions;
  std::vector<Place> places;
  std::vector<Quote> quotes;
  std::vector<Event> events;
  std::vector<DateMention> dates;
  std::vector<Theme> themes;
  Tone tone;
  std::vector<Tone> quote_tones;  // parallel to quotes when the tone stage ran

  std::string_view View(Span span) const {
    return std::string_view(text).substr(span.begin, span.size());
  }
  std::string_view TokenText(uint32_t token_idx) const { return View(tokens[token_idx].span); }

  // Puts mentions back in text order (stable) after a stage appended some out of order, and
  // points each entity's first_mention at its earliest mention again.
  void SortMentions();

  // Clears annotations but keeps allocated capacity (documents are reused per thread).
  void Reset();
};

}  // namespace ties

#endif  // TIES_DOCUMENT_H_

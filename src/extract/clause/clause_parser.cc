// clause_parser.cc: see clause_parser.h. The rules, in the order they apply:
//
//  1. Units. NP chunks (a possessive NP joins the NP it precedes: "China 's
//     foreign minister"), verb groups (VP chunks cut before "to", so "agreed to
//     sign" is two groups), PP chunks, SBAR words and relative pronouns
//     (openers), commas, coordinators, particles, stops (; : quotes brackets).
//  2. Verb groups. A group led by a modal or a finite verb (VBD VBZ VBP VB) is a
//     clause; "to" + verb is an infinitive clause; a participle or gerund group
//     is a clause only after a comma ("..., killing 12"); otherwise it is a
//     modifier ("the deal signed by X") that the subject search walks over.
//  3. Subject: the nearest NP to the left, not the object of a preposition,
//     with coordinated NPs ("Hungary and Romania") and an appositive
//     ("Xi, China's president, said") joined. The search never crosses the
//     previous clause's verb, an opener, a coordinator or a stop. No NP found:
//     a relative clause takes its antecedent, an infinitive its controller
//     (the object of "urged X to", else the governing subject), a coordinated
//     verb ("praised X and criticised Y") the previous clause's subject.
//  4. Arguments: after the verb group (and its particle) up to the next
//     clause's subject, opener, verb group or stop: NPs are objects, PP + NP
//     prepositional complements ("by" in a passive: the agent).
#include "extract/clause/clause_parser.h"

#include <algorithm>

#include "common/data_file.h"
#include "lexicon/phrase_matcher.h"

namespace ties::clause {

namespace {

constexpr size_t kMaxArgsPerClause = 8;
// A coordinated verb looks at most this many governing clauses up for the verb it continues.
constexpr uint32_t kMaxCoordinationDepth = 4;

struct ClassName {
  std::string_view name;
  uint32_t bit;
};

constexpr ClassName kWordClasses[] = {
    {"neg", kNeg},           {"passive_aux", kPassiveAux}, {"speech", kSpeech},       {"relative", kRelative},
    {"that", kThat},         {"conditional", kConditional}, {"adverbial", kAdverbial}, {"purpose", kPurpose},
    {"control", kControl},
};

constexpr ClassName kModalities[] = {
    {"will", kAuxWill},          {"possible", kAuxPossible},  {"must", kAuxMust},         {"plan", kFramePlan},
    {"refuse", kFrameRefuse},    {"threat", kFrameThreat},    {"appeal", kFrameAppeal},   {"demand", kFrameDemand},
    {"try", kFrameTry},
};

uint32_t BitOf(const ClassName* table, size_t n, std::string_view name) {
  for (size_t i = 0; i < n; ++i) {
    if (table[i].name == name) return table[i].bit;
  }
  return 0;
}

// "~agree" adds every inflection; other words as they are.
void AddWords(lex::WordMap& map, std::string_view list, uint32_t bit) {
  for (std::string_view word : SplitList(list, '|')) {
    if (word.size() > 1 && word[0] == '~') {
      for (const std::string& form : lex::Inflect(word.substr(1))) map[lex::HashWord(form)] |= bit;
    } else {
      map[lex::HashWord(word)] |= bit;
    }
  }
}

Modality ModalityOfBits(uint32_t bits) {
  if (bits & kFrameRefuse) return Modality::kRefuse;
  if (bits & kFrameThreat) return Modality::kThreat;
  if (bits & kFrameDemand) return Modality::kDemand;
  if (bits & kFrameAppeal) return Modality::kAppeal;
  if (bits & kFrameTry) return Modality::kTry;
  if (bits & kFramePlan) return Modality::kPlan;
  if (bits & kAuxMust) return Modality::kMust;
  if (bits & kAuxWill) return Modality::kWill;
  if (bits & kAuxPossible) return Modality::kPossible;
  return Modality::kNone;
}

constexpr uint32_t kFrameBits = kFramePlan | kFrameRefuse | kFrameThreat | kFrameAppeal | kFrameDemand | kFrameTry;
constexpr uint32_t kAuxBits = kAuxWill | kAuxPossible | kAuxMust;
// Verbs of saying, appealing and threatening ("said", "urged", "threatened"): the
// verbs a coordinated speech verb continues (CoordinationPartner).
constexpr uint32_t kSpeechAct = kSpeech | kFrameAppeal | kFrameThreat;

bool IsStopToken(const Document& doc, uint32_t i, PosTag pos) {
  if (doc.tokens[i].Has(kTokQuote)) return true;
  switch (pos) {
    case PosTag::kColon: case PosTag::kLeftParen: case PosTag::kRightParen: case PosTag::kOpenQuote:
    case PosTag::kCloseQuote: case PosTag::kStraightQuote: case PosTag::kPeriod:
      return true;
    default:
      return false;
  }
}

uint32_t NounHead(const Document& doc, uint32_t begin, uint32_t end) {
  for (uint32_t k = end; k > begin; --k) {
    const PosTag p = doc.pos[k - 1];
    if (IsNoun(p) || p == PosTag::kPRP || p == PosTag::kCD) return k - 1;
  }
  return end - 1;
}

// Cuts doc.tokens[s, e) into units (rule 1).
void BuildUnits(const Document& doc, const std::vector<uint32_t>& wc, uint32_t s, uint32_t e,
                std::vector<Unit>& units) {
  units.clear();
  auto verbal = [&](uint32_t i) { return IsVerb(doc.pos[i]) || doc.pos[i] == PosTag::kMD; };
  for (uint32_t i = s; i < e;) {
    const ChunkTag chunk = doc.chunks[i];
    const PosTag pos = doc.pos[i];
    Unit u;
    u.begin = i;
    if (pos == PosTag::kWDT || pos == PosTag::kWP || pos == PosTag::kWPS || (wc[i - s] & kRelative)) {
      u.kind = UnitKind::kOpener;  // "who", "which": chunked as NP, but they open a clause
      u.end = i + 1;
    } else if (chunk.type == ChunkType::kNP && !verbal(i)) {
      uint32_t j = i + 1;
      while (j < e && doc.chunks[j].type == ChunkType::kNP && !doc.chunks[j].begin) ++j;
      // "China 's foreign minister": the possessor joins the phrase it precedes.
      while (j < e && doc.pos[j - 1] == PosTag::kPOS && doc.chunks[j].type == ChunkType::kNP) {
        ++j;
        while (j < e && doc.chunks[j].type == ChunkType::kNP && !doc.chunks[j].begin) ++j;
      }
      u.kind = UnitKind::kNP;
      u.end = j;
      u.head = NounHead(doc, i, j);
    } else if (chunk.type == ChunkType::kVP || verbal(i) || (pos == PosTag::kTO && i + 1 < e && verbal(i + 1))) {
      // A verb group; "to" starts a new one ("agreed | to sign").
      uint32_t j = i + 1;
      while (j < e && doc.pos[j] != PosTag::kTO &&
             ((doc.chunks[j].type == ChunkType::kVP && !doc.chunks[j].begin) ||
              (verbal(j) && doc.chunks[j].type != ChunkType::kNP && doc.chunks[j].type != ChunkType::kVP))) {
        ++j;
      }
      u.kind = UnitKind::kVerbGroup;
      u.end = j;
      for (uint32_t k = j; k > i; --k) {
        if (IsVerb(doc.pos[k - 1])) {
          u.head = k - 1;
          break;
        }
      }
      if (u.head == kNoToken) u.kind = UnitKind::kOther;  // "to" alone, or a modal without a verb
    } else if (chunk.type == ChunkType::kPP) {
      uint32_t j = i + 1;
      while (j < e && doc.chunks[j].type == ChunkType::kPP && !doc.chunks[j].begin) ++j;
      u.kind = UnitKind::kPrep;
      u.end = j;
    } else if (chunk.type == ChunkType::kSBAR) {
      uint32_t j = i + 1;
      while (j < e && doc.chunks[j].type == ChunkType::kSBAR && !doc.chunks[j].begin) ++j;
      u.kind = UnitKind::kOpener;
      u.end = j;
    } else if (chunk.type == ChunkType::kPRT) {
      u.kind = UnitKind::kParticle;
      u.end = i + 1;
    } else if (pos == PosTag::kComma) {
      u.kind = UnitKind::kComma;
      u.end = i + 1;
    } else if (pos == PosTag::kCC || chunk.type == ChunkType::kCONJP) {
      uint32_t j = i + 1;
      while (j < e && doc.chunks[j].type == ChunkType::kCONJP && !doc.chunks[j].begin) ++j;
      u.kind = UnitKind::kCoord;
      u.end = j;
    } else if (IsStopToken(doc, i, pos)) {
      u.kind = UnitKind::kStop;
      u.end = i + 1;
    } else {
      u.kind = UnitKind::kOther;
      u.end = i + 1;
    }
    if (u.head == kNoToken) u.head = u.end - 1;
    units.push_back(u);
    i = u.end;
  }
}

enum class GroupForm : uint8_t { kFinite, kInfinitive, kParticiple, kGerund };

GroupForm FormOf(const Document& doc, const Unit& u) {
  for (uint32_t k = u.begin; k < u.end; ++k) {
    switch (doc.pos[k]) {
      case PosTag::kTO: return GroupForm::kInfinitive;
      case PosTag::kMD: case PosTag::kVBD: case PosTag::kVBZ: case PosTag::kVBP: case PosTag::kVB:
        return GroupForm::kFinite;
      case PosTag::kVBN: return GroupForm::kParticiple;
      case PosTag::kVBG: return GroupForm::kGerund;
      default: break;
    }
  }
  return GroupForm::kParticiple;
}

TokenRange RangeOf(const Unit& u) { return TokenRange{u.begin, u.end, u.head}; }

class SentenceParser {
 public:
  SentenceParser(const ClauseLexicon& lexicon, const lex::LowerText& lower, uint32_t sentence_idx, Document& doc,
                 ParseScratch& scratch)
      : lower_(lower), doc_(doc), sentence_idx_(sentence_idx), s_(doc.sentences[sentence_idx].first_token),
        units_(scratch.units), wc_(scratch.word_classes), clause_at_(scratch.clause_at_unit),
        subject_unit_(scratch.subject_unit), verb_unit_(scratch.verb_unit), finite_after_(scratch.finite_after) {
    const uint32_t e = std::min<uint32_t>(doc.sentences[sentence_idx].end_token, doc.tokens.size());
    e_ = std::max(e, s_);
    wc_.resize(e_ - s_);
    for (uint32_t i = s_; i < e_; ++i) wc_[i - s_] = lexicon.Classes(lower.hash(i));
    BuildUnits(doc, wc_, s_, e_, units_);
    clause_at_.assign(units_.size(), -1);
    // finite_after_[k]: a finite verb group follows unit k in the sentence.
    finite_after_.assign(units_.size() + 1, 0);
    for (size_t k = units_.size(); k > 1; --k) {
      const bool finite = units_[k - 1].kind == UnitKind::kVerbGroup && FormOf(doc_, units_[k - 1]) == GroupForm::kFinite;
      finite_after_[k - 2] = finite_after_[k - 1] | (finite ? 1 : 0);
    }
    subject_unit_.clear();
    verb_unit_.clear();
  }

  void Run() {
    first_clause_ = static_cast<uint32_t>(doc_.clauses.size());
    int32_t last_vg = -1;  // unit index of the previous verb group that made a clause
    for (uint32_t k = 0; k < units_.size(); ++k) {
      if (units_[k].kind != UnitKind::kVerbGroup) continue;
      if (MakeClause(k, last_vg)) last_vg = static_cast<int32_t>(k);
    }
    for (uint32_t ci = first_clause_; ci < doc_.clauses.size(); ++ci) CollectArgs(ci);
  }

 private:
  uint32_t Wc(uint32_t token) const { return wc_[token - s_]; }
  bool Is(uint32_t k, UnitKind kind) const { return k < units_.size() && units_[k].kind == kind; }

  // Rule 3: the subject NP left of verb unit k, searching down to unit `floor`. Returns the
  // first unit of the subject (k when none) and fills `subject`.
  uint32_t FindSubject(uint32_t k, uint32_t floor, TokenRange* subject) const {
    bool after_comma = false;
    for (uint32_t j = k; j > floor;) {
      const uint32_t u = j - 1;
      const Unit& unit = units_[u];
      switch (unit.kind) {
        case UnitKind::kOther:
        case UnitKind::kParticle:
          j = u;
          continue;
        case UnitKind::kVerbGroup:  // a modifier group ("the deal signed by X"): walk over it
          if (clause_at_[u] >= 0) return k;
          j = u;
          continue;
        case UnitKind::kComma:
          if (u + 1 == k) {  // a comma right before the verb closes a parenthesis: "Xi, China's president, said"
            after_comma = true;
            j = u;
            continue;
          }
          if (after_comma && u > floor && Is(u - 1, UnitKind::kNP)) {
            // "The delegation, led by the deputy minister, visited": the NP before the parenthesis.
            *subject = RangeOf(units_[u - 1]);
            return u - 1;
          }
          return k;
        case UnitKind::kNP: {
          if (u > floor && Is(u - 1, UnitKind::kPrep)) {  // "the minister [of Kazakhstan]": a modifier
            j = u - 1;
            continue;
          }
          uint32_t first = u;
          // Coordination: "Hungary and Romania", "China, Russia and Iran" (a comma joins only
          // when a coordinator follows it: walking left, the "and" comes first).
          bool saw_coord = false;
          while (first >= floor + 2 && (Is(first - 1, UnitKind::kCoord) || Is(first - 1, UnitKind::kComma)) &&
                 Is(first - 2, UnitKind::kNP) && !(first - 2 > floor && Is(first - 3, UnitKind::kPrep))) {
            if (Is(first - 1, UnitKind::kComma) && !saw_coord) break;
            saw_coord |= Is(first - 1, UnitKind::kCoord);
            first -= 2;
          }
          // Appositive: "Xi Jinping, China's president, said": the name before the first comma.
          if (after_comma && first >= floor + 2 && Is(first - 1, UnitKind::kComma) && Is(first - 2, UnitKind::kNP)) {
            first -= 2;
          }
          *subject = TokenRange{units_[first].begin, unit.end, unit.head};
          if (after_comma && first < u && Is(first + 1, UnitKind::kComma)) subject->head = units_[first].head;
          subject->end = units_[u].end;
          return first;
        }
        default:
          return k;
      }
    }
    return k;
  }

  // Between the relative clause's verb and unit k: its objects and complements, and no
  // coordinator, opener or stop that would start a clause of their own.
  bool ClosesRelative(uint32_t from, uint32_t k) const {
    for (uint32_t u = from; u < k; ++u) {
      const UnitKind kind = units_[u].kind;
      if (kind == UnitKind::kCoord || kind == UnitKind::kOpener || kind == UnitKind::kStop) return false;
    }
    return true;
  }

  // "praised Azerbaijan and criticised Armenia": a coordinator or comma right before verb unit k.
  bool CoordinatedVerb(uint32_t k, uint32_t floor) const {
    for (uint32_t u = k; u > floor; --u) {
      const UnitKind kind = units_[u - 1].kind;
      if (kind == UnitKind::kOther) continue;
      return kind == UnitKind::kCoord || kind == UnitKind::kComma;
    }
    return false;
  }

  // The last opener between unit `from` and unit k, or kNoToken.
  uint32_t OpenerBefore(uint32_t from, uint32_t k) const {
    for (uint32_t u = k; u > from; --u) {
      const UnitKind kind = units_[u - 1].kind;
      if (kind == UnitKind::kOpener) return u - 1;
      if (kind == UnitKind::kStop) return kNoToken;
    }
    return kNoToken;
  }

  bool OnlyFiller(uint32_t from, uint32_t to, bool* coord) const {
    *coord = false;
    for (uint32_t u = from; u < to; ++u) {
      const UnitKind kind = units_[u].kind;
      if (kind == UnitKind::kCoord) {
        *coord = true;
      } else if (kind != UnitKind::kComma && kind != UnitKind::kOther) {
        return false;
      }
    }
    return true;
  }

  void SetVerbAttributes(Clause& c, const Unit& vg) const {
    uint32_t aux = 0;
    bool be_before_head = false;
    for (uint32_t t = vg.begin; t < vg.end; ++t) {
      const uint32_t bits = Wc(t);
      if (bits & kNeg) c.negated = true;
      if (doc_.pos[t] == PosTag::kMD || t < vg.head) aux |= bits & kAuxBits;
      if (t < vg.head && (bits & kPassiveAux)) be_before_head = true;
    }
    // "did not sign" where the tagger left "not" outside the group.
    if (vg.begin > s_ && (Wc(vg.begin - 1) & kNeg)) c.negated = true;
    c.passive = be_before_head && doc_.pos[vg.head] == PosTag::kVBN;
    c.modality = ModalityOfBits(aux);
  }

  bool MakeClause(uint32_t k, int32_t last_vg) {
    const Unit& vg = units_[k];
    const uint32_t floor = last_vg < 0 ? 0 : static_cast<uint32_t>(last_vg) + 1;
    const int32_t prev_ci = last_vg < 0 ? -1 : clause_at_[last_vg];
    const bool after_comma = k > 0 && Is(k - 1, UnitKind::kComma);
    GroupForm form = FormOf(doc_, vg);
    if (form == GroupForm::kParticiple && prev_ci < 0 && !finite_after_[k] && k > 0 && Is(k - 1, UnitKind::kNP) &&
        Is(k + 1, UnitKind::kNP)) {
      form = GroupForm::kFinite;  // "Police arrested 12 people": the tagger's VBN for VBD, no other verb
    }
    if ((form == GroupForm::kParticiple || form == GroupForm::kGerund) && !(after_comma && prev_ci >= 0)) {
      return false;  // a modifier: "the deal signed by X", "the growing trade"
    }
    Clause c;
    c.sentence = sentence_idx_;
    c.verb = RangeOf(vg);
    SetVerbAttributes(c, vg);
    if (Is(k + 1, UnitKind::kParticle)) c.particle = units_[k + 1].head;
    const uint32_t opener = OpenerBefore(floor, k);
    const uint32_t search_floor = opener == kNoToken ? floor : opener + 1;
    const Clause* prev = prev_ci >= 0 ? &doc_.clauses[prev_ci] : nullptr;
    uint32_t subject_first = k;
    if (opener == kNoToken && form == GroupForm::kFinite && prev && prev->kind == ClauseKind::kRelative &&
        prev->subject_inherited && ClosesRelative(floor, k)) {
      // "China, which signed the deal, said ..." and "Officials who met Xi said ...": the main
      // clause resumes with the antecedent as its subject.
      Inherit(c, *prev);
      c.parent = prev->parent;
    } else if (form == GroupForm::kFinite || form == GroupForm::kInfinitive || opener != kNoToken) {
      subject_first = FindSubject(k, search_floor, &c.subject);
    }
    if (c.subject_inherited) {
      // A resumed main clause: kind main, nothing more to decide.
    } else if (opener != kNoToken) {
      c.boundary = units_[opener].begin;
      ClassifyOpener(c, opener, prev_ci);
    } else if (form == GroupForm::kInfinitive && prev) {
      Infinitive(c, k, floor, prev_ci);
    } else if (form != GroupForm::kFinite && prev) {
      c.kind = ClauseKind::kAdverbial;  // "..., killing 12": the main clause's subject acts
      c.parent = prev_ci;
      if (c.subject.empty()) Inherit(c, *prev);
    } else if (prev) {
      bool coord = false;
      const bool filler = OnlyFiller(floor, k, &coord);
      if (c.subject.empty() && (filler || CoordinatedVerb(k, floor))) {
        // "praised Azerbaijan and criticised Armenia": the second verb keeps the subject
        // of the verb it is coordinated with ("said the talks were over and added ...").
        const Clause& partner = doc_.clauses[CoordinationPartner(prev_ci, vg)];
        Inherit(c, partner);
        c.kind = partner.kind;
        c.parent = partner.parent;
        // "will visit Astana and sign the accord": a bare verb shares the auxiliary.
        if (c.modality == Modality::kNone && LeadTag(c.verb) == PosTag::kVB) c.modality = partner.modality;
      } else if (!c.subject.empty() && !coord && (Wc(prev->verb.head) & kSpeech) &&
                 !Is(subject_first > 0 ? subject_first - 1 : kNoToken, UnitKind::kComma)) {
        c.kind = ClauseKind::kSpeech;  // "said China would ..."
        c.parent = prev_ci;
      }
    }
    clause_at_[k] = static_cast<int32_t>(doc_.clauses.size());
    subject_unit_.push_back(c.subject.empty() || c.subject_inherited ? k : subject_first);
    verb_unit_.push_back(k);
    doc_.clauses.push_back(c);
    return true;
  }

  // The tense-bearing tag of a verb group: its first modal or finite verb ("has said": VBZ),
  // else its head's tag.
  PosTag LeadTag(const TokenRange& verb) const {
    for (uint32_t t = verb.begin; t < verb.end; ++t) {
      const PosTag p = doc_.pos[t];
      if (p == PosTag::kMD || p == PosTag::kVBD || p == PosTag::kVBZ || p == PosTag::kVBP) return p;
      if (p == PosTag::kTO) return p;
    }
    return doc_.pos[verb.head];
  }

  // Which earlier clause a coordinated verb group without a subject continues: the
  // previous clause, or one of the clauses governing it (at most kMaxCoordinationDepth
  // up, all in this sentence). "He says the response was weak and says ...": the second
  // "says" continues the first, not "was" inside its content. A speech verb ("said",
  // "urged", "threatened": kSpeechAct) continues the nearest governing one of its
  // tense, else the outermost clause of its tense ("rejected the idea that A amounted
  // to B and said"); another verb whose tense differs from the previous clause's
  // continues the nearest governing clause of its tense; a bare verb ("will sign and
  // ratify") always continues the previous clause.
  uint32_t CoordinationPartner(int32_t prev_ci, const Unit& vg) const {
    const uint32_t prev = static_cast<uint32_t>(prev_ci);
    const PosTag lead = LeadTag(RangeOf(vg));
    if (lead == PosTag::kVB || lead == PosTag::kTO || lead == PosTag::kMD) return prev;
    const bool speech = (Wc(vg.head) & kSpeechAct) != 0;
    const bool prev_matches = LeadTag(doc_.clauses[prev].verb) == lead;
    if (!speech && prev_matches) return prev;
    int32_t outermost = -1;  // the outermost clause of the same tense
    int32_t a = prev_ci;
    for (uint32_t depth = 0; a >= 0 && depth <= kMaxCoordinationDepth; ++depth) {
      const Clause& cand = doc_.clauses[a];
      if (LeadTag(cand.verb) == lead) {
        if (!speech || (Wc(cand.verb.head) & kSpeechAct)) return static_cast<uint32_t>(a);
        outermost = a;
      }
      // Only an embedded clause (a complement, relative or infinitive) is left for its
      // governor: after "when X mentioned it, I laughed and said" the adverbial "laughed"
      // is the one continued.
      const ClauseKind kind = cand.kind;
      if (kind != ClauseKind::kRelative && kind != ClauseKind::kSpeech && kind != ClauseKind::kComplement &&
          kind != ClauseKind::kPurpose) {
        break;
      }
      a = cand.parent;
    }
    return outermost >= 0 ? static_cast<uint32_t>(outermost) : prev;
  }

  void Inherit(Clause& c, const Clause& from) const {
    c.subject = from.subject;
    c.subject_inherited = !c.subject.empty();
  }

  void ClassifyOpener(Clause& c, uint32_t opener, int32_t prev_ci) {
    const uint32_t word = units_[opener].begin;
    const uint32_t bits = Wc(word);
    const PosTag pos = doc_.pos[word];
    const bool after_np = opener > 0 && (Is(opener - 1, UnitKind::kNP) ||
                                         (Is(opener - 1, UnitKind::kComma) && opener > 1 && Is(opener - 2, UnitKind::kNP)));
    const Clause* prev = prev_ci >= 0 ? &doc_.clauses[prev_ci] : nullptr;
    c.parent = prev_ci;
    const bool relative_word = (bits & kRelative) || pos == PosTag::kWDT || pos == PosTag::kWP;
    if ((bits & kThat) && !relative_word) {
      const bool after_verb = opener > 0 && Is(opener - 1, UnitKind::kVerbGroup);
      const bool speech = prev && (Wc(prev->verb.head) & kSpeech);
      if (after_verb || (speech && after_np)) {
        c.kind = speech ? ClauseKind::kSpeech : ClauseKind::kComplement;
        return;
      }
      if (!after_np) {
        c.kind = prev ? ClauseKind::kComplement : ClauseKind::kMain;
        return;
      }
    }
    if (relative_word || (bits & kThat)) {
      c.kind = ClauseKind::kRelative;
      if (c.subject.empty() && after_np) {
        // "the minister, who visited Astana": the antecedent is the subject.
        const uint32_t np = Is(opener - 1, UnitKind::kNP) ? opener - 1 : opener - 2;
        c.subject = RangeOf(units_[np]);
        c.subject_inherited = true;
      }
      return;
    }
    if (bits & kConditional) c.kind = ClauseKind::kConditional;
    else if (bits & kAdverbial) c.kind = ClauseKind::kAdverbial;
    else c.kind = ClauseKind::kComplement;  // "whether"
    if (c.subject.empty() && prev) Inherit(c, *prev);
  }

  // "agreed to sign", "urged Israel to withdraw", "came to Astana to sign".
  void Infinitive(Clause& c, uint32_t k, uint32_t floor, int32_t prev_ci) {
    const Clause& prev = doc_.clauses[prev_ci];
    const uint32_t frame = Wc(prev.verb.head) & kFrameBits;
    c.parent = prev_ci;
    c.subject = {};  // an NP before "to" is the parent's object, not a subject
    bool adjacent = true;
    for (uint32_t u = floor; u < k; ++u) {
      adjacent &= units_[u].kind == UnitKind::kParticle || units_[u].kind == UnitKind::kOther;
    }
    const uint32_t object = k > floor && Is(k - 1, UnitKind::kNP) ? k - 1 : kNoToken;
    const bool purpose_word = units_[k].begin > s_ && (Wc(units_[k].begin - 1) & kPurpose);
    const bool control = (Wc(prev.verb.head) & kControl) != 0;
    if (!purpose_word && adjacent && frame) {
      c.kind = ClauseKind::kComplement;  // "agreed to sign": the subject intends it
      Inherit(c, prev);
    } else if (!purpose_word && control && object != kNoToken && object + 1 == k) {
      c.kind = ClauseKind::kComplement;  // "urged Israel to withdraw": Israel is to act
      c.subject = RangeOf(units_[object]);
      c.subject_inherited = true;
    } else {
      c.kind = ClauseKind::kPurpose;
      Inherit(c, prev);
      return;
    }
    if (frame) {
      c.modality = ModalityOfBits(frame);
      c.frame_verb = prev.verb.head;
      c.negated = c.negated || prev.negated;
    } else if (c.modality == Modality::kNone) {
      c.modality = prev.modality;
    }
  }

  // Rule 4: objects and prepositional complements of clause ci.
  void CollectArgs(uint32_t ci) {
    Clause& c = doc_.clauses[ci];
    c.args_begin = c.args_end = static_cast<uint32_t>(doc_.clause_args.size());
    const uint32_t local = ci - first_clause_;
    const uint32_t k = verb_unit_[local];
    uint32_t limit = static_cast<uint32_t>(units_.size());
    if (local + 1 < subject_unit_.size()) limit = std::min(limit, subject_unit_[local + 1]);
    uint32_t pending_prep = kNoToken;
    bool joinable = false;  // the last argument may take a coordinated NP
    for (uint32_t u = k + 1; u < limit; ++u) {
      const Unit& unit = units_[u];
      if (doc_.clause_args.size() - c.args_begin >= kMaxArgsPerClause) break;
      switch (unit.kind) {
        case UnitKind::kParticle:
        case UnitKind::kOther:
          continue;
        case UnitKind::kPrep:
          pending_prep = unit.head;
          joinable = false;
          continue;
        case UnitKind::kCoord:
          if (!Is(u + 1, UnitKind::kNP) && !Is(u + 1, UnitKind::kPrep)) break;
          continue;
        case UnitKind::kComma:
          // "with China, Russia and Iran": a list goes on; otherwise the arguments end.
          if (joinable && Is(u + 1, UnitKind::kNP) && (Is(u + 2, UnitKind::kCoord) || Is(u + 2, UnitKind::kComma))) {
            continue;
          }
          break;
        case UnitKind::kNP:
        case UnitKind::kVerbGroup: {
          if (unit.kind == UnitKind::kVerbGroup) {
            // "accused China of spying": a gerund after a preposition is its complement.
            if (clause_at_[u] >= 0 || pending_prep == kNoToken || FormOf(doc_, unit) != GroupForm::kGerund) break;
          }
          const bool coordinated = joinable && u > 0 && (Is(u - 1, UnitKind::kCoord) || Is(u - 1, UnitKind::kComma));
          if (coordinated && unit.kind == UnitKind::kNP) {
            ClauseArg& last = doc_.clause_args.back();
            last.phrase.end = unit.end;
            last.phrase.head = unit.head;
            continue;
          }
          ClauseArg arg;
          arg.phrase = RangeOf(unit);
          if (pending_prep != kNoToken) {
            arg.preposition = pending_prep;
            arg.role = c.passive && lower_[pending_prep] == "by" ? ArgRole::kAgent : ArgRole::kPrep;
          }
          doc_.clause_args.push_back(arg);
          pending_prep = kNoToken;
          joinable = unit.kind == UnitKind::kNP;
          continue;
        }
        default:
          break;
      }
      break;  // an opener, a stop, a verb group or the end of a list ends the arguments
    }
    c.args_end = static_cast<uint32_t>(doc_.clause_args.size());
  }
  // Per-sentence scratch (issue 16: alike in shape only to the events SentenceCoder's references).
  const lex::LowerText& lower_;
  Document& doc_;
  const uint32_t sentence_idx_;
  const uint32_t s_;
  uint32_t e_ = 0;
  uint32_t first_clause_ = 0;
  std::vector<Unit>& units_;
  std::vector<uint32_t>& wc_;
  std::vector<int32_t>& clause_at_;
  std::vector<uint32_t>& subject_unit_;
  std::vector<uint32_t>& verb_unit_;
  std::vector<uint8_t>& finite_after_;
};

}  // namespace

Result<ClauseLexicon> ClauseLexicon::Load(const std::string& data_dir) {
  ClauseLexicon lexicon;
  const std::string dir = data_dir + "/en/clause/";
  TIES_RETURN_IF_ERROR(ReadTsv(dir + "words.tsv", [&](const std::vector<std::string_view>& cols, int) {
    if (cols.size() != 2) return Status::ParseError("expected class and words");
    const uint32_t bit = BitOf(kWordClasses, std::size(kWordClasses), cols[0]);
    if (bit == 0) return Status::ParseError("unknown class " + std::string(cols[0]));
    AddWords(lexicon.words_, cols[1], bit);
    return Status::Ok();
  }));
  TIES_RETURN_IF_ERROR(ReadTsv(dir + "modality.tsv", [&](const std::vector<std::string_view>& cols, int) {
    if (cols.size() != 3) return Status::ParseError("expected modality, how and words");
    const uint32_t bit = BitOf(kModalities, std::size(kModalities), cols[0]);
    if (bit == 0) return Status::ParseError("unknown modality " + std::string(cols[0]));
    const bool aux = (bit & kAuxBits) != 0;
    if (cols[1] != (aux ? "aux" : "frame")) {
      return Status::ParseError("modality " + std::string(cols[0]) + " is " + (aux ? "aux" : "frame"));
    }
    AddWords(lexicon.words_, cols[2], bit);
    return Status::Ok();
  }));
  return lexicon;
}

void ParseSentence(const ClauseLexicon& lexicon, const lex::LowerText& lower, uint32_t sentence_idx, Document& doc,
                   ParseScratch& scratch) {
  SentenceParser parser(lexicon, lower, sentence_idx, doc, scratch);
  parser.Run();
}

}  // namespace ties::clause

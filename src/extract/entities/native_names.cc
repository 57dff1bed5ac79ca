// native_names.cc: persons and organisations of Russian and Kazakh text (native_names.h).
#include "extract/entities/native_names.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/text_util.h"

namespace ties::entities {

namespace {

constexpr uint32_t kMaxRunWords = 5;      // capitalised words in one name
constexpr uint32_t kMaxQuotedWords = 6;   // words inside «...» taken as a name
constexpr uint32_t kMaxRoleWords = 7;     // words between a role word and the name it introduces
constexpr uint32_t kMaxHeadComplement = 3;  // lower-case words after an org head ("иностранных дел")
constexpr uint32_t kMaxTailWords = 6;     // words of a name before a Kazakh org tail

// One name found: its tokens [begin, end), type, and the role words before it.
struct Found {
  uint32_t begin = 0, end = 0;
  EntityType type = EntityType::kPerson;
  Span role;
};

class Recognizer {
 public:
  Recognizer(const NativeLexicon& lex, Document& doc, uint64_t* work) : lex_(lex), doc_(doc), work_(work) {
    lower_.resize(doc.tokens.size());
    for (size_t i = 0; i < doc.tokens.size(); ++i) lower_[i] = Utf8Lower(doc.TokenText(static_cast<uint32_t>(i)));
  }

  void RunCyrillic();
  void Emit();

 private:
  void Count() const {
    if (work_ != nullptr) ++*work_;
  }
  bool Word(uint32_t k) const {
    return doc_.tokens[k].Has(kTokAlpha) && !StartsWithHan(doc_.TokenText(k));
  }
  bool Capitalised(uint32_t k) const { return Word(k) && doc_.tokens[k].Has(kTokUpperInitial); }
  bool Abbreviation(uint32_t k) const;
  // Tokens an initial ("А.", "А.Б.") at k takes: 0 when none.
  uint32_t Initial(uint32_t k, uint32_t end) const;
  // Only spaces between tokens k-1 and k.
  bool SpaceBefore(uint32_t k) const;
  bool Is(NativeSet set, uint32_t k) const { return lex_.HasLemma(set, lower_[k]); }

  uint32_t QuotedName(uint32_t k, uint32_t end);
  uint32_t CapitalisedRun(uint32_t k, uint32_t end);
  void ClassifyRun(uint32_t b, uint32_t e, uint32_t sentence_begin, uint32_t sentence_end);
  Span RoleBefore(uint32_t b, uint32_t sentence_begin) const;
  void OrgTails(uint32_t sentence_begin, uint32_t sentence_end);
  void ResolveSingles();


  const NativeLexicon& lex_;
  Document& doc_;
  uint64_t* work_;
  std::vector<std::string> lower_;
  std::vector<Found> found_;
  std::vector<uint8_t> taken_;            // token is inside a found name
  std::vector<uint32_t> singles_;         // single capitalised words with no evidence
};

bool Recognizer::Abbreviation(uint32_t k) const {
  const Token& t = doc_.tokens[k];
  if (!Word(k) || !t.Has(kTokAllUpper)) return false;
  const std::string_view text = doc_.TokenText(k);
  size_t chars = 0;
  for (size_t pos = 0; pos < text.size(); ++chars) DecodeUtf8(text, &pos);
  return chars >= 2 && chars <= 6;
}

uint32_t Recognizer::Initial(uint32_t k, uint32_t end) const {
  if (!doc_.tokens[k].Has(kTokUpperInitial)) return 0;
  // "А." and "А.Б." as one token: letters each followed by a dot.
  const std::string_view text = doc_.TokenText(k);
  size_t pos = 0, letters = 0;
  bool dotted = true;
  while (pos < text.size() && dotted) {
    DecodeUtf8(text, &pos);
    ++letters;
    dotted = pos < text.size() && text[pos] == '.';
    ++pos;
  }
  if (dotted && pos >= text.size() && letters > 0) return 1;
  // "А" then "." as two tokens.
  pos = 0;
  DecodeUtf8(text, &pos);
  if (pos != text.size() || k + 1 >= end || doc_.TokenText(k + 1) != ".") return 0;
  return doc_.tokens[k + 1].span.begin == doc_.tokens[k].span.end ? 2 : 0;
}

bool Recognizer::SpaceBefore(uint32_t k) const {
  const uint32_t a = doc_.tokens[k - 1].span.end, b = doc_.tokens[k].span.begin;
  if (b <= a) return false;
  for (uint32_t p = a; p < b; ++p) {
    if (doc_.text[p] != ' ') return false;
  }
  return true;
}

// «Name» with a capitalised first word: the words inside as an ORG. Returns the token after the
// closing mark, or k when there is no such name.
uint32_t Recognizer::QuotedName(uint32_t k, uint32_t end) {
  if (!doc_.tokens[k].Has(kTokQuote) || k + 1 >= end || !Capitalised(k + 1)) return k;
  for (uint32_t c = k + 2; c < end && c <= k + 1 + kMaxQuotedWords; ++c) {
    Count();
    const Token& t = doc_.tokens[c];
    if (t.Has(kTokQuote)) {
      found_.push_back({k + 1, c, EntityType::kOrg, {}});
      return c + 1;
    }
    if (!t.Has(kTokAlpha) && !t.Has(kTokDigit) && doc_.TokenText(c) != "-") return k;
  }
  return k;
}

// One past the last token of the capitalised run from k (words and initials, spaces between).
uint32_t Recognizer::CapitalisedRun(uint32_t k, uint32_t end) {
  uint32_t j = k, words = 0;
  while (j < end && words < kMaxRunWords && !taken_[j]) {
    Count();
    if (j > k && !SpaceBefore(j)) break;
    if (const uint32_t n = Initial(j, end); n > 0) {
      j += n;
    } else if (Capitalised(j)) {
      ++j;
    } else {
      break;
    }
    ++words;
  }
  return j;
}

// The role words before token b: from a role word at most kMaxRoleWords words back, across words
// only (no punctuation), to the end of the word before the name.
Span Recognizer::RoleBefore(uint32_t b, uint32_t sentence_begin) const {
  for (uint32_t k = b, n = 0; k > sentence_begin && n < kMaxRoleWords; ++n) {
    --k;
    Count();
    if (!Word(k) || taken_[k]) break;
    if (Is(NativeSet::kRoles, k)) return {doc_.tokens[k].span.begin, doc_.tokens[b - 1].span.end};
  }
  return {};
}

void Recognizer::ClassifyRun(uint32_t b, uint32_t e, uint32_t sentence_begin, uint32_t sentence_end) {
  // Openers and role words are no part of a name ("Министр Аида Балаева", "Однако Балаева").
  while (b < e && (Is(NativeSet::kNotNames, b) || Is(NativeSet::kRoles, b))) ++b;
  if (b >= e) return;
  // A given name after the run's first word starts a new name unless the word before it is a
  // surname (surname-first order).
  for (uint32_t g = b + 1; g < e; ++g) {
    if (Is(NativeSet::kGivenNames, g) && !lex_.EndsWith(NativeSet::kSurnameEndings, lower_[g - 1])) {
      ClassifyRun(b, g, sentence_begin, sentence_end);
      b = g;
      break;
    }
  }
  const uint32_t words = e - b;
  bool given = false, patronymic = false, initials = false, org_head = Is(NativeSet::kOrgHeads, b);
  uint32_t surname_like = 0;
  for (uint32_t k = b; k < e; ++k) {
    if (doc_.TokenText(k) == ".") continue;
    given |= Is(NativeSet::kGivenNames, k);
    patronymic |= lex_.EndsWith(NativeSet::kPatronymicEndings, lower_[k]);
    initials |= Initial(k, e) > 0;
    surname_like += lex_.EndsWith(NativeSet::kSurnameEndings, lower_[k]) ? 1 : 0;
  }
  if (org_head) {
    // The head's lower-case complement and a capitalised name after it: "Министерство
    // иностранных дел России", "Банк развития Казахстана".
    uint32_t j = e, extra = 0;
    while (j < sentence_end && extra < kMaxHeadComplement && SpaceBefore(j) && Word(j) &&
           !Capitalised(j) && !taken_[j] && !Is(NativeSet::kNotNames, j)) {
      Count();
      ++j;
      ++extra;
    }
    if (j < sentence_end && j > e && SpaceBefore(j) && Capitalised(j) && !taken_[j]) {
      const uint32_t after = CapitalisedRun(j, sentence_end);
      e = after - j <= 2 ? after : j;
    } else if (j >= sentence_end || doc_.tokens[j].Has(kTokPunct)) {
      e = j;  // the complement ends at punctuation; otherwise a verb may follow: the run alone
    }
    found_.push_back({b, e, EntityType::kOrg, {}});
    return;
  }
  const Span role = RoleBefore(b, sentence_begin);
  const bool person = given || patronymic || initials || (words >= 2 && surname_like > 0) ||
                      (words == 1 && surname_like > 0 && !role.empty());
  if (person) {
    // A word after the surname that is no name part is the next phrase ("Аида Балаева Астанада").
    auto name_part = [&](uint32_t k) {
      return Is(NativeSet::kGivenNames, k) || lex_.EndsWith(NativeSet::kPatronymicEndings, lower_[k]) ||
             lex_.EndsWith(NativeSet::kSurnameEndings, lower_[k]) || Initial(k, e) > 0 || doc_.TokenText(k) == ".";
    };
    while (e - b > 2 && !name_part(e - 1) && name_part(e - 2)) --e;
    found_.push_back({b, e, EntityType::kPerson, role});
    return;
  }
  const bool known_org = words == 1 && Is(NativeSet::kOrgNames, b);
  if (known_org || (words == 1 && Abbreviation(b) && !Is(NativeSet::kNotNames, b))) {
    found_.push_back({b, e, EntityType::kOrg, {}});
    return;
  }
  if (words == 1) singles_.push_back(b);
}

// Kazakh organisation names end in their head word: "Мәдениет және ақпарат министрлігі".
void Recognizer::OrgTails(uint32_t sentence_begin, uint32_t sentence_end) {
  if (lex_.Set(NativeSet::kOrgTails).empty()) return;
  for (uint32_t t = sentence_begin + 1; t < sentence_end; ++t) {
    Count();
    if (!Word(t) || taken_[t] || !Is(NativeSet::kOrgTails, t)) continue;
    uint32_t start = t, lower_run = 0;
    for (uint32_t k = t; k > sentence_begin && t - (k - 1) <= kMaxTailWords;) {
      --k;
      Count();
      if (!Word(k) || taken_[k] || !SpaceBefore(k + 1)) break;
      if (Capitalised(k)) {
        start = k;
        lower_run = 0;
      } else if (++lower_run > 2) {
        break;
      }
    }
    if (start == t) continue;
    while (start < t && Is(NativeSet::kNotNames, start)) ++start;
    if (start == t) continue;
    found_.push_back({start, t + 1, EntityType::kOrg, {}});
    for (uint32_t k = start; k <= t; ++k) taken_[k] = 1;
  }
}

void Recognizer::RunCyrillic() {
  taken_.assign(doc_.tokens.size(), 0);
  for (const Sentence& s : doc_.sentences) {
    OrgTails(s.first_token, s.end_token);
    for (uint32_t k = s.first_token; k < s.end_token;) {
      Count();
      if (taken_[k]) {
        ++k;
        continue;
      }
      const uint32_t after_quote = QuotedName(k, s.end_token);
      if (after_quote != k) {
        k = after_quote;
        continue;
      }
      if (Capitalised(k)) {
        const uint32_t e = CapitalisedRun(k, s.end_token);
        const size_t before = found_.size();
        ClassifyRun(k, e, s.first_token, s.end_token);
        uint32_t next = e;
        for (size_t f = before; f < found_.size(); ++f) next = std::max(next, found_[f].end);
        for (size_t f = before; f < found_.size(); ++f) {
          for (uint32_t j = found_[f].begin; j < found_[f].end; ++j) taken_[j] = 1;
        }
        k = next;
        continue;
      }
      ++k;
    }
  }
  ResolveSingles();
}

// Single capitalised words that are a found person's surname in another case.
void Recognizer::ResolveSingles() {
  std::unordered_map<std::string, uint32_t> surnames;  // lemma guess -> index into found_
  std::vector<std::string> lemmas;
  for (uint32_t f = 0; f < found_.size(); ++f) {
    const Found& x = found_[f];
    if (x.type != EntityType::kPerson || x.end - x.begin < 2) continue;
    for (uint32_t k = x.begin; k < x.end; ++k) {
      if (!Word(k) || Is(NativeSet::kGivenNames, k) || lex_.EndsWith(NativeSet::kPatronymicEndings, lower_[k])) {
        continue;
      }
      lemmas.clear();
      lex_.Lemmas(lower_[k], lemmas);
      for (const std::string& l : lemmas) surnames.emplace(l, f);
    }
  }
  if (surnames.empty()) return;
  for (uint32_t k : singles_) {
    lemmas.clear();
    lex_.Lemmas(lower_[k], lemmas);
    for (const std::string& l : lemmas) {
      Count();
      if (surnames.count(l) != 0) {
        found_.push_back({k, k + 1, EntityType::kPerson, {}});
        break;
      }
    }
  }
}

void Recognizer::Emit() {
  doc_.entities.clear();
  doc_.mentions.clear();
  // Persons whose last words share a lemma guess are one entity (Балаевой, Аида Балаева); the
  // fullest form names it. Organisations are one entity per lower-cased text.
  std::unordered_map<std::string, uint32_t> by_key;
  std::vector<std::string> lemmas;
  for (const Found& f : found_) {
    const Span span{doc_.tokens[f.begin].span.begin, doc_.tokens[f.end - 1].span.end};
    const std::string text(doc_.View(span));
    lemmas.clear();
    if (f.type == EntityType::kPerson) {
      lex_.Lemmas(lower_[f.end - 1], lemmas);
      for (std::string& l : lemmas) l.insert(0, "P");
    } else {
      lemmas.push_back("O" + Utf8Lower(text));
    }
    uint32_t entity = static_cast<uint32_t>(doc_.entities.size());
    for (const std::string& l : lemmas) {
      if (auto it = by_key.find(l); it != by_key.end()) {
        entity = it->second;
        break;
      }
    }
    if (entity == doc_.entities.size()) {
      Entity e;
      e.type = f.type;
      e.canonical = text;
      doc_.entities.push_back(std::move(e));
    }
    for (const std::string& l : lemmas) by_key.emplace(l, entity);
    Entity& e = doc_.entities[entity];
    if (std::count(e.canonical.begin(), e.canonical.end(), ' ') < std::count(text.begin(), text.end(), ' ')) {
      e.canonical = text;
    }
    if (!f.role.empty() && e.role.empty()) e.role = std::string(doc_.View(f.role));
    Mention m;
    m.span = span;
    m.entity = entity;
    m.role_span = f.role;
    doc_.mentions.push_back(m);
  }
  doc_.SortMentions();
}

}  // namespace

void RecognizeNative(const NativeLexicon& lex, Document& doc, uint64_t* work) {
  Recognizer r(lex, doc, work);
  r.RunCyrillic();
  r.Emit();
}

}  // namespace ties::entities

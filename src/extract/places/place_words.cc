// place_words.cc: the places stage's first pass (places_stage.cc): the article's words, lower-cased
// into one arena, with hyphenated capitalised compounds split into their parts and the entities
// stage's mentions marked on them; and the stage's English word lists.
#include <unicode/uchar.h>

#include <array>
#include <cstring>

#include "common/data_file.h"
#include "common/text_util.h"
#include "extract/places/places_internal.h"

namespace ties::places_internal {

Result<PlaceWords> PlaceWords::Load(const std::string& path) {
  PlaceWords words;
  const std::pair<std::string_view, StrSet*> lists[] = {
      {"locative_cue", &words.locative_cues}, {"strong_cue", &words.strong_cues},
      {"connector", &words.connectors},       {"modifier", &words.modifiers},
      {"speech_verb", &words.speech_verbs},   {"county", &words.county},
      {"street", &words.street},              {"feature_tail", &words.feature_tails},
      {"feature_head", &words.feature_heads}, {"road_head", &words.road_heads},
      {"weekday", &words.weekdays}};
  const Status read = ReadTsv(path, [&](const std::vector<std::string_view>& columns, int) -> Status {
    if (columns.size() != 2 || columns[1].empty()) return Status::InvalidArgument("expected list<TAB>word");
    for (const auto& [name, set] : lists) {
      if (columns[0] == name) {
        set->insert(AsciiLower(columns[1]));
        return Status::Ok();
      }
    }
    return Status::InvalidArgument("unknown list '" + std::string(columns[0]) + "'");
  });
  if (!read.ok()) return read;
  for (const StrSet* set : {&words.county, &words.street, &words.feature_tails, &words.feature_heads, &words.road_heads}) {
    for (const std::string& w : *set) {
      words.pattern.insert(w);
      if (!w.empty() && w.back() == '.') words.pattern.insert(w.substr(0, w.size() - 1));
    }
  }
  for (const std::string& w : words.pattern) {
    if (w.size() < 32 && w[0] >= 'a' && w[0] <= 'z') words.pattern_lengths[w[0] - 'a'] |= 1u << w.size();
  }
  return words;
}

void AppendLower(std::string_view text, std::string& out) {
  bool plain = true;
  for (size_t k = 0; k < text.size(); ++k) {
    const unsigned char c = static_cast<unsigned char>(text[k]);
    if (c < 0x80) continue;
    if (c == 0xE2 && k + 2 < text.size() && (static_cast<unsigned char>(text[k + 1]) & 0xFE) == 0x80 &&
        (static_cast<unsigned char>(text[k + 2]) & 0xC0) == 0x80) {
      k += 2;
      continue;
    }
    plain = false;
    break;
  }
  if (plain) {
    const size_t at = out.size();
    out.append(text);
    for (size_t k = at; k < out.size(); ++k) {
      if (out[k] >= 'A' && out[k] <= 'Z') out[k] = static_cast<char>(out[k] - 'A' + 'a');
    }
  } else {
    out += Utf8Lower(text);
  }
}

// Byte classes for the word pass: ASCII letters (and lower-case ones), digits, characters that end
// a word's letters-only status (all but ' - .), and bytes of multi-byte UTF-8 characters.
enum : uint8_t { kChLetter = 1, kChLower = 2, kChDigit = 4, kChOther = 8, kChHigh = 16 };
struct CharTables {
  uint8_t cls[256];
  char lower[256];  // ASCII lower case; other bytes unchanged
};
namespace {

const CharTables& Tables() {
  static const CharTables tables = [] {
    CharTables t{};
    for (int c = 0; c < 256; ++c) {
      uint8_t k = 0;
      if (c >= 0x80) k = kChHigh;
      else if (c >= 'A' && c <= 'Z') k = kChLetter;
      else if (c >= 'a' && c <= 'z') k = kChLetter | kChLower;
      else if (c >= '0' && c <= '9') k = kChDigit;
      else if (c != '\'' && c != '-' && c != '.') k = kChOther;
      t.cls[c] = k;
      t.lower[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return t;
  }();
  return tables;
}

}  // namespace

void PlacesStage::BuildPersons(const Document& doc, Persons& persons) const {
  persons.canonical.resize(doc.entities.size());
  persons.place_like.assign(doc.entities.size(), false);
  for (size_t ei = 0; ei < doc.entities.size(); ++ei) {
    std::string& lower = persons.canonical[ei];
    lower.clear();
    if (doc.entities[ei].type != EntityType::kPerson) continue;
    AppendLower(doc.entities[ei].canonical, lower);
    persons.place_like[ei] = PlaceLikeName(lower);
  }
}

void PlacesStage::BuildWords(const Document& doc, const Persons& persons, std::vector<Word>& words,
                             std::string& arena) const {
  words.clear();
  words.reserve(doc.tokens.size() + 16);
  // Lower-cased words, one arena (views set after it stops growing); `used` bytes of it are taken.
  if (arena.size() < doc.text.size() + 64) arena.resize(doc.text.size() + 64);
  size_t used = 0;
  thread_local std::vector<uint32_t> lower_starts;
  lower_starts.clear();
  const CharTables& tables = Tables();
  uint32_t prev_end = 0;
  size_t sentence_idx = 0;
  for (uint32_t t = 0; t < doc.tokens.size(); ++t) {
    const Token& tok = doc.tokens[t];
    while (sentence_idx < doc.sentences.size() && doc.sentences[sentence_idx].end_token <= t) ++sentence_idx;
    const bool sentence_start = tok.Has(kTokSentenceStart) ||
                                (sentence_idx < doc.sentences.size() && doc.sentences[sentence_idx].first_token == t);
    auto push = [&](Span span, bool first_part) {
      if (span.end <= span.begin) return;
      const std::string_view text = span.end <= doc.text.size()
                                        ? std::string_view(doc.text.data() + span.begin, span.size())
                                        : doc.View(span);
      if (text.empty()) return;
      const bool first_word = words.empty();
      Word& w = words.emplace_back();
      w.span = span;
      // The common case in one pass over a table: ASCII bytes are classified and their lower case
      // written to the arena. A word with other bytes is decoded (ICU properties) and lower-cased
      // by AppendLower instead.
      if (used + text.size() > arena.size()) arena.resize(2 * (used + text.size()));
      lower_starts.push_back(static_cast<uint32_t>(used));
      uint8_t classes = 0;
      {
        // Locals only: the char stores below may alias anything, so nothing is reloaded per byte.
        char* out = arena.data() + used;
        const unsigned char* in = reinterpret_cast<const unsigned char*>(text.data());
        const size_t size = text.size();
        const uint8_t* cls = tables.cls;
        const char* lower = tables.lower;
        uint8_t acc = 0;
        for (size_t k = 0; k < size; ++k) {
          const unsigned char ch = in[k];
          acc |= cls[ch];
          out[k] = lower[ch];
        }
        classes = acc;
      }
      bool has_lower = (classes & kChLower) != 0, has_letter = (classes & kChLetter) != 0;
      bool has_digit = (classes & kChDigit) != 0, all_letters = (classes & kChOther) == 0;
      const unsigned char first_byte = static_cast<unsigned char>(text[0]);
      w.upper = first_byte >= 'A' && first_byte <= 'Z';
      if ((classes & kChHigh) == 0) {
        used += text.size();
      } else {
        size_t pos = 0;
        if (first_byte >= 0x80) w.upper = u_isupper(DecodeUtf8(text, &pos));
        thread_local std::string lowered;
        lowered.clear();
        AppendLower(text, lowered);
        if (used + lowered.size() > arena.size()) arena.resize(2 * (used + lowered.size()));
        std::memcpy(arena.data() + used, lowered.data(), lowered.size());
        used += lowered.size();
        has_lower = has_letter = has_digit = false;
        all_letters = true;
        for (size_t p = 0; p < text.size();) {
          const char32_t cp = DecodeUtf8(text, &p);
          if (cp < 0x80 ? ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') : u_isalpha(cp)) {
            has_letter = true;
            if (cp < 0x80 ? (cp >= 'a' && cp <= 'z') : u_islower(cp)) has_lower = true;
          } else if (cp >= '0' && cp <= '9') {
            has_digit = true;
          } else if (cp != '\'' && cp != '-' && cp != 0x2019 && cp != '.') {
            all_letters = false;
          }
        }
      }
      w.all_upper = has_letter && !has_lower;
      w.alpha = has_letter && !has_digit && all_letters;
      w.digit = has_digit && !has_letter;
      w.punct = !has_letter && !has_digit;
      w.space_before = first_part ? (span.begin > prev_end || first_word) : false;
      w.newline_before = first_part && tok.Has(kTokNewlineBefore);
      w.sentence_start = first_part && sentence_start;
    };
    const std::string_view text = doc.View(tok.span);
    // Split "Kazakhstan-China", "Gainesville-area" (the whole no gazetteer name) at its hyphens.
    bool split = false;
    if (tok.Has(kTokUpperInitial) && text.find('-') != std::string_view::npos) {
      std::string k;
      AppendLower(text, k);
      if (gaz_->Find(k).empty()) {
        split = true;
        size_t start = 0;
        while (start <= text.size()) {
          size_t dash = text.find('-', start);
          if (dash == std::string_view::npos) dash = text.size();
          if (dash == start) {  // "--" or a trailing hyphen
            split = false;
            break;
          }
          start = dash + 1;
        }
        if (split) {
          size_t part_start = 0;
          bool first = true;
          while (part_start <= text.size()) {
            size_t dash = text.find('-', part_start);
            if (dash == std::string_view::npos) dash = text.size();
            push({tok.span.begin + static_cast<uint32_t>(part_start), tok.span.begin + static_cast<uint32_t>(dash)},
                 first);
            if (!first) {
              words.back().space_before = true;  // parts never join into one name
              words.back().part = true;
            }
            first = false;
            part_start = dash + 1;
          }
        }
      }
    }
    if (!split) push(tok.span, true);
    prev_end = tok.span.end;
  }
  lower_starts.push_back(static_cast<uint32_t>(used));
  for (size_t k = 0; k < words.size(); ++k) {
    words[k].lower = std::string_view(arena).substr(lower_starts[k], lower_starts[k + 1] - lower_starts[k]);
    words[k].pattern = words[k].upper && words_.IsPatternWord(words[k].lower);
  }
  MarkMentions(doc, persons, words);
}

void PlacesStage::MarkMentions(const Document& doc, const Persons& persons, std::vector<Word>& words) const {
  // Entities-stage mentions covering each word.
  if (doc.mentions.empty()) return;
  std::vector<uint32_t> order(doc.mentions.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return doc.mentions[a].span.begin < doc.mentions[b].span.begin; });
  // PERSON mentions that are plainly places: an abbreviated division ("W.Va", "Ga."), or a name
  // ending in a street, county or feature word ("E. Broad St"); the entities stage may read
  // initials there.
  std::vector<bool> not_person(doc.mentions.size(), false);
  for (uint32_t mi = 0; mi < doc.mentions.size(); ++mi) {
    const Mention& mention = doc.mentions[mi];
    if (mention.entity >= doc.entities.size() || doc.entities[mention.entity].type != EntityType::kPerson) continue;
    const std::string_view text = doc.View(mention.span);
    if (text.size() > 64) continue;
    thread_local std::string key;
    key.clear();
    AppendLower(text, key);
    const std::string_view last =
        std::string_view(key).substr(key.rfind(' ') == std::string::npos ? 0 : key.rfind(' ') + 1);
    if (words_.pattern.count(last)) {  // a superset of the words below, and their dotless forms
      std::string last_dot(last);
      last_dot.push_back('.');
      if (words_.county.count(last) || words_.street.count(last) || words_.street.count(last_dot) ||
          words_.feature_tails.count(last)) {
        not_person[mi] = true;
        continue;
      }
    }
    if (key == persons.canonical[mention.entity] && persons.place_like[mention.entity]) {  // PlaceLikePerson
      not_person[mi] = true;
      continue;
    }
    // An abbreviated division or country ("W.Va", "Ga."): the key with a dot in it, or with one added.
    auto abbreviated = [&](std::string_view k) {
      for (const NameHit& h : gaz_->Find(k)) {
        const PlaceKind kind = gaz_->entry(h.entry).kind;
        if (kind == PlaceKind::kAdmin || kind == PlaceKind::kCountry) return true;
      }
      return false;
    };
    if (key.find('.') != std::string::npos && abbreviated(key)) not_person[mi] = true;
    key.push_back('.');
    if (abbreviated(key)) not_person[mi] = true;
  }
  size_t m = 0;
  for (Word& w : words) {
    while (m < order.size() && doc.mentions[order[m]].span.end <= w.span.begin) ++m;
    for (size_t k = m; k < order.size() && doc.mentions[order[k]].span.begin < w.span.end; ++k) {
      const Mention& mention = doc.mentions[order[k]];
      if (mention.span.end <= w.span.begin || mention.kind != MentionKind::kName) continue;
      if (mention.entity >= doc.entities.size()) continue;
      switch (doc.entities[mention.entity].type) {
        case EntityType::kPerson:
          if (!not_person[order[k]]) w.blocked = static_cast<int32_t>(order[k]);
          break;
        case EntityType::kOrg: w.org = static_cast<int32_t>(order[k]); break;
        default: w.other = static_cast<int32_t>(order[k]); break;
      }
    }
  }
}

}  // namespace ties::places_internal

// native_speech.cc: see native_speech.h.
#include "extract/quotes/native_speech.h"

#include <algorithm>
#include <vector>

#include "common/data_file.h"
#include "common/text_util.h"
#include "extract/quotes/quote_marks.h"

namespace ties {

Result<NativeSpeech> NativeSpeech::Load(const std::string& dir, bool han) {
  NativeSpeech speech;
  speech.han = han;
  // Rows (format in the file's header): cue<TAB>form<TAB>normalised<TAB>where | pronoun<TAB>form |
  // role<TAB>form | reported<TAB>words before the name<TAB>words after it.
  TIES_RETURN_IF_ERROR(ReadTsv(dir + "/quotes/speech.tsv", [&](const std::vector<std::string_view>& cols, int) {
    if (cols[0] == "cue" && cols.size() == 4) {
      Cue cue{std::string(cols[2]), cols[3].find('a') != std::string_view::npos,
              cols[3].find('b') != std::string_view::npos};
      speech.cues[Utf8Lower(cols[1])] = cue;
    } else if (cols[0] == "pronoun" && cols.size() == 2) {
      speech.pronouns.insert(Utf8Lower(cols[1]));
    } else if (cols[0] == "role" && cols.size() == 2) {
      speech.roles.insert(Utf8Lower(cols[1]));
    } else if (cols[0] == "reported" && cols.size() == 3) {
      Opener opener;
      for (std::string_view w : SplitList(cols[1], ' ')) opener.before.push_back(Utf8Lower(w));
      for (std::string_view w : SplitList(cols[2], ' ')) opener.after.push_back(Utf8Lower(w));
      speech.openers.push_back(std::move(opener));
    } else {
      return Status::ParseError("bad line");
    }
    return Status::Ok();
  }));
  return speech;
}

namespace {

constexpr uint32_t kMaxNameTokens = 4;     // Аида Балаева; 巴拉|耶|娃
constexpr uint32_t kMaxHanNameTokens = 12;  // 哈萨克|斯坦|文化|和|信息|部长|巴拉|耶|娃

class Attributor {
 public:
  Attributor(Document& doc, const NativeSpeech& speech)
      : doc_(doc), speech_(speech), n_(static_cast<uint32_t>(doc.tokens.size())) {}

  void Run() {
    doc_.quotes.clear();
    std::vector<MarkedQuote> marks;
    FindMarkedQuotes(doc_, marks);
    for (const MarkedQuote& m : marks) {
      if (m.end_token <= m.first_token + 1) continue;  // a one-word scare quote
      Quote q;
      q.kind = QuoteKind::kDirect;
      q.span = m.content;
      bool found = m.close_token != kNoToken && After(m.close_token + 1, q);
      if (!found && m.open_token > 0) found = Before(m.open_token - 1, q);
      if (found) {
        if (speech_.pronouns.count(Lower(q.speaker_span))) {
          q.speaker_name = last_speaker_;
        } else {
          last_speaker_ = q.speaker_name;
        }
      }
      if (found && !q.speaker_name.empty()) named_.emplace_back(q.span.begin, q.speaker_name);
      doc_.quotes.push_back(std::move(q));
    }
    const size_t direct = doc_.quotes.size();
    for (const Sentence& s : doc_.sentences) Reported(s);
    if (doc_.quotes.size() > direct) {
      std::stable_sort(doc_.quotes.begin(), doc_.quotes.end(),
                       [](const Quote& a, const Quote& b) { return a.span.begin < b.span.begin; });
    }
  }

 private:
  std::string Lower(Span s) const { return Utf8Lower(doc_.View(s)); }
  std::string LowerTok(uint32_t i) const { return Lower(doc_.tokens[i].span); }
  bool IsWord(uint32_t i) const { return i < n_ && doc_.tokens[i].Has(kTokAlpha); }
  bool IsName(uint32_t i) const { return IsWord(i) && doc_.tokens[i].Has(kTokUpperInitial); }
  const NativeSpeech::Cue* CueAt(uint32_t i) const {
    if (i >= n_) return nullptr;
    const auto it = speech_.cues.find(LowerTok(i));
    return it == speech_.cues.end() ? nullptr : &it->second;
  }
  void SetSpeaker(Quote& q, uint32_t first, uint32_t end) {
    q.speaker_span = {doc_.tokens[first].span.begin, doc_.tokens[end - 1].span.end};
    q.speaker_name = std::string(doc_.View(q.speaker_span));
  }

  // «...», — CUE [CUE...] NAME: the tokens after the closing mark at `i`.
  bool After(uint32_t i, Quote& q) {
    uint32_t punct = 0;
    while (i < n_ && doc_.tokens[i].Has(kTokPunct) && !doc_.tokens[i].Has(kTokQuote) && punct < 3) {
      ++i;
      ++punct;
    }
    const uint32_t cue_begin = i;
    const NativeSpeech::Cue* first = nullptr;
    while (i < n_ && i < cue_begin + 3) {
      const NativeSpeech::Cue* c = CueAt(i);
      if (c == nullptr || !c->after) break;
      if (first == nullptr) first = c;
      ++i;
    }
    if (first == nullptr) return false;
    const uint32_t name_begin = i;
    if (i < n_ && speech_.pronouns.count(LowerTok(i))) {
      ++i;
    } else {
      while (i < n_ && i < name_begin + kMaxNameTokens && IsName(i)) ++i;
    }
    if (i == name_begin) return false;
    q.cue_span = {doc_.tokens[cue_begin].span.begin, doc_.tokens[name_begin - 1].span.end};
    q.cue = first->normalised;
    SetSpeaker(q, name_begin, i);
    return true;
  }

  // NAME CUE: «...»: `i` is the token before the opening mark.
  bool Before(uint32_t i, Quote& q) {
    const std::string_view colon = doc_.View(doc_.tokens[i].span);
    if (colon != ":" && colon != "\xEF\xBC\x9A" || i == 0) return false;  // : or ：
    const uint32_t cue = i - 1;
    const NativeSpeech::Cue* c = CueAt(cue);
    if (c == nullptr || !c->before || cue == 0) return false;
    uint32_t first = cue;
    if (speech_.han) {
      // Han words back to the sentence's punctuation; a role word ends the name's left edge.
      while (first > 0 && IsWord(first - 1) && cue - first < kMaxHanNameTokens &&
             !doc_.tokens[first].Has(kTokSentenceStart)) {
        if (speech_.roles.count(LowerTok(first - 1))) break;
        --first;
      }
    } else if (speech_.pronouns.count(LowerTok(cue - 1))) {
      first = cue - 1;
    } else {
      while (first > 0 && cue - first < kMaxNameTokens && IsName(first - 1) &&
             !speech_.roles.count(LowerTok(first - 1))) {
        --first;
        if (doc_.tokens[first].Has(kTokSentenceStart)) break;
      }
    }
    if (first == cue) return false;
    q.cue_span = doc_.tokens[cue].span;
    q.cue = c->normalised;
    SetSpeaker(q, first, cue);
    return true;
  }

  // True when tokens from `i` are `words` (lower case); advances `i` past them.
  bool EatWords(uint32_t& i, uint32_t end, const std::vector<std::string>& words) const {
    uint32_t j = i;
    for (const std::string& w : words) {
      if (j >= end || LowerTok(j) != w) return false;
      ++j;
    }
    i = j;
    return true;
  }

  // The named speaker nearest before `pos`, else the first after it.
  std::string NamedSpeakerNear(uint32_t pos) const {
    std::string best;
    for (const auto& [at, name] : named_) {
      if (at <= pos || best.empty()) best = name;
      if (at > pos) break;
    }
    return best;
  }

  // An opener at the sentence's start: OPENER [NAME] OPENER-END "," CONTENT.
  void Reported(const Sentence& s) {
    for (const NativeSpeech::Opener& o : speech_.openers) {
      uint32_t i = s.first_token;
      if (!EatWords(i, s.end_token, o.before)) continue;
      const uint32_t name_begin = i;
      if (o.after.empty()) {
        while (i < s.end_token && i < name_begin + kMaxNameTokens && IsName(i)) ++i;
      } else {
        while (i < s.end_token && i < name_begin + kMaxHanNameTokens && IsWord(i) && LowerTok(i) != o.after[0]) ++i;
      }
      const uint32_t name_end = i;
      if (!EatWords(i, s.end_token, o.after) || i >= s.end_token) continue;
      const std::string_view comma = doc_.View(doc_.tokens[i].span);
      if (comma != "," && comma != "\xEF\xBC\x8C") continue;  // , or ，
      ++i;
      uint32_t end = s.end_token;
      while (end > i && doc_.tokens[end - 1].Has(kTokPunct)) --end;
      if (end <= i + 1) continue;
      Quote q;
      q.kind = QuoteKind::kIndirect;
      q.span = {doc_.tokens[i].span.begin, doc_.tokens[end - 1].span.end};
      q.cue_span = {doc_.tokens[s.first_token].span.begin, doc_.tokens[i - 2].span.end};
      q.cue = "according to";
      if (name_end > name_begin) {
        q.speaker_span = {doc_.tokens[name_begin].span.begin, doc_.tokens[name_end - 1].span.end};
        q.speaker_name = std::string(doc_.View(q.speaker_span));
      }
      // A role or pronoun in the opener ("Министрдің айтуынша", "по её словам") is the article's speaker.
      bool role = q.speaker_name.empty();
      for (const std::string& r : speech_.roles) role = role || Utf8Lower(q.speaker_name).rfind(r, 0) == 0;
      if (role) q.speaker_name = NamedSpeakerNear(q.span.begin);
      doc_.quotes.push_back(std::move(q));
      return;
    }
  }

  Document& doc_;
  const NativeSpeech& speech_;
  const uint32_t n_;
  std::string last_speaker_;
  std::vector<std::pair<uint32_t, std::string>> named_;  // (position, name) of named speakers
};

}  // namespace

void AttributeNativeQuotes(Document& doc, const NativeSpeech& speech) { Attributor(doc, speech).Run(); }

}  // namespace ties

// quote_marks.cc: quotation-mark pairing (see quote_marks.h for the rules).
#include "extract/quotes/quote_marks.h"

#include "common/text_util.h"

namespace ties {

namespace {

enum class Family : uint8_t { kNone, kDouble, kGuillemet, kSingle, kCorner };
enum class Role : uint8_t { kOpen, kClose, kEither };

// Quotes longer than this (bytes, per paragraph) are broken input.
constexpr uint32_t kMaxParagraphQuoteBytes = 6000;
// A multi-paragraph quote continues over at most this many paragraphs.
constexpr uint32_t kMaxQuoteParagraphs = 40;

struct MarkShape {
  Family family = Family::kNone;
  Role shape = Role::kEither;  // what the glyph alone says
};

MarkShape ShapeOf(char32_t cp) {
  switch (cp) {
    case '"': case 0xFF02: return {Family::kDouble, Role::kEither};
    case 0x201C: case 0x201E: case 0x201F: return {Family::kDouble, Role::kOpen};
    case 0x201D: return {Family::kDouble, Role::kClose};
    case 0x00AB: case 0x2039: return {Family::kGuillemet, Role::kOpen};
    case 0x00BB: case 0x203A: return {Family::kGuillemet, Role::kClose};
    case '\'': return {Family::kSingle, Role::kEither};
    case 0x2018: case 0x201A: case 0x201B: return {Family::kSingle, Role::kOpen};
    case 0x2019: return {Family::kSingle, Role::kClose};
    case 0x300C: case 0x300E: return {Family::kCorner, Role::kOpen};
    case 0x300D: case 0x300F: return {Family::kCorner, Role::kClose};
    default: return {};
  }
}

bool IsOpeningPunct(std::string_view t) {
  return t == "(" || t == "[" || t == "{" || t == "-" || t == "--" || t == "\xE2\x80\x94" || t == "\xE2\x80\x93";
}

struct OpenMark {
  uint32_t token;
  Family family;
  uint32_t paragraph;
  uint32_t paragraphs;  // paragraphs spanned so far
  bool continued;
};

class Pairer {
 public:
  Pairer(const Document& doc, std::vector<MarkedQuote>& out) : doc_(doc), toks_(doc.tokens), out_(out) {}

  void Run() {
    out_.clear();
    if (toks_.empty()) return;
    ComputeParagraphs();
    DecideSingleMode();
    for (uint32_t i = 0; i < toks_.size(); ++i) {
      if (i > 0 && para_[i] != para_[i - 1]) {
        if (!stack_.empty() && ParagraphBreak(i)) continue;  // continuation mark consumed
      }
      if (!toks_[i].Has(kTokQuote)) continue;
      size_t pos = toks_[i].span.begin;
      const MarkShape shape = ShapeOf(DecodeUtf8(doc_.text, &pos));
      if (shape.family == Family::kNone) continue;
      if (shape.family == Family::kSingle && !SingleIsMark(i)) continue;
      Handle(i, shape);
    }
    if (!stack_.empty()) EmitUnclosed(static_cast<uint32_t>(toks_.size()));
  }

 private:
  void ComputeParagraphs() {
    para_.resize(toks_.size());
    uint32_t p = 0;
    para_end_.clear();
    for (uint32_t i = 0; i < toks_.size(); ++i) {
      if (i > 0 && toks_[i].Has(kTokParagraphBefore)) {
        para_end_.push_back(i);
        ++p;
      }
      para_[i] = p;
    }
    para_end_.push_back(static_cast<uint32_t>(toks_.size()));
    // Headline: a first paragraph of at most 40 tokens that is followed by
    // more text and does not end like a sentence.
    headline_ = false;
    if (para_end_.size() > 1 && para_end_[0] <= 40) {
      const std::string_view last = doc_.TokenText(para_end_[0] - 1);
      headline_ = !(last == "." || last == "!" || last == "?");
    }
  }

  void DecideSingleMode() {
    // British style: no double marks anywhere, and some single marks open a
    // word after a space.
    uint32_t doubles = 0, single_openers = 0;
    for (uint32_t i = 0; i < toks_.size(); ++i) {
      if (!toks_[i].Has(kTokQuote)) continue;
      size_t pos = toks_[i].span.begin;
      const MarkShape shape = ShapeOf(DecodeUtf8(doc_.text, &pos));
      if (shape.family == Family::kDouble || shape.family == Family::kGuillemet) ++doubles;
      if (shape.family == Family::kSingle && ContextRole(i) == Role::kOpen) ++single_openers;
    }
    single_mode_ = doubles == 0 && single_openers >= 2;
  }

  bool SingleIsMark(uint32_t i) const {
    if (single_mode_) return true;
    if (!stack_.empty()) return true;
    return headline_ && para_[i] == 0;
  }

  bool SpaceBefore(uint32_t i) const {
    return i == 0 || toks_[i - 1].span.end < toks_[i].span.begin;
  }
  bool SpaceAfter(uint32_t i) const {
    return i + 1 >= toks_.size() || toks_[i + 1].span.begin > toks_[i].span.end;
  }

  // What the surrounding characters say about the mark at token i.
  Role ContextRole(uint32_t i) const {
    const bool space_before = SpaceBefore(i);
    const bool space_after = SpaceAfter(i);
    const bool open_before = !space_before && i > 0 &&
                             (IsOpeningPunct(doc_.TokenText(i - 1)) || toks_[i - 1].Has(kTokQuote));
    const bool word_after = !space_after && !(toks_[i + 1].Has(kTokPunct) && !toks_[i + 1].Has(kTokQuote) &&
                                              !IsOpeningPunct(doc_.TokenText(i + 1)));
    const bool punct_after = !space_after && !word_after;
    const bool can_open = (space_before || open_before) && word_after;
    const bool can_close = !space_before && !open_before && (space_after || punct_after);
    if (can_open && !can_close) return Role::kOpen;
    if (can_close && !can_open) return Role::kClose;
    return Role::kEither;
  }

  void Handle(uint32_t i, MarkShape shape) {
    Role role = ContextRole(i);
    if (role == Role::kEither) role = shape.shape;
    int found = -1;
    for (int k = static_cast<int>(stack_.size()) - 1; k >= 0; --k) {
      if (stack_[k].family == shape.family) {
        found = k;
        break;
      }
    }
    // Straight marks and mis-set curly marks: a mark that could close an open
    // quote of its family closes it, unless its context clearly opens.
    if (role == Role::kEither || (role == Role::kOpen && found >= 0 && ContextRole(i) != Role::kOpen &&
                                  shape.shape != Role::kOpen)) {
      role = found >= 0 ? Role::kClose : Role::kOpen;
    }
    if (role == Role::kClose) {
      if (found < 0) return;  // stray closing mark (or an apostrophe): ignored
      if (found == 0) {
        Emit(stack_[0], i);
        stack_.clear();
      } else {
        stack_.resize(found);
      }
      return;
    }
    // Opening. A single mark cannot open right after a letter ("rock 'n' roll" is fine: space before).
    stack_.push_back({i, shape.family, para_[i], 1, false});
  }

  // At the first token of a new paragraph with a quote open. Returns true
  // when token i is a continuation mark that was consumed.
  bool ParagraphBreak(uint32_t i) {
    OpenMark& bottom = stack_[0];
    if (toks_[i].Has(kTokQuote) && bottom.paragraphs < kMaxQuoteParagraphs) {
      size_t pos = toks_[i].span.begin;
      const MarkShape shape = ShapeOf(DecodeUtf8(doc_.text, &pos));
      if (shape.family == bottom.family && ContextRole(i) != Role::kClose && shape.shape != Role::kClose) {
        stack_.resize(1);
        bottom.continued = true;
        bottom.paragraphs++;
        bottom.paragraph = para_[i];
        return true;
      }
    }
    EmitUnclosed(i);
    return false;
  }

  // The open quote ends, without its closing mark, before token `end_token`
  // (the first token of the next paragraph, or the end of the text).
  void EmitUnclosed(uint32_t end_token) {
    const OpenMark open = stack_[0];
    stack_.clear();
    uint32_t last = end_token;
    // Drop trailing punctuation-only tokens? Keep sentence punctuation, as closed quotes do.
    if (last <= open.token + 1) return;
    MarkedQuote q;
    q.open_token = open.token;
    q.close_token = kNoToken;
    q.first_token = open.token + 1;
    q.end_token = last;
    q.content = {toks_[open.token].span.end, toks_[last - 1].span.end};
    q.multi_paragraph = open.continued;
    Finish(q);
  }

  void Emit(const OpenMark& open, uint32_t close) {
    if (close <= open.token + 1) return;  // empty quote
    MarkedQuote q;
    q.open_token = open.token;
    q.close_token = close;
    q.first_token = open.token + 1;
    q.end_token = close;
    q.content = {toks_[open.token].span.end, toks_[close].span.begin};
    q.multi_paragraph = open.continued;
    Finish(q);
  }

  void Finish(MarkedQuote& q) {
    // Trim spaces inside the marks.
    while (q.content.begin < q.content.end && IsSpace(doc_.text[q.content.begin])) ++q.content.begin;
    while (q.content.end > q.content.begin && IsSpace(doc_.text[q.content.end - 1])) --q.content.end;
    if (q.content.empty()) return;
    if (!q.multi_paragraph && q.content.size() > kMaxParagraphQuoteBytes) return;
    out_.push_back(q);
  }

  static bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

  const Document& doc_;
  const std::vector<Token>& toks_;
  std::vector<MarkedQuote>& out_;
  std::vector<uint32_t> para_;
  std::vector<uint32_t> para_end_;
  std::vector<OpenMark> stack_;
  bool headline_ = false;
  bool single_mode_ = false;
};

}  // namespace

void FindMarkedQuotes(const Document& doc, std::vector<MarkedQuote>& out) {
  Pairer(doc, out).Run();
}

}  // namespace ties

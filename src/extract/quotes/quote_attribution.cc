// quote_attribution.cc: the Extractor's attribution of direct quotes (after, before, a
// dash paragraph, a colon) and its cue-based reported speech.
// The algorithm: quotes_stage.cc; the class: quote_extractor.h.
#include "extract/quotes/quote_extractor.h"

namespace ties::quote_extraction {

// "...," she said / said the minister / Trump told reporters / according to X.
Attribution Extractor::AfterQuote(const MarkedQuote& m) const {
  uint32_t j = m.close_token + 1;
  const uint32_t n = N();
  if (j < n && para_[j] != para_[m.close_token] && IsDash(j)) return DashParagraph(j);
  if (j >= n || para_[j] != para_[m.close_token]) return {};
  if (IsComma(j) || IsDash(j)) ++j;
  if (j >= n || para_[j] != para_[m.close_token] || toks_[j].Has(kTokQuote)) return {};
  uint32_t limit = j;
  while (limit < n && limit - j < 24 && para_[limit] == para_[j] && !toks_[limit].Has(kTokQuote) &&
         !(IsSentencePunct(limit) && !IsNameDot(limit)) && Low(limit) != ";") {
    ++limit;
  }
  // Inverted: cue first.
  uint32_t k = j;
  while (k < limit && Has(k, kWordSkip) && k - j < kMaxSkipTokens) ++k;
  if (k < limit && CueAt(k) != nullptr) {
    const CueEntry& entry = lex_.entry(*cue_[k]);
    if (entry.frames & (kCueDirect | kCuePrep)) {
      Speaker sp = SpeakerAfter(k + CueLen(k), limit);
      if (!sp.valid) sp = DescribedName(k + CueLen(k), limit);
      if (sp.valid) return MakeAttr(k, sp);
    }
  }
  // Speaker first: the first cue within reach whose speaker phrase starts at j.
  const Speaker name_first = NameRun(j, limit);
  uint32_t paren_depth = 0;
  for (k = j; k < limit && k - j <= 30; ++k) {
    if (Low(k) == "(") ++paren_depth;
    if (Low(k) == ")" && paren_depth > 0) --paren_depth;
    // "Rep. Gwen Moore (D-Wis.) said", "Mitch McConnell, R-Ky., said": party labels and hyphenated names.
    const bool label = paren_depth > 0 || (IsDash(k) && k > j && k + 1 < limit && Upper(k - 1) && Upper(k + 1) &&
                                           toks_[k - 1].span.end == toks_[k].span.begin &&
                                           toks_[k].span.end == toks_[k + 1].span.begin);
    if (Punct(k) && !label && !IsNameDot(k) && Low(k) != "&" &&
        !(IsComma(k) && (name_first.valid || (Has(j, kWordDet) && !Has(j, kWordPronoun)))) &&
        Low(k) != "(" && Low(k) != ")") {
      break;
    }
    if (k == j || CueAt(k) == nullptr) continue;
    const CueEntry& entry = lex_.entry(*cue_[k]);
    if (!(entry.frames & (kCueDirect | kCueTail))) continue;
    Speaker sp = SpeakerBefore(k, j);
    if (sp.valid && sp.begin_tok == j) return MakeAttr(k, sp);
    // "a narrator in the Clinton ad asks": a phrase cut by a preposition.
    if (sp.valid && sp.begin_tok - j <= 6 && !(Has(j, kWordPronoun)) &&
        (Upper(j) || Has(j, kWordDet)) && !PunctBetween(j, sp.begin_tok)) {
      sp.begin_tok = j;
      return MakeAttr(k, sp);
    }
    // "Scott Pruitt, the attorney general of Oklahoma, said": the name before the appositive.
    if (name_first.valid) return MakeAttr(k, name_first);
    // "the presumptive GOP nominee, Donald Trump, tweeted": the name in the appositive.
    if (Has(j, kWordDet) && !Has(j, kWordPronoun)) {
      const Speaker apposed = AppositiveName(j, k);
      if (apposed.valid) return MakeAttr(k, apposed);
    }
    break;
  }
  // The attribution dash: "..." -- Name.
  if (IsDash(m.close_token + 1)) {
    const Speaker sp = NameRun(m.close_token + 2, limit);
    if (sp.valid) {
      Attribution a;
      a.valid = true;
      a.cue_begin = m.close_token + 1;
      a.cue_end = m.close_token + 2;
      a.cue_text = "dash";
      a.speaker = sp;
      return a;
    }
  }
  return {};
}

// A paragraph opening with a dash and a name after a quote: "- Hillary Clinton." /
// "-Michelle Marks, Philadelphia." (the byline convention of quote lists).
Attribution Extractor::DashParagraph(uint32_t dash) const {
  uint32_t limit = dash + 1;
  while (limit < N() && limit - dash < 8 && para_[limit] == para_[dash]) ++limit;
  const Speaker sp = NameRun(dash + 1, limit);
  if (!sp.valid) return {};
  Attribution a;
  a.valid = true;
  a.cue_begin = dash;
  a.cue_end = dash + 1;
  a.cue_text = "dash";
  a.speaker = sp;
  return a;
}

// A run of capitalised words starting at `b` ending before a comma,
// parenthesis, sentence punctuation or `limit`: "Scott Pruitt", "Edwin G. Monroy".
Speaker Extractor::NameRun(uint32_t b, uint32_t limit) const {
  Speaker sp;
  uint32_t e = b;
  while (e < limit && e - b < 6 && !in_quote_[e] &&
         ((Upper(e) && !Punct(e) && !(cls_[e] & (kWordPronoun | kWordIntro | kWordBarrier | kWordTime))) ||
          (e > b && IsNameDot(e)))) {
    ++e;
  }
  if (e == b) return sp;
  const bool ends_well = e >= limit || IsComma(e) || Low(e) == "(" || IsSentencePunct(e) || para_[e] != para_[b];
  if (!ends_well) return sp;
  sp.valid = true;
  sp.begin_tok = b;
  sp.end_tok = e;
  return sp;
}

// She said: "..." / he said, "..." / said that the events "have ..." / a colon paragraph.
Attribution Extractor::BeforeQuote(const MarkedQuote& m) const {
  const uint32_t o = m.open_token;
  if (o == 0) return {};
  const uint32_t p = o - 1;
  if (para_[p] != para_[o]) {
    // The previous paragraph ends with a colon: "Sanders made the following comment:".
    if (Low(p) == ":") return ColonAttribution(p);
    return {};
  }
  const uint32_t sb = SentBegin(p);
  const bool lead = Low(p) == ":" || IsComma(p);
  // Nearest cue before the quote in the same sentence (not inside another quote).
  const uint32_t reach = lead ? 20 : 40;
  for (uint32_t k = p + 1; k-- > sb && p - k < reach;) {
    if (in_quote_[k]) {
      if (!lead) continue;
      break;
    }
    if (CueAt(k) == nullptr) continue;
    const CueEntry& entry = lex_.entry(*cue_[k]);
    Speaker sp = SpeakerBefore(k, sb);
    if (!sp.valid && (entry.frames & (kCueDirect | kCuePrep))) {
      Speaker after = SpeakerAfter(k + CueLen(k), p + 1);
      if (after.valid) sp = after;
    }
    if (!sp.valid && cue_[k]->participle) {
      // "..., adding: "..."": the speaker of an earlier cue, else the subject.
      for (uint32_t q = k; q-- > sb && !sp.valid;) {
        if (CueAt(q) != nullptr && !cue_[q]->participle) sp = SpeakerBefore(q, sb);
      }
      if (!sp.valid) sp = SentenceSubject(sb, k);
    }
    if (!sp.valid && lead) {
      // "Rucker Culpepper, who runs ..., said, "..."": the name opening the sentence.
      uint32_t first = sb;
      while (first < k && toks_[first].span.begin < dateline_end_) ++first;
      Speaker name = NameRun(first, k);
      if (name.valid && IsComma(name.end_tok)) sp = name;
      // "In a statement, Brian Fallon, a spokesman for ..., said:": the name after the opener.
      for (uint32_t c = first; !sp.valid && !name.valid && Has(first, kWordIntro) && c < k && c - first < kMaxIntroTokens; ++c) {
        if (!IsComma(c)) continue;
        name = NameRun(c + 1, k);
        if (name.valid && IsComma(name.end_tok) && name.end_tok + 1 < k) sp = name;
        break;
      }
    }
    if (sp.valid) return MakeAttr(k, sp);
    if (lead) break;
  }
  if (Low(p) == ":") return ColonAttribution(p);
  return {};
}

// The sentence ending with the colon at `colon` introduces the quote: its
// subject speaks; the cue is the verb after the subject.
Attribution Extractor::ColonAttribution(uint32_t colon) const {
  const uint32_t sb = SentBegin(colon);
  for (uint32_t k = sb; k < colon; ++k) {
    if (CueAt(k) == nullptr || in_quote_[k]) continue;
    Speaker sp = SpeakerBefore(k, sb);
    if (sp.valid) return MakeAttr(k, sp);
  }
  Speaker sp = SentenceSubject(sb, colon);
  if (!sp.valid || sp.end_tok >= colon || Punct(sp.end_tok)) return {};
  Attribution a;
  a.valid = true;
  a.cue_begin = sp.end_tok;
  a.cue_end = sp.end_tok + 1;
  a.cue_text = std::string(Low(sp.end_tok));
  a.speaker = sp;
  return a;
}

// End of the reported content that starts in a sentence ending at `se`:
// before the final punctuation, ";" or a participial cue (", adding that").
uint32_t Extractor::ContentEnd(uint32_t from, uint32_t se) const {
  se = std::min(se, from + kMaxReportedTokens);
  uint32_t e = from;
  while (e < se) {  // jumps between possible stops (next_stop_) instead of walking every token
    e = std::min(next_stop_[e], se);
    if (e >= se) break;
    if (Low(e) == ";") break;
    if (IsComma(e) && e + 1 < se && CueAt(e + 1) != nullptr && cue_[e + 1]->participle) break;
    ++e;
  }
  while (e > from && (IsSentencePunct(e - 1) || IsComma(e - 1) || IsDash(e - 1) || Low(e - 1) == ":")) --e;
  // A closing quote mark whose opening mark is outside the content is dropped.
  return e;
}

// Skips an indirect object after "told" ("Xinhua", "reporters", "him").
uint32_t Extractor::SkipObject(uint32_t i, uint32_t se) const {
  if (i >= se) return i;
  const std::string_view t = Low(i);
  if (t == "him" || t == "her" || t == "them" || t == "us" || t == "me" || t == "you") return i + 1;
  uint32_t k = i;
  if (Has(k, kWordDet)) ++k;
  const uint32_t start = k;
  while (k < se && k - start < 5 && !Punct(k) && Low(k) != "that" &&
         (Upper(k) || (k == start && !Has(k, kWordBarrier)) || NominalWord(k))) {
    ++k;
  }
  return k > start ? k : i;
}

void Extractor::TryCue(uint32_t k, std::vector<Candidate>& out) {
  const CueForm& form = *cue_[k];
  const CueEntry& entry = lex_.entry(form);
  const uint32_t ce = k + static_cast<uint32_t>(form.words.size());
  const uint32_t sb = SentBegin(k);
  // The content of one clause is bounded (kMaxReportedTokens) on both sides
  // of the cue, so one huge sentence with many cues stays linear.
  const uint32_t se = std::min(SentEnd(k), ce + kMaxReportedTokens);
  if (ce >= se && !(entry.frames & kCueTail)) return;
  const uint32_t first = SkipLeading(std::max(sb, k > kMaxReportedTokens ? k - kMaxReportedTokens : 0), k);

  // "according to X, ..." / "..., according to X." The source is everything
  // up to the comma or the sentence end ("according to federal statistics").
  if (entry.frames & kCuePrep) {
    Speaker sp = SpeakerAfter(ce, se);
    // The source is the whole phrase to the comma or sentence end when the
    // speaker phrase stops earlier ("according to a new article in Politico").
    if (!sp.valid || (sp.end_tok < se && !IsComma(sp.end_tok) && !IsSentencePunct(sp.end_tok))) {
      uint32_t e = ce;
      while (e < se && e - ce < 24 && !Punct(e) && !in_quote_[e]) ++e;
      if (e == ce || (e < se && !IsComma(e) && !IsSentencePunct(e))) return;
      sp.valid = true;
      sp.begin_tok = ce;
      sp.end_tok = e;
      // Without an entity mention inside, the source is the phrase itself
      // ("the Federal Bureau of Prisons"), not its last capitalised words.
      bool mention = false;
      for (uint32_t t = ce; t < e && !mention; ++t) mention = mention_at_[t] >= 0;
      if (!mention) sp.name = std::string(doc_.View(TokSpan(ce, e)));
    }
    if (k <= first + 1 && sp.end_tok < se && IsComma(sp.end_tok)) {
      AddReported(out, sp.end_tok + 1, ContentEnd(sp.end_tok + 1, se), k, sp);
    } else if (k > sb && IsComma(k - 1) && (sp.end_tok >= se || !IsAsciiLetterStart(Low(sp.end_tok))) &&
               TailRestOk(sp.end_tok, se)) {
      AddReported(out, first, ContentEnd(first, k - 1), k, sp);
    }
    return;
  }

  // Participles: ", noting that ..." and "Noting that ..., she said".
  if (form.participle) {
    uint32_t x = ce;
    const bool that = x < se && Low(x) == "that";
    if (that) ++x;
    else if (!(entry.frames & kCueClause)) return;
    if (k == first) {
      // Content up to the comma before the main clause's subject.
      uint32_t best = kNoToken;
      for (uint32_t c = x; c < se; ++c) {
        if (!IsComma(c) || in_quote_[c]) continue;
        Speaker sp = SpeakerAfter(c + 1, se);
        if (!sp.valid) continue;
        uint32_t v = sp.end_tok;
        while (v < se && Has(v, kWordSkip)) ++v;
        if (v < se && CueAt(v) != nullptr) {
          best = c;
          break;
        }
        if (best == kNoToken && v < se && IsAsciiLetterStart(Low(v)) && !Upper(v)) best = c;
      }
      if (best == kNoToken) return;
      Speaker sp = SpeakerAfter(best + 1, se);
      AddReported(out, x, ContentEnd(x, best + 1), k, sp);
      return;
    }
    if (k > sb && (IsComma(k - 1) || IsDash(k - 1))) {
      // ", adding that ...": the speaker of an attribution earlier in the sentence, else the subject.
      for (auto it = out.rbegin(); it != out.rend(); ++it) {
        if (it->attr.cue_begin < sb) break;
        if (it->attr.cue_begin < k && it->attr.speaker.valid) {
          AddReported(out, x, ContentEnd(x, se), k, Speaker(it->attr.speaker));
          return;
        }
      }
      Speaker sp = SentenceSubject(sb, k);
      if (!sp.valid) return;
      AddReported(out, x, ContentEnd(x, se), k, sp);
    }
    return;
  }

  Speaker before = SpeakerBefore(k, first);
  if (!before.valid && k > first + 1 && IsComma(k - 1)) {
    // "Dianne Feinstein, Democrat of California, said ...": the sentence-initial
    // name before the appositive, else the name right before the comma
    // ("one of the attorneys, Justin Bamberg, said").
    Speaker subject = SpeakerAfter(first, k);
    if (subject.valid && subject.end_tok < k - 1 && IsComma(subject.end_tok) && Upper(subject.begin_tok)) {
      before = subject;
    } else {
      Speaker name = SpeakerBefore(k - 1, first);
      if (name.valid && Upper(name.end_tok - 1) && name.begin_tok > first && IsComma(name.begin_tok - 1)) {
        before = name;
      }
    }
    if (before.valid && (entry.frames & kCueTail) && !(entry.frames & (kCueClause | kCueThat))) before = {};
  }
  if (before.valid) {
    // A clause after the cue.
    uint32_t that = kNoToken;
    for (uint32_t x = ce; x < se && x - ce <= kMaxThatDistance; ++x) {
      if (Low(x) == "that" || (Low(x) == "whether" && entry.normalised == "ask")) {
        that = x;
        break;
      }
      if (IsSentencePunct(x) || Low(x) == ";" || (Punct(x) && !IsComma(x) && !IsNameDot(x))) break;
      if (CueAt(x) != nullptr) break;
    }
    if (that != kNoToken && (entry.frames & (kCueThat | kCueClause | kCueObject))) {
      if (AddReported(out, that + 1, ContentEnd(that + 1, se), k, before)) return;
    }
    if (entry.frames & (kCueClause | kCueInfinitive)) {
      uint32_t x = ce;
      const bool clause = (entry.frames & kCueClause) != 0;
      if (clause && (entry.frames & kCueObject)) x = SkipObject(x, se);
      if (x < se && (IsComma(x) || Low(x) == ":")) ++x;
      const bool clause_start = x < se && !Has(x, kWordTime) && !IsSentencePunct(x) &&
                                !(Punct(x) && !toks_[x].Has(kTokQuote)) && Low(x) != "so" &&
                                !(CueAt(x) != nullptr && cue_[x]->participle);
      bool ok = clause_start;
      if (ok && !clause) {
        // Infinitive frame: a "to" must follow within a few words.
        ok = false;
        for (uint32_t y = x; y < se && y - x < 6; ++y) {
          if (Low(y) == "to") ok = true;
        }
      }
      if (ok && AddReported(out, x, ContentEnd(x, se), k, before)) return;
    }
    // Tail: "CONTENT, X said [adjuncts]."
    if ((entry.frames & kCueTail) && before.begin_tok > first &&
        (IsComma(before.begin_tok - 1) || IsDash(before.begin_tok - 1)) && TailRestOk(ce, se)) {
      AddReported(out, first, ContentEnd(first, before.begin_tok - 1), k, before);
    }
    return;
  }
  // Inverted tail: "CONTENT, said the minister."
  if ((entry.frames & kCueTail) && k > first && (IsComma(k - 1) || IsDash(k - 1))) {
    Speaker sp = SpeakerAfter(ce, se);
    if (sp.valid && TailRestOk(sp.end_tok, se)) AddReported(out, first, ContentEnd(first, k - 1), k, sp);
  }
}

void Extractor::FindReported(std::vector<Candidate>& out) {
  const uint32_t n = N();
  // Nested check without rescanning `out`: cues come in increasing k, so a
  // candidate matters once its first_tok <= k; keep the largest end_tok of
  // those ("active") and the others in a min-heap by first_tok.
  std::vector<std::pair<uint32_t, uint32_t>> pending;  // (first_tok, end_tok), min-heap
  const auto later = [](const std::pair<uint32_t, uint32_t>& a, const std::pair<uint32_t, uint32_t>& b) {
    return a.first > b.first;
  };
  uint32_t active_end = 0;
  for (uint32_t k = 0; k < n; ++k) {
    if (CueAt(k) == nullptr) continue;
    if (!out.empty() && out.back().attr.speaker.valid && out.back().attr.speaker.begin_tok <= k &&
        k < out.back().attr.speaker.end_tok) {
      continue;  // "according to the police report": "report" names the speaker
    }
    const size_t before = out.size();
    TryCue(k, out);
    // Nested reporting ("X said Y claimed that Z"): keep the outer one.
    if (out.size() > before) {
      while (!pending.empty() && pending.front().first <= k) {
        active_end = std::max(active_end, pending.front().second);
        std::pop_heap(pending.begin(), pending.end(), later);
        pending.pop_back();
      }
      if (active_end > k) out.pop_back();
      for (size_t j = before; j < out.size(); ++j) {
        pending.emplace_back(out[j].first_tok, out[j].end_tok);
        std::push_heap(pending.begin(), pending.end(), later);
      }
    }
  }
}

}  // namespace ties::quote_extraction

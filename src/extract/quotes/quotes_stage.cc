// quotes_stage.cc: direct and reported quotes with their speakers and cues.
//
// How it works, in one pass per document over tokens (no regex loops):
//
//  1. Token tables: lowercase text, speaker-word classes (speakers.tsv), the
//     cue that starts at each token (cues.tsv, longest multiword form), the
//     sentence and paragraph of each token, and the entity mention covering it.
//  2. Direct quotes: quotation marks are paired (quote_marks.h). Each quote
//     looks for its attribution right after its closing mark ("...," she said /
//     said the minister / according to X), right before its opening mark (She
//     said: "..." / he said, "..."), inside its own sentence when it is a
//     partial quote (said that the events "have ..."), or in a previous
//     paragraph ending with a colon.
//  3. Reported speech: every cue outside quotation marks is tried against
//     the frames its cues.tsv line allows: a clause after the cue (after
//     "that" when required, after an object for "told X"), a tail attribution
//     ("CONTENT, X said."), "according to X", and participles (", noting that
//     ..." and "Noting that ..., she said").
//  4. Merging: a reported clause whose words are mostly inside quotation marks
//     gives its attribution to the direct quote(s) and is dropped; one that
//     contains a shorter quoted fragment becomes one "mixed" quote that absorbs
//     the fragment. Direct quotes still without speaker inherit, conservatively,
//     the speaker of the adjacent attributed quote of the same paragraph (or of
//     the previous paragraph for a paragraph that is only a quote). Short
//     unattributed quotes (scare quotes) are dropped.
//  5. Speakers: the phrase's entity mention when the entities stage found one;
//     pronouns and nominals resolve to the most recent named speaker of the
//     right kind, else to the most recent PERSON entity; indefinite or generic
//     phrases ("a source", "officials") stay unnamed descriptions.
//
// Cost (issue #19): linear in the tokens up to a log factor, whatever the
// input. Every lookup that used to rescan the document ("the most recent
// PERSON mention before here", "the last remembered speaker with this
// surname", "which direct quotes overlap this clause", "where does this
// reported content end") goes through an index built once per document
// (prefix tables, per-word lists, binary search over quotes in text order),
// so results are exactly those of the plain scans.
#include "common/data_file.h"
#include "extract/quotes/quote_extractor.h"

namespace ties::quote_extraction {

void Extractor::BuildTables() {
  const uint32_t n = static_cast<uint32_t>(toks_.size());
  // The lowercased tokens shared with the other stages (built once per
  // document); word classes and cues are found by the tokens' hashes.
  const lex::LowerText& lower = lex::LowerText::Shared(doc_);
  low_.resize(n);
  cls_.assign(n, 0);
  for (uint32_t i = 0; i < n; ++i) {
    low_[i] = lower[i];
    cls_[i] = lex_.WordClass(lower.hash(i));
  }
  cue_.assign(n, nullptr);
  for (uint32_t i = 0; i < n; ++i) {
    if (toks_[i].Has(kTokPunct)) continue;
    cue_[i] = lex_.MatchCue(lower.hash(i), &low_[i], n - i);
  }
  sent_.assign(n, 0);
  for (uint32_t s = 0; s < doc_.sentences.size(); ++s) {
    const Sentence& st = doc_.sentences[s];
    for (uint32_t t = st.first_token; t < st.end_token && t < n; ++t) sent_[t] = s;
  }
  para_.assign(n, 0);
  uint32_t p = 0;
  for (uint32_t i = 0; i < n; ++i) {
    if (i > 0 && toks_[i].Has(kTokParagraphBefore)) ++p;
    para_[i] = p;
  }
  in_quote_.assign(n, 0);
  // The clause layer's subject of each verb head ("and said": the first verb's subject).
  clause_of_verb_.assign(doc_.clauses.empty() ? 0 : n, kNone);
  for (uint32_t c = 0; c < doc_.clauses.size(); ++c) {
    const uint32_t h = doc_.clauses[c].verb.head;
    if (h < n) clause_of_verb_[h] = static_cast<int32_t>(c);
  }
  mention_at_.assign(n, kNone);
  for (uint32_t m = 0; m < doc_.mentions.size(); ++m) {
    const Span sp = doc_.mentions[m].span;
    auto it = std::lower_bound(toks_.begin(), toks_.end(), sp.begin,
                               [](const Token& t, uint32_t off) { return t.span.end <= off; });
    for (; it != toks_.end() && it->span.begin < sp.end; ++it) {
      mention_at_[static_cast<size_t>(it - toks_.begin())] = static_cast<int32_t>(m);
    }
  }
  mentions_by_pos_.resize(doc_.mentions.size());
  for (uint32_t m = 0; m < doc_.mentions.size(); ++m) mentions_by_pos_[m] = m;
  std::sort(mentions_by_pos_.begin(), mentions_by_pos_.end(), [&](uint32_t a, uint32_t b) {
    return doc_.mentions[a].span.begin < doc_.mentions[b].span.begin;
  });
  dateline_end_ = doc_.dateline.present() ? doc_.dateline.span.end : 0;
  const size_t nm = mentions_by_pos_.size();
  mention_begin_.resize(nm);
  for (auto& v : last_person_) v.assign(nm, kNone);
  last_org_.assign(nm, kNone);
  for (size_t i = 0; i < nm; ++i) {
    const Mention& m = doc_.mentions[mentions_by_pos_[i]];
    mention_begin_[i] = m.span.begin;
    for (int g = 0; g < 3; ++g) last_person_[g][i] = i > 0 ? last_person_[g][i - 1] : kNone;
    last_org_[i] = i > 0 ? last_org_[i - 1] : kNone;
    const Entity& e = doc_.entities[m.entity];
    const int32_t ent = static_cast<int32_t>(m.entity);
    if (e.type == EntityType::kPerson) {
      last_person_[0][i] = ent;
      if (e.gender == 0 || e.gender == 'f') last_person_[1][i] = ent;
      if (e.gender == 0 || e.gender == 'm') last_person_[2][i] = ent;
    }
    if (e.type == EntityType::kOrg) last_org_[i] = ent;
  }
}

void Extractor::Merge(std::vector<Candidate>& directs, std::vector<Candidate>& reported) {
  // Direct quotes are disjoint and in text order: the ones overlapping a
  // clause are found by binary search (else, never seen, the full scan).
  bool ordered = true;
  for (size_t i = 1; i < directs.size(); ++i) {
    if (directs[i].span.begin < directs[i - 1].span.end) ordered = false;
  }
  for (Candidate& r : reported) {
    uint32_t covered = 0;
    std::vector<Candidate*> inside;
    size_t from = 0;
    if (ordered) {
      from = static_cast<size_t>(
          std::partition_point(directs.begin(), directs.end(),
                               [&](const Candidate& d) { return d.span.end <= r.span.begin; }) -
          directs.begin());
    }
    for (size_t di = from; di < directs.size(); ++di) {
      Candidate& d = directs[di];
      if (ordered && d.span.begin >= r.span.end) break;
      const uint32_t ov = Overlap(r.span, d.span);
      if (ov == 0) continue;
      covered += ov;
      inside.push_back(&d);
    }
    if (inside.empty()) continue;
    // Reported content that is the quote (tail attributions of direct quotes,
    // or mostly quoted): the quote keeps the attribution.
    if (covered * 2 >= r.span.size()) {
      r.alive = false;
      for (Candidate* d : inside) {
        if (!d->attr.valid || d->attr.inherited) d->attr = r.attr;
      }
      continue;
    }
    // A reported clause with a short quoted fragment: one mixed quote.
    bool contained = true;
    for (Candidate* d : inside) {
      if (d->span.begin < r.span.begin || d->span.end > r.span.end + 4) contained = false;
    }
    if (!contained) {
      // The quote sticks out of the clause: trust the marks.
      r.alive = false;
      for (Candidate* d : inside) {
        if (!d->attr.valid) d->attr = r.attr;
      }
      continue;
    }
    r.kind = QuoteKind::kMixed;
    for (Candidate* d : inside) {
      d->alive = false;
      // Extend over the closing mark of a fragment that ends the clause.
      const MarkedQuote& m = marks_[d->marked];
      if (m.close_token != kNoToken && toks_[m.close_token].span.end > r.span.end &&
          toks_[m.close_token].span.begin <= r.span.end + 4) {
        r.span.end = toks_[m.close_token].span.end;
      }
    }
  }
}

void Extractor::Inherit(std::vector<Candidate>& directs, std::vector<Candidate>& reported) {
  // Attributed quotes of any kind, in text order.
  std::vector<const Candidate*> attributed;
  for (const Candidate& c : directs) {
    if (c.alive && c.attr.valid) attributed.push_back(&c);
  }
  for (const Candidate& c : reported) {
    if (c.alive && c.attr.valid) attributed.push_back(&c);
  }
  std::sort(attributed.begin(), attributed.end(),
            [](const Candidate* a, const Candidate* b) { return a->span.begin < b->span.begin; });
  for (size_t di = 0; di < directs.size(); ++di) {
    Candidate& d = directs[di];
    if (!d.alive || d.attr.valid) continue;
    const MarkedQuote& m = marks_[d.marked];
    const uint32_t para = para_[m.open_token];
    const auto after = std::partition_point(attributed.begin(), attributed.end(),
                                            [&](const Candidate* a) { return a->span.begin < d.span.begin; });
    const Candidate* prev = after == attributed.begin() ? nullptr : *(after - 1);
    // The previous attributed quote of the same paragraph, with no cue of
    // another attribution in between.
    if (prev != nullptr && para_[prev->first_tok] == para && !CueBetween(prev->end_tok, m.open_token)) {
      InheritFrom(d, *prev);
      continue;
    }
    // The next direct quote of the same paragraph, right after this one.
    if (di + 1 < directs.size() && m.close_token != kNoToken) {
      const Candidate& next = directs[di + 1];
      const MarkedQuote& nm = marks_[next.marked];
      if (next.alive && next.attr.valid && !next.attr.inherited && para_[nm.open_token] == para &&
          OnlyPunctBetween(m.close_token + 1, nm.open_token)) {
        InheritFrom(d, next);
        continue;
      }
    }
    // A paragraph that is only this quote continues the previous paragraph's speaker.
    if (prev != nullptr && m.close_token != kNoToken && StartsParagraph(m.open_token) &&
        OnlyPunctToParagraphEnd(m.close_token + 1) && para_[prev->first_tok] + 1 == para &&
        prev->attr.speaker.valid && IsPersonSpeaker(prev->attr.speaker)) {
      InheritFrom(d, *prev);
      continue;
    }
  }
}

void Extractor::Emit(std::vector<Candidate>& directs, std::vector<Candidate>& reported) {
  std::vector<Candidate*> all;
  // Cue token -> end of the direct quote it attributes: reported content between
  // that quote and its cue is the speaker's description, not speech
  // ("\"...\" the presumptive nominee, Donald Trump, tweeted").
  std::unordered_map<uint32_t, uint32_t> direct_cue_end;
  for (Candidate& c : directs) {
    if (!c.alive) continue;
    if (!c.attr.valid && WordCount(c) < kMinUnattributedWords) continue;
    all.push_back(&c);
    if (c.attr.valid && !c.attr.inherited && c.attr.cue_end > c.attr.cue_begin) {
      direct_cue_end[c.attr.cue_begin] = c.end_tok;
    }
  }
  for (Candidate& c : reported) {
    if (!c.alive) continue;
    const auto d = direct_cue_end.find(c.attr.cue_begin);
    if (d != direct_cue_end.end() && d->second <= c.first_tok && c.end_tok <= c.attr.cue_begin) continue;
    all.push_back(&c);
  }
  std::sort(all.begin(), all.end(),
            [](const Candidate* a, const Candidate* b) { return a->span.begin < b->span.begin; });
  for (const Candidate* c : all) {
    Quote q;
    q.kind = c->kind;
    q.span = c->span;
    const Attribution& a = c->attr;
    if (a.valid) {
      q.speaker_entity = a.speaker.entity;
      q.speaker_name = a.speaker.name;
      if (a.speaker.valid) q.speaker_span = TokSpan(a.speaker.begin_tok, a.speaker.end_tok);
      q.cue = a.cue != nullptr ? a.cue->normalised : a.cue_text;
      if (!a.inherited && a.cue_end > a.cue_begin) q.cue_span = TokSpan(a.cue_begin, a.cue_end);
    }
    doc_.quotes.push_back(std::move(q));
  }
}

}  // namespace ties::quote_extraction

namespace ties {

namespace {

class QuotesStage : public Stage {
 public:
  QuotesStage(QuoteLexicon lex, StanceLexicon stance, std::map<std::string, NativeSpeech> native)
      : lex_(std::move(lex)), stance_(std::move(stance)), native_(std::move(native)) {}
  std::string_view Name() const override { return "quotes"; }
  uint32_t Requires() const override {
    return kFieldTokens | kFieldSentences | kFieldDateline | kFieldEntities | kFieldClauses;
  }
  uint32_t Assigns() const override { return kFieldQuotes; }
  Status Process(Document& doc) const override {
    // Russian, Kazakh and Chinese: their own speech cues (native_speech.h).
    if (const auto it = native_.find(doc.meta.language); it != native_.end()) {
      AttributeNativeQuotes(doc, it->second);
      SetCueKinds(stance_, doc);  // the cues are normalised to the English lexicon's names
      return Status::Ok();
    }
    quote_extraction::Extractor(lex_, doc).Run();
    AddSubjectAttributions(lex_, stance_, doc);
    AddClauseAttributions(lex_, stance_, doc);
    SetCueKinds(stance_, doc);
    return Status::Ok();
  }

 private:
  QuoteLexicon lex_;
  StanceLexicon stance_;
  std::map<std::string, NativeSpeech> native_;
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeQuotesStage(const StageOptions& options) {
  Result<QuoteLexicon> lex = QuoteLexicon::Load(options.data_dir + "/en/quotes");
  if (!lex.ok()) return lex.status();
  Result<StanceLexicon> stance = StanceLexicon::Load(options.data_dir + "/en/quotes");
  if (!stance.ok()) return stance.status();
  std::map<std::string, NativeSpeech> native;
  // Every language with its own speech cues (data/<lang>/quotes/speech.tsv); Chinese names are Han runs.
  for (const std::string& lang : LanguagesWithFile(options.data_dir, "quotes/speech.tsv")) {
    Result<NativeSpeech> speech = NativeSpeech::Load(options.data_dir + "/" + lang, lang == "zh");
    if (!speech.ok()) return speech.status();
    native.emplace(lang, std::move(speech).value());
  }
  return std::unique_ptr<Stage>(
      new QuotesStage(std::move(lex).value(), std::move(stance).value(), std::move(native)));
}

}  // namespace ties

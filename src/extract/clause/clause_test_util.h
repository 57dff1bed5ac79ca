// clause_test_util.h: builds Documents for the clause tests, hand-tagged
// ("Iran/NNP/B-NP refused/VBD/B-VP ...") or through the real segment and tag
// stages (data/en/tagger models).
#ifndef TIES_EXTRACT_CLAUSE_CLAUSE_TEST_UTIL_H_
#define TIES_EXTRACT_CLAUSE_CLAUSE_TEST_UTIL_H_

#include <memory>
#include <sstream>
#include <string>

#include "extract/clause/clause_stage.h"
#include "tagger/tag_stage.h"
#include "testing/test_paths.h"
#include "text/segment_stage.h"
#include "ties/document.h"

namespace ties::clause_test {

inline StageOptions Options() { return StageOptions{ties::testing::DataDir()}; }

// "word/POS/CHUNK" items separated by spaces; one sentence.
inline Document HandTagged(const std::string& items) {
  Document doc;
  std::istringstream in(items);
  std::string item;
  while (in >> item) {
    const size_t b = item.rfind('/');
    const size_t a = item.rfind('/', b - 1);
    const std::string word = item.substr(0, a);
    if (!doc.text.empty()) doc.text += ' ';
    Token t;
    t.span = Span{static_cast<uint32_t>(doc.text.size()), static_cast<uint32_t>(doc.text.size() + word.size())};
    doc.text += word;
    doc.tokens.push_back(t);
    doc.pos.push_back(PosTagFromName(item.substr(a + 1, b - a - 1)));
    doc.chunks.push_back(ChunkTagFromName(item.substr(b + 1)));
  }
  Sentence s;
  s.span = Span{0, static_cast<uint32_t>(doc.text.size())};
  s.first_token = 0;
  s.end_token = static_cast<uint32_t>(doc.tokens.size());
  doc.sentences.push_back(s);
  return doc;
}

// Runs segment, tag and clause on `text` (English).
class ClausePipeline {
 public:
  ClausePipeline() {
    auto segment = MakeSegmentStage(Options());
    auto tag = MakeTagStage(Options());
    auto clause = MakeClauseStage(Options());
    ok_ = segment.ok() && tag.ok() && clause.ok();
    if (!ok_) return;
    segment_ = std::move(segment).value();
    tag_ = std::move(tag).value();
    clause_ = std::move(clause).value();
  }
  bool ok() const { return ok_; }
  Status Run(Document& doc) const {
    TIES_RETURN_IF_ERROR(segment_->Process(doc));
    TIES_RETURN_IF_ERROR(tag_->Process(doc));
    return clause_->Process(doc);
  }
  Document Parse(const std::string& text) const {
    Document doc;
    doc.text = text;
    doc.meta.language = "en";
    Status st = Run(doc);
    (void)st;
    return doc;
  }
  const Stage& clause_stage() const { return *clause_; }

 private:
  bool ok_ = false;
  std::unique_ptr<Stage> segment_, tag_, clause_;
};

}  // namespace ties::clause_test

#endif  // TIES_EXTRACT_CLAUSE_CLAUSE_TEST_UTIL_H_

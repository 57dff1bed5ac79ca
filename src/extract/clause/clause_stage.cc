// clause_stage.cc: see clause_stage.h. The stage is immutable after loading;
// each worker thread keeps its own parse scratch.
#include "extract/clause/clause_stage.h"

#include "extract/clause/clause_parser.h"

namespace ties {

namespace {

class ClauseStage : public Stage {
 public:
  explicit ClauseStage(clause::ClauseLexicon lexicon) : lexicon_(std::move(lexicon)) {}

  std::string_view Name() const override { return "clause"; }
  uint32_t Requires() const override { return kFieldTokens | kFieldSentences | kFieldTags; }
  uint32_t Assigns() const override { return kFieldClauses; }

  Status Process(Document& doc) const override {
    doc.clauses.clear();
    doc.clause_args.clear();
    if (doc.pos.size() != doc.tokens.size() || doc.chunks.size() != doc.tokens.size()) {
      return Status::InvalidArgument("clause stage: pos/chunks are not parallel to tokens (run the tag stage)");
    }
    if (doc.tokens.empty()) return Status::Ok();
    const lex::LowerText& lower = lex::LowerText::Shared(doc);
    thread_local clause::ParseScratch scratch;
    for (uint32_t si = 0; si < doc.sentences.size(); ++si) clause::ParseSentence(lexicon_, lower, si, doc, scratch);
    return Status::Ok();
  }

 private:
  clause::ClauseLexicon lexicon_;
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeClauseStage(const StageOptions& options) {
  Result<clause::ClauseLexicon> lexicon = clause::ClauseLexicon::Load(options.data_dir);
  if (!lexicon.ok()) return lexicon.status();
  return std::unique_ptr<Stage>(new ClauseStage(std::move(lexicon).value()));
}

}  // namespace ties

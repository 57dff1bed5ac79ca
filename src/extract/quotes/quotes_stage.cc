// quotes_stage.cc: placeholder until its issue lands; assigns nothing.
#include "extract/quotes/quotes_stage.h"

namespace ties {

namespace {

class QuotesStage : public Stage {
 public:
  std::string_view Name() const override { return "quotes"; }
  uint32_t Requires() const override { return kFieldTokens | kFieldSentences | kFieldEntities; }
  uint32_t Assigns() const override { return kFieldQuotes; }
  Status Process(Document&) const override { return Status::Ok(); }
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeQuotesStage(const StageOptions&) {
  return std::unique_ptr<Stage>(new QuotesStage());
}

}  // namespace ties

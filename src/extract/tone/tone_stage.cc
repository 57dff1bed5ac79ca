// tone_stage.cc: placeholder until its issue lands; assigns nothing.
#include "extract/tone/tone_stage.h"

namespace ties {

namespace {

class ToneStage : public Stage {
 public:
  std::string_view Name() const override { return "tone"; }
  uint32_t Requires() const override { return kFieldTokens | kFieldSentences; }
  uint32_t Assigns() const override { return kFieldTone; }
  Status Process(Document&) const override { return Status::Ok(); }
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeToneStage(const StageOptions&) {
  return std::unique_ptr<Stage>(new ToneStage());
}

}  // namespace ties

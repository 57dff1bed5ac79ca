// dates_stage.cc: placeholder until its issue lands; assigns nothing.
#include "extract/dates/dates_stage.h"

namespace ties {

namespace {

class DatesStage : public Stage {
 public:
  std::string_view Name() const override { return "dates"; }
  uint32_t Requires() const override { return kFieldTokens; }
  uint32_t Assigns() const override { return kFieldDates; }
  Status Process(Document&) const override { return Status::Ok(); }
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeDatesStage(const StageOptions&) {
  return std::unique_ptr<Stage>(new DatesStage());
}

}  // namespace ties

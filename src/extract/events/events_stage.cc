// events_stage.cc: placeholder until its issue lands; assigns nothing.
#include "extract/events/events_stage.h"

namespace ties {

namespace {

class EventsStage : public Stage {
 public:
  std::string_view Name() const override { return "events"; }
  uint32_t Requires() const override { return kFieldTokens | kFieldSentences | kFieldEntities; }
  uint32_t Assigns() const override { return kFieldEvents; }
  Status Process(Document&) const override { return Status::Ok(); }
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeEventsStage(const StageOptions&) {
  return std::unique_ptr<Stage>(new EventsStage());
}

}  // namespace ties

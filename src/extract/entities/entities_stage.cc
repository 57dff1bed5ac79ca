// entities_stage.cc: placeholder until its issue lands; assigns nothing.
#include "extract/entities/entities_stage.h"

namespace ties {

namespace {

class EntitiesStage : public Stage {
 public:
  std::string_view Name() const override { return "entities"; }
  uint32_t Requires() const override { return kFieldTokens | kFieldSentences; }
  uint32_t Assigns() const override { return kFieldEntities; }
  Status Process(Document&) const override { return Status::Ok(); }
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeEntitiesStage(const StageOptions&) {
  return std::unique_ptr<Stage>(new EntitiesStage());
}

}  // namespace ties

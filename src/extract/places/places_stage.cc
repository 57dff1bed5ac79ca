// places_stage.cc: placeholder until its issue lands; assigns nothing.
#include "extract/places/places_stage.h"

namespace ties {

namespace {

class PlacesStage : public Stage {
 public:
  std::string_view Name() const override { return "places"; }
  uint32_t Requires() const override { return kFieldTokens | kFieldSentences | kFieldEntities | kFieldDateline; }
  uint32_t Assigns() const override { return kFieldPlaces; }
  Status Process(Document&) const override { return Status::Ok(); }
};

}  // namespace

Result<std::unique_ptr<Stage>> MakePlacesStage(const StageOptions&) {
  return std::unique_ptr<Stage>(new PlacesStage());
}

}  // namespace ties

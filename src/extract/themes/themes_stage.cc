// themes_stage.cc: placeholder until its issue lands; assigns nothing.
#include "extract/themes/themes_stage.h"

namespace ties {

namespace {

class ThemesStage : public Stage {
 public:
  std::string_view Name() const override { return "themes"; }
  uint32_t Requires() const override { return kFieldTokens; }
  uint32_t Assigns() const override { return kFieldThemes; }
  Status Process(Document&) const override { return Status::Ok(); }
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeThemesStage(const StageOptions&) {
  return std::unique_ptr<Stage>(new ThemesStage());
}

}  // namespace ties

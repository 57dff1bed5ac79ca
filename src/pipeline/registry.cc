// registry.cc: stage names -> factories. The default order lives in
// data/pipeline.cfg; this table only says which names exist.
#include <fstream>

#include "common/text_util.h"
#include "extract/clause/clause_stage.h"
#include "extract/dates/dates_stage.h"
#include "extract/entities/entities_stage.h"
#include "extract/events/events_stage.h"
#include "extract/places/places_stage.h"
#include "extract/quotes/quotes_stage.h"
#include "extract/themes/themes_stage.h"
#include "extract/tone/tone_stage.h"
#include "pipeline/basic_stages.h"
#include "tagger/tag_stage.h"
#include "text/segment_stage.h"
#include "ties/pipeline.h"

namespace ties {

namespace {

using Factory = Result<std::unique_ptr<Stage>> (*)(const StageOptions&);

struct Registration {
  std::string_view name;
  Factory factory;
};

constexpr Registration kStages[] = {
    {"language", MakeLanguageStage},       {"fingerprint", MakeFingerprintStage},
    {"segment", MakeSegmentStage},   {"dateline", MakeDatelineStage}, {"entities", MakeEntitiesStage},
    {"places", MakePlacesStage},     {"quotes", MakeQuotesStage},     {"events", MakeEventsStage},
    {"themes", MakeThemesStage},     {"tone", MakeToneStage},         {"dates", MakeDatesStage},
    {"tag", MakeTagStage},           {"clause", MakeClauseStage},
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeStage(std::string_view name, const StageOptions& options) {
  for (const Registration& r : kStages) {
    if (r.name == name) return r.factory(options);
  }
  std::string known;
  for (const Registration& r : kStages) known += (known.empty() ? "" : ", ") + std::string(r.name);
  return Status::InvalidArgument("unknown stage '" + std::string(name) + "' (known: " + known + ")");
}

const std::vector<std::string>& DefaultStageNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    // data/pipeline.cfg: "stages = a, b, c"; falls back to the registry order.
    std::ifstream in(DefaultDataDir() + "/pipeline.cfg");
    std::string line;
    while (std::getline(in, line)) {
      std::string_view v = TrimAscii(line);
      if (v.substr(0, 6) != "stages") continue;
      const size_t eq = v.find('=');
      if (eq == std::string_view::npos) continue;
      std::string_view list = v.substr(eq + 1);
      size_t i = 0;
      while (i <= list.size()) {
        size_t comma = list.find(',', i);
        if (comma == std::string_view::npos) comma = list.size();
        const std::string_view name = TrimAscii(list.substr(i, comma - i));
        if (!name.empty()) out.emplace_back(name);
        i = comma + 1;
      }
    }
    if (out.empty()) {
      for (const Registration& r : kStages) out.emplace_back(r.name);
    }
    return out;
  }();
  return names;
}

}  // namespace ties

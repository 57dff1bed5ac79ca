// pipeline.cc: builds a Pipeline from stage names and runs it.
#include <unistd.h>

#include <time.h>

#include <chrono>
#include <exception>
#include <filesystem>

#include "ties/pipeline.h"

namespace ties {

namespace {

std::string FieldNames(uint32_t fields) {
  static constexpr std::pair<uint32_t, std::string_view> kNames[] = {
      {kFieldTokens, "tokens"},     {kFieldSentences, "sentences"}, {kFieldDateline, "dateline"},
      {kFieldEntities, "entities"}, {kFieldPlaces, "places"},       {kFieldQuotes, "quotes"},
      {kFieldEvents, "events"},     {kFieldThemes, "themes"},       {kFieldTone, "tone"},
      {kFieldDates, "dates"},
      {kFieldTags, "tags"},         {kFieldClauses, "clauses"}};
  std::string out;
  for (const auto& [bit, name] : kNames) {
    if (fields & bit) out += (out.empty() ? "" : ", ") + std::string(name);
  }
  return out;
}

}  // namespace

Result<Pipeline> Pipeline::Create(const std::vector<std::string>& stage_names, const StageOptions& options) {
  Pipeline pipeline;
  uint32_t assigned = 0;
  for (const std::string& name : stage_names) {
    Result<std::unique_ptr<Stage>> stage = MakeStage(name, options);
    if (!stage.ok()) return stage.status();
    const uint32_t missing = (*stage)->Requires() & ~assigned;
    if (missing != 0) {
      return Status::InvalidArgument("stage '" + name + "' requires " + FieldNames(missing) +
                                     ", which no earlier stage assigns");
    }
    assigned |= (*stage)->Assigns();
    pipeline.stages_.push_back(std::move(stage).value());
  }
  return pipeline;
}

Status Pipeline::Process(Document& doc) const {
  static thread_local std::vector<uint64_t> unused;
  unused.assign(stages_.size(), 0);
  return Process(doc, unused);
}

Status Pipeline::Process(Document& doc, std::vector<uint64_t>& stage_nanos) const {
  for (size_t i = 0; i < stages_.size(); ++i) {
    const auto& stage = stages_[i];
    // CPU time of this thread, not wall time: on a loaded machine the wall
    // clock also counts time the thread waited for a core.
    struct AddTime {
      uint64_t start;
      uint64_t& total;
      static uint64_t Now() {
        timespec ts;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return static_cast<uint64_t>(ts.tv_sec) * 1000000000ull + static_cast<uint64_t>(ts.tv_nsec);
      }
      ~AddTime() { total += Now() - start; }
    } add_time{AddTime::Now(), stage_nanos[i]};
    try {
      Status s = stage->Process(doc);
      if (!s.ok()) return Status(s.code(), doc.meta.origin + ": " + std::string(stage->Name()) + ": " + s.message());
    } catch (const std::exception& e) {
      return Status::Internal(doc.meta.origin + ": stage " + std::string(stage->Name()) + " failed: " + e.what());
    } catch (...) {
      return Status::Internal(doc.meta.origin + ": stage " + std::string(stage->Name()) + " failed");
    }
  }
  return Status::Ok();
}

}  // namespace ties

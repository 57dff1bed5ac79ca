// segment_stage.cc: the "segment" stage, per-language sentence rules.
#include "text/segment_stage.h"

#include <map>

#include "text/sentence_splitter.h"
#include "text/tokenizer.h"

namespace ties {

namespace {

class SegmentStage : public Stage {
 public:
  explicit SegmentStage(std::map<std::string, std::unique_ptr<SentenceSplitter>> splitters)
      : splitters_(std::move(splitters)) {}

  std::string_view Name() const override { return "segment"; }
  uint32_t Requires() const override { return 0; }
  uint32_t Assigns() const override { return kFieldTokens | kFieldSentences; }

  Status Process(Document& doc) const override {
    Tokenize(doc.text, doc.tokens);
    auto it = splitters_.find(doc.meta.language);
    if (it == splitters_.end()) it = splitters_.find("en");
    it->second->Split(doc);
    return Status::Ok();
  }

 private:
  std::map<std::string, std::unique_ptr<SentenceSplitter>> splitters_;
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeSegmentStage(const StageOptions& options) {
  std::map<std::string, std::unique_ptr<SentenceSplitter>> splitters;
  // Every language folder with sentence rules gets its own splitter; English is required.
  for (const char* lang : {"en", "ru", "kk", "zh"}) {
    Result<SentenceRules> rules = SentenceRules::Load(options.data_dir + "/" + lang);
    if (!rules.ok()) {
      if (std::string_view(lang) == "en") return rules.status();
      continue;
    }
    splitters.emplace(lang, std::make_unique<SentenceSplitter>(std::move(rules).value()));
  }
  return std::unique_ptr<Stage>(new SegmentStage(std::move(splitters)));
}

}  // namespace ties

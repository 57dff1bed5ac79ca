// basic_stages.cc: see basic_stages.h. They run in the worker threads, so the
// single reader and writer threads never pay for detection or hashing.
#include "pipeline/basic_stages.h"

#include "dedup/simhash.h"
#include "dedup/wire_agency.h"
#include "ingest/language_detect.h"

namespace ties {

namespace {

class LanguageStage : public Stage {
 public:
  std::string_view Name() const override { return "language"; }
  uint32_t Requires() const override { return 0; }
  uint32_t Assigns() const override { return 0; }  // metadata only
  Status Process(Document& doc) const override {
    if (doc.meta.language.empty()) doc.meta.language = DetectLanguage(doc.text);
    return Status::Ok();
  }
};

class FingerprintStage : public Stage {
 public:
  explicit FingerprintStage(WireAgencies agencies) : agencies_(std::move(agencies)) {}
  std::string_view Name() const override { return "fingerprint"; }
  uint32_t Requires() const override { return 0; }
  uint32_t Assigns() const override { return 0; }  // metadata only
  Status Process(Document& doc) const override {
    doc.meta.simhash = SimHash(doc.text);
    doc.meta.wire_agency = agencies_.Detect(doc.text);
    return Status::Ok();
  }

 private:
  WireAgencies agencies_;
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeLanguageStage(const StageOptions&) {
  return std::unique_ptr<Stage>(new LanguageStage());
}

Result<std::unique_ptr<Stage>> MakeFingerprintStage(const StageOptions& options) {
  Result<WireAgencies> agencies = WireAgencies::Load(options.data_dir);
  if (!agencies.ok()) return agencies.status();
  return std::unique_ptr<Stage>(new FingerprintStage(std::move(agencies).value()));
}

}  // namespace ties

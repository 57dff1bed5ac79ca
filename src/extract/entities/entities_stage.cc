// entities_stage.cc: the "entities" stage: persons with roles, organisations, countries,
// regions and demonyms, with in-document coreference (issue #3). The work is done by
// Recognize() (recognizer.h) over the tables of EntityLexicon (lexicon.h).
#include "extract/entities/entities_stage.h"

#include <cstdlib>

#include "extract/entities/lexicon.h"
#include "extract/entities/native_names.h"
#include "extract/entities/recognizer.h"
#include "extract/native/native_lexicon.h"

namespace ties {

namespace {

class EntitiesStage : public Stage {
 public:
  EntitiesStage(std::unique_ptr<entities::EntityLexicon> lexicon, const std::string& data_dir)
      : lexicon_(std::move(lexicon)),
        ru_(SharedNativeLexicon(data_dir, "ru")),
        kk_(SharedNativeLexicon(data_dir, "kk")) {}

  std::string_view Name() const override { return "entities"; }
  // The dateline: its words are not read as sports teams (recognizer_roles.cc, InDatelineLine).
  uint32_t Requires() const override { return kFieldTokens | kFieldSentences | kFieldDateline; }
  uint32_t Assigns() const override { return kFieldEntities; }
  Status Process(Document& doc) const override {
    // Russian and Kazakh have their own recogniser (native_names.h); Chinese still the English one.
    const std::string_view lang = doc.meta.language;
    if (lang == "ru" || lang == "kk") {
      entities::RecognizeNative(lang == "ru" ? *ru_ : *kk_, doc);
    } else {
      entities::Recognize(*lexicon_, doc);
    }
    return Status::Ok();
  }

 private:
  std::unique_ptr<entities::EntityLexicon> lexicon_;
  const NativeLexicon* ru_;
  const NativeLexicon* kk_;
};

}  // namespace

std::string EntitiesWordListPath() {
  if (const char* env = std::getenv("TIES_WORDLIST"); env != nullptr) return env;
  return "/usr/share/dict/american-english";
}

Result<std::unique_ptr<Stage>> MakeEntitiesStage(const StageOptions& options) {
  Result<std::unique_ptr<entities::EntityLexicon>> lexicon =
      entities::EntityLexicon::Load(options.data_dir, "en", EntitiesWordListPath());
  if (!lexicon.ok()) return lexicon.status();
  return std::unique_ptr<Stage>(new EntitiesStage(std::move(lexicon).value(), options.data_dir));
}

}  // namespace ties

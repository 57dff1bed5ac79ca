// test_util.h: helpers shared by the entities tests (not part of the library).
#ifndef TIES_EXTRACT_ENTITIES_TEST_UTIL_H_
#define TIES_EXTRACT_ENTITIES_TEST_UTIL_H_

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "extract/entities/entities_stage.h"
#include "extract/entities/lexicon.h"
#include "extract/entities/recognizer.h"
#include "text/segment_stage.h"
#include "ties/document.h"
#include "testing/test_paths.h"

namespace ties::entities::testing {

using ::ties::testing::DataDir;

// One lexicon for the whole test binary (loading takes ~100 ms).
inline const EntityLexicon& Lexicon() {
  static const EntityLexicon* lexicon = [] {
    auto loaded = EntityLexicon::Load(DataDir(), "en", EntitiesWordListPath());
    if (!loaded.ok()) {
      fprintf(stderr, "lexicon: %s\n", loaded.status().ToString().c_str());
      std::abort();
    }
    return std::move(loaded).value().release();
  }();
  return *lexicon;
}

// Tokenizes, splits sentences and recognises entities in `text`.
inline Document Analyze(const std::string& text) {
  static const Stage* segment = [] {
    StageOptions options;
    options.data_dir = DataDir();
    auto stage = MakeSegmentStage(options);
    if (!stage.ok()) std::abort();
    return std::move(stage).value().release();
  }();
  Document doc;
  doc.text = text;
  doc.meta.language = "en";
  if (!segment->Process(doc).ok()) std::abort();
  Recognize(Lexicon(), doc);
  return doc;
}

// A mention in a readable form: "Aida Balayeva|PERSON|Aida Balayeva|KAZ|name".
inline std::vector<std::string> Describe(const Document& doc) {
  std::vector<std::string> out;
  for (const Mention& m : doc.mentions) {
    const Entity& e = doc.entities[m.entity];
    out.push_back(std::string(doc.View(m.span)) + "|" + std::string(EntityTypeName(e.type)) + "|" + e.canonical +
                  "|" + e.country + "|" + std::string(MentionKindName(m.kind)));
  }
  return out;
}

}  // namespace ties::entities::testing

#endif  // TIES_EXTRACT_ENTITIES_TEST_UTIL_H_

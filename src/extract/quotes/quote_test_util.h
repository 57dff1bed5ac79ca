// quote_test_util.h: builds small Documents by hand for the quotes tests.
#ifndef TIES_EXTRACT_QUOTES_QUOTE_TEST_UTIL_H_
#define TIES_EXTRACT_QUOTES_QUOTE_TEST_UTIL_H_

#include <cstdlib>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "extract/quotes/quotes_stage.h"
#include "text/segment_stage.h"
#include "ties/document.h"
#include "ties/stage.h"
#include "testing/test_paths.h"

namespace ties::testing {

// The quotes stage over the repository's data, built once per test binary.
inline const Stage& QuotesStage() {
  static const std::unique_ptr<Stage> stage = [] {
    StageOptions options;
    options.data_dir = DataDir();
    auto made = MakeQuotesStage(options);
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    return std::move(made).value();
  }();
  return *stage;
}

// A Document with tokens and sentences for `text` (the "segment" stage).
inline Document Segmented(std::string text) {
  static const std::unique_ptr<Stage> segment = [] {
    StageOptions options;
    options.data_dir = DataDir();
    auto made = MakeSegmentStage(options);
    return made.ok() ? std::move(made).value() : nullptr;
  }();
  Document doc;
  doc.meta.language = "en";
  doc.text = std::move(text);
  if (segment) (void)segment->Process(doc);
  return doc;
}

// Adds an entity and a mention for every occurrence of each of `surfaces` in
// the text (as the entities stage would, coreference included).
inline void AddEntity(Document& doc, EntityType type, std::string canonical,
                      std::initializer_list<std::pair<std::string, MentionKind>> surfaces,
                      std::string role = "", char gender = 0) {
  Entity e;
  e.type = type;
  e.canonical = std::move(canonical);
  e.role = std::move(role);
  e.gender = gender;
  const uint32_t idx = static_cast<uint32_t>(doc.entities.size());
  e.first_mention = static_cast<uint32_t>(doc.mentions.size());
  doc.entities.push_back(e);
  for (const auto& [surface, kind] : surfaces) {
    size_t pos = 0;
    while ((pos = doc.text.find(surface, pos)) != std::string::npos) {
      const auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
      const size_t end = pos + surface.size();
      const bool bounded = (pos == 0 || !is_word(doc.text[pos - 1])) && (end >= doc.text.size() || !is_word(doc.text[end]));
      if (bounded) {
        Mention m;
        m.span = {static_cast<uint32_t>(pos), static_cast<uint32_t>(end)};
        m.entity = idx;
        m.kind = kind;
        doc.mentions.push_back(m);
      }
      pos = end;
    }
  }
}

}  // namespace ties::testing

#endif  // TIES_EXTRACT_QUOTES_QUOTE_TEST_UTIL_H_

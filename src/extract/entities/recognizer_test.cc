// recognizer_test.cc: table-driven tests for each recognition and coreference rule.
#include "extract/entities/recognizer.h"

#include <gtest/gtest.h>

#include "extract/entities/test_util.h"

namespace ties::entities {
namespace {

using testing::Analyze;
using testing::Describe;

TEST(RecognizerTest, Smoke) {
  Document doc = Analyze("Kazakh Minister of Culture and Information Aida Balayeva told Xinhua. She said so.");
  for (const std::string& d : Describe(doc)) printf("%s\n", d.c_str());
}

}  // namespace
}  // namespace ties::entities

#include "extract/events/cameo.h"
#include "testing/test_paths.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

namespace ties {
namespace {

TEST(CameoTableTest, LoadsEveryRootWithQuadClassAndPlover) {
  const std::string dir = testing::DataDir();
  Result<CameoTable> table = CameoTable::Load(dir);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  for (int root = 1; root <= 20; ++root) {
    char code[3];
    std::snprintf(code, sizeof code, "%02d", root);
    const CameoCode* c = table->Find(code);
    ASSERT_NE(c, nullptr) << code;
    EXPECT_EQ(c->quad_class, CameoQuadClass(code));
  }
  EXPECT_EQ(table->Find("051")->plover, "SUPPORT");
  EXPECT_DOUBLE_EQ(table->Find("057")->goldstein, 8.0);
  EXPECT_EQ(table->Find("0841")->code, "0841");
  EXPECT_EQ(table->Find("0849")->code, "084");  // unknown sub-code falls back to its base
  EXPECT_EQ(CameoRootCode("0841"), "08");
}

}  // namespace
}  // namespace ties

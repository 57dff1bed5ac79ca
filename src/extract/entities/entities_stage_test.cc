// entities_stage_test.cc: the stage factory and the seed article golden test.
#include "extract/entities/entities_stage.h"

#include <gtest/gtest.h>

#include "extract/entities/test_util.h"

namespace ties {
namespace {

TEST(EntitiesStageTest, FactoryLoads) {
  StageOptions options;
  options.data_dir = entities::testing::DataDir();
  auto stage = MakeEntitiesStage(options);
  ASSERT_TRUE(stage.ok()) << stage.status().ToString();
  EXPECT_EQ((*stage)->Name(), "entities");
}

}  // namespace
}  // namespace ties

// test_paths.cc: the one definition of the test data paths (test_paths.h).
#include "testing/test_paths.h"

#include <cstdlib>

namespace ties::testing {

std::string DataDir() {
  const char* env = std::getenv("TIES_DATA_DIR");
  return env != nullptr && *env != '\0' ? std::string(env) : SourcePath("data");
}

std::string SourceDir() { return TIES_TEST_SOURCE_DIR; }

std::string SourcePath(std::string_view relative) { return SourceDir() + "/" + std::string(relative); }

std::string SharedPath(std::string_view relative) {
  return std::string(TIES_TEST_SHARED_DIR) + "/" + std::string(relative);
}

}  // namespace ties::testing

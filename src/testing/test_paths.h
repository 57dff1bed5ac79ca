// test_paths.h: where tests find the repository's data, its files and the
// shared folder beside the checkout (../shared: the seed article, the eval
// sets). Part of ties_testing, which every test executable links (ties_test()
// in the top CMakeLists.txt); not part of the library.
#ifndef TIES_TESTING_TEST_PATHS_H_
#define TIES_TESTING_TEST_PATHS_H_

#include <string>
#include <string_view>

namespace ties::testing {

// The data directory stages load in tests: $TIES_DATA_DIR when set (ctest sets
// it to the checkout's data/), else <checkout>/data.
std::string DataDir();

// The checkout's root directory.
std::string SourceDir();

// A path below the checkout: SourcePath("samples/text").
std::string SourcePath(std::string_view relative);

// A path below ../shared beside the checkout: SharedPath("seed/expected.json").
// The folder may be absent; tests that need it skip with a message.
std::string SharedPath(std::string_view relative);

}  // namespace ties::testing

#endif  // TIES_TESTING_TEST_PATHS_H_

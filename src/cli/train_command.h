// train_command.h: `ties train pos|chunk|ner` (docs/tagger.md). Kept apart
// from main.cc, which only registers it.
#ifndef TIES_CLI_TRAIN_COMMAND_H_
#define TIES_CLI_TRAIN_COMMAND_H_

#include <CLI/CLI.hpp>

#include "tagger/train_driver.h"

namespace ties {

class TrainCommand {
 public:
  explicit TrainCommand(CLI::App& app);
  // When `train` was chosen, runs it, sets *exit_code and returns true.
  bool Run(int* exit_code);

 private:
  CLI::App* train_ = nullptr;
  tagger::TrainRequest request_;
  std::vector<std::string> lexicons_;  // "BIT:FILE"
};

}  // namespace ties

#endif  // TIES_CLI_TRAIN_COMMAND_H_

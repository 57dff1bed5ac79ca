// train_command.cc: see train_command.h.
#include "cli/train_command.h"

#include <cstdio>
#include <iostream>

#include "ties/stage.h"

namespace ties {
// One CLI11 option a line (issue 16: alike in shape only to main.cc's subcommands).
TrainCommand::TrainCommand(CLI::App& app) {
  train_ = app.add_subcommand("train", "Train a tagger model (pos, chunk or ner) from CoNLL JSONL");
  train_->add_option("layer", request_.layer, "pos, chunk or ner")->required();
  train_->add_option("--train", request_.train_path, "Training corpus (CoNLL JSONL, docs/tagger.md)")->required();
  train_->add_option("--out", request_.out_path, "Model file to write")->required();
  train_->add_option("--pos", request_.pos_model, "POS model (input of chunk and ner)");
  train_->add_option("--chunk", request_.chunk_model, "Chunk model (input of ner)");
  train_->add_option("--epochs", request_.epochs, "Passes over the data (default 10)");
  train_->add_option("--min-count", request_.min_feature_count, "Drop word features seen fewer times (default 1)");
  train_->add_option("--prune", request_.prune, "Do not save weights below this magnitude (default 0)");
  train_->add_option("--lexicon", lexicons_, "BIT:FILE word list (relative to the data directory), repeatable");
  train_->add_flag("--all", request_.include_held_out, "Also train on the held-out tenth (no held-out scores)");
}

bool TrainCommand::Run(int* exit_code) {
  if (!*train_) return false;
  request_.data_dir = DefaultDataDir();
  for (const std::string& spec : lexicons_) {
    const size_t colon = spec.find(':');
    if (colon == std::string::npos) {
      std::fprintf(stderr, "ties train: --lexicon wants BIT:FILE, got '%s'\n", spec.c_str());
      *exit_code = 2;
      return true;
    }
    request_.lexicons.emplace_back(std::atoi(spec.substr(0, colon).c_str()), spec.substr(colon + 1));
  }
  Status status = tagger::RunTraining(request_, std::cerr);
  if (!status.ok()) {
    std::fprintf(stderr, "ties train: %s\n", status.message().c_str());
    *exit_code = 1;
    return true;
  }
  *exit_code = 0;
  return true;
}

}  // namespace ties

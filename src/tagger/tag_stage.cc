// tag_stage.cc: see tag_stage.h. Each worker thread keeps its own word-row
// caches (TagScratch) and id buffers, so tagging allocates nothing once warm.
#include "tagger/tag_stage.h"

#include "tagger/model.h"

namespace ties {

namespace {

using tagger::Model;
using tagger::TagScratch;

class TagStage : public Stage {
 public:
  TagStage(std::unique_ptr<Model> pos, std::unique_ptr<Model> chunk) : pos_(std::move(pos)), chunk_(std::move(chunk)) {
    for (const std::string& name : pos_->spec().classes) pos_tags_.push_back(PosTagFromName(name));
    for (const std::string& name : chunk_->spec().classes) chunk_tags_.push_back(ChunkTagFromName(name));
  }

  std::string_view Name() const override { return "tag"; }
  uint32_t Requires() const override { return kFieldTokens | kFieldSentences; }
  uint32_t Assigns() const override { return kFieldTags; }

  Status Process(Document& doc) const override {
    const size_t n = doc.tokens.size();
    doc.pos.assign(n, PosTag::kNone);
    doc.chunks.assign(n, ChunkTag{});
    if (!doc.meta.language.empty() && doc.meta.language != "en") return Status::Ok();
    struct Buffers {
      TagScratch pos, chunk;
      std::vector<uint8_t> pos_ids, chunk_ids;
      std::vector<uint64_t> word_keys;
    };
    thread_local Buffers buffers;
    // Each word is hashed once for both models (the key of their word-row caches).
    buffers.word_keys.resize(n);
    for (size_t i = 0; i < n; ++i) buffers.word_keys[i] = tagger::WordTypeKey(doc.TokenText(static_cast<uint32_t>(i)));
    const uint64_t* keys = buffers.word_keys.data();
    buffers.pos_ids.assign(n, static_cast<uint8_t>(pos_->num_classes()));
    buffers.chunk_ids.assign(n, static_cast<uint8_t>(chunk_->num_classes()));
    const uint8_t* no_inputs[tagger::kMaxInputLayers] = {nullptr, nullptr};
    const uint8_t* pos_input[tagger::kMaxInputLayers] = {buffers.pos_ids.data(), nullptr};
    for (const Sentence& s : doc.sentences) {
      const uint32_t end = std::min<uint32_t>(s.end_token, static_cast<uint32_t>(n));
      if (s.first_token >= end) continue;
      pos_->Tag(doc, s.first_token, end, no_inputs, buffers.pos_ids.data(), buffers.pos, keys);
      chunk_->Tag(doc, s.first_token, end, pos_input, buffers.chunk_ids.data(), buffers.chunk, keys);
    }
    for (size_t i = 0; i < n; ++i) {
      const uint8_t p = buffers.pos_ids[i], c = buffers.chunk_ids[i];
      if (p < pos_tags_.size()) doc.pos[i] = pos_tags_[p];
      if (c < chunk_tags_.size()) doc.chunks[i] = chunk_tags_[c];
    }
    return Status::Ok();
  }

 private:
  std::unique_ptr<Model> pos_, chunk_;
  std::vector<PosTag> pos_tags_;
  std::vector<ChunkTag> chunk_tags_;
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeTagStage(const StageOptions& options) {
  const std::string dir = options.data_dir + "/en/tagger/";
  Result<std::unique_ptr<Model>> pos = Model::Load(dir + "pos.model", options.data_dir);
  if (!pos.ok()) return pos.status();
  Result<std::unique_ptr<Model>> chunk = Model::Load(dir + "chunk.model", options.data_dir);
  if (!chunk.ok()) return chunk.status();
  if (chunk.value()->spec().inputs.size() != 1 || chunk.value()->spec().inputs[0] != pos.value()->spec().classes) {
    return Status::InvalidArgument("tagger model " + dir + "chunk.model: its input classes are not pos.model's classes");
  }
  return std::unique_ptr<Stage>(new TagStage(std::move(pos).value(), std::move(chunk).value()));
}

}  // namespace ties

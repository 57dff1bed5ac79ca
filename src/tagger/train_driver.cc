// train_driver.cc: see train_driver.h.
#include "tagger/train_driver.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>

#include "tagger/corpus.h"
#include "tagger/model.h"
#include "tagger/trainer.h"

namespace ties::tagger {

namespace {

Layer LayerOf(const std::string& name) {
  return name == "pos" ? Layer::kPos : name == "chunk" ? Layer::kChunk : Layer::kNer;
}

// Class ids of `labels` under `classes` (unknown -> classes.size()).
std::vector<uint8_t> Ids(const std::vector<std::string>& labels, const std::vector<std::string>& classes) {
  std::map<std::string_view, uint8_t> index;
  for (size_t k = 0; k < classes.size(); ++k) index[classes[k]] = static_cast<uint8_t>(k);
  std::vector<uint8_t> out(labels.size(), static_cast<uint8_t>(classes.size()));
  for (size_t i = 0; i < labels.size(); ++i) {
    auto it = index.find(labels[i]);
    if (it != index.end()) out[i] = it->second;
  }
  return out;
}

// Runs `model` over every sentence of `doc`.
std::vector<uint8_t> Predict(const Model& model, const Document& doc, const uint8_t* const* inputs,
                             TagScratch& scratch) {
  std::vector<uint8_t> out(doc.tokens.size(), static_cast<uint8_t>(model.num_classes()));
  for (const Sentence& s : doc.sentences) model.Tag(doc, s.first_token, s.end_token, inputs, out.data(), scratch);
  return out;
}

struct Prepared {
  LabeledDocument* doc;
  std::vector<uint8_t> gold;
  std::vector<uint8_t> train_inputs[kMaxInputLayers];  // gold input tags
  std::vector<uint8_t> test_inputs[kMaxInputLayers];   // predicted input tags
};

}  // namespace

Status RunTraining(const TrainRequest& request, std::ostream& log) {
  if (request.layer != "pos" && request.layer != "chunk" && request.layer != "ner") {
    return Status::InvalidArgument("train: layer must be pos, chunk or ner (got '" + request.layer + "')");
  }
  const Layer layer = LayerOf(request.layer);
  std::vector<std::unique_ptr<Model>> input_models;
  std::vector<Layer> input_layers;
  // The chunk model reads POS tags; the name model reads them (and chunks) only when given, so that it
  // can run without the tag stage.
  if (layer == Layer::kChunk && request.pos_model.empty()) return Status::InvalidArgument("train chunk: needs --pos MODEL");
  if (layer == Layer::kNer && !request.chunk_model.empty() && request.pos_model.empty()) {
    return Status::InvalidArgument("train ner: --chunk needs --pos MODEL");
  }
  if (!request.pos_model.empty() && layer != Layer::kPos) {
    Result<std::unique_ptr<Model>> pos = Model::Load(request.pos_model, request.data_dir);
    if (!pos.ok()) return pos.status();
    input_models.push_back(std::move(pos).value());
    input_layers.push_back(Layer::kPos);
  }
  if (layer == Layer::kNer && !request.chunk_model.empty()) {
    Result<std::unique_ptr<Model>> chunk = Model::Load(request.chunk_model, request.data_dir);
    if (!chunk.ok()) return chunk.status();
    input_models.push_back(std::move(chunk).value());
    input_layers.push_back(Layer::kChunk);
  }

  Result<std::vector<LabeledDocument>> corpus = ReadConllJsonl(request.train_path);
  if (!corpus.ok()) return corpus.status();
  std::vector<LabeledDocument>& docs = corpus.value();

  ModelSpec spec;
  spec.kind = request.layer;
  for (const auto& m : input_models) spec.inputs.push_back(m->spec().classes);
  {
    std::vector<std::string> classes;
    for (const LabeledDocument& d : docs) {
      for (const std::string& l : d.labels[static_cast<int>(layer)]) {
        if (!l.empty()) classes.push_back(l);
      }
    }
    std::sort(classes.begin(), classes.end());
    classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
    spec.classes = std::move(classes);
  }

  std::vector<Prepared> train, test;
  std::vector<std::unique_ptr<TagScratch>> scratch;
  for (size_t m = 0; m < input_models.size(); ++m) scratch.push_back(std::make_unique<TagScratch>());
  size_t train_tokens = 0;
  for (LabeledDocument& d : docs) {
    const bool held_out = !request.include_held_out && IsHeldOut(d.doc.meta.id);
    Prepared p{&d, Ids(d.labels[static_cast<int>(layer)], spec.classes), {}, {}};
    const uint8_t* predicted[kMaxInputLayers] = {nullptr, nullptr};
    for (size_t m = 0; m < input_models.size(); ++m) {
      p.train_inputs[m] = Ids(d.labels[static_cast<int>(input_layers[m])], input_models[m]->spec().classes);
      if (held_out) {
        p.test_inputs[m] = Predict(*input_models[m], d.doc, predicted, *scratch[m]);
        predicted[m] = p.test_inputs[m].data();
      }
    }
    if (!held_out) train_tokens += d.doc.tokens.size();
    (held_out ? test : train).push_back(std::move(p));
  }
  log << "train " << request.layer << ": " << train.size() << " documents (" << train_tokens << " tokens), "
      << test.size() << " held out; " << spec.classes.size() << " classes\n";

  std::vector<Example> examples;
  for (const Prepared& p : train) {
    for (const Sentence& s : p.doc->doc.sentences) {
      Example ex;
      ex.doc = &p.doc->doc;
      ex.begin = s.first_token;
      ex.end = s.end_token;
      ex.gold = p.gold.data();
      for (size_t m = 0; m < input_models.size(); ++m) ex.inputs[m] = p.train_inputs[m].data();
      examples.push_back(ex);
    }
  }

  auto evaluate = [&](int epoch, const Model& model) {
    if (test.empty()) return;
    TagScratch s;
    Scores scores;
    for (const Prepared& p : test) {
      const uint8_t* inputs[kMaxInputLayers] = {nullptr, nullptr};
      for (size_t m = 0; m < input_models.size(); ++m) inputs[m] = p.test_inputs[m].data();
      const std::vector<uint8_t> out = Predict(model, p.doc->doc, inputs, s);
      const auto& gold = p.doc->labels[static_cast<int>(layer)];
      for (const Sentence& sentence : p.doc->doc.sentences) {
        std::vector<std::string_view> g, pr;
        for (uint32_t i = sentence.first_token; i < sentence.end_token; ++i) {
          g.push_back(gold[i]);
          pr.push_back(out[i] < spec.classes.size() ? std::string_view(spec.classes[out[i]]) : std::string_view());
        }
        scores.Add(g, pr);
      }
    }
    char line[200];
    std::snprintf(line, sizeof(line), "epoch %d: held-out accuracy %.4f, span P %.4f R %.4f F1 %.4f (%zu tokens)\n",
                  epoch, scores.Accuracy(), scores.Precision(), scores.Recall(), scores.F1(), scores.tokens);
    log << line << std::flush;
  };

  TrainOptions options;
  options.epochs = request.epochs;
  options.min_feature_count = request.min_feature_count;
  Result<std::unique_ptr<Model>> model =
      Train(spec, request.lexicons, request.data_dir, examples, options, evaluate);
  if (!model.ok()) return model.status();
  TIES_RETURN_IF_ERROR(model.value()->Save(request.out_path, request.prune));
  // Score what was written (pruned and quantised), as the tagger will load it.
  Result<std::unique_ptr<Model>> saved = Model::Load(request.out_path, request.data_dir);
  if (!saved.ok()) return saved.status();
  log << "wrote " << request.out_path << " (" << saved.value()->num_features() << " features)\n";
  evaluate(0, *saved.value());
  return Status::Ok();
}

}  // namespace ties::tagger

// tagger_test.cc: the sequence model, its trainer and its file format.
#include <gtest/gtest.h>

#include <cstdio>
#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "tagger/corpus.h"
#include "tagger/model.h"
#include "tagger/trainer.h"

namespace ties::tagger {
namespace {

std::string TempPath(const std::string& name) { return ::testing::TempDir() + "/tagger_test_" + name; }

// Invented sentences: determiners, nouns and verbs of a made-up register.
std::vector<std::vector<GoldToken>> TinyCorpus() {
  std::vector<std::vector<GoldToken>> out;
  const char* nouns[] = {"zorb", "flink", "quarm", "dabble"};
  const char* verbs[] = {"glimmed", "sprocked", "twanned"};
  for (const char* n1 : nouns) {
    for (const char* v : verbs) {
      for (const char* n2 : nouns) {
        out.push_back({{"the", "DT", "B-NP", "O"}, {n1, "NN", "I-NP", "O"}, {v, "VBD", "B-VP", "O"},
                       {"a", "DT", "B-NP", "O"}, {n2, "NN", "I-NP", "O"}, {".", ".", "O", "O"}});
      }
    }
  }
  return out;
}

std::unique_ptr<Model> TrainTiny(const LabeledDocument& doc, int layer, std::vector<uint8_t>& gold) {
  ModelSpec spec;
  spec.kind = "test";
  for (const std::string& l : doc.labels[layer]) {
    if (std::find(spec.classes.begin(), spec.classes.end(), l) == spec.classes.end()) spec.classes.push_back(l);
  }
  gold.clear();
  for (const std::string& l : doc.labels[layer]) {
    gold.push_back(static_cast<uint8_t>(std::find(spec.classes.begin(), spec.classes.end(), l) - spec.classes.begin()));
  }
  std::vector<Example> examples;
  for (const Sentence& s : doc.doc.sentences) {
    Example ex;
    ex.doc = &doc.doc;
    ex.begin = s.first_token;
    ex.end = s.end_token;
    ex.gold = gold.data();
    examples.push_back(ex);
  }
  TrainOptions options;
  options.epochs = 5;
  Result<std::unique_ptr<Model>> model = Train(spec, {}, "", examples, options);
  EXPECT_TRUE(model.ok()) << model.status().message();
  return std::move(model).value();
}

std::vector<std::string> TagWords(const Model& model, const std::vector<GoldToken>& words) {
  LabeledDocument doc = MakeLabeledDocument("t", {words});
  std::vector<uint8_t> out(doc.doc.tokens.size(), 0);
  TagScratch scratch;
  const uint8_t* inputs[kMaxInputLayers] = {nullptr, nullptr};
  model.Tag(doc.doc, 0, static_cast<uint32_t>(doc.doc.tokens.size()), inputs, out.data(), scratch);
  std::vector<std::string> names;
  for (uint8_t id : out) names.push_back(model.spec().classes[id]);
  return names;
}

TEST(TaggerTrainer, LearnsInventedSentences) {
  LabeledDocument doc = MakeLabeledDocument("tiny", TinyCorpus());
  std::vector<uint8_t> gold;
  std::unique_ptr<Model> pos = TrainTiny(doc, 0, gold);
  // A new combination of the invented words, and an unseen noun in a known frame.
  EXPECT_EQ(TagWords(*pos, {{"the", "", "", ""}, {"dabble", "", "", ""}, {"twanned", "", "", ""},
                            {"a", "", "", ""}, {"zorb", "", "", ""}, {".", "", "", ""}}),
            (std::vector<std::string>{"DT", "NN", "VBD", "DT", "NN", "."}));
  std::unique_ptr<Model> chunk = TrainTiny(doc, 1, gold);
  EXPECT_EQ(TagWords(*chunk, {{"the", "", "", ""}, {"quarm", "", "", ""}, {"sprocked", "", "", ""},
                              {"a", "", "", ""}, {"flink", "", "", ""}, {".", "", "", ""}}),
            (std::vector<std::string>{"B-NP", "I-NP", "B-VP", "B-NP", "I-NP", "O"}));
}

TEST(TaggerTrainer, Deterministic) {
  LabeledDocument doc = MakeLabeledDocument("tiny", TinyCorpus());
  std::vector<uint8_t> gold;
  std::unique_ptr<Model> a = TrainTiny(doc, 0, gold);
  std::unique_ptr<Model> b = TrainTiny(doc, 0, gold);
  ASSERT_TRUE(a->Save(TempPath("a.model"), 0).ok());
  ASSERT_TRUE(b->Save(TempPath("b.model"), 0).ok());
  std::ifstream fa(TempPath("a.model"), std::ios::binary), fb(TempPath("b.model"), std::ios::binary);
  const std::string sa((std::istreambuf_iterator<char>(fa)), {}), sb((std::istreambuf_iterator<char>(fb)), {});
  EXPECT_FALSE(sa.empty());
  EXPECT_EQ(sa, sb);
}

TEST(TaggerModel, SaveLoadKeepsTags) {
  LabeledDocument doc = MakeLabeledDocument("tiny", TinyCorpus());
  std::vector<uint8_t> gold;
  std::unique_ptr<Model> pos = TrainTiny(doc, 0, gold);
  ASSERT_TRUE(pos->Save(TempPath("pos.model"), 0).ok());
  Result<std::unique_ptr<Model>> loaded = Model::Load(TempPath("pos.model"), "");
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const std::vector<GoldToken> s = {{"a", "", "", ""}, {"flink", "", "", ""}, {"glimmed", "", "", ""}, {".", "", "", ""}};
  EXPECT_EQ(TagWords(**loaded, s), TagWords(*pos, s));
}

TEST(TaggerModel, MissingFileNamesPathAndReason) {
  Result<std::unique_ptr<Model>> m = Model::Load(TempPath("does_not_exist.model"), "");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("does_not_exist.model"), std::string::npos);
  EXPECT_NE(m.status().message().find("cannot open"), std::string::npos);
}

TEST(TaggerModel, CorruptFileNamesPathAndReason) {
  LabeledDocument doc = MakeLabeledDocument("tiny", TinyCorpus());
  std::vector<uint8_t> gold;
  ASSERT_TRUE(TrainTiny(doc, 0, gold)->Save(TempPath("good.model"), 0).ok());
  // An uncompressed copy with one byte flipped: the checksum catches it.
  gzFile gz = gzopen(TempPath("good.model").c_str(), "rb");
  std::string data(1 << 20, '\0');
  data.resize(gzread(gz, data.data(), static_cast<unsigned>(data.size())));
  gzclose(gz);
  data[data.size() / 2] ^= 0x55;
  std::ofstream(TempPath("flipped.model"), std::ios::binary) << data;
  Result<std::unique_ptr<Model>> m = Model::Load(TempPath("flipped.model"), "");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("flipped.model"), std::string::npos);
  EXPECT_NE(m.status().message().find("checksum"), std::string::npos);
  std::ofstream(TempPath("junk.model"), std::ios::binary) << "not a model at all";
  m = Model::Load(TempPath("junk.model"), "");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("junk.model"), std::string::npos);
}

// Invented prose plus 40,000 made-up word types (more than the word-row cache
// holds, so entries are evicted and refilled), in sentences of 25 words.
std::vector<std::vector<GoldToken>> FastPathCorpus() {
  std::vector<std::vector<GoldToken>> out;
  const char* prose[] = {
      "The minister said on Tuesday that the new bridge would open in May .",
      "Officials in Almaty didn't comment , but a spokesman for the ministry said exports rose 5 percent .",
      "\u201cWe will not sign ,\u201d Maria Lopez told reporters \u2014 then left the UN building .",
      "SHARES IN ACME CORP FELL 12.5 PERCENT ON MONDAY AFTER A PROFIT WARNING ."};
  for (const char* line : prose) {
    std::vector<GoldToken> s;
    std::string_view rest(line);
    while (!rest.empty()) {
      const size_t sp = rest.find(' ');
      s.push_back({std::string(rest.substr(0, sp)), "", "", ""});
      rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
    }
    out.push_back(s);
  }
  const char* syllables[] = {"ka", "zor", "mi", "ten", "vu", "lop", "dra", "si", "nek", "ul", "pra", "go"};
  std::vector<GoldToken> s;
  for (int n = 0; n < 40000; ++n) {
    std::string word;
    for (int k = n; word.empty() || k > 0; k /= 12) word += syllables[k % 12];
    if (n % 3 == 0) word[0] = static_cast<char>(word[0] - 32);
    if (n % 7 == 0) word += "-" + std::to_string(n % 100);
    s.push_back({word, "", "", ""});
    if (s.size() == 25) out.push_back(std::move(s)), s.clear();
  }
  return out;
}

TEST(TaggerModel, FastPathGivesThePlainScorersTags) {
  const std::string data = std::getenv("TIES_DATA_DIR") ? std::getenv("TIES_DATA_DIR")
                                                        : std::string(TIES_TEST_SOURCE_DIR) + "/data";
  Result<std::unique_ptr<Model>> pos = Model::Load(data + "/en/tagger/pos.model", data);
  Result<std::unique_ptr<Model>> chunk = Model::Load(data + "/en/tagger/chunk.model", data);
  Result<std::unique_ptr<Model>> ner = Model::Load(data + "/en/tagger/ner.model", data);
  ASSERT_TRUE(pos.ok() && chunk.ok() && ner.ok());
  const LabeledDocument doc = MakeLabeledDocument("fast", FastPathCorpus());
  const size_t n = doc.doc.tokens.size();
  std::vector<uint8_t> pos_fast(n), pos_plain(n), chunk_fast(n), chunk_plain(n), ner_fast(n), ner_plain(n);
  const uint8_t* none[kMaxInputLayers] = {nullptr, nullptr};
  const uint8_t* pos_in[kMaxInputLayers] = {pos_fast.data(), nullptr};
  TagScratch scratch;  // one scratch for all three models: it must reset itself between them
  for (int pass = 0; pass < 2; ++pass) {  // the second pass meets a warm (and evicted) cache
    for (const Sentence& s : doc.doc.sentences) {
      (*pos)->Tag(doc.doc, s.first_token, s.end_token, none, pos_fast.data(), scratch);
      (*pos)->TagPlain(doc.doc, s.first_token, s.end_token, none, pos_plain.data());
      (*chunk)->Tag(doc.doc, s.first_token, s.end_token, pos_in, chunk_fast.data(), scratch);
      (*chunk)->TagPlain(doc.doc, s.first_token, s.end_token, pos_in, chunk_plain.data());
      (*ner)->Tag(doc.doc, s.first_token, s.end_token, none, ner_fast.data(), scratch);
      (*ner)->TagPlain(doc.doc, s.first_token, s.end_token, none, ner_plain.data());
    }
    ASSERT_GT(n, 40000u);
    EXPECT_EQ(pos_fast, pos_plain);
    EXPECT_EQ(chunk_fast, chunk_plain);
    EXPECT_EQ(ner_fast, ner_plain);
  }
  // Not all one tag: the comparison means something.
  EXPECT_GT(std::count(pos_fast.begin(), pos_fast.end(), pos_fast[0]), 0);
  EXPECT_NE(std::count(pos_fast.begin(), pos_fast.end(), pos_fast[0]), static_cast<long>(n));
}

TEST(TaggerCorpus, RejoinsConllSpacingAndAligns) {
  LabeledDocument doc = MakeLabeledDocument(
      "x", {{{"Germany", "NNP", "B-NP", "B-LOC"}, {"'s", "POS", "B-NP", "O"}, {"envoy", "NN", "I-NP", "O"},
             {"did", "VBD", "B-VP", "O"}, {"n't", "RB", "I-VP", "O"}, {"go", "VB", "I-VP", "O"},
             {"(", "(", "O", "O"}, {"BSE", "NNP", "B-NP", "B-MISC"}, {")", ")", "O", "O"}, {".", ".", "O", "O"}}});
  EXPECT_EQ(doc.doc.text, "Germany's envoy didn't go (BSE).");
  std::vector<std::string> words;
  for (size_t i = 0; i < doc.doc.tokens.size(); ++i) words.emplace_back(doc.doc.TokenText(i));
  ASSERT_EQ(words, (std::vector<std::string>{"Germany", "'s", "envoy", "didn't", "go", "(", "BSE", ")", "."}));
  EXPECT_EQ(doc.labels[0][3], "VBD");  // "didn't" takes its first gold token's tag
  EXPECT_EQ(doc.labels[2][0], "B-LOC");
  ASSERT_EQ(doc.doc.sentences.size(), 1u);
}

TEST(TaggerCorpus, HeldOutIsEveryTenthDocument) {
  EXPECT_TRUE(IsHeldOut("conllpp_train/doc0009"));
  EXPECT_TRUE(IsHeldOut("conllpp_train/doc0119"));
  EXPECT_FALSE(IsHeldOut("conllpp_train/doc0010"));
}

TEST(TaggerScores, SpanF1) {
  Scores s;
  s.Add({"B-NP", "I-NP", "B-VP", "O"}, {"B-NP", "I-NP", "B-VP", "B-NP"});
  EXPECT_EQ(s.gold_spans, 2u);
  EXPECT_EQ(s.predicted_spans, 3u);
  EXPECT_EQ(s.matched_spans, 2u);
  EXPECT_DOUBLE_EQ(s.Accuracy(), 0.75);
}

}  // namespace
}  // namespace ties::tagger

// corpus.cc: see corpus.h.
#include "tagger/corpus.h"

#include <simdjson.h>

#include <algorithm>
#include <fstream>

#include "tagger/features.h"
#include "text/tokenizer.h"

namespace ties::tagger {

namespace {

bool NoSpaceBefore(std::string_view t) {
  static constexpr std::string_view kAttached[] = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "'s", "'S",
                                                   "n't", "N'T", "'re", "'ve", "'ll", "'d", "'m", "'", "...",
                                                   "'RE", "'VE", "'LL", "'D", "'M"};
  return std::find(std::begin(kAttached), std::end(kAttached), t) != std::end(kAttached);
}

bool NoSpaceAfter(std::string_view t) { return t == "(" || t == "[" || t == "{"; }

bool IsChunkOrNameInside(std::string_view label) { return label.size() > 2 && label[1] == '-'; }

std::string Continuation(const std::string& label) {
  return IsChunkOrNameInside(label) ? "I-" + label.substr(2) : label;
}

}  // namespace

LabeledDocument MakeLabeledDocument(std::string id, const std::vector<std::vector<GoldToken>>& sentences) {
  LabeledDocument out;
  Document& doc = out.doc;
  doc.meta.id = std::move(id);
  doc.meta.language = "en";
  struct Placed {
    uint32_t begin, end;
    const GoldToken* token;
  };
  std::vector<Placed> placed;
  std::vector<std::pair<uint32_t, uint32_t>> sentence_bytes;
  for (const auto& sentence : sentences) {
    if (!doc.text.empty()) doc.text += '\n';
    const uint32_t sentence_begin = static_cast<uint32_t>(doc.text.size());
    bool open_quote = false, glue_next = true;
    for (const GoldToken& t : sentence) {
      bool glue = glue_next || NoSpaceBefore(t.text);
      glue_next = NoSpaceAfter(t.text);
      if (t.text == "\"") {
        open_quote = !open_quote;
        if (open_quote) {
          glue_next = true;
        } else {
          glue = true;
        }
      }
      if (!glue) doc.text += ' ';
      const uint32_t b = static_cast<uint32_t>(doc.text.size());
      doc.text += t.text;
      placed.push_back({b, static_cast<uint32_t>(doc.text.size()), &t});
    }
    sentence_bytes.emplace_back(sentence_begin, static_cast<uint32_t>(doc.text.size()));
  }
  Tokenize(doc.text, doc.tokens);
  for (auto& layer : out.labels) layer.assign(doc.tokens.size(), "");
  size_t g = 0;
  for (size_t i = 0; i < doc.tokens.size(); ++i) {
    const Span span = doc.tokens[i].span;
    while (g + 1 < placed.size() && placed[g].end <= span.begin) ++g;
    if (g >= placed.size()) break;
    const GoldToken& gold = *placed[g].token;
    const bool continuation = span.begin > placed[g].begin;
    out.labels[0][i] = gold.pos;
    out.labels[1][i] = continuation ? Continuation(gold.chunk) : gold.chunk;
    out.labels[2][i] = continuation ? Continuation(gold.ner) : gold.ner;
  }
  size_t token = 0;
  for (const auto& [b, e] : sentence_bytes) {
    while (token < doc.tokens.size() && doc.tokens[token].span.begin < b) ++token;
    Sentence s;
    s.first_token = static_cast<uint32_t>(token);
    while (token < doc.tokens.size() && doc.tokens[token].span.begin < e) ++token;
    s.end_token = static_cast<uint32_t>(token);
    if (s.end_token == s.first_token) continue;
    s.span = Span{doc.tokens[s.first_token].span.begin, doc.tokens[s.end_token - 1].span.end};
    doc.sentences.push_back(s);
  }
  return out;
}

Result<std::vector<LabeledDocument>> ReadConllJsonl(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::vector<LabeledDocument> docs;
  simdjson::dom::parser parser;
  std::string line;
  size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty()) continue;
    auto bad = [&](const std::string& why) {
      return Status::ParseError(path + ":" + std::to_string(line_number) + ": " + why);
    };
    simdjson::dom::element root;
    if (parser.parse(line).get(root) != simdjson::SUCCESS) return bad("not JSON");
    std::string_view id, text;
    simdjson::dom::array tokens, sentences;
    if (root["id"].get(id) || root["text"].get(text) || root["tokens"].get(tokens) ||
        root["sentences"].get(sentences)) {
      return bad("needs id, text, tokens and sentences");
    }
    struct Raw {
      uint64_t begin, end;
      GoldToken token;
    };
    std::vector<Raw> raw;
    for (simdjson::dom::element t : tokens) {
      simdjson::dom::array a;
      if (t.get(a) || a.size() < 5) return bad("a token is not [start, end, POS, CHUNK, NER]");
      Raw r;
      std::string_view pos, chunk, ner;
      if (a.at(0).get(r.begin) || a.at(1).get(r.end) || a.at(2).get(pos) || a.at(3).get(chunk) ||
          a.at(4).get(ner) || r.end > text.size() || r.begin >= r.end) {
        return bad("bad token");
      }
      r.token = GoldToken{std::string(text.substr(r.begin, r.end - r.begin)), std::string(pos), std::string(chunk),
                          std::string(ner)};
      raw.push_back(std::move(r));
    }
    std::vector<std::vector<GoldToken>> grouped;
    size_t next = 0;
    for (simdjson::dom::element s : sentences) {
      simdjson::dom::array a;
      uint64_t sb = 0, se = 0;
      if (s.get(a) || a.size() < 2 || a.at(0).get(sb) || a.at(1).get(se)) return bad("bad sentence");
      std::vector<GoldToken> sentence;
      while (next < raw.size() && raw[next].begin < se) {
        if (raw[next].begin >= sb) sentence.push_back(raw[next].token);
        ++next;
      }
      if (!sentence.empty()) grouped.push_back(std::move(sentence));
    }
    docs.push_back(MakeLabeledDocument(std::string(id), grouped));
  }
  return docs;
}

bool IsHeldOut(std::string_view id) {
  size_t end = id.size(), begin = end;
  while (begin > 0 && id[begin - 1] >= '0' && id[begin - 1] <= '9') --begin;
  if (begin < end && end - begin < 18) {
    uint64_t n = 0;
    for (size_t i = begin; i < end; ++i) n = n * 10 + static_cast<uint64_t>(id[i] - '0');
    return n % 10 == 9;
  }
  return HashBytes(id, 10) % 10 == 9;
}

void Scores::Add(const std::vector<std::string_view>& gold, const std::vector<std::string_view>& predicted,
                 std::string_view type_filter) {
  const size_t n = std::min(gold.size(), predicted.size());
  for (size_t i = 0; i < n; ++i) {
    ++tokens;
    if (gold[i] == predicted[i]) ++correct;
  }
  // Spans as (begin, end, type); an I-X that does not continue X starts a span.
  auto spans = [&](const std::vector<std::string_view>& labels) {
    std::vector<std::tuple<size_t, size_t, std::string_view>> out;
    for (size_t i = 0; i < n; ++i) {
      const std::string_view l = labels[i];
      if (l.size() < 3 || l[1] != '-') continue;
      const std::string_view type = l.substr(2);
      const bool continues = l[0] == 'I' && !out.empty() && std::get<1>(out.back()) == i &&
                             std::get<2>(out.back()) == type;
      if (continues) {
        std::get<1>(out.back()) = i + 1;
      } else {
        out.emplace_back(i, i + 1, type);
      }
    }
    if (!type_filter.empty()) {
      std::erase_if(out, [&](const auto& s) { return std::get<2>(s) != type_filter; });
    }
    return out;
  };
  const auto g = spans(gold), p = spans(predicted);
  gold_spans += g.size();
  predicted_spans += p.size();
  for (const auto& s : p) {
    if (std::find(g.begin(), g.end(), s) != g.end()) ++matched_spans;
  }
}

}  // namespace ties::tagger

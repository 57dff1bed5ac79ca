// themes_stage.cc: the "themes" stage: a ranked list of themes with evidence counts.
//
// The taxonomy and its phrases live in data/<lang>/themes/themes.tsv. Phrases are
// matched over lowercased tokens with one PhraseMatcher (longest phrase at each
// position, each token counted once). A theme's score is its weighted hit count
// per 1,000 words of the article, so scores compare across articles; the list is
// sorted by score, then count, then name.
//
// Evidence threshold (precision): a theme is kept only with at least two hits, or
// one hit of a multi-word phrase ("visa exemption", "world cup"). One "team" or
// one "campaign" in a health story says nothing about sports or elections. The
// pseudo-theme "-" lists stop phrases that consume their words and count for
// nothing ("vaccination campaign", "health workers", "told reporters").
#include "extract/themes/themes_stage.h"

#include <algorithm>

#include "common/data_file.h"
#include "lexicon/phrase_matcher.h"
#include "lexicon/words.h"

namespace ties {

namespace {

struct ThemeDef {
  std::string name;
  double weight = 1;
  bool stop = false;  // "-": stop phrases, never reported
};

constexpr uint32_t kMinHits = 2;  // hits needed unless one of them is a multi-word phrase

class ThemesStage : public Stage {
 public:
  std::string_view Name() const override { return "themes"; }
  uint32_t Requires() const override { return kFieldTokens; }
  uint32_t Assigns() const override { return kFieldThemes; }

  Status Load(const std::string& data_dir) {
    return ReadTsv(data_dir + "/en/themes/themes.tsv", [&](const std::vector<std::string_view>& cols, int) {
      if (cols.size() < 3) return Status::ParseError("expected name, weight, phrases");
      if (cols[0] == "+plural") {  // "+plural<TAB>s<TAB>s|y": the plural suffix, and the endings it skips
        plural_suffix_ = std::string(cols[1]);
        plural_skip_endings_.clear();
        for (std::string_view e : SplitList(cols[2], '|')) plural_skip_endings_.emplace_back(e);
        return Status::Ok();
      }
      ThemeDef def;
      def.name = std::string(cols[0]);
      def.stop = def.name == "-";
      def.weight = std::strtod(std::string(cols[1]).c_str(), nullptr);
      if (def.weight <= 0) return Status::ParseError("bad weight for theme " + def.name);
      themes_.push_back(def);
      const uint32_t id = static_cast<uint32_t>(themes_.size() - 1);
      for (std::string_view phrase : SplitList(cols[2], '|')) {
        TIES_RETURN_IF_ERROR(matcher_.Add(phrase, id));
        // Plural of the last word ("exhibition" -> "exhibitions").
        if (!plural_suffix_.empty() && !EndsWithAny(phrase, plural_skip_endings_)) {
          TIES_RETURN_IF_ERROR(matcher_.Add(std::string(phrase) + plural_suffix_, id));
        }
      }
      return Status::Ok();
    });
  }

  Status Process(Document& doc) const override {
    doc.themes.clear();
    if (doc.tokens.empty()) return Status::Ok();
    const lex::LowerText& lower = lex::LowerText::Shared(doc);
    std::vector<uint32_t> counts(themes_.size(), 0);
    std::vector<uint8_t> phrase_hit(themes_.size(), 0);
    uint32_t words = 0;
    const auto no_gap = [](uint32_t) { return false; };
    const uint32_t n = static_cast<uint32_t>(doc.tokens.size());
    for (uint32_t i = 0; i < n;) {
      if (!doc.tokens[i].Has(kTokPunct)) ++words;
      lex::PhraseMatcher::Match m;
      if (matcher_.StartsPhrase(lower.hash(i)) && matcher_.LongestAt(doc, lower, i, n, no_gap, &m)) {
        ++counts[m.payload];
        if (m.end - m.begin > 1) phrase_hit[m.payload] = 1;
        for (uint32_t k = i + 1; k < m.end; ++k) words += doc.tokens[k].Has(kTokPunct) ? 0 : 1;
        i = m.end;
      } else {
        ++i;
      }
    }
    for (size_t t = 0; t < themes_.size(); ++t) {
      if (counts[t] == 0 || themes_[t].stop) continue;
      if (counts[t] < kMinHits && !phrase_hit[t]) continue;
      Theme theme;
      theme.name = themes_[t].name;
      theme.count = counts[t];
      theme.score = counts[t] * themes_[t].weight * 1000.0 / std::max<uint32_t>(words, 1);
      doc.themes.push_back(std::move(theme));
    }
    std::sort(doc.themes.begin(), doc.themes.end(), [](const Theme& a, const Theme& b) {
      if (a.score != b.score) return a.score > b.score;
      if (a.count != b.count) return a.count > b.count;
      return a.name < b.name;
    });
    return Status::Ok();
  }

 private:
  static bool EndsWithAny(std::string_view phrase, const std::vector<std::string>& endings) {
    for (const std::string& e : endings) {
      if (phrase.size() >= e.size() && phrase.compare(phrase.size() - e.size(), e.size(), e) == 0) return true;
    }
    return false;
  }

  std::vector<ThemeDef> themes_;
  lex::PhraseMatcher matcher_;
  std::string plural_suffix_;                    // "s" (from the file's "+plural" row); "" adds no plurals
  std::vector<std::string> plural_skip_endings_;  // phrases ending so get no plural ("visas", "economy")
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeThemesStage(const StageOptions& options) {
  auto stage = std::make_unique<ThemesStage>();
  Status st = stage->Load(options.data_dir);
  if (!st.ok()) return st;
  return std::unique_ptr<Stage>(std::move(stage));
}

}  // namespace ties

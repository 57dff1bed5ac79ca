// native_speech_test.cc: speakers of direct quotes in Russian, Kazakh and
// Chinese (native_speech.h), through the quotes stage and the repository's data.
#include "extract/quotes/native_speech.h"

#include <gtest/gtest.h>

#include "extract/quotes/quote_test_util.h"

namespace ties {
namespace {

struct SpeechCase {
  std::string lang, text;
  std::vector<std::pair<std::string, std::string>> quotes;  // content, speaker
};

std::vector<std::pair<std::string, std::string>> QuotesOf(const std::string& lang, const std::string& text) {
  Document doc = testing::Segmented(text);
  doc.meta.language = lang;
  EXPECT_TRUE(testing::QuotesStage().Process(doc).ok());
  std::vector<std::pair<std::string, std::string>> out;
  for (const Quote& q : doc.quotes) out.emplace_back(std::string(doc.View(q.span)), q.speaker_name);
  return out;
}

TEST(NativeSpeechTest, FindsSpeakersInEachLanguage) {
  const SpeechCase cases[] = {
      {"ru", "«Мы рады новым рейсам», — сказала Балаева журналистам.", {{"Мы рады новым рейсам", "Балаева"}}},
      {"ru", "Министр Аида Балаева заявила: «Обмены будут расти».", {{"Обмены будут расти", "Аида Балаева"}}},
      {"ru", "«Первая цитата», — сказал Иван Петров. «Вторая цитата», — добавил он.",
       {{"Первая цитата", "Иван Петров"}, {"Вторая цитата", "Иван Петров"}}},
      {"ru", "Так называемый «прорыв» не случился.", {}},
      {"kk", "«Көрме сәтті өтті», – деді Аида Балаева.", {{"Көрме сәтті өтті", "Аида Балаева"}}},
      {"kk", "«Бұл үлкен мүмкіндік», – деп мәлімдеді Балаева.", {{"Бұл үлкен мүмкіндік", "Балаева"}}},
      {"zh", "巴拉耶娃说：“两国合作很好。”", {{"两国合作很好。", "巴拉耶娃"}}},
      {"zh", "文化部长巴拉耶娃强调：“交流很重要。”她指出：“游客增多了。”",
       {{"交流很重要。", "巴拉耶娃"}, {"游客增多了。", "巴拉耶娃"}}},
  };
  for (const auto& c : cases) EXPECT_EQ(QuotesOf(c.lang, c.text), c.quotes) << c.text;
}

TEST(NativeSpeechTest, FindsReportedSpeechOpeners) {
  const SpeechCase cases[] = {
      {"ru", "По словам Аиды Балаевой, число туристов выросло.", {{"число туристов выросло", "Аиды Балаевой"}}},
      {"ru", "«Мы рады», — сказала Балаева. По её словам, рейсов стало больше.",
       {{"Мы рады", "Балаева"}, {"рейсов стало больше", "Балаева"}}},
      {"kk", "«Көрме ашылды», – деді Аида Балаева. Министрдің айтуынша, туристер көбейді.",
       {{"Көрме ашылды", "Аида Балаева"}, {"туристер көбейді", "Аида Балаева"}}},
      {"zh", "据巴拉耶娃称，两国媒体合作取得成果。", {{"两国媒体合作取得成果", "巴拉耶娃"}}},
      {"ru", "По данным ведомства, число выросло.", {}},
  };
  for (const auto& c : cases) EXPECT_EQ(QuotesOf(c.lang, c.text), c.quotes) << c.text;
}

TEST(NativeSpeechTest, EnglishKeepsTheEnglishAttribution) {
  const auto quotes = QuotesOf("en", "\"We are glad,\" the minister said.");
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(quotes[0].first.substr(0, 11), "We are glad");
}

}  // namespace
}  // namespace ties

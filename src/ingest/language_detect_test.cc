#include "ingest/language_detect.h"

#include <gtest/gtest.h>

namespace ties {
namespace {

TEST(LanguageDetectTest, Languages) {
  const std::pair<std::string, std::string> cases[] = {
      {"Kazakhstan and China signed an agreement on cultural cooperation on Monday, the ministry said. The two "
       "countries will hold joint exhibitions and exchange museum collections over the next three years.",
       "en"},
      {"Die Bundesregierung hat am Montag ein Abkommen über kulturelle Zusammenarbeit unterzeichnet. Beide "
       "Länder wollen gemeinsame Ausstellungen veranstalten und Museumssammlungen austauschen.",
       "de"},
      {"Le gouvernement a signé lundi un accord de coopération culturelle. Les deux pays organiseront des "
       "expositions communes et échangeront des collections de musées au cours des trois prochaines années.",
       "fr"},
      {"Казахстан и Китай подписали в понедельник соглашение о культурном сотрудничестве, сообщило "
       "министерство. Страны проведут совместные выставки и обменяются музейными коллекциями.",
       "ru"},
      {"哈萨克斯坦和中国周一签署了文化合作协议。两国将在未来三年举办联合展览，交换博物馆藏品，并支持电影合拍。", "zh"},
      {"ok", ""},  // too short
      {"", ""},
  };
  for (const auto& [text, expected] : cases) EXPECT_EQ(DetectLanguage(text), expected) << text.substr(0, 40);
}

TEST(LanguageDetectTest, InvalidUtf8IsTolerated) {
  std::string text =
      "The two countries will hold joint exhibitions and exchange museum collections over the next three years, "
      "officials said on Monday in the capital.";
  text += "\xFF\xFE broken tail";
  EXPECT_EQ(DetectLanguage(text), "en");
}

// Long texts are judged on their opening when it is conclusive, and read
// further when it is not: the answer must be the one the whole text gives.
TEST(LanguageDetectTest, LongTextsSampleTheOpening) {
  const std::string english =
      "The two countries will hold joint exhibitions and exchange museum collections over the next three years, "
      "officials said on Monday in the capital, adding that film co-productions would follow. ";
  const std::string german =
      "Beide L\u00e4nder wollen gemeinsame Ausstellungen veranstalten und Museumssammlungen austauschen, sagte "
      "ein Sprecher am Montag in der Hauptstadt, und gemeinsame Filmproduktionen sollen folgen. ";
  std::string long_english;
  while (long_english.size() < 20000) long_english += english;
  EXPECT_EQ(DetectLanguage(long_english), "en");

  // An opening that mixes two languages is not conclusive: the whole text,
  // mostly German, decides.
  std::string mixed = english + german;
  while (mixed.size() < 30000) mixed += german;
  EXPECT_EQ(DetectLanguage(mixed), "de");

  // A short English lead-in before a long German body.
  std::string lead_in = "WASHINGTON (Reuters) - ";
  while (lead_in.size() < 20000) lead_in += german;
  EXPECT_EQ(DetectLanguage(lead_in), "de");
}

TEST(LanguageDetectTest, NormalizeTag) {
  const std::pair<std::string, std::string> cases[] = {
      {"en-US", "en"}, {"EN", "en"}, {"zh_Hant", "zh"}, {"iw", "he"}, {" de ", "de"}, {"english", ""}, {"", ""},
  };
  for (const auto& [tag, expected] : cases) EXPECT_EQ(NormalizeLanguageTag(tag), expected) << tag;
}

}  // namespace
}  // namespace ties

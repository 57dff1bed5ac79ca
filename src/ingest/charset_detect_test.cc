#include "ingest/charset_detect.h"

#include <gtest/gtest.h>

#include "common/text_util.h"

namespace ties {
namespace {

TEST(CharsetTest, Declarations) {
  EXPECT_EQ(CharsetFromContentType("text/html; charset=ISO-8859-1"), "ISO-8859-1");
  EXPECT_EQ(CharsetFromContentType("text/html;Charset=\"utf-8\""), "utf-8");
  EXPECT_EQ(CharsetFromContentType("text/html"), "");
  EXPECT_EQ(CharsetFromMarkup("<html><head><meta charset=\"windows-1251\"></head>"), "windows-1251");
  EXPECT_EQ(CharsetFromMarkup("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=Shift_JIS\">"),
            "Shift_JIS");
  EXPECT_EQ(CharsetFromMarkup("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><rss>"), "ISO-8859-15");
  EXPECT_EQ(CharsetFromMarkup("<p>charset=utf-8 in text</p>"), "");
}

TEST(CharsetTest, ConvertsToUtf8) {
  struct Case {
    std::string name, bytes, declared, expected, used;
  };
  const Case cases[] = {
      {"utf-8 stays", "Caf\xC3\xA9", "", "Caf\xC3\xA9", "UTF-8"},
      {"utf-8 wins over a wrong declaration", "Caf\xC3\xA9", "iso-8859-1", "Caf\xC3\xA9", "UTF-8"},
      {"latin-1 declared", "Caf\xE9", "iso-8859-1", "Caf\xC3\xA9", "windows-1252"},
      {"windows-1252 quotes", "\x93quoted\x94", "windows-1252", "\xE2\x80\x9Cquoted\xE2\x80\x9D", "windows-1252"},
      {"cp1251 declared", "\xCC\xEE\xF1\xEA\xE2\xE0", "windows-1251", "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0",
       "windows-1251"},
      {"bom", "\xEF\xBB\xBFText", "", "Text", "UTF-8"},
      {"utf-16le bom", std::string("\xFF\xFEH\0i\0", 6), "", "Hi", "UTF-16LE"},
      {"declared utf-8 with a bad byte is repaired", "ok \xFF ok", "utf-8", "ok \xEF\xBF\xBD ok", "UTF-8"},
  };
  for (const auto& c : cases) {
    std::string out, used;
    ASSERT_TRUE(ConvertToUtf8(c.bytes, c.declared, out, &used).ok()) << c.name;
    EXPECT_EQ(out, c.expected) << c.name;
    EXPECT_EQ(used, c.used) << c.name;
  }
}

TEST(CharsetTest, DetectsUndeclaredLegacyText) {
  // Russian in windows-1251 without any declaration: ICU's detector decides.
  const std::string cp1251 =
      "\xC2 \xEF\xEE\xED\xE5\xE4\xE5\xEB\xFC\xED\xE8\xEA \xEF\xF0\xE5\xE7\xE8\xE4\xE5\xED\xF2 \xEF\xF0\xEE\xE2\xB8\xEB "
      "\xE2\xF1\xF2\xF0\xE5\xF7\xF3 \xF1 \xEC\xE8\xED\xE8\xF1\xF2\xF0\xE0\xEC\xE8 \xE8 \xE3\xF3\xE1\xE5\xF0\xED\xE0"
      "\xF2\xEE\xF0\xE0\xEC\xE8 \xEE\xE1\xEB\xE0\xF1\xF2\xE5\xE9.";
  std::string out, used;
  ASSERT_TRUE(ConvertToUtf8(cp1251, "", out, &used).ok());
  EXPECT_TRUE(IsValidUtf8(out));
  EXPECT_EQ(used, "windows-1251");
  EXPECT_NE(out.find("\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB7\xD0\xB8\xD0\xB4\xD0\xB5\xD0\xBD\xD1\x82"), std::string::npos)
      << out;  // "президент"
}

// Pages that lie about their charset: a UTF-8 label (HTTP header or <meta>)
// on windows-1251 bytes is told by the bytes and skipped; the next evidence
// (the <meta>, else ICU's detector) decides. A UTF-8 page with a few bad bytes
// keeps its label.
TEST(CharsetTest, Utf8LabelsOnLegacyBytesAreIgnored) {
  // "Правительство одобрило новый бюджет области." in windows-1251 (invented sentence).
  const std::string cp1251 =
      "\xCF\xF0\xE0\xE2\xE8\xF2\xE5\xEB\xFC\xF1\xF2\xE2\xEE \xEE\xE4\xEE\xE1\xF0\xE8\xEB\xEE "
      "\xED\xEE\xE2\xFB\xE9 \xE1\xFE\xE4\xE6\xE5\xF2 \xEE\xE1\xEB\xE0\xF1\xF2\xE8.";
  const std::string budget = "\xD0\xB1\xD1\x8E\xD0\xB4\xD0\xB6\xD0\xB5\xD1\x82";  // "бюджет" in UTF-8
  const std::string page = "<html><head><meta charset=\"windows-1251\"></head><body><p>" + cp1251 + "</p></body></html>";
  EXPECT_EQ(DeclaredCharset(page, "text/html; charset=utf-8"), "windows-1251") << "the header lies, the meta is true";
  EXPECT_EQ(DeclaredCharset(page, "text/html; charset=windows-1251"), "windows-1251");
  const std::string meta_lies = "<html><head><meta charset=\"utf-8\"></head><body><p>" + cp1251 + "</p></body></html>";
  EXPECT_EQ(DeclaredCharset(meta_lies, "text/html"), "") << "no true declaration left";
  std::string out, used;
  ASSERT_TRUE(ConvertToUtf8(meta_lies, DeclaredCharset(meta_lies, "text/html"), out, &used).ok());
  EXPECT_EQ(used, "windows-1251");
  EXPECT_NE(out.find(budget), std::string::npos) << out;
  ASSERT_TRUE(ConvertToUtf8(cp1251, "utf-8", out, &used).ok()) << "the same lie given straight to ConvertToUtf8";
  EXPECT_EQ(used, "windows-1251");
  EXPECT_NE(out.find(budget), std::string::npos) << out;

  // 5 well-formed sequences, 4 bad bytes: UTF-8 with damage, the label holds.
  const std::string utf8_with_bad_bytes = "Caf\xC3\xA9 \xFF na \xC3\xBC\xC3\xA9 \xFE \xFD \xFC \xC3\xA9\xC3\xA9";
  EXPECT_EQ(DeclaredCharset(utf8_with_bad_bytes, "text/html; charset=UTF-8"), "UTF-8");
  EXPECT_EQ(DeclaredCharset("plain ascii", "text/html; charset=utf-8"), "utf-8");
}

}  // namespace
}  // namespace ties

#include "formats/xml_text.h"

#include <gtest/gtest.h>

#include <string>

namespace mura::formats {
namespace {

TEST(XmlEscapeTest, TextAndAttributes) {
  struct Case {
    std::string_view label;
    std::string input;
    std::string text;
    std::string attribute;
  };
  const std::string ufffd(kReplacementCharacter);
  const Case cases[] = {
      {"plain", "Abai Qunanbaiuly", "Abai Qunanbaiuly", "Abai Qunanbaiuly"},
      {"markup", "a < b & c > \"d\" 'e'", "a &lt; b &amp; c &gt; \"d\" 'e'",
       "a &lt; b &amp; c &gt; &quot;d&quot; 'e'"},
      {"whitespace", "a\tb\nc\rd", "a\tb\nc&#13;d", "a&#9;b&#10;c&#13;d"},
      {"Kazakh Cyrillic and Latin", "Қазақ тілі, Qazaq tılı", "Қазақ тілі, Qazaq tılı",
       "Қазақ тілі, Qazaq tılı"},
      {"four-byte character", "\xF0\x9F\x93\x9C scroll", "\xF0\x9F\x93\x9C scroll",
       "\xF0\x9F\x93\x9C scroll"},
      {"control characters",
       std::string("a\x01"
                   "b\x1F"
                   "c\0d",
                   7),
       "a" + ufffd + "b" + ufffd + "c" + ufffd + "d",
       "a" + ufffd + "b" + ufffd + "c" + ufffd + "d"},
      {"DEL is an XML character",
       "a\x7F"
       "b",
       "a\x7F"
       "b",
       "a\x7F"
       "b"},
      {"lone continuation byte",
       "a\x80"
       "b",
       "a" + ufffd + "b", "a" + ufffd + "b"},
      {"truncated sequence", "a\xD0", "a" + ufffd, "a" + ufffd},
      {"overlong slash", "\xC0\xAF", ufffd + ufffd, ufffd + ufffd},
      {"overlong three-byte", "\xE0\x80\xAF", ufffd + ufffd + ufffd, ufffd + ufffd + ufffd},
      {"surrogate", "\xED\xA0\x80", ufffd + ufffd + ufffd, ufffd + ufffd + ufffd},
      {"U+FFFE", "\xEF\xBF\xBE", ufffd + ufffd + ufffd, ufffd + ufffd + ufffd},
      {"U+FFFD itself", "\xEF\xBF\xBD", "\xEF\xBF\xBD", "\xEF\xBF\xBD"},
      {"beyond U+10FFFF", "\xF4\x90\x80\x80", ufffd + ufffd + ufffd + ufffd,
       ufffd + ufffd + ufffd + ufffd},
      {"empty", "", "", ""},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.label);
    EXPECT_EQ(xml_escape(test.input), test.text);
    std::string attribute;
    append_xml_attribute(attribute, test.input);
    EXPECT_EQ(attribute, test.attribute);
  }
}

TEST(XmlLanguageTest, AcceptsOnlyLanguageTags) {
  for (std::string_view tag :
       {"kk", "kk-Latn", "ru", "en-GB", "zh-Hant-TW", "x-mura", "abcdefgh"}) {
    EXPECT_TRUE(is_xml_language(tag)) << tag;
  }
  for (std::string_view tag : {"", "-", "kk-", "-kk", "k k", "abcdefghi", "1kk", "kk_Latn",
                               "kk--Latn", "kk-\"x", "en-abcdefghi"}) {
    EXPECT_FALSE(is_xml_language(tag)) << tag;
  }
}

TEST(XmlWriterTest, WritesNestedElements) {
  std::string out;
  XmlWriter writer(out);
  writer.declaration().open("root").attribute("xmlns", "urn:x").attribute("note", "a\"b");
  writer.open("empty").close();
  writer.element("title", "Абай & Co", "kk");
  writer.element("title", "no language", "");
  writer.element("title", "bad tag dropped", "k k");
  writer.open("parent").open("child").text("x<y").close().close();
  EXPECT_EQ(writer.depth(), 1U);
  writer.close_all();
  EXPECT_EQ(writer.depth(), 0U);
  EXPECT_EQ(out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<root xmlns=\"urn:x\" note=\"a&quot;b\"><empty/>"
            "<title xml:lang=\"kk\">Абай &amp; Co</title><title>no language</title>"
            "<title>bad tag dropped</title><parent><child>x&lt;y</child></parent></root>");
}

TEST(XmlWriterTest, BufferCanBeDrainedBetweenElements) {
  std::string out;
  XmlWriter writer(out);
  std::string streamed;
  writer.open("list");
  for (int i = 0; i < 3; ++i) {
    writer.element("item", std::to_string(i));
    streamed += writer.buffer();
    writer.buffer().clear();
  }
  writer.close();
  streamed += out;
  EXPECT_EQ(streamed, "<list><item>0</item><item>1</item><item>2</item></list>");
}

}  // namespace
}  // namespace mura::formats

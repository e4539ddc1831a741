#include "media/format_identification.h"

#include <gtest/gtest.h>

#include "base/memory_file_system.h"

namespace mura::media {
namespace {

TEST(FormatIdentificationTest, IdentifiesByContentNotName) {
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0", 29);
  struct Case {
    std::string bytes;
    std::string name;
    std::string media_type;
    std::string puid;
  };
  const Case cases[] = {
      {png, "picture.jpg", "image/png", "fmt/13"},  // the content wins over the name
      {"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "letter.pdf", "application/pdf", "fmt/276"},
      // PDF/A as its XMP declares it, attribute or element form.
      {"%PDF-1.4\n1 0 obj\n<</Type/Metadata>>stream\n<rdf:Description pdfaid:part=\"1\" "
       "pdfaid:conformance=\"B\"/>\nendstream\n", "thesis.pdf", "application/pdf", "fmt/354"},
      {"%PDF-1.7\n1 0 obj\nstream\n<pdfaid:part>2</pdfaid:part><pdfaid:conformance>U"
       "</pdfaid:conformance>\nendstream\n", "report.pdf", "application/pdf", "fmt/478"},
      {"%PDF-1.7\n1 0 obj\nstream\n<pdfaid:part>3</pdfaid:part><pdfaid:conformance>A"
       "</pdfaid:conformance>\nendstream\n", "law.pdf", "application/pdf", "fmt/479"},
      {"year,count\n1916,3\n1917,4\n", "data.csv", "text/csv", "x-fmt/18"},
      {"Абай Құнанбайұлы — ақын.\n", "note.txt", "text/plain", "x-fmt/111"},
      {"<?xml version=\"1.0\"?><ead/>", "finding-aid.xml", "application/xml", "fmt/101"},
      {"", "empty.bin", "application/octet-stream", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    FormatInfo info = identify_bytes(c.bytes, c.name);
    EXPECT_EQ(info.media_type, c.media_type);
    EXPECT_EQ(info.puid, c.puid);
  }
  EXPECT_EQ(identify_bytes("%PDF-1.4\n<x pdfaid:part=\"1\" pdfaid:conformance=\"b\"/>", "a.pdf").name,
            "PDF/A-1B");
  // Text that only mentions PDF/A is not one.
  EXPECT_EQ(identify_bytes("pdfaid:part=\"1\" in a note", "note.txt").puid, "x-fmt/111");
}

// A PDF whose metadata comes after the first 64 KB (here at its end) is still found to be PDF/A.
TEST(FormatIdentificationTest, FindsPdfaMetadataAnywhereInTheFile) {
  MemoryFileSystem fs;
  const std::string pdf = "%PDF-1.7\n" + std::string(300 * 1024, ' ') +
                          "<x pdfaid:part=\"2\" pdfaid:conformance=\"B\"/>\n%%EOF\n";
  ASSERT_TRUE(write_file_atomically(fs, "/thesis.pdf", pdf).ok());
  const FormatInfo info = identify_format(fs, "/thesis.pdf");
  EXPECT_EQ(info.media_type, "application/pdf");
  EXPECT_EQ(info.puid, "fmt/477");
  EXPECT_EQ(info.name, "PDF/A-2B");
}

}  // namespace
}  // namespace mura::media

#include "media/format_identification.h"

#include <gtest/gtest.h>

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
}

}  // namespace
}  // namespace mura::media

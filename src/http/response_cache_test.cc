// The response cache: finds what was put, keeps within its byte bound by dropping the least
// recently used entries first, and refuses bodies larger than the bound.
#include "http/response_cache.h"

#include <gtest/gtest.h>

namespace mura::http {
namespace {

std::shared_ptr<const std::string> body(std::size_t size, char fill) {
  return std::make_shared<const std::string>(size, fill);
}

TEST(ResponseCacheTest, FindsWhatWasPutAndEvictsTheLeastRecentlyUsed) {
  ResponseCache cache(300);
  cache.put("a", body(99, 'a'));
  cache.put("b", body(99, 'b'));
  cache.put("c", body(99, 'c'));
  EXPECT_EQ(cache.bytes(), 300u);
  ASSERT_NE(cache.find("a"), nullptr);  // "a" is now the most recent
  cache.put("d", body(99, 'd'));        // evicts "b", the least recent
  EXPECT_EQ(cache.find("b"), nullptr);
  ASSERT_NE(cache.find("a"), nullptr);
  EXPECT_EQ(*cache.find("d"), std::string(99, 'd'));
  EXPECT_LE(cache.bytes(), 300u);
}

TEST(ResponseCacheTest, ReplacesAKeyAndRefusesOversizedBodies) {
  ResponseCache cache(100);
  cache.put("k", body(10, 'x'));
  cache.put("k", body(20, 'y'));
  EXPECT_EQ(*cache.find("k"), std::string(20, 'y'));
  EXPECT_EQ(cache.bytes(), 21u);
  cache.put("big", body(200, 'z'));
  EXPECT_EQ(cache.find("big"), nullptr);
  EXPECT_NE(cache.find("k"), nullptr);
}

}  // namespace
}  // namespace mura::http

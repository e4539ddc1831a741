#include "storage/staging_area.h"

#include <openssl/rand.h>

namespace mura::storage {
namespace {

std::string random_token() {
  unsigned char bytes[12];
  MURA_CHECK(RAND_bytes(bytes, sizeof bytes) == 1);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  for (unsigned char byte : bytes) {
    token += kHex[byte >> 4];
    token += kHex[byte & 0xf];
  }
  return token;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

std::string staging_token(std::string_view entry_name) {
  if (ends_with(entry_name, kIntentSuffix)) entry_name.remove_suffix(kIntentSuffix.size());
  if (ends_with(entry_name, kLockSuffix)) entry_name.remove_suffix(kLockSuffix.size());
  return std::string(entry_name);
}

StagingArea::StagingArea(FileSystem& fs, std::string staging_root)
    : fs_(fs), token_(random_token()), root_(std::move(staging_root)) {}

StagingArea::~StagingArea() {
  if (!created_) return;
  (void)remove_all(fs_, directory());
  if (!keep_intent_) (void)fs_.remove_file(intent_path());
  lock_.reset();
  (void)fs_.remove_file(lock_path());
}

Status StagingArea::create() {
  MURA_ASSIGN_OR_RETURN(lock_, fs_.lock(lock_path()));
  created_ = true;
  return fs_.create_directory(directory());
}

}  // namespace mura::storage

#include "iiif/identifier.h"

#include <algorithm>

#include "base/ark.h"

namespace mura::iiif {
namespace {

bool is_lower_hex(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
}

}  // namespace

std::string ImageIdentifier::ark() const { return "ark:/" + naan + "/" + name; }

std::string ImageIdentifier::to_string() const {
  std::string text = naan + "~" + name;
  if (!digest_prefix.empty()) text += "~" + digest_prefix;
  return text;
}

Result<ImageIdentifier> parse_identifier(std::string_view text) {
  const auto quoted = "IIIF identifier \"" + std::string(text) + "\"";
  const auto first = text.find('~');
  if (first == std::string_view::npos) {
    return invalid_argument_error(quoted + " has no \"~\" (expected NAAN~name or NAAN~name~digest)");
  }
  const auto second = text.find('~', first + 1);
  std::string_view naan = text.substr(0, first);
  std::string_view name = text.substr(first + 1, second == std::string_view::npos
                                                      ? std::string_view::npos
                                                      : second - first - 1);
  ImageIdentifier identifier;
  if (second != std::string_view::npos) {
    std::string_view digest = text.substr(second + 1);
    if (digest.size() != kDigestPrefixLength || !is_lower_hex(digest)) {
      return invalid_argument_error(quoted + ": the file part \"" + std::string(digest) +
                                    "\" must be the first 16 lowercase hex digits of a SHA-512");
    }
    identifier.digest_prefix = std::string(digest);
  }
  if (!is_valid_naan(naan)) {
    return invalid_argument_error(quoted + ": \"" + std::string(naan) + "\" is not a NAAN");
  }
  if (name.empty()) return invalid_argument_error(quoted + " has an empty name");
  auto ark = parse_ark("ark:/" + std::string(naan) + "/" + std::string(name));
  if (!ark) return invalid_argument_error(quoted + ": " + ark.error().message());
  if (ark->name != name) {
    return invalid_argument_error(quoted + ": the name is not in its normal form \"" + ark->name + "\"");
  }
  identifier.naan = ark->naan;
  identifier.name = ark->name;
  return identifier;
}

Result<ImageIdentifier> identifier_for(std::string_view ark_text, std::string_view digest) {
  MURA_ASSIGN_OR_RETURN(Ark ark, parse_ark(ark_text));
  ImageIdentifier identifier{ark.naan, ark.name, ""};
  if (!digest.empty()) {
    if (digest.size() < kDigestPrefixLength || !is_lower_hex(digest.substr(0, kDigestPrefixLength))) {
      return invalid_argument_error("\"" + std::string(digest) + "\" is not a SHA-512 in hex");
    }
    identifier.digest_prefix = std::string(digest.substr(0, kDigestPrefixLength));
  }
  return identifier;
}

}  // namespace mura::iiif

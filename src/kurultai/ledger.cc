#include "kurultai/ledger.h"

#include "base/digest.h"

namespace mura::kurultai {
namespace {

struct VerifiedEntries {
  std::vector<Act> acts;
  std::string head_hash;
};

Result<VerifiedEntries> read_and_verify(LedgerStore& store) {
  MURA_ASSIGN_OR_RETURN(std::vector<std::string> entries, store.read_all());
  VerifiedEntries result;
  result.head_hash = std::string(kGenesisHash);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto fail = [&](const std::string& message) {
      return data_loss_error(store.name() + ": entry " + std::to_string(i + 1) + ": " + message);
    };
    nlohmann::json entry = nlohmann::json::parse(entries[i], nullptr, false);
    if (entry.is_discarded() || !entry.is_object()) return fail("not a JSON object");
    if (!entry.contains("hash") || !entry["hash"].is_string() || !entry.contains("prev_hash") ||
        !entry["prev_hash"].is_string()) {
      return fail("missing \"prev_hash\" or \"hash\"");
    }
    const std::string hash = entry["hash"].get<std::string>();
    const std::string prev_hash = entry["prev_hash"].get<std::string>();
    if (prev_hash != result.head_hash) {
      return fail("prev_hash " + prev_hash + " does not match the previous entry's hash " +
                  result.head_hash + " (an entry was removed, inserted or reordered)");
    }
    entry.erase("hash");
    auto canonical = canonical_json(entry);
    if (!canonical) return fail(canonical.error().message());
    const std::string expected = digest_hex(DigestAlgorithm::kSha256, *canonical);
    if (hash != expected) {
      return fail("hash " + hash + " does not match the content (sha256 " + expected +
                  "): the entry was altered");
    }
    entry.erase("prev_hash");
    auto act = parse_act(entry);
    if (!act) return fail(act.error().message());
    result.acts.push_back(std::move(*act));
    result.head_hash = hash;
  }
  return result;
}

}  // namespace

Result<std::string> make_entry(const Act& act, std::string_view prev_hash) {
  nlohmann::json entry = act.body;
  entry.erase("hash");
  entry["prev_hash"] = std::string(prev_hash);
  MURA_ASSIGN_OR_RETURN(std::string canonical, canonical_json(entry));
  entry["hash"] = digest_hex(DigestAlgorithm::kSha256, canonical);
  return canonical_json(entry);
}

Result<VerifyReport> verify_ledger(LedgerStore& store) {
  MURA_ASSIGN_OR_RETURN(VerifiedEntries verified, read_and_verify(store));
  return VerifyReport{verified.acts.size(), verified.head_hash};
}

Result<std::unique_ptr<Ledger>> Ledger::open(std::unique_ptr<LedgerStore> store) {
  MURA_ASSIGN_OR_RETURN(VerifiedEntries verified, read_and_verify(*store));
  return std::unique_ptr<Ledger>(
      new Ledger(std::move(store), std::move(verified.acts), std::move(verified.head_hash)));
}

Result<std::string> Ledger::append(const Act& act) {
  if (act.body.contains("prev_hash")) {
    return invalid_argument_error("act: \"prev_hash\" is set by the ledger, not by the act");
  }
  MURA_ASSIGN_OR_RETURN(std::string entry, make_entry(act, head_hash_));
  MURA_TRY(store_->append(entry));
  head_hash_ = nlohmann::json::parse(entry)["hash"].get<std::string>();
  acts_.push_back(act);
  return head_hash_;
}

}  // namespace mura::kurultai

#include "kurultai/ledger.h"

#include "base/digest.h"

namespace mura::kurultai {
namespace {

std::string hash_of_entry(const std::string& entry) {
  return nlohmann::json::parse(entry)["hash"].get<std::string>();
}

}  // namespace

Status LedgerStore::append_all(const std::vector<std::string>& entries) {
  for (const auto& entry : entries) MURA_TRY(append(entry));
  return ok_status();
}

Result<std::size_t> LedgerStore::size() {
  MURA_ASSIGN_OR_RETURN(std::vector<std::string> entries, read_all());
  return entries.size();
}

Result<std::vector<std::string>> LedgerStore::read_from(std::size_t count) {
  MURA_ASSIGN_OR_RETURN(std::vector<std::string> entries, read_all());
  if (count >= entries.size()) return std::vector<std::string>{};
  return std::vector<std::string>(entries.begin() + static_cast<std::ptrdiff_t>(count),
                                  entries.end());
}

Result<VerifiedEntries> verify_entries(const std::vector<std::string>& entries,
                                       std::size_t first_position, std::string_view prev_hash,
                                       std::string_view source) {
  VerifiedEntries result;
  std::string head(prev_hash);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto fail = [&](const std::string& message) {
      return data_loss_error(std::string(source) + ": entry " + std::to_string(first_position + i) +
                             ": " + message);
    };
    nlohmann::json entry = nlohmann::json::parse(entries[i], nullptr, false);
    if (entry.is_discarded() || !entry.is_object()) return fail("not a JSON object");
    if (!entry.contains("hash") || !entry["hash"].is_string() || !entry.contains("prev_hash") ||
        !entry["prev_hash"].is_string()) {
      return fail("missing \"prev_hash\" or \"hash\"");
    }
    const std::string hash = entry["hash"].get<std::string>();
    const std::string entry_prev_hash = entry["prev_hash"].get<std::string>();
    if (entry_prev_hash != head) {
      return fail("prev_hash " + entry_prev_hash + " does not match the previous entry's hash " +
                  head + " (an entry was removed, inserted or reordered)");
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
    result.hashes.push_back(hash);
    head = hash;
  }
  return result;
}

Result<std::string> make_entry(const Act& act, std::string_view prev_hash) {
  nlohmann::json entry = act.body;
  entry.erase("hash");
  entry["prev_hash"] = std::string(prev_hash);
  MURA_ASSIGN_OR_RETURN(std::string canonical, canonical_json(entry));
  entry["hash"] = digest_hex(DigestAlgorithm::kSha256, canonical);
  return canonical_json(entry);
}

Result<VerifyReport> verify_ledger(LedgerStore& store) {
  MURA_ASSIGN_OR_RETURN(std::vector<std::string> entries, store.read_all());
  MURA_ASSIGN_OR_RETURN(VerifiedEntries verified,
                        verify_entries(entries, 1, kGenesisHash, store.name()));
  return VerifyReport{verified.acts.size(),
                      verified.hashes.empty() ? std::string(kGenesisHash) : verified.hashes.back()};
}

Ledger::Ledger(std::unique_ptr<LedgerStore> store, VerifiedEntries entries)
    : store_(std::move(store)),
      acts_(std::move(entries.acts)),
      hashes_(std::move(entries.hashes)),
      head_hash_(hashes_.empty() ? std::string(kGenesisHash) : hashes_.back()) {}

Result<std::unique_ptr<Ledger>> Ledger::open(std::unique_ptr<LedgerStore> store) {
  MURA_ASSIGN_OR_RETURN(std::vector<std::string> entries, store->read_all());
  MURA_ASSIGN_OR_RETURN(VerifiedEntries verified,
                        verify_entries(entries, 1, kGenesisHash, store->name()));
  return std::unique_ptr<Ledger>(new Ledger(std::move(store), std::move(verified)));
}

Result<std::string> Ledger::entry(std::size_t position) const {
  MURA_CHECK(position >= 1 && position <= acts_.size());
  return make_entry(acts_[position - 1],
                    position == 1 ? std::string(kGenesisHash) : hashes_[position - 2]);
}

Result<std::string> Ledger::append(const Act& act) { return append_all({act}); }

Result<std::string> Ledger::append_all(const std::vector<Act>& acts) {
  std::vector<std::string> entries;
  std::vector<std::string> hashes;
  std::string head = head_hash_;
  for (const Act& act : acts) {
    if (act.body.contains("prev_hash")) {
      return invalid_argument_error("act: \"prev_hash\" is set by the ledger, not by the act");
    }
    MURA_ASSIGN_OR_RETURN(std::string entry, make_entry(act, head));
    head = hash_of_entry(entry);
    hashes.push_back(head);
    entries.push_back(std::move(entry));
  }
  MURA_TRY(store_->append_all(entries));
  acts_.insert(acts_.end(), acts.begin(), acts.end());
  hashes_.insert(hashes_.end(), hashes.begin(), hashes.end());
  head_hash_ = head;
  return head_hash_;
}

Result<std::vector<Act>> Ledger::refresh() {
  MURA_ASSIGN_OR_RETURN(std::size_t stored, store_->size());
  if (stored == acts_.size()) return std::vector<Act>{};
  if (stored < acts_.size()) {
    return data_loss_error(store_->name() + ": holds " + std::to_string(stored) + " entries, but " +
                           std::to_string(acts_.size()) +
                           " were read before: entries were removed from an append-only ledger");
  }
  MURA_ASSIGN_OR_RETURN(std::vector<std::string> entries, store_->read_from(acts_.size()));
  MURA_ASSIGN_OR_RETURN(VerifiedEntries verified,
                        verify_entries(entries, acts_.size() + 1, head_hash_, store_->name()));
  acts_.insert(acts_.end(), verified.acts.begin(), verified.acts.end());
  hashes_.insert(hashes_.end(), verified.hashes.begin(), verified.hashes.end());
  if (!hashes_.empty()) head_hash_ = hashes_.back();
  return std::move(verified.acts);
}

}  // namespace mura::kurultai

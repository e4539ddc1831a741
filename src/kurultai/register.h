// Register: the ledger and the engine together — the record of the Kurultai's work. Appending
// judges the act against the Constitution and the state of every earlier act, and stores it in
// the hash chain only when lawful. Used by one thread at a time; across processes, callers hold
// an exclusive lock on the store (the CLI locks "<ledger>.lock").
#pragma once

#include <memory>

#include "base/result.h"
#include "kurultai/engine.h"
#include "kurultai/ledger.h"

namespace mura::kurultai {

class Register {
 public:
  // Verifies the store's chain and replays every act. DataLoss for a broken chain; the engine's
  // error (with the entry number) when a stored act no longer passes the rules.
  static Result<std::unique_ptr<Register>> open(const Constitution& constitution,
                                                std::unique_ptr<LedgerStore> store);

  // Judges `act` (Engine::apply's errors) and, when lawful, appends it durably.
  // Returns the new head hash.
  Result<std::string> append(const Act& act);
  // Judges `acts` in order as if each were appended after the one before, and appends them all
  // (in one write where the store allows) only when every one is lawful. The error of the first
  // act refused names its position in `acts` ("act 3 of 5: ..."); nothing is appended then.
  Result<std::string> append_all(const std::vector<Act>& acts);

  // Takes in the acts another writer appended to the store since it was read, replaying them.
  // Returns how many there were. Errors as open().
  Result<std::size_t> refresh();

  // The state at `date` (any date: earlier dates are replayed).
  Result<State> state_at(Date date) const;

  const std::vector<Act>& acts() const { return ledger_->acts(); }
  const std::string& head_hash() const { return ledger_->head_hash(); }
  const Ledger& ledger() const { return *ledger_; }
  const Constitution& constitution() const { return constitution_; }

 private:
  Register(const Constitution& constitution, std::unique_ptr<Ledger> ledger)
      : constitution_(constitution), ledger_(std::move(ledger)), engine_(constitution) {}

  const Constitution& constitution_;
  std::unique_ptr<Ledger> ledger_;
  Engine engine_;
};

}  // namespace mura::kurultai

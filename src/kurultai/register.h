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

  // The state at `date` (any date: earlier dates are replayed).
  Result<State> state_at(Date date) const;

  const std::vector<Act>& acts() const { return ledger_->acts(); }
  const std::string& head_hash() const { return ledger_->head_hash(); }

 private:
  Register(const Constitution& constitution, std::unique_ptr<Ledger> ledger)
      : constitution_(constitution), ledger_(std::move(ledger)), engine_(constitution) {}

  const Constitution& constitution_;
  std::unique_ptr<Ledger> ledger_;
  Engine engine_;
};

}  // namespace mura::kurultai

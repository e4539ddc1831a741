#include "kurultai/register.h"

namespace mura::kurultai {

Result<std::unique_ptr<Register>> Register::open(const Constitution& constitution,
                                                 std::unique_ptr<LedgerStore> store) {
  MURA_ASSIGN_OR_RETURN(std::unique_ptr<Ledger> ledger, Ledger::open(std::move(store)));
  std::unique_ptr<Register> result(new Register(constitution, std::move(ledger)));
  const auto& acts = result->ledger_->acts();
  for (std::size_t i = 0; i < acts.size(); ++i) {
    Status status = result->engine_.apply(acts[i]);
    if (!status.ok()) {
      return Error(status.with_context(result->ledger_->store().name() + ": entry " +
                                       std::to_string(i + 1)));
    }
  }
  return result;
}

Result<std::string> Register::append(const Act& act) {
  Engine trial = engine_;
  MURA_TRY(trial.apply(act));
  MURA_ASSIGN_OR_RETURN(std::string hash, ledger_->append(act));
  engine_ = std::move(trial);
  return hash;
}

Result<std::string> Register::append_all(const std::vector<Act>& acts) {
  Engine trial = engine_;
  for (std::size_t i = 0; i < acts.size(); ++i) {
    Status status = trial.apply(acts[i]);
    if (!status.ok()) {
      return Error(status.with_context("act " + std::to_string(i + 1) + " of " +
                                       std::to_string(acts.size())));
    }
  }
  MURA_ASSIGN_OR_RETURN(std::string hash, ledger_->append_all(acts));
  engine_ = std::move(trial);
  return hash;
}

Result<std::size_t> Register::refresh() {
  const std::size_t known = ledger_->acts().size();
  MURA_ASSIGN_OR_RETURN(std::vector<Act> added, ledger_->refresh());
  for (std::size_t i = 0; i < added.size(); ++i) {
    Status status = engine_.apply(added[i]);
    if (!status.ok()) {
      return Error(status.with_context(ledger_->store().name() + ": entry " +
                                       std::to_string(known + i + 1)));
    }
  }
  return added.size();
}

Result<State> Register::state_at(Date date) const {
  if (ledger_->acts().empty() || date >= ledger_->acts().back().date) return engine_.state_at(date);
  return derive_state(constitution_, ledger_->acts(), date);
}

}  // namespace mura::kurultai

// Publishing the Kurultai's bills and laws as legal_act records. Each bill is one record, with one
// version per version of its history (kurultai/bill_history.h: introduced, each reading held,
// then signed, rejected or lapsed). Every version holds, under files/,
//   akn-<language>.xml  the text as it stood, as Akoma Ntoso 3.0 (a `bill` until the President
//                       signs it, then an `act`) with FRBR identification, a `workflow` step per
//                       act of the register and a `voting` per vote (counts, quorum, roll call);
//   ledger.jsonl        the register's entries about the bill up to that step, with their hashes,
//                       so the preservation store carries the proof of each version.
// The last entry of a version's ledger.jsonl says which step it publishes: publishing resumes
// from the record itself after any interruption. Records go through service::Repository, so they
// are cataloged, searchable and harvested like any other record.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "kurultai/bill_history.h"
#include "kurultai/register.h"
#include "record/record.h"
#include "service/repository.h"

namespace mura::service {

inline constexpr std::string_view kBillLedgerFile = "ledger.jsonl";
// The record's source key: "kurultai:<bill>".
std::string bill_record_source(std::string_view bill);
// "akn-kk.xml".
std::string akn_file_name(std::string_view language);

struct PublishedBill {
  std::string bill;
  std::string record_id;
  std::int64_t record_version = 0;  // the head after publishing
  std::size_t versions_written = 0;
};

// The Akoma Ntoso document of history.versions[version] in `language` (a tag of its text).
// InvalidArgument when that version has no text in `language`. Pure.
Result<std::string> bill_akoma_ntoso(const kurultai::Constitution& constitution,
                                     const kurultai::BillHistory& history, std::size_t version,
                                     std::string_view language);

// The record metadata of history.versions[version] (kind legal_act, no id). Pure.
record::Record bill_record(const kurultai::Constitution& constitution,
                           const kurultai::BillHistory& history, std::size_t version);

// For each version of `record_id` (index 0 = version 1), the ledger position of the last entry
// its ledger.jsonl holds (0 for a version without one). Empty when the record does not exist.
Result<std::vector<std::size_t>> published_positions(Repository& repository,
                                                     const kurultai::Ledger& ledger,
                                                     const std::string& record_id);

// Writes the versions of `bill`'s history that record `record_id` does not have yet (creating
// the record with that id when it does not exist). NotFound for an unknown bill; the
// repository's errors otherwise (the versions written before an error stay, and running it again
// resumes).
Result<PublishedBill> publish_bill(Repository& repository, const kurultai::Register& book,
                                   std::string_view bill, const std::string& record_id,
                                   const Actor& actor);

}  // namespace mura::service

#include "service/kurultai_publish.h"

#include <map>

#include "base/memory_file_system.h"

namespace mura::service {
namespace {

namespace k = ::mura::kurultai;

// The chamber's name in the record's languages; other chambers by their name alone.
struct ChamberNames {
  std::string_view chamber, kk, ru, en;
};
constexpr ChamberNames kChamberNames[] = {
    {"Kurultai", "Қазақстан Республикасының Құрылтайы", "Курултай Республики Казахстан",
     "Kurultai of the Republic of Kazakhstan"},
    {"Mazhilis", "Қазақстан Республикасы Парламентінің Мәжілісі",
     "Мажилис Парламента Республики Казахстан",
     "Mazhilis of the Parliament of the Republic of Kazakhstan"},
};

// The stage of a version in Kazakh and Russian, for the record's description.
std::pair<std::string, std::string> stage_words(const std::string& stage) {
  if (stage == "introduced") return {"енгізілген заң жобасы", "законопроект в редакции внесения"};
  if (stage == "signed") return {"Президент қол қойған заң", "закон, подписанный Президентом"};
  if (stage == "rejected") return {"қабылданбаған заң жобасы", "отклонённый законопроект"};
  if (stage == "lapsed") return {"заң болмаған заң жобасы", "законопроект, не ставший законом"};
  const std::string number = stage.substr(stage.find('_') + 1);
  return {number + "-оқылымдағы заң жобасы", "законопроект в " + number + "-м чтении"};
}

std::string last_hash(const std::string& jsonl) {
  std::size_t end = jsonl.size();
  while (end > 0 && jsonl[end - 1] == '\n') --end;
  const std::size_t start = jsonl.rfind('\n', end == 0 ? 0 : end - 1);
  const std::string line = jsonl.substr(start == std::string::npos ? 0 : start + 1,
                                        end - (start == std::string::npos ? 0 : start + 1));
  const nlohmann::json entry = nlohmann::json::parse(line, nullptr, false);
  if (!entry.is_object() || !entry.contains("hash") || !entry["hash"].is_string()) return "";
  return entry["hash"].get<std::string>();
}

}  // namespace

std::string bill_record_source(std::string_view bill) { return "kurultai:" + std::string(bill); }

std::string akn_file_name(std::string_view language) {
  return "akn-" + std::string(language) + ".xml";
}

record::Record bill_record(const k::Constitution& constitution, const k::BillHistory& history,
                           std::size_t version_index) {
  const k::BillVersion& version = history.versions.at(version_index);
  record::Record record;
  record.kind = record::Kind::kLegalAct;
  record.source = bill_record_source(history.id);
  record.rights = "https://creativecommons.org/publicdomain/mark/1.0/";
  auto& fields = record.fields;
  if (history.titles.empty()) {
    fields["title"].push_back({"und", history.title});
  } else {
    for (const auto& [language, title] : history.titles)
      fields["title"].push_back({language, title});
  }
  const bool law = version.stage == "signed";
  fields["act_number"] = {{"", law && !history.number.empty() ? history.number : history.id}};
  fields["identifier"] = {{"", bill_record_source(history.id)}};
  fields["act_type"] = {{"", history.kind == "constitutional" ? "constitutional_law" : "law"}};
  fields["legislative_stage"] = {{"", version.stage}};
  std::string chamber = "Kurultai";
  if (auto in_force = constitution.version_at(version.date)) {
    chamber = (*in_force)->text(k::keys::kChamberName);
  }
  bool named = false;
  for (const auto& names : kChamberNames) {
    if (names.chamber != chamber) continue;
    fields["creator"] = {{"kk", std::string(names.kk)},
                         {"ru", std::string(names.ru)},
                         {"en", std::string(names.en)}};
    named = true;
  }
  if (!named) fields["creator"] = {{"en", chamber}};
  if (history.adopted_on && *history.adopted_on <= version.date) {
    fields["adoption_date"] = {{"", history.adopted_on->to_string()}};
  }
  if (law) {
    fields["signed_date"] = {{"", history.signed_on->to_string()}};
    if (history.in_force) {
      fields["entry_into_force"] = {{"", history.in_force->to_string()}};
      fields["legal_status"] = {
          {"", *history.in_force <= version.date ? "in_force" : "not_yet_in_force"}};
    }
  }
  const auto [kazakh, russian] = stage_words(version.stage);
  fields["description"] = {
      {"kk", history.id + ": " + kazakh + ", " + version.date.to_string()},
      {"ru", history.id + ": " + russian + ", " + version.date.to_string()},
      {"en", "Bill " + history.id + ", " + version.label + ", " + version.date.to_string() +
                 " (entry " + std::to_string(version.position) + " of the Kurultai register)"}};
  for (const auto& [language, text] : version.text) fields["language"].push_back({"", language});
  return record;
}

Result<std::vector<std::size_t>> published_positions(Repository& repository,
                                                     const k::Ledger& ledger,
                                                     const std::string& record_id) {
  std::vector<std::size_t> positions;
  if (!repository.store().object_exists(record_id)) return positions;
  MURA_ASSIGN_OR_RETURN(auto versions, repository.store().versions(record_id));
  std::map<std::string, std::size_t> position_of;
  for (std::size_t i = 0; i < ledger.hashes().size(); ++i) position_of[ledger.hashes()[i]] = i + 1;
  const std::string path = "files/" + std::string(kBillLedgerFile);
  for (std::size_t version = 1; version <= versions.size(); ++version) {
    auto jsonl = repository.store().read(record_id, path, static_cast<int>(version));
    std::size_t position = 0;
    if (jsonl) {
      auto it = position_of.find(last_hash(*jsonl));
      if (it == position_of.end()) {
        return data_loss_error("record " + record_id + " version " + std::to_string(version) +
                               ": its " + std::string(kBillLedgerFile) +
                               " ends with an entry the register does not hold");
      }
      position = it->second;
    }
    positions.push_back(position);
  }
  return positions;
}

Result<PublishedBill> publish_bill(Repository& repository, const k::Register& book,
                                   std::string_view bill, const std::string& record_id,
                                   const Actor& actor) {
  MURA_ASSIGN_OR_RETURN(k::BillHistory history,
                        k::bill_history(book.constitution(), book.acts(), bill));
  MURA_ASSIGN_OR_RETURN(std::vector<std::size_t> positions,
                        published_positions(repository, book.ledger(), record_id));
  std::size_t published = 0;
  for (std::size_t position : positions) published = std::max(published, position);
  PublishedBill result{std::string(bill), record_id, static_cast<std::int64_t>(positions.size()),
                       0};
  for (std::size_t index = 0; index < history.versions.size(); ++index) {
    const k::BillVersion& version = history.versions[index];
    if (version.position <= published) continue;
    MemoryFileSystem files;
    std::vector<FileSource> sources;
    for (const auto& [language, text] : version.text) {
      MURA_ASSIGN_OR_RETURN(std::string xml,
                            bill_akoma_ntoso(book.constitution(), history, index, language));
      const std::string name = akn_file_name(language);
      MURA_TRY(write_file(files, "/" + name, xml));
      sources.push_back(FileSource{name, "/" + name, &files, "Akoma Ntoso 3.0 (" + language + ")"});
    }
    std::string ledger_lines;
    for (const auto& step : history.steps) {
      if (step.position > version.position) break;
      MURA_ASSIGN_OR_RETURN(std::string entry, book.ledger().entry(step.position));
      ledger_lines += entry + "\n";
    }
    MURA_TRY(write_file(files, "/ledger.jsonl", ledger_lines));
    sources.push_back(FileSource{std::string(kBillLedgerFile), "/ledger.jsonl", &files,
                                 "Kurultai register entries (hash-chained)"});
    record::Record draft = bill_record(book.constitution(), history, index);
    const std::string message = "Kurultai register entry " + std::to_string(version.position) +
                                ": bill " + history.id + ", " + version.label;
    Result<record::Record> written = [&]() -> Result<record::Record> {
      if (result.record_version == 0) {
        draft.id = record_id;
        return repository.create_record(std::move(draft), sources, actor, message);
      }
      MURA_ASSIGN_OR_RETURN(record::Record head, repository.read_record(record_id));
      draft.access = head.access;
      draft.parent = head.parent;
      draft.position = head.position;
      FileChanges changes;
      changes.add = sources;
      for (const auto& file : head.files) {
        const bool kept = std::any_of(sources.begin(), sources.end(),
                                      [&](const FileSource& s) { return s.path == file.path; });
        if (!kept) changes.remove.push_back(file.path);
      }
      return repository.update_record(record_id, head.version, std::move(draft), changes, actor,
                                      message);
    }();
    if (!written) return Error(written.error().with_context("publishing bill " + history.id));
    result.record_version = written->version;
    ++result.versions_written;
  }
  return result;
}

}  // namespace mura::service

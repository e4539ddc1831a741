#include "service/repository.h"

#include <openssl/rand.h>

#include <nlohmann/json.hpp>

#include "base/ark.h"
#include "base/posix_file_system.h"
#include "media/format_identification.h"
#include "record/record_json.h"
#include "service/access_hooks.h"
#include "storage/ocfl_paths.h"

namespace mura::service {
namespace {

constexpr std::string_view kConfigFile = "mura.json";
constexpr std::string_view kRecordFile = "record.json";
constexpr std::string_view kEventsFile = "events.jsonl";
constexpr std::string_view kFilesPrefix = "files/";

std::string store_directory(const std::string& directory) { return join_path(directory, "store"); }
std::string staging_directory(const std::string& directory) {
  return join_path(directory, "staging");
}
std::string catalog_path(const std::string& directory) {
  return join_path(directory, "catalog.sqlite");
}

std::string encode_config(const RepositoryConfig& config) {
  nlohmann::ordered_json json;
  json["format"] = "mura-repository/1";
  json["name"] = config.name;
  json["naan"] = config.naan;
  json["shoulder"] = config.shoulder;
  json["default_closure_years"] = config.default_closure_years;
  return json.dump(2) + "\n";
}

Result<RepositoryConfig> decode_config(std::string_view text, const std::string& path) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return invalid_argument_error(path + " is not a JSON object");
  }
  RepositoryConfig config;
  try {
    if (json.value("format", "") != "mura-repository/1") {
      return invalid_argument_error(path + ": \"format\" must be \"mura-repository/1\"");
    }
    config.name = json.value("name", config.name);
    config.naan = json.value("naan", config.naan);
    config.shoulder = json.value("shoulder", config.shoulder);
    config.default_closure_years = json.value("default_closure_years", 75);
  } catch (const nlohmann::json::exception& error) {
    return invalid_argument_error(path + ": " + error.what());
  }
  if (!is_valid_naan(config.naan)) {
    return invalid_argument_error(path + ": \"naan\" " + config.naan + " is not a valid NAAN");
  }
  return config;
}

std::string events_jsonl(const std::vector<record::Event>& events) {
  std::string text;
  for (const auto& event : events) {
    text += record::encode_event(event);
    text += '\n';
  }
  return text;
}

}  // namespace

std::string Actor::agent() const { return "mura/0.1 user:" + name; }

std::string new_uuid() {
  unsigned char bytes[16];
  MURA_CHECK(RAND_bytes(bytes, sizeof bytes) == 1);
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    text += kHex[bytes[i] >> 4];
    text += kHex[bytes[i] & 0xf];
  }
  return text;
}

record::Event make_event(std::string type, const Actor& actor, std::string outcome,
                         std::string detail) {
  return record::Event{new_uuid(), std::move(type), storage::utc_now(), actor.agent(),
                       std::move(outcome), std::move(detail)};
}

Repository::Repository(FileSystem& fs, std::string directory, RepositoryConfig config,
                       std::unique_ptr<storage::OcflStore> store,
                       std::unique_ptr<catalog::Catalog> catalog, record::ProfileSet profiles)
    : fs_(fs),
      directory_(std::move(directory)),
      config_(std::move(config)),
      store_(std::move(store)),
      catalog_(std::move(catalog)),
      profiles_(std::move(profiles)) {}

Repository::~Repository() = default;

Result<std::unique_ptr<Repository>> Repository::init(FileSystem& fs, const std::string& directory,
                                                     const RepositoryConfig& config) {
  if (!is_valid_naan(config.naan)) {
    return invalid_argument_error("NAAN \"" + config.naan + "\" is not valid (five digits)");
  }
  if (path_exists(fs, join_path(directory, kConfigFile))) {
    return already_exists_error(directory + " is already a Mura repository");
  }
  MURA_TRY(create_directories(fs, directory));
  MURA_ASSIGN_OR_RETURN(auto store, storage::OcflStore::create(fs, store_directory(directory),
                                                               staging_directory(directory)));
  store.reset();
  MURA_TRY(write_file_atomically(fs, join_path(directory, kConfigFile), encode_config(config)));
  return open(fs, directory);
}

Result<std::unique_ptr<Repository>> Repository::open(FileSystem& fs, const std::string& directory) {
  std::string config_path = join_path(directory, kConfigFile);
  auto config_text = read_file(fs, config_path);
  if (!config_text) {
    return not_found_error(directory + " is not a Mura repository (no " + std::string(kConfigFile) +
                           "); create one with `mura init " + directory + "`");
  }
  MURA_ASSIGN_OR_RETURN(RepositoryConfig config, decode_config(*config_text, config_path));
  MURA_ASSIGN_OR_RETURN(auto store, storage::OcflStore::open(fs, store_directory(directory),
                                                             staging_directory(directory)));
  MURA_ASSIGN_OR_RETURN(auto catalog, catalog::Catalog::open_sqlite(catalog_path(directory)));
  MURA_ASSIGN_OR_RETURN(auto profiles,
                        record::ProfileSet::load(default_file_system(), record::default_profile_directory()));
  return std::unique_ptr<Repository>(new Repository(fs, directory, std::move(config),
                                                    std::move(store), std::move(catalog),
                                                    std::move(profiles)));
}

std::string Repository::mint_identifier() {
  for (;;) {
    std::string id = mint_ark(config_.naan, config_.shoulder).to_string();
    if (!store_->object_exists(id)) return id;
  }
}

Result<record::Record> Repository::create_record(record::Record draft,
                                                 const std::vector<FileSource>& files,
                                                 const Actor& actor, const std::string& message) {
  FileChanges changes;
  changes.add = files;
  MURA_ASSIGN_OR_RETURN(PreparedWrite prepared,
                        prepare(RecordWrite{std::move(draft), 0, changes, message}, actor));
  return commit(prepared, actor);
}

Result<record::Record> Repository::update_record(const std::string& id,
                                                 std::int64_t expected_version,
                                                 record::Record metadata,
                                                 const FileChanges& files, const Actor& actor,
                                                 const std::string& message) {
  metadata.id = id;
  MURA_ASSIGN_OR_RETURN(
      PreparedWrite prepared,
      prepare(RecordWrite{std::move(metadata), expected_version, files, message}, actor));
  return commit(prepared, actor);
}

std::vector<Status> Repository::write_records(std::vector<RecordWrite> writes,
                                              const Actor& actor) {
  std::vector<Status> statuses(writes.size(), ok_status());
  std::vector<PreparedWrite> prepared;
  std::vector<std::size_t> positions;  // of each prepared write in `writes`
  for (std::size_t i = 0; i < writes.size(); ++i) {
    auto write = prepare(std::move(writes[i]), actor);
    if (!write) {
      statuses[i] = write.error();
      continue;
    }
    prepared.push_back(std::move(*write));
    positions.push_back(i);
  }
  std::vector<storage::NewVersion> versions;
  for (auto& write : prepared) versions.push_back(std::move(write.version));
  auto results = store_->commit_all(versions);
  for (std::size_t k = 0; k < prepared.size(); ++k) {
    statuses[positions[k]] =
        results[k].has_value() ? finish(prepared[k], actor) : Status(results[k].error());
  }
  return statuses;
}

Result<Repository::PreparedWrite> Repository::prepare(RecordWrite write, const Actor& actor) {
  record::Record& next = write.record;
  if (write.expected_version == 0) {
    if (next.id.empty()) next.id = mint_identifier();
    std::string id = next.id;
    return prepare_version(id, 0, std::move(next), write.files,
                           make_event("ingestion", actor, "success", write.message), actor,
                           write.message);
  }
  std::string id = next.id;
  MURA_ASSIGN_OR_RETURN(record::Record current, read_record(id));
  if (current.deleted) return failed_precondition_error(id + " was withdrawn; it cannot be edited");
  next.created = current.created;
  // Files carry over; the changes adjust the list.
  next.files = current.files;
  return prepare_version(id, write.expected_version, std::move(next), write.files,
                         make_event("modification", actor, "success", write.message), actor,
                         write.message);
}

Result<record::Record> Repository::delete_record(const std::string& id,
                                                 std::int64_t expected_version,
                                                 const Actor& actor, const std::string& reason) {
  MURA_ASSIGN_OR_RETURN(record::Record current, read_record(id));
  if (current.deleted) return failed_precondition_error(id + " is already withdrawn");
  record::Record tombstone = current;
  tombstone.deleted = true;
  FileChanges changes;
  for (const auto& file : current.files) changes.remove.push_back(file.path);
  MURA_ASSIGN_OR_RETURN(
      PreparedWrite prepared,
      prepare_version(id, expected_version, std::move(tombstone), changes,
                      make_event("deletion", actor, "success", reason), actor,
                      "withdrawn: " + reason));
  return commit(prepared, actor);
}

Result<Repository::PreparedWrite> Repository::prepare_version(
    const std::string& id, std::int64_t expected_version, record::Record next,
    const FileChanges& files, record::Event event, const Actor& actor,
    const std::string& message) {
  next.id = id;
  // Apply the file changes to the record's file list (the inventory keeps digests and sizes).
  for (const auto& path : files.remove) {
    std::erase_if(next.files, [&](const record::FileEntry& file) { return file.path == path; });
  }
  for (const auto& [from, to] : files.rename) {
    for (auto& file : next.files) {
      if (file.path == from) file.path = to;
    }
  }
  for (const auto& source : files.add) {
    MURA_TRY(storage::check_logical_path(source.path));
    FileSystem& source_fs = source.source_fs ? *source.source_fs : fs_;
    media::FormatInfo format = media::identify_format(source_fs, source.source_path);
    auto it = std::find_if(next.files.begin(), next.files.end(),
                           [&](const record::FileEntry& file) { return file.path == source.path; });
    record::FileEntry entry;
    entry.path = source.path;
    entry.media_type = format.media_type;
    entry.puid = format.puid;
    entry.label = source.label;
    if (it != next.files.end()) {
      *it = entry;
    } else {
      next.files.push_back(entry);
    }
  }
  if (!next.deleted) {
    auto problems = profiles_.validate(next);
    if (!problems.empty()) {
      std::string message_text = "record " + id + " is not valid:";
      for (const auto& problem : problems) message_text += "\n  - " + problem;
      return invalid_argument_error(message_text);
    }
  }
  // Access: personal-data screening before the version is stored (service/access_hooks.h).
  MURA_TRY(screen_before_commit(*catalog_, id, expected_version, next, message));
  std::string now = storage::utc_now();
  if (next.created.empty()) next.created = now;
  next.modified = now;

  std::vector<record::Event> events;
  if (expected_version > 0) {
    auto existing = store_->read(id, std::string(kEventsFile));
    if (existing.has_value()) {
      MURA_ASSIGN_OR_RETURN(events, record::decode_events(*existing));
    }
  }
  events.push_back(event);

  record::Record stored = next;
  for (auto& file : stored.files) {
    file.digest.clear();
    file.size = 0;
  }
  storage::NewVersion version;
  version.object_id = id;
  version.expected_head = static_cast<int>(expected_version);
  version.message = message.empty() ? event.type : message;
  version.user_name = actor.name;
  // OCFL asks for a URI for every user; without an e-mail address, a URN names the account.
  version.user_address = actor.address.empty() ? "urn:mura:user:" + actor.name : actor.address;
  version.created = now;
  version.add_bytes(std::string(kRecordFile), record::encode_record(stored));
  version.add_bytes(std::string(kEventsFile), events_jsonl(events));
  for (const auto& path : files.remove) version.remove(std::string(kFilesPrefix) + path);
  for (const auto& [from, to] : files.rename) {
    version.rename(std::string(kFilesPrefix) + from, std::string(kFilesPrefix) + to);
  }
  for (const auto& source : files.add) {
    version.add_file(std::string(kFilesPrefix) + source.path, source.source_path,
                     source.source_fs ? source.source_fs : &fs_);
  }
  return PreparedWrite{id, expected_version, std::move(event), message, std::move(version)};
}

Result<record::Record> Repository::commit(const PreparedWrite& write, const Actor& actor) {
  MURA_TRY(store_->commit(write.version));
  MURA_TRY(finish(write, actor));
  return read_record(write.id);
}

Status Repository::finish(const PreparedWrite& write, const Actor& actor) {
  const std::string& id = write.id;
  Status cataloged = catalog_record(id);
  if (!cataloged.ok()) {
    return cataloged.with_context("record " + id +
                                  " is stored but the catalog was not updated (run `mura "
                                  "reindex`)");
  }
  // Access: every write goes to the audit log (service/access_hooks.h).
  return audit_write(*catalog_, id, write.expected_version + 1, write.event, actor,
                     write.message);
}

Result<record::Record> Repository::read_record(const std::string& id, std::int64_t version) {
  MURA_ASSIGN_OR_RETURN(std::string json,
                        store_->read(id, std::string(kRecordFile), static_cast<int>(version)));
  auto decoded = record::decode_record(json);
  if (!decoded) return Error(decoded.error().with_context(id));
  record::Record record = std::move(*decoded);
  MURA_ASSIGN_OR_RETURN(auto inventory, store_->inventory(id));
  record.version = version == 0 ? inventory.head() : version;
  MURA_ASSIGN_OR_RETURN(auto files, store_->files(id, static_cast<int>(record.version)));
  for (auto& file : record.files) {
    for (const auto& stored : files) {
      if (stored.logical_path == std::string(kFilesPrefix) + file.path) {
        file.digest = stored.digest;
        file.size = stored.size;
      }
    }
  }
  return record;
}

Result<std::vector<record::Event>> Repository::read_events(const std::string& id) {
  MURA_ASSIGN_OR_RETURN(std::string jsonl, store_->read(id, std::string(kEventsFile)));
  // Fixity checks are logged outside the versions, in the object's logs/ directory.
  if (auto fixity = read_file(fs_, join_path(store_->object_root(id), "logs/fixity.jsonl"))) {
    jsonl += *fixity;
  }
  return record::decode_events(jsonl);
}

Status Repository::catalog_record(const std::string& id) {
  MURA_ASSIGN_OR_RETURN(record::Record record, read_record(id));
  MURA_ASSIGN_OR_RETURN(auto events, read_events(id));
  MURA_TRY(catalog_->put_record(record));
  MURA_TRY(catalog_->append_events(id, events));
  if (!record.source.empty()) MURA_TRY(catalog_->set_setting("source:" + record.source, id));
  for (const auto& observer : observers_) MURA_TRY(observer->record_cataloged(record));
  return ok_status();
}

void Repository::add_observer(std::shared_ptr<RecordObserver> observer) {
  observers_.push_back(std::move(observer));
}

}  // namespace mura::service

// Repository: one Mura repository on disk — its OCFL store, catalog, profiles and settings —
// and the record use cases on top of them (create, update, withdraw, read). Writes go to the
// store first (the truth) and then to the catalog. Thread-safe for concurrent use; concurrent
// updates of one record are detected (Aborted).
//
// Layout of a repository directory (docs/format/repository.md):
//   mura.json  settings;  store/  OCFL storage root;  staging/  versions being built;
//   catalog.sqlite  the catalog.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/file_system.h"
#include "catalog/catalog.h"
#include "record/profile.h"
#include "record/record.h"
#include "storage/ocfl_store.h"

namespace mura::service {

struct RepositoryConfig {
  std::string name = "Mura";
  std::string naan = "99999";  // the ARK Name Assigning Authority Number
  std::string shoulder = "m";
  int default_closure_years = 75;  // closure of records holding personal data
};

// Who acts: recorded in OCFL version metadata and in events.
struct Actor {
  std::string name = "mura";
  std::string address;  // "mailto:..." or empty
  std::string agent() const;  // "mura/0.1 user:alice"
};

// A file to deposit: stored under files/<path> of the record's object.
struct FileSource {
  std::string path;         // logical path below files/
  std::string source_path;  // where to copy it from (read through `source_fs`)
  FileSystem* source_fs = nullptr;  // default: the repository's file system
  std::string label;
};

// How an update treats the files of the record.
struct FileChanges {
  std::vector<FileSource> add;  // added or replaced
  std::vector<std::string> remove;
  std::vector<std::pair<std::string, std::string>> rename;
};

// One write of Repository::write_records(): a new record (its id minted unless set) when
// expected_version is 0, else a new version of record `record.id`, as update_record() makes it.
struct RecordWrite {
  record::Record record;
  std::int64_t expected_version = 0;
  FileChanges files;
  std::string message;
};

// Told of every record the repository catalogs (after a write, an ingest or a reindex), so that
// derived indexes — search, derivatives — follow the store. The store and catalog already hold
// the record when it is called; an error is reported to the writer with the advice to reindex.
class RecordObserver {
 public:
  virtual ~RecordObserver() = default;
  // `head` is the record's head version (a tombstone when it was withdrawn).
  virtual Status record_cataloged(const record::Record& head) = 0;
};

class Repository {
 public:
  // Creates a repository in `directory` (which must not exist or be empty).
  static Result<std::unique_ptr<Repository>> init(FileSystem& fs, const std::string& directory,
                                                  const RepositoryConfig& config);
  // Opens an existing repository; NotFound names the directory when it is not one.
  static Result<std::unique_ptr<Repository>> open(FileSystem& fs, const std::string& directory);

  ~Repository();

  // Creates a record from `draft` (its id is minted unless set), with its files. The draft is
  // validated against its kind's profile; InvalidArgument lists every problem.
  Result<record::Record> create_record(record::Record draft, const std::vector<FileSource>& files,
                                       const Actor& actor, const std::string& message);
  // Adds a version: new descriptive metadata (fields, access, rights, parent, position, kind)
  // and file changes. `expected_version` is the version the caller read (Aborted otherwise).
  Result<record::Record> update_record(const std::string& id, std::int64_t expected_version,
                                       record::Record metadata, const FileChanges& files,
                                       const Actor& actor, const std::string& message);
  // Writes several records, each a different one, with one group commit of the store
  // (OcflStore::commit_all: their syncs are shared), then catalogs each. One status per write,
  // in order, with the codes create_record() and update_record() return; a write that fails
  // leaves its record as it was, and one that returns OK is durable and cataloged.
  std::vector<Status> write_records(std::vector<RecordWrite> writes, const Actor& actor);
  // Withdraws a record: a tombstone version without files; older versions stay readable.
  Result<record::Record> delete_record(const std::string& id, std::int64_t expected_version,
                                       const Actor& actor, const std::string& reason);
  // The record at `version` (0 = head), read from the store.
  Result<record::Record> read_record(const std::string& id, std::int64_t version = 0);
  // The record's event log (head version's events.jsonl plus logged fixity checks).
  Result<std::vector<record::Event>> read_events(const std::string& id);

  // Puts the store's head of `id` into the catalog (after a write, or for reindex).
  Status catalog_record(const std::string& id);

  storage::OcflStore& store() { return *store_; }
  catalog::Catalog& catalog() { return *catalog_; }
  const record::ProfileSet& profiles() const { return profiles_; }
  const RepositoryConfig& config() const { return config_; }
  FileSystem& file_system() { return fs_; }
  const std::string& directory() const { return directory_; }

  // Adds an observer (kept for the repository's lifetime). Not thread-safe: add observers
  // before the repository is shared.
  void add_observer(std::shared_ptr<RecordObserver> observer);

  // Mints an ARK that no object in the store has.
  std::string mint_identifier();

 private:
  Repository(FileSystem& fs, std::string directory, RepositoryConfig config,
             std::unique_ptr<storage::OcflStore> store, std::unique_ptr<catalog::Catalog> catalog,
             record::ProfileSet profiles);
  // A write checked and turned into the store's new version, not yet committed.
  struct PreparedWrite {
    std::string id;
    std::int64_t expected_version = 0;
    record::Event event;
    std::string message;
    storage::NewVersion version;
  };
  Result<PreparedWrite> prepare(RecordWrite write, const Actor& actor);
  Result<PreparedWrite> prepare_version(const std::string& id, std::int64_t expected_version,
                                        record::Record next, const FileChanges& files,
                                        record::Event event, const Actor& actor,
                                        const std::string& message);
  Result<record::Record> commit(const PreparedWrite& write, const Actor& actor);
  // Catalogs and audits a committed write.
  Status finish(const PreparedWrite& write, const Actor& actor);

  FileSystem& fs_;
  std::string directory_;
  RepositoryConfig config_;
  std::unique_ptr<storage::OcflStore> store_;
  std::unique_ptr<catalog::Catalog> catalog_;
  record::ProfileSet profiles_;
  std::vector<std::shared_ptr<RecordObserver>> observers_;
};

// A new PREMIS-style event with a fresh UUID and the current time.
record::Event make_event(std::string type, const Actor& actor, std::string outcome,
                         std::string detail);
std::string new_uuid();

}  // namespace mura::service

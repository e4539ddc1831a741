// `mura init | ingest | export | verify | reindex | show | list | lookup | versions`.
#include <cstdlib>
#include <iostream>

#include <nlohmann/json.hpp>

#include "base/posix_file_system.h"
#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/invocation.h"
#include "cli/progress.h"
#include "record/record_json.h"
#include "service/ingest.h"
#include "service/maintenance.h"
#include "service/search_sync.h"
#include "storage/ocfl_validator.h"

namespace mura::cli {

int usage_error(std::ostream& err, const std::string& command, const std::string& message) {
  err << "mura " << command << ": " << message << " (see mura --help)\n";
  return 2;
}

int failure(std::ostream& err, const std::string& command, const Status& status) {
  err << "mura " << command << ": " << status.message() << "\n";
  return 1;
}

std::optional<Invocation> open_invocation(const std::string& command, const Args& args,
                                          std::set<std::string> flags,
                                          std::set<std::string> options, std::ostream& err,
                                          int& code) {
  options.insert("repo");
  auto parsed = Arguments::parse(args, flags, options);
  if (!parsed) {
    code = usage_error(err, command, parsed.error().message());
    return std::nullopt;
  }
  std::string directory = parsed->option_or("repo", "");
  if (directory.empty()) {
    if (const char* env = std::getenv("MURA_REPO")) directory = env;
  }
  if (directory.empty()) {
    code = usage_error(err, command, "no repository: pass --repo DIR or set MURA_REPO");
    return std::nullopt;
  }
  auto repository = service::Repository::open(default_file_system(), directory);
  if (!repository) {
    code = failure(err, command, repository.error());
    return std::nullopt;
  }
  // The search index follows every write. The server commits each record at once (and lets go
  // of the index between writes); other commands hold it and commit in batches and at exit.
  service::SearchSyncOptions search;
  search.commit = command == "serve" ? service::SearchSyncOptions::Commit::kEachRecord
                                     : service::SearchSyncOptions::Commit::kBatched;
  service::attach_search_sync(**repository, search);
  return Invocation{std::move(*parsed), std::move(*repository)};
}

service::Actor current_actor() {
  service::Actor actor;
  const char* user = std::getenv("USER");
  actor.name = user != nullptr && *user != '\0' ? user : "mura";
  return actor;
}

namespace {

nlohmann::ordered_json record_to_json(const record::Record& record) {
  auto json = nlohmann::ordered_json::parse(record::encode_record(record));
  json["version"] = record.version;
  for (std::size_t i = 0; i < record.files.size(); ++i) {
    json["files"][i]["digest"] = record.files[i].digest;
    json["files"][i]["size"] = record.files[i].size;
  }
  return json;
}

}  // namespace

int run_init(const Args& args, std::ostream& out, std::ostream& err) {
  auto parsed = Arguments::parse(args, {}, {"naan", "name"});
  if (!parsed) return usage_error(err, "init", parsed.error().message());
  if (parsed->operands().size() != 1) return usage_error(err, "init", "name one directory");
  service::RepositoryConfig config;
  config.naan = parsed->option_or("naan", config.naan);
  config.name = parsed->option_or("name", config.name);
  const std::string& directory = parsed->operands()[0];
  auto repository = service::Repository::init(default_file_system(), directory, config);
  if (!repository) return failure(err, "init", repository.error());
  out << "created repository " << directory << " (NAAN " << config.naan << ")\n";
  return 0;
}

int run_ingest(const Args& args, std::ostream& out, std::ostream& err) {
  int code = 0;
  auto invocation = open_invocation("ingest", args, {"dry-run", "json"}, {"threads"}, err, code);
  if (!invocation) return code;
  const auto& arguments = invocation->arguments;
  if (arguments.operands().size() != 1) {
    return usage_error(err, "ingest", "name one source: a CSV sheet, a bag or a directory");
  }
  auto threads = arguments.integer_option("threads", 2, 1, 64);
  if (!threads) return usage_error(err, "ingest", threads.error().message());
  service::IngestOptions options;
  options.mode = arguments.flag("dry-run") ? service::IngestMode::kDryRun : service::IngestMode::kApply;
  options.actor = current_actor();
  options.threads = *threads;
  Progress progress(options.mode == service::IngestMode::kDryRun ? "checking" : "ingesting",
                    "records");
  options.progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); };
  service::IngestReport report =
      service::ingest(*invocation->repository, arguments.operands()[0], options);
  progress.finish();
  if (arguments.flag("json")) {
    out << report.to_json() << "\n";
  } else {
    if (options.mode == service::IngestMode::kDryRun && report.ok()) out << "dry run: would have ";
    out << report.to_text();
  }
  return report.ok() ? 0 : 1;
}

int run_export(const Args& args, std::ostream& out, std::ostream& err) {
  int code = 0;
  auto invocation = open_invocation("export", args, {}, {"bag"}, err, code);
  if (!invocation) return code;
  const auto& arguments = invocation->arguments;
  auto bag = arguments.option("bag");
  if (arguments.operands().size() != 1 || !bag) {
    return usage_error(err, "export", "usage: mura export ID --bag OUT");
  }
  Status status = service::export_bag(*invocation->repository, arguments.operands()[0], *bag);
  if (!status.ok()) return failure(err, "export", status);
  out << "wrote bag " << *bag << "\n";
  return 0;
}

int run_verify(const Args& args, std::ostream& out, std::ostream& err) {
  int code = 0;
  auto invocation = open_invocation("verify", args, {"fixity", "json"}, {"threads"}, err, code);
  if (!invocation) return code;
  const auto& arguments = invocation->arguments;
  auto threads = arguments.integer_option("threads", 2, 1, 64);
  if (!threads) return usage_error(err, "verify", threads.error().message());
  auto& repository = *invocation->repository;
  std::vector<std::string> ids = arguments.operands();
  bool ok = true;
  nlohmann::ordered_json json;
  // Structure: every object validates as OCFL (digests are checked by --fixity).
  {
    std::vector<std::string> objects = ids;
    if (objects.empty()) {
      auto all = repository.store().object_ids();
      if (!all) return failure(err, "verify", all.error());
      objects = std::move(*all);
    }
    storage::ValidationOptions validation;
    validation.check_digests = false;
    std::size_t invalid = 0;
    json["structure"] = nlohmann::ordered_json::array();
    for (const auto& id : objects) {
      if (!repository.store().object_exists(id)) {
        err << "mura verify: no object " << id << "\n";
        ok = false;
        continue;
      }
      auto report = storage::validate_object(repository.file_system(),
                                             repository.store().object_root(id), validation);
      if (!report.valid()) {
        ++invalid;
        ok = false;
        if (!arguments.flag("json")) out << id << ":\n" << report.to_text();
        json["structure"].push_back({{"id", id}, {"report", nlohmann::ordered_json::parse(report.to_json())}});
      }
    }
    if (!arguments.flag("json")) {
      out << objects.size() << " objects checked: "
          << (invalid == 0 ? "all valid OCFL" : std::to_string(invalid) + " invalid") << "\n";
    }
  }
  if (arguments.flag("fixity")) {
    service::FixityOptions options;
    options.threads = *threads;
    options.actor = current_actor();
    Progress progress("fixity", "bytes");
    options.progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); };
    service::FixityReport report = service::audit_fixity(repository, ids, options);
    progress.finish();
    ok = ok && report.ok();
    if (arguments.flag("json")) {
      json["fixity"] = nlohmann::ordered_json::parse(report.to_json());
    } else {
      out << report.to_text();
    }
  }
  if (arguments.flag("json")) {
    json["ok"] = ok;
    out << json.dump(2) << "\n";
  }
  return ok ? 0 : 1;
}

int run_reindex(const Args& args, std::ostream& out, std::ostream& err) {
  int code = 0;
  auto invocation = open_invocation("reindex", args, {}, {"threads"}, err, code);
  if (!invocation) return code;
  auto threads = invocation->arguments.integer_option("threads", 2, 1, 64);
  if (!threads) return usage_error(err, "reindex", threads.error().message());
  Progress progress("reindexing", "records");
  auto report = service::reindex(*invocation->repository, *threads,
                                 [&](std::size_t done, std::size_t total) { progress.update(done, total); });
  progress.finish();
  for (const auto& problem : report.problems) err << "mura reindex: " << problem << "\n";
  out << "reindexed " << report.records << " records (catalog and search index) in " << report.seconds << " s\n";
  return report.problems.empty() ? 0 : 1;
}

int run_show(const Args& args, std::ostream& out, std::ostream& err) {
  int code = 0;
  auto invocation = open_invocation("show", args, {"json"}, {"version", "lang"}, err, code);
  if (!invocation) return code;
  const auto& arguments = invocation->arguments;
  if (arguments.operands().size() != 1) return usage_error(err, "show", "name one record");
  auto version = arguments.integer_option("version", 0, 0, 1 << 30);
  if (!version) return usage_error(err, "show", version.error().message());
  auto record = invocation->repository->read_record(arguments.operands()[0], *version);
  if (!record) return failure(err, "show", record.error());
  if (arguments.flag("json")) {
    out << record_to_json(*record).dump(2) << "\n";
    return 0;
  }
  std::string lang = arguments.option_or("lang", "");
  out << record->id << "  " << record::kind_name(record->kind)
      << (record->level.empty() ? "" : " (" + record->level + ")") << "  v" << record->version
      << (record->deleted ? "  WITHDRAWN" : "") << "\n";
  out << "  title: " << record->first_value("title", lang) << "\n";
  if (!record->parent.empty()) out << "  parent: " << record->parent << "\n";
  for (const auto& [field, values] : record->fields) {
    if (field == "title") continue;
    for (const auto& value : values) {
      out << "  " << field << (value.language.empty() ? "" : "@" + value.language) << ": "
          << value.value << "\n";
    }
  }
  out << "  access: metadata " << record::access_level_name(record->access.metadata) << ", files "
      << record::access_level_name(record->access.files) << "\n";
  for (const auto& file : record->files) {
    out << "  file: " << file.path << "  " << file.size << " bytes  " << file.media_type
        << (file.puid.empty() ? "" : " (" + file.puid + ")") << "\n";
  }
  return 0;
}

int run_list(const Args& args, std::ostream& out, std::ostream& err) {
  int code = 0;
  auto invocation = open_invocation("list", args, {"json", "deleted"},
                                    {"kind", "parent", "collection", "since", "limit", "cursor"},
                                    err, code);
  if (!invocation) return code;
  const auto& arguments = invocation->arguments;
  auto limit = arguments.integer_option("limit", 50, 1, 1000);
  if (!limit) return usage_error(err, "list", limit.error().message());
  catalog::ListFilter filter;
  if (auto kind = arguments.option("kind")) {
    filter.kind = record::parse_kind(*kind);
    if (!filter.kind) return usage_error(err, "list", "\"" + *kind + "\" is not a kind");
  }
  filter.parent = arguments.option_or("parent", "");
  filter.collection = arguments.option_or("collection", "");
  filter.modified_since = arguments.option_or("since", "");
  filter.include_deleted = arguments.flag("deleted");
  auto page = invocation->repository->catalog().list(filter, arguments.option_or("cursor", ""), *limit);
  if (!page) return failure(err, "list", page.error());
  if (arguments.flag("json")) {
    nlohmann::ordered_json json;
    json["items"] = nlohmann::ordered_json::array();
    for (const auto& item : page->items) {
      json["items"].push_back({{"id", item.id},
                               {"kind", record::kind_name(item.kind)},
                               {"level", item.level},
                               {"parent", item.parent},
                               {"title", item.title},
                               {"modified", item.modified}});
    }
    json["next"] = page->next_cursor;
    out << json.dump(2) << "\n";
    return 0;
  }
  for (const auto& item : page->items) {
    out << item.id << "  " << record::kind_name(item.kind)
        << (item.level.empty() ? "" : "/" + item.level) << "  " << item.title << "\n";
  }
  if (!page->next_cursor.empty()) out << "(more: --cursor " << page->next_cursor << ")\n";
  return 0;
}

int run_lookup(const Args& args, std::ostream& out, std::ostream& err) {
  int code = 0;
  auto invocation = open_invocation("lookup", args, {}, {}, err, code);
  if (!invocation) return code;
  if (invocation->arguments.operands().size() != 1) return usage_error(err, "lookup", "name one value");
  auto ids = invocation->repository->catalog().find_by_identifier(invocation->arguments.operands()[0]);
  if (!ids) return failure(err, "lookup", ids.error());
  for (const auto& id : *ids) out << id << "\n";
  return ids->empty() ? 1 : 0;
}

int run_versions(const Args& args, std::ostream& out, std::ostream& err) {
  int code = 0;
  auto invocation = open_invocation("versions", args, {}, {}, err, code);
  if (!invocation) return code;
  if (invocation->arguments.operands().size() != 1) return usage_error(err, "versions", "name one record");
  auto versions = invocation->repository->store().versions(invocation->arguments.operands()[0]);
  if (!versions) return failure(err, "versions", versions.error());
  for (const auto& version : *versions) {
    out << "v" << version.number << "  " << version.created << "  " << version.user_name << "  "
        << version.message << "\n";
  }
  return 0;
}

}  // namespace mura::cli

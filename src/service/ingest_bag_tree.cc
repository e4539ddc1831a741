// Reading a BagIt bag or a directory tree into ingest items (docs/format/sheet.md describes the
// bag-info labels Mura reads).
#include <algorithm>

#include "formats/bagit.h"
#include "record/profile.h"
#include "service/ingest.h"

namespace mura::service {
namespace {

// Lists the regular files below `directory` (relative paths, sorted), skipping dot-files.
Status list_files(FileSystem& fs, const std::string& directory, const std::string& prefix,
                  std::vector<std::string>& files, std::vector<std::string>& directories) {
  MURA_ASSIGN_OR_RETURN(auto entries, fs.list_directory(join_path(directory, prefix)));
  for (const auto& entry : entries) {
    if (entry.name.starts_with(".")) continue;
    std::string relative = prefix.empty() ? entry.name : prefix + "/" + entry.name;
    if (entry.type == FileType::kDirectory) {
      directories.push_back(relative);
      MURA_TRY(list_files(fs, directory, relative, files, directories));
    } else if (entry.type == FileType::kFile) {
      files.push_back(relative);
    }
  }
  return ok_status();
}

std::string without_extension(const std::string& name) {
  auto dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

}  // namespace

std::vector<IngestItem> read_bag(Repository& repository, const std::string& path,
                                 IngestReport& report) {
  FileSystem& fs = repository.file_system();
  std::string bag_name = file_name(path);
  formats::BagReport bag = formats::validate_bag(fs, path);
  for (const auto& error : bag.errors) {
    report.problems.push_back(bag_name + "/" + error.path + ": " + error.message);
  }
  if (!bag.valid()) return {};

  IngestItem item;
  item.location = "bag " + bag_name;
  item.draft.kind = record::Kind::kArchivalUnit;
  item.draft.level = "item";
  std::string language = "und";
  std::string external_identifier;
  for (const auto& [label, value] : bag.info) {
    if (label == "Mura-Kind") {
      auto kind = record::parse_kind(value);
      if (!kind) {
        report.problems.push_back(item.location + ", bag-info.txt Mura-Kind: \"" + value +
                                  "\" is not a kind");
      } else {
        item.draft.kind = *kind;
        if (*kind != record::Kind::kArchivalUnit) item.draft.level.clear();
      }
    } else if (label == "Mura-Level") {
      item.draft.level = value;
    } else if (label == "Mura-Language") {
      language = value;
    } else if (label == "Mura-Parent") {
      item.parent_id = value;
    } else if (label == "External-Identifier") {
      external_identifier = value;
    }
  }
  const record::Profile& profile = repository.profiles().profile(item.draft.kind);
  auto add = [&](const std::string& field, std::string lang, const std::string& value) {
    const record::FieldDefinition* definition = profile.field(field);
    if (definition == nullptr) {
      report.problems.push_back(item.location + ", bag-info.txt: " +
                                std::string(record::kind_name(item.draft.kind)) +
                                " has no field \"" + field + "\"");
      return;
    }
    if (!definition->multilingual) lang.clear();
    item.draft.fields[field].push_back({lang, value});
  };
  for (const auto& [label, value] : bag.info) {
    if (label == "Title") add("title", language, value);
    if (label == "External-Description") add("description", language, value);
    if (label == "External-Identifier") add("identifier", "", value);
    // "Mura-Field-<name>" or "Mura-Field-<name>@<lang>": any profile field.
    if (label.starts_with("Mura-Field-")) {
      std::string name = label.substr(11);
      std::string lang;
      if (auto at = name.find('@'); at != std::string::npos) {
        lang = name.substr(at + 1);
        name = name.substr(0, at);
      }
      add(name, lang, value);
    }
  }
  if (item.draft.fields.count("title") == 0) add("title", language, bag_name);
  if (item.draft.kind == record::Kind::kArchivalUnit && item.draft.fields.count("reference_code") == 0) {
    add("reference_code", "", external_identifier.empty() ? bag_name : external_identifier);
  }
  if (!item.parent_id.empty()) {
    if (auto found = repository.catalog().find_by_identifier(item.parent_id);
        found && found->size() == 1) {
      item.parent_id = found->front();
    } else if (!repository.store().object_exists(item.parent_id)) {
      report.problems.push_back(item.location + ", bag-info.txt Mura-Parent: \"" +
                                item.parent_id + "\" is not a known record");
    }
  }
  item.source = "bag:" + (external_identifier.empty() ? bag_name : external_identifier);
  for (const auto& [payload_path, digest] : bag.payload) {
    FileSource source;
    source.path = payload_path;
    source.source_path = join_path(join_path(path, "data"), payload_path);
    item.files.push_back(std::move(source));
  }
  std::sort(item.files.begin(), item.files.end(),
            [](const FileSource& a, const FileSource& b) { return a.path < b.path; });
  return {std::move(item)};
}

std::vector<IngestItem> read_tree(Repository& repository, const std::string& path,
                                  IngestReport& report) {
  FileSystem& fs = repository.file_system();
  std::string root_name = file_name(path);
  std::vector<std::string> files;
  std::vector<std::string> directories;
  if (Status listed = list_files(fs, path, "", files, directories); !listed.ok()) {
    report.problems.push_back(root_name + ": " + listed.message());
    return {};
  }
  auto source_of = [&](const std::string& relative) {
    return "tree:" + root_name + (relative.empty() ? "" : "/" + relative);
  };
  auto unit = [&](const std::string& relative, const std::string& level, const std::string& title) {
    IngestItem item;
    item.source = source_of(relative);
    item.location = root_name + (relative.empty() ? "" : "/" + relative);
    item.draft.kind = record::Kind::kArchivalUnit;
    item.draft.level = level;
    item.draft.fields["title"] = {{"und", title}};
    // ISAD(G) asks every unit for a reference code: the path within the tree serves.
    item.draft.fields["reference_code"] = {{"", root_name + (relative.empty() ? "" : "/" + relative)}};
    if (!relative.empty()) item.parent_key = source_of(parent_path(relative));
    return item;
  };
  std::vector<IngestItem> items;
  items.push_back(unit("", "fonds", root_name));
  std::int64_t position = 0;
  for (const auto& directory : directories) {
    bool top = directory.find('/') == std::string::npos;
    IngestItem item = unit(directory, top ? "series" : "file", file_name(directory));
    item.draft.position = ++position;
    items.push_back(std::move(item));
  }
  for (const auto& relative : files) {
    IngestItem item = unit(relative, "item", without_extension(file_name(relative)));
    item.draft.position = ++position;
    FileSource source;
    source.path = file_name(relative);
    source.source_path = join_path(path, relative);
    item.files.push_back(std::move(source));
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace mura::service

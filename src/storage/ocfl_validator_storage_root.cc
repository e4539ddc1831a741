// validate_storage_root(): the storage root declaration, ocfl_layout.json and the storage
// layout extension, the storage hierarchy, and every object in it (OCFL 1.1 section 4).
#include <map>
#include <utility>

#include "storage/ocfl_validator_internal.h"

namespace mura::storage {
namespace validator_detail {
namespace {

constexpr std::string_view kHashedNTupleLayout = "0004-hashed-n-tuple-storage-layout";

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

// The parameters of extension 0004, with the extension's defaults.
struct HashedNTupleLayout {
  DigestAlgorithm algorithm = DigestAlgorithm::kSha256;
  std::size_t tuple_size = 3;
  std::size_t number_of_tuples = 3;
  bool short_object_root = false;

  // The object root of `id` relative to the storage root, e.g. "3c0/ff4/240/3c0ff4...".
  std::string object_path(const std::string& id) const {
    std::string digest = digest_hex(algorithm, id);
    std::string path;
    for (std::size_t i = 0; i < number_of_tuples; ++i) {
      path += digest.substr(i * tuple_size, tuple_size) + "/";
    }
    path += short_object_root ? digest.substr(number_of_tuples * tuple_size) : digest;
    return path;
  }
};

class StorageRootValidator {
 public:
  StorageRootValidator(FileSystem& fs, std::string root, const ValidationOptions& options,
                       Issues& issues)
      : fs_(fs), root_(std::move(root)), options_(options), issues_(issues) {}

  void run() {
    auto entries = fs_.list_directory(root_);
    if (!entries.has_value()) {
      issues_.error("E069", ".",
                    "the storage root cannot be listed (" + entries.error().message() + ").");
      return;
    }
    check_declaration(*entries);
    check_layout(*entries);
    for (const auto& entry : *entries) {
      if (entry.type == FileType::kOther) {
        issues_.error("E090", entry.name, "links are not allowed in a storage root.");
      } else if (entry.type != FileType::kDirectory) {
        continue;  // E087: files the validator does not understand are ignored
      } else if (entry.name == "extensions") {
        check_extensions();
      } else if (walk(entry.name) == Subtree::kNoObject) {
        issues_.error("E085", entry.name,
                      "this branch of the storage hierarchy holds no OCFL object.");
      }
    }
  }

 private:
  enum class Subtree { kEmpty, kNoObject, kHasObject };

  std::string full(const std::string& relative) const { return join_path(root_, relative); }

  std::string code(std::string_view code_1_1, std::string_view code_1_0) const {
    return std::string(spec_ == SpecVersion::k1_1 ? code_1_1 : code_1_0);
  }

  void check_declaration(const std::vector<DirectoryEntry>& entries) {
    std::vector<const DirectoryEntry*> declarations;
    for (const auto& entry : entries) {
      if (entry.name.starts_with("0=")) declarations.push_back(&entry);
    }
    if (declarations.empty()) {
      issues_.error("E069", ".",
                    "the storage root has no conformance declaration (expected a "
                    "file named 0=ocfl_1.1 or 0=ocfl_1.0).");
      return;
    }
    if (declarations.size() > 1) {
      issues_.error("E076", ".",
                    "the storage root has " + std::to_string(declarations.size()) +
                        " conformance declarations; exactly one is allowed.");
    }
    const DirectoryEntry& declaration = *declarations.front();
    std::string value = declaration.name.substr(2);
    if (!value.starts_with("ocfl_") || value.starts_with("ocfl_object_")) {
      issues_.error("E079", declaration.name,
                    "the declaration names " + in_quotes(value) +
                        ", not ocfl_ followed by the OCFL version (an object declaration in a "
                        "storage root?).");
      return;
    }
    auto version = parse_spec_version(std::string_view(value).substr(5));
    if (!version) {
      issues_.error("E077", declaration.name,
                    "the declaration names the OCFL version " + in_quotes(value.substr(5)) +
                        ", which is neither 1.0 nor 1.1.");
      return;
    }
    declared_ = version;
    spec_ = *version;
    auto text = declaration.type == FileType::kFile ? read_file(fs_, full(declaration.name))
                                                    : Result<std::string>(std::string());
    if (!text.has_value() || *text != value + "\n") {
      issues_.error("E080", declaration.name,
                    "the declaration file must contain exactly " + in_quotes(value + "\\n") + ".");
    }
  }

  void check_layout(const std::vector<DirectoryEntry>& entries) {
    bool present = false;
    for (const auto& entry : entries) present |= entry.name == "ocfl_layout.json";
    if (!present) return;
    auto text = read_file(fs_, full("ocfl_layout.json"));
    std::string error = text.has_value() ? "" : text.error().message();
    auto document = text.has_value() ? parse_strict_json(*text, error) : std::nullopt;
    if (!document || !document->is_object()) {
      issues_.error("E070", "ocfl_layout.json",
                    "ocfl_layout.json is not a JSON object" +
                        (error.empty() ? std::string(".") : " (" + error + ")."));
      return;
    }
    for (const char* key : {"extension", "description"}) {
      auto it = document->find(key);
      if (it == document->end() || !it->is_string()) {
        issues_.error("E070", "ocfl_layout.json",
                      "ocfl_layout.json has no string " + in_quotes(key) + " key.");
      }
    }
    auto extension = document->find("extension");
    if (extension != document->end() && extension->is_string() &&
        *extension == std::string(kHashedNTupleLayout)) {
      read_hashed_n_tuple_config();
    }
  }

  // Reads extensions/0004-hashed-n-tuple-storage-layout/config.json (defaults when absent).
  void read_hashed_n_tuple_config() {
    std::string path = "extensions/" + std::string(kHashedNTupleLayout) + "/config.json";
    HashedNTupleLayout layout;
    if (!path_exists(fs_, full(path))) {
      layout_ = layout;
      return;
    }
    auto text = read_file(fs_, full(path));
    std::string error = text.has_value() ? "" : text.error().message();
    auto config = text.has_value() ? parse_strict_json(*text, error) : std::nullopt;
    auto invalid = [&](const std::string& why) {
      issues_.error("E083", path,
                    "the layout configuration is invalid, so objects cannot be mapped to paths: " +
                        why + ".");
    };
    if (!config || !config->is_object()) {
      invalid(error.empty() ? "not a JSON object" : error);
      return;
    }
    auto name = config->find("extensionName");
    if (name == config->end() || *name != std::string(kHashedNTupleLayout)) {
      invalid("extensionName must be " + in_quotes(kHashedNTupleLayout));
      return;
    }
    if (auto it = config->find("digestAlgorithm"); it != config->end()) {
      auto algorithm =
          it->is_string() ? parse_digest_algorithm(it->get<std::string>()) : std::nullopt;
      if (!algorithm) {
        invalid("digestAlgorithm " + it->dump() + " is not an algorithm mura can compute");
        return;
      }
      layout.algorithm = *algorithm;
    }
    for (auto [key, field] : {std::pair{"tupleSize", &layout.tuple_size},
                              std::pair{"numberOfTuples", &layout.number_of_tuples}}) {
      auto it = config->find(key);
      if (it == config->end()) continue;
      if (!it->is_number_unsigned() || it->get<std::uint64_t>() > 32) {
        invalid(std::string(key) + " must be an integer from 0 to 32");
        return;
      }
      *field = it->get<std::size_t>();
    }
    if (auto it = config->find("shortObjectRoot"); it != config->end()) {
      if (!it->is_boolean()) {
        invalid("shortObjectRoot must be true or false");
        return;
      }
      layout.short_object_root = it->get<bool>();
    }
    std::size_t used = layout.tuple_size * layout.number_of_tuples;
    std::size_t length = digest_hex_length(layout.algorithm);
    if ((layout.tuple_size == 0) != (layout.number_of_tuples == 0)) {
      invalid("tupleSize and numberOfTuples must both be 0 or both be positive");
    } else if (used > length) {
      invalid("tupleSize times numberOfTuples exceeds the " + std::to_string(length) +
              " characters of the digest");
    } else if (used == length && layout.short_object_root) {
      invalid("shortObjectRoot must be false when the tuples use the whole digest");
    } else {
      layout_ = layout;
    }
  }

  void check_extensions() {
    auto entries = fs_.list_directory(full("extensions"));
    if (!entries.has_value()) return;
    for (const auto& entry : *entries) {
      std::string path = "extensions/" + entry.name;
      if (entry.type != FileType::kDirectory) {
        issues_.error(code("E112", "E086"), path,
                      "the extensions directory may hold only extension directories.");
      } else if (!is_registered_extension(entry.name) && spec_ == SpecVersion::k1_1) {
        issues_.warning("W016", path,
                        in_quotes(entry.name) + " is not a registered extension name.");
      }
    }
  }

  // Walks a directory of the storage hierarchy: either an object root or a directory that
  // holds only directories leading to objects.
  Subtree walk(const std::string& directory) {
    auto entries = fs_.list_directory(full(directory));
    if (!entries.has_value()) return Subtree::kNoObject;
    for (const auto& entry : *entries) {
      if (entry.name.starts_with("0=ocfl_object_")) {
        check_object(directory);
        return Subtree::kHasObject;
      }
    }
    if (entries->empty()) {
      issues_.error("E073", directory, "empty directories are not allowed under a storage root.");
      return Subtree::kEmpty;
    }
    bool has_object = false;
    std::vector<std::string> barren;  // subdirectories without any object
    for (const auto& entry : *entries) {
      std::string path = directory + "/" + entry.name;
      if (entry.type == FileType::kDirectory) {
        Subtree subtree = walk(path);
        has_object |= subtree == Subtree::kHasObject;
        if (subtree == Subtree::kNoObject) barren.push_back(path);
      } else if (entry.type == FileType::kOther) {
        issues_.error("E090", path, "links are not allowed in a storage hierarchy.");
      } else {
        issues_.error("E084", path,
                      "files are not allowed in the intermediate directories of the storage "
                      "hierarchy, only in objects.");
      }
    }
    if (!has_object) return Subtree::kNoObject;
    for (const auto& path : barren) {
      issues_.error("E085", path, "this branch of the storage hierarchy holds no OCFL object.");
    }
    return Subtree::kHasObject;
  }

  void check_object(const std::string& directory) {
    ValidationReport object_report;
    Issues object_issues(object_report);
    ObjectSummary summary = validate_object_into(fs_, full(directory), options_, object_issues);
    append_prefixed(object_report, directory, issues_.report());
    if (summary.declared && declared_ && *summary.declared > *declared_) {
      issues_.error("E081", directory,
                    "the object declares OCFL " +
                        std::string(spec_version_name(*summary.declared)) +
                        ", newer than the storage root's " +
                        std::string(spec_version_name(*declared_)) + ".");
    }
    if (!summary.id) return;
    auto [previous, inserted] = object_paths_.emplace(*summary.id, directory);
    if (!inserted) {
      issues_.error("E037", directory,
                    "the object id " + in_quotes(*summary.id) + " is also used by the object at " +
                        previous->second + "; ids must be unique in a storage root.");
    }
    if (layout_) {
      std::string expected = layout_->object_path(*summary.id);
      if (expected != directory) {
        issues_.error("E083", directory,
                      "the object " + in_quotes(*summary.id) + " is at " + directory + " but " +
                          std::string(kHashedNTupleLayout) + " maps its id to " + expected + ".");
      }
    }
  }

  FileSystem& fs_;
  std::string root_;
  const ValidationOptions& options_;
  Issues& issues_;
  std::optional<SpecVersion> declared_;
  SpecVersion spec_ = SpecVersion::k1_1;
  std::optional<HashedNTupleLayout> layout_;
  std::map<std::string, std::string> object_paths_;  // id -> path of the first object with it
};

}  // namespace
}  // namespace validator_detail

ValidationReport validate_storage_root(FileSystem& fs, const std::string& root,
                                       const ValidationOptions& options) {
  ValidationReport report;
  validator_detail::Issues issues(report);
  validator_detail::StorageRootValidator(fs, root, options, issues).run();
  return report;
}

}  // namespace mura::storage

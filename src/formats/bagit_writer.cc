// write_bag(): builds a bag in a sibling staging directory and renames it into place.
#include <algorithm>
#include <atomic>
#include <cctype>
#include <ctime>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "formats/bagit.h"

namespace mura::formats {

namespace {

constexpr std::string_view kSoftwareAgent = "Mura digital repository";
constexpr std::size_t kCopyPieceSize = 1 << 20;

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

bool is_linear_whitespace(char c) { return c == ' ' || c == '\t'; }

std::string today_utc() {
  std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char buffer[16];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%d", &parts);
  return buffer;
}

bool is_reserved_tag_name(std::string_view name) {
  if (name == "bagit.txt" || name == "bag-info.txt" || name == "fetch.txt" || name == "data" ||
      name.starts_with("data/")) {
    return true;
  }
  bool manifest_like = name.starts_with("manifest-") || name.starts_with("tagmanifest-");
  return manifest_like && name.ends_with(".txt") && name.find('/') == std::string_view::npos;
}

Status check_options(const std::vector<BagPayloadFile>& payload, const BagWriteOptions& options) {
  if (options.algorithms.empty()) {
    return invalid_argument_error("write bag: no digest algorithm given (use sha512)");
  }
  std::set<DigestAlgorithm> algorithms;
  for (DigestAlgorithm algorithm : options.algorithms) {
    if (!algorithms.insert(algorithm).second) {
      return invalid_argument_error("write bag: algorithm " + bagit_algorithm_name(algorithm) +
                                    " is given twice");
    }
  }
  std::set<std::string> paths;
  for (const auto& file : payload) {
    Status status = check_relative_bag_path(file.bag_path);
    if (!status.ok()) return status.with_context("write bag: payload file");
    if (!paths.insert(file.bag_path).second) {
      return invalid_argument_error("write bag: payload path \"" + file.bag_path +
                                    "\" is given twice");
    }
  }
  std::set<std::string> tag_names;
  for (const auto& [name, content] : options.extra_tag_files) {
    Status status = check_relative_bag_path(name);
    if (!status.ok()) return status.with_context("write bag: tag file");
    if (is_reserved_tag_name(name)) {
      return invalid_argument_error("write bag: tag file name \"" + name +
                                    "\" is reserved by BagIt; choose another name");
    }
    if (!tag_names.insert(name).second) {
      return invalid_argument_error("write bag: tag file \"" + name + "\" is given twice");
    }
  }
  for (const auto& entry : options.info) {
    const std::string& label = entry.label;
    if (label.empty() || label.find_first_of(":\r\n") != std::string::npos ||
        is_linear_whitespace(label.front()) || is_linear_whitespace(label.back())) {
      return invalid_argument_error("write bag: bag-info label \"" + label +
                                    "\" must be non-empty, without ':', line breaks or "
                                    "surrounding whitespace");
    }
    if (equals_ignoring_case(label, "Payload-Oxum")) {
      return invalid_argument_error(
          "write bag: Payload-Oxum is computed from the payload; do not supply it");
    }
  }
  return ok_status();
}

// "Label: value" with each line break of the value written as an indented continuation line.
void append_info_line(std::string& text, std::string_view label, std::string_view value) {
  text.append(label);
  text += ": ";
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < value.size() && value[i + 1] == '\n') ++i;
      text += "\n  ";
    } else {
      text += c;
    }
  }
  text += '\n';
}

struct CopiedFile {
  std::uint64_t size = 0;
  std::vector<std::string> digests;  // one per options.algorithms, same order
};

// Copies `source` to `target` piece by piece, hashing as it goes.
Result<CopiedFile> copy_and_hash(FileSystem& fs, const std::string& source,
                                 const std::string& target,
                                 const std::vector<DigestAlgorithm>& algorithms) {
  MURA_ASSIGN_OR_RETURN(auto input, fs.open_readable(source));
  MURA_ASSIGN_OR_RETURN(auto output, fs.open_writable(target, WriteMode::kCreateNew));
  std::vector<std::unique_ptr<Hasher>> hashers;
  hashers.reserve(algorithms.size());
  for (DigestAlgorithm algorithm : algorithms) {
    hashers.push_back(std::make_unique<Hasher>(algorithm));
  }
  std::vector<char> buffer(kCopyPieceSize);
  CopiedFile copied;
  for (;;) {
    MURA_ASSIGN_OR_RETURN(std::size_t count, input->read_at(copied.size, buffer));
    if (count == 0) break;
    std::string_view piece(buffer.data(), count);
    for (auto& hasher : hashers) hasher->update(piece);
    MURA_TRY(output->append(piece));
    copied.size += count;
  }
  MURA_TRY(output->sync());
  MURA_TRY(output->close());
  for (auto& hasher : hashers) copied.digests.push_back(hasher->finish());
  return copied;
}

// A fresh sibling of `bag_root` to build the bag in.
Result<std::string> create_staging_directory(FileSystem& fs, const std::string& bag_root) {
  static std::atomic<unsigned> counter{0};
  std::string parent = parent_path(bag_root);
  std::string base = "." + file_name(bag_root) + ".bagit-tmp-";
  for (int attempt = 0; attempt < 1000; ++attempt) {
    std::string staging = join_path(parent, base + std::to_string(counter.fetch_add(1)));
    Status status = fs.create_directory(staging);
    if (status.ok()) return staging;
    if (status.code() != StatusCode::kAlreadyExists) return Error(status);
  }
  return internal_error("write bag: no free staging directory name beside " + bag_root);
}

// Writes the whole bag below `staging`.
Status write_bag_contents(FileSystem& fs, const std::string& staging,
                          const std::vector<BagPayloadFile>& payload,
                          const BagWriteOptions& options) {
  const auto& algorithms = options.algorithms;
  std::string data_root = join_path(staging, "data");
  MURA_TRY(fs.create_directory(data_root));

  // Manifest lines by path, so that the manifests come out sorted.
  std::map<std::string, std::vector<std::string>> payload_digests;
  std::uint64_t octets = 0;
  for (const auto& file : payload) {
    std::string target = join_path(data_root, file.bag_path);
    Status status = create_directories(fs, parent_path(target));
    if (status.ok()) {
      auto copied = copy_and_hash(fs, file.source_path, target, algorithms);
      if (copied.has_value()) {
        octets += copied->size;
        payload_digests["data/" + file.bag_path] = std::move(copied->digests);
      } else {
        status = copied.error();
      }
    }
    if (!status.ok()) {
      return status.with_context("write bag: payload file \"" + file.bag_path + "\" from " +
                                 file.source_path);
    }
  }

  std::map<std::string, std::string> tag_files;  // name -> content
  tag_files["bagit.txt"] = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
  for (std::size_t i = 0; i < algorithms.size(); ++i) {
    std::string manifest;
    for (const auto& [path, digests] : payload_digests) {
      manifest += digests[i] + " " + encode_manifest_path(path) + "\n";
    }
    tag_files["manifest-" + bagit_algorithm_name(algorithms[i]) + ".txt"] = std::move(manifest);
  }
  std::string info;
  bool has_date = false;
  bool has_agent = false;
  for (const auto& entry : options.info) {
    has_date = has_date || equals_ignoring_case(entry.label, "Bagging-Date");
    has_agent = has_agent || equals_ignoring_case(entry.label, "Bag-Software-Agent");
    append_info_line(info, entry.label, entry.value);
  }
  if (!has_date) append_info_line(info, "Bagging-Date", today_utc());
  append_info_line(info, "Payload-Oxum",
                   std::to_string(octets) + "." + std::to_string(payload_digests.size()));
  if (!has_agent) append_info_line(info, "Bag-Software-Agent", kSoftwareAgent);
  tag_files["bag-info.txt"] = std::move(info);
  for (const auto& [name, content] : options.extra_tag_files) tag_files[name] = content;

  for (const auto& [name, content] : tag_files) {
    std::string path = join_path(staging, name);
    Status status = create_directories(fs, parent_path(path));
    if (status.ok()) status = write_file(fs, path, content);
    if (!status.ok()) return status.with_context("write bag: tag file " + name);
  }
  for (DigestAlgorithm algorithm : algorithms) {
    std::string manifest;
    for (const auto& [name, content] : tag_files) {
      manifest += digest_hex(algorithm, content) + " " + encode_manifest_path(name) + "\n";
    }
    std::string name = "tagmanifest-" + bagit_algorithm_name(algorithm) + ".txt";
    MURA_TRY(write_file(fs, join_path(staging, name), manifest));
  }
  return sync_tree(fs, staging);
}

}  // namespace

Status write_bag(FileSystem& fs, const std::string& bag_root,
                 const std::vector<BagPayloadFile>& payload, const BagWriteOptions& options) {
  std::string root = bag_root;
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  if (root.empty() || root == "/" || root == "." || file_name(root) == "..") {
    return invalid_argument_error("write bag: \"" + bag_root + "\" cannot be a bag directory");
  }
  MURA_TRY(check_options(payload, options));
  if (path_exists(fs, root)) {
    return already_exists_error("write bag: " + root +
                                " already exists; a bag is written to a new directory");
  }
  std::string parent = parent_path(root);
  MURA_TRY(create_directories(fs, parent));
  MURA_ASSIGN_OR_RETURN(std::string staging, create_staging_directory(fs, root));
  Status status = write_bag_contents(fs, staging, payload, options);
  if (status.ok()) status = fs.rename(staging, root);
  if (!status.ok()) {
    (void)remove_all(fs, staging);
    return status;
  }
  return fs.sync_directory(parent.empty() ? "." : parent);
}

}  // namespace mura::formats

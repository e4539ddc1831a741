// Schema validation for tests: runs xmllint (no network) against the official schemas in
// $MURA_SHARED/conformance/xsd, whose XML catalog resolves the schemas' own imports to local
// copies. The schemas are read where they are, never copied. Header-only, for tests.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

namespace mura::formats::testing {

// $MURA_SHARED/conformance/xsd (the test presets set MURA_SHARED), else the MURA_SHARED_DIR that
// mura_test compiles in.
inline std::string conformance_xsd_directory() {
  const char* env = std::getenv("MURA_SHARED");
  const char* shared = env != nullptr && *env != '\0' ? env : MURA_SHARED_DIR;
  return (std::filesystem::path(shared) / "conformance" / "xsd").string();
}

// A file in a fresh temporary directory, removed with it.
class TemporaryFile {
 public:
  explicit TemporaryFile(std::string_view name, std::string_view content) {
    std::string pattern = (std::filesystem::temp_directory_path() / "mura-xml-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) directory_ = pattern;
    path_ = (std::filesystem::path(directory_) / name).string();
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TemporaryFile() {
    std::error_code ignored;
    if (!directory_.empty()) std::filesystem::remove_all(directory_, ignored);
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string directory_;
  std::string path_;
};

// Runs xmllint on `xml` with `schema` (absolute, or relative to conformance_xsd_directory()).
// Returns "" when the document is valid, else xmllint's report.
inline std::string schema_errors(std::string_view xml, const std::string& schema) {
  const std::string directory = conformance_xsd_directory();
  const std::string schema_path =
      std::filesystem::path(schema).is_absolute() ? schema : directory + "/" + schema;
  TemporaryFile document("document.xml", xml);
  const std::string command = "XML_CATALOG_FILES='" + directory +
                              "/catalog.xml' xmllint --noout --nonet --schema '" + schema_path +
                              "' '" + document.path() + "' 2>&1";
  std::string report;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return "could not run xmllint";
  std::array<char, 4096> chunk{};
  while (std::size_t read = std::fread(chunk.data(), 1, chunk.size(), pipe)) {
    report.append(chunk.data(), read);
  }
  const int status = pclose(pipe);
  if (status == 0) return "";
  return report.empty() ? "xmllint failed with status " + std::to_string(status) : report;
}

// Writes a driver schema that imports the OAI-PMH driver (OAI-PMH 2.0, oai_dc, oai-identifier,
// provenance, friends, eprints) and DataCite kernel 4, so that a response carrying both kinds
// of metadata validates strictly. Keep the returned file alive while validating.
inline std::unique_ptr<TemporaryFile> oai_with_datacite_driver() {
  const std::string directory = conformance_xsd_directory();
  const std::string driver =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
      "targetNamespace=\"urn:x-mura:test-driver\" elementFormDefault=\"qualified\">\n"
      "  <xs:import namespace=\"urn:x-research:oai-driver\" schemaLocation=\"file://" +
      directory +
      "/oai-pmh-driver.xsd\"/>\n"
      "  <xs:import namespace=\"http://datacite.org/schema/kernel-4\" schemaLocation=\"file://" +
      directory +
      "/datacite/kernel-4/metadata.xsd\"/>\n"
      "</xs:schema>\n";
  return std::make_unique<TemporaryFile>("driver.xsd", driver);
}

}  // namespace mura::formats::testing

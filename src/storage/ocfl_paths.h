// Every on-disk name of the OCFL store is built and parsed here (after LevelDB's filename.h):
// declarations, inventories and sidecars, version directories, content paths, and the
// 0004-hashed-n-tuple storage layout (sha256, tuple size 3, three tuples).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace mura::storage {

inline constexpr std::string_view kOcflVersion = "1.1";
inline constexpr std::string_view kRootDeclaration = "0=ocfl_1.1";
inline constexpr std::string_view kRootDeclarationBody = "ocfl_1.1\n";
inline constexpr std::string_view kObjectDeclaration = "0=ocfl_object_1.1";
inline constexpr std::string_view kObjectDeclarationBody = "ocfl_object_1.1\n";
inline constexpr std::string_view kInventoryType = "https://ocfl.io/1.1/spec/#inventory";
inline constexpr std::string_view kInventoryName = "inventory.json";
inline constexpr std::string_view kSidecarName = "inventory.json.sha512";
inline constexpr std::string_view kContentDirectory = "content";
inline constexpr std::string_view kLayoutFile = "ocfl_layout.json";
inline constexpr std::string_view kExtensionsDirectory = "extensions";
inline constexpr std::string_view kLayoutExtension = "0004-hashed-n-tuple-storage-layout";
inline constexpr std::string_view kSpecificationFile = "ocfl_1.1.md";

// "v3" for 3. Mura writes unpadded version names, as the spec recommends.
std::string version_directory(int version);
// Parses "v3" (and zero-padded "v003") into 3; nullopt for anything else.
std::optional<int> parse_version_directory(std::string_view name);

// "v3/content/files/scan.tif": where version 3 stores the logical path.
std::string content_path(int version, std::string_view logical_path);

// The object's path below the storage root under the 0004 layout:
// sha256(id) = "a1b2c3d4..." -> "a1b/2c3/d4e/a1b2c3d4...".
std::string object_path_for(std::string_view object_id);

// Checks a logical path from a user or a sheet: '/'-separated, not empty, no empty, "." or ".."
// segments, no leading or trailing '/', no NUL or control characters.
Status check_logical_path(std::string_view logical_path);

// The text of config.json for the 0004 extension and of ocfl_layout.json.
std::string layout_extension_config();
std::string layout_description();

}  // namespace mura::storage

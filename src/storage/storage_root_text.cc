#include "storage/storage_root_text.h"

namespace mura::storage {

std::string specification_pointer_text() {
  return R"(# Oxford Common File Layout (OCFL) 1.1

This directory is an OCFL 1.1 storage root written by Mura, the Digital Repository of Memory and
Knowledge. The full specification is published at https://ocfl.io/1.1/spec/ ; this file tells
you enough to read every object here without any software from Mura.

- Every directory holding a file named `0=ocfl_object_1.1` is one object (one record).
- An object's `inventory.json` lists its versions (`v1`, `v2`, ...). Each version's `state` maps
  a content digest (SHA-512) to the logical file names that had that content in that version.
- The `manifest` maps each digest to the path, relative to the object, where the bytes are
  stored (for example `v1/content/record.json`). Content is stored once per object.
- `inventory.json.sha512` holds the SHA-512 of `inventory.json`, to check it is intact.
- Objects are placed by the storage layout described in `ocfl_layout.json` and
  `0004-hashed-n-tuple-storage-layout.md`.

A Mura record object holds `record.json` (descriptive metadata: see its `format` member),
`events.jsonl` (one PREMIS-style event per line) and the deposited files under `files/`.
)";
}

std::string layout_extension_text() {
  return R"(# OCFL storage layout extension 0004: hashed n-tuple

Published at https://ocfl.io/extensions/0004-hashed-n-tuple-storage-layout.html . The settings
used here are in `extensions/0004-hashed-n-tuple-storage-layout/config.json`:
digestAlgorithm sha256, tupleSize 3, numberOfTuples 3, shortObjectRoot false.

To find the object with identifier ID:
1. compute the SHA-256 of the identifier's UTF-8 bytes, written as 64 lowercase hex digits;
2. take the first 3 digits, the next 3, and the next 3 as three directory names;
3. the object root is the directory named by the whole digest below them.

Example: the identifier `object-01` has SHA-256 `3c0ff4240c1e...87d4`, so its object root is
`3c0/ff4/240/3c0ff4240c1e116dba14c7627f2319b58aa3d77606d0d90dfc6161608ac987d4`.
)";
}

}  // namespace mura::storage

// The human-readable files Mura puts in a new storage root, so that someone with only the disk
// can find out what it is and how to read it: ocfl_1.1.md and the layout extension's text.
#pragma once

#include <string>

namespace mura::storage {

std::string specification_pointer_text();
std::string layout_extension_text();

}  // namespace mura::storage

// PyramidReader: a pyramidal tiled JPEG TIFF (media/image_pyramid.h) opened once and kept open for
// tile reads. The directory structure — level sizes, tile offsets and byte counts, JPEG tables —
// is read at open with libtiff; afterwards tiles are read with pread() on one descriptor, so
// one reader serves any number of threads at once without locks.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "iiif/jpeg_codec.h"

namespace mura::iiif {

struct PyramidLevel {
  std::int64_t width = 0;
  std::int64_t height = 0;
  int tile_width = 0;
  int tile_height = 0;
  int tiles_across = 0;
  int tiles_down = 0;
  int bands = 0;  // 1 or 3
  JpegColours colours = JpegColours::kStandard;
  std::vector<std::uint64_t> offsets;      // per tile, row by row
  std::vector<std::uint64_t> byte_counts;  // per tile
  std::string jpeg_tables;  // the abbreviated table stream shared by the tiles; may be empty
};

class PyramidReader {
 public:
  // Opens the TIFF at `path`. NotFound when it does not exist; FailedPrecondition when it is
  // not a tiled, JPEG-compressed, 8-bit gray or RGB pyramid.
  static Result<std::unique_ptr<PyramidReader>> open(const std::string& path);
  ~PyramidReader();
  PyramidReader(const PyramidReader&) = delete;
  PyramidReader& operator=(const PyramidReader&) = delete;

  // Levels from the full image down (each about half the one before).
  const std::vector<PyramidLevel>& levels() const { return levels_; }
  std::int64_t width() const { return levels_.front().width; }
  std::int64_t height() const { return levels_.front().height; }

  // Tile `index` (row * tiles_across + column) of `level` as a complete JPEG stream: the stored
  // bytes with the shared tables merged in, decodable on their own (and by a browser).
  // InvalidArgument for an index out of range; DataLoss when the file is shorter than it says.
  Result<std::string> jpeg_tile(std::size_t level, int index) const;

 private:
  PyramidReader(int fd, std::vector<PyramidLevel> levels) : fd_(fd), levels_(std::move(levels)) {}
  int fd_;
  std::vector<PyramidLevel> levels_;
};

}  // namespace mura::iiif

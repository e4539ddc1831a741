#include "iiif/pyramid_reader.h"

#include <fcntl.h>
#include <tiffio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <mutex>

namespace mura::iiif {
namespace {

void silence_libtiff() {
  static std::once_flag once;
  std::call_once(once, [] {
    TIFFSetWarningHandler(nullptr);
    TIFFSetErrorHandler(nullptr);
  });
}

struct TiffCloser {
  void operator()(TIFF* tiff) const { TIFFClose(tiff); }
};

Result<PyramidLevel> read_level(TIFF* tiff, const std::string& path, int directory) {
  auto refuse = [&](const std::string& why) {
    return failed_precondition_error(path + ", directory " + std::to_string(directory) + ": " + why +
                                     " (rebuild it with `mura derivatives build`)");
  };
  if (!TIFFIsTiled(tiff)) return refuse("not tiled");
  std::uint32_t width = 0, height = 0, tile_width = 0, tile_height = 0;
  std::uint16_t compression = 0, samples = 0, bits = 0, photometric = 0, planar = PLANARCONFIG_CONTIG;
  TIFFGetField(tiff, TIFFTAG_IMAGEWIDTH, &width);
  TIFFGetField(tiff, TIFFTAG_IMAGELENGTH, &height);
  TIFFGetField(tiff, TIFFTAG_TILEWIDTH, &tile_width);
  TIFFGetField(tiff, TIFFTAG_TILELENGTH, &tile_height);
  TIFFGetFieldDefaulted(tiff, TIFFTAG_COMPRESSION, &compression);
  TIFFGetFieldDefaulted(tiff, TIFFTAG_SAMPLESPERPIXEL, &samples);
  TIFFGetFieldDefaulted(tiff, TIFFTAG_BITSPERSAMPLE, &bits);
  TIFFGetField(tiff, TIFFTAG_PHOTOMETRIC, &photometric);
  TIFFGetFieldDefaulted(tiff, TIFFTAG_PLANARCONFIG, &planar);
  if (compression != COMPRESSION_JPEG) return refuse("not JPEG-compressed");
  if (bits != 8 || (samples != 1 && samples != 3) || planar != PLANARCONFIG_CONTIG) {
    return refuse("not 8-bit gray or RGB");
  }
  if (width == 0 || height == 0 || tile_width == 0 || tile_height == 0 || tile_width % 16 != 0 ||
      tile_height % 16 != 0) {
    return refuse("has no usable tile size");
  }
  PyramidLevel level;
  level.width = width;
  level.height = height;
  level.tile_width = static_cast<int>(tile_width);
  level.tile_height = static_cast<int>(tile_height);
  level.tiles_across = static_cast<int>((width + tile_width - 1) / tile_width);
  level.tiles_down = static_cast<int>((height + tile_height - 1) / tile_height);
  level.bands = samples;
  level.colours = photometric == PHOTOMETRIC_RGB ? JpegColours::kRgb : JpegColours::kStandard;
  const auto tiles = static_cast<std::size_t>(TIFFNumberOfTiles(tiff));
  if (tiles != static_cast<std::size_t>(level.tiles_across) * static_cast<std::size_t>(level.tiles_down)) {
    return refuse("has an unexpected number of tiles");
  }
  std::uint64_t* offsets = nullptr;
  std::uint64_t* counts = nullptr;
  if (!TIFFGetField(tiff, TIFFTAG_TILEOFFSETS, &offsets) ||
      !TIFFGetField(tiff, TIFFTAG_TILEBYTECOUNTS, &counts) || offsets == nullptr || counts == nullptr) {
    return refuse("has no tile offsets");
  }
  level.offsets.assign(offsets, offsets + tiles);
  level.byte_counts.assign(counts, counts + tiles);
  std::uint32_t table_size = 0;
  void* tables = nullptr;
  if (TIFFGetField(tiff, TIFFTAG_JPEGTABLES, &table_size, &tables) && tables != nullptr && table_size > 4) {
    level.jpeg_tables.assign(static_cast<const char*>(tables), table_size);
  }
  return level;
}

}  // namespace

Result<std::unique_ptr<PyramidReader>> PyramidReader::open(const std::string& path) {
  silence_libtiff();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    if (error == ENOENT) return not_found_error("no pyramid at " + path);
    return Error(errno_status(error, "open", path));
  }
  // libtiff reads the directories through its own descriptor; ours stays for the tiles.
  std::unique_ptr<TIFF, TiffCloser> tiff(TIFFOpen(path.c_str(), "rm"));
  if (!tiff) {
    ::close(fd);
    return failed_precondition_error(path + " is not a TIFF file libtiff reads");
  }
  std::vector<PyramidLevel> levels;
  int directory = 0;
  do {
    auto level = read_level(tiff.get(), path, directory);
    if (!level) {
      ::close(fd);
      return Error(level.error());
    }
    levels.push_back(std::move(*level));
    ++directory;
  } while (TIFFReadDirectory(tiff.get()));
  std::stable_sort(levels.begin(), levels.end(),
                   [](const PyramidLevel& a, const PyramidLevel& b) { return a.width > b.width; });
  return std::unique_ptr<PyramidReader>(new PyramidReader(fd, std::move(levels)));
}

PyramidReader::~PyramidReader() { ::close(fd_); }

Result<std::string> PyramidReader::jpeg_tile(std::size_t level_index, int index) const {
  if (level_index >= levels_.size()) return invalid_argument_error("no pyramid level " + std::to_string(level_index));
  const PyramidLevel& level = levels_[level_index];
  if (index < 0 || static_cast<std::size_t>(index) >= level.offsets.size()) {
    return invalid_argument_error("no tile " + std::to_string(index) + " in pyramid level " +
                                  std::to_string(level_index));
  }
  const auto position = static_cast<std::size_t>(index);
  const std::uint64_t count = level.byte_counts[position];
  const auto offset = static_cast<off_t>(level.offsets[position]);
  if (count < 4 || count > (64u << 20)) return data_loss_error("pyramid tile " + std::to_string(index) + " has a bad size");
  std::string tile(static_cast<std::size_t>(count), '\0');
  std::size_t done = 0;
  while (done < tile.size()) {
    const ssize_t got = ::pread(fd_, tile.data() + done, tile.size() - done, offset + static_cast<off_t>(done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return data_loss_error("pyramid tile " + std::to_string(index) + " is cut short");
    done += static_cast<std::size_t>(got);
  }
  if (level.jpeg_tables.size() < 4) return tile;
  // The tables without their end marker (FF D9), then the tile without its start marker (FF D8).
  std::string bytes;
  bytes.reserve(level.jpeg_tables.size() + tile.size() - 4);
  bytes.append(level.jpeg_tables, 0, level.jpeg_tables.size() - 2);
  bytes.append(tile, 2);
  return bytes;
}

}  // namespace mura::iiif

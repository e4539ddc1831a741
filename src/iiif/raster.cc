#include "iiif/raster.h"

#include <algorithm>
#include <cmath>

namespace mura::iiif {
namespace {

constexpr int kWeightBits = 14;
constexpr int kWeightOne = 1 << kWeightBits;

// For each output position along one axis: the first source index and the fixed-point weights of
// the source samples from there.
struct Contributions {
  std::vector<int> first;
  std::vector<int> count;
  std::vector<std::int32_t> weights;  // `taps` per output position
  int taps = 0;
};

Contributions contributions(int source_size, double start, double length, int out_size) {
  Contributions result;
  const double scale = length / out_size;
  const double radius = std::max(1.0, scale);
  result.taps = static_cast<int>(std::ceil(radius * 2)) + 2;
  result.first.resize(static_cast<std::size_t>(out_size));
  result.count.resize(static_cast<std::size_t>(out_size));
  result.weights.assign(static_cast<std::size_t>(out_size) * static_cast<std::size_t>(result.taps), 0);
  std::vector<double> raw(static_cast<std::size_t>(result.taps));
  for (int i = 0; i < out_size; ++i) {
    const double center = start + (i + 0.5) * scale;  // in source coordinates
    int first = static_cast<int>(std::floor(center - radius - 0.5)) + 1;
    double total = 0;
    int count = 0;
    for (int t = 0; t < result.taps; ++t) {
      const double distance = std::fabs(first + t + 0.5 - center);
      const double weight = std::max(0.0, 1.0 - distance / radius);
      raw[static_cast<std::size_t>(t)] = weight;
      total += weight;
      if (weight > 0) count = t + 1;
    }
    if (total <= 0) {  // cannot happen for radius >= 1; keep the nearest pixel
      raw[0] = 1;
      total = 1;
      first = static_cast<int>(std::floor(center));
      count = 1;
    }
    // Clamp to the source: fold weights of samples beyond the edge onto the edge sample.
    std::int32_t* out = &result.weights[static_cast<std::size_t>(i) * static_cast<std::size_t>(result.taps)];
    const int clamped_first = std::clamp(first, 0, source_size - 1);
    int clamped_count = 0;
    std::int32_t sum = 0;
    for (int t = 0; t < count; ++t) {
      const int index = std::clamp(first + t, 0, source_size - 1);
      const int slot = index - clamped_first;
      const auto weight = static_cast<std::int32_t>(std::lround(raw[static_cast<std::size_t>(t)] / total * kWeightOne));
      out[slot] += weight;
      sum += weight;
      clamped_count = std::max(clamped_count, slot + 1);
    }
    out[0] += kWeightOne - sum;  // rounding remainder keeps the weights summing to one
    result.first[static_cast<std::size_t>(i)] = clamped_first;
    result.count[static_cast<std::size_t>(i)] = std::max(1, clamped_count);
  }
  return result;
}

std::uint8_t clamp_byte(std::int32_t fixed) {
  return static_cast<std::uint8_t>(std::clamp((fixed + kWeightOne / 2) >> kWeightBits, 0, 255));
}

}  // namespace

Raster resample(const Raster& source, double x, double y, double width, double height,
                int out_width, int out_height) {
  const int bands = source.bands;
  const Contributions columns = contributions(source.width, x, width, out_width);
  const Contributions rows = contributions(source.height, y, height, out_height);
  // Only the source rows some output row reads.
  const int row_begin = rows.first.front();
  int row_end = row_begin;
  for (std::size_t i = 0; i < rows.first.size(); ++i) row_end = std::max(row_end, rows.first[i] + rows.count[i]);
  // Horizontal pass into an intermediate of out_width x (row_end - row_begin), with the loops
  // for one and three bands written out (the hot cases: they run several times faster).
  Raster horizontal(out_width, row_end - row_begin, bands);
  for (int sy = row_begin; sy < row_end; ++sy) {
    const std::uint8_t* in = source.row(sy);
    std::uint8_t* out = horizontal.row(sy - row_begin);
    for (int ox = 0; ox < out_width; ++ox) {
      const auto o = static_cast<std::size_t>(ox);
      const std::int32_t* w = &columns.weights[o * static_cast<std::size_t>(columns.taps)];
      const std::uint8_t* p = in + static_cast<std::size_t>(columns.first[o]) * static_cast<std::size_t>(bands);
      const int count = columns.count[o];
      if (bands == 3) {
        std::int32_t r = 0, g = 0, b = 0;
        for (int t = 0; t < count; ++t, p += 3) {
          r += w[t] * p[0];
          g += w[t] * p[1];
          b += w[t] * p[2];
        }
        out[ox * 3] = clamp_byte(r);
        out[ox * 3 + 1] = clamp_byte(g);
        out[ox * 3 + 2] = clamp_byte(b);
      } else if (bands == 1) {
        std::int32_t v = 0;
        for (int t = 0; t < count; ++t) v += w[t] * p[t];
        out[ox] = clamp_byte(v);
      } else {
        for (int b = 0; b < bands; ++b) {
          std::int32_t sum = 0;
          for (int t = 0; t < count; ++t) sum += w[t] * p[t * bands + b];
          out[ox * bands + b] = clamp_byte(sum);
        }
      }
    }
  }
  // Vertical pass: each output row is a weighted sum of a few intermediate rows, done a whole
  // row at a time so that the compiler vectorises it.
  Raster result(out_width, out_height, bands);
  const std::size_t stride = horizontal.stride();
  std::vector<std::int32_t> sums(stride);
  for (int oy = 0; oy < out_height; ++oy) {
    const auto o = static_cast<std::size_t>(oy);
    const std::int32_t* w = &rows.weights[o * static_cast<std::size_t>(rows.taps)];
    std::int32_t* __restrict total = sums.data();
    {
      const std::uint8_t* __restrict in = horizontal.row(rows.first[o] - row_begin);
      const std::int32_t weight = w[0];
      for (std::size_t i = 0; i < stride; ++i) total[i] = weight * in[i];
    }
    for (int t = 1; t < rows.count[o]; ++t) {
      const std::uint8_t* __restrict in = horizontal.row(rows.first[o] + t - row_begin);
      const std::int32_t weight = w[t];
      for (std::size_t i = 0; i < stride; ++i) total[i] += weight * in[i];
    }
    std::uint8_t* __restrict out = result.row(oy);
    for (std::size_t i = 0; i < stride; ++i) out[i] = clamp_byte(total[i]);
  }
  return result;
}

Raster to_gray(const Raster& source) {
  if (source.bands == 1) return source;
  Raster gray(source.width, source.height, 1);
  const std::size_t pixels = static_cast<std::size_t>(source.width) * static_cast<std::size_t>(source.height);
  for (std::size_t i = 0; i < pixels; ++i) {
    const std::uint8_t* p = &source.pixels[i * 3];
    gray.pixels[i] = static_cast<std::uint8_t>((299 * p[0] + 587 * p[1] + 114 * p[2] + 500) / 1000);
  }
  return gray;
}

Raster to_bitonal(const Raster& source) {
  Raster bitonal = to_gray(source);
  for (auto& value : bitonal.pixels) value = value >= 128 ? 255 : 0;
  return bitonal;
}

Raster mirror(const Raster& source) {
  Raster result(source.width, source.height, source.bands);
  const auto bands = static_cast<std::size_t>(source.bands);
  for (int y = 0; y < source.height; ++y) {
    const std::uint8_t* in = source.row(y);
    std::uint8_t* out = result.row(y);
    for (int x = 0; x < source.width; ++x) {
      std::copy_n(in + static_cast<std::size_t>(source.width - 1 - x) * bands, bands,
                  out + static_cast<std::size_t>(x) * bands);
    }
  }
  return result;
}

Raster rotate_quarters(const Raster& source, int quarters) {
  quarters = ((quarters % 4) + 4) % 4;
  if (quarters == 0) return source;
  const bool swap = quarters % 2 == 1;
  Raster result(swap ? source.height : source.width, swap ? source.width : source.height, source.bands);
  const auto bands = static_cast<std::size_t>(source.bands);
  for (int y = 0; y < source.height; ++y) {
    const std::uint8_t* in = source.row(y);
    for (int x = 0; x < source.width; ++x) {
      int tx = x, ty = y;
      if (quarters == 1) {
        tx = source.height - 1 - y;
        ty = x;
      } else if (quarters == 2) {
        tx = source.width - 1 - x;
        ty = source.height - 1 - y;
      } else {
        tx = y;
        ty = source.width - 1 - x;
      }
      std::copy_n(in + static_cast<std::size_t>(x) * bands, bands,
                  result.row(ty) + static_cast<std::size_t>(tx) * bands);
    }
  }
  return result;
}

}  // namespace mura::iiif

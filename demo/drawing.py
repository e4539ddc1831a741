"""Drawing primitives for demo/make_images.py: an RGB canvas filled by horizontal spans (fast
enough in pure Python), a PNG writer (zlib + struct), and the Kazakh ornament motifs (qoshqar
muiiz ram's horn, zigzag and wave borders, a counterchanged felt carpet). Standard library only.
"""

import math
import os
import struct
import zlib

# ---------------------------------------------------------------------------------------------
# Canvas: an RGB raster in a bytearray, drawn with horizontal spans (fast in pure Python).


class Canvas:
    def __init__(self, width, height, color=(255, 255, 255)):
        self.width = width
        self.height = height
        self.data = bytearray(bytes(color) * (width * height))

    def span(self, y, x0, x1, color):
        """Fills pixels x0..x1-1 of row y."""
        if y < 0 or y >= self.height:
            return
        x0 = max(0, int(x0))
        x1 = min(self.width, int(x1))
        if x1 <= x0:
            return
        start = (y * self.width + x0) * 3
        self.data[start:start + (x1 - x0) * 3] = bytes(color) * (x1 - x0)

    def rect(self, x0, y0, x1, y1, color):
        for y in range(max(0, int(y0)), min(self.height, int(y1))):
            self.span(y, x0, x1, color)

    def frame(self, x0, y0, x1, y1, width, color):
        self.rect(x0, y0, x1, y0 + width, color)
        self.rect(x0, y1 - width, x1, y1, color)
        self.rect(x0, y0, x0 + width, y1, color)
        self.rect(x1 - width, y0, x1, y1, color)

    def disc(self, cx, cy, r, color):
        ri = int(math.ceil(r))
        for dy in range(-ri, ri + 1):
            if dy * dy > r * r:
                continue
            half = math.sqrt(r * r - dy * dy)
            self.span(int(round(cy)) + dy, cx - half, cx + half + 1, color)

    def ellipse(self, cx, cy, rx, ry, color):
        for dy in range(-int(ry), int(ry) + 1):
            half = rx * math.sqrt(max(0.0, 1.0 - (dy / ry) ** 2))
            self.span(int(cy) + dy, cx - half, cx + half + 1, color)

    def ring(self, cx, cy, r_outer, r_inner, color):
        for dy in range(-int(r_outer), int(r_outer) + 1):
            outer = math.sqrt(max(0.0, r_outer * r_outer - dy * dy))
            y = int(cy) + dy
            if abs(dy) < r_inner:
                inner = math.sqrt(r_inner * r_inner - dy * dy)
                self.span(y, cx - outer, cx - inner, color)
                self.span(y, cx + inner, cx + outer, color)
            else:
                self.span(y, cx - outer, cx + outer, color)

    def polygon(self, points, color):
        """Fills a polygon (even-odd rule) by scanlines."""
        ys = [p[1] for p in points]
        y0 = max(0, int(math.floor(min(ys))))
        y1 = min(self.height - 1, int(math.ceil(max(ys))))
        n = len(points)
        for y in range(y0, y1 + 1):
            yc = y + 0.5
            xs = []
            for i in range(n):
                ax, ay = points[i]
                bx, by = points[(i + 1) % n]
                if (ay <= yc < by) or (by <= yc < ay):
                    xs.append(ax + (yc - ay) * (bx - ax) / (by - ay))
            xs.sort()
            for i in range(0, len(xs) - 1, 2):
                self.span(y, round(xs[i]), round(xs[i + 1]), color)

    def stroke(self, points, width, color):
        """Draws a polyline of the given width by stamping discs along it."""
        r = width / 2.0
        step = max(0.7, r * 0.6)
        for (ax, ay), (bx, by) in zip(points, points[1:]):
            length = math.hypot(bx - ax, by - ay)
            count = max(1, int(length / step))
            for i in range(count + 1):
                t = i / count
                self.disc(ax + (bx - ax) * t, ay + (by - ay) * t, r, color)

    def line(self, x0, y0, x1, y1, width, color):
        self.stroke([(x0, y0), (x1, y1)], width, color)

    def vertical_gradient(self, y0, y1, top, bottom):
        for y in range(max(0, y0), min(self.height, y1)):
            t = (y - y0) / max(1, (y1 - y0 - 1))
            self.span(y, 0, self.width, mix(top, bottom, t))

    def blit(self, source, sx0, sy0, w, h, dx, dy):
        """Copies a w x h block of `source` at (sx0, sy0) to (dx, dy) of this canvas."""
        for row in range(h):
            y = dy + row
            if y < 0 or y >= self.height:
                continue
            x0 = max(0, dx)
            x1 = min(self.width, dx + w)
            if x1 <= x0:
                continue
            s = ((sy0 + row) * source.width + sx0 + (x0 - dx)) * 3
            d = (y * self.width + x0) * 3
            self.data[d:d + (x1 - x0) * 3] = source.data[s:s + (x1 - x0) * 3]

    def tone_bands(self, bands, darkest):
        """A cheap vignette: concentric frames darkening towards the edge, as old prints have."""
        for i in range(bands):
            inset = i * min(self.width, self.height) // (bands * 6)
            factor = 1.0 - darkest * (bands - i) / bands
            self._scale_frame(inset, min(self.width, self.height) // (bands * 6), factor)

    def _scale_frame(self, inset, thickness, factor):
        table = bytes(min(255, int(v * factor)) for v in range(256))
        w, h = self.width, self.height
        for y in range(inset, h - inset):
            if inset <= y < inset + thickness or h - inset - thickness <= y < h - inset:
                a, b = inset, w - inset
                s, e = (y * w + a) * 3, (y * w + b) * 3
                self.data[s:e] = self.data[s:e].translate(table)
            else:
                for a, b in ((inset, inset + thickness), (w - inset - thickness, w - inset)):
                    s, e = (y * w + a) * 3, (y * w + b) * 3
                    self.data[s:e] = self.data[s:e].translate(table)


def mix(a, b, t):
    return tuple(int(round(a[i] + (b[i] - a[i]) * t)) for i in range(3))


def write_png(canvas, path, smooth=False):
    """Writes an 8-bit RGB PNG. Rows equal to the previous one use the Up filter (all zero);
    for `smooth` images (gradients) other rows use the Sub filter, else no filter."""
    stride = canvas.width * 3
    raw = bytearray()
    previous = None
    zero_row = bytes(stride)
    for y in range(canvas.height):
        row = bytes(canvas.data[y * stride:(y + 1) * stride])
        if row == previous:
            raw += b"\x02" + zero_row
        elif smooth:
            shifted = bytes(3) + row[:-3]
            raw += b"\x01" + bytes((a - b) & 255 for a, b in zip(row, shifted))
        else:
            raw += b"\x00" + row
        previous = row

    def chunk(kind, payload):
        body = kind + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", canvas.width, canvas.height, 8, 2, 0, 0, 0)
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
           chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(png)
    print(f"{path}: {canvas.width}x{canvas.height}, {len(png) // 1024} KB")


# ---------------------------------------------------------------------------------------------
# Kazakh ornament motifs.

def ram_horn(canvas, cx, cy, size, color, width):
    """The qoshqar muiiz motif centred at (cx, cy): a stem with two horns curling outwards."""
    top = cy - size * 0.05
    canvas.stroke([(cx, cy + size * 0.42), (cx, top)], width, color)
    for side in (1, -1):
        r0 = size * 0.26
        points = []
        for i in range(161):
            t = i / 160
            angle = math.pi + t * 2.2 * math.pi
            r = r0 * (1.0 - 0.72 * t)
            x = r0 + r * math.cos(angle)   # relative to the stem, right-hand horn
            y = r * math.sin(angle)
            points.append((cx + side * x, top + y))
        canvas.stroke(points, width, color)
    # The small pair of horns at the foot of the stem (a common counterpart of the motif).
    for side in (1, -1):
        points = []
        r0 = size * 0.12
        for i in range(81):
            t = i / 80
            angle = t * 1.6 * math.pi
            r = r0 * (1.0 - 0.6 * t)
            points.append((cx + side * (r0 - r * math.cos(angle)), cy + size * 0.42 - r * math.sin(angle)))
        canvas.stroke(points, width * 0.8, color)


def diamond(canvas, cx, cy, rx, ry, color):
    canvas.polygon([(cx, cy - ry), (cx + rx, cy), (cx, cy + ry), (cx - rx, cy)], color)


def zigzag_border(canvas, x0, y0, x1, y1, tooth, color_a, color_b):
    """A band of alternating triangles (tumarsha-like) between x0..x1, y0..y1."""
    canvas.rect(x0, y0, x1, y1, color_b)
    x = x0
    while x < x1:
        canvas.polygon([(x, y1), (x + tooth / 2, y0), (x + tooth, y1)], color_a)
        x += tooth


def wave_border(canvas, x0, y0, x1, y1, color_line, width):
    """A running wave (su, 'water') along a horizontal band."""
    h = y1 - y0
    period = h * 1.6
    points = []
    x = x0
    while x <= x1:
        points.append((x, y0 + h / 2 + math.sin((x - x0) / period * 2 * math.pi) * h * 0.32))
        x += 2
    canvas.stroke(points, width, color_line)
    # curls under every crest
    k = 0
    while x0 + (k + 0.25) * period < x1:
        cx = x0 + (k + 0.25) * period
        canvas.ring(cx, y0 + h * 0.62, h * 0.14, h * 0.14 - width, color_line)
        k += 1


def rotated(canvas):
    """A copy of the canvas turned by 90 degrees (for vertical borders)."""
    out = Canvas(canvas.height, canvas.width)
    w, h = canvas.width, canvas.height
    src = canvas.data
    dst = out.data
    for y in range(h):
        for x in range(w):
            s = (y * w + x) * 3
            d = (x * h + (h - 1 - y)) * 3
            dst[d:d + 3] = src[s:s + 3]
    return out


def carpet(width, height, field_a, field_b, motif, border_a, border_b, line, tile, background):
    """A felt carpet: a counterchanged grid of ram's-horn tiles inside zigzag and wave borders."""
    c = Canvas(width, height, background)
    margin = 40
    band = tile // 3
    x0, y0, x1, y1 = margin, margin, width - margin, height - margin
    c.rect(x0, y0, x1, y1, border_b)
    # Two tiles, counterchanged: motif colour A on B and B on A.
    tiles = []
    for fg, bg in ((field_a, field_b), (field_b, field_a)):
        t = Canvas(tile, tile, bg)
        ram_horn(t, tile / 2, tile / 2, tile * 0.82, fg, tile * 0.075)
        for cx, cy in ((0, 0), (tile, 0), (0, tile), (tile, tile)):
            diamond(t, cx, cy, tile * 0.11, tile * 0.11, fg)
        diamond(t, tile / 2, tile * 0.93, tile * 0.04, tile * 0.04, motif)
        tiles.append(t)
    fx0, fy0 = x0 + 2 * band, y0 + 2 * band
    fx1, fy1 = x1 - 2 * band, y1 - 2 * band
    cols = max(1, (fx1 - fx0) // tile)
    rows = max(1, (fy1 - fy0) // tile)
    ox = fx0 + ((fx1 - fx0) - cols * tile) // 2
    oy = fy0 + ((fy1 - fy0) - rows * tile) // 2
    c.rect(fx0, fy0, fx1, fy1, field_b)
    for row in range(rows):
        for col in range(cols):
            t = tiles[(row + col) % 2]
            c.blit(t, 0, 0, tile, tile, ox + col * tile, oy + row * tile)
    c.frame(ox - 6, oy - 6, ox + cols * tile + 6, oy + rows * tile + 6, 6, line)
    # Outer zigzag band and inner wave band, drawn once as strips and turned for the sides.
    strip_long = Canvas(x1 - x0, band, border_b)
    zigzag_border(strip_long, 0, 0, x1 - x0, band, band, border_a, border_b)
    c.blit(strip_long, 0, 0, x1 - x0, band, x0, y0)
    c.blit(strip_long, 0, 0, x1 - x0, band, x0, y1 - band)
    strip_side = Canvas(y1 - y0 - 2 * band, band, border_b)
    zigzag_border(strip_side, 0, 0, y1 - y0 - 2 * band, band, band, border_a, border_b)
    side = rotated(strip_side)
    c.blit(side, 0, 0, band, y1 - y0 - 2 * band, x0, y0 + band)
    c.blit(side, 0, 0, band, y1 - y0 - 2 * band, x1 - band, y0 + band)
    wave = Canvas(x1 - x0 - 2 * band, band, field_a)
    wave_border(wave, 0, 0, x1 - x0 - 2 * band, band, line, band * 0.09)
    c.blit(wave, 0, 0, wave.width, band, x0 + band, y0 + band)
    c.blit(wave, 0, 0, wave.width, band, x0 + band, y1 - 2 * band)
    wave_side = Canvas(y1 - y0 - 4 * band, band, field_a)
    wave_border(wave_side, 0, 0, y1 - y0 - 4 * band, band, line, band * 0.09)
    ws = rotated(wave_side)
    c.blit(ws, 0, 0, band, ws.height, x0 + band, y0 + 2 * band)
    c.blit(ws, 0, 0, band, ws.height, x1 - 2 * band, y0 + 2 * band)
    # Quilting stitches (syru) along the seams: small dashes.
    for y in (oy - 14, oy + rows * tile + 14):
        for x in range(ox, ox + cols * tile, 14):
            c.rect(x, y - 1, x + 7, y + 2, line)
    return c

#!/usr/bin/env python3
"""Generates the files of Mura's demo collection (demo/demo.csv) into demo/files/.

Everything is drawn by code with the Python standard library (zlib and struct for PNG, wave for
WAV) and, for the typed text of the 1994 resolution that OCR reads, the `vips` command: Kazakh ornament textiles (syrmak, tekemet, tuskiiz with qoshqar muiiz ram's-horn
motifs), a dombra, jewellery, paintings, archival "scans" (letters, a genealogy, forms, maps,
photographs), a short dombra-like recording, two small PDFs and the research dataset (CSV).
The output is deterministic: running the script again gives identical files.

Usage: python3 demo/make_images.py [output directory, default: demo/files beside this script]
"""

import math
import os
import random
import struct
import subprocess
import sys
import tempfile
import wave

sys.dont_write_bytecode = True  # keep demo/ free of __pycache__
from drawing import Canvas, carpet, diamond, mix, ram_horn, write_png  # noqa: E402

# ---------------------------------------------------------------------------------------------
# Museum objects.

def make_syrmak(out):
    red, blue, ochre, cream = (168, 32, 38), (24, 38, 92), (214, 160, 60), (236, 226, 200)
    c = carpet(2400, 1480, red, blue, ochre, ochre, blue, cream, 300, (226, 222, 214))
    write_png(c, os.path.join(out, "museum/syrmak.png"))
    # A detail: one tile pair drawn large, so that the stitches show at full zoom.
    d = Canvas(1600, 1600, blue)
    for i, (fg, bg) in enumerate(((red, blue), (blue, red))):
        x = i * 800
        d.rect(x, 0, x + 800, 800, bg)
        ram_horn(d, x + 400, 400, 680, fg, 56)
        d.rect(x, 800, x + 800, 1600, fg)
        ram_horn(d, x + 400, 1200, 680, bg, 56)
    for y in range(0, 1600, 800):
        for x in range(0, 1600, 800):
            d.frame(x + 8, y + 8, x + 792, y + 792, 10, cream)
            for k in range(30, 770, 26):
                d.rect(x + k, y + 26, x + k + 13, y + 30, cream)
                d.rect(x + k, y + 770, x + k + 13, y + 774, cream)
    write_png(d, os.path.join(out, "museum/syrmak-detail.png"))


def make_tekemet(out):
    brown, ochre, blue, wool = (110, 72, 44), (196, 146, 72), (70, 96, 130), (222, 206, 176)
    c = Canvas(2200, 1400, (214, 210, 202))
    c.rect(50, 50, 2150, 1350, wool)
    rng = random.Random(7)
    # Pressed felt: big soft rosettes and horns with irregular, doubled outlines.
    for row in range(2):
        for col in range(4):
            cx = 330 + col * 513
            cy = 420 + row * 560
            colour = (brown, blue)[(row + col) % 2]
            for k in range(3):
                jitter_x = rng.uniform(-6, 6)
                jitter_y = rng.uniform(-6, 6)
                ram_horn(c, cx + jitter_x, cy + jitter_y, 440 - k * 8, mix(colour, wool, 0.25 * k), 34 - k * 6)
            diamond(c, cx, cy + 215, 40, 30, ochre)
    for x in range(90, 2110, 46):
        c.disc(x, 90, 14, ochre)
        c.disc(x + 23, 1310, 14, ochre)
    for y in range(136, 1290, 46):
        c.disc(90, y, 14, brown)
        c.disc(2110, y, 14, brown)
    write_png(c, os.path.join(out, "museum/tekemet.png"))


def make_tuskiiz(out):
    black, red, green, yellow, white, pink = ((20, 18, 24), (190, 40, 48), (40, 130, 70),
                                              (230, 190, 60), (236, 232, 220), (220, 120, 150))
    c = Canvas(1400, 2000, (200, 196, 190))
    c.rect(60, 60, 1340, 1940, black)
    # Arch of the upper part, as tuskiiz are often shaped.
    for x in range(60, 1340):
        depth = int(140 * (1 - ((x - 700) / 640) ** 2))
        c.rect(x, 60, x + 1, 60 + max(0, 140 - depth), (200, 196, 190))
    colours = (red, green, yellow, pink, white)
    for i, y in enumerate(range(420, 1800, 330)):
        for j, x in enumerate(range(260, 1200, 300)):
            colour = colours[(i + j) % len(colours)]
            ram_horn(c, x, y, 250, colour, 16)
            # chain-stitch look: a dotted outline inside the horn stroke
            for k in range(0, 360, 20):
                a = math.radians(k)
                c.disc(x + 118 * math.cos(a), y + 118 * math.sin(a), 4, yellow)
    for y in range(260, 1880, 28):
        c.disc(120, y, 7, red)
        c.disc(1280, y, 7, red)
    for x in range(140, 1270, 28):
        c.disc(x, 1880, 7, green)
    for k in range(24):
        x = 100 + k * 50
        c.stroke([(x, 1940), (x + 8, 1985)], 6, yellow)
    write_png(c, os.path.join(out, "museum/tuskiiz.png"))


def make_dombra(out):
    c = Canvas(1200, 2400, (236, 234, 230))
    c.vertical_gradient(0, 2400, (240, 238, 234), (214, 210, 204))
    wood, dark, light, bone = (150, 92, 48), (92, 52, 26), (196, 140, 84), (238, 228, 206)
    # Body: a pear shape (two ellipses), then the neck and head.
    c.ellipse(600, 1850, 330, 420, dark)
    c.ellipse(600, 1850, 318, 408, wood)
    c.ellipse(600, 1520, 210, 260, wood)
    c.rect(560, 250, 640, 1450, wood)
    c.polygon([(548, 260), (652, 260), (640, 120), (560, 120)], dark)
    for y, side in ((170, -1), (230, 1)):
        c.rect(min(600 + side * 40, 600 + side * 95), y - 10, max(600 + side * 40, 600 + side * 95), y + 10, dark)
        c.disc(600 + side * 100, y, 16, bone)
    # Frets (perne) tied across the neck.
    for k in range(9):
        y = 330 + k * 112 - k * k * 3
        c.rect(556, y, 644, y + 7, dark)
    # Bone inlay: ram's horns on the body and dots along the neck.
    ram_horn(c, 600, 1620, 220, bone, 12)
    for y in range(300, 1400, 60):
        c.disc(600, y, 6, bone)
    for k in range(24):
        a = math.pi * (0.15 + 0.7 * k / 23)
        c.disc(600 + 280 * math.cos(a), 1850 + 360 * math.sin(a), 9, bone)
    # Bridge and two gut strings.
    c.rect(540, 2020, 660, 2040, dark)
    c.rect(586, 200, 590, 2160, (228, 214, 178))
    c.rect(610, 200, 614, 2160, (228, 214, 178))
    c.rect(560, 2160, 640, 2200, dark)
    write_png(c, os.path.join(out, "museum/dombra.png"), smooth=True)


def silver_band(c, cx, cy, rx, ry, thickness, silver, shade):
    c.ellipse(cx, cy, rx, ry, shade)
    c.ellipse(cx, cy, rx - thickness * 0.35, ry - thickness * 0.35, silver)
    c.ellipse(cx, cy - thickness * 0.15, rx - thickness, ry - thickness, (238, 236, 232))


def make_bilezik(out):
    c = Canvas(1800, 1800, (238, 236, 232))
    silver, shade, niello = (196, 198, 204), (120, 122, 130), (40, 40, 46)
    silver_band(c, 900, 930, 700, 520, 260, silver, shade)
    # Niello zigzags and carnelian stones set along the band.
    for k in range(36):
        a = 2 * math.pi * k / 36
        x = 900 + 610 * math.cos(a)
        y = 930 + 430 * math.sin(a)
        if k % 3 == 0:
            c.disc(x, y, 42, (230, 220, 200))
            c.disc(x, y, 34, (172, 48, 30))
            c.disc(x - 10, y - 10, 9, (236, 150, 120))
            for j in range(12):  # granulation around the stone
                b = 2 * math.pi * j / 12
                c.disc(x + 52 * math.cos(b), y + 52 * math.sin(b), 6, silver)
        else:
            x2 = 900 + 610 * math.cos(a + 0.06)
            y2 = 930 + 430 * math.sin(a + 0.06)
            c.stroke([(x, y - 30), (x2, y2), (x, y + 30)], 8, niello)
    write_png(c, os.path.join(out, "museum/bilezik.png"))


def make_syrga(out):
    c = Canvas(1600, 1600, (236, 232, 226))
    dy = 330  # centres the pair vertically
    gold, dark, coral = (212, 170, 80), (140, 104, 40), (214, 82, 70)
    for cx in (500, 1100):
        c.stroke([(cx, 200 + dy), (cx + 16, 120 + dy), (cx - 10, 70 + dy), (cx - 50, 90 + dy), (cx - 56, 140 + dy)], 10, dark)
        c.disc(cx, 260 + dy, 70, dark)
        c.disc(cx, 260 + dy, 62, gold)
        c.disc(cx, 260 + dy, 30, coral)
        c.polygon([(cx - 130, 340 + dy), (cx + 130, 340 + dy), (cx, 640 + dy)], dark)
        c.polygon([(cx - 118, 350 + dy), (cx + 118, 350 + dy), (cx, 620 + dy)], gold)
        ram_horn(c, cx, 430 + dy, 150, dark, 8)
        for k in range(5):
            x = cx - 100 + k * 50
            # Each chain hangs from the lower edge of the plate.
            y = 350 + 270 * (1 - abs(x - cx) / 118) + 16 + dy
            for j in range(10):
                c.disc(x, y + j * 34, 9, gold)
            c.disc(x, y + 10 * 34 + 14, 22, coral)
            c.disc(x - 6, y + 10 * 34 + 8, 6, (240, 170, 160))
    write_png(c, os.path.join(out, "museum/syrga.png"))


def make_oniriek(out):
    c = Canvas(1800, 1400, (232, 230, 226))
    silver, shade, coral, carnelian = (200, 202, 208), (110, 112, 120), (214, 82, 70), (170, 50, 30)
    # A crescent-shaped breast plate with a row of pendants.
    c.ellipse(900, 420, 780, 360, shade)
    c.ellipse(900, 420, 768, 348, silver)
    c.ellipse(900, 160, 620, 300, (232, 230, 226))
    for k in range(9):
        a = math.pi * (0.12 + 0.76 * k / 8)
        x = 900 - 650 * math.cos(a)
        y = 420 + 250 * math.sin(a)
        c.disc(x, y, 46, shade)
        c.disc(x, y, 38, (carnelian, coral)[k % 2])
        for j in range(14):
            c.disc(x, y + 70 + j * 30, 8, shade)
        c.polygon([(x - 30, y + 500), (x + 30, y + 500), (x, y + 580)], silver)
        c.disc(x, y + 600, 20, coral)
    ram_horn(c, 900, 520, 260, shade, 12)
    write_png(c, os.path.join(out, "museum/oniriek.png"))


# ---------------------------------------------------------------------------------------------
# Paintings (fictional works by a fictional painter).

def brush_field(c, rng, x0, y0, x1, y1, base, spread, count, length, width):
    for _ in range(count):
        x = rng.uniform(x0, x1)
        y = rng.uniform(y0, y1)
        colour = tuple(max(0, min(255, v + rng.randint(-spread, spread))) for v in base)
        angle = rng.uniform(-0.4, 0.4)
        c.stroke([(x, y), (x + length * math.cos(angle), y + length * math.sin(angle))], width, colour)


def yurt(c, cx, base_y, size, felt, shade, door):
    c.rect(cx - size, base_y - size * 0.7, cx + size, base_y, felt)
    c.ellipse(cx, base_y - size * 0.7, size, size * 0.55, felt)
    c.rect(cx - size, base_y - size * 0.7, cx + size, base_y - size * 0.62, shade)
    c.rect(cx - size * 0.18, base_y - size * 0.5, cx + size * 0.18, base_y, door)
    c.disc(cx, base_y - size * 1.22, size * 0.12, shade)


def make_jailau(out):
    rng = random.Random(1974)
    c = Canvas(2400, 1600)
    c.vertical_gradient(0, 700, (120, 160, 210), (214, 228, 238))
    for _ in range(14):
        c.ellipse(rng.uniform(0, 2400), rng.uniform(80, 400), rng.uniform(80, 220), rng.uniform(20, 50), (242, 244, 246))
    ridge = [(0, 700)] + [(x, 420 + 140 * math.sin(x / 310) + 60 * math.sin(x / 97)) for x in range(0, 2401, 40)] + [(2400, 700)]
    c.polygon(ridge, (96, 112, 140))
    for x in range(200, 2400, 620):
        c.polygon([(x - 160, 430), (x, 300 + rng.uniform(-30, 30)), (x + 150, 430)], (236, 240, 244))
    c.vertical_gradient(700, 1600, (108, 150, 70), (60, 104, 40))
    brush_field(c, rng, 0, 700, 2400, 1600, (90, 136, 60), 30, 5000, 26, 5)
    river = [(x, 1180 + 90 * math.sin(x / 260)) for x in range(0, 2401, 20)]
    c.stroke(river, 40, (120, 170, 206))
    for cx, size in ((700, 120), (980, 100), (1500, 130), (1820, 90)):
        yurt(c, cx, 980 + size * 0.4, size, (246, 244, 236), (176, 150, 110), (150, 60, 40))
    for _ in range(40):  # sheep
        x, y = rng.uniform(200, 2200), rng.uniform(1300, 1550)
        c.ellipse(x, y, 14, 9, (240, 236, 226))
        c.disc(x + 14, y - 4, 5, (60, 50, 40))
    write_png(c, os.path.join(out, "art/jailau.png"), smooth=True)


def make_ertis_spring(out):
    rng = random.Random(1985)
    c = Canvas(2200, 1500)
    c.vertical_gradient(0, 600, (170, 196, 220), (226, 232, 236))
    c.polygon([(0, 600), (2200, 560), (2200, 640), (0, 660)], (140, 150, 120))
    c.vertical_gradient(640, 1180, (96, 126, 150), (70, 96, 124))
    for _ in range(90):  # ice floes
        x, y = rng.uniform(0, 2200), rng.uniform(660, 1160)
        w = rng.uniform(30, 140)
        c.polygon([(x, y), (x + w, y + rng.uniform(-10, 10)), (x + w * 0.8, y + w * 0.25), (x - w * 0.1, y + w * 0.2)], (232, 238, 242))
    c.vertical_gradient(1180, 1500, (140, 130, 90), (96, 110, 60))
    brush_field(c, rng, 0, 1190, 2200, 1500, (120, 130, 70), 25, 2500, 22, 5)
    for x in (260, 420, 1780, 1960, 2080):  # birches
        c.rect(x, 300, x + 26, 1400, (236, 234, 228))
        for y in range(320, 1400, 60):
            c.rect(x, y + rng.randint(0, 20), x + rng.randint(10, 26), y + 26, (40, 40, 36))
        for _ in range(160):
            c.disc(x + rng.uniform(-170, 190), rng.uniform(260, 700), rng.uniform(6, 14), (150 + rng.randint(-20, 20), 176, 90))
    write_png(c, os.path.join(out, "art/ertis-spring.png"), smooth=True)


def make_composition(out):
    c = Canvas(1800, 1800, (244, 196, 40))
    colours = ((200, 30, 50), (20, 60, 140), (30, 140, 110), (240, 240, 230), (30, 24, 30))
    rng = random.Random(1991)
    c.rect(150, 150, 1650, 1650, colours[1])
    c.rect(300, 300, 1500, 1500, colours[0])
    ram_horn(c, 900, 900, 1150, colours[3], 70)
    ram_horn(c, 900, 900, 700, colours[4], 40)
    for k in range(8):
        a = k * math.pi / 4
        ram_horn(c, 900 + 640 * math.cos(a), 900 + 640 * math.sin(a), 220, colours[2 + k % 3], 16)
    for _ in range(120):
        diamond(c, rng.uniform(0, 1800), rng.choice((rng.uniform(0, 140), rng.uniform(1660, 1800))), 14, 14, colours[rng.randrange(5)])
    write_png(c, os.path.join(out, "art/qoshqar-muiiz-composition.png"))


def make_night_steppe(out):
    rng = random.Random(2003)
    c = Canvas(2000, 1200)
    c.vertical_gradient(0, 900, (8, 12, 40), (40, 60, 110))
    for _ in range(700):
        c.disc(rng.uniform(0, 2000), rng.uniform(0, 860), rng.choice((1, 1, 1.5, 2.2)), (250, 250, 236))
    c.disc(1600, 200, 70, (246, 240, 210))
    c.disc(1630, 185, 66, mix((8, 12, 40), (40, 60, 110), 0.2))
    c.vertical_gradient(900, 1200, (24, 30, 34), (12, 14, 16))
    yurt(c, 700, 960, 120, (40, 44, 56), (30, 32, 40), (236, 170, 70))
    write_png(c, os.path.join(out, "art/night-steppe.png"), smooth=True)


# ---------------------------------------------------------------------------------------------
# Archival "scans".

def handwriting(c, rng, x0, y0, x1, y1, line_gap, ink, size=1.0, width=2.2):
    """Lines of cursive-looking loops; not real text."""
    y = y0
    while y < y1:
        x = x0 + rng.uniform(0, 40)
        while x < x1 - 60:
            letters = rng.randint(2, 8)
            points = []
            t = 0.0
            for _ in range(letters):
                shape = rng.random()
                height = (9 if shape < 0.7 else 24) * size * rng.uniform(0.85, 1.15)
                drop = 12 * size if shape > 0.9 else 0.0  # a descender below the line
                loop = rng.uniform(5, 9) * size
                for k in range(13):
                    a = k / 12 * 2 * math.pi
                    rise = height * (0.5 - 0.5 * math.cos(a))
                    if drop and k >= 6:
                        rise = -drop * math.sin(a - math.pi)
                    px = x + t + loop * 0.5 * math.sin(a) + k * loop / 12 * 1.4 + rise * 0.25
                    points.append((px, y - rise))
                t += loop * 1.6
            c.stroke(points, width, ink)
            x += t + rng.uniform(14, 30) * size
        y += line_gap * rng.uniform(0.95, 1.05)


def paper(width, height, tone, rng, stains=6):
    c = Canvas(width, height, tone)
    for _ in range(stains):
        c.ellipse(rng.uniform(0, width), rng.uniform(0, height), rng.uniform(60, 220), rng.uniform(40, 160),
                  mix(tone, (150, 120, 80), rng.uniform(0.05, 0.12)))
    c.tone_bands(16, 0.10)
    return c


def seal(c, cx, cy, r, ink):
    c.ring(cx, cy, r, r - 6, ink)
    c.ring(cx, cy, r * 0.72, r * 0.72 - 3, ink)
    for k in range(24):
        a = 2 * math.pi * k / 24
        c.disc(cx + r * 0.86 * math.cos(a), cy + r * 0.86 * math.sin(a), 4, ink)
    for k in range(5):
        a = -math.pi / 2 + 4 * math.pi * k / 5
        b = -math.pi / 2 + 4 * math.pi * (k + 1) / 5
        c.line(cx + r * 0.5 * math.cos(a), cy + r * 0.5 * math.sin(a), cx + r * 0.5 * math.cos(b), cy + r * 0.5 * math.sin(b), 4, ink)


def make_letters(out):
    rng = random.Random(1916)
    for page in (1, 2):
        c = paper(1240, 1754, (232, 220, 190), rng)
        handwriting(c, rng, 120, 220, 1120, 1640 if page == 1 else 900, 52, (70, 50, 40))
        if page == 2:
            handwriting(c, rng, 700, 1000, 1120, 1060, 52, (70, 50, 40))
            seal(c, 300, 1200, 90, (60, 70, 140))
        write_png(c, os.path.join(out, f"archive/letter-1916-p{page}.png"))
    rng = random.Random(1927)
    c = paper(1240, 1754, (236, 230, 212), rng)
    handwriting(c, rng, 140, 200, 1100, 1500, 48, (30, 40, 90))
    write_png(c, os.path.join(out, "archive/letter-1927.png"))
    # The front-line triangle letter, unfolded: fold creases and a censor's stamp.
    rng = random.Random(1943)
    c = Canvas(1400, 1400, (70, 60, 52))
    sheet = paper(1100, 1100, (226, 222, 206), rng, 3)
    crease = (196, 190, 172)
    for a, b in (((0, 0), (1100, 1100)), ((1100, 0), (0, 1100)), ((550, 0), (550, 1100)), ((0, 550), (1100, 550))):
        sheet.line(a[0], a[1], b[0], b[1], 3, crease)
    handwriting(sheet, rng, 90, 140, 1010, 1000, 44, (90, 90, 100), 0.9, 2.0)
    sheet.frame(700, 900, 1020, 1040, 5, (120, 40, 60))
    handwriting(sheet, rng, 720, 960, 1000, 1030, 34, (120, 40, 60), 0.7, 2.0)
    c.blit(sheet, 0, 0, 1100, 1100, 150, 150)
    write_png(c, os.path.join(out, "archive/letter-1943.png"))


def make_shezhire(out):
    rng = random.Random(1845)
    c = paper(1800, 2400, (228, 212, 172), rng, 10)
    ink = (60, 40, 30)
    levels = [1, 2, 3, 5, 7, 9, 11]
    positions = []
    for level, count in enumerate(levels):
        y = 220 + level * 320
        row = []
        for k in range(count):
            x = 1800 * (k + 1) / (count + 1)
            row.append((x, y))
        positions.append(row)
    for level in range(1, len(positions)):
        for k, (x, y) in enumerate(positions[level]):
            parent = positions[level - 1][min(len(positions[level - 1]) - 1, k * len(positions[level - 1]) // len(positions[level]))]
            c.stroke([(parent[0], parent[1] + 40), (parent[0], (parent[1] + y) / 2), (x, (parent[1] + y) / 2), (x, y - 40)], 3, ink)
    for row in positions:
        for x, y in row:
            c.ring(x, y, 70, 66, ink)
            handwriting(c, rng, x - 50, y + 8, x + 110, y + 20, 30, ink, 0.7, 2.0)
    # Marginal notes.
    handwriting(c, rng, 80, 2250, 1700, 2340, 40, ink, 0.8, 2.0)
    write_png(c, os.path.join(out, "archive/shezhire.png"))


def typed_lines(c, rng, x0, y0, x1, y1, gap, ink, char_w=11, char_h=15):
    """Rows of small blocks that read as typewritten or printed text at a distance."""
    y = y0
    while y < y1:
        x = x0
        end = x1 - rng.randint(0, 200)
        while x < end:
            word = rng.randint(2, 9)
            for _ in range(word):
                h = char_h if rng.random() < 0.8 else int(char_h * 1.35)
                c.rect(x + 1, y + char_h - h, x + char_w - 2, y + char_h, ink)
                x += char_w
            x += char_w
        y += gap


def make_diploma(out):
    rng = random.Random(1912)
    c = paper(1754, 1240, (238, 230, 206), rng, 4)
    ink = (40, 40, 60)
    tile = Canvas(60, 60, (238, 230, 206))
    ram_horn(tile, 30, 30, 48, (120, 60, 50), 4)
    for x in range(60, 1694, 60):
        c.blit(tile, 0, 0, 60, 60, x, 60)
        c.blit(tile, 0, 0, 60, 60, x, 1120)
    for y in range(120, 1120, 60):
        c.blit(tile, 0, 0, 60, 60, 60, y)
        c.blit(tile, 0, 0, 60, 60, 1634, y)
    typed_lines(c, rng, 600, 200, 1150, 260, 60, ink, 22, 30)
    typed_lines(c, rng, 200, 320, 1550, 860, 44, ink, 12, 16)
    handwriting(c, rng, 500, 400, 1200, 420, 44, (30, 30, 110))
    seal(c, 1350, 950, 110, (50, 60, 150))
    handwriting(c, rng, 260, 960, 700, 1000, 40, ink)
    write_png(c, os.path.join(out, "archive/diploma-1912.png"))


def make_personnel_form(out):
    rng = random.Random(1974)
    c = paper(1240, 1754, (244, 242, 234), rng, 2)
    ink, blue = (40, 40, 40), (30, 50, 120)
    typed_lines(c, rng, 360, 120, 900, 150, 40, ink, 16, 22)
    c.frame(120, 220, 380, 560, 3, ink)
    c.ellipse(250, 350, 70, 90, (150, 150, 150))
    c.rect(150, 440, 350, 556, (150, 150, 150))
    for k in range(16):
        y = 240 + k * 84
        typed_lines(c, rng, 420 if y < 580 else 120, y, 700 if y < 580 else 520, y + 20, 40, ink, 10, 14)
        c.rect(420 if y < 580 else 120, y + 50, 1120, y + 52, ink)
        handwriting(c, rng, 740 if y < 580 else 560, y + 40, 1100, y + 44, 40, blue, 0.8, 2.0)
    write_png(c, os.path.join(out, "archive/personnel-file-1974.png"))


def typed_text(c, x, y, width, text, points, ink, font="DejaVu Serif"):
    """Real text, set by libvips (the `vips` command of libvips-tools) in `font` and laid on the
    canvas in `ink`: a typed page that OCR can read. Returns the height used."""
    with tempfile.TemporaryDirectory() as work:
        mask = os.path.join(work, "text.pgm")
        subprocess.run(["vips", "text", mask, text, "--font", f"{font} {points}",
                        "--width", str(width), "--dpi", "150", "--spacing", str(points)],
                       check=True)
        with open(mask, "rb") as f:
            data = f.read()
    # Binary PGM: "P5 <width> <height> <max>" (and # comment lines), then a byte per pixel.
    fields, at = [], 0
    while len(fields) < 4:
        end = data.index(b"\n", at)
        line = data[at:end]
        at = end + 1
        if not line.startswith(b"#"):
            fields += line.split()
    w, h = int(fields[1]), int(fields[2])
    pixels = data[at:]
    for row in range(h):
        for col in range(w):
            alpha = pixels[row * w + col] / 255
            if alpha > 0.02:
                i = 3 * ((y + row) * c.width + x + col)
                c.data[i:i + 3] = bytes(mix(tuple(c.data[i:i + 3]), ink, alpha))
    return h


RESOLUTION_TEXT = {
    "heading": "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ\nСЕМЕЙ ОБЛЫСЫНЫҢ ӘКІМІ",
    "title": "ҚАУЛЫ\n1994 жылғы 12 мамыр   № 145   Семей қаласы",
    "subject": "Ертіс өңірлік мемлекеттік мұрағатын құру туралы",
    "body": (
        "Облыстағы мұрағат ісін жетілдіру, тарихи құжаттардың сақталуын қамтамасыз ету және "
        "оларды зерттеушілерге қолжетімді ету мақсатында қаулы етемін:\n\n"
        "1. Облыстық мемлекеттік мұрағат пен Семей қалалық мұрағатын біріктіріп, Ертіс өңірлік "
        "мемлекеттік мұрағаты құрылсын.\n\n"
        "2. Мұрағат қорындағы қолжазбалар, фотоқұжаттар мен карталар жаңа мекеменің қарауына "
        "берілсін. Құжаттарды тізімдеу жұмысы 1995 жылдың соңына дейін аяқталсын.\n\n"
        "3. Мұрағат ғимаратын жөндеуге облыстық бюджеттен қаражат бөлінсін.\n\n"
        "4. Осы қаулының орындалуын бақылау облыс әкімінің орынбасарына жүктелсін."),
    "signature": "Облыс әкімі",
}


def make_resolution(out):
    rng = random.Random(1994)
    c = paper(1240, 1754, (246, 246, 242), rng, 0)
    ink = (24, 24, 28)
    # Emblem: a sun with rays above a ring.
    for k in range(32):
        a = 2 * math.pi * k / 32
        c.line(620 + 40 * math.cos(a), 150 + 40 * math.sin(a), 620 + 70 * math.cos(a), 150 + 70 * math.sin(a), 3, (30, 110, 170))
    c.disc(620, 150, 34, (30, 110, 170))
    c.ring(620, 150, 86, 80, (30, 110, 170))
    typed_text(c, 140, 250, 960, RESOLUTION_TEXT["heading"], 11, ink, "DejaVu Serif Bold")
    c.rect(140, 350, 1100, 353, ink)
    typed_text(c, 140, 380, 960, RESOLUTION_TEXT["title"], 11, ink)
    typed_text(c, 140, 480, 960, RESOLUTION_TEXT["subject"], 11, ink, "DejaVu Serif Bold")
    height = typed_text(c, 140, 560, 960, RESOLUTION_TEXT["body"], 10, ink)
    y = 560 + height + 90
    typed_text(c, 140, y, 400, RESOLUTION_TEXT["signature"], 10, ink)
    handwriting(c, rng, 760, y - 10, 1040, y + 10, 40, (20, 40, 120))
    seal(c, 420, y + 110, 90, (40, 60, 150))
    write_png(c, os.path.join(out, "legal/resolution-1994.png"))


# ---------------------------------------------------------------------------------------------
# Photographs and maps.

SEPIA_DARK, SEPIA_LIGHT = (58, 40, 28), (224, 204, 170)


def sepia(t):
    return mix(SEPIA_DARK, SEPIA_LIGHT, max(0.0, min(1.0, t)))


def person(c, cx, base_y, height, tone, head_tone=None):
    head = height * 0.13
    c.polygon([(cx - height * 0.16, base_y), (cx - height * 0.12, base_y - height * 0.7),
               (cx + height * 0.12, base_y - height * 0.7), (cx + height * 0.16, base_y)], tone)
    c.ellipse(cx, base_y - height * 0.7, height * 0.14, height * 0.06, tone)
    c.disc(cx, base_y - height * 0.7 - head * 0.9, head * 0.6, head_tone or tone)


def photo_frame(c):
    c.tone_bands(24, 0.3)
    c.frame(0, 0, c.width, c.height, 24, (236, 230, 216))


def make_photo_school(out):
    rng = random.Random(19160)
    c = Canvas(2000, 1400)
    c.vertical_gradient(0, 700, sepia(0.9), sepia(0.72))
    c.vertical_gradient(700, 1400, sepia(0.62), sepia(0.45))
    yurt(c, 1000, 760, 420, sepia(1.0), sepia(0.5), sepia(0.2))
    for x in range(600, 1400, 34):  # lattice (kerege) of the yurt wall
        c.line(x, 470, x + 34, 760, 3, sepia(0.7))
        c.line(x + 34, 470, x, 760, 3, sepia(0.7))
    for row, (base, height, count) in enumerate(((1160, 330, 9), (1300, 300, 10))):
        for k in range(count):
            x = 360 + k * (1280 / (count - 1))
            person(c, x + rng.uniform(-10, 10), base, height * rng.uniform(0.92, 1.05), sepia(0.12 + 0.1 * row), sepia(0.3))
    person(c, 1800, 1250, 470, sepia(0.08), sepia(0.28))
    photo_frame(c)
    write_png(c, os.path.join(out, "archive/photo-school-1916.png"), smooth=True)


def make_photo_aul(out):
    rng = random.Random(1925)
    c = Canvas(2200, 1400)
    c.vertical_gradient(0, 700, sepia(0.98), sepia(0.84))
    ridge = [(0, 700)] + [(x, 500 + 70 * math.sin(x / 280) + 30 * math.sin(x / 90)) for x in range(0, 2201, 40)] + [(2200, 700)]
    c.polygon(ridge, sepia(0.55))
    c.vertical_gradient(700, 1400, sepia(0.7), sepia(0.5))
    c.rect(0, 600, 2200, 700, sepia(0.62))
    for cx, size in ((500, 120), (820, 150), (1180, 110), (1520, 140), (1850, 100)):
        yurt(c, cx, 760 + size * 0.3, size, sepia(0.92), sepia(0.45), sepia(0.15))
    c.stroke([(820, 540), (840, 470), (810, 400), (850, 320)], 18, sepia(0.9))
    for _ in range(30):  # horses and sheep
        x, y = rng.uniform(100, 2100), rng.uniform(900, 1300)
        big = rng.random() < 0.3
        rx, ry = (40, 20) if big else (16, 10)
        c.ellipse(x, y, rx, ry, sepia(0.15 if big else 0.85))
        if big:
            for dx in (-28, -12, 14, 30):
                c.rect(x + dx, y, x + dx + 5, y + 40, sepia(0.15))
            c.polygon([(x + 36, y - 6), (x + 70, y - 40), (x + 80, y - 30), (x + 44, y + 8)], sepia(0.15))
    photo_frame(c)
    write_png(c, os.path.join(out, "archive/photo-aul-1925.png"), smooth=True)


def make_photo_winter(out):
    rng = random.Random(1930)
    c = Canvas(2000, 1300)
    c.vertical_gradient(0, 520, sepia(0.9), sepia(0.98))
    c.vertical_gradient(520, 1300, (236, 232, 224), (214, 208, 198))
    c.rect(400, 420, 1300, 800, sepia(0.42))
    for y in range(430, 800, 38):
        for x in range(400 + (y // 38 % 2) * 40, 1300, 80):
            c.rect(x, y, x + 76, y + 34, sepia(0.5 + rng.uniform(-0.05, 0.05)))
    c.polygon([(380, 430), (850, 300), (1320, 430)], (240, 238, 232))
    c.rect(1420, 560, 1750, 800, sepia(0.3))
    c.polygon([(1400, 570), (1585, 470), (1770, 570)], (238, 236, 230))
    for x in range(0, 2000, 90):
        c.rect(x, 900 + rng.randint(-10, 10), x + 8, 1020, sepia(0.25))
    c.rect(0, 930, 2000, 936, sepia(0.3))
    photo_frame(c)
    write_png(c, os.path.join(out, "archive/photo-winter-1930.png"), smooth=True)


def make_photo_family(out):
    rng = random.Random(1955)
    grey = lambda t: mix((30, 30, 30), (230, 230, 226), t)
    c = Canvas(2000, 1500)
    c.vertical_gradient(0, 1500, grey(0.82), grey(0.7))
    c.rect(200, 150, 1800, 1050, grey(0.74))
    for x in (420, 1380):
        c.rect(x, 330, x + 220, 630, grey(0.25))
        c.frame(x - 12, 318, x + 232, 642, 14, grey(0.92))
        c.rect(x + 104, 330, x + 116, 630, grey(0.92))
    c.vertical_gradient(1050, 1500, grey(0.55), grey(0.45))
    c.rect(460, 1150, 1540, 1180, grey(0.2))
    heights = (560, 600, 420, 330, 610, 520)
    for k, h in enumerate(heights):
        person(c, 520 + k * 195, 1320, h, grey(0.12 + 0.06 * (k % 3)), grey(0.4))
    del rng
    photo_frame(c)
    write_png(c, os.path.join(out, "archive/photo-family-195x.png"), smooth=True)


def map_base(width, height, rng, tone):
    c = paper(width, height, tone, rng, 5)
    ink = (70, 56, 44)
    c.frame(40, 40, width - 40, height - 40, 6, ink)
    c.frame(60, 60, width - 60, height - 60, 2, ink)
    for x in range(60, width - 60, 200):
        c.rect(x, 60, x + 1, height - 60, mix(tone, ink, 0.25))
    for y in range(60, height - 60, 200):
        c.rect(60, y, width - 60, y + 1, mix(tone, ink, 0.25))
    return c, ink


def compass(c, cx, cy, r, ink):
    for k in range(8):
        a = k * math.pi / 4
        length = r if k % 2 == 0 else r * 0.55
        tip = (cx + length * math.cos(a), cy + length * math.sin(a))
        left = (cx + r * 0.12 * math.cos(a + math.pi / 2), cy + r * 0.12 * math.sin(a + math.pi / 2))
        right = (cx + r * 0.12 * math.cos(a - math.pi / 2), cy + r * 0.12 * math.sin(a - math.pi / 2))
        c.polygon([left, tip, right], ink)
    c.ring(cx, cy, r * 1.1, r * 1.1 - 3, ink)


def hills(c, rng, x0, y0, x1, y1, count, ink):
    for _ in range(count):
        cx, cy = rng.uniform(x0, x1), rng.uniform(y0, y1)
        r = rng.uniform(40, 90)
        for k in range(18):  # hachures radiating from the summit
            a = 2 * math.pi * k / 18
            c.line(cx + r * 0.3 * math.cos(a), cy + r * 0.3 * math.sin(a), cx + r * math.cos(a), cy + r * math.sin(a), 2, ink)


def make_map_volost(out):
    rng = random.Random(19161)
    c, ink = map_base(2400, 1700, rng, (232, 222, 194))
    river = [(60, 300)]
    x, y = 60, 300
    while x < 2340:
        x += 30
        y += rng.uniform(-18, 22)
        y = max(200, min(1500, y))
        river.append((x, y))
    c.stroke(river, 22, (90, 130, 170))
    for start in (400, 1100, 1700):
        px, py = river[start // 30]
        branch = [(px, py)]
        for _ in range(30):
            px += rng.uniform(-10, 20)
            py += 30
            branch.append((px, py))
        c.stroke(branch, 8, (90, 130, 170))
    for _ in range(10):  # hayfields, hatched
        x0, y0 = rng.uniform(150, 2100), rng.uniform(500, 1400)
        w, h = rng.uniform(120, 260), rng.uniform(80, 180)
        c.frame(x0, y0, x0 + w, y0 + h, 3, ink)
        for k in range(0, int(w + h), 14):
            c.line(x0 + max(0, k - h), y0 + min(h, k), x0 + min(w, k), y0 + max(0, k - w), 1.5, (110, 140, 80))
    hills(c, rng, 200, 900, 2200, 1550, 14, ink)
    for _ in range(16):  # winter camps
        x0, y0 = rng.uniform(150, 2250), rng.uniform(150, 1550)
        c.rect(x0, y0, x0 + 22, y0 + 22, (150, 40, 30))
        handwriting(c, rng, x0 + 30, y0 + 18, x0 + 220, y0 + 22, 30, ink, 0.6, 1.6)
    compass(c, 2150, 250, 90, ink)
    handwriting(c, rng, 160, 1580, 900, 1600, 30, ink, 0.9)
    write_png(c, os.path.join(out, "archive/map-volost-1916.png"))


def make_map_camps(out):
    rng = random.Random(1890)
    c, ink = map_base(2000, 2000, rng, (226, 214, 180))
    river = [(x, 1000 + 300 * math.sin(x / 500) + 40 * math.sin(x / 90)) for x in range(60, 1941, 20)]
    c.stroke(river, 30, (100, 136, 160))
    for k in range(6):  # migration routes, dashed
        y = 300 + k * 280
        points = [(x, y + 120 * math.sin(x / 300 + k)) for x in range(100, 1900, 12)]
        for i in range(0, len(points) - 3, 6):
            c.stroke(points[i:i + 3], 4, (150, 40, 30))
    hills(c, rng, 150, 150, 1850, 1850, 20, ink)
    for _ in range(24):
        x0, y0 = rng.uniform(100, 1880), rng.uniform(100, 1880)
        c.disc(x0, y0, 12, ink)
        handwriting(c, rng, x0 + 20, y0 + 8, x0 + 200, y0 + 12, 30, ink, 0.6, 1.6)
    compass(c, 1800, 1800, 80, ink)
    write_png(c, os.path.join(out, "archive/map-winter-camps-189x.png"))


# ---------------------------------------------------------------------------------------------
# Sound, documents and data.

def make_kui(out):
    """About six seconds of a plucked two-string melody (Karplus-Strong), 22.05 kHz mono."""
    rate = 22050
    rng = random.Random(1965)
    d, g = 146.83, 196.0  # dombra strings tuned a fourth apart (D3, G3)
    ratios = [1, 9 / 8, 5 / 4, 4 / 3, 3 / 2, 5 / 3, 2]
    notes = []
    for bar in range(12):
        base = d if bar % 2 == 0 else g
        notes.append((base * ratios[rng.randrange(len(ratios))], 0.25))
        notes.append((base, 0.125))
        notes.append((base * ratios[rng.randrange(len(ratios))], 0.125))
    samples = []
    for frequency, duration in notes:
        period = int(rate / frequency)
        buffer = [rng.uniform(-1, 1) for _ in range(period)]
        for i in range(int(rate * duration)):
            value = buffer[i % period]
            buffer[i % period] = 0.996 * 0.5 * (value + buffer[(i + 1) % period])
            samples.append(value)
    peak = max(abs(s) for s in samples) or 1.0
    frames = b"".join(struct.pack("<h", int(s / peak * 0.8 * 32767)) for s in samples)
    path = os.path.join(out, "archive/kui-1965.wav")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames)
    print(f"{path}: {len(samples) / rate:.1f} s")


def pdf_escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(path, title, pages):
    """A small PDF (Helvetica, ASCII text) with one text page per entry of `pages`: a list of
    (font size, line) pairs. No dates or ids, so the bytes are stable."""
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 1 + 2 * len(pages)
    page_ids = []
    for lines in pages:
        ops = ["BT", "1 0 0 1 72 770 Tm"]
        for size, text in lines:
            name = "/F2" if size >= 13 else "/F1"
            ops.append(f"{name} {size} Tf {size + 5} TL ({pdf_escape(text)}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream")
        page_ids.append(add(("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                             "/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>" % (pages_id, content, font, bold)).encode()))
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    assert add(f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()) == pages_id
    info = add(b"<< /Title (" + pdf_escape(title).encode("latin-1") + b") /Producer (Mura demo) >>")
    catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode())
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(out)
    print(f"{path}: {len(out)} bytes")


def wrap(text, width=88):
    words, lines, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = (line + " " + word).strip()
    if line:
        lines.append(line)
    return lines


def make_documents(out):
    article = [
        (16, "Types of the ram's-horn ornament on syrmak carpets of the Irtysh region"),
        (11, "Saule Omarova, Yerlan Toktarov - Ertis Regional Museum of History and Local Lore"),
        (11, "DOI 10.5072/mura.demo.article-2023 - licensed CC BY 4.0"),
        (11, ""),
        (13, "Abstract"),
    ] + [(11, l) for l in wrap(
        "The article analyses the ornament of 40 syrmak carpets in the museum's holdings and "
        "distinguishes five main types of the qoshqar muiiz (ram's horn) motif: the open horn, the "
        "closed spiral, the doubled horn, the horn with a cross and the counterchanged horn of "
        "mosaic felts. The data are published as a separate dataset (DOI "
        "10.5072/mura.demo.dataset-2023).")] + [
        (11, ""),
        (13, "1. Material and method"),
    ] + [(11, l) for l in wrap(
        "Each carpet was photographed and its motifs counted by two observers. Motifs were "
        "classified by the number of turns of the spiral, the presence of a stem and the "
        "symmetry of the pair. Disagreements were resolved by a third reading.")]
    results = [(13, "2. Results")] + [(11, l) for l in wrap(
        "The counterchanged horn, in which the motif and the ground exchange colours in "
        "neighbouring fields, dominates the mosaic syrmak (62 per cent of fields). Pressed "
        "tekemet felts prefer the open horn with soft outlines. The doubled horn appears mainly "
        "on carpets made for a bride's dowry.")] + [(11, ""), (13, "3. Conclusion")] + [
        (11, l) for l in wrap(
            "The typology gives curators a shared vocabulary for describing felt ornament and a "
            "basis for dating carpets whose provenance is lost. This is a demonstration "
            "document of the Mura repository; the study and its authors are fictional.")]
    make_pdf(os.path.join(out, "research/ornament-article.pdf"), "Types of the ram's-horn ornament", [article, results])
    thesis = [
        (16, "The semantics of ornament in Kazakh felt art"),
        (11, "Dinara Bekova - thesis for the degree of Doctor of Philosophy (PhD)"),
        (11, "Ertis University, 2025"),
        (11, ""),
    ] + [(11, l) for l in wrap(
        "This thesis studies the meaning and origins of the motifs qoshqar muiiz (ram's horn), "
        "qus muryn (bird's beak) and tuie taban (camel's foot) in felt textiles of the Irtysh "
        "region, comparing museum objects, archival photographs and interviews with felt makers. "
        "This is a demonstration document of the Mura repository; the thesis is fictional.")]
    make_pdf(os.path.join(out, "research/thesis.pdf"), "The semantics of ornament in Kazakh felt art", [thesis])


def make_dataset(out):
    rng = random.Random(2023)
    places = ["Semey", "Abai", "Ayagoz", "Urzhar", "Beskaragai", "Zharma"]
    kinds = ["syrmak", "tekemet", "tuskiiz"]
    motifs = ["qoshqar_muiiz", "qus_muryn", "tuie_taban", "synyq_muiiz", "su"]
    lines = ["object_id,object_type,place,period_start,period_end," + ",".join(motifs)]
    for i in range(1, 121):
        start = rng.randrange(1880, 1990, 10)
        counts = [rng.randint(0, 24) if m != "qoshqar_muiiz" else rng.randint(2, 40) for m in motifs]
        lines.append(f"FT-{i:04d},{rng.choice(kinds)},{rng.choice(places)},{start},{start + 9}," +
                     ",".join(str(n) for n in counts))
    path = os.path.join(out, "research/felt-motifs.csv")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{path}: {len(lines) - 1} rows")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "files")
    for make in (make_syrmak, make_tekemet, make_tuskiiz, make_dombra, make_bilezik, make_syrga,
                 make_oniriek, make_jailau, make_ertis_spring, make_composition,
                 make_night_steppe, make_letters, make_shezhire, make_diploma,
                 make_personnel_form, make_resolution, make_photo_school, make_photo_aul,
                 make_photo_winter, make_photo_family, make_map_volost, make_map_camps, make_kui,
                 make_documents, make_dataset):
        make(out)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes a sheet of N archival items, each with one 4 KB file, for the ingest benchmark."""
import os
import sys

out, count = sys.argv[1], int(sys.argv[2])
os.makedirs(os.path.join(out, "files"), exist_ok=True)
with open(os.path.join(out, "sheet.csv"), "w", encoding="utf-8") as sheet:
    sheet.write("key,kind,level,parent,title@kk,title@en,date,reference_code,file\n")
    sheet.write("fonds,archival_unit,fonds,,Бенчмарк қоры,Benchmark fonds,1920/1990,B,\n")
    for i in range(count):
        name = f"files/item-{i:06d}.txt"
        with open(os.path.join(out, name), "wb") as f:
            f.write((f"item {i} " * 512)[:4096].encode())
        sheet.write(f"i{i},archival_unit,item,fonds,Хат {i},Letter {i},19{i % 100:02d},B/{i},{name}\n")

#!/usr/bin/env python3
"""Writes src/collate/strokes.bin: the total strokes of each CJK Unified Ideograph
U+4E00..U+9FFF, one byte per character in code point order (0 where Unihan has none).

Source: the Unicode Character Database's Unihan kTotalStrokes field (Unihan_IRGSources.txt;
Debian's `unicode-data` package ships it as /usr/share/unicode/Unihan_IRGSources.txt.bz2).
Where a character has two counts (zh-Hans, then zh-Hant), the first, the simplified form's,
is kept.

Usage: python3 scripts/gen-strokes.py [path to Unihan_IRGSources.txt(.bz2)]
"""
import bz2
import pathlib
import sys

FIRST, LAST = 0x4E00, 0x9FFF
source = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode/Unihan_IRGSources.txt.bz2")
opener = bz2.open if source.suffix == ".bz2" else open
table = bytearray(LAST - FIRST + 1)
with opener(source, "rt", encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or "\tkTotalStrokes\t" not in line:
            continue
        code, _, counts = line.rstrip("\n").split("\t")
        cp = int(code[2:], 16)
        if FIRST <= cp <= LAST:
            table[cp - FIRST] = int(counts.split()[0])
out = pathlib.Path(__file__).resolve().parent.parent / "src" / "collate" / "strokes.bin"
out.write_bytes(bytes(table))
print(f"{out}: {sum(1 for b in table if b)} characters")

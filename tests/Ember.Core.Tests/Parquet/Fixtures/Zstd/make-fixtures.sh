#!/usr/bin/env bash
# Regenerates the ZSTD fixtures: deterministic inputs, compressed by the zstd CLI in several ways.
# The tests read only the .zst files and manifest.txt (name, decompressed size, SHA-256 of the
# decompressed bytes); they never need the zstd CLI. Run from anywhere: ./make-fixtures.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

python3 - <<'PY'
import random
rng = random.Random(8878)
words = ("model feature vector spark pipeline string indexer label score tree forest "
         "gradient boosted parquet column page dictionary value null double float row group").split()
def text(n):
    out = []
    size = 0
    while size < n:
        w = rng.choice(words) + (rng.choice([" ", " ", " ", ", ", ".\n"]))
        out.append(w); size += len(w)
    return "".join(out).encode()[:n]
open("text.bin", "wb").write(text(40_000))
open("random.bin", "wb").write(bytes(rng.getrandbits(8) for _ in range(4_096)))
open("repetitive.bin", "wb").write(b"abcabcabd" * 3000 + bytes(200_000) + b"xyz" * 5000)
open("empty.bin", "wb").write(b"")
open("one.bin", "wb").write(b"Z")
# Over 128 KiB, so several blocks; a 60 kB text and edited copies of it keep the fixture small.
base = text(60_000)
large = bytearray(base)
for k in range(3):
    large += b"copy %d\n" % k + base[k * 7:][: 60_000 - 5000 * k] + text(3_000)
# Whole 128 KiB blocks of one byte value: the CLI stores them as RLE blocks.
open("runs.bin", "wb").write(text(131_072) + b"A" * 262_144 + b"tail")
open("large.bin", "wb").write(bytes(large))
# Text, random runs and zero runs in turns: raw, RLE and compressed blocks, and repeat offsets
# (the same record with small edits recurs at the same distance).
mixed = bytearray()
for i in range(60):
    mixed += b"record %05d: alpha=%d beta=%d gamma=%d\n" % (i, i % 7, i % 3, i % 5) * 20
    mixed += bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 150)))
    mixed += bytes([i % 256]) * rng.randint(0, 3000)
open("mixed.bin", "wb").write(bytes(mixed))
PY

rm -f "$here"/*.zst
manifest="$here/manifest.txt"
echo "# fixture decompressed-size sha256-of-decompressed (written by make-fixtures.sh)" > "$manifest"
add() { # add NAME INPUT...: records the concatenated inputs' size and hash for NAME
  local name="$1"; shift
  local size sha
  size=$(cat "$@" | wc -c)
  sha=$(cat "$@" | sha256sum | cut -d' ' -f1)
  echo "$name $size $sha" >> "$manifest"
}
for input in text random repetitive empty one mixed; do
  for level in 1 3 19; do
    zstd -q -"$level" -c "$input.bin" > "$here/$input.l$level.zst"; add "$input.l$level.zst" "$input.bin"
  done
  zstd -q --ultra -22 -c "$input.bin" > "$here/$input.l22.zst"; add "$input.l22.zst" "$input.bin"
  zstd -q -3 --no-check -c "$input.bin" > "$here/$input.nocheck.zst"; add "$input.nocheck.zst" "$input.bin"
done
zstd -q -3 -c runs.bin > "$here/runs.l3.zst"; add runs.l3.zst runs.bin
zstd -q -3 -c large.bin > "$here/large.l3.zst"; add large.l3.zst large.bin
zstd -q -19 --no-check -c large.bin > "$here/large.l19-nocheck.zst"; add large.l19-nocheck.zst large.bin
# Streamed input: no content size in the header, a window descriptor instead.
zstd -q -3 -c < mixed.bin > "$here/mixed.stream.zst"; add mixed.stream.zst mixed.bin
cat "$here/text.l3.zst" "$here/mixed.l1.zst" > "$here/two-frames.zst"; add two-frames.zst text.bin mixed.bin
python3 - "$here/text.l1.zst" "$here/skippable-then-frame.zst" <<'PY'
import struct, sys
frame = open(sys.argv[1], "rb").read()
user = b"skip me: user data of a skippable frame"
open(sys.argv[2], "wb").write(struct.pack("<II", 0x184D2A53, len(user)) + user + frame)
PY
add skippable-then-frame.zst text.bin
du -cb "$here"/*.zst | tail -1

#!/usr/bin/env bash
# Renders assets/icons/r4-rescue.svg into the PNG sizes, the Windows .ico and the macOS .icns that
# the installers use. The results are committed, so building a package never needs these tools.
# Needs: rsvg-convert (librsvg2-bin), ImageMagick (convert), png2icns (icnsutils).
set -euo pipefail
cd "$(dirname "$0")/../assets/icons"

for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" r4-rescue.svg -o "r4-rescue-$size.png"
done
# Use the packaged ImageMagick explicitly; an earlier 'convert' on the PATH may be something else.
im=/usr/bin/convert
[ -x "$im" ] || im=convert
"$im" r4-rescue-16.png r4-rescue-24.png r4-rescue-32.png r4-rescue-48.png r4-rescue-64.png \
      r4-rescue-256.png r4-rescue.ico
png2icns r4-rescue.icns r4-rescue-16.png r4-rescue-32.png r4-rescue-48.png r4-rescue-128.png \
      r4-rescue-256.png r4-rescue-512.png >/dev/null
ls -l r4-rescue*

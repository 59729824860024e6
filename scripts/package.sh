#!/usr/bin/env bash
# Builds a deployment zip from the native binary.
#
#   scripts/package.sh <azure|lambda> <zip>
#
#   azure:  host.json, one <function>/function.json folder per function, and ember-azure (0755),
#           all at the zip root: the layout the Functions host expects (WEBSITE_RUN_FROM_PACKAGE
#           mounts it read-only, so the execute bit must already be in the zip).
#   lambda: bootstrap (0755) at the zip root, for the provided.al2023 runtime.
#
# The binary is published first with scripts/publish-native.sh into artifacts/native/<target>;
# set EMBER_NATIVE_DIR=<dir> to package an existing publish output instead. Debug symbols are
# never packaged.
#
# glibc: a native AOT binary needs the glibc it was linked against (see the versions printed).
# Lambda's provided.al2023 has glibc 2.34, so a lambda binary needing anything newer is refused
# (EMBER_SKIP_GLIBC_CHECK=1 overrides). Debian 12 (this machine, glibc 2.36) produces binaries
# that need at most GLIBC_2.34 today; if a toolchain update raises that, build inside an
# Amazon Linux 2023 container so the binary links against AL2023's own glibc, e.g. (not run here):
#   docker run --rm -v "$PWD":/src -w /src public.ecr.aws/amazonlinux/amazonlinux:2023 bash -c \
#     'dnf install -y gcc zlib-devel findutils tar gzip libicu &&
#      curl -sSL https://dot.net/v1/dotnet-install.sh | bash -s -- --channel 9.0 &&
#      PATH="$HOME/.dotnet:$PATH" scripts/publish-native.sh lambda artifacts/native/lambda'
#   EMBER_NATIVE_DIR=artifacts/native/lambda scripts/package.sh lambda artifacts/lambda.zip
# Azure's Linux images are Debian bullseye (glibc 2.31) or bookworm (2.36) and which one serves
# the custom stack is not documented: a binary needing more than 2.31 only gets a warning.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() { echo "usage: scripts/package.sh <azure|lambda> <zip>" >&2; exit 2; }
[ $# -eq 2 ] || usage
target="$1"
case "$target" in
  azure)  binary_name="ember-azure" ;;
  lambda) binary_name="bootstrap" ;;
  *) usage ;;
esac
mkdir -p "$(dirname "$2")"
zip_path="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"

if [ -n "${EMBER_NATIVE_DIR:-}" ]; then
  native_dir="$(cd "$EMBER_NATIVE_DIR" && pwd)"
else
  native_dir="$root/artifacts/native/$target"
  "$root/scripts/publish-native.sh" "$target" "$native_dir" >/dev/null
fi
binary="$native_dir/$binary_name"
[ -x "$binary" ] || { echo "package: $binary is missing or not executable" >&2; exit 1; }

newest_glibc() {
  objdump -T "$1" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -Vu | tail -n 1
}
# Prints 1 when version $1 is newer than version $2.
newer_than() { [ "$1" != "$2" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | tail -n 1)" = "$1" ] && echo 1 || true; }

if command -v objdump >/dev/null; then
  needs="$(newest_glibc "$binary")"
  echo "package: $binary_name needs glibc ${needs:-(none)}"
  if [ "$target" = lambda ] && [ -n "$needs" ] && [ -n "$(newer_than "$needs" 2.34)" ]; then
    if [ "${EMBER_SKIP_GLIBC_CHECK:-}" = 1 ]; then
      echo "package: WARNING: bootstrap needs glibc $needs > 2.34 (Amazon Linux 2023); packaging anyway (EMBER_SKIP_GLIBC_CHECK=1)" >&2
    else
      echo "package: bootstrap needs glibc $needs, but provided.al2023 has glibc 2.34: it would fail at INIT." >&2
      echo "package: build it in an Amazon Linux 2023 container (see the comment at the top of scripts/package.sh)," >&2
      echo "package: or set EMBER_SKIP_GLIBC_CHECK=1 to package it anyway." >&2
      exit 1
    fi
  fi
  if [ "$target" = azure ] && [ -n "$needs" ] && [ -n "$(newer_than "$needs" 2.31)" ]; then
    echo "package: note: ember-azure needs glibc $needs; a Functions image on Debian bullseye (2.31) cannot run it, bookworm (2.36) can" >&2
  fi
else
  [ "$target" = lambda ] && [ "${EMBER_SKIP_GLIBC_CHECK:-}" != 1 ] && {
    echo "package: objdump (binutils) is needed to check the glibc the bootstrap requires; or set EMBER_SKIP_GLIBC_CHECK=1" >&2; exit 1; }
fi

# python3's zipfile writes the Unix mode bits explicitly (zip(1) is not always installed, and a
# zip built elsewhere may lose the execute bit). Fixed timestamps keep the zip reproducible.
python3 - "$target" "$zip_path" "$binary" "$root" <<'PY'
import os, sys, zipfile
target, zip_path, binary, root = sys.argv[1:5]
entries = []  # (name in zip, source file or None for a folder, mode)
if target == "azure":
    entries.append(("host.json", os.path.join(root, "host.json"), 0o644))
    functions = os.path.join(root, "src", "Functions.Azure", "functions")
    for name in sorted(os.listdir(functions)):
        spec = os.path.join(functions, name, "function.json")
        if os.path.isfile(spec):
            entries.append((name + "/", None, 0o755))
            entries.append((name + "/function.json", spec, 0o644))
entries.append((os.path.basename(binary), binary, 0o755))

tmp = zip_path + ".tmp"
with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for name, source, mode in entries:
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
        info.create_system = 3  # Unix, so the external attributes below are read as a mode
        if source is None:
            info.external_attr = (0o040000 | mode) << 16 | 0x10
            z.writestr(info, b"")
        else:
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(source, "rb") as f:
                z.writestr(info, f.read())
os.replace(tmp, zip_path)
for info in zipfile.ZipFile(zip_path).infolist():
    print(f"package:   {(info.external_attr >> 16) & 0o777:o} {info.file_size:>10} {info.filename}")
PY
echo "package: $zip_path ($(du -h "$zip_path" | cut -f1))"

#!/usr/bin/env bash
# Publishes a host as a native AOT linux-x64 executable.
#
#   scripts/publish-native.sh <azure|lambda|bare> <out-dir>
#
#   azure  -> src/Functions.Azure, binary "ember-azure" (the Functions custom handler, also the local server)
#   lambda -> src/Functions.Lambda, binary "bootstrap" (the provided.al2023 custom runtime)
#   bare   -> benchmarks/BareLambdaBootstrap, binary "bare-bootstrap" (the cold-start baseline; not shipped)
#
# EmberNativeBuild=true retargets to net9.0 with PublishAot (see Directory.Build.props: the .NET 10
# NativeAOT packages are not obtainable here). Any trim/AOT warning fails the publish. Debug
# symbols (*.dbg) are moved to <out-dir>/symbols so nothing ships them by accident.
# Prints the glibc symbol versions the binary needs; the last line is the binary's path.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() { echo "usage: scripts/publish-native.sh <azure|lambda|bare> <out-dir>" >&2; exit 2; }
[ $# -eq 2 ] || usage
case "$1" in
  azure)  project="$root/src/Functions.Azure/Ember.Functions.Azure.csproj"; binary_name="ember-azure" ;;
  lambda) project="$root/src/Functions.Lambda/Ember.Functions.Lambda.csproj"; binary_name="bootstrap" ;;
  bare)   project="$root/benchmarks/BareLambdaBootstrap/BareLambdaBootstrap.csproj"; binary_name="bare-bootstrap" ;;
  *) usage ;;
esac
mkdir -p "$2"
out="$(cd "$2" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
echo "publish-native: $1 -> $out"
if ! dotnet publish "$project" -c Release -r linux-x64 -p:EmberNativeBuild=true -p:StripSymbols=true \
    -o "$out" -nologo -clp:NoSummary >"$log" 2>&1; then
  cat "$log" >&2
  echo "publish-native: dotnet publish failed for $1" >&2
  exit 1
fi
# TreatWarningsAsErrors covers the compiler; this also catches what ILCompiler reports as
# "Trim analysis warning ILxxxx" / "AOT analysis warning ILxxxx".
if grep -Eq 'warning [A-Z]+[0-9]+' "$log"; then
  grep -E 'warning [A-Z]+[0-9]+' "$log" | sort -u >&2
  echo "publish-native: the native publish of $1 has warnings; it must have none" >&2
  exit 1
fi

binary="$out/$binary_name"
[ -x "$binary" ] || { echo "publish-native: expected executable $binary is missing" >&2; exit 1; }
shopt -s nullglob
dbg=("$out"/*.dbg)
if [ ${#dbg[@]} -gt 0 ]; then mkdir -p "$out/symbols"; mv "${dbg[@]}" "$out/symbols/"; fi

if command -v objdump >/dev/null; then
  versions="$(objdump -T "$binary" | grep -o 'GLIBC_[0-9][0-9.]*' | sort -Vu | tr '\n' ' ')"
  echo "publish-native: glibc symbol versions required: ${versions:-none}"
  echo "publish-native: newest: $(echo "$versions" | tr ' ' '\n' | grep . | tail -n 1)"
else
  echo "publish-native: objdump not found (binutils); glibc symbol versions not checked" >&2
fi
echo "publish-native: $(du -h "$binary" | cut -f1) $binary"
echo "$binary"

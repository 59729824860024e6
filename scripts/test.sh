#!/usr/bin/env bash
# Runs every Ember test on a fresh machine: installs the services the tests start themselves
# (Azurite, moto), builds everything with warnings as errors, runs every test project, and
# ends with one line: "tests: N passed, N failed, N skipped".
#
# Corpora (zoo, mleap, parquet-testing) are found through EMBER_SHARED_DIR (default ../shared).
# Where one is absent, its suites are left out and the run says so loudly; the rest still runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export EMBER_SHARED_DIR="${EMBER_SHARED_DIR:-$root/../shared}"

scripts/install-test-tools.sh

filter="Corpus!=__none__"
not_run=()
for corpus in zoo mleap parquet-testing; do
  if [ ! -d "$EMBER_SHARED_DIR/$corpus" ]; then
    filter="$filter&Corpus!=$corpus"
    not_run+=("$corpus")
  fi
done
if [ ${#not_run[@]} -gt 0 ]; then
  echo "!!! ====================================================================="
  echo "!!! NOT RUN: the suites over these corpora, absent from $EMBER_SHARED_DIR:"
  printf '!!!   - %s\n' "${not_run[@]}"
  echo "!!! Set EMBER_SHARED_DIR to the shared folder to run them."
  echo "!!! ====================================================================="
fi

dotnet build Ember.slnx -c Release -nologo -clp:NoSummary

# Native AOT binaries for the smoke tests that start them (they fail under CI=true without them).
scripts/publish-native.sh azure artifacts/native/azure
scripts/publish-native.sh lambda artifacts/native/lambda
# The cold-start baseline the Lambda measurement compares with (a bare custom runtime).
scripts/publish-native.sh bare artifacts/native/bare
export EMBER_NATIVE_AZURE="$root/artifacts/native/azure/ember-azure"
export EMBER_NATIVE_LAMBDA="$root/artifacts/native/lambda/bootstrap"
export EMBER_BARE_LAMBDA="$root/artifacts/native/bare/bare-bootstrap"

results="$root/artifacts/test-results"
rm -rf "$results"
set +e
dotnet test Ember.slnx -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=minimal" \
  --results-directory "$results" --filter "$filter"
status=$?
set -e

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed)))
  skipped=$((skipped + $(get notExecuted)))
done
if [ ${#not_run[@]} -gt 0 ]; then echo "NOT RUN (corpus absent): ${not_run[*]}"; fi
if [ -s artifacts/zoo-unsupported.txt ]; then
  echo "Zoo cases listed as unsupported (stages Ember does not serve yet):"
  sed 's/^/  /' artifacts/zoo-unsupported.txt
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
if [ "$passed" -eq 0 ]; then echo "test.sh: no test ran" >&2; exit 1; fi

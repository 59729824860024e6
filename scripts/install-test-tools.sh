#!/usr/bin/env bash
# Installs what the test suites start by themselves: Azurite (Blob + Queue emulator, from npm,
# into .tools/), moto_server (S3/SQS/IAM/Lambda emulator, from pip) and Debian's chromium (the
# status page's browser tests drive it through Playwright) when they are missing.
# Idempotent: a second run only checks.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
mkdir -p "$tools"

azurite_version="3.37.0"
if [ ! -x "$tools/node_modules/.bin/azurite" ]; then
  command -v npm >/dev/null || { echo "install-test-tools: npm is required to install Azurite" >&2; exit 1; }
  echo "install-test-tools: installing azurite@$azurite_version into .tools/"
  npm install --silent --no-audit --no-fund --prefix "$tools" "azurite@$azurite_version" >/dev/null
fi
"$tools/node_modules/.bin/azurite" --version >/dev/null

if ! command -v moto_server >/dev/null; then
  command -v python3 >/dev/null || { echo "install-test-tools: python3 is required to install moto" >&2; exit 1; }
  echo "install-test-tools: installing moto[server] with pip"
  python3 -m pip install --quiet "moto[server]"
  command -v pyenv >/dev/null && pyenv rehash || true
fi
command -v moto_server >/dev/null || { echo "install-test-tools: moto_server is still not on PATH after installing" >&2; exit 1; }

# Playwright's own browser download does not work here: the browser tests use Debian's chromium.
if [ ! -x /usr/bin/chromium ]; then
  command -v apt-get >/dev/null || { echo "install-test-tools: apt-get is required to install chromium" >&2; exit 1; }
  echo "install-test-tools: installing chromium with apt-get"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi
[ -x /usr/bin/chromium ] || { echo "install-test-tools: /usr/bin/chromium is still missing after installing" >&2; exit 1; }

echo "install-test-tools: azurite $("$tools/node_modules/.bin/azurite" --version), moto_server at $(command -v moto_server), $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"

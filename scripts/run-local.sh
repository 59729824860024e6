#!/usr/bin/env bash
# The README's main command: builds and starts the Azure Functions custom handler as a local
# server on http://127.0.0.1:7071 over the sample models in samples/models, and prints a curl
# call that returns a prediction. Ctrl-C stops it.
#   EMBER_MODEL_STORE  another model folder (default: <repo>/samples/models)
#   EMBER_URLS         another address (default: http://127.0.0.1:7071)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
store="${EMBER_MODEL_STORE:-$repo/samples/models}"
urls="${EMBER_URLS:-http://127.0.0.1:7071}"

echo "Building src/Functions.Azure (Release)..." >&2
dotnet build "$repo/src/Functions.Azure" -c Release --nologo -v quiet >&2

cat >&2 <<TEXT

Serving the models in $store on $urls
Try:

  curl -s -X POST $urls/api/models/iris/predict \\
       -H 'Content-Type: application/json' \\
       -d '{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}'

  curl -s -X POST $urls/api/models/iris/predict -H 'Content-Type: application/json' -d @$repo/samples/requests/iris.json
  curl -s $urls/api/models/iris
  curl -s $urls/api/metrics

TEXT

export EMBER_MODEL_STORE="$store"
unset FUNCTIONS_CUSTOMHANDLER_PORT
exec dotnet "$repo/src/Functions.Azure/bin/Release/net10.0/ember-azure.dll" --urls "$urls"

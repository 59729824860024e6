#!/usr/bin/env bash
# One command to put Ember in the cloud, one to take it away. See docs/deploy.md.
#
#   ./deploy.sh aws             build the Lambda bootstrap, provision infra/terraform, upload and
#                               promote the sample model, print the endpoint and a curl command
#   ./deploy.sh azure           the same with the Azure custom handler and infra/bicep
#   ./deploy.sh aws destroy     remove what `./deploy.sh aws` created
#   ./deploy.sh azure destroy   remove what `./deploy.sh azure` created
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

prefix="${EMBER_NAME_PREFIX:-ember}"
sample_store="${EMBER_SAMPLE_STORE:-samples/models}"
sample_model="${EMBER_SAMPLE_MODEL:-iris}"
sample_version="${EMBER_SAMPLE_VERSION:-1}"
sample_request="${EMBER_SAMPLE_REQUEST:-samples/requests/$sample_model.json}"
out="$root/artifacts/deploy"

usage() {
  cat <<EOF
Usage: ./deploy.sh <aws|azure> [deploy|destroy]

  deploy (default)  build the native host, provision the cloud resources, upload the sample
                    model bundle and promote it to the alias prod, print the endpoint
  destroy           remove every resource the deployment created

Settings (environment variables):
  EMBER_NAME_PREFIX      prefix of resource names (default: ember)
  EMBER_SAMPLE_STORE     folder holding sample bundles (default: samples/models)
  EMBER_SAMPLE_MODEL     model to upload (default: iris)
  EMBER_SAMPLE_VERSION   its version; the bundle is <store>/<model>/<version> (default: 1)
  EMBER_SAMPLE_REQUEST   request body used in the printed curl command
                         (default: samples/requests/<model>.json)
  AWS:   AWS_REGION (default: us-east-1), AWS_PROFILE or other AWS credentials
  Azure: EMBER_AZURE_LOCATION (default: westeurope),
         EMBER_AZURE_RESOURCE_GROUP (default: <prefix>-rg),
         EMBER_DEPLOYER_OBJECT_ID (default: the signed-in user; set it when logged in
         as a service principal, with EMBER_DEPLOYER_TYPE=ServicePrincipal)

Prerequisites: .NET SDK (dotnet), and terraform + aws CLI for AWS, or az CLI for Azure.
EOF
}

die() { echo "deploy.sh: $*" >&2; exit 1; }
step() { printf '\n==> %s\n' "$*"; }

# Fails with one message naming every missing tool, so a fresh machine needs one round trip.
require_tools() {
  local missing=() tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  {
    echo "deploy.sh: missing prerequisites: ${missing[*]}"
    for tool in "${missing[@]}"; do
      case "$tool" in
        dotnet) echo "  dotnet:    install the .NET SDK (https://dot.net), needed to build the native host and run the ember CLI" ;;
        terraform) echo "  terraform: install Terraform >= 1.5 (https://developer.hashicorp.com/terraform/install)" ;;
        aws) echo "  aws:       install the AWS CLI v2 and sign in (aws configure / aws sso login)" ;;
        az) echo "  az:        install the Azure CLI and sign in (az login)" ;;
      esac
    done
  } >&2
  exit 1
}

sample_bundle() {
  local bundle="$root/$sample_store/$sample_model/$sample_version"
  if [ ! -d "$bundle" ]; then
    {
      echo "deploy.sh: sample bundle not found: $sample_store/$sample_model/$sample_version"
      echo "  set EMBER_SAMPLE_MODEL and EMBER_SAMPLE_VERSION (and EMBER_SAMPLE_STORE) to a bundle; found:"
      if [ -d "$root/$sample_store" ]; then
        for found in "$root/$sample_store"/*/*/; do
          if [ -d "$found" ]; then echo "    ${found#"$root/$sample_store/"}"; fi
        done
      else
        echo "    (no folder $sample_store)"
      fi
    } >&2
    exit 1
  fi
  echo "$bundle"
}

# `ember` from PATH if installed, else run the CLI from source.
ember_cli() {
  if command -v ember >/dev/null 2>&1; then
    ember "$@"
  else
    dotnet run --project "$root/src/Cli" -c Release -- "$@"
  fi
}

# retry <attempts> <seconds> <command...>: for steps that wait on role propagation.
retry() {
  local attempts=$1 delay=$2 n=1
  shift 2
  until "$@"; do
    [ "$n" -ge "$attempts" ] && return 1
    echo "  (attempt $n of $attempts failed; retrying in ${delay}s)" >&2
    sleep "$delay"
    n=$((n + 1))
  done
}

build_package() { # build_package <lambda|azure> <zip>
  step "Building the native $1 host"
  "$root/scripts/publish-native.sh" "$1" "$out/$1"
  "$root/scripts/package.sh" "$1" "$2"
}

curl_body() {
  if [ -f "$root/$sample_request" ]; then
    echo "-d @$sample_request"
  else
    echo "-d '{\"rows\": [ ... ]}'   # a request body for $sample_model"
  fi
}

# ---------------------------------------------------------------- AWS (infra/terraform)

aws_region="${AWS_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}"
lambda_zip="$out/ember-lambda.zip"

tf() { terraform -chdir="$root/infra/terraform" "$@"; }

tf_prepare() {
  tf init -input=false >/dev/null
  # One state per prefix, so two deployments side by side do not share (and destroy) state.
  tf workspace select -or-create "$prefix" >/dev/null
}

tf_vars=(-var="name_prefix=$prefix" -var="region=$aws_region" -var="lambda_package=$lambda_zip")

tf_output() { tf output -raw "$1"; }

deploy_aws() {
  require_tools dotnet terraform aws
  local bundle
  bundle="$(sample_bundle)"
  aws sts get-caller-identity >/dev/null ||
    die "AWS credentials are not usable: run 'aws configure' or 'aws sso login', or set AWS_PROFILE."

  build_package lambda "$lambda_zip"

  step "Provisioning with Terraform (region $aws_region, workspace $prefix)"
  tf_prepare
  tf apply -input=false -auto-approve "${tf_vars[@]}"

  local store api
  store="$(tf_output model_store)"
  api="$(tf_output api_url)"

  step "Uploading $sample_model $sample_version to $store and promoting it to prod"
  AWS_REGION="$aws_region" ember_cli push "$bundle" --store "$store"
  AWS_REGION="$aws_region" ember_cli promote "$sample_model" "$sample_version" --alias prod --store "$store"

  step "Ember is up"
  cat <<EOF
Endpoint: ${api%/}/api
Try:
  curl ${api%/}/api/health/ready
  curl ${api%/}/api/models
  curl -X POST ${api%/}/api/models/$sample_model/predict -H 'content-type: application/json' $(curl_body)
Batch jobs: send messages to $(tf_output jobs_queue_url)
Remove everything: ./deploy.sh aws destroy
EOF
}

destroy_aws() {
  require_tools terraform
  step "Destroying the AWS stack (region $aws_region, workspace $prefix)"
  tf_prepare
  tf destroy -input=false -auto-approve "${tf_vars[@]}"
}

# ---------------------------------------------------------------- Azure (infra/bicep)

az_location="${EMBER_AZURE_LOCATION:-westeurope}"
az_group="${EMBER_AZURE_RESOURCE_GROUP:-$prefix-rg}"
az_deployment="ember"
azure_zip="$out/ember-azure.zip"
# Marks the resource groups this script created; destroy deletes no other.
az_tag="ember-deploy"

bicep_output() {
  az deployment group show -g "$az_group" -n "$az_deployment" --query "properties.outputs.$1.value" -o tsv
}

# A user delegation SAS (no account key: shared-key access is off) for the ember CLI's upload.
models_connection() {
  local account=$1 expiry sas
  expiry="$(date -u -d '+2 hours' +%Y-%m-%dT%H:%MZ 2>/dev/null || date -u -v+2H +%Y-%m-%dT%H:%MZ)"
  sas="$(az storage container generate-sas --account-name "$account" --name models --as-user \
    --auth-mode login --permissions racwdl --expiry "$expiry" -o tsv)" || return 1
  echo "BlobEndpoint=https://$account.blob.core.windows.net/;SharedAccessSignature=$sas"
}

deploy_azure() {
  require_tools dotnet az
  local bundle
  bundle="$(sample_bundle)"
  az account show >/dev/null || die "the Azure CLI is not signed in: run 'az login'."
  local deployer="${EMBER_DEPLOYER_OBJECT_ID:-}"
  if [ -z "$deployer" ]; then
    deployer="$(az ad signed-in-user show --query id -o tsv)" ||
      die "cannot tell who is signed in; set EMBER_DEPLOYER_OBJECT_ID (and EMBER_DEPLOYER_TYPE=ServicePrincipal for a service principal)."
  fi

  build_package azure "$azure_zip"

  step "Provisioning with Bicep (resource group $az_group in $az_location)"
  if [ "$(az group exists -n "$az_group")" != "true" ]; then
    az group create -n "$az_group" -l "$az_location" --tags "$az_tag=$prefix" -o none
  fi
  az deployment group create -g "$az_group" -n "$az_deployment" -f "$root/infra/bicep/main.bicep" \
    -p namePrefix="$prefix" deployerPrincipalId="$deployer" \
    deployerPrincipalType="${EMBER_DEPLOYER_TYPE:-User}" -o none

  local app api store account
  app="$(bicep_output functionAppName)"
  api="$(bicep_output apiBaseUrl)"
  store="$(bicep_output modelStore)"
  account="$(bicep_output storageAccountName)"

  step "Deploying the app package to $app"
  # Right after provisioning the app's identity may not yet read its package container.
  retry 5 30 az functionapp deployment source config-zip -g "$az_group" -n "$app" --src "$azure_zip" -o none

  step "Uploading $sample_model $sample_version to $store and promoting it to prod"
  # Data-plane roles take a few minutes to apply after the deployment: retry.
  local connection
  connection="$(retry 6 30 models_connection "$account")" || die "could not get upload access to $store."
  EMBER_BLOB_CONNECTION="$connection" retry 6 30 ember_cli push "$bundle" --store "$store"
  EMBER_BLOB_CONNECTION="$connection" ember_cli promote "$sample_model" "$sample_version" --alias prod --store "$store"

  local key
  key="$(az functionapp keys list -g "$az_group" -n "$app" --query functionKeys.default -o tsv)"
  step "Ember is up"
  cat <<EOF
Endpoint: $api
Try:
  curl -H 'x-functions-key: $key' $api/health/ready
  curl -H 'x-functions-key: $key' $api/models
  curl -X POST $api/models/$sample_model/predict -H 'x-functions-key: $key' -H 'content-type: application/json' $(curl_body)
Batch jobs: send messages to queue $(bicep_output jobsQueueName) in storage account $account
Remove everything: ./deploy.sh azure destroy
EOF
}

destroy_azure() {
  require_tools az
  if [ "$(az group exists -n "$az_group")" != "true" ]; then
    echo "Resource group $az_group does not exist: nothing to remove."
    return 0
  fi
  local owner
  owner="$(az group show -n "$az_group" --query "tags.\"$az_tag\"" -o tsv)"
  [ "$owner" = "$prefix" ] ||
    die "resource group $az_group was not created by deploy.sh for prefix '$prefix' (tag $az_tag); delete it yourself if you mean to."
  step "Deleting resource group $az_group and everything in it"
  az group delete -n "$az_group" --yes
}

# ---------------------------------------------------------------- main

case "${1:-}" in
  -h | --help | help) usage; exit 0 ;;
  aws | azure) cloud=$1 ;;
  *) usage >&2; exit 2 ;;
esac
case "${2:-deploy}" in
  deploy) "deploy_$cloud" ;;
  destroy) "destroy_$cloud" ;;
  *) usage >&2; exit 2 ;;
esac

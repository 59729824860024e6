// Ember on Azure Functions: the custom handler `ember-azure` (src/Functions.Azure) on a Linux
// Flex Consumption plan, with its storage (models, batch inputs and outputs, the jobs queue),
// monitoring and a managed identity. No keys anywhere: shared-key access to storage is off and
// every connection uses the app's identity.
//
//   az bicep build -f infra/bicep/main.bicep
//   az deployment group what-if -g <rg> -f infra/bicep/main.bicep -p namePrefix=ember
//
// Every app setting name below is checked by tests/Ember.Infra.Tests against the settings the
// host reads (src/Core/Configuration/EmberSettings.cs) and the documented platform settings.

targetScope = 'resourceGroup'

@description('Short prefix of every resource name: 3-10 lower-case letters and digits (it starts the storage account name).')
@minLength(3)
@maxLength(10)
param namePrefix string = 'ember'

@description('Azure region of every resource; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Memory of each instance in MB (the Flex Consumption sizes). Must hold the model cache (cacheMegabytes) plus working memory.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the app may scale out to: the main bound on cost.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Warm model cache budget in MiB (EMBER_CACHE_MB).')
@minValue(16)
param cacheMegabytes int = 512

@description('How often aliases such as prod are re-read from storage, in seconds (EMBER_ALIAS_REFRESH_SECONDS).')
@minValue(1)
param aliasRefreshSeconds int = 30

@description('Models to load at start (EMBER_PRELOAD), e.g. iris@prod; empty loads each model on first use.')
param preload string = ''

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Object id of the user or service principal that uploads and promotes models; it gets Storage Blob Data Contributor on the models container. Empty for none.')
param deployerPrincipalId string = ''

@description('Kind of principal deployerPrincipalId is.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param deployerPrincipalType string = 'User'

@description('Tags on every resource.')
param tags object = {
  app: 'ember'
}

var suffix = uniqueString(resourceGroup().id)
var storageAccountName = take('${namePrefix}${suffix}', 24)
var functionAppName = '${namePrefix}-${suffix}'

var modelsContainerName = 'models'
// Batch jobs name their input and output blobs in these containers (the AWS stack uses key
// prefixes of the same names).
var inputsContainerName = 'inputs'
var outputsContainerName = 'outputs'
// Flex Consumption keeps the deployed package here.
var deploymentContainerName = 'app-package'
// Fixed by the queue trigger's function.json (src/Functions.Azure); the host moves messages that
// fail maxDequeueCount times to <queue>-poison.
var jobsQueueName = 'ember-jobs'
var jobsPoisonQueueName = '${jobsQueueName}-poison'

var modelStore = '${storage.properties.primaryEndpoints.blob}${modelsContainerName}'

// Built-in role definition ids.
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataReader: '19e7f393-937e-4f77-808e-94535e297925'
  storageQueueDataMessageProcessor: '8a0f0c08-91a1-4084-bc3d-661d67233fed'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    // Overwritten aliases and bundle files stay recoverable, like the versioned S3 bucket.
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource modelsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: modelsContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource otherContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for containerName in [
    inputsContainerName
    outputsContainerName
    deploymentContainerName
  ]: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource jobsQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: jobsQueueName
}

resource jobsPoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: jobsPoisonQueueName
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs-${suffix}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-appi-${suffix}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    // Telemetry is accepted only from Entra identities (the app's, via Monitoring Metrics Publisher).
    DisableLocalAuth: true
  }
}

// Flex Consumption: scale to zero, per-execution billing, Linux only. Its runtime stack list
// includes `custom` 1.0 (custom handlers); see docs/deploy.md for why this plan and the fallback.
resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan-${suffix}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

// The app's settings. Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME,
// FUNCTIONS_EXTENSION_VERSION and the WEBSITE_* deployment settings: runtime, scale and
// deployment live in functionAppConfig instead.
var coreAppSettings = [
  {
    // Identity-based host storage: the host (queue trigger included) reaches the account with the
    // app's identity, no connection string.
    name: 'AzureWebJobsStorage__accountName'
    value: storage.name
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsights.properties.ConnectionString
  }
  {
    name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
    value: 'Authorization=AAD'
  }
  {
    name: 'EMBER_MODEL_STORE'
    value: modelStore
  }
  {
    name: 'EMBER_CACHE_MB'
    value: string(cacheMegabytes)
  }
  {
    name: 'EMBER_ALIAS_REFRESH_SECONDS'
    value: string(aliasRefreshSeconds)
  }
]

// EMBER_PRELOAD only when asked for: an empty setting would still be a setting.
var preloadAppSettings = empty(preload) ? [] : [
  {
    name: 'EMBER_PRELOAD'
    value: preload
  }
]

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat(coreAppSettings, preloadAppSettings)
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'custom'
        version: '1.0'
      }
    }
  }
  dependsOn: [
    otherContainers
  ]
}

// Host storage with an identity needs Storage Blob Data Owner on the account (Functions docs):
// the host keeps keys and leases in its own containers and Flex reads the package from
// app-package. It also covers the handler's reads of models and inputs and its writes of outputs
// and monitoring snapshots. Keep this account dedicated to the app.
resource appBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionApp.id, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The queue trigger: peek and count (scaling) plus receive and delete, on the jobs queue only.
resource appJobsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(jobsQueue.id, functionApp.id, roles.storageQueueDataReader)
  scope: jobsQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataReader)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appJobsProcessor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(jobsQueue.id, functionApp.id, roles.storageQueueDataMessageProcessor)
  scope: jobsQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataMessageProcessor)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The host creates the poison queue if needed and moves failed job messages into it.
resource appJobsPoison 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(jobsPoisonQueue.id, functionApp.id, roles.storageQueueDataContributor)
  scope: jobsPoisonQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, functionApp.id, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Lets the person or pipeline running deploy.sh push and promote models (data-plane access is
// not implied by owning the resource group).
resource deployerModels 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(modelsContainer.id, deployerPrincipalId, roles.storageBlobDataContributor)
  scope: modelsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
  }
}

@description('Name of the function app (for az functionapp commands).')
output functionAppName string = functionApp.name

@description('Base URL of the HTTP API, e.g. <apiBaseUrl>/health.')
output apiBaseUrl string = 'https://${functionApp.properties.defaultHostName}/api'

@description('The model store the app reads (EMBER_MODEL_STORE); pass it to `ember push/promote --store`.')
output modelStore string = modelStore

@description('Storage account holding models, batch inputs and outputs, and the jobs queue.')
output storageAccountName string = storage.name

@description('Send batch job messages (base64-encoded JSON) to this queue.')
output jobsQueueName string = jobsQueue.name

@description('Application Insights resource receiving the host\'s logs and metrics.')
output applicationInsightsName string = appInsights.name

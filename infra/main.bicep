// Partenariat on Azure: the Azure Functions app (functions/Partenariat.Functions, .NET isolated
// worker) on the Flex Consumption plan, with its storage account, Key Vault, telemetry and the
// user-assigned managed identity it runs as. Deployed into an existing resource group:
//
//   az deployment group create -g <group> -f infra/main.bicep -p infra/main.<env>.bicepparam
//
// No key or connection string with a key anywhere: the app reaches storage, Key Vault and
// Application Insights with its identity and the least roles it needs.
//
// Closed by default: the storage accounts and the vault have no public network access; the app
// reaches them from its virtual network, through private endpoints. Only the public addresses an
// operator lists in allowedPublicIpRanges (none in either parameter file) get in from outside.
//
// The package the plan runs is in a storage account of its own, which the app's identity has no
// role on: the platform writes and reads it with a second identity, whose one role is on that
// package's container. Giving the app's identity blob roles on its own containers only, in one
// account, would not do: the Functions host and the durable task provider create containers of
// their own at run time (locks, keys, leases, large messages), and a container-scoped role can only
// be given on a container that already exists. docs/operations.md, "Deploy to Azure".
metadata description = 'Partenariat: the Azure Functions app of the Dijon Métropole / Action Logement convention, on Flex Consumption.'

import { publicIpRange, resourceTags, siren } from 'modules/types.bicep'
import {
  storageBlobDataContributor
  storageBlobDataOwner
  storageQueueDataContributor
  storageTableDataContributor
} from 'modules/roles.bicep'

@description('Short name of the environment (dev, test, prod...): 2 to 5 lowercase letters or digits, part of every resource name.')
@minLength(2)
@maxLength(5)
param environmentName string

@description('Azure region of every resource (one where the Flex Consumption plan is offered, e.g. francecentral). Default: the resource group\'s.')
param location string = resourceGroup().location

@description('Redundancy of the storage account: Standard_LRS for a test environment, Standard_ZRS (zone-redundant) or geo-redundant for production.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param storageSku string = 'Standard_LRS'

@description('Days a deleted supporting document (blob) or container can be restored.')
@minValue(1)
@maxValue(365)
param blobDeleteRetentionDays int = 30

@description('Most instances the Function App scales out to (Flex Consumption: 1 to 1000).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each instance, in MB (512, 2048 or 4096).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Days logs and telemetry are kept in the Log Analytics workspace (30 to 730).')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Days a deleted Key Vault secret (or the vault) can be recovered (7 to 90).')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('Key Vault purge protection: a deleted secret or vault cannot be purged before its retention ends. Irreversible once on; on for production.')
param keyVaultPurgeProtection bool = true

@description('SIRENs (9 digits) of the social landlords that authenticate with an API key. Each gets the setting Authentication__ApiKeys__<SIREN>, a reference to the Key Vault secret landlord-api-key-<SIREN>.')
param landlordSirens siren[] = []

@description('Audience of the JWT bearer tokens (Microsoft Entra ID) the API accepts, e.g. api://partenariat; empty: no JWT authentication.')
param jwtAudience string = ''

@description('Issuer of those tokens. Default: the v2.0 endpoint of the tenant being deployed to.')
param jwtAuthority string = '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'

@description('Address space of the virtual network (a /24 or larger): the app\'s subnet is its first /26, the private endpoints\' its third /27. Change it only to avoid a network it will be peered with.')
param virtualNetworkAddressPrefix string = '10.60.0.0/24'

@description('Public IPv4 addresses or CIDR ranges let through the storage accounts\' and the vault\'s firewalls, e.g. an operator\'s machine setting secrets or debugging. Empty (the default): they have no public network access at all.')
param allowedPublicIpRanges publicIpRange[] = []

@description('Tags added to every resource (application and environment are always set).')
param tags resourceTags = {}

// The durable task hub the app uses is named in the root host.json (extensions.durableTask.hubName),
// which is part of the deployed package; read from there so that the two cannot disagree.
var taskHubName = loadJsonContent('../host.json', '$.extensions.durableTask.hubName')

// What the app expects in its storage account: functions/Partenariat.Workflow/Storage/StorageNames.cs
// (the infrastructure tests compare the two lists). The task hub's own tables, queues and
// containers are created by the Durable Task provider at start.
var queueNames = [
  'committee-reviews'
  'committee-decisions'
  'committee-decisions-poison'
]
var documentsContainerName = 'supporting-documents'
var tableNames = [
  'FinancingRequests'
  'EnvelopeLedger'
  'IdempotencyKeys'
  'Reconciliations'
  'ReportRequests'
]

// Where the Flex Consumption plan keeps the deployed package (in its own storage account).
var deploymentContainerName = 'deployment-package'

// The .NET isolated worker runtime of the app (functions/Partenariat.Functions targets net10.0).
var dotnetVersion = '10.0'

var environmentSlug = toLower(environmentName)
// Storage account, Key Vault and Function App names are global: a suffix stable for this
// subscription, resource group and environment keeps them unique.
var suffix = take(uniqueString(subscription().id, resourceGroup().id, environmentSlug), 6)
var names = {
  identity: 'id-partenariat-${environmentSlug}'
  deploymentIdentity: 'id-partenariat-${environmentSlug}-deploy'
  virtualNetwork: 'vnet-partenariat-${environmentSlug}'
  deploymentStorage: 'stpartpkg${environmentSlug}${suffix}'
  logAnalytics: 'log-partenariat-${environmentSlug}'
  applicationInsights: 'appi-partenariat-${environmentSlug}'
  plan: 'plan-partenariat-${environmentSlug}'
  functionApp: 'func-partenariat-${environmentSlug}-${suffix}'
  storage: 'stpartenariat${environmentSlug}${suffix}'
  keyVault: 'kvpartenariat${environmentSlug}${suffix}'
}
var allTags = union(tags, {
  application: 'partenariat'
  environment: environmentSlug
})

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: names.identity
  location: location
  tags: allTags
}

// The identity the platform fetches and stores the deployed package with; it has no other role.
resource deploymentIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: names.deploymentIdentity
  location: location
  tags: allTags
}

module network 'modules/network.bicep' = {
  name: 'partenariat-network'
  params: {
    location: location
    name: names.virtualNetwork
    addressPrefix: virtualNetworkAddressPrefix
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'partenariat-monitoring'
  params: {
    location: location
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    retentionInDays: logRetentionInDays
    identityId: identity.id
    identityPrincipalId: identity.properties.principalId
    tags: allTags
  }
}

// The app's data, the Functions host's and the durable task hub's. The app's identity has its three
// data roles on the whole account: its queues, containers and tables, and those the host and the
// task hub create at run time (containers azure-webjobs-hosts, azure-webjobs-secrets,
// <hub>-leases, <hub>-largemessages; the hub's control and work-item queues; its History,
// Instances and Partitions tables; the host's diagnostic event tables), which no narrower scope
// can name in advance. Nothing else is in this account.
module storage 'modules/storage.bicep' = {
  name: 'partenariat-storage'
  params: {
    location: location
    name: names.storage
    skuName: storageSku
    queueNames: queueNames
    containerNames: [
      documentsContainerName
    ]
    tableNames: tableNames
    deleteRetentionDays: blobDeleteRetentionDays
    publicIpRanges: allowedPublicIpRanges
    workspaceId: monitoring.outputs.workspaceId
    roleAssignments: [
      {
        description: 'Blobs of the Functions host (locks, timers, keys), the durable task hub (leases, large messages) and the supporting documents; on the account, since the host and the hub create their containers at run time.'
        identityId: identity.id
        principalId: identity.properties.principalId
        roleDefinitionId: storageBlobDataOwner
      }
      {
        description: 'The committee queues and the durable task hub\'s control and work-item queues (created by the hub at start); on the account.'
        identityId: identity.id
        principalId: identity.properties.principalId
        roleDefinitionId: storageQueueDataContributor
      }
      {
        description: 'The app\'s tables, the durable task hub\'s tables and the Functions host\'s diagnostic tables (created at run time); on the account.'
        identityId: identity.id
        principalId: identity.properties.principalId
        roleDefinitionId: storageTableDataContributor
      }
    ]
    tags: allTags
  }
}

// The deployed package only. The app's identity has no role here: code running as the app cannot
// replace the code that runs.
module deploymentStorage 'modules/storage.bicep' = {
  name: 'partenariat-deployment-storage'
  params: {
    location: location
    name: names.deploymentStorage
    skuName: storageSku
    containerNames: [
      deploymentContainerName
    ]
    deleteRetentionDays: blobDeleteRetentionDays
    publicIpRanges: allowedPublicIpRanges
    workspaceId: monitoring.outputs.workspaceId
    roleAssignments: [
      {
        description: 'The Flex Consumption platform writes the package (at deployment) and reads it (at start); on the package\'s container only.'
        identityId: deploymentIdentity.id
        principalId: deploymentIdentity.properties.principalId
        roleDefinitionId: storageBlobDataContributor
        containerName: deploymentContainerName
      }
    ]
    tags: allTags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'partenariat-keyvault'
  params: {
    location: location
    name: names.keyVault
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    enablePurgeProtection: keyVaultPurgeProtection
    publicIpRanges: allowedPublicIpRanges
    workspaceId: monitoring.outputs.workspaceId
    identityId: identity.id
    identityPrincipalId: identity.properties.principalId
    tags: allTags
  }
}

// One private endpoint per service used: the app account's blob, queue and table services, the
// package account's blob service, the vault. Each writes its address in the service's private DNS
// zone, linked to the network.
var privateEndpoints = [
  { resource: 'storage', groupId: 'blob' }
  { resource: 'storage', groupId: 'queue' }
  { resource: 'storage', groupId: 'table' }
  { resource: 'deploymentStorage', groupId: 'blob' }
  { resource: 'keyVault', groupId: 'vault' }
]
var privateEndpointTargets = {
  storage: storage.outputs.id
  deploymentStorage: deploymentStorage.outputs.id
  keyVault: keyVault.outputs.id
}

module privateEndpoint 'modules/privateendpoint.bicep' = [
  for endpoint in privateEndpoints: {
    name: 'partenariat-pe-${endpoint.resource}-${endpoint.groupId}'
    params: {
      location: location
      name: 'pe-${names[endpoint.resource]}-${endpoint.groupId}'
      subnetId: network.outputs.privateEndpointSubnetId
      targetResourceId: privateEndpointTargets[endpoint.resource]
      groupId: endpoint.groupId
      privateDnsZoneId: network.outputs.privateDnsZoneIds[endpoint.groupId]
      tags: allTags
    }
  }
]

module functionApp 'modules/functionapp.bicep' = {
  name: 'partenariat-functionapp'
  params: {
    location: location
    planName: names.plan
    name: names.functionApp
    identityId: identity.id
    identityClientId: identity.properties.clientId
    deploymentIdentityId: deploymentIdentity.id
    virtualNetworkSubnetId: network.outputs.appSubnetId
    storageAccountName: names.storage
    deploymentStorageAccountName: names.deploymentStorage
    deploymentContainerName: deploymentContainerName
    keyVaultName: names.keyVault
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    dotnetVersion: dotnetVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    landlordSirens: landlordSirens
    jwtAuthority: jwtAuthority
    jwtAudience: jwtAudience
    tags: union(allTags, {
      'durable-task-hub': taskHubName
    })
  }
  // The accounts, their containers and the identities' roles on them, the vault with its role, and
  // the private endpoints with their DNS records must exist before the app starts and fetches its
  // package and secrets through the network.
  dependsOn: [
    storage
    deploymentStorage
    keyVault
    privateEndpoint
  ]
}

@description('Name of the Function App: the target of az functionapp deployment source config-zip.')
output functionAppName string = functionApp.outputs.name

@description('Base URL of the app\'s HTTP API (host.json\'s route prefix follows, e.g. /api/health).')
output functionAppUrl string = 'https://${functionApp.outputs.defaultHostName}'

@description('The web pages for landlords, reviewers, the steering committee and operators, served by the Function App itself.')
output pagesUrl string = 'https://${functionApp.outputs.defaultHostName}/api/pages/'

@description('Name of the storage account (tables, queues, supporting documents, task hub).')
output storageAccountName string = storage.outputs.name

@description('Name of the storage account that holds the deployed package (written by the platform only).')
output deploymentStorageAccountName string = deploymentStorage.outputs.name

@description('Name of the virtual network the app\'s outbound traffic and the private endpoints are in.')
output virtualNetworkName string = names.virtualNetwork

@description('Name of the Key Vault where the secrets below are set.')
output keyVaultName string = keyVault.outputs.name

@description('Names of the Key Vault secrets the app\'s settings refer to.')
output keyVaultSecretNames string[] = functionApp.outputs.secretNames

@description('Name of the Application Insights component.')
output applicationInsightsName string = monitoring.outputs.applicationInsightsName

@description('Client id of the identity the app runs as.')
output identityClientId string = identity.properties.clientId

@description('Name of the durable task hub (from host.json).')
output taskHubName string = taskHubName

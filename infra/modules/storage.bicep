// A storage account of the deployment, closed: used twice, for the app's data and for the package
// the Flex Consumption plan runs (main.bicep says why they are apart).
//
// - Microsoft Entra ID only: shared-key access (account keys, SAS signed with them) is disabled, so
//   no key or connection string with a key exists for anyone to leak. HTTPS, TLS 1.2, no public blob.
// - No public network: reached through the private endpoints main.bicep gives it. Only the public
//   addresses an operator lists explicitly (publicIpRanges, empty by default) get in from outside,
//   and no Azure service is let through the firewall (the app and the platform come through the
//   virtual network; Azure Monitor receives the logs without crossing it).
// - Each service's reads, writes and deletes are logged to the Log Analytics workspace.
// - The data roles given on it, each on the account or on one container (roleAssignments).
import { resourceTags, publicIpRange, storageIpRuleValue, storageRoleAssignment } from 'types.bicep'

@description('Azure region of the account.')
param location string

@description('Name of the storage account (3 to 24 lowercase letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Redundancy of the account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param skuName string

@description('Queues to create.')
param queueNames string[] = []

@description('Blob containers to create.')
param containerNames string[]

@description('Tables to create.')
param tableNames string[] = []

@description('Days a deleted blob or container (e.g. a supporting document) can be restored.')
@minValue(1)
@maxValue(365)
param deleteRetentionDays int

@description('Public addresses or ranges let in through the firewall (debugging from an operator\'s machine); empty: no public network access at all.')
param publicIpRanges publicIpRange[]

@description('Resource id of the Log Analytics workspace that receives the services\' logs.')
param workspaceId string

@description('The data roles given on the account or on one of its containers.')
param roleAssignments storageRoleAssignment[]

@description('Tags of every resource.')
param tags resourceTags

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    publicNetworkAccess: empty(publicIpRanges) ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'None'
      ipRules: [
        for range in publicIpRanges: {
          action: 'Allow'
          value: storageIpRuleValue(range)
        }
      ]
      virtualNetworkRules: []
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'
    properties: {
      deleteRetentionPolicy: {
        enabled: true
        days: deleteRetentionDays
      }
      containerDeleteRetentionPolicy: {
        enabled: true
        days: deleteRetentionDays
      }
    }

    resource containers 'containers' = [
      for containerName in containerNames: {
        name: containerName
        properties: {
          publicAccess: 'None'
        }
      }
    ]
  }

  resource queueService 'queueServices' = {
    name: 'default'

    resource queues 'queues' = [
      for queueName in queueNames: {
        name: queueName
      }
    ]
  }

  resource tableService 'tableServices' = {
    name: 'default'

    resource tables 'tables' = [
      for tableName in tableNames: {
        name: tableName
      }
    ]
  }
}

// Every request to each service (who, from where, what, the outcome), and its transactions, in the
// workspace (tables StorageBlobLogs, StorageQueueLogs, StorageTableLogs). A service the account
// does not use is logged too: a request to it is worth seeing.
var serviceDiagnostics = {
  workspaceId: workspaceId
  logs: [
    { category: 'StorageRead', enabled: true }
    { category: 'StorageWrite', enabled: true }
    { category: 'StorageDelete', enabled: true }
  ]
  metrics: [
    { category: 'Transaction', enabled: true }
  ]
}

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: account::blobService
  properties: serviceDiagnostics
}

resource queueDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: account::queueService
  properties: serviceDiagnostics
}

resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: account::tableService
  properties: serviceDiagnostics
}

var accountRoles = filter(roleAssignments, r => r.?containerName == null)
var containerRoles = filter(roleAssignments, r => r.?containerName != null)

resource accountRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in accountRoles: {
    name: guid(account.id, role.identityId, role.roleDefinitionId)
    scope: account
    properties: {
      description: role.description
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.roleDefinitionId)
      principalId: role.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource roleContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' existing = [
  for role in containerRoles: {
    parent: account::blobService
    name: role.containerName!
  }
]

resource containerRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (role, i) in containerRoles: {
    name: guid(roleContainers[i].id, role.identityId, role.roleDefinitionId)
    scope: roleContainers[i]
    properties: {
      description: role.description
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.roleDefinitionId)
      principalId: role.principalId
      principalType: 'ServicePrincipal'
    }
    dependsOn: [
      account::blobService::containers
    ]
  }
]

@description('Resource id of the account (the private endpoints lead to it).')
output id string = account.id

@description('Name of the account.')
output name string = account.name

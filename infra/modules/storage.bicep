// The app's storage account: the Functions host, the durable task hub (its tables, queues and
// blobs are created by the Durable Task provider at start), the app's own queues, container and
// tables, and the Flex Consumption deployment container. Reached with Microsoft Entra ID only:
// shared-key access (account keys, SAS signed with them) is disabled, so no key or connection
// string with a key exists for anyone to leak.
import { storageBlobDataOwner, storageQueueDataContributor, storageTableDataContributor } from 'roles.bicep'
import { resourceTags } from 'types.bicep'

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

@description('Queues the app uses (functions/Partenariat.Workflow/Storage/StorageNames.cs).')
param queueNames string[]

@description('Blob containers the app uses, and the deployment container.')
param containerNames string[]

@description('Tables the app uses.')
param tableNames string[]

@description('Days a deleted blob or container (e.g. a supporting document) can be restored.')
@minValue(1)
@maxValue(365)
param deleteRetentionDays int

@description('Resource id of the app\'s user-assigned identity (names its role assignments).')
param identityId string

@description('Principal (object) id of the app\'s user-assigned identity.')
param identityPrincipalId string

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
    // The Flex Consumption app reaches the account over its public endpoint (no virtual network
    // here); every request still needs an Entra token and an RBAC role.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
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

// The three data roles Durable Functions needs with an identity-based connection, on this account only.
var dataRoles = [
  storageBlobDataOwner
  storageQueueDataContributor
  storageTableDataContributor
]

resource dataRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in dataRoles: {
    name: guid(account.id, identityId, role)
    scope: account
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: identityPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

@description('Name of the account.')
output name string = account.name

@description('Blob endpoint, e.g. https://<name>.blob.core.windows.net/.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Queue endpoint.')
output queueEndpoint string = account.properties.primaryEndpoints.queue

@description('Table endpoint.')
output tableEndpoint string = account.properties.primaryEndpoints.table

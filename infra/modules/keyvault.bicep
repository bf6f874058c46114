// The Key Vault that holds the app's secrets (landlords' and operators' API keys). Access is by
// Azure RBAC only (no access policies); the app's identity may read secret values, nothing more.
// The secrets themselves are not in the templates: an operator sets them (README, "Deploy to
// Azure"), and the app reads them through Key Vault references in its settings.
import { keyVaultSecretsUser } from 'roles.bicep'
import { resourceTags } from 'types.bicep'

@description('Azure region of the vault.')
param location string

@description('Name of the vault (3 to 24 letters, digits and hyphens, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Days a deleted secret or vault can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Whether a deleted vault or secret cannot be purged before its retention ends. Once on, it cannot be turned off.')
param enablePurgeProtection bool

@description('Resource id of the app\'s user-assigned identity (names its role assignment).')
param identityId string

@description('Principal (object) id of the app\'s user-assigned identity.')
param identityPrincipalId string

@description('Tags of every resource.')
param tags resourceTags

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // Key Vault rejects an explicit false here: leave the property out unless it is turned on.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    // Reached over its public endpoint, as the storage account is (no virtual network here); every
    // request needs an Entra token and an RBAC role.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identityId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

@description('Name of the vault.')
output name string = vault.name

// The Key Vault that holds the app's secrets (landlords' and operators' API keys). Access is by
// Azure RBAC only (no access policies); the app's identity may read secret values, nothing more.
// The secrets themselves are not in the templates: an operator sets them (docs/operations.md,
// "Deploy to Azure"), and the app reads them through Key Vault references in its settings.
//
// No public network: the app (and the platform resolving its Key Vault references) comes through
// the private endpoint main.bicep gives the vault. Only the public addresses an operator lists
// explicitly (publicIpRanges, empty by default) get in from outside, and no Azure service is let
// through the firewall. Every access (who read or changed which secret, allowed or not) is logged
// to the Log Analytics workspace.
import { keyVaultSecretsUser } from 'roles.bicep'
import { publicIpRange, resourceTags } from 'types.bicep'

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

@description('Public addresses or ranges let in through the firewall (an operator setting secrets, or debugging); empty: no public network access at all.')
param publicIpRanges publicIpRange[]

@description('Resource id of the Log Analytics workspace that receives the vault\'s audit log.')
param workspaceId string

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
    publicNetworkAccess: empty(publicIpRanges) ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'None'
      ipRules: [
        for range in publicIpRanges: {
          value: range
        }
      ]
      virtualNetworkRules: []
    }
  }
}

// Every request to the vault (AuditEvent: caller, operation, secret, result, client address) in the
// workspace's AZKVAuditLogs table, and its metrics.
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      { category: 'AuditEvent', enabled: true }
    ]
    metrics: [
      { category: 'AllMetrics', enabled: true }
    ]
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identityId, keyVaultSecretsUser)
  scope: vault
  properties: {
    description: 'The Function App resolves its Key Vault references (the API keys) with this identity.'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

@description('Resource id of the vault (its private endpoint leads to it).')
output id string = vault.id

@description('Name of the vault.')
output name string = vault.name

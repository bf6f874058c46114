// The Function App on the Flex Consumption plan (FC1, Linux), running the .NET isolated worker
// package that eng/package.sh builds. It runs as the user-assigned identity, which it uses for its
// storage (AzureWebJobsStorage__*), Key Vault references and Application Insights; the platform
// fetches and stores the deployed package with a second identity, which has no other role. Its
// outbound traffic goes through the virtual network (all of it, on Flex Consumption), where its
// storage and vault are private endpoints. Its settings are the ones the code reads; none holds a
// secret value.
import { resourceTags, siren } from 'types.bicep'

@description('Azure region of the plan and the app.')
param location string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the Function App (globally unique: it is the host name <name>.azurewebsites.net).')
param name string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client (application) id of that identity.')
param identityClientId string

@description('Resource id of the identity the platform fetches and stores the deployed package with.')
param deploymentIdentityId string

@description('Resource id of the subnet (delegated to Microsoft.App/environments) the app\'s outbound traffic goes through.')
param virtualNetworkSubnetId string

@description('Name of the app\'s storage account (AzureWebJobsStorage).')
param storageAccountName string

@description('Name of the storage account that holds the deployed package.')
param deploymentStorageAccountName string

@description('Blob container of that account that holds the deployed package.')
param deploymentContainerName string

@description('Name of the Key Vault that holds the app\'s secrets.')
param keyVaultName string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('Version of the .NET isolated worker runtime on Flex Consumption.')
param dotnetVersion string

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('SIRENs of the social landlords that authenticate with an API key; each one\'s key is the Key Vault secret landlord-api-key-<SIREN>.')
param landlordSirens siren[]

@description('Issuer of the JWT bearer tokens the API accepts (Microsoft Entra ID); used only when jwtAudience is set.')
param jwtAuthority string

@description('Audience of the JWT bearer tokens the API accepts (e.g. api://partenariat); empty: JWT authentication is not configured.')
param jwtAudience string

@description('Tags of every resource.')
param tags resourceTags

@description('A Key Vault reference, resolved by the platform with the app\'s identity: the app sees the secret\'s current value.')
func keyVaultReference(vault string, secret string) string => '@Microsoft.KeyVault(VaultName=${vault};SecretName=${secret})'

var storageSuffix = environment().suffixes.storage

// Identity-based connection to the app's storage (read by the Functions host, the Durable Task
// extension and functions/Partenariat.Workflow/Storage/StorageConnection.cs). No connection string.
var storageSettings = [
  { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
  { name: 'AzureWebJobsStorage__blobServiceUri', value: 'https://${storageAccountName}.blob.${storageSuffix}' }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: 'https://${storageAccountName}.queue.${storageSuffix}' }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: 'https://${storageAccountName}.table.${storageSuffix}' }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
]

var telemetrySettings = [
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
  // Local authentication is off on the component: telemetry is sent with the identity's token.
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
  // The identity DefaultAzureCredential (Azure SDK clients in the app's own code) picks.
  { name: 'AZURE_CLIENT_ID', value: identityClientId }
]

// Secrets, as Key Vault references: the operator API key and one API key per landlord.
var operatorKeySettings = [
  { name: 'Authentication__OperatorApiKey', value: keyVaultReference(keyVaultName, 'operator-api-key') }
]

var landlordKeySettings = [
  for landlord in landlordSirens: {
    name: 'Authentication__ApiKeys__${landlord}'
    value: keyVaultReference(keyVaultName, 'landlord-api-key-${landlord}')
  }
]

// The notifications' SMTP server: host, account and password from Key Vault (an unresolved
// reference counts as not set: mail stays off until the secrets exist); the pages' address for the
// mails' links.
var mailSettings = [
  { name: 'Partenariat__Mail__Host', value: keyVaultReference(keyVaultName, 'smtp-host') }
  { name: 'Partenariat__Mail__UserName', value: keyVaultReference(keyVaultName, 'smtp-username') }
  { name: 'Partenariat__Mail__Password', value: keyVaultReference(keyVaultName, 'smtp-password') }
  { name: 'Partenariat__Mail__PagesUrl', value: 'https://${name}.azurewebsites.net/api/pages/' }
]

// JWT bearer tokens (Microsoft Entra ID): an issuer and an audience, neither of them a secret
// (tokens are checked against the issuer's published signing keys).
var jwtSettings = empty(jwtAudience)
  ? []
  : [
      { name: 'Authentication__Jwt__Authority', value: jwtAuthority }
      { name: 'Authentication__Jwt__Audience', value: jwtAudience }
    ]

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
      '${deploymentIdentityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Outbound through the virtual network: storage and Key Vault resolve to their private endpoints.
    virtualNetworkSubnetId: virtualNetworkSubnetId
    // Key Vault references are resolved with the user-assigned identity (the default would be a
    // system-assigned one, which this app does not have).
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      // Flex Consumption takes the runtime from functionAppConfig, never from FUNCTIONS_WORKER_RUNTIME
      // or FUNCTIONS_EXTENSION_VERSION (both are rejected or ignored on this plan).
      appSettings: concat(storageSettings, telemetrySettings, operatorKeySettings, landlordKeySettings, mailSettings, jwtSettings)
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: 'https://${deploymentStorageAccountName}.blob.${storageSuffix}/${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: deploymentIdentityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
  }
}

// No publishing with user names and passwords (FTP or the SCM site's basic authentication):
// deployments authenticate with Microsoft Entra ID (az functionapp deployment source config-zip).
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Name of the Function App.')
output name string = site.name

@description('Default host name of the app, e.g. <name>.azurewebsites.net.')
output defaultHostName string = site.properties.defaultHostName

@description('Names of the Key Vault secrets the app\'s settings refer to; each must be set before the app serves requests.')
output secretNames string[] = concat(['operator-api-key', 'smtp-host', 'smtp-username', 'smtp-password'], map(landlordSirens, landlord => 'landlord-api-key-${landlord}'))

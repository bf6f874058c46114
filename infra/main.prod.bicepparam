// Production environment of the Dijon Métropole / Action Logement convention.
using 'main.bicep'

param environmentName = 'prod'
// Zone-redundant storage: the task hub and the requests' state survive the loss of a zone.
param storageSku = 'Standard_ZRS'
param blobDeleteRetentionDays = 30
param maximumInstanceCount = 100
param instanceMemoryMB = 2048
param logRetentionInDays = 90
param keyVaultSoftDeleteRetentionInDays = 90
param keyVaultPurgeProtection = true

// Landlords that still authenticate with an API key rather than a token: add their SIRENs here and
// set each one's secret landlord-api-key-<SIREN> in the vault. Empty: tokens only.
param landlordSirens = []

// Landlords and reviewers sign in with Microsoft Entra ID: the application ID URI of the API's app
// registration in the tenant deployed to. The issuer defaults to that tenant's v2.0 endpoint.
param jwtAudience = 'api://partenariat'

// Storage and Key Vault answer only inside the virtual network. An operator setting a secret passes
// their public address for one deployment and deploys again without it (docs/operations.md).
param allowedPublicIpRanges = []

// The mailbox the reconciler's alerts go to (credit released, disagreements found): the operators'
// shared mailbox, set here before the first production deployment. Empty: the alerts fire in Azure
// Monitor (Alerts) but mail no one.
param alertEmail = ''

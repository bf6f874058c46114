// Development environment: the cheapest settings that still behave like production (same
// identity-based access, same Key Vault references), with short retention and no purge protection
// so that it can be torn down and rebuilt.
using 'main.bicep'

param environmentName = 'dev'
param storageSku = 'Standard_LRS'
param blobDeleteRetentionDays = 7
param maximumInstanceCount = 40
param instanceMemoryMB = 2048
param logRetentionInDays = 30
param keyVaultSoftDeleteRetentionInDays = 7
param keyVaultPurgeProtection = false

// Test landlords that authenticate with an API key (set landlord-api-key-<SIREN> in the vault).
param landlordSirens = [
  '123456782'
  '987654324'
]

// No JWT authentication in dev: API keys only.
param jwtAudience = ''

// Closed like production: storage and Key Vault answer only inside the virtual network. To debug
// from your machine (or to set a secret), pass your public address for one deployment,
// --parameters allowedPublicIpRanges='["203.0.113.7"]', and deploy again without it when done.
param allowedPublicIpRanges = []

// The reconciler's alerts fire in Azure Monitor (Alerts) without mailing anyone: pass an address,
// --parameters alertEmail=you@example.org, to get them while testing.
param alertEmail = ''

// Types shared by the templates.

@export()
@description('Tags: names to string values.')
type resourceTags = { *: string }

@export()
@description('A SIREN, the 9-digit company number of a social landlord (digits only, no spaces).')
@minLength(9)
@maxLength(9)
type siren = string

@export()
@description('The private DNS zones of the services reached through private endpoints, by service: their resource ids.')
type privateDnsZoneIds = {
  @description('privatelink.blob.<storage suffix>')
  blob: string
  @description('privatelink.queue.<storage suffix>')
  queue: string
  @description('privatelink.table.<storage suffix>')
  table: string
  @description('privatelink.vaultcore.<Key Vault suffix>')
  vault: string
}

@export()
@description('A public IPv4 address (203.0.113.7) or range in CIDR notation (203.0.113.0/28), on the internet: private ranges are not accepted by storage firewalls.')
type publicIpRange = string

@export()
@description('A storage firewall rule\'s value for a public address or range: storage wants a single address without /32 (Key Vault takes either).')
func storageIpRuleValue(range publicIpRange) string => endsWith(range, '/32') ? replace(range, '/32', '') : range

@export()
@description('A data role given on a storage account, or on one of its blob containers.')
type storageRoleAssignment = {
  @description('Why the principal has the role and why on that scope: the assignment\'s description, read in the portal.')
  description: string

  @description('Resource id of the user-assigned identity given the role (names the assignment, stable across deployments).')
  identityId: string

  @description('Principal (object) id of that identity.')
  principalId: string

  @description('Id of the built-in role (roles.bicep).')
  roleDefinitionId: string

  @description('A blob container of the account: the role is given on that container only. Absent: on the whole account.')
  containerName: string?
}

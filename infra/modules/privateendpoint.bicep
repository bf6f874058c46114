// A private endpoint: one service of one resource (a storage account's blob service, a vault...)
// given an address in the private endpoints' subnet, and its DNS record written in the service's
// private DNS zone, so that the resource's usual host name resolves to that address inside the
// network. Reused for every private endpoint of the deployment.
import { resourceTags } from 'types.bicep'

@description('Azure region of the endpoint (the virtual network\'s).')
param location string

@description('Name of the endpoint, e.g. pe-<resource>-blob.')
param name string

@description('Resource id of the subnet the endpoint takes its address from.')
param subnetId string

@description('Resource id of the resource the endpoint leads to.')
param targetResourceId string

@description('The service of that resource the endpoint leads to: blob, queue, table (a storage account), vault (a Key Vault)...')
@allowed([
  'blob'
  'queue'
  'table'
  'vault'
])
param groupId string

@description('Resource id of the private DNS zone of that service (e.g. privatelink.blob.core.windows.net).')
param privateDnsZoneId string

@description('Tags of every resource.')
param tags resourceTags

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: {
      id: subnetId
    }
    customNetworkInterfaceName: 'nic-${name}'
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: targetResourceId
          groupIds: [
            groupId
          ]
        }
      }
    ]
  }

  // The endpoint keeps its A record in the zone up to date (created, changed and removed with it).
  resource dnsZoneGroup 'privateDnsZoneGroups' = {
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: groupId
          properties: {
            privateDnsZoneId: privateDnsZoneId
          }
        }
      ]
    }
  }
}

@description('Resource id of the endpoint.')
output id string = endpoint.id

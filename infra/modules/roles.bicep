// The Azure built-in roles the deployment gives, by their fixed ids (the same in every tenant).
// Least privilege: data-plane roles on one resource (or one container) each, never Owner or
// Contributor.
// https://learn.microsoft.com/azure/role-based-access-control/built-in-roles

@export()
@description('Read, write and delete blobs and containers, and manage blob leases: what the Functions documentation asks for the host\'s storage (its locks and keys), which the durable task hub (leases, large messages) and the supporting documents need too.')
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'

@export()
@description('Read, write and delete blobs: the Flex Consumption platform writes and reads the deployed package with it.')
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

@export()
@description('Read, write, delete and process queue messages: the committee queues and the task hub\'s control and work-item queues.')
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'

@export()
@description('Read, write and delete table entities and tables: the app\'s tables and the task hub\'s history, instances and partitions.')
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

@export()
@description('Read secret values: the app resolves its Key Vault references with it.')
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

@export()
@description('Send telemetry to Application Insights with Microsoft Entra authentication (local authentication is off).')
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

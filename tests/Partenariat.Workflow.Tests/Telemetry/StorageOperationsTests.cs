using Partenariat.Workflow.Telemetry;

namespace Partenariat.Workflow.Tests.Telemetry;

public sealed class StorageOperationsTests
{
    [Theory]
    [InlineData(StorageService.Queue, "GET", "http://127.0.0.1:10001/devstoreaccount1/hub-control-00/messages?numofmessages=32&visibilitytimeout=300", "GetMessages")]
    [InlineData(StorageService.Queue, "GET", "https://acct.queue.core.windows.net/hub-workitems/messages?peekonly=true", "PeekMessages")]
    [InlineData(StorageService.Queue, "POST", "https://acct.queue.core.windows.net/hub-workitems/messages", "PutMessage")]
    [InlineData(StorageService.Queue, "DELETE", "http://127.0.0.1:10001/devstoreaccount1/hub-workitems/messages/1b2c?popreceipt=x", "DeleteMessage")]
    [InlineData(StorageService.Queue, "PUT", "http://127.0.0.1:10001/devstoreaccount1/hub-workitems/messages/1b2c?popreceipt=x&visibilitytimeout=0", "UpdateMessage")]
    [InlineData(StorageService.Queue, "PUT", "https://acct.queue.core.windows.net/committee-decisions", "CreateQueue")]
    [InlineData(StorageService.Table, "POST", "http://127.0.0.1:10002/devstoreaccount1/$batch", "Batch")]
    [InlineData(StorageService.Table, "GET", "https://acct.table.core.windows.net/HubHistory()?$filter=PartitionKey%20eq%20%27a%27", "QueryEntities")]
    [InlineData(StorageService.Table, "GET", "https://acct.table.core.windows.net/HubInstances(PartitionKey='a',RowKey='')", "GetEntity")]
    [InlineData(StorageService.Table, "PATCH", "https://acct.table.core.windows.net/HubInstances(PartitionKey='a',RowKey='')", "MergeEntity")]
    [InlineData(StorageService.Table, "PUT", "https://acct.table.core.windows.net/HubPartitions(PartitionKey='',RowKey='0')", "UpdateEntity")]
    [InlineData(StorageService.Table, "POST", "https://acct.table.core.windows.net/Tables", "CreateTable")]
    [InlineData(StorageService.Blob, "PUT", "https://acct.blob.core.windows.net/hub-leases/default/hub-control-00?comp=lease", "LeaseBlob")]
    [InlineData(StorageService.Blob, "PUT", "https://acct.blob.core.windows.net/hub-applease?restype=container&comp=lease", "LeaseContainer")]
    [InlineData(StorageService.Blob, "PUT", "http://127.0.0.1:10000/devstoreaccount1/supporting-documents?restype=container", "CreateContainer")]
    [InlineData(StorageService.Blob, "HEAD", "https://acct.blob.core.windows.net/supporting-documents/a.pdf", "GetBlobProperties")]
    [InlineData(StorageService.Blob, "PUT", "https://acct.blob.core.windows.net/supporting-documents/a.pdf?comp=blocklist", "PutBlockList")]
    public void Classify_Request_NamesItsRestOperation(StorageService service, string method, string uri, string expected) =>
        Assert.Equal(expected, StorageOperations.Classify(service, method, new Uri(uri)));
}

using Azure;
using Partenariat.Workflow.Http;

namespace Partenariat.Workflow.Tests.Storage;

public sealed class StorageUnavailableTests
{
    [Fact]
    public void Caused_NoResponseFromStorage_IsUnavailable()
    {
        var refused = new RequestFailedException("Connection refused (127.0.0.1:10002)", new HttpRequestException("Connection refused"));

        Assert.True(StorageUnavailable.Caused(refused));
        Assert.True(StorageUnavailable.Caused(new HttpRequestException("Connection reset by peer")));
        Assert.True(StorageUnavailable.Caused(new AggregateException("Retry failed after 4 tries.", refused, refused)));
        Assert.True(StorageUnavailable.Caused(new InvalidOperationException("Reading the view failed.", refused)));
    }

    [Fact]
    public void Caused_StorageAnsweredOrAnotherFault_IsNotUnavailable()
    {
        Assert.False(StorageUnavailable.Caused(new RequestFailedException(409, "The specified entity already exists.")));
        Assert.False(StorageUnavailable.Caused(new RequestFailedException(500, "Internal error.")));
        Assert.False(StorageUnavailable.Caused(new InvalidOperationException("A bug.")));
        Assert.False(StorageUnavailable.Caused(new AggregateException(new HttpRequestException("refused"), new InvalidOperationException("A bug."))));
        Assert.False(StorageUnavailable.Caused(null));
    }
}

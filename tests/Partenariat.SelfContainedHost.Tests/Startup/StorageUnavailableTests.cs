using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Partenariat.Testing;
using Partenariat.Workflow.Http;

namespace Partenariat.SelfContainedHost.Tests.Startup;

/// <summary>
/// Calls that storage does not answer (Azurite restarting, the account unreachable): 503 with
/// Retry-After and a problem that says to send them again, never a 500. Found by the chaos
/// campaign: submissions during Azurite's restart were answered 500.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageUnavailableTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Submit_TablesUnreachable_Answers503WithRetryAfter()
    {
        var deadPort = Loopback.FreePort();
        var connectionString = AzuriteInstance.ConnectionStringFor(deadPort, azurite.Azurite.QueuePort, deadPort);
        await using var factory = HostFactory.OnStorage(connectionString, "unavailable");
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/requests", UriKind.Relative))
        {
            Content = JsonContent.Create(SampleRequests.Valid(), options: PartenariatJson.Options),
        };
        request.Headers.Add("X-Api-Key", "local-landlord-123456782-key");
        request.Headers.Add("Idempotency-Key", "unavailable-" + Guid.NewGuid().ToString("N"));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(StorageUnavailable.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("urn:partenariat:problems:storage-unavailable", problem?.Type);
        Assert.Contains("Send it again", problem?.Detail, StringComparison.Ordinal);
    }
}

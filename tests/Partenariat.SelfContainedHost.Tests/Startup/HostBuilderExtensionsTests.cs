using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Partenariat.Testing;

namespace Partenariat.SelfContainedHost.Tests.Startup;

/// <summary>The host's composition: what AddPartenariatHost refuses at start, what MapPartenariatHost serves.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostBuilderExtensionsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task MapPartenariatHost_OpenApiDocument_DescribesTheHealthEndpoint()
    {
        await using var factory = HostFactory.OnStorage(azurite.ConnectionString, "host");
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var health = document.RootElement.GetProperty("paths").GetProperty("/api/health").GetProperty("get");
        Assert.Equal("Health", health.GetProperty("operationId").GetString());
        Assert.True(health.GetProperty("responses").TryGetProperty("503", out _));
    }

    [Fact]
    public async Task MapPartenariatHost_UnknownRoute_AnswersProblemDetails()
    {
        await using var factory = HostFactory.OnStorage(azurite.ConnectionString, "host");
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task AddPartenariatHost_MalformedRoutePrefix_FailsToStartNamingTheKey()
    {
        await using var factory = HostFactory.OnStorage(azurite.ConnectionString, "host", new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:http:routePrefix"] = "/api/",
        });

        var exception = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("extensions.http.routePrefix", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPartenariatHost_MalformedStorageSetting_FailsToStartNamingTheSetting()
    {
        // As a user meets it: the host's own process, which stops at once with the setting's name.
        // (In memory, the host's other services may be torn down first and hide the cause.)
        await using var host = SelfContainedHostProcess.Start(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "this is not a connection string" });

        var line = await host.WaitForLineAsync(l => l.Contains("'AzureWebJobsStorage' cannot be used", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var exited = await host.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("not a storage connection string", line, StringComparison.Ordinal);
        Assert.True(exited, "the host stops when its storage setting cannot be used");
        Assert.DoesNotContain("Partenariat is listening on", host.Output, StringComparison.Ordinal);
    }
}

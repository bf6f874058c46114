using System.Net;
using System.Text.RegularExpressions;
using Partenariat.Testing;

namespace Partenariat.SelfContainedHost.Tests;

/// <summary>The host as a user runs it: its own process, a real Kestrel on loopback.</summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class ProgramTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Main_RunAsAProcess_ListensOnLoopbackAndPrintsTheUrlsToOpen()
    {
        await using var host = SelfContainedHostProcess.Start(
            new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString, ["DOTNET_ENVIRONMENT"] = "Development" });

        var line = await host.WaitForLineAsync(l => l.Contains("Partenariat is listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        var match = ListeningPattern().Match(line);
        Assert.True(match.Success, line);
        Assert.Equal(match.Groups["root"].Value + "/api/health", match.Groups["health"].Value);
        Assert.Equal(match.Groups["root"].Value + "/openapi/v1.json", match.Groups["openapi"].Value);
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri(match.Groups["health"].Value));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [GeneratedRegex(@"listening on (?<root>http://127\.0\.0\.1:\d+)\. Health: (?<health>\S+)\s+OpenAPI: (?<openapi>\S+)")]
    private static partial Regex ListeningPattern();
}

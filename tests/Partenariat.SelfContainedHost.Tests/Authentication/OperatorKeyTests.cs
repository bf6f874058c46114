using System.Net;
using Partenariat.SelfContainedHost.Authentication;
using Partenariat.Testing;

namespace Partenariat.SelfContainedHost.Tests.Authentication;

/// <summary>The operator key: where it comes from, what counts as not set, how requests carry it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OperatorKeyTests(AzuriteFixture azurite)
{
    private const string Webhook = "/runtime/webhooks/durabletask/instances/nobody";

    [Fact]
    public async Task Webhook_OperatorKey_IsTakenFromTheQueryOrTheHeaderAndNothingElse()
    {
        await using var factory = Factory("s3cret");
        using var client = factory.CreateClient();
        using var withHeader = new HttpRequestMessage(HttpMethod.Get, Webhook);
        withHeader.Headers.Add(HostKeys.Header, "s3cret");

        using var inQuery = await client.GetAsync(new Uri(Webhook + "?code=s3cret", UriKind.Relative));
        using var inHeader = await client.SendAsync(withHeader);
        var refused = new List<HttpResponseMessage>();
        foreach (var query in new[] { string.Empty, "?code=", "?code=S3CRET", "?code=s3cret-and-more" })
        {
            refused.Add(await client.GetAsync(new Uri(Webhook + query, UriKind.Relative)));
        }

        Assert.Equal(HttpStatusCode.NotFound, inQuery.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, inHeader.StatusCode);
        foreach (var response in refused)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
            Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
            response.Dispose();
        }
    }

    [Theory]
    [InlineData("@Microsoft.KeyVault(VaultName=kv-partenariat;SecretName=operator-api-key)")]
    [InlineData("   ")]
    public async Task Webhook_KeySettingUnresolvedOrBlank_CountsAsNotSetAndAnswers401(string setting)
    {
        await using var factory = Factory(setting);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri($"{Webhook}?code={Uri.EscapeDataString(setting)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public void OperatorKey_LocalSettings_HoldTheDocumentedLocalDefault()
    {
        var settings = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "functions", "Partenariat.Functions", "local.settings.json"));

        Assert.Contains("\"Authentication__OperatorApiKey\": \"local-operator-key\"", settings, StringComparison.Ordinal);
        Assert.Contains("`local-operator-key`", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")), StringComparison.Ordinal);
    }

    private HostFactory Factory(string operatorKey) =>
        HostFactory.OnStorage(azurite.ConnectionString, "keys", new Dictionary<string, string?> { [HostKeys.OperatorKeySetting] = operatorKey });
}

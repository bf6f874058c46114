using System.Net;
using Partenariat.EndToEnd.Tests.Hosts;

namespace Partenariat.EndToEnd.Tests.Webhooks;

/// <summary>Keys, taken as the Functions host takes them (<c>code</c> or <c>x-functions-key</c>), on either host.</summary>
public abstract class KeyTests(HostFixture fixture) : EndToEndTest(fixture)
{
    [SkippableTheory]
    [InlineData(null)]
    [InlineData("not-the-key")]
    public async Task Webhook_MissingOrWrongKey_Answers401WithABearerChallenge(string? key)
    {
        var query = key is null ? string.Empty : "?code=" + key;

        using var status = await Client.GetAsync(new Uri(Host.BaseAddress, $"{Webhooks}/instances{query}"));
        using var start = await Client.PostAsync(new Uri(Host.BaseAddress, $"{Webhooks}/orchestrators/HelloSequence{query}"), Json("\"x\""));

        foreach (var response in new[] { status, start })
        {
            await ExpectAsync(HttpStatusCode.Unauthorized, response);
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
            await AssertEmptyAsync(response);
        }
    }

    [SkippableFact]
    public async Task Webhook_KeyInTheHeader_IsAccepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Host.BaseAddress, $"{Webhooks}/instances/{NewId("nobody")}"));
        request.Headers.Add("x-functions-key", Host.OperatorKey);

        using var response = await Client.SendAsync(request);

        await ExpectAsync(HttpStatusCode.NotFound, response);
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("not-the-key")]
    public async Task FunctionEndpoint_MissingOrWrongKey_Answers401WithoutBody(string? key)
    {
        var query = key is null ? string.Empty : "?code=" + key;

        using var response = await Client.PostAsync(new Uri(Host.BaseAddress, $"api/diagnostics/HelloSequence{query}"), Json("\"x\""));

        await ExpectAsync(HttpStatusCode.Unauthorized, response);
        Assert.Empty(response.Headers.WwwAuthenticate);
        await AssertEmptyAsync(response);
    }

    [SkippableFact]
    public async Task FunctionEndpoint_KeyInTheHeader_IsAccepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Host.BaseAddress, "api/diagnostics/HelloSequence")) { Content = Json("\"x\"") };
        request.Headers.Add("x-functions-key", Host.FunctionKey);

        using var response = await Client.SendAsync(request);

        await ExpectAsync(HttpStatusCode.Accepted, response);
    }
}

[Collection(SelfContainedHostCollection.Name)]
public sealed class SelfContainedHostKeyTests(SelfContainedHostFixture fixture) : KeyTests(fixture);

[Collection(FunctionsHostCollection.Name)]
public sealed class FunctionsHostKeyTests(FunctionsHostFixture fixture) : KeyTests(fixture);

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Partenariat.EndToEnd.Tests.Hosts;
using Partenariat.Testing;

namespace Partenariat.EndToEnd.Tests;

/// <summary>
/// What every end-to-end test class shares, whichever host answers: an HTTP client on the host, the
/// webhook URLs with the operator key, starting instances and waiting for their status.
/// </summary>
public abstract class EndToEndTest(HostFixture fixture) : IDisposable
{
    /// <summary>The webhooks' path.</summary>
    protected const string Webhooks = "runtime/webhooks/durabletask";

    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(45);
    private HttpClient? _client;

    /// <summary>The host under test (the test is skipped where it cannot run).</summary>
    protected IHostUnderTest Host => fixture.Host;

    /// <summary>A client on the host's root.</summary>
    protected HttpClient Client => _client ??= new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>An instance id of this test's own.</summary>
    protected static string NewId(string prefix = "e2e") => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>The webhook URL of <paramref name="path"/> (under <c>runtime/webhooks/durabletask/</c>) with the operator key and <paramref name="query"/>.</summary>
    protected Uri Webhook(string path, string? query = null) =>
        new(Host.BaseAddress, $"{Webhooks}/{path}?code={Uri.EscapeDataString(Host.OperatorKey)}" + (query is null ? string.Empty : "&" + query));

    /// <summary>A JSON body.</summary>
    protected static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Starts <paramref name="orchestrator"/> through the webhook, with <paramref name="inputJson"/> (always a body: the Functions host gives an isolated orchestrator an empty string for none, which it cannot read).</summary>
    protected async Task<HttpResponseMessage> StartAsync(string orchestrator, string? instanceId, string inputJson)
    {
        var path = instanceId is null ? $"orchestrators/{orchestrator}" : $"orchestrators/{orchestrator}/{Uri.EscapeDataString(instanceId)}";
        return await Client.PostAsync(Webhook(path), Json(inputJson));
    }

    /// <summary>Starts and checks the start was accepted; returns the instance id.</summary>
    protected async Task<string> StartedAsync(string orchestrator, string instanceId, string inputJson)
    {
        using var response = await StartAsync(orchestrator, instanceId, inputJson);
        await ExpectAsync(HttpStatusCode.Accepted, response);
        return instanceId;
    }

    /// <summary>Starts <c>WaitForSignal</c> (waiting for <c>go</c>) and waits until it waits.</summary>
    protected async Task<string> WaitingInstanceAsync(string? instanceId = null)
    {
        var id = await StartedAsync("WaitForSignal", instanceId ?? NewId("wait"), """{"EventName":"go"}""");
        await WaitForStatusAsync(id, status => status.GetProperty("customStatus").ValueKind == JsonValueKind.String);
        return id;
    }

    /// <summary>Starts <c>HelloSequence</c> for <paramref name="who"/> and waits until it completes.</summary>
    protected async Task<string> CompletedInstanceAsync(string? instanceId = null, string who = "Talant")
    {
        var id = await StartedAsync("HelloSequence", instanceId ?? NewId("hello"), JsonSerializer.Serialize(who));
        await WaitForStatusAsync(id, "Completed");
        return id;
    }

    /// <summary>The instance's status (GET, with the given query); null when the host answers 404.</summary>
    protected async Task<JsonElement?> StatusAsync(string instanceId, string? query = null)
    {
        using var response = await Client.GetAsync(Webhook($"instances/{Uri.EscapeDataString(instanceId)}", query));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Polls the status until its <c>runtimeStatus</c> is <paramref name="runtimeStatus"/>.</summary>
    protected Task<JsonElement> WaitForStatusAsync(string instanceId, string runtimeStatus) =>
        WaitForStatusAsync(instanceId, status => status.GetProperty("runtimeStatus").GetString() == runtimeStatus, runtimeStatus);

    /// <summary>Reads the status until <paramref name="done"/> holds; fails with the last status and the host's output.</summary>
    protected async Task<JsonElement> WaitForStatusAsync(string instanceId, Func<JsonElement, bool> done, string? what = null)
    {
        JsonElement? last = null;
        return await Eventually.UntilAsync(
            async () => (last = await StatusAsync(instanceId)) is { } current && done(current) ? current : (JsonElement?)null,
            StatusTimeout,
            () => Task.FromResult($"instance '{instanceId}' to reach {what ?? "the expected status"}; last status: {last}{Environment.NewLine}{HostOutputTail()}"));
    }

    /// <summary>The end of the host's output, for a failure's message.</summary>
    protected string HostOutputTail() => Host.Output[^Math.Min(Host.Output.Length, 4000)..];

    /// <summary>Sends <paramref name="method"/> to <paramref name="path"/> (under the host's root) with an API key and, optionally, a JSON body.</summary>
    protected async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(Host.BaseAddress, path));
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        if (json is not null)
        {
            request.Content = Json(json);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>Asserts the status code, with the body and the host's output in the message.</summary>
    protected async Task ExpectAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != expected)
        {
            Assert.Fail($"Expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}{Environment.NewLine}{HostOutputTail()}");
        }
    }

    /// <summary>The body as JSON.</summary>
    protected static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>An object's property names, in order.</summary>
    protected static string[] PropertyNames(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    /// <summary>
    /// Asserts the URLs of a check-status payload: those of the instance at <paramref name="instanceUrl"/>,
    /// each with <paramref name="query"/>; PascalCase names (and a rewind URL) as the isolated worker
    /// writes them, else camelCase as the webhooks do.
    /// </summary>
    protected static void AssertInstanceUrls(JsonElement body, string instanceUrl, string query, bool pascalCase)
    {
        string Url(string name) => body.GetProperty(pascalCase ? char.ToUpperInvariant(name[0]) + name[1..] : name).GetString()!;
        Assert.Equal($"{instanceUrl}?{query}", Url("statusQueryGetUri"));
        Assert.Equal($"{instanceUrl}/raiseEvent/{{eventName}}?{query}", Url("sendEventPostUri"));
        Assert.Equal($"{instanceUrl}/terminate?reason={{text}}&{query}", Url("terminatePostUri"));
        Assert.Equal($"{instanceUrl}?{query}", Url("purgeHistoryDeleteUri"));
        Assert.Equal($"{instanceUrl}/restart?{query}", Url("restartPostUri"));
        Assert.Equal($"{instanceUrl}/suspend?reason={{text}}&{query}", Url("suspendPostUri"));
        Assert.Equal($"{instanceUrl}/resume?reason={{text}}&{query}", Url("resumePostUri"));
        if (pascalCase)
        {
            Assert.Equal($"{instanceUrl}/rewind?reason={{text}}&{query}", Url("rewindPostUri"));
        }
    }

    /// <summary>Asserts the response is JSON as the webhooks write it (<c>application/json; charset=utf-8</c>).</summary>
    protected static void AssertWebhookJson(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal(new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }, response.Content.Headers.ContentType);
    }

    /// <summary>Asserts the response has no body.</summary>
    protected static async Task AssertEmptyAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
    }

    /// <summary>How many requests the landlord of <paramref name="key"/> has, every page counted.</summary>
    protected async Task<int> CountRequestsAsync(string key)
    {
        var count = 0;
        string? token = null;
        do
        {
            var path = "api/requests?pageSize=100" + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token));
            using var response = await SendAsync(HttpMethod.Get, path, key);
            await ExpectAsync(HttpStatusCode.OK, response);
            var page = await ReadJsonAsync(response);
            count += page.GetProperty("items").GetArrayLength();
            token = page.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (token is not null);
        return count;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _client?.Dispose();
        GC.SuppressFinalize(this);
    }
}

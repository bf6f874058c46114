using System.Net;
using System.Text.Json;
using Partenariat.EndToEnd.Tests.Hosts;

namespace Partenariat.EndToEnd.Tests.Webhooks;

/// <summary>
/// <c>POST api/diagnostics/{orchestrator}</c>: starts a diagnostic orchestration and answers the
/// isolated worker's check-status response, whose URLs are then followed, on either host.
/// </summary>
public abstract class DiagnosticsStarterTests(HostFixture fixture) : EndToEndTest(fixture)
{
    private static readonly string[] CheckStatusProperties =
    [
        "Id", "StatusQueryGetUri", "SendEventPostUri", "TerminatePostUri", "RewindPostUri",
        "PurgeHistoryDeleteUri", "RestartPostUri", "SuspendPostUri", "ResumePostUri",
    ];

    [SkippableFact]
    public async Task Start_DiagnosticOrchestration_Answers202WithTheCheckStatusPayload()
    {
        using var response = await StartDiagnosticAsync("HelloSequence", "\"Quetigny\"");

        await ExpectAsync(HttpStatusCode.Accepted, response);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        Assert.Null(response.Headers.RetryAfter);
        var raw = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(raw).RootElement;
        Assert.Equal(CheckStatusProperties, PropertyNames(body));
        var id = body.GetProperty("Id").GetString()!;
        var instance = new Uri(Host.BaseAddress, $"{Webhooks}/instances/{id}").AbsoluteUri;
        var code = $"code={Host.OperatorKey}";
        AssertInstanceUrls(body, instance, code, pascalCase: true);
        Assert.Equal($"{instance}?{code}", response.Headers.Location?.OriginalString);
        // Written by System.Text.Json with its default encoder, as the worker's serializer writes it.
        Assert.Contains("?reason={text}\\u0026code=", raw, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Start_ThenFollowTheStatusAndPurgeUrls_TheyWork()
    {
        var urls = await StartedDiagnosticAsync("HelloSequence", "\"Talant\"");

        var status = await FollowUntilAsync(urls.GetProperty("StatusQueryGetUri").GetString()!, "Completed");
        using var purge = await Client.DeleteAsync(new Uri(urls.GetProperty("PurgeHistoryDeleteUri").GetString()!));

        Assert.Equal("Hello, Dijon (Talant)!", status.GetProperty("output")[0].GetString());
        await ExpectAsync(HttpStatusCode.OK, purge);
        Assert.Equal("""{"instancesDeleted":1}""", await purge.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task Start_ThenFollowTheOperationUrls_TheyWork()
    {
        var urls = await StartedDiagnosticAsync("WaitForSignal", """{"EventName":"go"}""");
        var statusUrl = urls.GetProperty("StatusQueryGetUri").GetString()!;
        await FollowUntilAsync(statusUrl, "Running");

        using var suspend = await Client.PostAsync(Url(urls, "SuspendPostUri"), null);
        await FollowUntilAsync(statusUrl, "Suspended");
        using var resume = await Client.PostAsync(Url(urls, "ResumePostUri"), null);
        await FollowUntilAsync(statusUrl, "Running");
        using var raise = await Client.PostAsync(Url(urls, "SendEventPostUri"), Json("\"hi\""));
        var completed = await FollowUntilAsync(statusUrl, "Completed");
        using var restart = await Client.PostAsync(Url(urls, "RestartPostUri"), null);
        var restarted = await ReadJsonAsync(restart);
        await FollowUntilAsync(restarted.GetProperty("statusQueryGetUri").GetString()!, "Running");
        using var terminate = await Client.PostAsync(new Uri(restarted.GetProperty("terminatePostUri").GetString()!.Replace("{text}", "done", StringComparison.Ordinal)), null);
        var terminated = await FollowUntilAsync(restarted.GetProperty("statusQueryGetUri").GetString()!, "Terminated");

        await ExpectAsync(HttpStatusCode.Accepted, suspend);
        await ExpectAsync(HttpStatusCode.Accepted, resume);
        await ExpectAsync(HttpStatusCode.Accepted, raise);
        Assert.Equal("received:hi", completed.GetProperty("output").GetString());
        await ExpectAsync(HttpStatusCode.Accepted, restart);
        await ExpectAsync(HttpStatusCode.Accepted, terminate);
        Assert.Equal("done", terminated.GetProperty("output").GetString());
    }

    [SkippableFact]
    public async Task Start_UnknownOrchestrator_Answers404WithProblemDetails()
    {
        using var response = await StartDiagnosticAsync("NoSuchOrchestration", "1");

        await ExpectAsync(HttpStatusCode.NotFound, response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadJsonAsync(response);
        Assert.Equal(["type", "title", "status", "detail", "traceId"], PropertyNames(problem));
        Assert.Equal("urn:partenariat:problems:diagnostics:unknown-orchestration", problem.GetProperty("type").GetString());
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains("HelloSequence", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Start_InvalidJson_Answers400WithProblemDetails()
    {
        using var response = await StartDiagnosticAsync("HelloSequence", "{not json");

        await ExpectAsync(HttpStatusCode.BadRequest, response);
        var problem = await ReadJsonAsync(response);
        Assert.Equal(["type", "title", "status", "detail", "traceId"], PropertyNames(problem));
        Assert.Equal("urn:partenariat:problems:diagnostics:invalid-input", problem.GetProperty("type").GetString());
    }

    private Task<HttpResponseMessage> StartDiagnosticAsync(string orchestrator, string inputJson) =>
        Client.PostAsync(new Uri(Host.BaseAddress, $"api/diagnostics/{orchestrator}?code={Uri.EscapeDataString(Host.FunctionKey)}"), Json(inputJson));

    private async Task<JsonElement> StartedDiagnosticAsync(string orchestrator, string inputJson)
    {
        using var response = await StartDiagnosticAsync(orchestrator, inputJson);
        await ExpectAsync(HttpStatusCode.Accepted, response);
        return await ReadJsonAsync(response);
    }

    private static Uri Url(JsonElement urls, string name) =>
        new(urls.GetProperty(name).GetString()!.Replace("{eventName}", "go", StringComparison.Ordinal).Replace("{text}", "checked", StringComparison.Ordinal));

    // Polls a status URL as a client of the check-status response would.
    private async Task<JsonElement> FollowUntilAsync(string statusUrl, string runtimeStatus)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            using var response = await Client.GetAsync(new Uri(statusUrl));
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{response.StatusCode} from {statusUrl}");
            var status = await ReadJsonAsync(response);
            if (status.GetProperty("runtimeStatus").GetString() == runtimeStatus)
            {
                return status;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{statusUrl} did not reach {runtimeStatus}.");
    }
}

[Collection(SelfContainedHostCollection.Name)]
public sealed class SelfContainedHostDiagnosticsStarterTests(SelfContainedHostFixture fixture) : DiagnosticsStarterTests(fixture);

[Collection(FunctionsHostCollection.Name)]
public sealed class FunctionsHostDiagnosticsStarterTests(FunctionsHostFixture fixture) : DiagnosticsStarterTests(fixture);

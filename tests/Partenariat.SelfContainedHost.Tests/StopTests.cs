using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;
using Xunit.Abstractions;

namespace Partenariat.SelfContainedHost.Tests;

/// <summary>
/// The self-contained host stopped as a service manager, a container runtime or Ctrl+C stops it,
/// while requests are in flight: it exits within 5 s, cleanly, and the next start carries the
/// requests on. Real processes, real Azurite.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class StopTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const string LandlordKey = "local-landlord-123456782-key"; // local.settings.json's
    private const int Requests = 12;
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(5);

    private readonly string _hub = "stop" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _convention = "stop-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<SupervisedProcess> _hosts = [];
    private readonly HttpClient _client = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _client.Dispose();
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Host_SigtermWithRequestsInFlight_ExitsCleanlyWithinFiveSecondsAndTheNextStartCarriesThemOn()
    {
        var (first, address) = await StartHostAsync("stop-worker-a");
        // Half before the committee (their orchestrations idle in memory, in extended sessions),
        // half on their way there when the signal comes.
        var waiting = await Task.WhenAll(Enumerable.Range(0, Requests / 2).Select(_ => SubmitAsync(address)));
        await WaitUntilAllBeforeTheCommitteeAsync(address, waiting);
        var ids = waiting.Concat(await Task.WhenAll(Enumerable.Range(0, Requests / 2).Select(_ => SubmitAsync(address)))).ToList();

        var clock = Stopwatch.StartNew();
        first.TerminateChild();
        var exited = await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var stopTime = clock.Elapsed;
        output.WriteLine($"Stopped in {stopTime.TotalSeconds:0.00} s after SIGTERM.");
        var inFlight = await CountNotYetBeforeTheCommitteeAsync(ids);
        var (_, next) = await StartHostAsync("stop-worker-b");
        var statuses = await WaitUntilAllBeforeTheCommitteeAsync(next, ids);

        Assert.True(exited, $"the host did not exit within 30 s of SIGTERM. Output:{Environment.NewLine}{first.Output}");
        Assert.True(stopTime < StopLimit, $"the host took {stopTime.TotalSeconds:0.0} s to stop. Output:{Environment.NewLine}{first.Output}");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains(first.Output.Split('\n'), line => line.Contains("Durable worker stopped on task hub " + _hub, StringComparison.Ordinal));
        Assert.DoesNotContain(first.Output.Split('\n'), line => line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal) || line.Contains("Unhandled exception", StringComparison.Ordinal));
        Assert.True(inFlight > 0, "some requests were still on their way to the committee when the host stopped");
        Assert.All(statuses, status => Assert.Equal(RequestState.PendingCommittee, status));
    }

    private async Task<(SupervisedProcess Host, Uri Address)> StartHostAsync(string workerId)
    {
        var environment = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Partenariat__DurableWorkerId"] = workerId,
            ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = _hub,
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:01",
            // What a stop cannot hand back at once (a message received in the very instant the
            // provider stops) reappears when its visibility timeout ends, as after a crash.
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__controlQueueVisibilityTimeout"] = "00:00:10",
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__workItemQueueVisibilityTimeout"] = "00:00:10",
        };
        foreach (var (key, value) in SampleConventions.AsEnvironment(SampleConventions.Settings(_convention, "housing-production", Requests * 500_000m, index: 1)))
        {
            environment[key] = value;
        }

        var host = SelfContainedHostProcess.Start(environment);
        _hosts.Add(host);
        var address = await SelfContainedHostProcess.WaitForAddressAsync(host, TimeSpan.FromSeconds(60));
        await host.WaitForLineAsync(l => l.Contains("Durable worker started on task hub " + _hub, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        return (host, address);
    }

    private async Task<string> SubmitAsync(Uri address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "api/requests"))
        {
            Content = JsonContent.Create(SampleRequests.Valid(_convention), options: PartenariatJson.Options),
        };
        request.Headers.Add("X-Api-Key", LandlordKey);
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("requestId").GetString()!;
    }

    // Read from storage: no host answers between the stop and the next start.
    private async Task<int> CountNotYetBeforeTheCommitteeAsync(IEnumerable<string> ids)
    {
        var store = new FinancingRequestStore(new TableServiceClient(azurite.ConnectionString));
        var count = 0;
        foreach (var id in ids)
        {
            if ((await store.FindAsync(id))?.Status != RequestState.PendingCommittee)
            {
                count++;
            }
        }

        return count;
    }

    private async Task<List<RequestState>> WaitUntilAllBeforeTheCommitteeAsync(Uri address, IReadOnlyList<string> ids)
    {
        var statuses = new List<RequestState>();
        await Eventually.UntilAsync(
            async () =>
            {
                statuses = [];
                foreach (var id in ids)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, $"api/requests/{id}"));
                    request.Headers.Add("X-Api-Key", LandlordKey);
                    using var response = await _client.SendAsync(request);
                    var view = await response.Content.ReadFromJsonAsync<FinancingRequestView>(PartenariatJson.Options);
                    statuses.Add(view!.Status);
                }

                return statuses.All(s => s == RequestState.PendingCommittee);
            },
            TimeSpan.FromMinutes(2),
            () => Task.FromResult($"every request before the committee; statuses: {string.Join(", ", statuses)}"));
        return statuses;
    }
}

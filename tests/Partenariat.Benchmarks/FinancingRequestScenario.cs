using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Documents;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;

namespace Partenariat.Benchmarks;

/// <summary>
/// The <c>financing-request</c> scenario: N financing requests, all at once, each through its whole
/// life on the self-contained host: submission (<see cref="FinancingRequestService"/>, what the API's
/// POST calls), the committee's approval posted as a JSON message on the <c>committee-decisions</c>
/// queue (read by the host's queue trigger, the WebJobs SDK's), the works start order and the
/// completion declaration each uploaded with the milestone it proves, as the landlord's page does
/// (the documents' path of the API past its HTTP parsing, <see cref="DocumentApi.AddEvidenceAsync"/>:
/// the view read, the blob, the document listed on the view with its timeline entry, the milestone's
/// event raised), two tranches paid on that evidence,
/// the reservation rights assigned, closed. The review messages the requests put on
/// <c>committee-reviews</c> stay there: no reviewer's tool reads them in the run.
/// </summary>
/// <remarks>
/// Progress is seen by polling the requests' table every <see cref="PollInterval"/> with a client of
/// its own, outside the counted pipelines; its requests are counted here and taken out of Azurite's
/// recount, so both counts are the workflow's alone. Step latencies are therefore known to a poll
/// interval.
/// </remarks>
internal sealed class FinancingRequestScenario(IHost host, string connectionString, CancellationToken cancellation)
{
    /// <summary>The landlord of every benchmark request.</summary>
    public const string Landlord = "123456782";

    /// <summary>The benchmark's convention: a line that can hold every request.</summary>
    public const string ConventionId = "benchmark-2026-2027";

    public const decimal RequestAmount = 500_000m;

    public static readonly IReadOnlyList<string> Steps = ["submission", "decision", "tranche-1", "tranche-2-and-rights"];

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly DurableTaskClient _client = host.Services.GetRequiredService<DurableTaskClient>();
    private readonly FinancingRequestService _service = host.Services.GetRequiredService<FinancingRequestService>();
    private readonly FinancingRequestStore _requests = host.Services.GetRequiredService<FinancingRequestStore>();
    private readonly DocumentApi _documents = host.Services.GetRequiredService<DocumentApi>();
    private readonly QueueClient _decisions = host.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(StorageNames.CommitteeDecisionsQueue);
    private readonly TableClient _uncounted = new TableServiceClient(connectionString).GetTableClient(StorageNames.RequestsTable);
    private readonly ConcurrentDictionary<string, RequestState> _status = new(StringComparer.Ordinal);
    private long _pollRequests;

    /// <summary>The configuration of the benchmark's convention (a line of <paramref name="instances"/> requests).</summary>
    public static IReadOnlyDictionary<string, string?> Settings(int instances) =>
        SampleConventions.Settings(ConventionId, "housing-production", instances * RequestAmount);

    /// <summary>What the poller itself sent to storage (outside the counted pipelines).</summary>
    public long PollRequests => Interlocked.Read(ref _pollRequests);

    /// <summary>Waits until the app's tables exist (before the measured window opens).</summary>
    public Task WaitForStorageAsync()
    {
        var storage = host.Services.GetRequiredService<StorageInitializer>();
        return Eventually.UntilAsync(() => Task.FromResult(storage.IsReady), "the host to create its tables", cancellationToken: cancellation);
    }

    /// <summary>Runs <paramref name="instances"/> requests at once; returns each one's step latencies (ms), in <see cref="Steps"/> order.</summary>
    public async Task<(double Seconds, double[][] StepLatencies, int Closed)> RunAsync(int instances)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(Request(), PartenariatJson.Options);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var poller = PollAsync(stop.Token);
        var begun = Stopwatch.GetTimestamp();
        var latencies = await Task.WhenAll(Enumerable.Range(0, instances).Select(_ => LiveAsync(body)));
        var seconds = Stopwatch.GetElapsedTime(begun).TotalSeconds;
        await stop.CancelAsync();
        await poller;
        return (seconds, latencies, _status.Values.Count(s => s == RequestState.Closed));
    }

    private async Task<double[]> LiveAsync(byte[] body)
    {
        var latencies = new double[Steps.Count];
        var start = Stopwatch.GetTimestamp();
        var outcome = await _service.SubmitAsync(Landlord, body, idempotencyKey: null, _client, cancellation);
        var requestId = outcome is SubmissionOutcome.Accepted accepted ? accepted.View.RequestId : throw new InvalidOperationException($"Submission refused: {outcome}");
        _status[requestId] = RequestState.Submitted;
        await ReachAsync(requestId, RequestState.PendingCommittee);
        latencies[0] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        start = Stopwatch.GetTimestamp();
        var decision = JsonSerializer.Serialize(new CommitteeDecisionMessage { RequestId = requestId, DecisionId = requestId + "-approval", Round = 1, Outcome = CommitteeOutcome.Approved, Reviewer = "benchmark" }, PartenariatJson.Options);
        await _decisions.SendMessageAsync(decision, cancellation);
        await ReachAsync(requestId, RequestState.Approved);
        latencies[1] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        start = Stopwatch.GetTimestamp();
        await ReportWithEvidenceAsync(requestId, MilestoneKind.WorksStarted);
        await ReachAsync(requestId, RequestState.Disbursing);
        latencies[2] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        start = Stopwatch.GetTimestamp();
        await ReportWithEvidenceAsync(requestId, MilestoneKind.Completion);
        await ReachAsync(requestId, RequestState.Closed);
        latencies[3] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return latencies;
    }

    // What POST /api/requests/{id}/documents?kind=&milestone=&milestoneDate= does once the caller is
    // known: read the landlord's request (its status, the documents it holds), store the blob, list it
    // on the view, raise the milestone with it as evidence.
    private async Task ReportWithEvidenceAsync(string requestId, MilestoneKind milestone)
    {
        var read = await _requests.GetWithETagAsync(Landlord, requestId, cancellation) ?? throw new InvalidOperationException($"No request {requestId}.");
        var kind = MilestoneEvidence.KindFor(milestone);
        using var content = new MemoryStream(EvidencePdf);
        var outcome = await _documents.AddEvidenceAsync(
            Landlord, read, new DocumentDescription(kind, kind + ".pdf", DocumentTypes.Pdf), content, milestone, DateOnly.FromDateTime(DateTime.UtcNow), _client, content.Length, cancellationToken: cancellation);
        if (outcome is not UploadOutcome.Stored)
        {
            throw new InvalidOperationException($"The evidence and its milestone were refused: {outcome}");
        }
    }

    private static readonly byte[] EvidencePdf = "%PDF-1.4\n% evidence\n%%EOF\n"u8.ToArray();

    private async Task ReachAsync(string requestId, RequestState status)
    {
        while (!(_status.TryGetValue(requestId, out var current) && current == status))
        {
            if (current is RequestState.Expired or RequestState.Rejected or RequestState.Waitlisted or RequestState.Cancelled)
            {
                throw new InvalidOperationException($"Request {requestId} is {current}, waiting for {status}.");
            }

            // Part of the measurement: a step's latency is known to a poll interval, so the wait looks
            // at the poller's last reading five times an interval (no storage request of its own).
            await Task.Delay(PollInterval / 5, cancellation);
        }
    }

    // One query of the landlord's partition per interval (a page per 1,000 requests), only the columns it needs.
    private async Task PollAsync(CancellationToken stop)
    {
        // The view rows only (the timeline's rows, "t:...", share the landlord's partition and have no Status).
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Landlord} and RowKey ge {RequestIds.Prefix} and RowKey lt {RequestIds.PrefixEnd}");
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await foreach (var page in _uncounted.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey", "Status"], cancellationToken: stop).AsPages())
                {
                    Interlocked.Increment(ref _pollRequests);
                    foreach (var row in page.Values)
                    {
                        _status[row.RowKey] = Enum.Parse<RequestState>(row.GetString("Status"));
                    }
                }

                // The poller's pace: one query an interval, counted apart (see the remarks above).
                await Task.Delay(PollInterval, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static FinancingRequest Request() => SampleRequests.Valid(ConventionId) with
    {
        Landlord = new LandlordDetails { Name = "Habitat benchmark", Kind = Domain.Landlords.LandlordKind.Oph },
    };
}

/// <summary>Azurite's raw request rate: the same number of requests as the scenario made, plain table upserts, 64 at a time.</summary>
internal static class RawStorageRate
{
    public static async Task<double> MeasureAsync(string connectionString, long requests, CancellationToken cancellationToken)
    {
        var table = new TableServiceClient(connectionString).GetTableClient("benchmarkraw" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync(cancellationToken);
        var next = -1L;
        var begun = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < requests)
            {
                await table.UpsertEntityAsync(new TableEntity("raw", next.ToString("D8", System.Globalization.CultureInfo.InvariantCulture)) { ["Value"] = next }, TableUpdateMode.Replace, cancellationToken);
            }
        }));
        var seconds = Stopwatch.GetElapsedTime(begun).TotalSeconds;
        await table.DeleteAsync(cancellationToken);
        return requests / seconds;
    }
}

using System.Diagnostics.Metrics;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Partenariat.Domain.Envelopes;
using Partenariat.Domain.Requests;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Reconciliation;

/// <summary>
/// Compares every envelope line's ledger with the requests and their orchestrations, and releases
/// credit that would otherwise stay stuck: a position that holds credit (or a place on the
/// waitlist) while its request's orchestration no longer runs (failed, terminated, completed without
/// releasing it, or purged) is released, the waitlisted requests the freed credit can hold are
/// woken, and the request's timeline says what happened (a request whose life was not over ends
/// Failed). What it cannot put right by itself (a line's totals that do not add up, a request whose
/// view disagrees with the ledger while its orchestration runs) is reported. Every pass is kept for
/// the operators' API, and counted by the metrics <see cref="ReleasedMetric"/> and
/// <see cref="FindingsMetric"/>, which an alert watches. Idempotent: two passes at once (two hosts)
/// release a position once (the ledger answers AlreadyApplied to the second).
/// </summary>
public sealed partial class CreditReconciler
{
    /// <summary>The meter.</summary>
    public const string MeterName = "Partenariat.Reconciliation";

    /// <summary>Positions released because their orchestration no longer ran.</summary>
    public const string ReleasedMetric = "partenariat.reconciliation.released";

    /// <summary>Disagreements left to operators.</summary>
    public const string FindingsMetric = "partenariat.reconciliation.findings";

    /// <summary>When the reconciler passes in the Functions app (a timer trigger's NCRONTAB): every <see cref="Interval"/>.</summary>
    public const string Schedule = "0 */5 * * * *";

    /// <summary>How often the reconciler passes: <see cref="Schedule"/>'s period, which the self-contained host's timer keeps.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <summary>How long a view may disagree with the ledger while its orchestration runs before it is reported (a step between its effect and its record).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    private static readonly OrchestrationRuntimeStatus[] Running = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended];
    private readonly EnvelopeLedgerStore _ledgers;
    private readonly FinancingRequestStore _requests;
    private readonly ConventionDirectory _conventions;
    private readonly ReconciliationStore _runs;
    private readonly TimeProvider _time;
    private readonly ILogger<CreditReconciler> _logger;
    private readonly Counter<long> _released;
    private readonly Counter<long> _findings;

    /// <summary>Creates the reconciler.</summary>
    public CreditReconciler(
        EnvelopeLedgerStore ledgers, FinancingRequestStore requests, ConventionDirectory conventions, ReconciliationStore runs, TimeProvider time, ILogger<CreditReconciler> logger, IMeterFactory? meters = null)
    {
        (_ledgers, _requests, _conventions, _runs, _time, _logger) = (ledgers, requests, conventions, runs, time, logger);
        var meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _released = meter.CreateCounter<long>(ReleasedMetric, unit: "{position}", description: "Positions whose credit the reconciler released because their orchestration no longer ran.");
        _findings = meter.CreateCounter<long>(FindingsMetric, unit: "{finding}", description: "Disagreements between the ledger and the requests the reconciler left to operators.");
    }

    /// <summary>One pass over every line of every convention; kept, and returned.</summary>
    public async Task<ReconciliationRun> RunAsync(DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var started = _time.GetUtcNow();
        var released = new List<ReconciledCredit>();
        var findings = new List<ReconciliationFinding>();
        var checkedPositions = 0;
        foreach (var convention in _conventions.Catalog.Conventions)
        {
            foreach (var lineDefinition in convention.Lines)
            {
                var line = new EnvelopeLineKey(convention.Id, lineDefinition.Id);
                EnvelopeLedger ledger;
                try
                {
                    ledger = await _ledgers.GetAsync(convention.Id, lineDefinition.Id, cancellationToken).ConfigureAwait(false);
                }
                catch (ArgumentException exception)
                {
                    findings.Add(new ReconciliationFinding(line.Value, null, $"The ledger cannot be read: {exception.Message}"));
                    continue;
                }

                findings.AddRange(ledger.Verify(ledger.PositionsByRequest.Values).Select(problem => new ReconciliationFinding(line.Value, null, problem)));
                foreach (var position in ledger.PositionsByRequest.Values.Where(Holds))
                {
                    checkedPositions++;
                    await ReconcileAsync(client, line, position, released, findings, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        var run = new ReconciliationRun(started, _time.GetUtcNow(), checkedPositions, released, findings);
        await _runs.AddAsync(run, cancellationToken).ConfigureAwait(false);
        _findings.Add(findings.Count);
        if (released.Count > 0 || findings.Count > 0)
        {
            LogPass(_logger, released.Count, released.Sum(r => r.Released), findings.Count);
        }

        return run;
    }

    /// <summary>Whether a position holds credit or a place on the waitlist.</summary>
    private static bool Holds(LedgerPosition position) =>
        position.Status == LedgerPositionStatus.Waitlisted || position.Reserved > 0m || position.Committed > position.Disbursed;

    private async Task ReconcileAsync(DurableTaskClient client, EnvelopeLineKey line, LedgerPosition position, List<ReconciledCredit> released, List<ReconciliationFinding> findings, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(position.RequestId, cancellationToken).ConfigureAwait(false);
        var view = await _requests.FindAsync(position.RequestId, cancellationToken).ConfigureAwait(false);
        if (instance is { } running && Running.Contains(running.RuntimeStatus))
        {
            if (view is not null && Disagreement(position, view) is { } what && _time.GetUtcNow() - view.UpdatedAt > Grace)
            {
                findings.Add(new ReconciliationFinding(line.Value, position.RequestId, what));
            }

            return;
        }

        var status = instance?.RuntimeStatus.ToString() ?? "Missing";
        if (await ReleaseAsync(client, line, position.RequestId, view, $"Its orchestration is {status}", cancellationToken).ConfigureAwait(false) is { } done)
        {
            released.Add(done with { Instance = status });
        }
    }

    /// <summary>
    /// Releases now what request <paramref name="requestId"/> holds on its line, because an operator
    /// stopped its orchestration (<paramref name="why"/>: terminated, purged), and ends it Failed in
    /// its timeline; null when it held nothing (or was released meanwhile).
    /// </summary>
    public async Task<ReconciledCredit?> CompensateAsync(DurableTaskClient client, string requestId, string why, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (await _requests.FindAsync(requestId, cancellationToken).ConfigureAwait(false) is not { Request: { ConventionId: { } conventionId, EnvelopeLineId: { } lineId } } view)
        {
            return null;
        }

        return await ReleaseAsync(client, new EnvelopeLineKey(conventionId, lineId), requestId, view, why, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ReconciledCredit?> ReleaseAsync(DurableTaskClient client, EnvelopeLineKey line, string requestId, FinancingRequestView? view, string why, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var release = await _ledgers.ApplyAsync(line, requestId, today, l => l.Find(requestId) is null ? new LedgerResult(LedgerOutcome.NotFound, l, null) : l.Release(requestId), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (release.Outcome != LedgerOutcome.Applied)
        {
            return null; // nothing held, or released meanwhile (another pass, or the orchestration's own compensation)
        }

        var freed = release.Result.Movement?.Freed ?? 0m;
        foreach (var woken in release.Woken)
        {
            await client.RaiseEventAsync(woken, RequestEvent.Name, new RequestEvent(RequestEventKind.CreditReleased, "reconciler"), cancellationToken).ConfigureAwait(false);
        }

        if (view is not null)
        {
            await RecordAsync(view, why, freed, line, cancellationToken).ConfigureAwait(false);
        }

        _released.Add(1);
        LogReleased(_logger, requestId, why, freed, line.Value);
        return new ReconciledCredit(requestId, line.Value, why, freed, release.Woken);
    }

    /// <summary>Says in the request's timeline what the reconciler released; a request whose life was not over ends Failed.</summary>
    private async Task RecordAsync(FinancingRequestView view, string why, decimal freed, EnvelopeLineKey line, CancellationToken cancellationToken)
    {
        var fail = RequestLifecycle.Transition(view.Status, RequestTrigger.Fail);
        var details = $"{why}: the {freed:0.##} € it held on {line.LineId} were released by the reconciler.";
        var entry = new TimelineEntry(_time.GetUtcNow(), "reconciler", TimelineAction.Failed, fail.IsAllowed ? fail.To : view.Status, details);
        var key = new RequestKey(view.RequestId, view.LandlordId, line.ConventionId, line.LineId);
        await _requests.RecordStepsAsync(key, [new RequestStep(view.Step + 1, entry)], cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a running request's view contradicts its ledger position (a held reservation, commitment or place that its status does not explain).</summary>
    private static string? Disagreement(LedgerPosition position, FinancingRequestView view)
    {
        RequestState[] explains = position.Status switch
        {
            LedgerPositionStatus.Reserved => [RequestState.UnderReview, RequestState.PendingCommittee, RequestState.InformationRequested],
            LedgerPositionStatus.Committed => [RequestState.Approved, RequestState.Disbursing, RequestState.Disbursed, RequestState.RightsAssigned],
            LedgerPositionStatus.Waitlisted => [RequestState.UnderReview, RequestState.Waitlisted],
            _ => [],
        };
        return explains.Contains(view.Status)
            ? null
            : $"The ledger holds a {position.Status} position for it, which its status {view.Status} does not explain.";
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "Reconciler released {Amount} € held by request {RequestId} on {Line} ({Why}).")]
    private static partial void LogReleased(ILogger logger, string requestId, string why, decimal amount, string line);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Reconciliation pass: {Released} position(s) released ({Amount} €), {Findings} finding(s) left to operators.")]
    private static partial void LogPass(ILogger logger, int released, decimal amount, int findings);
}

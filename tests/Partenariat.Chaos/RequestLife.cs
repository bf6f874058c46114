using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Http;

namespace Partenariat.Chaos;

/// <summary>What became of one request's life: its id, where it ended, how long it took, what the campaign sent.</summary>
internal sealed class LifeRecord(LifePlan plan)
{
    public LifePlan Plan { get; } = plan;

    public string? RequestId { get; set; }

    /// <summary>The status it was last seen in.</summary>
    public RequestState? Reached { get; set; }

    /// <summary>Why the campaign gave up on it (a state never reached, a call never answered), if it did.</summary>
    public string? GaveUp { get; set; }

    /// <summary>What the campaign saw that the service should not have done (a duplicate request for one idempotency key, say).</summary>
    public List<string> Anomalies { get; } = [];

    /// <summary>From the first submission to its end state.</summary>
    public TimeSpan Took { get; set; }

    public int DecisionsSent { get; set; }

    public int MalformedSent { get; set; }

    public int Duplicates { get; set; }

    /// <summary>The documents the service acknowledged (201), by id: each must be stored under the request.</summary>
    public List<string> Documents { get; } = [];
}

/// <summary>
/// Drives one request through its planned life over the HTTP API and the committee's queue, as its
/// landlord and reviewers would, waiting for each step to show in the request's view before the
/// next; an action whose effect does not show within the patience is sent again (the same input:
/// a duplicate the service must absorb), then the life is given up and recorded.
/// </summary>
internal sealed class RequestLife(LifePlan plan, ChaosClient client, Func<CancellationToken, Task> stepDone)
{
    // How long a step may take before its input is sent again: a decision taken off the queue by a
    // host killed then stays invisible for the queue trigger's 10 minutes (the reviewer sends it again
    // sooner, as a duplicate the service must absorb); a step of a killed host's partition waits for
    // its lease and its messages' visibility timeout.
    private static readonly TimeSpan FirstPatience = TimeSpan.FromSeconds(100);

    // How long it may take once sent again before the life is given up.
    private static readonly TimeSpan LastPatience = TimeSpan.FromMinutes(6);
    private static readonly byte[] Pdf = SampleDocuments.Pdf(2048);
    private readonly LifeRecord _record = new(plan);
    private string _id = string.Empty;

    public async Task<LifeRecord> LiveAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException or GiveUpException)
        {
            _record.GaveUp ??= exception.Message;
        }

        _record.Took = clock.Elapsed;
        return _record;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await SubmitAsync(cancellationToken).ConfigureAwait(false);
        await ExpectAsync(RequestState.PendingCommittee, null, cancellationToken).ConfigureAwait(false);
        await stepDone(cancellationToken).ConfigureAwait(false);
        switch (plan.Kind)
        {
            case LifePlanKind.Closed or LifePlanKind.ClosedReduced or LifePlanKind.LeftApproved or LifePlanKind.LeftMidway:
                await ApproveAndDisburseAsync(cancellationToken).ConfigureAwait(false);
                break;
            case LifePlanKind.ClosedAfterInformation:
                await AskAsync(cancellationToken).ConfigureAwait(false);
                await AnswerAsync(cancellationToken).ConfigureAwait(false);
                await ApproveAndDisburseAsync(cancellationToken).ConfigureAwait(false);
                break;
            case LifePlanKind.Rejected:
                await DecideAsync("Rejected", RequestState.Rejected, cancellationToken).ConfigureAwait(false);
                break;
            case LifePlanKind.Withdrawn:
                await WithdrawAsync(cancellationToken).ConfigureAwait(false);
                break;
            case LifePlanKind.WithdrawnWhileAsked:
                await AskAsync(cancellationToken).ConfigureAwait(false);
                await WithdrawAsync(cancellationToken).ConfigureAwait(false);
                break;
            case LifePlanKind.LeftUnanswered:
                await AskAsync(cancellationToken).ConfigureAwait(false);
                break;
            case LifePlanKind.LeftBeforeCommittee:
                break;
        }
    }

    private async Task SubmitAsync(CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(SampleRequests.Valid(ChaosCluster.ConventionId), PartenariatJson.Options);
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = $"chaos-{plan.Number}-{Guid.NewGuid():N}" };
        var answer = await client.SendJsonAsync(HttpMethod.Post, "api/requests", ChaosClient.LandlordKey, body, key, cancellationToken).ConfigureAwait(false);
        _id = answer.Status == HttpStatusCode.Accepted
            ? JsonNode.Parse(answer.Body)!["requestId"]!.GetValue<string>()
            : throw new GiveUpException($"the submission was answered {(int)answer.Status}: {answer.Body}");
        _record.RequestId = _id;
        // The submission's file: its financing plan, as the landlord attaches it.
        await UploadAsync("FinancingPlan", cancellationToken).ConfigureAwait(false);
        if (plan.SubmitTwice)
        {
            _record.Duplicates++;
            var again = await client.SendJsonAsync(HttpMethod.Post, "api/requests", ChaosClient.LandlordKey, body, key, cancellationToken).ConfigureAwait(false);
            var againId = again.Status == HttpStatusCode.Accepted ? JsonNode.Parse(again.Body)!["requestId"]!.GetValue<string>() : null;
            if (againId != _id)
            {
                _record.Anomalies.Add($"the same submission sent again with its idempotency key was answered {(int)again.Status} for '{againId}', not '{_id}'");
            }
        }
    }

    private async Task ApproveAndDisburseAsync(CancellationToken cancellationToken)
    {
        await DecideAsync("Approved", RequestState.Approved, cancellationToken).ConfigureAwait(false);
        if (plan.Kind == LifePlanKind.LeftApproved)
        {
            return;
        }

        await MilestoneAsync("WorksStarted", "WorksStartOrder", RequestState.Disbursing, cancellationToken).ConfigureAwait(false);
        if (plan.Kind != LifePlanKind.LeftMidway)
        {
            await MilestoneAsync("Completion", "CompletionDeclaration", RequestState.Closed, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task AskAsync(CancellationToken cancellationToken) =>
        DecideAsync("InformationRequested", RequestState.InformationRequested, cancellationToken);

    /// <summary>A decision of the committee on the queue, for the round the view shows; malformed ones first, per the plan.</summary>
    private async Task DecideAsync(string outcome, RequestState expected, CancellationToken cancellationToken)
    {
        var view = await client.ReadAsync(_id, cancellationToken).ConfigureAwait(false) ?? throw new GiveUpException("its view could not be read before the decision");
        var decision = new JsonObject
        {
            ["requestId"] = _id,
            ["decisionId"] = Guid.NewGuid().ToString(),
            ["round"] = view.Round,
            ["outcome"] = outcome,
            ["reviewer"] = "chaos",
        };
        if (outcome == "Approved" && plan.Kind == LifePlanKind.ClosedReduced)
        {
            decision["approvedAmount"] = 400_000m;
        }
        else if (outcome == "Rejected")
        {
            decision["reason"] = "Not a priority of the period.";
        }
        else if (outcome == "InformationRequested")
        {
            decision["question"] = "Which lender grants the CDC loan?";
        }

        if (plan.Malformed != MalformedDecision.None && _record.MalformedSent == 0)
        {
            _record.MalformedSent++;
            await SendDecisionAsync(Malformed(decision, plan.Malformed), malformed: true, cancellationToken).ConfigureAwait(false);
        }

        var message = decision.ToJsonString();
        await SendDecisionAsync(message, malformed: false, cancellationToken).ConfigureAwait(false);
        _record.DecisionsSent++;
        if (plan.DecisionTwice)
        {
            _record.Duplicates++;
            await SendDecisionAsync(message, malformed: false, cancellationToken).ConfigureAwait(false);
        }

        await ExpectAsync(expected, () => SendDecisionAsync(message, malformed: false, cancellationToken), cancellationToken).ConfigureAwait(false);
        await stepDone(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A decision on the committee's queue, or POST /api/committee/decisions (per the plan): a
    /// malformed one must be answered 4xx there; a sound one 202, or 409 when it is a duplicate the
    /// request has already moved past.
    /// </summary>
    private async Task SendDecisionAsync(string message, bool malformed, CancellationToken cancellationToken)
    {
        if (!plan.DecideOverHttp)
        {
            await client.SendDecisionAsync(message, cancellationToken).ConfigureAwait(false);
            return;
        }

        var answer = await client.SendJsonAsync(HttpMethod.Post, "api/committee/decisions", ChaosClient.ReviewerKey, message, cancellationToken: cancellationToken).ConfigureAwait(false);
        var expected = malformed
            ? answer.Status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Conflict
            : answer.Status is HttpStatusCode.Accepted or HttpStatusCode.Conflict;
        if (!expected)
        {
            _record.Anomalies.Add($"a {(malformed ? "malformed" : "sound")} decision posted was answered {(int)answer.Status}: {answer.Body}");
        }
    }

    private static string Malformed(JsonObject decision, MalformedDecision kind)
    {
        var copy = decision.DeepClone().AsObject();
        copy["decisionId"] = Guid.NewGuid().ToString();
        switch (kind)
        {
            case MalformedDecision.NotJson:
                return "{\"requestId\": " + copy["requestId"]!.ToJsonString() + ", \"outcome\": Approved";
            case MalformedDecision.NoReviewer:
                copy.Remove("reviewer");
                break;
            case MalformedDecision.UnknownRequest:
                copy["requestId"] = "fr-123456782-00000000000000ff";
                break;
            case MalformedDecision.StaleRound:
                copy["round"] = copy["round"]!.GetValue<int>() - 1;
                break;
            case MalformedDecision.AboveRequested:
                copy["outcome"] = "Approved";
                copy["approvedAmount"] = 2 * ChaosCluster.RequestAmount;
                break;
        }

        return copy.ToJsonString();
    }

    private async Task AnswerAsync(CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new { answer = "The Caisse des dépôts, agreement of 3 March." });
        await ActAsync($"api/requests/{_id}/information-answer", body, plan.AnswerTwice, cancellationToken).ConfigureAwait(false);
        await ExpectAsync(RequestState.PendingCommittee, () => ActAsync($"api/requests/{_id}/information-answer", body, false, cancellationToken), cancellationToken).ConfigureAwait(false);
        await stepDone(cancellationToken).ConfigureAwait(false);
    }

    private async Task WithdrawAsync(CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new { reason = "The operation is abandoned." });
        await ActAsync($"api/requests/{_id}/withdrawal", body, false, cancellationToken).ConfigureAwait(false);
        await ExpectAsync(RequestState.Withdrawn, () => ActAsync($"api/requests/{_id}/withdrawal", body, false, cancellationToken), cancellationToken).ConfigureAwait(false);
        await stepDone(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads the evidence, reports the milestone with it, waits for the tranche to show paid.</summary>
    private async Task MilestoneAsync(string kind, string evidenceKind, RequestState expected, CancellationToken cancellationToken)
    {
        if (plan.WrongEvidenceFirst && kind == "WorksStarted")
        {
            // A completion declaration for the works' start: refused by the API, which reads the kind on the view's list.
            var wrong = await UploadAsync("CompletionDeclaration", cancellationToken).ConfigureAwait(false);
            var answer = await client.SendJsonAsync(HttpMethod.Post, $"api/requests/{_id}/milestones", ChaosClient.LandlordKey, Milestone(kind, wrong), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (answer.Status != HttpStatusCode.BadRequest)
            {
                _record.Anomalies.Add($"a milestone on evidence of another kind was answered {(int)answer.Status}, not 400: {answer.Body}");
            }
        }

        if (kind == "Completion" && plan.CompletionWithItsEvidence)
        {
            await CompletionWithItsEvidenceAsync(evidenceKind, expected, cancellationToken).ConfigureAwait(false);
            return;
        }

        var evidence = await UploadAsync(evidenceKind, cancellationToken).ConfigureAwait(false);
        if (plan.MalformedMilestone && kind == "WorksStarted")
        {
            await MalformedMilestoneAsync(evidence, cancellationToken).ConfigureAwait(false);
        }

        var body = Milestone(kind, evidence);
        await ActAsync($"api/requests/{_id}/milestones", body, plan.MilestoneTwice, cancellationToken).ConfigureAwait(false);
        await ExpectAsync(expected, () => ActAsync($"api/requests/{_id}/milestones", body, false, cancellationToken), cancellationToken).ConfigureAwait(false);
        await stepDone(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The completion reported with its evidence in one upload (201, or 409 when the request is not
    /// there yet or has closed already), twice when the plan says so; then, until the request has
    /// closed, sent again: the milestone on the document stored, or the upload again if none was.
    /// </summary>
    private async Task CompletionWithItsEvidenceAsync(string evidenceKind, RequestState expected, CancellationToken cancellationToken)
    {
        string? evidence = null;
        async Task SendAsync()
        {
            if (evidence is not null)
            {
                await ActAsync($"api/requests/{_id}/milestones", Milestone("Completion", evidence), false, cancellationToken).ConfigureAwait(false);
                return;
            }

            var answer = await client.UploadAsync(_id, evidenceKind, Pdf, cancellationToken, $"&milestone=Completion&milestoneDate={SampleRequests.Today}").ConfigureAwait(false);
            if (answer.Status == HttpStatusCode.Created)
            {
                evidence = JsonNode.Parse(answer.Body)!["documentId"]!.GetValue<string>();
                _record.Documents.Add(evidence);
            }
            else if (answer.Status != HttpStatusCode.Conflict)
            {
                throw new GiveUpException($"the completion with its evidence was answered {(int)answer.Status}: {answer.Body}");
            }
        }

        await SendAsync().ConfigureAwait(false);
        if (plan.MilestoneTwice)
        {
            _record.Duplicates++;
            var again = await client.UploadAsync(_id, evidenceKind, Pdf, cancellationToken, $"&milestone=Completion&milestoneDate={SampleRequests.Today}").ConfigureAwait(false);
            if (again.Status == HttpStatusCode.Created)
            {
                _record.Documents.Add(JsonNode.Parse(again.Body)!["documentId"]!.GetValue<string>());
            }
            else if (again.Status != HttpStatusCode.Conflict)
            {
                _record.Anomalies.Add($"the completion with its evidence sent twice was answered {(int)again.Status} the second time: {again.Body}");
            }
        }

        await ExpectAsync(expected, SendAsync, cancellationToken).ConfigureAwait(false);
        await stepDone(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Milestones the API must refuse with 400: a date that is no date, a kind that does not exist, no evidence.</summary>
    private async Task MalformedMilestoneAsync(string evidence, CancellationToken cancellationToken)
    {
        string[] bodies =
        [
            JsonSerializer.Serialize(new { kind = "WorksStarted", date = "2026-13-45", evidenceDocumentId = evidence }),
            JsonSerializer.Serialize(new { kind = "RoofDone", date = SampleRequests.Today, evidenceDocumentId = evidence }),
            "{\"kind\": \"WorksStarted\", \"date\": ",
        ];
        var body = bodies[_record.MalformedSent++ % bodies.Length];
        var answer = await client.SendJsonAsync(HttpMethod.Post, $"api/requests/{_id}/milestones", ChaosClient.LandlordKey, body, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (answer.Status != HttpStatusCode.BadRequest)
        {
            _record.Anomalies.Add($"a malformed milestone was answered {(int)answer.Status}, not 400: {answer.Body}");
        }
    }

    private static string Milestone(string kind, string evidence) =>
        JsonSerializer.Serialize(new { kind, date = SampleRequests.Today, evidenceDocumentId = evidence });

    private async Task<string> UploadAsync(string kind, CancellationToken cancellationToken)
    {
        var answer = await client.UploadAsync(_id, kind, Pdf, cancellationToken).ConfigureAwait(false);
        var documentId = answer.Status == HttpStatusCode.Created
            ? JsonNode.Parse(answer.Body)!["documentId"]!.GetValue<string>()
            : throw new GiveUpException($"the upload of a {kind} was answered {(int)answer.Status}: {answer.Body}");
        _record.Documents.Add(documentId);
        return documentId;
    }

    /// <summary>
    /// A landlord's action: accepted (202), or refused for now (409: the view has not caught up with
    /// the previous step yet), then sent again; twice when <paramref name="twice"/>.
    /// </summary>
    private async Task ActAsync(string path, string body, bool twice, CancellationToken cancellationToken)
    {
        for (var sent = 0; sent < (twice ? 2 : 1); sent++)
        {
            var answer = await client.SendJsonAsync(HttpMethod.Post, path, ChaosClient.LandlordKey, body, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (sent == 1)
            {
                _record.Duplicates++;
            }
            else if (answer.Status != HttpStatusCode.Accepted && answer.Status != HttpStatusCode.Conflict)
            {
                throw new GiveUpException($"POST {path} was answered {(int)answer.Status}: {answer.Body}");
            }
        }
    }

    /// <summary>
    /// Waits for the view to show <paramref name="expected"/>; after a patience without it, sends the
    /// input again once (<paramref name="again"/>) and waits as long again. A terminal status other
    /// than the expected one ends the life there.
    /// </summary>
    private async Task ExpectAsync(RequestState expected, Func<Task>? again, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            RequestState? seen = null;
            try
            {
                seen = (await Eventually.UntilAsync(
                    async () => await client.ReadAsync(_id, cancellationToken).ConfigureAwait(false) is { } view
                        && (view.Status == expected || RequestLifecycle.IsTerminal(view.Status))
                        ? new Seen(view.Status)
                        : null,
                    attempt == 0 && again is not null ? FirstPatience : LastPatience,
                    cancellationToken: cancellationToken).ConfigureAwait(false)).Status;
            }
            catch (TimeoutException)
            {
                if (attempt == 0 && again is not null)
                {
                    _record.Duplicates++;
                    await again().ConfigureAwait(false);
                    continue;
                }
            }

            _record.Reached = seen ?? (await client.ReadAsync(_id, cancellationToken).ConfigureAwait(false))?.Status ?? _record.Reached;
            if (seen == expected)
            {
                return;
            }

            throw new GiveUpException(seen is null
                ? $"it stayed {_record.Reached} instead of reaching {expected}"
                : $"it ended {seen} instead of reaching {expected}");
        }
    }

    private sealed record Seen(RequestState Status);

    private sealed class GiveUpException(string message) : Exception(message);
}

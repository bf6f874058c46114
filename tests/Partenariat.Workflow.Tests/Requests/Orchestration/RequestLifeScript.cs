using Partenariat.Domain.Envelopes;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Testing.Durable;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Requests.Activities;
using Partenariat.Workflow.Requests.Orchestration;

namespace Partenariat.Workflow.Tests.Requests.Orchestration;

/// <summary>
/// One request's orchestration run on a <see cref="ScriptedOrchestrationContext"/>: its activities
/// answered as the real ones would (the steps they carry applied to an in-memory view, the ledger's
/// replies chosen by the test), its events raised by the test. No storage, no runtime.
/// </summary>
internal sealed class RequestLifeScript
{
    public const string RequestId = "fr-123456782-00000000000000aa";
    public const string LandlordId = "123456782";
    public static readonly DateTime Start = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    public static readonly DateTimeOffset ClosesAt = new(2027, 12, 31, 23, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan InformationDue = TimeSpan.FromDays(30);
    public static readonly TimeSpan LapseWarning = TimeSpan.FromDays(30);

    private readonly Queue<LedgerReply> _reservations = new();
    private readonly bool _firstVersion;
    private Task<string>? _run;
    private int _decisions;

    /// <summary>
    /// The life of <paramref name="request"/> (default: the sample request) under <paramref name="requestId"/>,
    /// submitted at <see cref="Start"/>, run by the current orchestration or, with <paramref name="firstVersion"/>,
    /// by <see cref="FinancingRequestOrchestrationV1"/>.
    /// </summary>
    public RequestLifeScript(string requestId = RequestId, FinancingRequest? request = null, bool firstVersion = false)
    {
        _firstVersion = firstVersion;
        Id = requestId;
        Request = (request ?? SampleRequests.Valid()) with { RequestId = requestId, SubmittedAt = Start };
        View = SampleViews.Of(LandlordId, requestId, RequestState.Submitted, Request, submittedAt: Start) with
        {
            Step = 1,
            Timeline = [new TimelineEntry(Start, LandlordId, TimelineAction.Submitted, RequestState.Submitted, null)],
        };
        Context = new ScriptedOrchestrationContext(requestId, Start, firstVersion ? FinancingRequestOrchestrationV1.Name : FinancingRequestOrchestration.Name)
            .OnActivity<RequestSteps, bool>(nameof(RecordSteps), input => Record(input.Steps))
            .OnActivity<Reservation, LedgerReply>(nameof(ReserveCredit), input =>
            {
                var reply = Versioned(nameof(ReserveCredit), input.Position, _reservations.Count > 0 ? _reservations.Dequeue() : Applied);
                if (reply.Succeeded)
                {
                    Record(input.Review.Steps);
                }

                return reply;
            })
            .OnActivity<ReviewRequest, bool>(nameof(SendForReview), input => Record(input.Steps))
            .OnActivity<Commitment, LedgerReply>(nameof(CommitCredit), input =>
            {
                if (CommitReply.Succeeded)
                {
                    Record(input.Then);
                }

                return Versioned(nameof(CommitCredit), input.Position, CommitReply);
            })
            .OnActivity<TranchePayment, TrancheOutcome>(nameof(PayTranche), input =>
            {
                PositionsGiven.Add((nameof(PayTranche), input.Position));
                if (LostEpisodesOutcomes.TryDequeue(out var lost))
                {
                    return lost;
                }

                if (EvidenceRefusal is { } refusal)
                {
                    Record([.. input.IfRefused.Select(s => s with { Entry = s.Entry with { Details = s.Entry.Details + refusal } })]);
                    return new TrancheOutcome(false, refusal, input.EvidenceDocumentId) { Position = input.Position };
                }

                Record(input.Then);
                return new TrancheOutcome(true, null, input.EvidenceDocumentId) { Position = NextVersion() };
            })
            .OnActivity<CreditRelease, LedgerReply>(nameof(ReleaseCredit), input => Versioned(nameof(ReleaseCredit), input.Position, Applied with { Woken = Waitlisted }))
            .OnActivity<LineLapse, LedgerReply>(nameof(LapseEnvelopeLine), _ => Applied);
    }

    public static LedgerReply Applied { get; } = new(LedgerOutcome.Applied, null, 0m);

    public static LedgerReply Full { get; } = new(LedgerOutcome.Waitlisted, "The line cannot hold 500000 €.", 0m);

    public static LedgerReply Lapsed { get; } = new(LedgerOutcome.LineLapsed, "The line lapsed.", 0m);

    /// <summary>The position each ledger activity was given, in order (each reply carries a new version: v1, v2...).</summary>
    public List<(string Activity, PositionVersion? Position)> PositionsGiven { get; } = [];

    /// <summary>Outcomes the next payments get first, as if run by an episode lost with its host under the same task numbers.</summary>
    public Queue<TrancheOutcome> LostEpisodesOutcomes { get; } = new();

    public ScriptedOrchestrationContext Context { get; }

    /// <summary>The request's id (and instance id).</summary>
    public string Id { get; }

    public FinancingRequest Request { get; }

    /// <summary>The request's view as the activities left it.</summary>
    public FinancingRequestView View { get; private set; }

    /// <summary>What the commitment answers (Applied unless set).</summary>
    public LedgerReply CommitReply { get; set; } = Applied;

    /// <summary>What the payment's activity finds wrong with the evidence (null: the evidence proves the milestone).</summary>
    public string? EvidenceRefusal { get; set; }

    /// <summary>The waitlisted requests a release wakes.</summary>
    public IReadOnlyList<string> Waitlisted { get; set; } = [];

    public IReadOnlyList<TimelineAction> Actions => View.Timeline.Select(e => e.Action).ToList();

    public bool HasEnded => _run is { IsCompleted: true };

    /// <summary>The final status the orchestration returned.</summary>
    public string Result => _run is { IsCompletedSuccessfully: true } run ? run.Result : throw new InvalidOperationException($"The orchestration has not ended: {_run?.Status}.", _run?.Exception);

    private LedgerReply Versioned(string activity, PositionVersion? given, LedgerReply reply)
    {
        PositionsGiven.Add((activity, given));
        return reply with { Position = NextVersion() };
    }

    private PositionVersion NextVersion() => new($"v{PositionsGiven.Count}", $"etag-{PositionsGiven.Count}");

    /// <summary>The reservations answer these replies in turn, then Applied.</summary>
    public RequestLifeScript ReservationsAnswer(params LedgerReply[] replies)
    {
        foreach (var reply in replies)
        {
            _reservations.Enqueue(reply);
        }

        return this;
    }

    public RequestLifeScript Run()
    {
        var input = new FinancingRequestInput(new RequestKey(Id, LandlordId, Request.ConventionId!, Request.EnvelopeLineId!), Request, ClosesAt, InformationDue, 50m) { LapseWarning = LapseWarning };
        _run = _firstVersion ? new FinancingRequestOrchestrationV1().RunAsync(Context, input) : new FinancingRequestOrchestration().RunAsync(Context, input);
        if (_run.IsFaulted)
        {
            throw new InvalidOperationException("The orchestration failed.", _run.Exception);
        }

        return this;
    }

    public void Raise(RequestEvent requestEvent)
    {
        Context.Raise(RequestEvent.Name, requestEvent);
        if (_run is { IsFaulted: true })
        {
            throw new InvalidOperationException("The orchestration failed.", _run.Exception);
        }
    }

    /// <summary>Raises a decision for this request, answering its current round, with an id of its own (unless the test set them).</summary>
    public void Decide(CommitteeDecisionMessage decision) =>
        Raise(new RequestEvent(RequestEventKind.CommitteeDecision, decision.Reviewer ?? "reviewer", Decision: decision with
        {
            RequestId = decision.RequestId ?? Id,
            DecisionId = decision.DecisionId ?? $"decision-{++_decisions}",
            Round = decision.Round ?? View.Round,
        }));

    public void Approve(decimal? amount = null, RightsTerms? rights = null) =>
        Decide(new CommitteeDecisionMessage { Outcome = CommitteeOutcome.Approved, ApprovedAmount = amount, Rights = rights, Reviewer = "Mme Martin" });

    /// <summary>The landlord reports a milestone on the day it happened (the clock moves there first when it is later), with its own evidence unless given.</summary>
    public void ReportMilestone(MilestoneKind kind, DateOnly date, string? evidence = null, string actor = LandlordId)
    {
        var day = date.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
        if (day > Context.CurrentUtcDateTime)
        {
            AdvanceTo(day);
        }

        Raise(new RequestEvent(RequestEventKind.Milestone, actor, Milestone: new MilestoneReport(kind, date, evidence ?? $"doc-{kind}")));
    }

    public void AdvanceTo(DateTime when) => Context.AdvanceTo(when);

    private bool Record(IReadOnlyList<RequestStep> steps)
    {
        var expected = View.Step + 1;
        foreach (var step in steps.Where(s => s.Number > View.Step))
        {
            Assert.Equal(expected++, step.Number);
        }

        View = RequestStep.ApplyMissing(View, steps);
        return true;
    }
}

using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Requests.Activities;
using Partenariat.Workflow.Requests.Orchestration;

namespace Partenariat.Functions;

/// <summary>
/// The financing request's orchestration and activities as Durable Functions: one-line adapters
/// to the shared classes, under the names the self-contained host registers (WorkflowTasks).
/// </summary>
public static class FinancingRequestDurableFunctions
{
    /// <summary>The orchestration of a request's life.</summary>
    [Function(FinancingRequestOrchestration.Name)]
    public static Task<string> FinancingRequestAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableAdapters.RunAsync<FinancingRequestOrchestration, FinancingRequestInput, string>(context);

    /// <summary>The first version of a request's life, for the requests it started (until the last of them has ended).</summary>
    [Function(FinancingRequestOrchestrationV1.Name)]
    public static Task<string> FinancingRequestV1Async([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableAdapters.RunAsync<FinancingRequestOrchestrationV1, FinancingRequestInput, string>(context);

    /// <summary>Records steps in the request's view.</summary>
    [Function(nameof(RecordSteps))]
    public static Task<bool> RecordStepsAsync([ActivityTrigger] RequestSteps input, FunctionContext context) =>
        DurableAdapters.RunAsync<RecordSteps, RequestSteps, bool>(context, input);

    /// <summary>Reserves credit and sends the request to the committee.</summary>
    [Function(nameof(ReserveCredit))]
    public static Task<LedgerReply> ReserveCreditAsync([ActivityTrigger] Reservation input, FunctionContext context) =>
        DurableAdapters.RunAsync<ReserveCredit, Reservation, LedgerReply>(context, input);

    /// <summary>Commits the approved amount and records the approval.</summary>
    [Function(nameof(CommitCredit))]
    public static Task<LedgerReply> CommitCreditAsync([ActivityTrigger] Commitment input, FunctionContext context) =>
        DurableAdapters.RunAsync<CommitCredit, Commitment, LedgerReply>(context, input);

    /// <summary>Releases the request's credit.</summary>
    [Function(nameof(ReleaseCredit))]
    public static Task<LedgerReply> ReleaseCreditAsync([ActivityTrigger] CreditRelease input, FunctionContext context) =>
        DurableAdapters.RunAsync<ReleaseCredit, CreditRelease, LedgerReply>(context, input);

    /// <summary>Lapses an envelope line at the period's end.</summary>
    [Function(nameof(LapseEnvelopeLine))]
    public static Task<LedgerReply> LapseEnvelopeLineAsync([ActivityTrigger] LineLapse input, FunctionContext context) =>
        DurableAdapters.RunAsync<LapseEnvelopeLine, LineLapse, LedgerReply>(context, input);

    /// <summary>Sends the request to the committee again.</summary>
    [Function(nameof(SendForReview))]
    public static Task<bool> SendForReviewAsync([ActivityTrigger] ReviewRequest input, FunctionContext context) =>
        DurableAdapters.RunAsync<SendForReview, ReviewRequest, bool>(context, input);

    /// <summary>Pays a tranche.</summary>
    [Function(nameof(PayTranche))]
    public static Task<TrancheOutcome> PayTrancheAsync([ActivityTrigger] TranchePayment input, FunctionContext context) =>
        DurableAdapters.RunAsync<PayTranche, TranchePayment, TrancheOutcome>(context, input);
}

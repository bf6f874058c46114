using Microsoft.DurableTask;
using Partenariat.Domain.Requests;

namespace Partenariat.Workflow.Requests.Orchestration;

/// <summary>The input of a request's orchestration, fixed at submission.</summary>
/// <param name="Key">The request.</param>
/// <param name="Request">The request as submitted and validated.</param>
/// <param name="ClosesAt">When its convention's period closes: an uncommitted request expires then.</param>
/// <param name="InformationDue">How long the landlord has to answer an information request.</param>
/// <param name="WorksStartOrderPercent">Share of the approved amount paid on the works start order.</param>
public sealed record FinancingRequestInput(RequestKey Key, FinancingRequest Request, DateTimeOffset ClosesAt, TimeSpan InformationDue, decimal WorksStartOrderPercent)
{
    /// <summary>How long before the period closes an uncommitted request's landlord is warned (none when zero).</summary>
    public TimeSpan LapseWarning { get; init; }
}

/// <summary>
/// The life of one financing request, one orchestration per request, its instance id the request
/// id. The phases, each in a file of <see cref="RequestLife"/>: review and reservation (with the
/// waitlist), the committee (with information requests), the commitment, the tranches, the rights
/// and the closure; and the ways a life ends early: withdrawal, rejection, no answer, cancellation,
/// expiry at the period's end.
/// </summary>
/// <remarks>
/// Orchestrator code: deterministic (time and ids only from the context), every effect in an
/// idempotent activity, every transition checked by the domain's life cycle and recorded as a
/// step of the timeline. Versioning rule (docs/architecture.md): a change that alters the
/// sequence of activities, timers or events of a running request ships under a new orchestration
/// name, registered beside this one until the last instance of this one has ended; never in place.
/// </remarks>
public sealed class FinancingRequestOrchestration : TaskOrchestrator<FinancingRequestInput, string>
{
    /// <summary>The orchestration's name, in both hosts and in the task hub's history.</summary>
    public const string Name = "FinancingRequest";

    /// <inheritdoc />
    /// <returns>The request's final status.</returns>
    public override async Task<string> RunAsync(TaskOrchestrationContext context, FinancingRequestInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var state = await new RequestLife(context, input).LiveAsync().ConfigureAwait(true);
        return state.ToString();
    }
}

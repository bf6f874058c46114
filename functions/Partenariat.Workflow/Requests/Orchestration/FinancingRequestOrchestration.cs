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

/// <summary>How a request's life is told that its period ends (the timers differ from one orchestration version to the next).</summary>
public enum PeriodTimers
{
    /// <summary>
    /// <see cref="FinancingRequestOrchestrationV1"/>: the period's end timer created as the life
    /// starts, the warning's at the first wait: two timers for every request.
    /// </summary>
    AtStart,

    /// <summary>
    /// <see cref="FinancingRequestOrchestration"/>: one timer at a time, from the first wait: the
    /// warning's, then the period's end once the warning fired. A request committed before the
    /// warning (most of them) never creates the second.
    /// </summary>
    OneAtATime,
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
/// This is the second version (<see cref="PeriodTimers.OneAtATime"/>); the first,
/// <see cref="FinancingRequestOrchestrationV1"/>, still runs the requests started before it.
/// </remarks>
public sealed class FinancingRequestOrchestration : TaskOrchestrator<FinancingRequestInput, string>
{
    /// <summary>The orchestration's name, in both hosts and in the task hub's history: what new submissions start.</summary>
    public const string Name = "FinancingRequestV2";

    /// <summary>Every name a financing request's orchestration has had, newest first: all are financing requests.</summary>
    public static IReadOnlyList<string> Names { get; } = [Name, FinancingRequestOrchestrationV1.Name];

    /// <summary>Whether an orchestration of <paramref name="name"/> is a financing request's life (of any version).</summary>
    public static bool IsFinancingRequest(string? name) => name is not null && Names.Contains(name, StringComparer.Ordinal);

    /// <inheritdoc />
    /// <returns>The request's final status.</returns>
    public override async Task<string> RunAsync(TaskOrchestrationContext context, FinancingRequestInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var state = await new RequestLife(context, input, PeriodTimers.OneAtATime).LiveAsync().ConfigureAwait(true);
        return state.ToString();
    }
}

/// <summary>
/// The first version of a request's life (<see cref="PeriodTimers.AtStart"/>), kept for the requests
/// it started until the last of them has ended: new submissions start <see cref="FinancingRequestOrchestration"/>.
/// </summary>
public sealed class FinancingRequestOrchestrationV1 : TaskOrchestrator<FinancingRequestInput, string>
{
    /// <summary>The first version's name, in the histories of the requests it started.</summary>
    public const string Name = "FinancingRequest";

    /// <inheritdoc />
    /// <returns>The request's final status.</returns>
    public override async Task<string> RunAsync(TaskOrchestrationContext context, FinancingRequestInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var state = await new RequestLife(context, input, PeriodTimers.AtStart).LiveAsync().ConfigureAwait(true);
        return state.ToString();
    }
}

using System.Collections.Immutable;
using Partenariat.Domain.Requests;

namespace Partenariat.Workflow.Requests.Orchestration;

/// <summary>
/// Steps of a request's timeline, planned by its orchestration and recorded by one activity: on
/// their own (<c>RecordSteps</c>), or with the effect they follow (a reservation, a commitment, a
/// payment), so that an effect and its steps cost one durable round trip. Immutable: a plan extended
/// for one outcome leaves the shorter plan intact for another. Each <see cref="Move"/> is checked by
/// the domain's <see cref="RequestLifecycle"/>.
/// </summary>
/// <param name="At">When the steps happen (the orchestration's clock).</param>
/// <param name="State">The request's status after the steps.</param>
/// <param name="Number">The number of the last step.</param>
/// <param name="Steps">The steps, in order.</param>
internal sealed record PlannedSteps(DateTimeOffset At, RequestState State, int Number, ImmutableList<RequestStep> Steps)
{
    /// <summary>No step yet, from the request's current status and step number.</summary>
    public static PlannedSteps From(DateTimeOffset at, RequestState state, int number) => new(at, state, number, []);

    /// <summary>A step that changes the request's status through <paramref name="trigger"/>.</summary>
    /// <exception cref="InvalidOperationException">The life cycle does not allow the trigger in the planned status.</exception>
    public PlannedSteps Move(
        RequestTrigger trigger,
        string actor,
        TimelineAction action,
        string? details,
        InformationRequestView? information = null,
        DecisionView? decision = null,
        IReadOnlyList<TrancheView>? tranches = null,
        ReservationRightView? rights = null)
    {
        var transition = RequestLifecycle.Transition(State, trigger);
        if (!transition.IsAllowed)
        {
            throw new InvalidOperationException(transition.Reason);
        }

        // A decision or a withdrawal closes the open information request.
        var closesQuestion = trigger is RequestTrigger.Approve or RequestTrigger.Reject or RequestTrigger.Withdraw;
        return Add(new RequestStep(Number + 1, new TimelineEntry(At, actor, action, transition.To, details), information, closesQuestion, decision, tranches, rights));
    }

    /// <summary>A step that leaves the request's status as it is.</summary>
    public PlannedSteps Note(string actor, TimelineAction action, string? details, IReadOnlyList<TrancheView>? tranches = null) =>
        Add(new RequestStep(Number + 1, new TimelineEntry(At, actor, action, State, details), Tranches: tranches));

    /// <summary>The last step marks the request's entry into committee round <paramref name="round"/>.</summary>
    public PlannedSteps InRound(int round) => this with { Steps = Steps.SetItem(Steps.Count - 1, Steps[^1] with { Round = round }) };

    private PlannedSteps Add(RequestStep step) => this with { State = step.Entry.Status, Number = step.Number, Steps = Steps.Add(step) };
}

using Microsoft.DurableTask;

namespace Partenariat.Workflow.Requests.Orchestration;

// What a request waits on: one external event name carries every event (RequestEvent), raced
// against the period's end and, while information is requested, the answer's due date. Each
// phase's loop waits for an event and ends at a state change; the API and the committee's handler
// raise only events valid in the request's current status, so a request's history stays in the
// tens of events and needs no ContinueAsNew.
internal sealed partial class RequestLife
{
    // Events that arrived before the request could take them: a milestone before the approval (or a
    // tranche's before the one due), an answer before the question, a decision of a later round. The
    // API and the committee's handler raise each only once the view shows the step before it, so an
    // early one was overtaken by an event delivered late: after a host dies, the messages it had
    // taken come back only after their visibility timeout, and meanwhile an activity of the episode
    // it never checkpointed may already have recorded that step (which the caller saw). Refusing the
    // early event would record another step under the same number, and the request's view and its
    // orchestration would part (a tranche shown paid twice, or never). It is kept with the step it
    // arrived at and offered again once the request has moved on; it dies with the request if it
    // never gets there.
    private readonly List<(RequestEvent Event, int Step)> _early = [];
    private Task<RequestEvent>? _nextEvent;
    private Task? _periodEnd;

    private Task? _lapseWarning;
    private bool _warned;

    private bool HasPeriodEnded => _periodEnd is { IsCompleted: true, IsCanceled: false };

    /// <summary>
    /// The next event, or null when the period ended (or <paramref name="deadline"/> passed) first.
    /// While the request is not committed, the landlord is warned once when the period's end is
    /// near (a step, which mails them), and the wait goes on.
    /// </summary>
    private async Task<RequestEvent?> NextAsync(Task? deadline = null)
    {
        var kept = _early.FindIndex(e => e.Step != _step);
        if (kept >= 0)
        {
            var again = _early[kept].Event;
            _early.RemoveAt(kept);
            return again;
        }

        _nextEvent ??= context.WaitForExternalEvent<RequestEvent>(RequestEvent.Name);
        while (true)
        {
            var waits = new List<Task> { _nextEvent };
            if (periodTimers == PeriodTimers.OneAtATime && _periodEnd is null && !_periodTimer.IsCancellationRequested)
            {
                _periodEnd = PeriodEndAfterTheWarningAsync();
            }

            if (_periodEnd is { IsCanceled: false })
            {
                waits.Add(_periodEnd);
                if (!_warned && (_lapseWarning ??= LapseWarningTimer()) is { } warning)
                {
                    waits.Add(warning);
                }
            }

            if (deadline is not null)
            {
                waits.Add(deadline);
            }

            var first = await Task.WhenAny(waits).ConfigureAwait(true);
            if (first == _lapseWarning)
            {
                _warned = true;
                await RecordAsync(Plan().Note(System, TimelineAction.LapseAhead, $"The period closes at {input.ClosesAt:O}; the request, not committed, expires then.")).ConfigureAwait(true);
                continue;
            }

            if (first != _nextEvent)
            {
                return null;
            }

            break;
        }

        var received = await _nextEvent.ConfigureAwait(true);
        _nextEvent = null;
        return received;
    }

    /// <summary>
    /// The period's end told by one timer at a time (<see cref="PeriodTimers.OneAtATime"/>): the
    /// warning's, then, once it fired, the period's own. Canceled with both when the request is
    /// committed or ends.
    /// </summary>
    private async Task PeriodEndAfterTheWarningAsync()
    {
        if ((_lapseWarning ??= LapseWarningTimer()) is { } warning)
        {
            await warning.ConfigureAwait(true);
        }

        await context.CreateTimer(input.ClosesAt.UtcDateTime, _periodTimer.Token).ConfigureAwait(true);
    }

    /// <summary>The timer that warns of the period's end, or null when it is not wanted or already past.</summary>
    private Task? LapseWarningTimer()
    {
        var at = input.ClosesAt - input.LapseWarning;
        if (input.LapseWarning <= TimeSpan.Zero || at <= Now)
        {
            _warned = true;
            return null;
        }

        return context.CreateTimer(at.UtcDateTime, _periodTimer.Token);
    }

    /// <summary>Records that an event does not apply now; the request stays as it is.</summary>
    private Task RefuseAsync(RequestEvent refused)
    {
        if (IsEarly(refused))
        {
            KeepForLater(refused);
            return Task.CompletedTask;
        }

        return RecordAsync(Plan().Note(refused.Actor, TimelineAction.EventRefused, $"{refused.Kind} does not apply to a request {_state}."));
    }

    /// <summary>Whether an event the request cannot take now belongs to a step it has not reached yet (see <see cref="_early"/>).</summary>
    private bool IsEarly(RequestEvent requestEvent) => requestEvent.Kind switch
    {
        RequestEventKind.Milestone or RequestEventKind.InformationAnswer => true,
        RequestEventKind.CommitteeDecision => requestEvent.Decision?.Round > _round,
        _ => false,
    };

    /// <summary>Keeps an early event, to offer it again once the request has moved on.</summary>
    private void KeepForLater(RequestEvent requestEvent) => _early.Add((requestEvent, _step));
}

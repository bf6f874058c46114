using Microsoft.DurableTask;

namespace Partenariat.Workflow.Requests.Orchestration;

// What a request waits on: one external event name carries every event (RequestEvent), raced
// against the period's end and, while information is requested, the answer's due date. Each
// phase's loop waits for an event and ends at a state change; the API and the committee's handler
// raise only events valid in the request's current status, so a request's history stays in the
// tens of events and needs no ContinueAsNew.
internal sealed partial class RequestLife
{
    private Task<RequestEvent>? _nextEvent;
    private Task? _periodEnd;

    private bool HasPeriodEnded => _periodEnd is { IsCompleted: true, IsCanceled: false };

    /// <summary>The next event, or null when the period ended (or <paramref name="deadline"/> passed) first.</summary>
    private async Task<RequestEvent?> NextAsync(Task? deadline = null)
    {
        _nextEvent ??= context.WaitForExternalEvent<RequestEvent>(RequestEvent.Name);
        var waits = new List<Task> { _nextEvent };
        if (_periodEnd is { IsCanceled: false })
        {
            waits.Add(_periodEnd);
        }

        if (deadline is not null)
        {
            waits.Add(deadline);
        }

        var first = await Task.WhenAny(waits).ConfigureAwait(true);
        if (first != _nextEvent)
        {
            return null;
        }

        var received = await _nextEvent.ConfigureAwait(true);
        _nextEvent = null;
        return received;
    }

    /// <summary>Records that an event does not apply now; the request stays as it is.</summary>
    private Task RefuseAsync(RequestEvent refused) =>
        RecordAsync(Plan().Note(refused.Actor, TimelineAction.EventRefused, $"{refused.Kind} does not apply to a request {_state}."));
}

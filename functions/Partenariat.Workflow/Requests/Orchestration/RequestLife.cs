using Microsoft.DurableTask;
using Partenariat.Domain.Requests;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Requests.Activities;

namespace Partenariat.Workflow.Requests.Orchestration;

/// <summary>
/// One execution of a request's life: its status, its step counter, its committee round, the
/// event it waits for and the period's end. The process reads top-down in <see cref="LiveAsync"/>;
/// each phase is a partial file: Review (checks, reservation, waitlist), Committee (rounds and
/// information requests), Commitment, Disbursement (tranches, rights, closure), Endings
/// (withdrawal, rejection, cancellation, expiry, credit released) and Events (what it waits on).
/// </summary>
/// <remarks>
/// Timers are cancelled with the synchronous <c>Cancel()</c>: <c>CancelAsync()</c> runs the
/// cancellation callbacks on the thread pool, off the orchestration's thread, and the replay
/// then stalls.
/// </remarks>
internal sealed partial class RequestLife(TaskOrchestrationContext context, FinancingRequestInput input, PeriodTimers periodTimers)
{
    private const string System = "system";

    private static readonly TaskOptions Retries = TaskOptions.FromRetryPolicy(
        new RetryPolicy(5, TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));

    private readonly CancellationTokenSource _periodTimer = new();
    private RequestState _state = RequestState.Submitted;
    private int _step = 1; // step 1, the submission, is recorded by the API
    private int _round;
    private readonly HashSet<string> _decisionIds = new(StringComparer.Ordinal);

    // The request's position on its line as its last ledger operation left it, handed to the next
    // one (a point read less each; see PositionVersion). None before the first reservation.
    private PositionVersion? _position = PositionVersion.None;

    private RequestKey Key => input.Key;

    private DateTimeOffset Now => new(context.CurrentUtcDateTime, TimeSpan.Zero);

    private DateOnly Today => DateOnly.FromDateTime(context.CurrentUtcDateTime);

    /// <summary>The whole life: each phase returns whether the request goes on to the next one.</summary>
    /// <returns>The request's final status.</returns>
    public async Task<RequestState> LiveAsync()
    {
        if (periodTimers == PeriodTimers.AtStart)
        {
            _periodEnd = context.CreateTimer(input.ClosesAt.UtcDateTime, _periodTimer.Token);
        }

        try
        {
            if (await ReviewAndReserveAsync().ConfigureAwait(true)
                && await DecideAsync().ConfigureAwait(true) is { } approval
                && await CommitAsync(approval).ConfigureAwait(true) is { } schedule)
            {
                await DisburseAsync(approval, schedule).ConfigureAwait(true);
            }

            return _state;
        }
        catch (Exception failure)
        {
            // Public money is never left stuck: whatever the request held goes back to its line.
            await CompensateAsync(failure).ConfigureAwait(true);
            throw;
        }
        finally
        {
            _periodTimer.Cancel();
        }
    }

    /// <summary>Steps to plan from where the request stands now.</summary>
    private PlannedSteps Plan() => PlannedSteps.From(Now, _state, _step);

    /// <summary>Records <paramref name="steps"/> on their own, then moves the request to where they lead.</summary>
    private async Task RecordAsync(PlannedSteps steps)
    {
        await context.CallActivityAsync<bool>(nameof(RecordSteps), new RequestSteps(Key, steps.Steps), Retries).ConfigureAwait(true);
        Apply(steps);
    }

    /// <summary>The steps were recorded (by <see cref="RecordAsync"/>, or by the effect's activity that carried them): catch up.</summary>
    private void Apply(PlannedSteps steps)
    {
        _state = steps.State;
        _step = steps.Number;
    }
}

using Microsoft.DurableTask;
using Partenariat.Domain.Envelopes;
using Partenariat.Workflow.Envelopes;

namespace Partenariat.Workflow.Requests.Activities;

/// <summary>The input of <see cref="ReleaseCredit"/>.</summary>
/// <param name="Key">The request.</param>
/// <param name="On">The day of the release (the orchestration's clock).</param>
public sealed record CreditRelease(RequestKey Key, DateOnly On)
{
    /// <summary>The request's position as its last ledger operation left it (spares the position's read; see <see cref="PositionVersion"/>); null: read it.</summary>
    public PositionVersion? Position { get; init; }
}

/// <summary>
/// Releases what the request holds on its line (a reservation, the unpaid part of a commitment, or
/// its place on the waitlist); the reply names the waitlisted requests the freed credit can now
/// hold, oldest first, for the orchestration to wake.
/// </summary>
public sealed class ReleaseCredit(EnvelopeLedgerStore ledgers) : TaskActivity<CreditRelease, LedgerReply>
{
    /// <inheritdoc />
    public override async Task<LedgerReply> RunAsync(TaskActivityContext context, CreditRelease input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var requestId = input.Key.RequestId;
        var result = await ledgers.ApplyAsync(input.Key.Line, requestId, input.On,
            l => l.Find(requestId) is null ? new LedgerResult(LedgerOutcome.NotFound, l, $"Request '{requestId}' holds nothing on the line.") : l.Release(requestId), known: input.Position).ConfigureAwait(false);
        return LedgerReply.From(result);
    }
}

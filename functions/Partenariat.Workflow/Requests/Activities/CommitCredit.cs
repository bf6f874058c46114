using Microsoft.DurableTask;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Notifications;

namespace Partenariat.Workflow.Requests.Activities;

/// <summary>The input of <see cref="CommitCredit"/>.</summary>
/// <param name="Key">The request.</param>
/// <param name="Amount">The approved amount to commit.</param>
/// <param name="On">The day of the commitment (the orchestration's clock).</param>
/// <param name="Then">The steps to record once committed: the approval, with its decision, tranches and planned rights.</param>
public sealed record Commitment(RequestKey Key, decimal Amount, DateOnly On, IReadOnlyList<RequestStep> Then)
{
    /// <summary>The request's position as its last ledger operation left it (spares the position's read; see <see cref="PositionVersion"/>); null: read it.</summary>
    public PositionVersion? Position { get; init; }
}

/// <summary>
/// Commits the approved amount (the reservation becomes a commitment; a reduced amount frees the
/// difference, and the reply names the waitlisted requests it can now hold); then, only if the
/// commitment took effect, records the approval and its planned rights.
/// </summary>
public sealed class CommitCredit(EnvelopeLedgerStore ledgers, StepNotifier steps) : TaskActivity<Commitment, LedgerReply>
{
    /// <inheritdoc />
    public override async Task<LedgerReply> RunAsync(TaskActivityContext context, Commitment input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await ledgers.ApplyAsync(input.Key.Line, input.Key.RequestId, input.On, l => l.Commit(input.Key.RequestId, input.Amount, input.On), known: input.Position).ConfigureAwait(false);
        if (result.Succeeded)
        {
            await steps.RecordAsync(input.Key, input.Then).ConfigureAwait(false);
        }

        return LedgerReply.From(result);
    }
}

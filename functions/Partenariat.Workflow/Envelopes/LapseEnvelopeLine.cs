using Microsoft.DurableTask;
using Partenariat.Workflow.Conventions;

namespace Partenariat.Workflow.Envelopes;

/// <summary>The input of <see cref="LapseEnvelopeLine"/>.</summary>
/// <param name="Line">The envelope line.</param>
/// <param name="On">The day the orchestration asks for the lapse (its clock).</param>
public sealed record LineLapse(EnvelopeLineKey Line, DateOnly On);

/// <summary>
/// The period ended: every reservation of the line expires and its uncommitted remainder lapses (no
/// redeployment). The line lapses only once its convention's closing instant has passed, and then
/// as of the day after the period's last day: the closing instant (by default midnight Paris time,
/// i.e. still the last day in UTC; or configured earlier for a demonstration) is what closes the
/// period, and the domain ledger lapses a line only after the period's last day.
/// </summary>
public sealed class LapseEnvelopeLine(EnvelopeLedgerStore ledgers, ConventionDirectory conventions, TimeProvider timeProvider) : TaskActivity<LineLapse, LedgerReply>
{
    // A durable timer may fire up to about a second early on the Azure Storage provider (docs/operations.md).
    private static readonly TimeSpan MaxTimerEarliness = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public override async Task<LedgerReply> RunAsync(TaskActivityContext context, LineLapse input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var convention = conventions.Catalog.Find(input.Line.ConventionId)
            ?? throw new InvalidOperationException($"No convention '{input.Line.ConventionId}'.");
        var closesAt = conventions.ClosesAt(convention);
        var early = closesAt - timeProvider.GetUtcNow();
        if (early > MaxTimerEarliness)
        {
            return new LedgerReply(Domain.Envelopes.LedgerOutcome.OutsidePeriod, $"The period closes at {closesAt:O}: the line does not lapse before.", 0m);
        }

        if (early > TimeSpan.Zero)
        {
            // The timer fired a little early: wait for the instant itself.
            await Task.Delay(early, timeProvider).ConfigureAwait(false);
        }

        var asOf = convention.Period.End.AddDays(1) is var dayAfter && dayAfter > input.On ? dayAfter : input.On;
        var result = await ledgers.ApplyAsync(input.Line, requestId: null, asOf, l => l.Lapse(asOf)).ConfigureAwait(false);
        return LedgerReply.From(result);
    }
}

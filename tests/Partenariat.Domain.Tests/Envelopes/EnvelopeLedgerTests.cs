using System.Collections.Immutable;
using Partenariat.Domain.Common;
using Partenariat.Domain.Conventions;
using Partenariat.Domain.Envelopes;

namespace Partenariat.Domain.Tests.Envelopes;

public sealed class EnvelopeLedgerTests
{
    private static readonly DatePeriod Period = new(new DateOnly(2020, 1, 1), new DateOnly(2022, 12, 31));
    private static readonly DateOnly InPeriod = new(2021, 6, 1);
    private static readonly DateOnly AfterPeriod = new(2023, 1, 1);

    private static EnvelopeLedger NewLedger(decimal amount = 1_000m) => EnvelopeLedger.Open(new EnvelopeLine("line", "Line", amount), Period);

    private static EnvelopeLedger Applied(LedgerResult result)
    {
        Assert.Equal(LedgerOutcome.Applied, result.Outcome);
        Assert.Null(result.Reason);
        return result.Ledger;
    }

    [Fact]
    public void Open_SeededConventionLine_StartsWithPlannedAsRemaining()
    {
        var convention = ConventionCatalog.Default.Find(ConventionIds.Amendment2020To2022)!;

        var ledger = EnvelopeLedger.Open(convention, EnvelopeLineIds.HousingProduction);

        Assert.Equal((15_000_000m, 0m, 0m, 0m, 15_000_000m, 0m), (ledger.Planned, ledger.Reserved, ledger.Committed, ledger.Disbursed, ledger.Remaining, ledger.Lapsed));
        Assert.Equal(convention.Period, ledger.Period);
        Assert.False(ledger.IsLapsed);
    }

    [Fact]
    public void Open_UnknownLine_Throws()
        => Assert.Throws<ArgumentException>(() => EnvelopeLedger.Open(ConventionCatalog.Default.Conventions[0], "nope"));

    [Fact]
    public void Reserve_Fits_ReducesRemaining()
    {
        var ledger = Applied(NewLedger().Reserve("r1", 400m, InPeriod));

        Assert.Equal((400m, 600m), (ledger.Reserved, ledger.Remaining));
        Assert.Equal(LedgerPositionStatus.Reserved, ledger.Find("r1")!.Status);
    }

    [Fact]
    public void Reserve_ExactlyTheRemainder_IsAccepted()
    {
        var ledger = Applied(NewLedger().Reserve("r1", 1_000m, InPeriod));

        Assert.Equal(0m, ledger.Remaining);
    }

    [Fact]
    public void Reserve_DoesNotFit_RefusedWithInsufficientCreditAndLedgerUnchanged()
    {
        var ledger = Applied(NewLedger().Reserve("r1", 700m, InPeriod));

        var result = ledger.Reserve("r2", 301m, InPeriod);

        Assert.Equal(LedgerOutcome.InsufficientCredit, result.Outcome);
        Assert.False(result.Succeeded);
        Assert.Same(ledger, result.Ledger);
        Assert.Contains("300.00 €", result.Reason, StringComparison.Ordinal);
        Assert.Null(result.Ledger.Find("r2"));
    }

    [Fact]
    public void Reserve_SameRequestTwice_DoesNotDoubleCount()
    {
        var ledger = Applied(NewLedger().Reserve("r1", 400m, InPeriod));

        var again = ledger.Reserve("r1", 400m, InPeriod);

        Assert.Equal(LedgerOutcome.AlreadyApplied, again.Outcome);
        Assert.True(again.Succeeded);
        Assert.Equal(400m, again.Ledger.Reserved);
    }

    [Fact]
    public void Reserve_SameRequestOtherAmount_Conflict()
    {
        var ledger = Applied(NewLedger().Reserve("r1", 400m, InPeriod));

        Assert.Equal(LedgerOutcome.Conflict, ledger.Reserve("r1", 500m, InPeriod).Outcome);
    }

    [Fact]
    public void Reserve_AgainAfterTheRequestWasCommitted_AlreadyAppliedAndNothingChanges()
    {
        var ledger = Applied(Applied(NewLedger().Reserve("r1", 400m, InPeriod)).Commit("r1", 300m, InPeriod));

        var again = ledger.Reserve("r1", 400m, InPeriod);

        Assert.Equal(LedgerOutcome.AlreadyApplied, again.Outcome);
        Assert.Same(ledger, again.Ledger);
        Assert.Equal((0m, 300m, LedgerPositionStatus.Committed), (again.Ledger.Reserved, again.Ledger.Committed, again.Ledger.Find("r1")!.Status));
    }

    [Fact]
    public void Reserve_AgainAfterTheRequestWasReleased_Conflict()
    {
        var ledger = Applied(Applied(NewLedger().Reserve("r1", 400m, InPeriod)).Release("r1"));

        Assert.Equal(LedgerOutcome.Conflict, ledger.Reserve("r1", 400m, InPeriod).Outcome);
    }

    [Fact]
    public void Reserve_OutsidePeriod_Refused()
    {
        Assert.Equal(LedgerOutcome.OutsidePeriod, NewLedger().Reserve("r1", 1m, new DateOnly(2019, 12, 31)).Outcome);
        Assert.Equal(LedgerOutcome.OutsidePeriod, NewLedger().Reserve("r1", 1m, AfterPeriod).Outcome);
    }

    [Fact]
    public void Reserve_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NewLedger().Reserve("r1", 0m, InPeriod));
        Assert.Throws<ArgumentOutOfRangeException>(() => NewLedger().Reserve("r1", -1m, InPeriod));
        Assert.Throws<ArgumentException>(() => NewLedger().Reserve(" ", 1m, InPeriod));
        Assert.Throws<ArgumentNullException>(() => NewLedger().Reserve(null!, 1m, InPeriod));
    }

    [Fact]
    public void Release_Reservation_FreesCredit()
    {
        var ledger = Applied(NewLedger().Reserve("r1", 1_000m, InPeriod));
        Assert.Equal(LedgerOutcome.InsufficientCredit, ledger.Reserve("r2", 100m, InPeriod).Outcome);

        ledger = Applied(ledger.Release("r1"));

        Assert.Equal((0m, 1_000m), (ledger.Reserved, ledger.Remaining));
        Assert.Equal(LedgerPositionStatus.Released, ledger.Find("r1")!.Status);
        Assert.Equal(LedgerOutcome.Applied, ledger.Reserve("r2", 100m, InPeriod).Outcome);
    }

    [Fact]
    public void Release_Twice_IsIdempotent()
    {
        var ledger = Applied(Applied(NewLedger().Reserve("r1", 300m, InPeriod)).Release("r1"));

        var again = ledger.Release("r1");

        Assert.Equal(LedgerOutcome.AlreadyApplied, again.Outcome);
        Assert.Equal(1_000m, again.Ledger.Remaining);
    }

    [Fact]
    public void Release_UnknownRequest_NotFound() => Assert.Equal(LedgerOutcome.NotFound, NewLedger().Release("r1").Outcome);

    [Fact]
    public void Commit_Reservation_MovesItToCommitted()
    {
        var ledger = Applied(Applied(NewLedger().Reserve("r1", 400m, InPeriod)).Commit("r1", 400m, InPeriod));

        Assert.Equal((0m, 400m, 600m), (ledger.Reserved, ledger.Committed, ledger.Remaining));
        Assert.Equal(LedgerPositionStatus.Committed, ledger.Find("r1")!.Status);
    }

    [Fact]
    public void Commit_ReducedAmount_FreesTheDifference()
    {
        var ledger = Applied(Applied(NewLedger().Reserve("r1", 400m, InPeriod)).Commit("r1", 250m, InPeriod));

        Assert.Equal((250m, 750m), (ledger.Committed, ledger.Remaining));
    }

    [Fact]
    public void Commit_MoreThanReservedWithinRemaining_Accepted()
    {
        var ledger = Applied(Applied(NewLedger().Reserve("r1", 400m, InPeriod)).Commit("r1", 1_000m, InPeriod));

        Assert.Equal((1_000m, 0m), (ledger.Committed, ledger.Remaining));
    }

    [Fact]
    public void Commit_MoreThanReservedBeyondRemaining_InsufficientCredit()
    {
        var ledger = Applied(Applied(NewLedger().Reserve("r1", 400m, InPeriod)).Reserve("r2", 500m, InPeriod));

        var result = ledger.Commit("r1", 501m, InPeriod);

        Assert.Equal(LedgerOutcome.InsufficientCredit, result.Outcome);
        Assert.Equal(900m, result.Ledger.Reserved + result.Ledger.Committed);
    }

    [Fact]
    public void Commit_Twice_IsIdempotentAndOtherAmountConflicts()
    {
        var ledger = Applied(Applied(NewLedger().Reserve("r1", 400m, InPeriod)).Commit("r1", 400m, InPeriod));

        Assert.Equal(LedgerOutcome.AlreadyApplied, ledger.Commit("r1", 400m, InPeriod).Outcome);
        Assert.Equal(400m, ledger.Commit("r1", 400m, InPeriod).Ledger.Committed);
        Assert.Equal(LedgerOutcome.Conflict, ledger.Commit("r1", 300m, InPeriod).Outcome);
    }

    [Fact]
    public void Commit_WithoutReservation_NotFound()
    {
        Assert.Equal(LedgerOutcome.NotFound, NewLedger().Commit("r1", 1m, InPeriod).Outcome);
        var released = Applied(Applied(NewLedger().Reserve("r1", 5m, InPeriod)).Release("r1"));
        Assert.Equal(LedgerOutcome.NotFound, released.Commit("r1", 5m, InPeriod).Outcome);
    }

    [Fact]
    public void Commit_AfterPeriodEnd_OutsidePeriod()
    {
        var ledger = Applied(NewLedger().Reserve("r1", 400m, InPeriod));

        Assert.Equal(LedgerOutcome.OutsidePeriod, ledger.Commit("r1", 400m, AfterPeriod).Outcome);
    }

    [Fact]
    public void Disburse_WithinCommitment_Recorded()
    {
        var ledger = Applied(Applied(NewLedger().Reserve("r1", 400m, InPeriod)).Commit("r1", 400m, InPeriod));

        ledger = Applied(ledger.Disburse("r1", "t1", 200m));

        Assert.Equal((400m, 200m), (ledger.Committed, ledger.Disbursed));
        Assert.Equal(200m, ledger.Find("r1")!.Disbursements["t1"]);
    }

    [Fact]
    public void Disburse_SameIdTwice_NotDoubleCountedAndOtherAmountConflicts()
    {
        var ledger = Applied(Applied(Applied(NewLedger().Reserve("r1", 400m, InPeriod)).Commit("r1", 400m, InPeriod)).Disburse("r1", "t1", 200m));

        Assert.Equal(LedgerOutcome.AlreadyApplied, ledger.Disburse("r1", "t1", 200m).Outcome);
        Assert.Equal(200m, ledger.Disburse("r1", "t1", 200m).Ledger.Disbursed);
        Assert.Equal(LedgerOutcome.Conflict, ledger.Disburse("r1", "t1", 100m).Outcome);
    }

    [Fact]
    public void Disburse_BeyondCommitment_Refused()
    {
        var ledger = Applied(Applied(Applied(NewLedger().Reserve("r1", 400m, InPeriod)).Commit("r1", 400m, InPeriod)).Disburse("r1", "t1", 200m));

        var result = ledger.Disburse("r1", "t2", 200.01m);

        Assert.Equal(LedgerOutcome.ExceedsCommitment, result.Outcome);
        Assert.Equal(200m, result.Ledger.Disbursed);
    }

    [Fact]
    public void Disburse_OnReservationOnly_Refused()
    {
        var ledger = Applied(NewLedger().Reserve("r1", 400m, InPeriod));

        Assert.Equal(LedgerOutcome.NotFound, ledger.Disburse("r1", "t1", 100m).Outcome);
        Assert.Equal(LedgerOutcome.NotFound, NewLedger().Disburse("r9", "t1", 100m).Outcome);
    }

    [Fact]
    public void Release_PartlyDisbursedCommitment_FreesOnlyTheUnpaidPartAndKeepsPaidForRecovery()
    {
        var ledger = Applied(Applied(Applied(NewLedger().Reserve("r1", 400m, InPeriod)).Commit("r1", 400m, InPeriod)).Disburse("r1", "t1", 150m));

        ledger = Applied(ledger.Release("r1"));

        var position = ledger.Find("r1")!;
        Assert.Equal((LedgerPositionStatus.Released, 150m, 150m), (position.Status, position.Committed, position.Disbursed));
        Assert.Equal(850m, ledger.Remaining);
        Assert.Equal(LedgerOutcome.NotFound, ledger.Disburse("r1", "t2", 1m).Outcome);
    }

    [Fact]
    public void Lapse_BeforePeriodEnd_Refused()
    {
        var result = NewLedger().Lapse(Period.End);

        Assert.Equal(LedgerOutcome.OutsidePeriod, result.Outcome);
        Assert.False(result.Ledger.IsLapsed);
    }

    [Fact]
    public void Lapse_AfterPeriodEnd_ExpiresReservationsAndLapsesUncommittedRemainder()
    {
        var ledger = NewLedger();
        ledger = Applied(ledger.Reserve("committed", 300m, InPeriod));
        ledger = Applied(ledger.Commit("committed", 300m, InPeriod));
        ledger = Applied(ledger.Reserve("pending", 200m, InPeriod));

        ledger = Applied(ledger.Lapse(AfterPeriod));

        Assert.True(ledger.IsLapsed);
        Assert.Equal((0m, 300m, 0m, 700m), (ledger.Reserved, ledger.Committed, ledger.Remaining, ledger.Lapsed));
        Assert.Equal(["pending"], ledger.RequestIdsWith(LedgerPositionStatus.Expired));
        Assert.Equal(["committed"], ledger.RequestIdsWith(LedgerPositionStatus.Committed));
    }

    [Fact]
    public void Lapse_Twice_IsIdempotent()
    {
        var ledger = Applied(NewLedger().Lapse(AfterPeriod));

        var again = ledger.Lapse(AfterPeriod.AddDays(10));

        Assert.Equal(LedgerOutcome.AlreadyApplied, again.Outcome);
        Assert.Equal(1_000m, again.Ledger.Lapsed);
    }

    [Fact]
    public void Reserve_AfterLapse_RefusedNoRedeployment()
    {
        var ledger = Applied(NewLedger().Lapse(AfterPeriod));

        var result = ledger.Reserve("r1", 1m, InPeriod);

        Assert.Equal(LedgerOutcome.LineLapsed, result.Outcome);
        Assert.Contains("no redeployment", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_AfterLapse_RefusedEvenForAnExpiredReservation()
    {
        var ledger = Applied(Applied(NewLedger().Reserve("r1", 100m, InPeriod)).Lapse(AfterPeriod));

        Assert.Equal(LedgerOutcome.LineLapsed, ledger.Commit("r1", 100m, InPeriod).Outcome);
    }

    [Fact]
    public void Disburse_AfterLapse_StillPaysExistingCommitments()
    {
        var ledger = Applied(Applied(Applied(NewLedger().Reserve("r1", 100m, InPeriod)).Commit("r1", 100m, InPeriod)).Lapse(AfterPeriod));

        ledger = Applied(ledger.Disburse("r1", "t1", 100m));

        Assert.Equal(100m, ledger.Disbursed);
    }

    [Fact]
    public void Release_CommitmentAfterLapse_FreedCreditLapsesToo()
    {
        var ledger = Applied(Applied(Applied(NewLedger().Reserve("r1", 100m, InPeriod)).Commit("r1", 100m, InPeriod)).Lapse(AfterPeriod));

        ledger = Applied(ledger.Release("r1"));

        Assert.Equal((0m, 0m, 1_000m), (ledger.Committed, ledger.Remaining, ledger.Lapsed));
    }

    [Fact]
    public void Restore_StoredPositions_RebuildsTheSameTotals()
    {
        var ledger = Applied(Applied(Applied(NewLedger().Reserve("r1", 100m, InPeriod)).Commit("r1", 100m, InPeriod)).Reserve("r2", 50m, InPeriod));

        var restored = EnvelopeLedger.Restore(ledger.Line, ledger.Period, ledger.PositionsByRequest.Values, ledger.IsLapsed, ledger.Lapsed);

        Assert.Equal((ledger.Reserved, ledger.Committed, ledger.Remaining), (restored.Reserved, restored.Committed, restored.Remaining));
        Assert.Equal(LedgerOutcome.AlreadyApplied, restored.Reserve("r2", 50m, InPeriod).Outcome);
    }

    [Fact]
    public void Restore_LapsedLedger_KeepsLapseAndRefusesReservations()
    {
        var ledger = Applied(Applied(Applied(NewLedger().Reserve("r1", 100m, InPeriod)).Commit("r1", 100m, InPeriod)).Lapse(AfterPeriod));

        var restored = EnvelopeLedger.Restore(ledger.Line, ledger.Period, ledger.PositionsByRequest.Values, ledger.IsLapsed, ledger.Lapsed);

        Assert.Equal((true, 900m, 100m), (restored.IsLapsed, restored.Lapsed, restored.Committed));
        Assert.Equal(LedgerOutcome.LineLapsed, restored.Reserve("r2", 1m, InPeriod).Outcome);
        Assert.Throws<ArgumentException>(() => EnvelopeLedger.Restore(ledger.Line, ledger.Period, ledger.PositionsByRequest.Values, true, 800m));
    }

    [Fact]
    public void Restore_PositionsBeyondTheLine_Throws()
    {
        var empty = ImmutableDictionary<string, decimal>.Empty;
        LedgerPosition[] positions = [new("r1", LedgerPositionStatus.Reserved, 600m, 0m, 0m, empty), new("r2", LedgerPositionStatus.Reserved, 600m, 0m, 0m, empty)];

        Assert.Throws<ArgumentException>(() => EnvelopeLedger.Restore(new EnvelopeLine("line", "Line", 1_000m), Period, positions, false, 0m));
    }

    [Fact]
    public void Restore_InconsistentPosition_Throws()
    {
        var empty = ImmutableDictionary<string, decimal>.Empty;
        LedgerPosition[] positions = [new("r1", LedgerPositionStatus.Committed, 0m, 100m, 200m, empty)];

        Assert.Throws<ArgumentException>(() => EnvelopeLedger.Restore(new EnvelopeLine("line", "Line", 1_000m), Period, positions, false, 0m));
    }

    [Fact]
    public void Operations_ManyRandomSequences_NeverOverCommitKeepTheBalanceAndTheTotals()
    {
        var random = new Random(20_201_217);
        for (var run = 0; run < 200; run++)
        {
            var ledger = NewLedger(random.Next(1, 5_000));
            for (var step = 0; step < 60; step++)
            {
                var requestId = $"r{random.Next(12)}";
                var amount = random.Next(1, 1_500);
                var (sameAmount, disbursementId, disbursed) = (random.Next(2) == 0, $"d{random.Next(4)}", random.Next(1, 600));
                Func<EnvelopeLedger, LedgerResult> operation = random.Next(7) switch
                {
                    0 => l => l.Reserve(requestId, amount, InPeriod),
                    1 => l => l.ReserveOrWaitlist(requestId, l.Find(requestId) is { Waiting: > 0m } w ? w.Waiting : amount, InPeriod),
                    2 => l => l.Commit(requestId, sameAmount && l.Find(requestId) is { Reserved: > 0m } p ? p.Reserved : amount, InPeriod),
                    3 => l => l.Release(requestId),
                    4 => l => l.Disburse(requestId, disbursementId, disbursed),
                    _ => step > 45 ? l => l.Lapse(AfterPeriod) : l => l.ReserveOrWaitlist(requestId, amount, InPeriod),
                };
                var result = operation(ledger);

                // What a store does: the line's totals and the one position read give the same outcome.
                var known = ledger.Find(requestId) is { } position ? [position] : Array.Empty<LedgerPosition>();
                var bounded = operation(EnvelopeLedger.Restore(ledger.Line, ledger.Period, ledger.Totals, known));
                Assert.Equal((result.Outcome, result.Ledger.Totals, result.Movement), (bounded.Outcome, bounded.Ledger.Totals, bounded.Movement));

                if (result.Movement is null)
                {
                    Assert.Same(ledger, result.Ledger);
                }

                ledger = result.Ledger;
                Assert.Empty(ledger.Verify(ledger.PositionsByRequest.Values));
                Assert.True(ledger.Reserved + ledger.Committed <= ledger.Planned);
                Assert.True(ledger.Disbursed <= ledger.Committed);
                Assert.Equal(ledger.Planned, ledger.Reserved + ledger.Committed + ledger.Remaining + ledger.Lapsed);
                Assert.True(ledger.Remaining >= 0 && ledger.Lapsed >= 0);
            }
        }
    }

    [Fact]
    public void ReserveOrWaitlist_LineFull_WaitlistsHoldingNoCreditThenReservesOnceThereIsRoom()
    {
        var full = Applied(NewLedger().Reserve("r1", 800m, InPeriod));

        var waiting = full.ReserveOrWaitlist("r2", 300m, InPeriod);
        var again = waiting.Ledger.ReserveOrWaitlist("r2", 300m, InPeriod);
        var released = Applied(again.Ledger.Release("r1"));
        var reserved = released.ReserveOrWaitlist("r2", 300m, InPeriod);

        Assert.Equal((LedgerOutcome.Waitlisted, LedgerMovementKind.Waitlisted), (waiting.Outcome, waiting.Movement?.Kind));
        Assert.Equal((800m, 1, 300m), (waiting.Ledger.Reserved, waiting.Ledger.Totals.WaitlistedRequests, waiting.Ledger.Find("r2")!.Waiting));
        Assert.Equal(LedgerOutcome.Waitlisted, again.Outcome);
        Assert.Same(waiting.Ledger, again.Ledger);
        Assert.Equal((LedgerOutcome.Applied, 300m, 0), (reserved.Outcome, reserved.Ledger.Reserved, reserved.Ledger.Totals.WaitlistedRequests));
    }

    [Fact]
    public void Release_WaitlistedRequest_LeavesTheWaitlistFreeingNothing()
    {
        var waiting = NewLedger(100m).ReserveOrWaitlist("r1", 300m, InPeriod).Ledger;

        var result = waiting.Release("r1");

        Assert.Equal((LedgerOutcome.Applied, 0m, 0, 100m), (result.Outcome, result.Movement!.Freed, result.Ledger.Totals.WaitlistedRequests, result.Ledger.Remaining));
        Assert.Equal(LedgerPositionStatus.Released, result.Ledger.Find("r1")!.Status);
    }

    [Fact]
    public void Commit_ReducedAmount_ItsMovementSaysWhatWasFreed()
    {
        var reserved = Applied(NewLedger().Reserve("r1", 500m, InPeriod));

        var result = reserved.Commit("r1", 400m, InPeriod);

        Assert.Equal((LedgerMovementKind.Committed, 400m, 100m, 600m), (result.Movement!.Kind, result.Movement.Amount, result.Movement.Freed, result.Ledger.Remaining));
    }

    [Fact]
    public void Lapse_TotalsAndOneStoredReservation_ChangesTheTotalsOnlyAndTheReservationReadsExpired()
    {
        var ledger = Applied(Applied(Applied(NewLedger().Reserve("pending", 200m, InPeriod)).Reserve("committed", 300m, InPeriod)).Commit("committed", 300m, InPeriod));
        var stored = ledger.Find("pending")!;

        var lapsed = Applied(EnvelopeLedger.Restore(ledger.Line, ledger.Period, ledger.Totals, []).Lapse(AfterPeriod));
        var read = EnvelopeLedger.Restore(ledger.Line, ledger.Period, lapsed.Totals, [stored]);

        Assert.Equal((0m, 300m, 700m, 0), (lapsed.Reserved, lapsed.Committed, lapsed.Lapsed, lapsed.Totals.ReservedRequests));
        Assert.Equal((LedgerPositionStatus.Expired, 0m), (read.Find("pending")!.Status, read.Find("pending")!.Reserved));
        Assert.Equal(LedgerOutcome.AlreadyApplied, read.Release("pending").Outcome);
    }

    [Fact]
    public void Verify_TotalsThatDisagreeWithThePositions_NamesEachDifference()
    {
        var ledger = Applied(Applied(NewLedger().Reserve("r1", 200m, InPeriod)).Reserve("r2", 300m, InPeriod));
        var tampered = EnvelopeLedger.Restore(ledger.Line, ledger.Period, ledger.Totals with { Reserved = 400m, ReservedRequests = 1 }, []);

        var problems = tampered.Verify(ledger.PositionsByRequest.Values);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("reserved is 400", StringComparison.Ordinal) && p.Contains("500", StringComparison.Ordinal));
        Assert.Empty(ledger.Verify(ledger.PositionsByRequest.Values));
    }

    [Fact]
    public void HeadsThatFit_Waitlist_WakesInOrderUntilTheFirstThatDoesNotFit()
    {
        var ledger = Applied(NewLedger().Reserve("r0", 400m, InPeriod)); // 600 left

        var heads = ledger.HeadsThatFit([("a", 200m), ("b", 300m), ("c", 200m), ("d", 50m)]);

        Assert.Equal(["a", "b"], heads);
    }
}

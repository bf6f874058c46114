using Partenariat.Domain.Committee;
using Partenariat.Domain.Conventions;
using Partenariat.Domain.Decisions;
using Partenariat.Domain.Disbursements;
using Partenariat.Domain.Envelopes;
using Partenariat.Domain.Landlords;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;

namespace Partenariat.Domain.Tests.NonDiscrimination;

/// <summary>
/// CCH art. L.313-17-3: a capital link between the Action Logement group and the beneficiary must never
/// be a selection criterion. Over many generated requests (fixed seed, so failures replay), flipping
/// <see cref="FinancingRequest.CapitalLinkWithActionLogement"/> changes no validation, ranking, envelope or
/// decision outcome.
/// </summary>
public sealed class CapitalLinkNonDiscriminationTests
{
    private const int Seed = 31_317;
    private const int Count = 400;

    private static readonly DateOnly AsOf = new(2021, 6, 1);

    private static readonly string[] Municipalities =
        ["Dijon", "chenove", "Chenôve", "Longvic", "Talant", "Quetigny", "Ahuy", "Saint-Apollinaire", "Crimolois", "Marsannay-la-Côte", "Paris", ""];

    private static readonly string?[] Districts =
        [null, null, null, "Le Mail", "Fontaine d'Ouche", "Grésilles", "Bief du Moulin", "Belvédère", "Guynemer", "Centre-Ville", "Nowhere"];

    private static readonly string[] Sirens = ["552100554", "824581623", "824541148", "123456789", "12345"];

    [Fact]
    public void Validate_FlippingCapitalLink_NeverChangesTheReport()
    {
        var validCount = 0;
        foreach (var request in Generate(new Random(Seed)))
        {
            foreach (var stage in Enum.GetValues<ValidationStage>())
            {
                var with = FinancingRequestValidator.Default.Validate(request with { CapitalLinkWithActionLogement = true }, stage, AsOf);
                var without = FinancingRequestValidator.Default.Validate(request with { CapitalLinkWithActionLogement = false }, stage, AsOf);

                Assert.Equal(without.Errors, with.Errors);
                validCount += without.IsValid ? 1 : 0;
            }
        }

        Assert.InRange(validCount, 1, (Count * 2) - 1);
    }

    [Fact]
    public void Rank_FlippingCapitalLinks_NeverChangesTheOrder()
    {
        var random = new Random(Seed);
        var requests = Generate(random).ToArray();
        var flipped = requests.Select(r => r with { CapitalLinkWithActionLogement = !r.CapitalLinkWithActionLogement }).ToArray();
        var allLinked = requests.Select(r => r with { CapitalLinkWithActionLogement = true }).ToArray();

        var baseline = Fingerprint(CommitteeQueueRanking.Default.Rank(requests));
        Assert.Equal(4, CommitteeQueueRanking.Default.Rank(requests).Select(r => r.Tier).Distinct().Count());

        Assert.Equal(baseline, Fingerprint(CommitteeQueueRanking.Default.Rank(flipped)));
        Assert.Equal(baseline, Fingerprint(CommitteeQueueRanking.Default.Rank(allLinked)));
        Assert.Equal(baseline, Fingerprint(CommitteeQueueRanking.Default.Rank(Shuffle(flipped, random))));
    }

    [Fact]
    public void Envelope_FlippingCapitalLinks_NeverChangesWhoGetsCredit()
    {
        var random = new Random(Seed);
        var requests = Generate(random).ToArray();
        var flipped = requests.Select(r => r with { CapitalLinkWithActionLogement = random.Next(2) == 0 }).ToArray();

        var baseline = RunEnvelope(requests);

        Assert.Equal(baseline, RunEnvelope(flipped));
        Assert.Contains(baseline, l => l.EndsWith(" invalid", StringComparison.Ordinal));
        Assert.Contains(baseline, l => l.EndsWith($" {LedgerOutcome.Applied}", StringComparison.Ordinal));
        Assert.Contains(baseline, l => l.EndsWith($" {LedgerOutcome.InsufficientCredit}", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_FlippingCapitalLink_NeverChangesTheDecisionOrItsConsequences()
    {
        var random = new Random(Seed);
        var outcomes = new List<string>();
        foreach (var request in Generate(random))
        {
            var rejected = random.Next(3) == 0;
            var sloppy = random.Next(4) == 0;
            var input = new GrantDecisionInput
            {
                RequestId = random.Next(10) == 0 ? "someone-else" : request.RequestId,
                Outcome = rejected ? DecisionOutcome.Rejected : DecisionOutcome.Approved,
                ApprovedAmount = rejected && !sloppy ? null : decimal.Round(request.RequestedTotal * (decimal)random.NextDouble() * 1.2m, 2),
                Reason = rejected == !sloppy ? "Hors directive" : null,
                RightsCount = rejected && !sloppy ? 0 : random.Next(-1, 50),
                RightsKind = random.Next(2) == 0 ? ReservationRightKind.SingleRight : ReservationRightKind.RecurringRight,
                RightsDurationYears = random.Next(0, 70),
                Reviewer = "Comité",
                DecidedOn = AsOf.AddDays(random.Next(-60, 200)),
            };

            var outcome = Decide(input, request with { CapitalLinkWithActionLogement = false });
            Assert.Equal(outcome, Decide(input, request with { CapitalLinkWithActionLogement = true }));
            outcomes.Add(outcome);
        }

        Assert.Contains(outcomes, o => o.StartsWith(nameof(DecisionOutcome.Approved), StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.StartsWith(nameof(DecisionOutcome.Rejected), StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.StartsWith("ValidationError", StringComparison.Ordinal));
    }

    private static string Decide(GrantDecisionInput input, FinancingRequest request)
    {
        var result = GrantDecision.Create(input, request);
        if (!result.IsSuccess)
        {
            return string.Join("|", result.Errors);
        }

        var decision = result.Value;
        var tranches = decision.Outcome == DecisionOutcome.Approved
            ? string.Join(",", DisbursementSchedule.ForDecision(decision, TrancheSchedulePolicy.Default).Tranches)
            : "none";
        return $"{decision.Outcome} {decision.ApprovedAmount} {decision.Rights} {tranches} {ReservationRightsPolicy.Default.ProposeCount(decision.ApprovedAmount)}";
    }

    private static IReadOnlyList<string> RunEnvelope(IReadOnlyList<FinancingRequest> requests)
    {
        var ledger = EnvelopeLedger.Open(ConventionCatalog.Default.Find(ConventionIds.Amendment2020To2022)!, EnvelopeLineIds.HousingProduction);
        var log = new List<string>();
        foreach (var ranked in CommitteeQueueRanking.Default.Rank(requests))
        {
            var request = ranked.Request;
            if (!FinancingRequestValidator.Default.Validate(request, ValidationStage.Committee, AsOf).IsValid)
            {
                log.Add($"{request.RequestId} invalid");
                continue;
            }

            var reserved = ledger.Reserve(request.RequestId!, request.RequestedTotal, AsOf);
            ledger = reserved.Ledger;
            log.Add($"{request.RequestId} {reserved.Outcome}");
            if (reserved.Succeeded && ranked.Position % 3 == 0)
            {
                ledger = ledger.Commit(request.RequestId!, request.RequestedTotal, AsOf).Ledger;
            }
        }

        ledger = ledger.Lapse(new DateOnly(2023, 1, 1)).Ledger;
        log.Add($"{ledger.Committed} {ledger.Lapsed} {string.Join(",", ledger.RequestIdsWith(LedgerPositionStatus.Expired))}");
        return log;
    }

    private static IReadOnlyList<string> Fingerprint(IReadOnlyList<RankedRequest> ranked)
        => ranked.Select(r => $"{r.Position}:{r.Request.RequestId}:{r.Tier}").ToArray();

    private static FinancingRequest[] Shuffle(FinancingRequest[] requests, Random random)
    {
        var copy = requests.ToArray();
        random.Shuffle(copy);
        return copy;
    }

    private static IEnumerable<FinancingRequest> Generate(Random random)
    {
        for (var i = 0; i < Count; i++)
        {
            var cost = random.Next(100_000, 20_000_000);
            var requested = random.Next(1_000, Math.Min(cost, 3_000_000));
            var loan = random.Next(0, requested);
            var lines = new List<RequestedLine>();
            if (loan > 0)
            {
                lines.Add(new RequestedLine { Kind = random.Next(2) == 0 ? FundingKind.Loan : FundingKind.ConcessionalLoan, Amount = loan, LoanDurationYears = random.Next(0, 65) });
            }

            lines.Add(new RequestedLine { Kind = FundingKind.Grant, Amount = requested - loan });
            var planGap = random.Next(8) == 0 ? random.Next(-5, 5) : 0;
            var start = new DateOnly(2021, 1, 1).AddDays(random.Next(0, 700));
            yield return new FinancingRequest
            {
                RequestId = $"req-{i:D4}",
                Landlord = new LandlordDetails { Name = $"Bailleur {random.Next(20)}", Siren = Sirens[random.Next(Sirens.Length)], Kind = (LandlordKind)random.Next(6) },
                Operation = new HousingOperation
                {
                    Name = $"Opération {i}",
                    Municipality = Municipalities[random.Next(Municipalities.Length)],
                    District = Districts[random.Next(Districts.Length)],
                    IsNpnru = random.Next(6) == 0,
                    Kind = (OperationKind)random.Next(4),
                    Dwellings = new DwellingMix { Plai = random.Next(-1, 20), Plus = random.Next(0, 40), Pls = random.Next(0, 5), Li = random.Next(0, 10), CollectiveStructure = random.Next(0, 3) },
                    TotalCostExcludingTax = cost,
                    FinancingPlan = [new FinancingSource { Name = "Prêts", Amount = cost - requested + planGap }, new FinancingSource { Name = "Action Logement", Amount = requested }],
                    StateApprovalReference = random.Next(4) == 0 ? null : $"AGR-{i}",
                    PlannedWorksStart = start,
                    PlannedCompletion = start.AddDays(random.Next(-30, 900)),
                },
                RequestedLines = lines,
                ConventionId = ConventionIds.Amendment2020To2022,
                EnvelopeLineId = EnvelopeLineIds.HousingProduction,
                CapitalLinkWithActionLogement = random.Next(2) == 0,
                SubmittedAt = new DateTimeOffset(2021, 1, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 500_000)),
            };
        }
    }
}

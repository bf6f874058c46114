using Partenariat.Domain.Conventions;
using Partenariat.Domain.Envelopes;
using Partenariat.Domain.Reports;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;
using Partenariat.Domain.Territory;

namespace Partenariat.Domain.Tests.Reports;

/// <summary>The steering committee's report computed from a period's requests and ledgers: sums, groups, ages, expiries, the forecast.</summary>
public sealed class SteeringReportsTests
{
    private static readonly Convention Amendment = ConventionCatalog.Default.Find(ConventionIds.Amendment2020To2022)!;
    private static readonly DateOnly AsOf = new(2021, 6, 30);
    private static readonly MetropolitanTerritory Territory = MetropolitanTerritory.DijonMetropole;

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Build_GeneratedRequests_SectionsAddUpToTheRequests(int seed)
    {
        var requests = Generate(seed, 60);

        var report = SteeringReports.Build(Amendment, AsOf, null, [], requests, Territory);

        var financed = requests.Where(r => r.IsFinanced).ToList();
        Assert.Equal(requests.Count, report.Totals.Requests);
        Assert.Equal(requests.Sum(r => r.Amounts.RequestedTotal), report.Totals.Requested);
        Assert.Equal(requests.Count, report.Totals.ByStatus.Values.Sum());
        Assert.Equal(financed.Sum(r => r.Operation.Dwellings.Total), report.Dwellings.ByProduct.Sum(p => p.Dwellings));
        Assert.Equal(financed.Count, report.Dwellings.ByCommune.Sum(c => c.Operations));
        Assert.Equal(financed.Count, report.Dwellings.ByDistrict.Sum(c => c.Operations));
        Assert.Equal(financed.Sum(r => r.Amounts.Approved), report.Dwellings.Total.Grants + report.Dwellings.Total.Loans);
        Assert.Equal(requests.Where(r => r.Rights is not null).Sum(r => r.Rights!.Count), Total(report.Rights.Total));
        Assert.Equal(Total(report.Rights.Total), report.Rights.ByLandlord.Sum(Total));
        Assert.Equal(requests.Count(r => r.WaitingFor != WaitingParty.Nobody), report.Pipeline.Requests.Count);
        Assert.Equal(report.Pipeline.Requests.Count, report.Pipeline.ByState.Sum(s => s.Requests));
        foreach (var line in report.Envelopes)
        {
            var onLine = requests.Where(r => r.LineId == line.LineId).ToList();
            Assert.Equal(onLine.Sum(r => r.Committed), line.FromRequests.Committed);
            Assert.Equal(onLine.Sum(r => r.Reserved), line.FromRequests.Reserved);
        }
    }

    [Fact]
    public void Build_LedgerGiven_LineFiguresAndSharesComeFromIt()
    {
        var totals = new LedgerTotals(1_000_000m, 6_000_000m, 1_500_000m, 0m, false, 2, 10, 1);
        var years = new Dictionary<int, IReadOnlyDictionary<LedgerMovementKind, decimal>>
        {
            [2020] = new Dictionary<LedgerMovementKind, decimal> { [LedgerMovementKind.Committed] = 4_000_000m },
            [2021] = new Dictionary<LedgerMovementKind, decimal> { [LedgerMovementKind.Committed] = 2_000_000m, [LedgerMovementKind.Disbursed] = 1_500_000m },
        };

        var report = SteeringReports.Build(Amendment, AsOf, null, [new LineLedger(EnvelopeLineIds.HousingProduction, totals, years)], [], Territory);

        var line = report.Envelopes.Single(l => l.LineId == EnvelopeLineIds.HousingProduction);
        Assert.Equal((15_000_000m, 8_000_000m), (line.Planned, line.Remaining));
        Assert.Equal(new EnvelopeShares(0.0667m, 0.4m, 0.1m, 0.5333m, 0.5m), line.Shares);
        // The years of the period up to the report's: 2022 is not there yet.
        Assert.Equal([2020, 2021], line.Years.Select(y => y.Year));
        Assert.Equal(2_000_000m, line.Years[1].Committed);
    }

    [Fact]
    public void Build_ForALandlord_ShowsItsFiguresOnly()
    {
        var requests = Generate(7, 40);
        var landlord = requests[0].LandlordId;

        var report = SteeringReports.Build(Amendment, AsOf, landlord, [new LineLedger(EnvelopeLineIds.HousingProduction, LedgerTotals.Empty, new Dictionary<int, IReadOnlyDictionary<LedgerMovementKind, decimal>>())], requests, Territory);

        Assert.Equal(requests.Count(r => r.LandlordId == landlord), report.Totals.Requests);
        Assert.All(report.Pipeline.Requests, r => Assert.Equal(landlord, r.LandlordId));
        Assert.All(report.Envelopes, l => Assert.Null(l.Planned));
        Assert.Empty(report.Forecast.Lines);
        Assert.Equal(requests.Where(r => r.LandlordId == landlord && r.LineId == EnvelopeLineIds.HousingProduction).Sum(r => r.Committed), report.Envelopes[0].Committed);
    }

    [Fact]
    public void Build_Pipeline_AgesInStateAndWhomEachWaitsFor()
    {
        var pending = Request("fr-a", RequestState.PendingCommittee, since: new DateTimeOffset(2021, 6, 20, 15, 0, 0, TimeSpan.Zero));
        var asked = Request("fr-b", RequestState.InformationRequested, since: new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var closed = Request("fr-c", RequestState.Closed);

        var pipeline = SteeringReports.Build(Amendment, AsOf, null, [], [pending, asked, closed], Territory).Pipeline;

        Assert.Equal([("fr-b", 121, WaitingParty.Landlord), ("fr-a", 10, WaitingParty.Committee)], pipeline.Requests.Select(r => (r.RequestId, r.AgeDays, r.WaitingFor)));
        Assert.Equal([RequestState.PendingCommittee, RequestState.InformationRequested], pipeline.ByState.Select(s => s.State));
    }

    [Fact]
    public void Build_Forecast_NamesTheRequestsAtRiskOfLapsing()
    {
        var asOf = new DateOnly(2022, 11, 15);
        var approved = Request("fr-approved", RequestState.Approved, submitted: new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero)) with
        {
            Amounts = new ReportedAmounts(100_000m, 0m, 100_000m, new DateOnly(2022, 2, 10), 0m), // 40 days to commitment
        };
        var early = Request("fr-early", RequestState.PendingCommittee, submitted: new DateTimeOffset(2022, 11, 10, 0, 0, 0, TimeSpan.Zero));
        var late = Request("fr-late", RequestState.UnderReview, submitted: new DateTimeOffset(2022, 11, 30, 0, 0, 0, TimeSpan.Zero));
        var waiting = Request("fr-waiting", RequestState.Waitlisted, submitted: new DateTimeOffset(2022, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var ledger = new LineLedger(EnvelopeLineIds.HousingProduction, LedgerTotals.Empty with { Committed = 100_000m }, new Dictionary<int, IReadOnlyDictionary<LedgerMovementKind, decimal>>());

        var forecast = SteeringReports.Build(Amendment, asOf, null, [ledger], [approved, early, late, waiting], Territory).Forecast;

        Assert.Equal(40, forecast.DaysToCommitment);
        Assert.Equal(
            [("fr-waiting", RiskReason.WaitingForCredit), ("fr-late", RiskReason.ExpectedAfterPeriodEnd)],
            forecast.AtRisk.Select(r => (r.RequestId, r.Reason)));
        var line = forecast.Lines.Single(l => l.LineId == EnvelopeLineIds.HousingProduction);
        Assert.Equal(100_000m, line.FromPipeline); // the early request, expected on 2022-12-20
        Assert.Equal(line.Planned - line.ForecastCommitted, line.ForecastLapse);
        Assert.Equal(1_096, line.ElapsedDays + line.RemainingDays); // 2020 is a leap year
    }

    [Fact]
    public void Build_Rights_ExpiringWithinAYearAndExpiredApart()
    {
        var soon = Request("fr-soon", RequestState.Closed) with { Rights = new(3, ReservationRightKind.SingleRight, 1, ReservationRightStatus.Assigned, new(2020, 9, 1), new(2021, 9, 1)) };
        var gone = Request("fr-gone", RequestState.Closed) with { Rights = new(2, ReservationRightKind.SingleRight, 1, ReservationRightStatus.Assigned, new(2020, 1, 1), new(2021, 1, 1)) };
        var planned = Request("fr-planned", RequestState.Approved) with { Rights = new(5, ReservationRightKind.RecurringRight, 30, ReservationRightStatus.Planned, null, null) };

        var rights = SteeringReports.Build(Amendment, AsOf, null, [], [soon, gone, planned], Territory).Rights;

        Assert.Equal(["fr-soon"], rights.ExpiringWithinAYear.Select(r => r.RequestId));
        Assert.Equal(new RightsRow("Total", 3, 5, 3, 2), rights.Total);
        Assert.Equal(["01", "30"], rights.ByDuration.Select(r => r.Key));
    }

    [Theory]
    [InlineData("2019-12-31", true)]
    [InlineData("2020-01-01", false)]
    [InlineData("2021-06-30", false)]
    [InlineData("2021-07-01", true)]
    public void AsOfProblem_BeforeThePeriodOrAfterToday_IsAProblem(string asOf, bool isProblem)
    {
        Assert.Equal(isProblem, SteeringReports.AsOfProblem(Amendment, DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), AsOf) is not null);
    }

    [Fact]
    public void DefaultAsOf_PeriodOver_IsItsLastDay()
    {
        Assert.Equal(new DateOnly(2022, 12, 31), SteeringReports.DefaultAsOf(Amendment, new DateOnly(2026, 3, 1)));
        Assert.Equal(AsOf, SteeringReports.DefaultAsOf(Amendment, AsOf));
    }

    private static int Total(RightsRow row) => row.Planned + row.Running + row.Expired;

    private static ReportedRequest Request(string id, RequestState status, DateTimeOffset? since = null, DateTimeOffset? submitted = null) => new(
        id, "123456782", EnvelopeLineIds.HousingProduction, status, since ?? new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero),
        submitted ?? new DateTimeOffset(2020, 6, 1, 0, 0, 0, TimeSpan.Zero),
        new ReportedOperation("Dijon", null, false, new DwellingMix { Plus = 4 }), new ReportedAmounts(100_000m, 0m, 0m, null, 0m), null);

    private static List<ReportedRequest> Generate(int seed, int count)
    {
        var random = new Random(seed);
        string[] landlords = ["123456782", "987654324", "552100554"];
        (string Commune, string? District)[] places = [("Chenôve", "Le Mail"), ("Dijon", "Grésilles"), ("Longvic", "Guynemer"), ("Talant", null), ("Quetigny", null)];
        var states = Enum.GetValues<RequestState>();
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var status = states[random.Next(states.Length)];
            var grant = random.Next(1, 50) * 10_000m;
            var loan = random.Next(0, 50) * 10_000m;
            var approved = ReportedRequest.CommittedStates.Contains(status) || status == RequestState.Cancelled ? grant + loan - random.Next(0, 5) * 1_000m : 0m;
            var place = places[random.Next(places.Length)];
            var rights = approved > 0m
                ? new ReportedRights(random.Next(1, 20), random.Next(2) == 0 ? ReservationRightKind.SingleRight : ReservationRightKind.RecurringRight, random.Next(1, 40),
                    random.Next(2) == 0 ? ReservationRightStatus.Planned : ReservationRightStatus.Assigned, new DateOnly(2020, 1, 1), new DateOnly(2021 + random.Next(0, 3), 1, 1))
                : null;
            var submitted = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(random.Next(0, 500));
            return new ReportedRequest(
                $"fr-{i:D4}", landlords[random.Next(landlords.Length)], i % 3 == 0 ? EnvelopeLineIds.EmployeeServices : EnvelopeLineIds.HousingProduction,
                status, submitted.AddDays(random.Next(0, 30)), submitted,
                new ReportedOperation(place.Commune, place.District, place.District == "Le Mail",
                    new DwellingMix { Plai = random.Next(0, 10), Plus = random.Next(0, 10), Pls = random.Next(0, 4), Li = random.Next(0, 4), CollectiveStructure = random.Next(0, 3) }),
                new ReportedAmounts(grant, loan, approved, approved > 0m ? DateOnly.FromDateTime(submitted.UtcDateTime).AddDays(random.Next(10, 90)) : null, approved / 2),
                rights);
        })];
    }
}

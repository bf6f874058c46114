using Partenariat.Domain.Committee;
using Partenariat.Domain.Requests;
using Partenariat.Domain.Territory;
using Partenariat.Domain.Tests.TestData;

namespace Partenariat.Domain.Tests.Committee;

public sealed class CommitteeQueueRankingTests
{
    private static readonly CommitteeQueueRanking Ranking = CommitteeQueueRanking.Default;

    private static DateTimeOffset Day(int day) => new(2021, 3, day, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Ahuy", null, true, PriorityCriterion.Npnru)]
    [InlineData("Chenôve", "Le Mail", false, PriorityCriterion.Npnru)]
    [InlineData("Dijon", "Fontaine d'Ouche", false, PriorityCriterion.Npnru)]
    [InlineData("Dijon", "Grésilles", false, PriorityCriterion.PriorityDistrict)]
    [InlineData("Talant", "Belvédère", false, PriorityCriterion.PriorityDistrict)]
    [InlineData("Dijon", null, false, PriorityCriterion.SruDeficitMunicipality)]
    [InlineData("saint apollinaire", null, false, PriorityCriterion.SruDeficitMunicipality)]
    public void CriteriaMet_Request_FirstCriterionIsExpected(string municipality, string? district, bool npnru, PriorityCriterion expected)
        => Assert.Equal(expected, Ranking.CriteriaMet(SampleRequests.In(municipality, district, npnru))[0]);

    [Theory]
    [InlineData("Ahuy", null)]
    [InlineData("Longvic", "Guynemer")]
    [InlineData("Quetigny", "Centre-Ville")]
    [InlineData("Paris", null)]
    [InlineData("Dijon", "Le Mail")]
    public void CriteriaMet_NoPriority_IsEmptyExceptSru(string municipality, string? district)
    {
        var met = Ranking.CriteriaMet(SampleRequests.In(municipality, district));

        Assert.DoesNotContain(PriorityCriterion.Npnru, met);
        Assert.DoesNotContain(PriorityCriterion.PriorityDistrict, met);
    }

    [Fact]
    public void CriteriaMet_FontaineDOuche_MeetsAllThree()
        => Assert.Equal(
            [PriorityCriterion.Npnru, PriorityCriterion.PriorityDistrict, PriorityCriterion.SruDeficitMunicipality],
            Ranking.CriteriaMet(SampleRequests.In("Dijon", "Fontaine d'Ouche")));

    [Fact]
    public void CriteriaMet_NoOperation_IsEmpty() => Assert.Empty(Ranking.CriteriaMet(new FinancingRequest()));

    [Fact]
    public void Rank_MixedQueue_OrdersByNpnruQpvSruThenSubmissionTime()
    {
        var requests = new[]
        {
            SampleRequests.In("Ahuy", requestId: "plain-early", submittedAt: Day(1)),
            SampleRequests.In("Dijon", requestId: "sru", submittedAt: Day(2)),
            SampleRequests.In("Longvic", "Bief du Moulin", requestId: "qpv", submittedAt: Day(5)),
            SampleRequests.In("Chenôve", "Le Mail", requestId: "npnru-late", submittedAt: Day(9)),
            SampleRequests.In("Ouges", npnru: true, requestId: "npnru-early", submittedAt: Day(3)),
            SampleRequests.In("Longvic", "Guynemer", requestId: "qv", submittedAt: Day(4)),
        };

        var ranked = Ranking.Rank(requests);

        Assert.Equal(["npnru-early", "npnru-late", "qpv", "sru", "plain-early", "qv"], ranked.Select(r => r.Request.RequestId));
        Assert.Equal([1, 2, 3, 4, 5, 6], ranked.Select(r => r.Position));
        Assert.Equal([0, 0, 1, 2, 3, 3], ranked.Select(r => r.Tier));
        Assert.Equal(
            [PriorityCriterion.Npnru, PriorityCriterion.Npnru, PriorityCriterion.PriorityDistrict, PriorityCriterion.SruDeficitMunicipality, null, null],
            ranked.Select(r => r.MatchedCriterion));
    }

    [Fact]
    public void Rank_SameTierAndTime_BreaksTiesByRequestId()
    {
        var ranked = Ranking.Rank([SampleRequests.In("Ahuy", requestId: "b"), SampleRequests.In("Ahuy", requestId: "a")]);

        Assert.Equal(["a", "b"], ranked.Select(r => r.Request.RequestId));
    }

    [Fact]
    public void Rank_SubmissionTimesInOtherOffsets_ComparesInstants()
    {
        var parisEarlier = SampleRequests.In("Ahuy", requestId: "paris", submittedAt: new DateTimeOffset(2021, 3, 1, 10, 0, 0, TimeSpan.FromHours(1)));
        var utcLater = SampleRequests.In("Ahuy", requestId: "utc", submittedAt: new DateTimeOffset(2021, 3, 1, 9, 30, 0, TimeSpan.Zero));

        Assert.Equal(["paris", "utc"], Ranking.Rank([utcLater, parisEarlier]).Select(r => r.Request.RequestId));
    }

    [Fact]
    public void Rank_ConfiguredPolicy_UsesItsOrder()
    {
        var ranking = new CommitteeQueueRanking(MetropolitanTerritory.DijonMetropole, new RankingPolicy { Criteria = [PriorityCriterion.SruDeficitMunicipality] });
        var requests = new[]
        {
            SampleRequests.In("Chenôve", "Le Mail", requestId: "npnru", submittedAt: Day(1)),
            SampleRequests.In("Marsannay-la-Côte", requestId: "sru", submittedAt: Day(2)),
        };

        Assert.Equal(["sru", "npnru"], ranking.Rank(requests).Select(r => r.Request.RequestId));
    }

    [Fact]
    public void Constructor_DuplicateCriteria_Throws()
        => Assert.Throws<ArgumentException>(() => new CommitteeQueueRanking(
            MetropolitanTerritory.DijonMetropole,
            new RankingPolicy { Criteria = [PriorityCriterion.Npnru, PriorityCriterion.Npnru] }));

    [Fact]
    public void Rank_Empty_ReturnsEmpty() => Assert.Empty(Ranking.Rank([]));
}

using Partenariat.Domain.ReservationRights;
using Partenariat.Domain.Territory;

namespace Partenariat.Domain.Reports;

// The dwellings financed and the reservation rights.
public static partial class SteeringReports
{
    /// <summary>The key of operations outside every priority district.</summary>
    public const string OutsideQpv = "Hors QPV";

    /// <summary>The key of operations in the urban renewal programme.</summary>
    public const string InNpnru = "NPNRU";

    /// <summary>The key of operations outside it.</summary>
    public const string OutsideNpnru = "Hors NPNRU";

    private static DwellingReport Dwellings(IReadOnlyList<ReportedRequest> requests, MetropolitanTerritory territory)
    {
        var financed = requests.Where(r => r.IsFinanced).ToList();
        var total = Area("Total", financed);
        var counts = total.Dwellings;
        var byProduct = new (DwellingProduct Product, int Count)[]
        {
            (DwellingProduct.Plai, counts.Plai), (DwellingProduct.Plus, counts.Plus), (DwellingProduct.Pls, counts.Pls),
            (DwellingProduct.Li, counts.Li), (DwellingProduct.CollectiveStructure, counts.CollectiveStructure),
        }.Select(p => new ProductShare(p.Product, p.Count, Share(p.Count, counts.Total))).ToList();

        // Only priority districts (QPV) count as such; a watch district (QV) is outside them.
        string District(ReportedRequest r) =>
            territory.FindDistrict(r.Operation.Municipality, r.Operation.District) is { Kind: DistrictKind.Qpv } district ? district.Name : OutsideQpv;

        return new DwellingReport(
            byProduct,
            Group(financed, r => r.Operation.Municipality),
            Group(financed, District),
            Group(financed, r => r.Operation.IsNpnru ? InNpnru : OutsideNpnru),
            total);
    }

    private static List<AreaRow> Group(IEnumerable<ReportedRequest> requests, Func<ReportedRequest, string> key) =>
        [.. requests.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Area(g.Key, [.. g]))];

    private static AreaRow Area(string key, IReadOnlyList<ReportedRequest> requests) => new(
        key,
        requests.Count,
        requests.Aggregate(DwellingCounts.Zero, (counts, r) => counts.Add(r.Operation.Dwellings)),
        requests.Sum(r => r.Amounts.ApprovedGrant),
        requests.Sum(r => r.Amounts.ApprovedLoan));

    private static RightsReport Rights(IReadOnlyList<ReportedRequest> requests, DateOnly asOf)
    {
        var withRights = requests.Where(r => r.Rights is not null).ToList();
        var inAYear = asOf.AddYears(1);
        var expiring = withRights
            .Where(r => r.Rights!.StatusOn(asOf) == ReservationRightStatus.Assigned && r.Rights.EndDate is { } end && end <= inAYear)
            .Select(r => new ExpiringRights(r.RequestId, r.LandlordId, r.Operation.Municipality, r.Rights!.Count, r.Rights.Kind, r.Rights.EndDate!.Value))
            .OrderBy(r => r.EndDate).ThenBy(r => r.RequestId, StringComparer.Ordinal)
            .ToList();
        return new RightsReport(
            RightsBy(withRights, r => r.Rights!.Kind.ToString(), asOf),
            RightsBy(withRights, r => r.Rights!.DurationYears.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), asOf),
            RightsBy(withRights, r => r.LandlordId, asOf),
            RightsBy(withRights, r => r.Operation.Municipality, asOf),
            expiring,
            RightsOf("Total", withRights, asOf));
    }

    private static List<RightsRow> RightsBy(IEnumerable<ReportedRequest> requests, Func<ReportedRequest, string> key, DateOnly asOf) =>
        [.. requests.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => RightsOf(g.Key, [.. g], asOf))];

    private static RightsRow RightsOf(string key, IReadOnlyList<ReportedRequest> requests, DateOnly asOf)
    {
        int Count(ReservationRightStatus status) => requests.Where(r => r.Rights!.StatusOn(asOf) == status).Sum(r => r.Rights!.Count);
        return new RightsRow(key, requests.Count, Count(ReservationRightStatus.Planned), Count(ReservationRightStatus.Assigned), Count(ReservationRightStatus.Expired));
    }
}

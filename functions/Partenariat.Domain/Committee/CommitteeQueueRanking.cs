using Partenariat.Domain.Requests;
using Partenariat.Domain.Territory;

namespace Partenariat.Domain.Committee;

/// <summary>A territorial priority criterion of the committee queue and the waitlist.</summary>
public enum PriorityCriterion
{
    /// <summary>An urban renewal operation: NPNRU flag set, or district in the NPNRU.</summary>
    Npnru,

    /// <summary>An operation in a priority district (QPV). Watch districts (QV) do not count.</summary>
    PriorityDistrict,

    /// <summary>An operation in a commune short of social housing under the SRU law.</summary>
    SruDeficitMunicipality,
}

/// <summary>
/// The order of the priority criteria (assumption, configurable): by default NPNRU, then QPV, then
/// SRU-deficit commune. A request's tier is the index of the first criterion it meets; requests that
/// meet none come last.
/// </summary>
public sealed record RankingPolicy
{
    /// <summary>The default order: NPNRU, QPV, SRU-deficit commune.</summary>
    public static RankingPolicy Default { get; } = new();

    /// <summary>The criteria, most important first; each at most once.</summary>
    public IReadOnlyList<PriorityCriterion> Criteria { get; init; } =
        [PriorityCriterion.Npnru, PriorityCriterion.PriorityDistrict, PriorityCriterion.SruDeficitMunicipality];
}

/// <summary>A request's place in the ranking.</summary>
/// <param name="Request">The request.</param>
/// <param name="Position">1 for the first in line.</param>
/// <param name="Tier">0 for the first criterion of the policy; the number of criteria when none is met.</param>
/// <param name="MatchedCriterion">The criterion that set the tier, or null.</param>
public sealed record RankedRequest(FinancingRequest Request, int Position, int Tier, PriorityCriterion? MatchedCriterion);

/// <summary>
/// Orders the committee queue or the waitlist; pure and deterministic. Order: tier (first priority
/// criterion met, per <see cref="RankingPolicy"/>), then submission time (earliest first), then request id
/// (ordinal) to break exact ties. It reads only the operation's NPNRU flag, commune and district, the
/// submission time and the id: never the capital link with Action Logement (CCH art. L.313-17-3),
/// nor the landlord, nor the amounts.
/// </summary>
public sealed class CommitteeQueueRanking
{
    private readonly MetropolitanTerritory _territory;
    private readonly RankingPolicy _policy;

    /// <summary>Creates a ranking over a territory and a policy.</summary>
    /// <exception cref="ArgumentException">The policy repeats a criterion or names an undefined one.</exception>
    public CommitteeQueueRanking(MetropolitanTerritory territory, RankingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(territory);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(policy.Criteria);
        if (policy.Criteria.Distinct().Count() != policy.Criteria.Count || !policy.Criteria.All(Enum.IsDefined))
        {
            throw new ArgumentException("The ranking criteria must be defined and distinct.", nameof(policy));
        }

        _territory = territory;
        _policy = policy;
    }

    /// <summary>The default ranking over Dijon Métropole.</summary>
    public static CommitteeQueueRanking Default { get; } = new(MetropolitanTerritory.DijonMetropole, RankingPolicy.Default);

    /// <summary>The criteria <paramref name="request"/> meets, in the policy's order.</summary>
    public IReadOnlyList<PriorityCriterion> CriteriaMet(FinancingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var operation = request.Operation;
        if (operation is null)
        {
            return [];
        }

        var municipality = _territory.FindMunicipality(operation.Municipality);
        var district = _territory.FindDistrict(operation.Municipality, operation.District);
        return _policy.Criteria.Where(c => c switch
        {
            PriorityCriterion.Npnru => operation.IsNpnru || district?.IsNpnru == true,
            PriorityCriterion.PriorityDistrict => district?.Kind == DistrictKind.Qpv,
            PriorityCriterion.SruDeficitMunicipality => municipality?.IsSruDeficit == true,
            _ => false,
        }).ToArray();
    }

    /// <summary>Ranks <paramref name="requests"/>: first in line first.</summary>
    public IReadOnlyList<RankedRequest> Rank(IEnumerable<FinancingRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return requests
            .Select(r =>
            {
                ArgumentNullException.ThrowIfNull(r);
                var met = CriteriaMet(r);
                PriorityCriterion? first = met.Count > 0 ? met[0] : null;
                return (Request: r, Tier: first is { } c ? IndexOf(c) : _policy.Criteria.Count, First: first);
            })
            .OrderBy(x => x.Tier)
            .ThenBy(x => x.Request.SubmittedAt)
            .ThenBy(x => x.Request.RequestId, StringComparer.Ordinal)
            .Select((x, i) => new RankedRequest(x.Request, i + 1, x.Tier, x.First))
            .ToArray();
    }

    private int IndexOf(PriorityCriterion criterion)
    {
        for (var i = 0; i < _policy.Criteria.Count; i++)
        {
            if (_policy.Criteria[i] == criterion)
            {
                return i;
            }
        }

        return _policy.Criteria.Count;
    }
}

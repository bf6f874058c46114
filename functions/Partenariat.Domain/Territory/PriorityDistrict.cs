namespace Partenariat.Domain.Territory;

/// <summary>Kind of a district of the city policy (politique de la ville).</summary>
public enum DistrictKind
{
    /// <summary>Priority district (quartier prioritaire de la politique de la ville, QPV).</summary>
    Qpv,

    /// <summary>Watch district (quartier de veille, QV).</summary>
    Qv,
}

/// <summary>Whether and how a district is in the national urban renewal programme (NPNRU).</summary>
public enum NpnruInterest
{
    /// <summary>Not an NPNRU district.</summary>
    None,

    /// <summary>NPNRU district of national interest (quartier d'intérêt national).</summary>
    National,

    /// <summary>NPNRU district of regional interest (quartier d'intérêt régional).</summary>
    Regional,
}

/// <summary>A district of the city policy (QPV or QV) in one commune.</summary>
/// <param name="Name">Canonical name (e.g. <c>Fontaine d'Ouche</c>).</param>
/// <param name="Municipality">Canonical name of the commune it lies in.</param>
/// <param name="Kind">QPV or QV.</param>
/// <param name="Npnru">NPNRU status.</param>
public sealed record PriorityDistrict(string Name, string Municipality, DistrictKind Kind, NpnruInterest Npnru)
{
    /// <summary>True for an NPNRU district.</summary>
    public bool IsNpnru => Npnru != NpnruInterest.None;
}

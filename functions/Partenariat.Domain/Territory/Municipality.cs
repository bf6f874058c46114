namespace Partenariat.Domain.Territory;

/// <summary>A commune of the metropolis.</summary>
/// <param name="Name">The canonical name, with its accents (e.g. <c>Chenôve</c>).</param>
/// <param name="Aliases">Other accepted names (e.g. the pre-2019 names of a merged commune).</param>
/// <param name="IsSruDeficit">
/// True when the commune is short of social housing under the SRU law (commune déficitaire SRU).
/// The list changes with each triennial assessment: configure it through <see cref="MetropolitanTerritory"/>.
/// </param>
public sealed record Municipality(string Name, IReadOnlyList<string> Aliases, bool IsSruDeficit);

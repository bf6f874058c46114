namespace Partenariat.Domain.Conventions;

/// <summary>
/// One line of a convention's envelope (enveloppe), e.g. production of social and intermediate
/// housing, 15 M€ for 2020-2022.
/// </summary>
/// <param name="Id">Stable id, unique within the convention.</param>
/// <param name="Label">Label for people.</param>
/// <param name="Amount">The line's amount in euros.</param>
public sealed record EnvelopeLine(string Id, string Label, decimal Amount);

/// <summary>An amount actually mobilised on a line in one calendar year (Annexe 1 style).</summary>
/// <param name="LineId">The line's id.</param>
/// <param name="Year">The calendar year.</param>
/// <param name="Amount">The amount in euros.</param>
public sealed record AnnualActual(string LineId, int Year, decimal Amount);

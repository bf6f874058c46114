namespace Partenariat.Domain.Common;

/// <summary>A span of calendar days, both ends included (e.g. 2020-01-01 to 2022-12-31).</summary>
public sealed record DatePeriod
{
    /// <summary>Creates a period; <paramref name="end"/> must come after <paramref name="start"/>.</summary>
    public DatePeriod(DateOnly start, DateOnly end)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(end, start);
        Start = start;
        End = end;
    }

    /// <summary>The first day of the period.</summary>
    public DateOnly Start { get; }

    /// <summary>The last day of the period (included).</summary>
    public DateOnly End { get; }

    /// <summary>The calendar years the period touches, in order.</summary>
    public IReadOnlyList<int> Years => Enumerable.Range(Start.Year, End.Year - Start.Year + 1).ToArray();

    /// <summary>True when <paramref name="date"/> falls within the period.</summary>
    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>True when the period is over on <paramref name="date"/> (the date is after its last day).</summary>
    public bool HasEndedBy(DateOnly date) => date > End;

    /// <inheritdoc />
    public override string ToString() => $"{Start:yyyy-MM-dd}..{End:yyyy-MM-dd}";
}

namespace Partenariat.Domain.Common;

/// <summary>Helpers for amounts in euros, held as <see cref="decimal"/>.</summary>
public static class Amounts
{
    /// <summary>True when <paramref name="amount"/> has at most two decimals (whole cents).</summary>
    public static bool IsWholeCents(decimal amount) => decimal.Round(amount, 2) == amount;

    /// <summary>Converts thousands of euros (k€, as in the conventions' annexes) to euros.</summary>
    public static decimal FromThousands(decimal thousandsOfEuros) => thousandsOfEuros * 1_000m;

    /// <summary>Formats an amount for messages, e.g. <c>15,000,000.00 €</c> (invariant culture).</summary>
    public static string Format(decimal amount) => $"{amount:N2} €";

    /// <summary>
    /// The sum of <paramref name="amounts"/>, or null when it would pass what a <see cref="decimal"/>
    /// holds: summing input never throws.
    /// </summary>
    public static decimal? TrySum(IEnumerable<decimal> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var sum = 0m;
        foreach (var amount in amounts)
        {
            // Overflow only when both have the same sign and the room left is smaller than the addend.
            if ((amount > 0m && sum > decimal.MaxValue - amount) || (amount < 0m && sum < decimal.MinValue - amount))
            {
                return null;
            }

            sum += amount;
        }

        return sum;
    }
}

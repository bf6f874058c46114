using Partenariat.Domain.Common;

namespace Partenariat.Domain.Landlords;

/// <summary>
/// A SIREN, the 9-digit identifier of a French company (numéro SIREN), checked with the Luhn key.
/// Create one with <see cref="Parse"/>, which reports bad input as a result, never as an exception.
/// </summary>
public sealed record Siren
{
    private Siren(string value) => Value = value;

    /// <summary>The 9 digits, without spaces.</summary>
    public string Value { get; }

    /// <summary>
    /// Parses a SIREN: exactly 9 digits once spaces are removed (so "824 581 623" is accepted),
    /// whose Luhn check passes. E.g. 552100554 is valid; 123456789 is not.
    /// </summary>
    /// <param name="text">The input.</param>
    /// <param name="field">The field path used in errors.</param>
    public static Result<Siren> Parse(string? text, string field = "siren")
    {
        ArgumentNullException.ThrowIfNull(field);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Result.Failure<Siren>(field, ErrorCodes.Required, "Give the SIREN: the 9 digits of the landlord's company number.");
        }

        var digits = text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00A0", string.Empty, StringComparison.Ordinal);
        if (digits.Length != 9 || !digits.All(char.IsAsciiDigit))
        {
            return Result.Failure<Siren>(field, ErrorCodes.InvalidFormat, $"A SIREN is exactly 9 digits; '{text}' is not.");
        }

        if (!PassesLuhn(digits))
        {
            return Result.Failure<Siren>(field, ErrorCodes.InvalidChecksum, $"SIREN {digits} fails its check digit (Luhn): check for a mistyped digit.");
        }

        return Result.Success(new Siren(digits));
    }

    /// <summary>True when <paramref name="text"/> is a valid SIREN; <paramref name="siren"/> holds it.</summary>
    public static bool TryParse(string? text, out Siren? siren)
    {
        siren = Parse(text).Value;
        return siren is not null;
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }
}

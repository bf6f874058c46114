namespace Partenariat.Domain.Common;

/// <summary>Stable codes carried by <see cref="ValidationError.Code"/>; clients may switch on them.</summary>
public static class ErrorCodes
{
    /// <summary>A value is missing or blank.</summary>
    public const string Required = "required";

    /// <summary>A value is not one of the allowed values of its type (e.g. an undefined enum value).</summary>
    public const string InvalidValue = "invalidValue";

    /// <summary>An amount or count must be strictly positive.</summary>
    public const string MustBePositive = "mustBePositive";

    /// <summary>An amount or count must be zero or more.</summary>
    public const string MustNotBeNegative = "mustNotBeNegative";

    /// <summary>A number lies outside its allowed range.</summary>
    public const string OutOfRange = "outOfRange";

    /// <summary>An amount in euros has more than two decimals.</summary>
    public const string WholeCents = "wholeCents";

    /// <summary>A text does not have the expected shape (e.g. a SIREN that is not 9 digits).</summary>
    public const string InvalidFormat = "invalidFormat";

    /// <summary>A number fails its check digit (e.g. the Luhn key of a SIREN).</summary>
    public const string InvalidChecksum = "invalidChecksum";

    /// <summary>A name or id refers to nothing known.</summary>
    public const string Unknown = "unknown";

    /// <summary>An id appears more than once where it must be unique.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>Two values that must agree do not.</summary>
    public const string Mismatch = "mismatch";

    /// <summary>Two dates are in the wrong order.</summary>
    public const string DatesOutOfOrder = "datesOutOfOrder";

    /// <summary>A value is given where it does not apply.</summary>
    public const string NotApplicable = "notApplicable";

    /// <summary>A district does not belong to the operation's municipality.</summary>
    public const string NotInMunicipality = "notInMunicipality";

    /// <summary>The convention period is not open on the date considered.</summary>
    public const string PeriodNotOpen = "periodNotOpen";

    /// <summary>An amount exceeds the amount it is bounded by.</summary>
    public const string ExceedsLimit = "exceedsLimit";

    /// <summary>A move is not allowed from the current state.</summary>
    public const string InvalidState = "invalidState";

    /// <summary>The same idempotency key was used with different data.</summary>
    public const string Conflict = "conflict";

    /// <summary>A text is longer than its field accepts.</summary>
    public const string TooLong = "tooLong";

    /// <summary>A list has more items than its field accepts.</summary>
    public const string TooMany = "tooMany";

    /// <summary>A text holds a character its field refuses (a control or direction-changing character).</summary>
    public const string InvalidCharacter = "invalidCharacter";

    /// <summary>A value is not of the JSON type its field expects (text where a number is expected, say).</summary>
    public const string InvalidType = "invalidType";

    /// <summary>A field the input does not have (a misspelt name, or one the service computes).</summary>
    public const string UnknownField = "unknownField";
}

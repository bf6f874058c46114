using System.Globalization;

namespace Partenariat.Domain.Common;

/// <summary>
/// What a text typed by a person may hold, the same for every field: at most its field's length,
/// and none of the characters that hide or disguise what a reader sees: control characters (a line
/// break and a tab only in a text of several lines), the characters that change the direction of
/// the text around them (U+202E and its kin: a name would read backwards to a reviewer), the line
/// and paragraph separators, the byte order mark, the non-characters U+FFFE and U+FFFF, and a half
/// of a surrogate pair on its own.
/// </summary>
public static class TextRules
{
    /// <summary>
    /// The errors of <paramref name="value"/> as the text of <paramref name="field"/> (none when
    /// null or empty: whether it is required is the caller's rule).
    /// </summary>
    /// <param name="field">The field's path, for the error.</param>
    /// <param name="value">The text.</param>
    /// <param name="maxLength">The most characters (UTF-16 code units) accepted.</param>
    /// <param name="multiline">True for a text of several lines (line breaks and tabs accepted).</param>
    public static IReadOnlyList<ValidationError> Check(string field, string? value, int maxLength, bool multiline = false)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);
        if (string.IsNullOrEmpty(value))
        {
            return [];
        }

        var errors = new List<ValidationError>(1);
        if (value.Length > maxLength)
        {
            errors.Add(new(field, ErrorCodes.TooLong, $"At most {maxLength} characters; this text has {value.Length}: shorten it."));
        }

        if (FirstRefused(value, multiline) is { } at)
        {
            errors.Add(new(field, ErrorCodes.InvalidCharacter, $"The text holds {Describe(value, at)} at position {at + 1}: remove it (control characters and characters that change the text's direction are refused{(multiline ? "; line breaks and tabs are accepted" : string.Empty)})."));
        }

        return errors;
    }

    /// <summary>True when <paramref name="value"/> passes <see cref="Check"/>.</summary>
    public static bool IsAcceptable(string? value, int maxLength, bool multiline = false) => Check("text", value, maxLength, multiline).Count == 0;

    /// <summary>The index of the first character refused, or null.</summary>
    private static int? FirstRefused(string value, bool multiline)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (IsRefused(c, multiline))
            {
                return i;
            }
        }

        return null;
    }

    private static bool IsRefused(char c, bool multiline) => c switch
    {
        '\n' or '\r' or '\t' => !multiline,
        // Direction marks and embeddings, overrides, isolates (Unicode's bidirectional controls).
        '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') => true,
        '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF' => true,
        _ => char.IsControl(c) || char.IsSurrogate(c),
    };

    private static string Describe(string value, int at) =>
        string.Create(CultureInfo.InvariantCulture, $"the character U+{(int)value[at]:X4}");
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Partenariat.Domain.Common;

namespace Partenariat.Workflow.Http;

/// <summary>
/// Checks a parsed JSON value against the shape a type has in <see cref="PartenariatJson"/>'s own
/// contract (<see cref="JsonSerializerOptions.GetTypeInfo"/>: each property's name and type), and
/// collects every mismatch with its path, in words a caller understands: what the field accepts (a
/// whole number, an amount, a date written yyyy-mm-dd, one of the enum's names) and what it got,
/// never a .NET type. A value that passes deserializes without error. Stricter than the serializer
/// where the serializer is lenient in ways that hide mistakes: an enum given as a number, a field
/// the type does not have (a misspelt <c>approvedAmmount</c> would otherwise approve the full
/// amount), a field given twice, a field the service computes.
/// </summary>
internal static class JsonShape
{
    /// <summary>The most problems collected: past it, one more error says there are more.</summary>
    public const int MaxErrors = 50;

    private const int MaxEcho = 40;

    /// <summary>Every mismatch between <paramref name="element"/> and <paramref name="type"/>'s shape, paths under <paramref name="path"/>.</summary>
    public static IReadOnlyList<ValidationError> Check(JsonElement element, Type type, JsonSerializerOptions options, string path = "")
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<ValidationError>();
        Visit(element, type, options, path, errors);
        if (errors.Count > MaxErrors)
        {
            errors.RemoveRange(MaxErrors, errors.Count - MaxErrors);
            errors.Add(new(string.Empty, ErrorCodes.TooMany, $"More than {MaxErrors} problems: fix these first."));
        }

        return errors;
    }

    private static void Visit(JsonElement element, Type type, JsonSerializerOptions options, string path, List<ValidationError> errors)
    {
        if (errors.Count > MaxErrors)
        {
            return;
        }

        var underlying = Nullable.GetUnderlyingType(type);
        if (element.ValueKind == JsonValueKind.Null)
        {
            if (underlying is null && type.IsValueType)
            {
                errors.Add(new(path, ErrorCodes.InvalidType, $"Expected {Expected(type, options)}; got null."));
            }

            return;
        }

        type = underlying ?? type;
        var info = options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                VisitObject(element, info, options, path, errors);
                break;
            case JsonTypeInfoKind.Enumerable when info.ElementType is { } itemType:
                if (element.ValueKind != JsonValueKind.Array)
                {
                    errors.Add(Mismatch(path, type, options, element));
                    break;
                }

                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Visit(item, itemType, options, $"{path}[{index++}]", errors);
                }

                break;
            default:
                VisitValue(element, type, options, path, errors);
                break;
        }
    }

    private static void VisitObject(JsonElement element, JsonTypeInfo info, JsonSerializerOptions options, string path, List<ValidationError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(Mismatch(path, info.Type, options, element));
            return;
        }

        var comparer = options.PropertyNameCaseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var properties = info.Properties.ToDictionary(p => p.Name, comparer);
        var seen = new HashSet<string>(comparer);
        foreach (var property in element.EnumerateObject())
        {
            var field = Join(path, Echo(property.Name));
            if (!seen.Add(property.Name))
            {
                errors.Add(new(field, ErrorCodes.Duplicate, "This field is given twice: keep one."));
            }
            else if (!properties.TryGetValue(property.Name, out var known))
            {
                errors.Add(new(field, ErrorCodes.UnknownField, $"No such field{(path.Length == 0 ? string.Empty : $" in {path}")}: check its spelling; the fields are {Fields(info)}."));
            }
            else if (!IsSettable(known))
            {
                // A field the service computes (a total, say), as a client that echoes a view sends it: not read.
                continue;
            }
            else
            {
                Visit(property.Value, known.PropertyType, options, field, errors);
            }
        }
    }

    private static void VisitValue(JsonElement element, Type type, JsonSerializerOptions options, string path, List<ValidationError> errors)
    {
        if (element.ValueKind == JsonValueKind.String && !IsUnicode(element))
        {
            errors.Add(new(path, ErrorCodes.InvalidCharacter, "This text is not valid Unicode (invalid UTF-8, or half of a surrogate pair escaped on its own, \\uD800 to \\uDFFF): send UTF-8 text."));
            return;
        }

        var fits = element.ValueKind switch
        {
            JsonValueKind.String when type == typeof(string) => true,
            JsonValueKind.String when type.IsEnum => IsName(type, element.GetString()),
            JsonValueKind.String when type == typeof(DateOnly) => DateOnly.TryParseExact(element.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            JsonValueKind.String when type == typeof(DateTimeOffset) || type == typeof(DateTime) => element.TryGetDateTimeOffset(out _),
            JsonValueKind.String when type == typeof(TimeSpan) => TimeSpan.TryParse(element.GetString(), CultureInfo.InvariantCulture, out _),
            JsonValueKind.True or JsonValueKind.False => type == typeof(bool),
            JsonValueKind.Number when type == typeof(int) => element.TryGetInt32(out _),
            JsonValueKind.Number when type == typeof(long) => element.TryGetInt64(out _),
            JsonValueKind.Number when type == typeof(decimal) => element.TryGetDecimal(out _),
            JsonValueKind.Number when type == typeof(double) => element.TryGetDouble(out var number) && double.IsFinite(number),
            _ => false,
        };
        if (!fits)
        {
            errors.Add(Mismatch(path, type, options, element));
        }
    }

    private static bool IsUnicode(JsonElement text)
    {
        try
        {
            _ = text.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsSettable(JsonPropertyInfo property) => property.Set is not null || property.AssociatedParameter is not null;

    private static bool IsName(Type enumType, string? text) =>
        !string.IsNullOrWhiteSpace(text) && Enum.GetNames(enumType).Contains(text, StringComparer.OrdinalIgnoreCase);

    private static ValidationError Mismatch(string path, Type type, JsonSerializerOptions options, JsonElement element)
    {
        var code = element.ValueKind == JsonValueKind.String && (type.IsEnum || type == typeof(DateOnly) || type == typeof(DateTimeOffset))
            || element.ValueKind == JsonValueKind.Number && type != typeof(string) && type != typeof(bool) && !type.IsEnum
                ? ErrorCodes.InvalidValue
                : ErrorCodes.InvalidType;
        return new(path, code, $"Expected {Expected(type, options)}; got {Actual(element)}.");
    }

    /// <summary>What a value of <paramref name="type"/> is, in words.</summary>
    private static string Expected(Type type, JsonSerializerOptions options)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            return $"one of {string.Join(", ", Enum.GetNames(type))} (as text)";
        }

        return type switch
        {
            _ when type == typeof(string) => "text",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) => $"a whole number (at most {int.MaxValue})",
            _ when type == typeof(long) => "a whole number",
            _ when type == typeof(decimal) => "an amount: a number such as 1500000 or 1500000.50",
            _ when type == typeof(double) => "a number",
            _ when type == typeof(DateOnly) => "a date written yyyy-mm-dd, e.g. 2026-12-01",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "a date and time such as 2026-12-01T09:00:00Z",
            _ when type == typeof(TimeSpan) => "a duration such as 00:05:00",
            _ => options.GetTypeInfo(type) switch
            {
                { Kind: JsonTypeInfoKind.Enumerable } => "a list [ ... ]",
                { Kind: JsonTypeInfoKind.Object } info => $"an object {{ ... }} with the fields {Fields(info)}",
                _ => "another value",
            },
        };
    }

    private static string Actual(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the text \"{Echo(element.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Echo(element.GetRawText())}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        _ => "nothing",
    };

    private static string Echo(string text) => text.Length <= MaxEcho ? text : text[..MaxEcho] + "…";

    private static string Fields(JsonTypeInfo info) => string.Join(", ", info.Properties.Where(IsSettable).Select(p => p.Name));

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}

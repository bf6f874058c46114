using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Partenariat.DurableRuntime;

/// <summary>How host.json's values are read: each reader names the key and what it allows when the value is invalid.</summary>
public sealed partial class DurableTaskHostOptions
{
    // overridableExistingInstanceStates' values, as Durable Functions names them.
    private enum OverridableStates
    {
        NonRunningStates,
        AnyState,
    }

    private static int? Int(IConfigurationSection setting, string key, List<string> errors, int min, int max)
    {
        if (int.TryParse(setting.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add($"'{key}' must be a whole number from {min} to {max}; it is '{setting.Value}'.");
        return null;
    }

    private static bool? Bool(IConfigurationSection setting, string key, List<string> errors)
    {
        if (bool.TryParse(setting.Value, out var value))
        {
            return value;
        }

        errors.Add($"'{key}' must be true or false; it is '{setting.Value}'.");
        return null;
    }

    private static TimeSpan? Duration(IConfigurationSection setting, string key, List<string> errors, TimeSpan min, TimeSpan max)
    {
        if (TimeSpan.TryParse(setting.Value, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add($"'{key}' must be a duration (hh:mm:ss) from {min:c} to {max:c}; it is '{setting.Value}'.");
        return null;
    }

    private static string? Text(IConfigurationSection setting, string key, List<string> errors, Regex pattern, string rule)
    {
        if (setting.Value is { } value && pattern.IsMatch(value))
        {
            return value;
        }

        errors.Add($"'{key}' must be {rule}; it is '{setting.Value}'.");
        return null;
    }

    private static TEnum Choice<TEnum>(IConfigurationSection setting, string key, List<string> errors, TEnum fallback)
        where TEnum : struct, Enum
    {
        if (Enum.TryParse<TEnum>(setting.Value, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(setting.Value, out _))
        {
            return value;
        }

        errors.Add($"'{key}' must be one of {string.Join(", ", Enum.GetNames<TEnum>())}; it is '{setting.Value}'.");
        return fallback;
    }
}

using System.ComponentModel.DataAnnotations;
using Partenariat.Domain.Common;

namespace Partenariat.Workflow.Http;

/// <summary>
/// What the API accepts (section <c>Partenariat:Input</c>, docs/operations.md): the body caps of its
/// JSON routes, how long an <c>Idempotency-Key</c> holds, and the operation's scale a request may
/// declare (the domain's <see cref="InputLimits"/>, docs/domain.md). Validated at start.
/// </summary>
public sealed class InputOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Partenariat:Input";

    /// <summary>Largest body of a submission, in bytes (default 64 KiB: a request at every field's limit, each character escaped, takes about 10 KiB).</summary>
    [Range(4 * 1024, 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Largest body of an information answer, a withdrawal, a milestone or a cancellation, in bytes (default 16 KiB: a text at its limit, each character escaped, takes under 5 KiB).</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxActionBodyBytes { get; set; } = 16 * 1024;

    /// <summary>How long an <c>Idempotency-Key</c> holds after its first submission (default 24 hours); past it, the key is free again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The most dwellings an operation may have (default 2,000).</summary>
    public int MaxDwellings { get; set; } = InputLimits.Default.MaxDwellings;

    /// <summary>The largest total cost excluding tax of an operation, in euros (default 1,000,000,000).</summary>
    public decimal MaxTotalCost { get; set; } = InputLimits.Default.MaxTotalCost;

    /// <summary>How many years before its convention's period an operation's planned dates may fall (default 5).</summary>
    public int PlannedYearsBeforePeriod { get; set; } = InputLimits.Default.PlannedYearsBeforePeriod;

    /// <summary>How many years after its convention's period an operation's planned dates may fall (default 10).</summary>
    public int PlannedYearsAfterPeriod { get; set; } = InputLimits.Default.PlannedYearsAfterPeriod;

    /// <summary>The domain's limits these settings make.</summary>
    public InputLimits Limits => new()
    {
        MaxDwellings = MaxDwellings,
        MaxTotalCost = MaxTotalCost,
        PlannedYearsBeforePeriod = PlannedYearsBeforePeriod,
        PlannedYearsAfterPeriod = PlannedYearsAfterPeriod,
    };

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Limits.Validate().Select(e => new ValidationResult($"{SectionName}:{e.Field}: {e.Message}", [e.Field]));
}

namespace Partenariat.Domain.Common;

/// <summary>Every error found while validating an input; valid when there is none.</summary>
/// <param name="Errors">The errors, in the order of the input's fields.</param>
public sealed record ValidationReport(IReadOnlyList<ValidationError> Errors)
{
    /// <summary>True when no error was found.</summary>
    public bool IsValid => Errors.Count == 0;
}

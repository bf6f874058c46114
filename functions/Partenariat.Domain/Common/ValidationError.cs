namespace Partenariat.Domain.Common;

/// <summary>
/// One problem found in some input: where it is, what kind it is, and what to do about it.
/// </summary>
/// <param name="Field">
/// Path of the offending field in camelCase, e.g. <c>operation.municipality</c> or
/// <c>requestedLines[0].amount</c>; empty when the problem concerns the input as a whole.
/// </param>
/// <param name="Code">A stable, machine-readable code from <see cref="ErrorCodes"/>.</param>
/// <param name="Message">A human-readable sentence saying what to fix.</param>
public sealed record ValidationError(string Field, string Code, string Message);

using System.Diagnostics.CodeAnalysis;

namespace Partenariat.Domain.Common;

/// <summary>
/// The outcome of an operation on user or configuration input: a value, or every error found.
/// Expected failures are returned, never thrown; exceptions are kept for programming errors.
/// </summary>
/// <typeparam name="T">The type of the value on success.</typeparam>
public sealed class Result<T>
    where T : class
{
    internal Result(T? value, IReadOnlyList<ValidationError> errors)
    {
        Value = value;
        Errors = errors;
    }

    /// <summary>True when <see cref="Value"/> is set and <see cref="Errors"/> is empty.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsSuccess => Value is not null;

    /// <summary>The value on success; null on failure.</summary>
    public T? Value { get; }

    /// <summary>Every error found; empty on success.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    /// <summary>The error messages joined into one sentence list; empty on success.</summary>
    public string Reason => string.Join(" ", Errors.Select(e => e.Message));
}

/// <summary>Factories for <see cref="Result{T}"/>.</summary>
public static class Result
{
    /// <summary>A successful result holding <paramref name="value"/>.</summary>
    public static Result<T> Success<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return new Result<T>(value, []);
    }

    /// <summary>A failed result with at least one error.</summary>
    public static Result<T> Failure<T>(IEnumerable<ValidationError> errors)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(errors);
        var list = errors.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("A failure needs at least one error.", nameof(errors));
        }

        return new Result<T>(null, list);
    }

    /// <summary>A failed result with a single error.</summary>
    public static Result<T> Failure<T>(string field, string code, string message)
        where T : class
        => Failure<T>([new ValidationError(field, code, message)]);
}

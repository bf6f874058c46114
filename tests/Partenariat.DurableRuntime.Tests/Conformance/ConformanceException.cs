namespace Partenariat.DurableRuntime.Tests.Conformance;

/// <summary>An application's exception type, for failures whose type the scenarios check.</summary>
public sealed class ConformanceException : Exception
{
    public ConformanceException()
    {
    }

    public ConformanceException(string message)
        : base(message)
    {
    }

    public ConformanceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>An exception carrying business properties of several kinds, for the exception properties provider.</summary>
public sealed class AuditException(string message, string code, int count, DateTime at, IDictionary<string, object?> details, IList<object?> items)
    : Exception(message)
{
    public string Code { get; } = code;

    public int Count { get; } = count;

    public DateTime At { get; } = at;

    public IDictionary<string, object?> Details { get; } = details;

    public IList<object?> Items { get; } = items;
}

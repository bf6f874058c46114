namespace Partenariat.Workflow.Envelopes;

/// <summary>
/// A request's position on its line as a ledger operation left it: its row's stored content and
/// ETag, or <see cref="None"/> when the request holds no position yet. The orchestration hands it
/// to the request's next ledger operation, which then reads the line row alone: the position is
/// taken from here and written only if its row still has this ETag (or, for <see cref="None"/>,
/// only if no row exists). A row changed meanwhile (an operator's release, a retried activity)
/// fails the transaction, and the operation reads both rows and applies again: the version saves a
/// point read when it is right and costs nothing in correctness when it is not.
/// </summary>
/// <param name="Content">The position row's content, as stored; null for <see cref="None"/>.</param>
/// <param name="ETag">The position row's ETag; null for <see cref="None"/>.</param>
public sealed record PositionVersion(string? Content, string? ETag)
{
    /// <summary>The request holds no position on the line (before its first reservation).</summary>
    public static PositionVersion None { get; } = new(null, null);

    /// <summary>Whether the request holds a position.</summary>
    public bool Exists => Content is not null && ETag is not null;
}

namespace Partenariat.Workflow.Envelopes;

/// <summary>An envelope line of a convention period, as stored: the ledger's partition and the requests' <c>EnvelopeLine</c> column.</summary>
/// <param name="ConventionId">The convention (period).</param>
/// <param name="LineId">The line.</param>
public sealed record EnvelopeLineKey(string ConventionId, string LineId)
{
    /// <summary>The stored form: <c>{conventionId}|{lineId}</c>.</summary>
    public string Value => $"{ConventionId}|{LineId}";

    /// <inheritdoc />
    public override string ToString() => Value;
}

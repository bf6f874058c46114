using Partenariat.Workflow.Envelopes;

namespace Partenariat.Workflow.Requests;

/// <summary>Which request, as every activity needs it.</summary>
/// <param name="RequestId">The request (and orchestration instance) id.</param>
/// <param name="LandlordId">Its landlord's SIREN (the partition of its rows).</param>
/// <param name="ConventionId">The convention (period) of its envelope line.</param>
/// <param name="EnvelopeLineId">The envelope line.</param>
public sealed record RequestKey(string RequestId, string LandlordId, string ConventionId, string EnvelopeLineId)
{
    /// <summary>The envelope line the request draws on.</summary>
    public EnvelopeLineKey Line => new(ConventionId, EnvelopeLineId);
}

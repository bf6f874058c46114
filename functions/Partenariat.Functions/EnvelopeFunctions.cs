using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.ReservationRights;

namespace Partenariat.Functions;

/// <summary>The envelopes and the reservation-right registry: one-line adapters to the workflow.</summary>
public sealed class EnvelopeFunctions(EnvelopeApi envelopes, ReservationRightsApi rights)
{
    [Function("ListEnvelopes")]
    public Task<IResult> ListEnvelopesAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = EnvelopeApi.Route)] HttpRequest request, CancellationToken cancellationToken) =>
        envelopes.ListAsync(request, cancellationToken);

    [Function("ListReservationRights")]
    public Task<IResult> ListReservationRightsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ReservationRightsApi.Route)] HttpRequest request, CancellationToken cancellationToken) =>
        rights.ListAsync(request, cancellationToken);
}

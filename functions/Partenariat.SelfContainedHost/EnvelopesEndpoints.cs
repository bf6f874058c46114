using Partenariat.Workflow.Requests;

namespace Partenariat.SelfContainedHost;

/// <summary>The envelopes and the reservation-right registry, twins of the Functions app's EnvelopeFunctions.</summary>
internal static class EnvelopesEndpoints
{
    public static IEndpointRouteBuilder MapEnvelopesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(EnvelopeApi.Route, ListEnvelopesAsync)
            .WithTags("Envelopes")
            .WithName("ListEnvelopes")
            .WithSummary("The state of each envelope line per convention period: planned, reserved, committed, disbursed, remaining, lapsed; the open period's closing instant.")
            .Produces<EnvelopesView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        endpoints.MapGet(ReservationRightsApi.Route, ListReservationRightsAsync)
            .WithTags("Reservation rights")
            .WithName("ListReservationRights")
            .WithSummary("The reservation-right registry: a landlord's own (?requestId=); reviewers and operators every landlord's (?landlordId=, ?requestId=).")
            .Produces<ReservationRightsPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    private static Task<IResult> ListEnvelopesAsync(HttpRequest request, EnvelopeApi api, CancellationToken cancellationToken) =>
        api.ListAsync(request, cancellationToken);

    private static Task<IResult> ListReservationRightsAsync(HttpRequest request, ReservationRightsApi api, CancellationToken cancellationToken) =>
        api.ListAsync(request, cancellationToken);
}

using Partenariat.SelfContainedHost.Startup;
using Partenariat.Workflow.ReservationRights;

namespace Partenariat.SelfContainedHost.ReservationRights;

/// <summary>The reservation-right registry, twin of the Functions app's EnvelopeFunctions.ListReservationRights.</summary>
internal static class ReservationRightsEndpoints
{
    public static IEndpointRouteBuilder MapReservationRightsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ReservationRightsApi.Route, ListReservationRightsAsync)
            .WithTags("Reservation rights")
            .WithName("ListReservationRights")
            .WithSummary("The reservation-right registry: a landlord's own (?requestId=); reviewers and operators every landlord's (?landlordId=, ?requestId=).")
            .WithQuery("requestId", "One request's rights.", OpenApiQuery.Text())
            .WithQuery("landlordId", "One landlord's rights (its SIREN; reviewers and operators).", OpenApiQuery.Text())
            .Produces<ReservationRightsPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    private static Task<IResult> ListReservationRightsAsync(HttpRequest request, ReservationRightsApi api, CancellationToken cancellationToken) =>
        api.ListAsync(request, cancellationToken);
}

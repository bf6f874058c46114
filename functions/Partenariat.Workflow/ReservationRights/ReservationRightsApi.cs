using Microsoft.AspNetCore.Http;
using Partenariat.Domain.Common;
using Partenariat.Domain.ReservationRights;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.ReservationRights;

/// <summary>One entry of the reservation-right registry: the rights Action Logement receives for one request.</summary>
/// <param name="RequestId">The financed request.</param>
/// <param name="LandlordId">Its landlord's SIREN.</param>
/// <param name="Count">How many rights.</param>
/// <param name="Kind">SingleRight (one allocation) or RecurringRight (at every vacancy during the duration).</param>
/// <param name="DurationYears">Their duration.</param>
/// <param name="Status">Planned (at the decision), Assigned (at delivery), Expired (after the end date).</param>
/// <param name="StartDate">The delivery date, once assigned.</param>
/// <param name="EndDate">The start date plus the duration, once assigned.</param>
public sealed record ReservationRightEntry(
    string RequestId,
    string LandlordId,
    int Count,
    ReservationRightKind Kind,
    int DurationYears,
    ReservationRightStatus Status,
    DateOnly? StartDate,
    DateOnly? EndDate);

/// <summary>The registry's answer.</summary>
/// <param name="Items">The entries, by landlord then request.</param>
/// <param name="TotalRights">The sum of their counts.</param>
public sealed record ReservationRightsPage(IReadOnlyList<ReservationRightEntry> Items, int TotalRights);

/// <summary>
/// GET /api/reservation-rights, shared by both hosts: the reservation-right registry, a projection
/// of the requests' views (<see cref="FinancingRequestStore.ListReservationRightsAsync"/>). A
/// landlord sees its own (<c>?requestId=</c> narrows to one request); reviewers and operators see
/// every landlord's (<c>?landlordId=</c>, <c>?requestId=</c>). Whether an assigned right has
/// expired is the domain's <see cref="ReservationRight"/> rule, as of today.
/// </summary>
public sealed class ReservationRightsApi(CallerAuthentication authentication, FinancingRequestStore requests, TimeProvider timeProvider)
{
    /// <summary>The route, under host.json's prefix.</summary>
    public const string Route = "reservation-rights";

    /// <summary>GET /api/reservation-rights.</summary>
    public async Task<IResult> ListAsync(HttpRequest http, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (await authentication.AuthenticateAsync(http, cancellationToken).ConfigureAwait(false) is not { } caller)
        {
            return Problems.Unauthenticated();
        }

        var requestId = http.Query["requestId"].ToString();
        var landlordId = http.Query["landlordId"].ToString();
        if (TextRules.Check("requestId", requestId, InputLimits.MaxNameLength).Concat(TextRules.Check("landlordId", landlordId, InputLimits.MaxNameLength)).ToList() is { Count: > 0 } unreadable)
        {
            return Problems.Invalid(unreadable, "The query is not valid");
        }
        if (caller.Role == CallerRole.Landlord)
        {
            if (landlordId.Length > 0 && landlordId != caller.Id)
            {
                return Problems.Invalid([new ValidationError("landlordId", ErrorCodes.Mismatch, $"A landlord sees only its own rights: leave landlordId out, or give your own SIREN ({caller.Id}).")], "The query is not valid");
            }

            landlordId = caller.Id;
        }

        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var recorded = await requests.ListReservationRightsAsync(landlordId, requestId, cancellationToken).ConfigureAwait(false);
        var items = recorded.Select(r => Entry(r, today)).ToList();
        return ApiResults.Ok(new ReservationRightsPage(items, items.Sum(i => i.Count)));
    }

    private static ReservationRightEntry Entry(RecordedRights recorded, DateOnly today)
    {
        var right = recorded.Rights.ToDomain(recorded.RequestId, today);
        return new ReservationRightEntry(
            recorded.RequestId, recorded.LandlordId, right.Terms.Count, right.Terms.Kind, right.Terms.DurationYears, right.Status, right.StartDate, right.EndDate);
    }
}

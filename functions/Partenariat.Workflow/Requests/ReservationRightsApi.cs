using System.Globalization;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Partenariat.Domain.ReservationRights;
using Partenariat.Workflow.Storage;

namespace Partenariat.Workflow.Requests;

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
/// GET /api/reservation-rights, shared by both hosts: the reservation-right registry, read from the
/// rights columns of the requests' views (<see cref="FinancingRequestStore.RightsColumns"/>: PK
/// landlord, RK request; the steps that plan or assign rights write them). A landlord sees its own
/// (<c>?requestId=</c> narrows to one request); reviewers and operators see every landlord's
/// (<c>?landlordId=</c>, <c>?requestId=</c>). An assigned right past its end date reads Expired.
/// </summary>
public sealed class ReservationRightsApi(CallerAuthentication authentication, TableServiceClient tables, TimeProvider timeProvider)
{
    /// <summary>The route, under host.json's prefix.</summary>
    public const string Route = "reservation-rights";

    private static readonly string[] Columns =
    [
        "PartitionKey", "RowKey", FinancingRequestStore.RightsColumns.Count, FinancingRequestStore.RightsColumns.Kind, FinancingRequestStore.RightsColumns.DurationYears,
        FinancingRequestStore.RightsColumns.Status, FinancingRequestStore.RightsColumns.StartDate, FinancingRequestStore.RightsColumns.EndDate,
    ];

    private readonly TableClient _registry = tables.GetTableClient(StorageNames.RequestsTable);

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
        if (caller.Role == CallerRole.Landlord)
        {
            if (landlordId.Length > 0 && landlordId != caller.Id)
            {
                return Problems.Invalid([new Domain.Common.ValidationError("landlordId", Domain.Common.ErrorCodes.Mismatch, $"A landlord sees only its own rights: leave landlordId out, or give your own SIREN ({caller.Id}).")], "The query is not valid");
            }

            landlordId = caller.Id;
        }

        // Only the views with rights (a missing column compares as false).
        var filters = new List<string> { $"{FinancingRequestStore.RightsColumns.Count} gt 0" };
        if (landlordId.Length > 0)
        {
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {landlordId}"));
        }

        if (requestId.Length > 0)
        {
            filters.Add(TableClient.CreateQueryFilter($"RowKey eq {requestId}"));
        }

        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var items = new List<ReservationRightEntry>();
        await foreach (var row in _registry.QueryAsync<TableEntity>(string.Join(" and ", filters), select: Columns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            items.Add(Read(row, today));
        }

        return ApiResults.Ok(new ReservationRightsPage(items, items.Sum(i => i.Count)));
    }

    private static ReservationRightEntry Read(TableEntity row, DateOnly today)
    {
        var start = Date(row.GetString(FinancingRequestStore.RightsColumns.StartDate));
        var end = Date(row.GetString(FinancingRequestStore.RightsColumns.EndDate));
        var status = Enum.Parse<ReservationRightStatus>(row.GetString(FinancingRequestStore.RightsColumns.Status) ?? nameof(ReservationRightStatus.Planned));
        if (status == ReservationRightStatus.Assigned && end is { } last && today >= last)
        {
            status = ReservationRightStatus.Expired;
        }

        return new ReservationRightEntry(
            row.RowKey, row.PartitionKey, row.GetInt32(FinancingRequestStore.RightsColumns.Count) ?? 0,
            Enum.Parse<ReservationRightKind>(row.GetString(FinancingRequestStore.RightsColumns.Kind) ?? nameof(ReservationRightKind.SingleRight)),
            row.GetInt32(FinancingRequestStore.RightsColumns.DurationYears) ?? 0, status, start, end);
    }

    private static DateOnly? Date(string? text) =>
        string.IsNullOrEmpty(text) ? null : DateOnly.ParseExact(text, "O", CultureInfo.InvariantCulture);
}

using System.Globalization;
using Azure.Data.Tables;
using Partenariat.Domain.Decisions;
using Partenariat.Domain.Reports;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;
using Partenariat.Domain.Territory;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Reports;

/// <summary>
/// A request's row in the reports' read model: what <see cref="ReportedRequest"/> needs, in columns
/// (no JSON to parse), with the view's step number it was made from. Made from a view only, so that
/// the same view always gives the same row (the projection is idempotent and can be rebuilt).
/// </summary>
internal static class ReportRow
{
    /// <summary>The columns a report reads (every column but the bookkeeping ones).</summary>
    public static readonly string[] Columns =
    [
        "RowKey", "LandlordId", "LineId", "Status", "StatusSince", "SubmittedAt", "Municipality", "District", "IsNpnru",
        "Plai", "Plus", "Pls", "Li", "CollectiveStructure", "RequestedGrant", "RequestedLoan", "Approved", "DecidedOn", "Disbursed",
        "RightsCount", "RightsKind", "RightsDurationYears", "RightsStatus", "RightsStartDate", "RightsEndDate",
    ];

    /// <summary>The request a view describes, as the reports count it; communes and districts by their canonical names.</summary>
    public static ReportedRequest FromView(FinancingRequestView view, MetropolitanTerritory territory)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(territory);
        var request = view.Request;
        var operation = request.Operation;
        var district = territory.FindDistrict(operation?.Municipality, operation?.District);
        var lines = request.RequestedLines?.Where(l => l is not null).ToList() ?? [];
        var approved = view.Decision is { Outcome: DecisionOutcome.Approved } decision ? decision.ApprovedAmount : 0m;
        var rights = view.ReservationRights is { } r ? new ReportedRights(r.Count, r.Kind, r.DurationYears, r.Status, r.StartDate, r.EndDate) : null;
        return new ReportedRequest(
            view.RequestId,
            view.LandlordId,
            request.EnvelopeLineId ?? string.Empty,
            view.Status,
            view.StatusSince ?? (view.Status == RequestState.Submitted ? view.SubmittedAt : view.UpdatedAt),
            view.SubmittedAt,
            new ReportedOperation(
                territory.FindMunicipality(operation?.Municipality)?.Name ?? operation?.Municipality ?? string.Empty,
                district?.Name ?? operation?.District,
                (operation?.IsNpnru ?? false) || (district?.IsNpnru ?? false),
                operation?.Dwellings ?? new DwellingMix()),
            new ReportedAmounts(
                lines.Where(l => l.Kind == FundingKind.Grant).Sum(l => l.Amount),
                lines.Where(l => l.Kind != FundingKind.Grant).Sum(l => l.Amount),
                approved,
                view.Decision?.DecidedOn,
                view.Tranches.Sum(t => t.Paid)),
            rights);
    }

    /// <summary>The row of <paramref name="request"/>, made from the view at step <paramref name="step"/>.</summary>
    public static TableEntity ToEntity(string conventionId, ReportedRequest request, int step)
    {
        var o = request.Operation;
        var a = request.Amounts;
        var entity = new TableEntity(conventionId, request.RequestId)
        {
            ["Step"] = step,
            ["LandlordId"] = request.LandlordId,
            ["LineId"] = request.LineId,
            ["Status"] = request.Status.ToString(),
            ["StatusSince"] = request.StatusSince,
            ["SubmittedAt"] = request.SubmittedAt,
            ["Municipality"] = o.Municipality,
            ["District"] = o.District,
            ["IsNpnru"] = o.IsNpnru,
            ["Plai"] = o.Dwellings.Plai,
            ["Plus"] = o.Dwellings.Plus,
            ["Pls"] = o.Dwellings.Pls,
            ["Li"] = o.Dwellings.Li,
            ["CollectiveStructure"] = o.Dwellings.CollectiveStructure,
            ["RequestedGrant"] = Amount(a.RequestedGrant),
            ["RequestedLoan"] = Amount(a.RequestedLoan),
            ["Approved"] = Amount(a.Approved),
            ["DecidedOn"] = a.DecidedOn?.ToString("O", CultureInfo.InvariantCulture),
            ["Disbursed"] = Amount(a.Disbursed),
        };
        if (request.Rights is { } rights)
        {
            entity["RightsCount"] = rights.Count;
            entity["RightsKind"] = rights.Kind.ToString();
            entity["RightsDurationYears"] = rights.DurationYears;
            entity["RightsStatus"] = rights.Status.ToString();
            entity["RightsStartDate"] = rights.StartDate?.ToString("O", CultureInfo.InvariantCulture);
            entity["RightsEndDate"] = rights.EndDate?.ToString("O", CultureInfo.InvariantCulture);
        }

        return entity;
    }

    /// <summary>The request a stored row describes.</summary>
    public static ReportedRequest FromEntity(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var rights = row.GetInt32("RightsCount") is { } count
            ? new ReportedRights(
                count,
                Enum.Parse<ReservationRightKind>(row.GetString("RightsKind")),
                row.GetInt32("RightsDurationYears") ?? 0,
                Enum.Parse<ReservationRightStatus>(row.GetString("RightsStatus")),
                Date(row.GetString("RightsStartDate")),
                Date(row.GetString("RightsEndDate")))
            : null;
        return new ReportedRequest(
            row.RowKey,
            row.GetString("LandlordId"),
            row.GetString("LineId"),
            Enum.Parse<RequestState>(row.GetString("Status")),
            row.GetDateTimeOffset("StatusSince") ?? default,
            row.GetDateTimeOffset("SubmittedAt") ?? default,
            new ReportedOperation(
                row.GetString("Municipality") ?? string.Empty,
                row.GetString("District"),
                row.GetBoolean("IsNpnru") ?? false,
                new DwellingMix
                {
                    Plai = row.GetInt32("Plai") ?? 0,
                    Plus = row.GetInt32("Plus") ?? 0,
                    Pls = row.GetInt32("Pls") ?? 0,
                    Li = row.GetInt32("Li") ?? 0,
                    CollectiveStructure = row.GetInt32("CollectiveStructure") ?? 0,
                }),
            new ReportedAmounts(
                Parse(row.GetString("RequestedGrant")), Parse(row.GetString("RequestedLoan")), Parse(row.GetString("Approved")),
                Date(row.GetString("DecidedOn")), Parse(row.GetString("Disbursed"))),
            rights);
    }

    private static string Amount(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    private static decimal Parse(string? text) => decimal.Parse(text ?? "0", CultureInfo.InvariantCulture);

    private static DateOnly? Date(string? text) => string.IsNullOrEmpty(text) ? null : DateOnly.ParseExact(text, "O", CultureInfo.InvariantCulture);
}

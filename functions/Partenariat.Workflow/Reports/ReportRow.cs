using System.Text.Json;
using Azure.Data.Tables;
using Partenariat.Domain.Decisions;
using Partenariat.Domain.Reports;
using Partenariat.Domain.Requests;
using Partenariat.Domain.Territory;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Reports;

/// <summary>
/// A request's row in the reports' read model: the view's step it was made from, the landlord (to
/// filter on), and the <see cref="ReportedRequest"/> as compact JSON in one column. One column, not
/// one per figure: a query's cost on Azurite and in the storage client grows with the properties of
/// each row returned (10,000 rows: 0.4 s in one property, 1.8 s in 25; docs/benchmarks.md). Made
/// from a view only, so that the same view always gives the same row (the projection is idempotent
/// and can be rebuilt).
/// </summary>
internal static class ReportRow
{
    /// <summary>The column that holds the request's figures.</summary>
    public const string RowColumn = "Row";

    /// <summary>The columns a report reads.</summary>
    public static readonly string[] Columns = ["RowKey", RowColumn];

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
    public static TableEntity ToEntity(string conventionId, ReportedRequest request, int step) => new(conventionId, request.RequestId)
    {
        ["Step"] = step,
        ["LandlordId"] = request.LandlordId,
        [RowColumn] = JsonSerializer.Serialize(request, PartenariatJson.Options),
    };

    /// <summary>The request a stored row describes.</summary>
    public static ReportedRequest FromEntity(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return JsonSerializer.Deserialize<ReportedRequest>(row.GetString(RowColumn) ?? "null", PartenariatJson.Options)
            ?? throw new InvalidOperationException($"The report row of request '{row.RowKey}' is empty.");
    }
}

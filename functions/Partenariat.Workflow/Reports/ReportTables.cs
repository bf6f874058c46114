using Partenariat.Domain.Reports;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;

namespace Partenariat.Workflow.Reports;

/// <summary>How a cell reads: text, a whole number, an amount in euros, a share (0 to 1), a date.</summary>
public enum CellKind
{
    /// <summary>Text.</summary>
    Text,

    /// <summary>A whole number.</summary>
    Count,

    /// <summary>An amount in euros.</summary>
    Euros,

    /// <summary>A share, from 0 to 1 (shown as a percentage).</summary>
    Share,

    /// <summary>A date.</summary>
    Date,
}

/// <summary>A column of a report table: its French header and how its cells read.</summary>
public sealed record ReportColumn(string Header, CellKind Kind);

/// <summary>One table of a report, as the CSV files and the workbook's sheets show it (French headers and labels).</summary>
/// <param name="Name">Its name in routes (<c>csv/{name}</c>) and as the sheet's name.</param>
/// <param name="Title">Its title for people.</param>
/// <param name="Columns">Its columns.</param>
/// <param name="Rows">Its rows: each cell a string, an int, a decimal, a DateOnly, or null.</param>
public sealed record ReportTable(string Name, string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>A report's tables, in French: what people read in the CSV files and the workbook.</summary>
public static class ReportTables
{
    /// <summary>The tables' names, in order (each a CSV file and a sheet).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "enveloppes", "enveloppes-annees", "logements-produits", "logements", "droits", "droits-echeance",
        "instruction-etats", "instruction", "prevision", "prevision-risques", "annexe-1", "annexe-1-production", "annexe-2",
    ];

    private static readonly ReportColumn[] Dwellings =
    [
        new("Opérations", CellKind.Count), new("PLAI", CellKind.Count), new("PLUS", CellKind.Count), new("PLS", CellKind.Count),
        new("LI", CellKind.Count), new("Structures collectives", CellKind.Count), new("Logements", CellKind.Count),
        new("Subventions", CellKind.Euros), new("Prêts", CellKind.Euros),
    ];

    /// <summary>Every table of <paramref name="report"/>, in the order of <see cref="Names"/>.</summary>
    public static IReadOnlyList<ReportTable> Of(SteeringReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [.. Envelopes(report), .. DwellingTables(report.Dwellings), .. Rights(report.Rights), .. Pipeline(report.Pipeline), .. Forecast(report.Forecast), .. Annexes(report.Annexes)];
    }

    private static IEnumerable<ReportTable> Envelopes(SteeringReport report)
    {
        yield return new("enveloppes", "Enveloppes par ligne",
            [Text("Ligne"), Euros("Prévu"), Euros("Réservé"), Euros("Engagé"), Euros("Décaissé"), Euros("Caduc"), Euros("Reste"),
             Share("Part réservée"), Share("Part engagée"), Share("Part décaissée"), Share("Part restante"), Share("Part de la période"),
             Count("Demandes"), Euros("Réservé (demandes)"), Euros("Engagé (demandes)"), Euros("Décaissé (demandes)")],
            [.. report.Envelopes.Select(l => Row(l.Label, l.Planned, l.Reserved, l.Committed, l.Disbursed, l.Lapsed, l.Remaining,
                l.Shares?.Reserved, l.Shares?.Committed, l.Shares?.Disbursed, l.Shares?.Remaining, l.Shares?.OfPeriod,
                l.FromRequests.Requests, l.FromRequests.Reserved, l.FromRequests.Committed, l.FromRequests.Disbursed))]);
        yield return new("enveloppes-annees", "Mouvements par ligne et par année",
            [Text("Ligne"), Count("Année"), Euros("Réservé"), Euros("Engagé"), Euros("Décaissé"), Euros("Libéré"), Euros("Caduc")],
            [.. report.Envelopes.SelectMany(l => l.Years.Select(y => Row(l.Label, y.Year, y.Reserved, y.Committed, y.Disbursed, y.Released, y.Lapsed)))]);
    }

    private static IEnumerable<ReportTable> DwellingTables(DwellingReport dwellings)
    {
        yield return new("logements-produits", "Logements financés par produit",
            [Text("Produit"), Count("Logements"), Share("Part")],
            [.. dwellings.ByProduct.Select(p => Row(FrenchLabels.Of(p.Product), p.Dwellings, p.Share))]);
        var groups = new (string Label, IEnumerable<AreaRow> Rows)[]
        {
            ("Commune", dwellings.ByCommune), ("QPV", dwellings.ByDistrict), ("NPNRU", dwellings.ByNpnru), ("Total", [dwellings.Total]),
        };
        yield return new("logements", "Opérations et logements financés, subventions et prêts à part",
            [Text("Regroupement"), Text("Clé"), .. Dwellings],
            [.. groups.SelectMany(g => g.Rows.Select(a => Row(g.Label, a.Key, a.Operations, a.Dwellings.Plai, a.Dwellings.Plus, a.Dwellings.Pls,
                a.Dwellings.Li, a.Dwellings.CollectiveStructure, a.Dwellings.Total, a.Grants, a.Loans)))]);
    }

    private static IEnumerable<ReportTable> Rights(RightsReport rights)
    {
        var groups = new (string Label, IEnumerable<RightsRow> Rows, Func<string, string> Key)[]
        {
            ("Type", rights.ByKind, k => FrenchLabels.Of(Enum.Parse<ReservationRightKind>(k))),
            ("Durée (ans)", rights.ByDuration, k => k.TrimStart('0')),
            ("Bailleur", rights.ByLandlord, k => k),
            ("Commune", rights.ByCommune, k => k),
            ("Total", [rights.Total], k => k),
        };
        yield return new("droits", "Droits de réservation",
            [Text("Regroupement"), Text("Clé"), Count("Demandes"), Count("Prévus"), Count("En cours"), Count("Échus")],
            [.. groups.SelectMany(g => g.Rows.Select(r => Row(g.Label, g.Key(r.Key), r.Requests, r.Planned, r.Running, r.Expired)))]);
        yield return new("droits-echeance", "Droits arrivant à échéance dans l'année",
            [Text("Demande"), Text("Bailleur"), Text("Commune"), Count("Droits"), Text("Type"), Date("Fin")],
            [.. rights.ExpiringWithinAYear.Select(r => Row(r.RequestId, r.LandlordId, r.Municipality, r.Count, FrenchLabels.Of(r.Kind), r.EndDate))]);
    }

    private static IEnumerable<ReportTable> Pipeline(PipelineReport pipeline)
    {
        yield return new("instruction-etats", "Demandes en cours par état",
            [Text("État"), Text("En attente de"), Count("Demandes"), Euros("Montant demandé"), Count("Plus ancienne (jours)")],
            [.. pipeline.ByState.Select(s => Row(FrenchLabels.Of(s.State), FrenchLabels.Of(s.WaitingFor), s.Requests, s.Requested, s.OldestDays))]);
        yield return new("instruction", "Demandes en cours",
            [Text("Demande"), Text("Bailleur"), Text("Ligne"), Text("Commune"), Text("État"), Date("Depuis"), Count("Âge (jours)"), Text("En attente de"), Euros("Montant demandé")],
            [.. pipeline.Requests.Select(r => Row(r.RequestId, r.LandlordId, r.LineId, r.Municipality, FrenchLabels.Of(r.State),
                DateOnly.FromDateTime(r.Since.UtcDateTime), r.AgeDays, FrenchLabels.Of(r.WaitingFor), r.Requested))]);
    }

    private static IEnumerable<ReportTable> Forecast(ForecastReport forecast)
    {
        yield return new("prevision", $"Prévision à la fin de la période (délai médian d'engagement : {forecast.DaysToCommitment} jours)",
            [Text("Ligne"), Euros("Prévu"), Euros("Engagé"), Count("Jours écoulés"), Count("Jours restants"), Euros("Rythme par jour"),
             Euros("Apport au rythme actuel"), Euros("Apport des demandes en cours"), Euros("Engagé prévu"), Euros("Caducité prévue")],
            [.. forecast.Lines.Select(l => Row(l.LineId, l.Planned, l.Committed, l.ElapsedDays, l.RemainingDays, l.PacePerDay, l.FromPace, l.FromPipeline, l.ForecastCommitted, l.ForecastLapse))]);
        yield return new("prevision-risques", "Demandes risquant la caducité (pas de redéploiement)",
            [Text("Demande"), Text("Bailleur"), Text("Ligne"), Text("État"), Euros("Montant demandé"), Date("Engagement attendu"), Text("Motif")],
            [.. forecast.AtRisk.Select(r => Row(r.RequestId, r.LandlordId, r.LineId, FrenchLabels.Of(r.State), r.Requested, r.ExpectedCommitment, FrenchLabels.Of(r.Reason)))]);
    }

    private static IEnumerable<ReportTable> Annexes(AnnexesReport annexes)
    {
        var one = annexes.Annexe1;
        yield return new("annexe-1", "Annexe 1 : concours financiers mobilisés 2017-2019",
            [Text("Ligne"), .. one.Years.Select(y => Euros($"Année {y}")), Euros("Total 2017-2019")],
            [.. one.Lines.Select(l => Row([l.Label, .. l.Amounts.Cast<object?>(), l.Total])), Row(["Total général", .. one.YearTotals.Cast<object?>(), one.Total])]);
        yield return new("annexe-1-production", "Annexe 1 : production de logements et aides aux salariés 2017-2019",
            [Text("Indicateur"), Count("Nombre"), Euros("Montant")],
            [
                Row("Logements financés", one.Dwellings, null),
                .. one.ProductShares.Select(s => Row($"Part {FrenchLabels.Of(s.Product)} (%)", s.Percent, null)),
                Row("Droits de réservation", one.ReservationRights, null),
                .. one.EmployeeAids.Select(a => Row(a.Kind, a.Count, a.Amount)),
            ]);
        var two = annexes.Annexe2;
        yield return new("annexe-2", two.IsProvisional ? "Annexe 2 : concours financiers prévisionnels 2020-2022" : "Annexe 2 : concours financiers 2020-2022",
            [Text("Ligne"), Euros("Total 2020-2022")],
            [.. two.Lines.Select(l => Row(l.Label, l.Total)), Row("Total général", two.Total)]);
    }

    private static ReportColumn Text(string header) => new(header, CellKind.Text);

    private static ReportColumn Count(string header) => new(header, CellKind.Count);

    private static ReportColumn Euros(string header) => new(header, CellKind.Euros);

    private static ReportColumn Share(string header) => new(header, CellKind.Share);

    private static ReportColumn Date(string header) => new(header, CellKind.Date);

    private static object?[] Row(params object?[] cells) => cells;
}

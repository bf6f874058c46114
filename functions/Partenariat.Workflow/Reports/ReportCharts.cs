using System.Text;
using Partenariat.Domain.Reports;
using ScottPlot;

namespace Partenariat.Workflow.Reports;

/// <summary>The formats a chart is drawn in.</summary>
public enum ChartFormat
{
    /// <summary>SVG: for the pages.</summary>
    Svg,

    /// <summary>PNG: for the workbook, and wherever SVG is not shown.</summary>
    Png,
}

/// <summary>
/// The report's charts, drawn with ScottPlot (French labels): each line's consumption over the
/// period against its amount, the mix of the dwellings financed by product, the pipeline by state.
/// </summary>
public static class ReportCharts
{
    /// <summary>A chart's width in pixels.</summary>
    public const int Width = 800;

    /// <summary>A chart's height in pixels.</summary>
    public const int Height = 450;

    /// <summary>The charts' names, in routes (<c>charts/{name}</c>), with their titles.</summary>
    public static IReadOnlyDictionary<string, string> Titles { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["consumption"] = "Consommation des enveloppes sur la période",
        ["products"] = "Logements financés par produit",
        ["pipeline"] = "Demandes en cours par état",
    };

    /// <summary>The chart <paramref name="name"/> (one of <see cref="Titles"/>) of <paramref name="report"/>, as <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentException">No such chart.</exception>
    public static byte[] Draw(SteeringReport report, string name, ChartFormat format)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = name switch
        {
            "consumption" => Consumption(report),
            "products" => Products(report.Dwellings),
            "pipeline" => Pipeline(report.Pipeline),
            _ => throw new ArgumentException($"No chart '{name}'.", nameof(name)),
        };
        plot.Title(Titles[name]);
        return format == ChartFormat.Svg ? Encoding.UTF8.GetBytes(plot.GetSvgXml(Width, Height)) : plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>The media type of <paramref name="format"/>.</summary>
    public static string ContentType(ChartFormat format) => format == ChartFormat.Svg ? "image/svg+xml" : "image/png";

    private static Plot Consumption(SteeringReport report)
    {
        var plot = new Plot();
        var start = report.PeriodStart.ToDateTime(TimeOnly.MinValue);
        var end = report.PeriodEnd.ToDateTime(TimeOnly.MinValue);
        foreach (var line in report.Envelopes)
        {
            // Cumulated at the start of the period, then at the end of each year gone by (the report's day for its own year).
            var xs = new List<DateTime> { start };
            var committed = new List<double> { 0 };
            var disbursed = new List<double> { 0 };
            foreach (var year in line.Years)
            {
                var at = year.Year < report.AsOf.Year ? new DateTime(year.Year, 12, 31, 0, 0, 0, DateTimeKind.Unspecified) : report.AsOf.ToDateTime(TimeOnly.MinValue);
                xs.Add(at);
                committed.Add(committed[^1] + (double)(year.Committed / 1_000m));
                disbursed.Add(disbursed[^1] + (double)(year.Disbursed / 1_000m));
            }

            plot.Add.Scatter(xs.ToArray(), committed.ToArray()).LegendText = $"{line.Label} : engagé";
            plot.Add.Scatter(xs.ToArray(), disbursed.ToArray()).LegendText = $"{line.Label} : décaissé";
            if (line.Planned is { } planned)
            {
                var amount = plot.Add.Scatter(new[] { start, end }, new[] { 0d, (double)(planned / 1_000m) });
                amount.LegendText = $"{line.Label} : enveloppe au rythme de la période";
                amount.LinePattern = LinePattern.Dashed;
            }
        }

        plot.Axes.DateTimeTicksBottom();
        plot.Axes.SetLimitsX(start.ToOADate(), end.ToOADate());
        plot.YLabel("k€ cumulés");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot Products(DwellingReport dwellings) =>
        Bars(dwellings.ByProduct.Select(p => (FrenchLabels.Of(p.Product), (double)p.Dwellings)).ToList(), "Logements");

    private static Plot Pipeline(PipelineReport pipeline) =>
        Bars(pipeline.ByState.Select(s => (FrenchLabels.Of(s.State), (double)s.Requests)).ToList(), "Demandes");

    // Horizontal bars, the first at the top, so that long French labels stay readable.
    private static Plot Bars(IReadOnlyList<(string Label, double Value)> bars, string unit)
    {
        var plot = new Plot();
        var positions = Enumerable.Range(0, bars.Count).Select(i => (double)(bars.Count - 1 - i)).ToArray();
        var series = plot.Add.Bars(positions, bars.Select(b => b.Value).ToArray());
        series.Horizontal = true;
        plot.Axes.Left.SetTicks(positions, bars.Select(b => b.Label).ToArray());
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Margins(left: 0);
        plot.XLabel(unit);
        return plot;
    }
}

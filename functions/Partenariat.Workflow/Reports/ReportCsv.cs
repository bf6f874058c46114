using System.Globalization;
using CsvHelper;

namespace Partenariat.Workflow.Reports;

/// <summary>
/// A report table as a CSV file for a spreadsheet set to French: UTF-8 with a byte-order mark (so
/// that accents read right), fields separated by semicolons, decimal commas, amounts to the cent,
/// shares in percent, dates as dd/MM/yyyy. Written by CsvHelper (quoting as RFC 4180; a text field a spreadsheet would run as a formula is escaped).
/// </summary>
public static class ReportCsv
{
    /// <summary>The media type of the files.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CultureInfo French = CreateFrench();

    /// <summary>The CSV file of <paramref name="table"/>.</summary>
    public static byte[] Write(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var buffer = new MemoryStream();
        var options = new CsvWriterOptions { Separator = ';', WriteByteOrderMark = true, Injection = CsvInjection.Escape };
        using (var csv = CsvWriter.Create(buffer, options, leaveOpen: true))
        {
            csv.WriteRecord([.. table.Columns.Select(c => c.Kind == CellKind.Share ? c.Header + " (%)" : c.Header)]);
            foreach (var row in table.Rows)
            {
                csv.WriteRecord([.. table.Columns.Select((c, i) => Format(row[i], c.Kind))]);
            }
        }

        return buffer.ToArray();
    }

    private static string Format(object? cell, CellKind kind) => cell switch
    {
        null => string.Empty,
        decimal share when kind == CellKind.Share => (share * 100m).ToString("0.00", French),
        decimal amount when kind == CellKind.Euros => amount.ToString("0.00", French),
        decimal number => number.ToString(French),
        int count => count.ToString(French),
        DateOnly date => date.ToString("dd/MM/yyyy", French),
        _ => Convert.ToString(cell, French) ?? string.Empty,
    };

    // The invariant culture with a decimal comma: the process runs with invariant globalization, so
    // no culture data is loaded for fr-FR.
    private static CultureInfo CreateFrench()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = string.Empty;
        return CultureInfo.ReadOnly(culture);
    }
}

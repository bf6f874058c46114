using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace Partenariat.Workflow.Reports;

/// <summary>A chart to put in the workbook: its sheet's caption and its PNG image.</summary>
/// <param name="Title">What it shows.</param>
/// <param name="Png">The image.</param>
/// <param name="Width">Its width in pixels.</param>
/// <param name="Height">Its height in pixels.</param>
public sealed record WorkbookChart(string Title, byte[] Png, int Width, int Height);

/// <summary>
/// A report as an Excel workbook (.xlsx, written with the Open XML SDK): one sheet per table (its
/// title on row 1, headers on row 2, data from row 3; amounts in euros, shares as percentages, dates
/// as dates, numbers kept as numbers), then a <c>graphiques</c> sheet with the charts as images.
/// </summary>
public static class ReportWorkbook
{
    /// <summary>The media type of .xlsx files.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The name of the charts' sheet.</summary>
    public const string ChartsSheet = "graphiques";

    // Cell styles, by index in the stylesheet below.
    private const uint TitleStyle = 1;
    private const uint HeaderStyle = 2;
    private const uint EurosStyle = 3;
    private const uint ShareStyle = 4;
    private const uint CountStyle = 5;
    private const uint DateStyle = 6;
    private const long EmuPerPixel = 9525;

    /// <summary>The workbook of <paramref name="tables"/> and <paramref name="charts"/>.</summary>
    public static byte[] Write(IReadOnlyList<ReportTable> tables, IReadOnlyList<WorkbookChart> charts)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(charts);
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            uint id = 1;
            foreach (var table in tables)
            {
                AddSheet(workbook, id++, table.Name, Sheet(table));
            }

            var chartsPart = AddSheet(workbook, id, ChartsSheet, new Worksheet(new SheetData()));
            AddCharts(chartsPart, charts);
            workbook.Workbook.Save();
        }

        return buffer.ToArray();
    }

    private static WorksheetPart AddSheet(WorkbookPart workbook, uint id, string name, Worksheet worksheet)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        part.Worksheet = worksheet;
        workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
        return part;
    }

    private static Worksheet Sheet(ReportTable table)
    {
        var data = new SheetData();
        data.Append(new Row(TextCell("A1", table.Title, TitleStyle)) { RowIndex = 1 });
        data.Append(new Row(table.Columns.Select((c, i) => TextCell(Reference(i, 2), c.Header, HeaderStyle))) { RowIndex = 2 });
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var index = (uint)(r + 3);
            data.Append(new Row(table.Columns.Select((c, i) => Cell(Reference(i, index), table.Rows[r][i], c.Kind))) { RowIndex = index });
        }

        var widths = new Columns(table.Columns.Select((c, i) => new Column
        {
            Min = (uint)(i + 1), Max = (uint)(i + 1), CustomWidth = true,
            Width = Math.Max(12, Math.Min(60, Math.Max(c.Header.Length, table.Rows.Select(row => Convert.ToString(row[i], System.Globalization.CultureInfo.InvariantCulture)?.Length ?? 0).DefaultIfEmpty(0).Max()) + 2)),
        }));
        return new Worksheet(widths, data);
    }

    private static Cell Cell(string reference, object? value, CellKind kind) => value switch
    {
        null => new Cell { CellReference = reference },
        string text => TextCell(reference, text, 0),
        DateOnly date => NumberCell(reference, date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture), DateStyle),
        decimal number => NumberCell(reference, number.ToString(System.Globalization.CultureInfo.InvariantCulture), kind switch { CellKind.Share => ShareStyle, CellKind.Count => CountStyle, _ => EurosStyle }),
        int count => NumberCell(reference, count.ToString(System.Globalization.CultureInfo.InvariantCulture), CountStyle),
        _ => TextCell(reference, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, 0),
    };

    private static Cell TextCell(string reference, string text, uint style) =>
        new(new InlineString(new Text(text))) { CellReference = reference, DataType = CellValues.InlineString, StyleIndex = style };

    private static Cell NumberCell(string reference, string number, uint style) =>
        new(new CellValue(number)) { CellReference = reference, DataType = CellValues.Number, StyleIndex = style };

    /// <summary>The A1-style reference of column <paramref name="column"/> (from 0) on row <paramref name="row"/> (from 1).</summary>
    public static string Reference(int column, uint row)
    {
        var name = string.Empty;
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name + row.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.00\\ \"€\"" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "dd/mm/yyyy" }) { Count = 2 },
        new Fonts(new Font(), new Font(new Bold(), new FontSize { Val = 13 }), new Font(new Bold())) { Count = 3 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { FontId = 2, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true }) { Count = 7 });

    private static void AddCharts(WorksheetPart sheet, IReadOnlyList<WorkbookChart> charts)
    {
        var data = sheet.Worksheet.GetFirstChild<SheetData>()!;
        var drawings = sheet.AddNewPart<DrawingsPart>();
        drawings.WorksheetDrawing = new Xdr.WorksheetDrawing();
        sheet.Worksheet.Append(new Drawing { Id = sheet.GetIdOfPart(drawings) });
        var row = 0;
        uint pictureId = 1;
        foreach (var chart in charts)
        {
            data.Append(new Row(TextCell(Reference(0, (uint)row + 1), chart.Title, TitleStyle)) { RowIndex = (uint)row + 1 });
            var image = drawings.AddImagePart(ImagePartType.Png);
            using (var png = new MemoryStream(chart.Png))
            {
                image.FeedData(png);
            }

            drawings.WorksheetDrawing.Append(Picture(drawings.GetIdOfPart(image), pictureId++, chart, row + 1));
            // 20 pixels a row: the next chart starts below this one.
            row += 2 + (chart.Height / 20);
        }

        drawings.WorksheetDrawing.Save();
    }

    private static Xdr.OneCellAnchor Picture(string imageId, uint id, WorkbookChart chart, int row) => new(
        new Xdr.FromMarker(new Xdr.ColumnId("0"), new Xdr.ColumnOffset("0"), new Xdr.RowId(row.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Xdr.RowOffset("0")),
        new Xdr.Extent { Cx = chart.Width * EmuPerPixel, Cy = chart.Height * EmuPerPixel },
        new Xdr.Picture(
            new Xdr.NonVisualPictureProperties(
                new Xdr.NonVisualDrawingProperties { Id = id, Name = chart.Title },
                new Xdr.NonVisualPictureDrawingProperties(new DocumentFormat.OpenXml.Drawing.PictureLocks { NoChangeAspect = true })),
            new Xdr.BlipFill(
                new DocumentFormat.OpenXml.Drawing.Blip { Embed = imageId },
                new DocumentFormat.OpenXml.Drawing.Stretch(new DocumentFormat.OpenXml.Drawing.FillRectangle())),
            new Xdr.ShapeProperties(
                new DocumentFormat.OpenXml.Drawing.Transform2D(
                    new DocumentFormat.OpenXml.Drawing.Offset { X = 0, Y = 0 },
                    new DocumentFormat.OpenXml.Drawing.Extents { Cx = chart.Width * EmuPerPixel, Cy = chart.Height * EmuPerPixel }),
                new DocumentFormat.OpenXml.Drawing.PresetGeometry(new DocumentFormat.OpenXml.Drawing.AdjustValueList()) { Preset = DocumentFormat.OpenXml.Drawing.ShapeTypeValues.Rectangle })),
        new Xdr.ClientData());
}

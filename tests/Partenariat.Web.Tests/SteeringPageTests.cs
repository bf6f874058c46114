using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Partenariat.Domain.Requests;
using Partenariat.Testing;

namespace Partenariat.Web.Tests;

/// <summary>The steering committee's page shows the reports API's own figures, its charts and its downloads, and prints without its controls.</summary>
[Collection(PagesCollection.Name)]
public sealed class SteeringPageTests(PagesFixture fixture)
{
    private const string WorkbookType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Fact]
    public async Task SteeringPage_OneLandlordsReport_ShowsTheApisFiguresChartsAndDownloads()
    {
        // A request of a landlord no other page test uses, waiting for the committee: its figures stay put.
        var requestId = await fixture.SubmitAsync(SampleRequests.Valid(), PagesFixture.OtherLandlordKey);
        await fixture.WaitForStatusAsync(requestId, RequestState.PendingCommittee, PagesFixture.OtherLandlordKey);

        var page = await fixture.SignedInAsync("pilotage.html", PagesFixture.SteeringKey);
        await PagesFixture.SeeAsync(page.Locator("#situation"), "tous les bailleurs");
        await page.Locator("#f-landlordId").FillAsync(PagesFixture.OtherLandlordId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher le rapport" }).ClickAsync();
        await PagesFixture.SeeAsync(page.Locator("#situation"), $"chiffres du bailleur {PagesFixture.OtherLandlordId}");

        var conventionId = await page.Locator("#f-conventionId").InputValueAsync();
        var asOf = await page.Locator("#f-asOf").InputValueAsync();
        var query = $"?asOf={asOf}&landlordId={PagesFixture.OtherLandlordId}";
        using var api = fixture.Api(PagesFixture.SteeringKey);
        using var document = JsonDocument.Parse(await api.GetStringAsync(new Uri($"reports/{conventionId}{query}", UriKind.Relative)));
        var report = document.RootElement;

        Assert.Equal(SampleRequests.DemoConventionId, conventionId);
        Assert.Equal(report.GetProperty("totals").GetProperty("requests").GetInt32(), await CountAsync(page, "totals.requests"));
        Assert.True(report.GetProperty("totals").GetProperty("requests").GetInt32() >= 1);
        Assert.Equal(report.GetProperty("totals").GetProperty("requested").GetDecimal(), await EurosAsync(page, "totals.requested"));
        var line = report.GetProperty("envelopes").EnumerateArray().Single(l => l.GetProperty("reserved").GetDecimal() > 0);
        var lineId = line.GetProperty("lineId").GetString();
        Assert.Equal(line.GetProperty("reserved").GetDecimal(), await EurosAsync(page, $"envelopes.{lineId}.reserved"));
        Assert.Equal(line.GetProperty("fromRequests").GetProperty("requests").GetInt32(), await CountAsync(page, $"envelopes.{lineId}.fromRequests.requests"));
        var pending = report.GetProperty("pipeline").GetProperty("byState").EnumerateArray().Single(s => s.GetProperty("state").GetString() == "PendingCommittee");
        Assert.Equal(pending.GetProperty("requests").GetInt32(), await CountAsync(page, "pipeline.byState.PendingCommittee.requests"));
        Assert.Equal(pending.GetProperty("requested").GetDecimal(), await EurosAsync(page, "pipeline.byState.PendingCommittee.requested"));
        var mine = report.GetProperty("pipeline").GetProperty("requests").EnumerateArray().Single(r => r.GetProperty("requestId").GetString() == requestId);
        Assert.Equal(mine.GetProperty("ageDays").GetInt32(), await CountAsync(page, $"pipeline.requests.{requestId}.ageDays"));
        Assert.Contains("Comité", await page.Locator("#table-instruction").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(report.GetProperty("annexes").GetProperty("annexe1").GetProperty("total").GetDecimal(), await EurosAsync(page, "annexes.annexe1.total"));
        Assert.Equal(report.GetProperty("annexes").GetProperty("annexe2").GetProperty("total").GetDecimal(), await EurosAsync(page, "annexes.annexe2.total"));

        // The API's three charts, loaded, each with its French text alternative.
        var charts = page.Locator("img[data-graphique]");
        Assert.Equal(3, await charts.CountAsync());
        await Eventually.UntilAsync(
            async () => await page.EvaluateAsync<bool>("[...document.querySelectorAll('img[data-graphique]')].every(i => i.complete && i.naturalWidth > 0)"),
            "every chart image loaded");
        Assert.Contains("Demandes en cours par état", await page.Locator("img[data-graphique='pipeline']").GetAttributeAsync("alt"), StringComparison.Ordinal);

        // The downloads: the workbook's link answers the spreadsheet, the CSV's holds the request; a click saves the file.
        var workbookLink = await page.Locator("#telecharger-xlsx").GetAttributeAsync("href");
        Assert.EndsWith($"/xlsx{query}", workbookLink, StringComparison.Ordinal);
        using var workbook = await api.GetAsync(new Uri(workbookLink!));
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        Assert.Equal(WorkbookType, workbook.Content.Headers.ContentType?.MediaType);
        Assert.Equal("PK"u8.ToArray(), (await workbook.Content.ReadAsByteArrayAsync())[..2]);
        var csv = await api.GetStringAsync(new Uri((await page.Locator("#telecharger-instruction").GetAttributeAsync("href"))!));
        Assert.Contains(requestId, csv, StringComparison.Ordinal);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#telecharger-xlsx").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        await PagesFixture.ScreenshotAsync(page, "pilotage");

        // Printed: the report without the navigation, the choice of report and the downloads.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator("header.site").IsVisibleAsync());
        Assert.False(await page.Locator("#choix").IsVisibleAsync());
        Assert.False(await page.Locator("#telechargements").IsVisibleAsync());
        Assert.True(await page.Locator("#table-instruction").IsVisibleAsync());
    }

    [Fact]
    public async Task SteeringPage_AsOfBeforeThePeriod_ShowsTheApisReasonBesideTheForm()
    {
        var page = await fixture.SignedInAsync("pilotage.html", PagesFixture.SteeringKey);
        await PagesFixture.SeeAsync(page.Locator("#situation"), "situation au");

        await page.Locator("#f-asOf").FillAsync("2020-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher le rapport" }).ClickAsync();

        await PagesFixture.SeeAsync(page.Locator("#form-rapport [role=alert]"), "Corrigez");
        Assert.Contains("starts on", await page.Locator("#form-rapport [role=alert]").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SteeringPage_LandlordKey_IsRefused()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Pages, "pilotage.html").ToString());
        await page.Locator("#cle").FillAsync(PagesFixture.LandlordKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        await PagesFixture.SeeAsync(page.Locator("#erreurs"), "Clé d’accès absente ou inconnue");
        Assert.True(await page.Locator("#contenu").IsHiddenAsync());
    }

    private static async Task<int> CountAsync(IPage page, string figure) =>
        int.Parse(new string([.. (await Figure(page, figure).InnerTextAsync()).Where(char.IsDigit)]), CultureInfo.InvariantCulture);

    // "1 000 000,00 €" as the page writes it (fr-FR): digits and the decimal comma.
    private static async Task<decimal> EurosAsync(IPage page, string figure) =>
        decimal.Parse(new string([.. (await Figure(page, figure).InnerTextAsync()).Where(c => char.IsDigit(c) || c == ',')]).Replace(',', '.'), CultureInfo.InvariantCulture);

    private static ILocator Figure(IPage page, string figure) => page.Locator($"[data-chiffre='{figure}']");
}

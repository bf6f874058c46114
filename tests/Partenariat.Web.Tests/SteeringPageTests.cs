using System.Globalization;
using System.Net.Http.Json;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Http;

namespace Partenariat.Web.Tests;

/// <summary>The steering committee's page shows the API's own figures.</summary>
[Collection(PagesCollection.Name)]
public sealed class SteeringPageTests(PagesFixture fixture)
{
    [Fact]
    public async Task SteeringPage_EnvelopeFigures_MatchTheApi()
    {
        var page = await fixture.SignedInAsync("pilotage.html", PagesFixture.ReviewerKey);
        await PagesFixture.SeeAsync(page.Locator("#contenu"), "Consommation des enveloppes");
        using var api = fixture.Api(PagesFixture.ReviewerKey);
        var envelopes = (await api.GetFromJsonAsync<EnvelopesView>("envelopes", PartenariatJson.Options))!;

        foreach (var line in envelopes.Lines)
        {
            var row = page.Locator($"tr[data-ligne='{line.ConventionId}/{line.LineId}']");
            Assert.Equal(line.Planned, Euros(await row.Locator("[data-colonne='planned']").InnerTextAsync()));
            Assert.Equal(line.Reserved, Euros(await row.Locator("[data-colonne='reserved']").InnerTextAsync()));
            Assert.Equal(line.Committed, Euros(await row.Locator("[data-colonne='committed']").InnerTextAsync()));
            Assert.Equal(line.Disbursed, Euros(await row.Locator("[data-colonne='disbursed']").InnerTextAsync()));
            Assert.Equal(line.Remaining, Euros(await row.Locator("[data-colonne='remaining']").InnerTextAsync()));
        }

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#telecharger-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        var demo = envelopes.Lines.First(l => l.ClosesAt is not null);
        Assert.Contains($"\"{demo.ConventionId}\";\"{demo.LineId}\"", csv, StringComparison.Ordinal);
        Assert.Contains($";{demo.Planned.ToString(CultureInfo.InvariantCulture)};", csv, StringComparison.Ordinal);
        await PagesFixture.ScreenshotAsync(page, "pilotage");
    }

    // "1 000 000 000,00 €" as the page writes it (fr-FR): digits and the decimal comma.
    private static decimal Euros(string text) =>
        decimal.Parse(new string([.. text.Where(c => char.IsDigit(c) || c == ',')]).Replace(',', '.'), CultureInfo.InvariantCulture);
}

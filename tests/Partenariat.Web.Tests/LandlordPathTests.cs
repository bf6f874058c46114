using Microsoft.Playwright;
using Partenariat.Domain.Requests;
using Partenariat.Workflow.Notifications;

namespace Partenariat.Web.Tests;

/// <summary>A landlord's whole path from the pages: submission, the reviewer's approval, a document, the works start reported with its evidence attached, the first tranche paid; and the mails it sent.</summary>
[Collection(PagesCollection.Name)]
public sealed class LandlordPathTests(PagesFixture fixture)
{
    private const string Operation = "Résidence des Peupliers";

    [Fact]
    public async Task LandlordPage_SubmitToFirstTranche_PaidAndMailedOnce()
    {
        var landlord = await fixture.SignedInAsync("bailleur.html", PagesFixture.LandlordKey);
        await FillRequestAsync(landlord, Operation);
        await landlord.GetByRole(AriaRole.Button, new() { Name = "Déposer la demande" }).ClickAsync();
        await PagesFixture.SeeAsync(landlord.Locator("#demande .succes"), "Votre demande est déposée");
        var requestId = Uri.UnescapeDataString(new Uri(landlord.Url).Fragment.Split('=', 2)[1]);
        // The page follows the request by itself: checks, reservation, the committee.
        await PagesFixture.SeeAsync(landlord.Locator("#demande p .statut"), "En attente du comité");

        var reviewer = await fixture.SignedInAsync("instruction.html", PagesFixture.ReviewerKey);
        await reviewer.Locator($"a[href='#demande={Uri.EscapeDataString(requestId)}']").ClickAsync();
        await reviewer.Locator("#f-reviewer").FillAsync("Mme Martin");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await PagesFixture.SeeAsync(reviewer.Locator("#decision-envoyee"), "Décision appliquée");

        await PagesFixture.SeeAsync(landlord.Locator("#demande p .statut"), "Accordée");
        await landlord.Locator("#f-kind").SelectOptionAsync("SitePlan");
        await landlord.Locator("#f-file").SetInputFilesAsync(new FilePayload { Name = "plan-de-situation.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n% plan de situation\n"u8.ToArray() });
        await landlord.GetByRole(AriaRole.Button, new() { Name = "Joindre la pièce" }).ClickAsync();
        await PagesFixture.SeeAsync(landlord.Locator("#demande .succes"), "plan-de-situation.pdf");
        // The works start order attached to the milestone it proves: one upload reports both.
        await landlord.Locator("#f-milestone-kind").SelectOptionAsync("WorksStarted");
        await landlord.Locator("#f-date").FillAsync(Partenariat.Testing.SampleRequests.Today);
        await landlord.Locator("#f-evidence-file").SetInputFilesAsync(new FilePayload { Name = "ordre-de-service.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n% ordre de service\n"u8.ToArray() });
        await landlord.GetByRole(AriaRole.Button, new() { Name = "Déclarer le jalon" }).ClickAsync();

        await PagesFixture.SeeAsync(landlord.Locator("#demande p .statut"), "En cours de versement");
        var view = await fixture.ViewAsync(requestId);
        Assert.Equal(RequestState.Disbursing, view.Status);
        var first = view.Tranches.Single(t => t.Number == 1);
        Assert.Equal(250_000m, first.Paid);
        Assert.Equal(["SitePlan", "WorksStartOrder"], view.Documents!.Select(d => d.Kind.ToString()));
        var paidOn = MailTemplates.Date(first.PaidOn!.Value);
        await PagesFixture.SeeAsync(landlord.Locator("#tranches tr[data-tranche='1']"), paidOn);
        await PagesFixture.ScreenshotAsync(landlord, "bailleur");

        // Each event mailed once, in French, to whom it concerns.
        await Partenariat.Testing.Eventually.UntilAsync(async () => (await fixture.MailsAsync($"Tranche versée : {Operation}")).Count == 1, "the tranche's mail never came");
        var review = Assert.Single(await fixture.MailsAsync($"Demande à décider : {Operation}"));
        Assert.Contains(PagesFixture.ReviewersMail, review.To);
        var approved = Assert.Single(await fixture.MailsAsync($"Demande accordée : {Operation}"));
        Assert.Contains(PagesFixture.LandlordMail, approved.To);
        Assert.Contains("500\u202f000\u00a0€", approved.Text, StringComparison.Ordinal);
        var paid = Assert.Single(await fixture.MailsAsync($"Tranche versée : {Operation}"));
        Assert.Contains($"Tranche 1 : 250\u202f000\u00a0€ versés le {paidOn}", paid.Text, StringComparison.Ordinal);

        // The mails read in the SMTP sink's own page.
        var sink = await fixture.NewPageAsync();
        await sink.GotoAsync(fixture.Mail.WebUrl.ToString());
        await PagesFixture.SeeAsync(sink.Locator("body"), $"Tranche versée : {Operation}");
        await PagesFixture.ScreenshotAsync(sink, "maildev");
    }

    /// <summary>Fills the submission form as a landlord would (a 300 000 € grant and a 200 000 € loan).</summary>
    internal static async Task FillRequestAsync(IPage page, string operation)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Nouvelle demande" }).ClickAsync();
        await page.Locator("#f-landlord-name").FillAsync("Habitat test");
        await page.Locator("#f-landlord-kind").SelectOptionAsync("Oph");
        await page.Locator("#f-operation-name").FillAsync(operation);
        await page.Locator("#f-operation-kind").SelectOptionAsync("NewBuild");
        await page.Locator("#f-operation-municipality").FillAsync("Chenôve");
        await page.Locator("#f-operation-district").FillAsync("Le Mail");
        await page.Locator("#f-operation-isNpnru").CheckAsync();
        await page.Locator("#f-operation-dwellings-plai").FillAsync("4");
        await page.Locator("#f-operation-dwellings-plus").FillAsync("6");
        await page.Locator("#f-operation-totalCostExcludingTax").FillAsync("2000000");
        await page.Locator("#f-operation-financingPlan-0-name").FillAsync("Prêt CDC");
        await page.Locator("#f-operation-financingPlan-0-amount").FillAsync("1500000");
        await page.Locator("#f-operation-financingPlan-1-name").FillAsync("Action Logement");
        await page.Locator("#f-operation-financingPlan-1-amount").FillAsync("500000");
        await page.Locator("#f-operation-stateApprovalReference").FillAsync("DDT21-2026-001");
        await page.Locator("#f-operation-plannedWorksStart").FillAsync("2026-12-01");
        await page.Locator("#f-operation-plannedCompletion").FillAsync("2027-06-30");
        await page.Locator("#f-requestedLines-0-kind").SelectOptionAsync("Grant");
        await page.Locator("#f-requestedLines-0-amount").FillAsync("300000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter un financement demandé" }).ClickAsync();
        await page.Locator("#f-requestedLines-1-kind").SelectOptionAsync("Loan");
        await page.Locator("#f-requestedLines-1-amount").FillAsync("200000");
        await page.Locator("#f-requestedLines-1-loanDurationYears").FillAsync("25");
    }
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Partenariat.Domain.Requests;
using Partenariat.Testing;

namespace Partenariat.Web.Tests;

/// <summary>The reviewers' page: a decision from the page goes through the committee's queue and is applied.</summary>
[Collection(PagesCollection.Name)]
public sealed class ReviewerPageTests(PagesFixture fixture)
{
    [Fact]
    public async Task DecisionForm_ReducedApproval_AppliedThroughTheQueue()
    {
        var requestId = await fixture.SubmitAsync(SampleRequests.Valid() with { Operation = SampleRequests.Valid().Operation! with { Name = "Les Tilleuls" } });
        await fixture.WaitForStatusAsync(requestId, RequestState.PendingCommittee);

        var reviewer = await fixture.SignedInAsync("instruction.html", PagesFixture.ReviewerKey);
        await PagesFixture.SeeAsync(reviewer.Locator($"tr[data-demande='{requestId}']"), "Les Tilleuls");
        await reviewer.Locator($"a[href='#demande={Uri.EscapeDataString(requestId)}']").ClickAsync();
        await PagesFixture.SeeAsync(reviewer.Locator("#examen"), "Constats des contrôles");
        await reviewer.Locator("#f-approvedAmount").FillAsync("400000");
        await reviewer.Locator("#f-conditions").FillAsync("Démarrage des travaux avant le 30 juin 2027");
        await reviewer.Locator("#f-reviewer").FillAsync("M. Durand");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await PagesFixture.SeeAsync(reviewer.Locator("#decision-envoyee"), "Décision appliquée");

        var view = await fixture.WaitForStatusAsync(requestId, RequestState.Approved);
        Assert.Equal(400_000m, view.Decision!.ApprovedAmount);
        Assert.True(view.Decision.IsReducedApproval);
        Assert.Equal("M. Durand", view.Decision.Reviewer);
        Assert.Equal(["Démarrage des travaux avant le 30 juin 2027"], view.Decision.Conditions);
        await PagesFixture.ScreenshotAsync(reviewer, "instruction");
    }

    [Fact]
    public async Task DecisionForm_InformationRequested_LandlordAnswersFromThePage()
    {
        var requestId = await fixture.SubmitAsync(SampleRequests.Valid() with { Operation = SampleRequests.Valid().Operation! with { Name = "Le Clos Vert" } });
        await fixture.WaitForStatusAsync(requestId, RequestState.PendingCommittee);

        var reviewer = await fixture.SignedInAsync("instruction.html", PagesFixture.ReviewerKey);
        await reviewer.Locator($"a[href='#demande={Uri.EscapeDataString(requestId)}']").ClickAsync();
        await reviewer.GetByLabel("Demander des informations au bailleur").CheckAsync();
        await reviewer.Locator("#f-question").FillAsync("Quel prêteur pour le prêt ?");
        await reviewer.Locator("#f-reviewer").FillAsync("M. Durand");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await fixture.WaitForStatusAsync(requestId, RequestState.InformationRequested);

        var landlord = await fixture.SignedInAsync($"bailleur.html#demande={Uri.EscapeDataString(requestId)}", PagesFixture.LandlordKey);
        await PagesFixture.SeeAsync(landlord.Locator("#demande"), "Quel prêteur pour le prêt ?");
        await landlord.Locator("#f-answer").FillAsync("La Caisse des dépôts.");
        await landlord.GetByRole(AriaRole.Button, new() { Name = "Envoyer la réponse" }).ClickAsync();

        var view = await fixture.WaitForStatusAsync(requestId, RequestState.PendingCommittee);
        Assert.Contains(view.Timeline, e => e.Action == Partenariat.Workflow.Requests.TimelineAction.InformationAnswered && e.Details == "La Caisse des dépôts.");
        var asked = Assert.Single(await fixture.MailsAsync("Le comité vous demande des informations : Le Clos Vert"));
        Assert.Contains("« Quel prêteur pour le prêt ? »", asked.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecisionEndpoint_RejectionWithoutReason_Answers400NamingTheField()
    {
        var requestId = await fixture.SubmitAsync(SampleRequests.Valid());
        await fixture.WaitForStatusAsync(requestId, RequestState.PendingCommittee);
        using var api = fixture.Api(PagesFixture.ReviewerKey);

        using var response = await api.PostAsJsonAsync("committee/decisions", new { requestId, outcome = "Rejected", reviewer = "M. Durand" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("required", problem.GetProperty("codes").GetProperty("reason")[0].GetString());
        Assert.Equal(RequestState.PendingCommittee, (await fixture.ViewAsync(requestId)).Status);
    }
}

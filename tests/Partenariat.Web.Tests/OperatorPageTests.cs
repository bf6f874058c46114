using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Playwright;
using Partenariat.Domain.Requests;
using Partenariat.Testing;

namespace Partenariat.Web.Tests;

/// <summary>The operators' page: durable instances through the host's webhooks, and the poison decisions.</summary>
[Collection(PagesCollection.Name)]
public sealed class OperatorPageTests(PagesFixture fixture)
{
    [Fact]
    public async Task InstancesPage_SuspendThenResume_RuntimeFollows()
    {
        var requestId = await fixture.SubmitAsync(SampleRequests.Valid());
        await fixture.WaitForStatusAsync(requestId, RequestState.PendingCommittee);
        var page = await fixture.SignedInAsync("exploitation.html", fixture.OperatorKey);
        await PagesFixture.SeeAsync(page.Locator("#etat-general"), "en bon état");

        await page.Locator("#f-prefixe").FillAsync(requestId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        var row = page.Locator($"tr[data-instance='{requestId}']");
        await PagesFixture.SeeAsync(row.Locator(".etat"), "En cours");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Suspendre {requestId}" }).ClickAsync();
        await PagesFixture.SeeAsync(row.Locator(".etat"), "Suspendue");
        Assert.Equal("Suspended", await RuntimeStatusAsync(requestId));

        await row.GetByRole(AriaRole.Button, new() { Name = $"Historique {requestId}" }).ClickAsync();
        await PagesFixture.SeeAsync(page.Locator("#instance"), "Historique");
        await PagesFixture.ScreenshotAsync(page, "exploitation");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Reprendre {requestId}" }).ClickAsync();
        await PagesFixture.SeeAsync(row.Locator(".etat"), "En cours");
        Assert.Equal("Running", await RuntimeStatusAsync(requestId));
    }

    [Fact]
    public async Task PoisonList_ReplayAndDelete_FromThePage()
    {
        var queues = new QueueServiceClient(fixture.StorageConnectionString);
        var decisions = queues.GetQueueClient("committee-decisions");
        var unknown = "fr-123456782-00000000000000aa";
        await decisions.SendMessageAsync(JsonSerializer.Serialize(new { requestId = unknown, outcome = "Approved", reviewer = "M. Durand" }));
        await decisions.SendMessageAsync("not json at all");
        var poison = queues.GetQueueClient("committee-decisions-poison");
        await Eventually.UntilAsync(async () => (await poison.PeekMessagesAsync(32)).Value.Length >= 2, "the two decisions were never set aside");

        var page = await fixture.SignedInAsync("exploitation.html", fixture.OperatorKey);
        var notJson = page.Locator("#poison tr", new() { HasText = "not json at all" });
        await PagesFixture.SeeAsync(notJson, "not valid JSON");
        await notJson.GetByRole(AriaRole.Button, new() { Name = "Supprimer" }).ClickAsync();
        await Eventually.UntilAsync(async () => await notJson.CountAsync() == 0, "the deleted message is still listed");

        var original = (await poison.PeekMessagesAsync(32)).Value.Single(m => m.Body.ToString().Contains(unknown, StringComparison.Ordinal)).MessageId;
        var replayed = page.Locator("#poison tr", new() { HasText = unknown });
        await replayed.First.GetByRole(AriaRole.Button, new() { Name = "Rejouer" }).ClickAsync();
        // Replayed, the unknown request's decision is set aside again by the queue's handler: a new poison message (not the original, which the replay removed), same reason.
        await Eventually.UntilAsync(
            async () => (await poison.PeekMessagesAsync(32)).Value.Where(m => m.Body.ToString().Contains(unknown, StringComparison.Ordinal)).Select(m => m.MessageId).ToList() is [var again] && again != original
                && !(await poison.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString().Contains("not json at all", StringComparison.Ordinal)),
            "the replayed decision was not set aside again, alone");
        using var api = fixture.Api(PagesFixture.ReviewerKey);
        var seen = await api.GetFromJsonAsync<JsonElement>("committee/poison-decisions");
        Assert.Contains(seen.EnumerateArray(), m => m.GetProperty("reason").GetString()!.Contains(unknown, StringComparison.Ordinal));
    }

    private async Task<string?> RuntimeStatusAsync(string instanceId)
    {
        using var http = new HttpClient { BaseAddress = fixture.Root };
        http.DefaultRequestHeaders.Add("x-functions-key", fixture.OperatorKey);
        var status = await http.GetFromJsonAsync<JsonElement>($"runtime/webhooks/durabletask/instances/{instanceId}");
        return status.GetProperty("runtimeStatus").GetString();
    }
}

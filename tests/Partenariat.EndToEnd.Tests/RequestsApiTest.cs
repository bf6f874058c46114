using System.Net;
using System.Text;
using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Storage.Queues;
using Partenariat.EndToEnd.Tests.Hosts;
using Partenariat.Testing;

namespace Partenariat.EndToEnd.Tests;

/// <summary>
/// What the test classes of the landlords' and the committee's API share, whichever host answers:
/// the demo keys, submitting the sample request, posting a decision on the real queue, uploading
/// documents, reading a request and waiting for its status.
/// </summary>
public abstract class RequestsApiTest(HostFixture fixture) : EndToEndTest(fixture)
{
    /// <summary>Landlord 123456782's demo key (local.settings.json).</summary>
    protected const string LandlordKey = "local-landlord-123456782-key";

    /// <summary>Landlord 987654324's demo key.</summary>
    protected const string OtherLandlordKey = "local-landlord-987654324-key";

    /// <summary>The reviewers' demo key.</summary>
    protected const string ReviewerKey = "local-reviewer-key";

    /// <summary>How long a step may take to show.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Submits the sample request (on <paramref name="conventionId"/> when given); returns its id.</summary>
    protected async Task<string> SubmitAsync(string? conventionId = null)
    {
        var json = conventionId is null ? SampleRequest.Json : SampleRequest.Json.Replace("local-demo-2026-2027", conventionId, StringComparison.Ordinal);
        using var response = await SendAsync(HttpMethod.Post, "api/requests", LandlordKey, json);
        await ExpectAsync(HttpStatusCode.Accepted, response);
        return (await ReadJsonAsync(response)).GetProperty("requestId").GetString()!;
    }

    /// <summary>
    /// Puts <paramref name="decision"/>, as JSON, on the <c>committee-decisions</c> queue; returns the
    /// message. A decision without its own id gets one, and one without its round answers the
    /// request's current round (as a reviewer's tool would read it).
    /// </summary>
    protected async Task<string> SendDecisionAsync(object decision)
    {
        var node = JsonSerializer.SerializeToNode(decision)!.AsObject();
        node["decisionId"] ??= Guid.NewGuid().ToString();
        if (node["round"] is null && node["requestId"]?.GetValue<string>() is { } requestId)
        {
            using var response = await SendAsync(HttpMethod.Get, $"api/requests/{requestId}", LandlordKey);
            node["round"] = response.IsSuccessStatusCode ? (await ReadJsonAsync(response)).GetProperty("round").GetInt32() : 1;
        }

        var message = node.ToJsonString();
        await SendRawDecisionAsync(message);
        return message;
    }

    /// <summary>Puts <paramref name="message"/> as it is on the <c>committee-decisions</c> queue (plain text: the queues' messageEncoding is none).</summary>
    protected async Task SendRawDecisionAsync(string message)
    {
        var queue = new QueueClient(Host.StorageConnectionString, "committee-decisions");
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(message);
    }

    /// <summary>The landlord's view of a request.</summary>
    protected async Task<JsonElement> GetRequestAsync(string requestId)
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/requests/{requestId}", LandlordKey);
        await ExpectAsync(HttpStatusCode.OK, response);
        return await ReadJsonAsync(response);
    }

    /// <summary>Reads the request until it is in <paramref name="status"/>; fails after <paramref name="patience"/> (default <see cref="Patience"/>) with the host's output.</summary>
    protected async Task<JsonElement> WaitForRequestAsync(string requestId, string status, TimeSpan? patience = null)
    {
        JsonElement? last = null;
        return await Eventually.UntilAsync(
            async () => (last = await GetRequestAsync(requestId)) is { } view && view.GetProperty("status").GetString() == status ? view : (JsonElement?)null,
            patience ?? Patience,
            () => Task.FromResult($"request '{requestId}' to reach {status}; last: {last}{Environment.NewLine}{HostOutputTail()}"));
    }

    /// <summary>Posts <paramref name="content"/> of <paramref name="contentType"/> as a document of the request (<paramref name="query"/>: kind, file name).</summary>
    protected async Task<HttpResponseMessage> UploadAsync(string requestId, byte[] content, string contentType, string query, string key = LandlordKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Host.BaseAddress, $"api/requests/{requestId}/documents{query}"))
        {
            Content = new ByteArrayContent(content),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Api-Key", key);
        return await Client.SendAsync(request);
    }

    /// <summary>Uploads a small PDF as a document of <paramref name="kind"/>; returns its id.</summary>
    protected async Task<string> UploadEvidenceAsync(string requestId, string kind)
    {
        using var response = await UploadAsync(requestId, SampleDocuments.Pdf(1000), "application/pdf", $"?kind={kind}&fileName={kind}.pdf");
        await ExpectAsync(HttpStatusCode.Created, response);
        return (await ReadJsonAsync(response)).GetProperty("documentId").GetString()!;
    }

    /// <summary>Reads the poison decisions until <paramref name="message"/> is among them; returns it as operators see it.</summary>
    protected async Task<JsonElement> WaitForPoisonAsync(string message)
    {
        JsonElement? listed = null;
        return await Eventually.UntilAsync(
            async () =>
            {
                using var response = await SendAsync(HttpMethod.Get, "api/committee/poison-decisions", Host.OperatorKey);
                await ExpectAsync(HttpStatusCode.OK, response);
                listed = await ReadJsonAsync(response);
                return listed.Value.EnumerateArray().Where(p => p.GetProperty("message").GetString() == message).Select(p => (JsonElement?)p).FirstOrDefault();
            },
            Patience,
            () => Task.FromResult($"the message to reach the poison list: {message}; last list: {listed}{Environment.NewLine}{HostOutputTail()}"));
    }

    /// <summary>Reports the milestone <paramref name="kind"/> of <paramref name="date"/> with a fresh document of <paramref name="evidenceKind"/> as its evidence.</summary>
    protected async Task ReportMilestoneAsync(string requestId, string kind, string date, string evidenceKind)
    {
        var evidence = await UploadEvidenceAsync(requestId, evidenceKind);
        using var response = await SendAsync(HttpMethod.Post, $"api/requests/{requestId}/milestones", LandlordKey,
            JsonSerializer.Serialize(new { kind, date, evidenceDocumentId = evidence }));
        await ExpectAsync(HttpStatusCode.Accepted, response);
    }

    /// <summary>Reports the milestone <paramref name="kind"/> of <paramref name="date"/> by uploading its evidence, a fresh document of <paramref name="evidenceKind"/>, with it (one call).</summary>
    protected async Task ReportMilestoneWithItsEvidenceAsync(string requestId, string kind, string date, string evidenceKind)
    {
        using var response = await UploadAsync(requestId, SampleDocuments.Pdf(1000), "application/pdf", $"?kind={evidenceKind}&fileName={evidenceKind}.pdf&milestone={kind}&milestoneDate={date}");
        await ExpectAsync(HttpStatusCode.Created, response);
    }

    /// <summary>The timeline's actions, in order.</summary>
    protected static string[] Actions(JsonElement request) =>
        [.. request.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("action").GetString()!)];
}

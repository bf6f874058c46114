using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Partenariat.EndToEnd.Tests.Hosts;

namespace Partenariat.EndToEnd.Tests;

/// <summary>
/// What the test classes of the landlords' and the committee's API share, whichever host answers:
/// the demo keys, submitting the sample request, posting a decision on the real queue, reading a
/// request and waiting for its status.
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

    /// <summary>Puts <paramref name="decision"/>, as JSON, on the <c>committee-decisions</c> queue; returns the message.</summary>
    protected async Task<string> SendDecisionAsync(object decision)
    {
        var message = JsonSerializer.Serialize(decision);
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
        var stopwatch = Stopwatch.StartNew();
        JsonElement last = default;
        while (stopwatch.Elapsed < (patience ?? Patience))
        {
            last = await GetRequestAsync(requestId);
            if (last.GetProperty("status").GetString() == status)
            {
                return last;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Request '{requestId}' did not reach {status} within {patience ?? Patience}; last: {last}{Environment.NewLine}{HostOutputTail()}");
    }

    /// <summary>Uploads a small PDF of <paramref name="kind"/> to the request; returns its document id.</summary>
    protected async Task<string> UploadEvidenceAsync(string requestId, string kind)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Host.BaseAddress, $"api/requests/{requestId}/documents?kind={kind}&fileName={kind}.pdf"))
        {
            Content = new ByteArrayContent(Encoding.ASCII.GetBytes($"%PDF-1.4\n% {kind}\n%%EOF\n")),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        request.Headers.Add("X-Api-Key", LandlordKey);
        using var response = await Client.SendAsync(request);
        await ExpectAsync(HttpStatusCode.Created, response);
        return (await ReadJsonAsync(response)).GetProperty("documentId").GetString()!;
    }

    /// <summary>Reads the poison decisions until <paramref name="message"/> is among them; returns it as operators see it.</summary>
    protected async Task<JsonElement> WaitForPoisonAsync(string message)
    {
        var stopwatch = Stopwatch.StartNew();
        var last = string.Empty;
        while (stopwatch.Elapsed < Patience)
        {
            using var response = await SendAsync(HttpMethod.Get, "api/committee/poison-decisions", Host.OperatorKey);
            await ExpectAsync(HttpStatusCode.OK, response);
            var listed = await ReadJsonAsync(response);
            last = listed.ToString();
            foreach (var poison in listed.EnumerateArray())
            {
                if (poison.GetProperty("message").GetString() == message)
                {
                    return poison;
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The message did not reach the poison list within {Patience}: {message}; last list: {last}{Environment.NewLine}{HostOutputTail()}");
    }

    /// <summary>The end of the host's output, for a failure's message.</summary>
    protected string HostOutputTail() => Host.Output[^Math.Min(Host.Output.Length, 4000)..];
}

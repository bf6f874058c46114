using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Partenariat.EndToEnd.Tests.Hosts;

namespace Partenariat.EndToEnd.Tests.Envelopes;

/// <summary>
/// The envelopes, the reservation-right registry and the bad-input catalogue through HTTP, on either
/// host: each bad input has its expected answer and changes nothing (the landlord's requests are
/// counted before and after).
/// </summary>
public abstract class EnvelopeTests(HostFixture fixture) : RequestsApiTest(fixture)
{
    [SkippableFact]
    public async Task Envelopes_AnyCallersKey_ShowTheDemoLineAndItsClosingInstant()
    {
        using var response = await SendAsync(HttpMethod.Get, "api/envelopes", OtherLandlordKey);
        await ExpectAsync(HttpStatusCode.OK, response);
        var lines = (await ReadJsonAsync(response)).GetProperty("lines").EnumerateArray().ToList();

        // The employee-services line, which no test submits to (the fixtures widen housing-production
        // so that tests never waitlist one another): all of it remains.
        var demo = lines.Single(l => l.GetProperty("conventionId").GetString() == "local-demo-2026-2027" && l.GetProperty("lineId").GetString() == "employee-services");
        Assert.Equal(
            (15_000_000m, 0m, 0m, 15_000_000m),
            (demo.GetProperty("planned").GetDecimal(), demo.GetProperty("reserved").GetDecimal(), demo.GetProperty("committed").GetDecimal(), demo.GetProperty("remaining").GetDecimal()));
        Assert.Equal(new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.FromHours(1)), demo.GetProperty("closesAt").GetDateTimeOffset());
        Assert.Contains(lines, l => l.GetProperty("conventionId").GetString() == "dijon-2020-2022");
    }

    [SkippableFact]
    public async Task Envelopes_WithoutAKey_Answer401()
    {
        using var envelopes = await SendAsync(HttpMethod.Get, "api/envelopes", key: null);
        using var rights = await SendAsync(HttpMethod.Get, "api/reservation-rights", key: null);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], new[] { envelopes.StatusCode, rights.StatusCode });
    }

    public static TheoryData<string, string, string[]> BadInputs()
    {
        return new TheoryData<string, string, string[]>
        {
            { "malformed JSON", "{\"operation\": {\"name\": ", [] },
            { "missing fields", "{}", ["operation", "requestedLines", "conventionId", "envelopeLineId"] },
            { "unknown commune", SampleRequest.With(n => n["operation"]!["municipality"] = "Paris"), ["operation.municipality"] },
            { "negative amounts", SampleRequest.With(n => { n["operation"]!["totalCostExcludingTax"] = -1; n["requestedLines"]![0]!["amount"] = -300000; }), ["operation.totalCostExcludingTax", "requestedLines[0].amount"] },
            { "financing plan that does not add up", SampleRequest.With(n => n["operation"]!["financingPlan"]![0]!["amount"] = 1), ["operation.financingPlan"] },
        };
    }

    [SkippableTheory]
    [MemberData(nameof(BadInputs))]
    public async Task Submit_BadInput_Answers400NamingEachFieldAndStoresNothing(string name, string body, string[] fields)
    {
        var before = await CountRequestsAsync(LandlordKey);

        using var response = await SendAsync(HttpMethod.Post, "api/requests", LandlordKey, body);
        await ExpectAsync(HttpStatusCode.BadRequest, response);
        var problem = await ReadJsonAsync(response);

        Assert.StartsWith("urn:partenariat:problems:", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        foreach (var field in fields)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{name}: no error for '{field}' in {problem}");
        }

        Assert.Equal(before, await CountRequestsAsync(LandlordKey));
    }

    [SkippableFact]
    public async Task Submit_SameIdempotencyKey_AnswersTheFirstRequestAgainAndAnotherBody409StoringNothing()
    {
        var key = Guid.NewGuid().ToString();
        using var first = await PostRequestAsync(SampleRequest.Json, key);
        await ExpectAsync(HttpStatusCode.Accepted, first);
        var before = await CountRequestsAsync(LandlordKey);
        var other = JsonNode.Parse(SampleRequest.Json)!;
        other["operation"]!["name"] = "Another operation";

        using var again = await PostRequestAsync(SampleRequest.Json, key);
        using var conflict = await PostRequestAsync(other.ToJsonString(), key);

        await ExpectAsync(HttpStatusCode.Accepted, again);
        Assert.Equal((await ReadJsonAsync(first)).GetProperty("requestId").GetString(), (await ReadJsonAsync(again)).GetProperty("requestId").GetString());
        await ExpectAsync(HttpStatusCode.Conflict, conflict);
        Assert.Equal("urn:partenariat:problems:idempotency-key-reused", (await ReadJsonAsync(conflict)).GetProperty("type").GetString());
        Assert.Equal(before, await CountRequestsAsync(LandlordKey));
    }

    [SkippableFact]
    public async Task AnotherLandlordsRequest_Answers404RaisesNothingAndItsRightsStayHidden()
    {
        var requestId = await SubmitAsync();
        await WaitForRequestAsync(requestId, "PendingCommittee");

        using var get = await SendAsync(HttpMethod.Get, $"api/requests/{requestId}", OtherLandlordKey);
        using var withdraw = await SendAsync(HttpMethod.Post, $"api/requests/{requestId}/withdrawal", OtherLandlordKey, "{\"reason\":\"Not mine.\"}");
        using var answer = await SendAsync(HttpMethod.Post, $"api/requests/{requestId}/information-answer", OtherLandlordKey, "{\"answer\":\"Not mine.\"}");
        using var rights = await SendAsync(HttpMethod.Get, $"api/reservation-rights?requestId={requestId}", OtherLandlordKey);
        await ExpectAsync(HttpStatusCode.OK, rights);
        // The owner's own withdrawal comes after: had the intruder's been raised, the request would be
        // withdrawn already (a second withdrawal answers 409) and its timeline would say "Not mine.".
        using var own = await SendAsync(HttpMethod.Post, $"api/requests/{requestId}/withdrawal", LandlordKey, "{\"reason\":\"Operation abandoned.\"}");
        await ExpectAsync(HttpStatusCode.Accepted, own);
        var withdrawn = await WaitForRequestAsync(requestId, "Withdrawn");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { get.StatusCode, withdraw.StatusCode, answer.StatusCode });
        Assert.Equal(0, (await ReadJsonAsync(rights)).GetProperty("items").GetArrayLength());
        var ending = withdrawn.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("action").GetString() is "Withdrawn" or "InformationAnswered" or "EventRefused").ToList();
        Assert.Equal("Operation abandoned.", Assert.Single(ending).GetProperty("details").GetString());
    }

    private async Task<HttpResponseMessage> PostRequestAsync(string json, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Host.BaseAddress, "api/requests")) { Content = Json(json) };
        request.Headers.Add("X-Api-Key", LandlordKey);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await Client.SendAsync(request);
    }
}

[Collection(SelfContainedHostCollection.Name)]
public sealed class SelfContainedHostEnvelopeTests(SelfContainedHostFixture fixture) : EnvelopeTests(fixture);

[Collection(FunctionsHostCollection.Name)]
public sealed class FunctionsHostEnvelopeTests(FunctionsHostFixture fixture) : EnvelopeTests(fixture);

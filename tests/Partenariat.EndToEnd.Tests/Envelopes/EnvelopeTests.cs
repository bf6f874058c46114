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
public abstract class EnvelopeTests(HostFixture fixture) : EndToEndTest(fixture)
{
    private const string LandlordKey = "local-landlord-123456782-key";
    private const string OtherLandlordKey = "local-landlord-987654324-key";

    [SkippableFact]
    public async Task Envelopes_AnyCallersKey_ShowTheDemoLineAndItsClosingInstant()
    {
        using var response = await SendAsync(HttpMethod.Get, "api/envelopes", OtherLandlordKey);
        await ExpectAsync(HttpStatusCode.OK, response);
        var lines = (await ReadJsonAsync(response)).GetProperty("lines").EnumerateArray().ToList();

        // The employee-services line: the fixtures widen housing-production so that tests never waitlist one another.
        var demo = lines.Single(l => l.GetProperty("conventionId").GetString() == "local-demo-2026-2027" && l.GetProperty("lineId").GetString() == "employee-services");
        Assert.Equal(15_000_000m, demo.GetProperty("planned").GetDecimal());
        Assert.Equal(
            demo.GetProperty("planned").GetDecimal() - demo.GetProperty("reserved").GetDecimal() - demo.GetProperty("committed").GetDecimal(),
            demo.GetProperty("remaining").GetDecimal());
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
    public async Task Submit_SameIdempotencyKeyAnotherBody_Answers409AndStoresNothing()
    {
        var key = Guid.NewGuid().ToString();
        using (var first = await SubmitAsync(SampleRequest.Json, key))
        {
            await ExpectAsync(HttpStatusCode.Accepted, first);
        }

        var before = await CountRequestsAsync(LandlordKey);
        var other = JsonNode.Parse(SampleRequest.Json)!;
        other["operation"]!["name"] = "Another operation";

        using var response = await SubmitAsync(other.ToJsonString(), key);
        await ExpectAsync(HttpStatusCode.Conflict, response);

        Assert.Equal("urn:partenariat:problems:idempotency-key-reused", (await ReadJsonAsync(response)).GetProperty("type").GetString());
        Assert.Equal(before, await CountRequestsAsync(LandlordKey));
    }

    [SkippableFact]
    public async Task AnotherLandlordsRequest_Answers404AndItsRightsStayHidden()
    {
        using var submitted = await SubmitAsync(SampleRequest.Json, key: null);
        await ExpectAsync(HttpStatusCode.Accepted, submitted);
        var requestId = (await ReadJsonAsync(submitted)).GetProperty("requestId").GetString();

        using var get = await SendAsync(HttpMethod.Get, $"api/requests/{requestId}", OtherLandlordKey);
        using var withdraw = await SendAsync(HttpMethod.Post, $"api/requests/{requestId}/withdrawal", OtherLandlordKey, "{\"reason\":\"not mine\"}");
        using var rights = await SendAsync(HttpMethod.Get, $"api/reservation-rights?requestId={requestId}", OtherLandlordKey);
        await ExpectAsync(HttpStatusCode.OK, rights);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { get.StatusCode, withdraw.StatusCode });
        Assert.Equal(0, (await ReadJsonAsync(rights)).GetProperty("items").GetArrayLength());
        using var own = await SendAsync(HttpMethod.Get, $"api/requests/{requestId}", LandlordKey);
        Assert.NotEqual("Withdrawn", (await ReadJsonAsync(own)).GetProperty("status").GetString());
    }

    private async Task<HttpResponseMessage> SubmitAsync(string json, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Host.BaseAddress, "api/requests")) { Content = Json(json) };
        request.Headers.Add("X-Api-Key", LandlordKey);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await Client.SendAsync(request);
    }
}

[Collection(SelfContainedHostCollection.Name)]
public sealed class SelfContainedHostEnvelopeTests(SelfContainedHostFixture fixture) : EnvelopeTests(fixture);

[Collection(FunctionsHostCollection.Name)]
public sealed class FunctionsHostEnvelopeTests(FunctionsHostFixture fixture) : EnvelopeTests(fixture);

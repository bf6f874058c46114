using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Partenariat.EndToEnd.Tests.Hosts;
using Partenariat.Testing;

namespace Partenariat.EndToEnd.Tests.Requests;

/// <summary>
/// Issue 15's findings, each tried again on both hosts as the careful attacker or the new user tried
/// it: every out-of-bound input is refused at the edge (a 400 naming each field at fault with what it
/// accepts, a 413 past a body's cap, a poison reason in plain words) and changes nothing; the
/// Idempotency-Key race answers one request to both.
/// </summary>
public abstract class InputBoundsTests(HostFixture fixture) : RequestsApiTest(fixture)
{
    public static TheoryData<string, string, string[]> OutOfBoundSubmissions()
    {
        return new TheoryData<string, string, string[]>
        {
            {
                "dwelling counts whose sum overflows",
                SampleRequest.With(n => n["operation"]!["dwellings"] = JsonNode.Parse("""{"plai": 2147483647, "plus": 2147483647, "pls": 3}""")),
                ["operation.dwellings.plai", "operation.dwellings.plus"]
            },
            {
                "amounts whose sum passes what a decimal holds",
                SampleRequest.With(n =>
                {
                    n["operation"]!["totalCostExcludingTax"] = decimal.MaxValue;
                    n["operation"]!["financingPlan"] = JsonNode.Parse($$"""[{"name": "A", "amount": {{decimal.MaxValue}}}, {"name": "Action Logement", "amount": {{decimal.MaxValue}}}]""");
                }),
                ["operation.totalCostExcludingTax", "operation.financingPlan[0].amount", "operation.financingPlan[1].amount"]
            },
            {
                "a single amount of the largest decimal",
                SampleRequest.With(n => n["requestedLines"] = JsonNode.Parse($$"""[{"kind": "Grant", "amount": {{decimal.MaxValue}}}]""")),
                ["requestedLines[0].amount"]
            },
            {
                "names with a right-to-left override and a null character",
                SampleRequest.With(n => { n["landlord"]!["name"] = "Habitat\u202Etxt.exe"; n["operation"]!["name"] = "Lilas\u0000"; }),
                ["landlord.name", "operation.name"]
            },
            {
                "a forty-thousand-character operation name",
                SampleRequest.With(n => n["operation"]!["name"] = new string('a', 40_000)),
                ["operation.name"]
            },
            {
                "wrongly typed fields",
                SampleRequest.With(n => { n["operation"]!["dwellings"]!["plai"] = "quatre"; n["operation"]!["kind"] = 2; n["operation"]!["plannedWorksStart"] = "01/12/2026"; }),
                ["operation.dwellings.plai", "operation.kind", "operation.plannedWorksStart"]
            },
            {
                "650,000 € asked, the financing plan counting on 500,000 € from Action Logement",
                SampleRequest.With(n => n["requestedLines"] = JsonNode.Parse("""[{"kind": "Grant", "amount": 650000}]""")),
                ["operation.financingPlan"]
            },
            {
                "planned dates in 9999 and in 1900",
                SampleRequest.With(n => { n["operation"]!["plannedWorksStart"] = "1900-01-01"; n["operation"]!["plannedCompletion"] = "9999-06-01"; }),
                ["operation.plannedWorksStart", "operation.plannedCompletion"]
            },
        };
    }

    [SkippableTheory]
    [MemberData(nameof(OutOfBoundSubmissions))]
    public async Task Submit_OutOfBounds_Answers400NamingEachFieldInPlainWordsAndStoresNothing(string name, string body, string[] fields)
    {
        var before = await CountRequestsAsync(LandlordKey);

        using var response = await SendAsync(HttpMethod.Post, "api/requests", LandlordKey, body);
        await ExpectAsync(HttpStatusCode.BadRequest, response);
        var text = await response.Content.ReadAsStringAsync();
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");

        foreach (var field in fields)
        {
            Assert.True(errors.TryGetProperty(field, out _), $"{name}: no error for '{field}' in {text}");
        }

        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.Equal(before, await CountRequestsAsync(LandlordKey));
    }

    [SkippableFact]
    public async Task Submit_FiveMegabytesWithTwoHundredThousandSources_Answers413AndStoresNothing()
    {
        var before = await CountRequestsAsync(LandlordKey);
        var plan = string.Join(",", Enumerable.Repeat("""{"name": "Prêt", "amount": 10}""", 200_000));
        var body = SampleRequest.Json.Replace("\"financingPlan\": [", $"\"financingPlan\": [{plan}, ", StringComparison.Ordinal);

        using var response = await SendAsync(HttpMethod.Post, "api/requests", LandlordKey, body);

        await ExpectAsync(HttpStatusCode.RequestEntityTooLarge, response);
        Assert.Equal("urn:partenariat:problems:body-too-large", (await ReadJsonAsync(response)).GetProperty("type").GetString());
        Assert.Equal(before, await CountRequestsAsync(LandlordKey));
    }

    [SkippableFact]
    public async Task Submit_SameIdempotencyKeyAtTheSameMoment_AnswersBoth202WithOneRequest()
    {
        for (var round = 0; round < 6; round++)
        {
            var key = Guid.NewGuid().ToString();
            var before = await CountRequestsAsync(LandlordKey);

            var answers = await Task.WhenAll(SubmitWithKeyAsync(key), SubmitWithKeyAsync(key));

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.Status));
            Assert.Equal(answers[0].RequestId, answers[1].RequestId);
            Assert.Equal(before + 1, await CountRequestsAsync(LandlordKey));
            await WaitForRequestAsync(answers[0].RequestId!, "PendingCommittee");
        }
    }

    [SkippableTheory]
    [InlineData('a')]
    [InlineData('é')]
    public async Task Withdraw_FortyThousandCharacterReason_IsRefusedAndTheRequestKeepsItsCredit(char letter)
    {
        var requestId = await PendingRequestAsync();

        using var huge = await SendAsync(HttpMethod.Post, $"api/requests/{requestId}/withdrawal", LandlordKey, JsonSerializer.Serialize(new { reason = new string(letter, 40_000) }));
        using var tooLong = await SendAsync(HttpMethod.Post, $"api/requests/{requestId}/withdrawal", LandlordKey, JsonSerializer.Serialize(new { reason = new string(letter, 801) }));
        await ExpectAsync(HttpStatusCode.RequestEntityTooLarge, huge);
        await ExpectAsync(HttpStatusCode.BadRequest, tooLong);

        Assert.True((await ReadJsonAsync(tooLong)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal("PendingCommittee", (await GetRequestAsync(requestId)).GetProperty("status").GetString());
        using var withdrawal = await SendAsync(HttpMethod.Post, $"api/requests/{requestId}/withdrawal", LandlordKey, """{"reason": "Opération abandonnée."}""");
        await ExpectAsync(HttpStatusCode.Accepted, withdrawal);
        await WaitForRequestAsync(requestId, "Withdrawn");
    }

    [SkippableFact]
    public async Task Answer_TooLongOrWithAControlCharacter_IsRefusedAndTheQuestionStaysOpen()
    {
        var requestId = await PendingRequestAsync();
        await SendDecisionAsync(new { requestId, outcome = "InformationRequested", question = "Send the building permit.", reviewer = "Mme Martin" });
        await WaitForRequestAsync(requestId, "InformationRequested");

        using var huge = await SendAsync(HttpMethod.Post, $"api/requests/{requestId}/information-answer", LandlordKey, JsonSerializer.Serialize(new { answer = new string('é', 40_000) }));
        using var control = await SendAsync(HttpMethod.Post, $"api/requests/{requestId}/information-answer", LandlordKey, JsonSerializer.Serialize(new { answer = "Permis\u0000" }));

        await ExpectAsync(HttpStatusCode.RequestEntityTooLarge, huge);
        await ExpectAsync(HttpStatusCode.BadRequest, control);
        Assert.Equal("invalidCharacter", (await ReadJsonAsync(control)).GetProperty("codes").GetProperty("answer")[0].GetString());
        Assert.Equal("InformationRequested", (await GetRequestAsync(requestId)).GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task Milestone_OutOfItsWindowOrOfAnUnknownKind_Answers400AndPaysNothing()
    {
        var requestId = await PendingRequestAsync();
        await SendDecisionAsync(new { requestId, outcome = "Approved", reviewer = "Mme Martin" });
        await WaitForRequestAsync(requestId, "Approved");
        var evidence = await UploadEvidenceAsync(requestId, "WorksStartOrder");
        var nextYear = DateOnly.Parse(SampleRequests.Today, CultureInfo.InvariantCulture).AddYears(1).ToString("O", CultureInfo.InvariantCulture);

        foreach (var (kind, date, field) in new (object Kind, string Date, string Field)[]
        {
            ("WorksStarted", "9999-06-01", "date"), ("WorksStarted", "1900-01-01", "date"), ("Completion", nextYear, "date"), (1, SampleRequests.Today, "kind"),
        })
        {
            using var response = await SendAsync(HttpMethod.Post, $"api/requests/{requestId}/milestones", LandlordKey, JsonSerializer.Serialize(new { kind, date, evidenceDocumentId = evidence }));
            await ExpectAsync(HttpStatusCode.BadRequest, response);
            var problem = await ReadJsonAsync(response);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{kind} {date}: {problem}");
        }

        var request = await GetRequestAsync(requestId);
        Assert.Equal("Approved", request.GetProperty("status").GetString());
        Assert.All(request.GetProperty("tranches").EnumerateArray(), t => Assert.Equal(0m, t.GetProperty("paid").GetDecimal()));
    }

    [SkippableFact]
    public async Task Decision_ReducedApprovalOnTenDwellings_GivesAtMostTenRights()
    {
        var requestId = await PendingRequestAsync();

        await SendDecisionAsync(new { requestId, outcome = "Approved", approvedAmount = 400_000, reviewer = "Mme Martin" });
        var approved = await WaitForRequestAsync(requestId, "Approved");

        Assert.Equal(10, approved.GetProperty("reservationRights").GetProperty("count").GetInt32());
    }

    [SkippableFact]
    public async Task Decision_MoreRightsThanDwellingsOrWronglyTyped_GoesToPoisonNamingEveryFieldInPlainWords()
    {
        var requestId = await PendingRequestAsync();

        var tooMany = await SendDecisionAsync(new { requestId, outcome = "Approved", reviewer = "Mme Martin", rights = new { count = 26, kind = "RecurringRight", durationYears = 30 } });
        var typed = $$"""{"requestId": "{{requestId}}", "outcome": 5, "approvedAmount": "lots", "reviewer": "Mme Martin"}""";
        await SendRawDecisionAsync(typed);
        var rights = (await WaitForPoisonAsync(tooMany)).GetProperty("reason").GetString()!;
        var types = (await WaitForPoisonAsync(typed)).GetProperty("reason").GetString()!;

        Assert.Contains("26 reservation rights, more than the operation's 10 dwellings", rights, StringComparison.Ordinal);
        Assert.Contains("outcome: Expected one of Approved, Rejected, InformationRequested (as text); got the number 5.", types, StringComparison.Ordinal);
        Assert.Contains("approvedAmount: Expected an amount", types, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", types, StringComparison.Ordinal);
        Assert.Equal("PendingCommittee", (await GetRequestAsync(requestId)).GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task Upload_ToAWithdrawnRequest_Answers409AndStoresNothing()
    {
        var requestId = await PendingRequestAsync();
        using (var withdrawal = await SendAsync(HttpMethod.Post, $"api/requests/{requestId}/withdrawal", LandlordKey, """{"reason": "Abandon."}"""))
        {
            await ExpectAsync(HttpStatusCode.Accepted, withdrawal);
        }

        await WaitForRequestAsync(requestId, "Withdrawn");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Host.BaseAddress, $"api/requests/{requestId}/documents?kind=Other"))
        {
            Content = new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        request.Headers.Add("X-Api-Key", LandlordKey);

        using var response = await Client.SendAsync(request);

        await ExpectAsync(HttpStatusCode.Conflict, response);
        using var list = await SendAsync(HttpMethod.Get, $"api/requests/{requestId}/documents", LandlordKey);
        Assert.Equal(0, (await ReadJsonAsync(list)).GetArrayLength());
    }

    [SkippableTheory]
    [InlineData("get", "")]
    [InlineData("post", "/withdrawal")]
    [InlineData("get", "/documents")]
    public async Task AnyRoute_RequestIdNoRequestHas_Answers404WithoutAskingStorage(string method, string rest)
    {
        foreach (var requestId in new[] { new string('x', 2_000), "fr-123456782-0123456789abcdef%23%2F", "%E2%80%AE" })
        {
            using var response = await SendAsync(method == "get" ? HttpMethod.Get : HttpMethod.Post, $"api/requests/{requestId}{rest}", LandlordKey, method == "get" ? null : """{"reason": "x"}""");

            await ExpectAsync(HttpStatusCode.NotFound, response);
            Assert.Equal("urn:partenariat:problems:request-not-found", (await ReadJsonAsync(response)).GetProperty("type").GetString());
        }
    }

    private async Task<string> PendingRequestAsync()
    {
        var requestId = await SubmitAsync();
        await WaitForRequestAsync(requestId, "PendingCommittee");
        return requestId;
    }

    private async Task<(HttpStatusCode Status, string? RequestId)> SubmitWithKeyAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Host.BaseAddress, "api/requests")) { Content = new StringContent(SampleRequest.Json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", LandlordKey);
        request.Headers.Add("Idempotency-Key", key);
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.StatusCode == HttpStatusCode.Accepted ? JsonDocument.Parse(body).RootElement.GetProperty("requestId").GetString() : body);
    }
}

[Collection(SelfContainedHostCollection.Name)]
public sealed class SelfContainedHostInputBoundsTests(SelfContainedHostFixture fixture) : InputBoundsTests(fixture);

[Collection(FunctionsHostCollection.Name)]
public sealed class FunctionsHostInputBoundsTests(FunctionsHostFixture fixture) : InputBoundsTests(fixture);

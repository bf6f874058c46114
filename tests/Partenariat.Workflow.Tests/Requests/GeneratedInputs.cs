using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Partenariat.Domain.Landlords;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;
using Partenariat.Testing;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Tests.Requests.Orchestration;

namespace Partenariat.Workflow.Tests.Requests;

/// <summary>
/// Inputs as a careless or hostile caller sends them: the API's and the queue's JSON, mostly well
/// formed, often coherent enough to pass, with the edges of every type among them (the largest
/// numbers, the first and last dates, control and direction characters, long texts and lists), and
/// raw JSON with a field of the wrong type, an unknown field, a cut, a deep nest.
/// </summary>
internal static class GeneratedInputs
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(RequestLifeScript.Start);

    /// <summary>Texts: ordinary ones, ones with refused characters, ones at and past the limits.</summary>
    public static readonly Gen<string?> Text = Gen.Frequency(
        (8, Gen.OneOf<string?>("Résidence des Lilas", "Habitat test", "Prêt CDC", "Fonds propres", "Mme Martin", "Permis PC-021-2026-12 joint.")),
        (2, Gen.OneOf<string?>(null, string.Empty, "   ")),
        (2, Gen.Char["aé ;'\"\\\u0000\u0007\n\t\u202E\u2066\u200F\u2028\uFEFF😀"].Array[1, 30].Select(c => (string?)new string(c))),
        (1, Gen.Int[95, 105].Select(n => (string?)new string('é', n))),
        (1, Gen.Int[795, 805].Select(n => (string?)new string('x', n))),
        (1, Gen.Const<string?>(new string('a', 40_000))));

    /// <summary>Names and texts as landlords mostly type them, the edges now and then.</summary>
    public static readonly Gen<string?> Name = Gen.Frequency(
        (24, Gen.OneOf<string?>("Résidence des Lilas", "Habitat test", "Prêt CDC", "Mme Martin", "Motif détaillé.")),
        (1, Text));

    /// <summary>Amounts in euros: plausible ones, and every edge of a decimal.</summary>
    public static readonly Gen<decimal> Amount = Gen.Frequency(
        (8, Gen.Int[1, 3_000_000].Select(i => (decimal)i)),
        (1, Gen.OneOf(0m, -1m, 0.001m, 0.01m, 15_000_000m, 15_000_000.01m, 1_000_000_000m, 1_000_000_000.01m, decimal.MaxValue, decimal.MinValue)),
        (1, Gen.Decimal));

    /// <summary>Counts: plausible ones and the edges of an int.</summary>
    public static readonly Gen<int> Count = Gen.Frequency(
        (8, Gen.Int[0, 20]),
        (1, Gen.OneOf(-1, 2_000, 2_001, int.MaxValue, int.MinValue)));

    /// <summary>Dates: within a few years of today, and the calendar's ends.</summary>
    public static readonly Gen<DateOnly> Date = Gen.Frequency(
        (8, Gen.Int[-3 * 365, 8 * 365].Select(Today.AddDays)),
        (1, Gen.OneOf(DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(9999, 6, 1), new DateOnly(1900, 1, 1), Today.AddDays(1), Today.AddDays(-1))));

    /// <summary>JSON values of every kind, to put where another is expected.</summary>
    private static readonly Gen<string> AnyJsonValue = Gen.OneOf(
        "\"quatre\"", "4.5", "-1", "0", "2147483648", "1e400", "79228162514264337593543950336", "null", "true", "{}", "[]",
        "\"2026-13-45\"", "\"9999-06-01\"", "\"\\u202E\"", "7", "\"Approved\"", "[1, 2, 3]", "{\"x\": 1}");

    /// <summary>Submissions' bodies: coherent requests with some fields changed, or the sample's JSON damaged.</summary>
    public static Gen<string> Submissions() => Gen.Frequency(
        (3, Requests().Select(r => JsonSerializer.Serialize(r, PartenariatJson.Options))),
        (1, Damaged(JsonSerializer.Serialize(SampleRequests.Valid(), PartenariatJson.Options), SubmissionPaths)));

    /// <summary>Committee decision messages for <paramref name="requestId"/>: mostly well formed, with every kind of mistake.</summary>
    public static Gen<string> Decisions(string requestId)
    {
        var rights = Gen.Select(Count, Gen.Frequency((8, Gen.Enum<ReservationRightKind>()), (1, Gen.Const((ReservationRightKind)5))), Count, (count, kind, years) => new RightsTerms(count, kind, years));
        var typed = Gen.Select(
            Gen.Frequency((8, Gen.Enum<CommitteeOutcome>().Nullable(0.05)), (1, Gen.Const<CommitteeOutcome?>((CommitteeOutcome)9))),
            Gen.Frequency((4, Gen.Int[1, 50_000].Select(i => (decimal?)(i * 10m))), (2, Amount.Select(a => (decimal?)a)), (2, Gen.Const((decimal?)null))),
            rights.Null(0.5),
            Gen.Select(Name, Name, Name),
            Name.Array[0, 7].Null(0.6),
            Gen.Frequency((4, Gen.Const((DateOnly?)null)), (1, Gen.Const<DateOnly?>(Today)), (1, Date.Select(d => (DateOnly?)d))),
            Gen.Select(
                Gen.Frequency((9, Gen.Const<string?>(requestId)), (1, Text)),
                Gen.Frequency((9, Gen.Guid.Select(g => (string?)g.ToString())), (1, Text)),
                Gen.Frequency((9, Gen.Const<int?>(1)), (1, Gen.OneOf<int?>(null, 0, 2, int.MaxValue)))),
            (outcome, amount, terms, texts, conditions, decidedOn, ids) => new CommitteeDecisionMessage
            {
                RequestId = ids.Item1,
                DecisionId = ids.Item2,
                Round = ids.Item3,
                Outcome = outcome,
                ApprovedAmount = amount,
                Rights = terms,
                Reason = texts.Item1,
                Question = texts.Item2,
                Reviewer = texts.Item3,
                Conditions = conditions?.Select(c => c ?? string.Empty).ToArray(),
                DecidedOn = decidedOn,
            });
        var sample = $$"""{"requestId": "{{requestId}}", "decisionId": "9f0c2a4e-5b7d-4e1a-8c3f-2d6b1e0a7c94", "round": 1, "outcome": "Approved", "approvedAmount": 400000, "reviewer": "Mme Martin", "rights": {"count": 5, "kind": "SingleRight", "durationYears": 30}, "conditions": ["Garantie"]}""";
        return Gen.Frequency((3, typed.Select(m => JsonSerializer.Serialize(m, PartenariatJson.Options))), (1, Damaged(sample, DecisionPaths)));
    }

    /// <summary>Milestone bodies, with <paramref name="evidence"/> an uploaded document's id.</summary>
    public static Gen<string> Milestones(string evidence) => Gen.Frequency(
        (3, Gen.Select(
            Gen.Frequency((4, Gen.OneOf<object?>("WorksStarted", "worksStarted")), (2, Gen.OneOf<object?>("Completion", "completion")), (1, Gen.OneOf<object?>(null, 0, 1, 7, "Other", "WorksStarted, Completion"))),
            Gen.Frequency((3, Gen.Const<DateOnly?>(Today)), (1, Date.Nullable(0.1))),
            Gen.Frequency((4, Gen.Const<string?>(evidence)), (1, Text)),
            (kind, date, id) => JsonSerializer.Serialize(new { kind, date, evidenceDocumentId = id }, PartenariatJson.Options))),
        (1, Damaged($$"""{"kind": "WorksStarted", "date": "{{Today:yyyy-MM-dd}}", "evidenceDocumentId": "{{evidence}}"}""", ["kind", "date", "evidenceDocumentId"])));

    /// <summary>Bodies of a text-carrying action (<paramref name="field"/>: <c>answer</c>, <c>reason</c>).</summary>
    public static Gen<string> Texts(string field) => Gen.Frequency(
        (3, Gen.Frequency((1, Name), (1, Text)).Select(t => JsonSerializer.Serialize(new Dictionary<string, string?> { [field] = t }, PartenariatJson.Options))),
        (1, Damaged($$"""{"{{field}}": "Permis joint."}""", [field])));

    private static readonly string[] SubmissionPaths =
    [
        "landlord", "landlord.name", "landlord.kind", "operation", "operation.name", "operation.municipality", "operation.district", "operation.isNpnru",
        "operation.kind", "operation.dwellings", "operation.dwellings.plai", "operation.dwellings.plus", "operation.totalCostExcludingTax",
        "operation.financingPlan", "operation.financingPlan.0", "operation.financingPlan.0.amount", "operation.financingPlan.1.name",
        "operation.plannedWorksStart", "operation.plannedCompletion", "requestedLines", "requestedLines.0", "requestedLines.0.kind",
        "requestedLines.0.amount", "requestedLines.1.loanDurationYears", "conventionId", "envelopeLineId", "capitalLinkWithActionLogement",
    ];

    private static readonly string[] DecisionPaths =
        ["requestId", "decisionId", "round", "outcome", "approvedAmount", "reviewer", "rights", "rights.count", "rights.kind", "rights.durationYears", "conditions", "conditions.0"];

    /// <summary>Coherent requests (their plan adds up, Action Logement's share is what is asked), some fields then changed to anything.</summary>
    private static Gen<FinancingRequest> Requests()
    {
        var line = Gen.Select(
            Gen.Frequency((8, Gen.OneOf<FundingKind?>(FundingKind.Grant, FundingKind.Loan, FundingKind.ConcessionalLoan)), (1, Gen.OneOf<FundingKind?>(null, (FundingKind)7))),
            Gen.Frequency((8, Gen.Int[1, 400_000].Select(i => i * 1m)), (1, Amount)),
            Gen.Frequency((6, Gen.Int[1, 60].Select(i => (int?)i)), (1, Count.Select(i => (int?)i)), (2, Gen.Const((int?)null))),
            (kind, amount, years) => new RequestedLine { Kind = kind, Amount = amount, LoanDurationYears = kind == FundingKind.Grant && years is > 0 and <= 60 ? null : years });
        var dwellings = Gen.Select(Count, Count, Count, Count, Count, (plai, plus, pls, li, collective) => new DwellingMix { Plai = plai, Plus = plus, Pls = pls, Li = li, CollectiveStructure = collective });
        var coherentDwellings = Gen.Int[1, 40].Select(n => new DwellingMix { Plai = n / 2, Plus = n - (n / 2) });
        var start = Gen.Frequency((6, Gen.Int[0, 365].Select(Today.AddDays)), (1, Date));
        return Gen.Select(
            line.Array[1, 3],
            Gen.Frequency((8, Gen.Int[0, 5_000_000].Select(i => i * 1m)), (1, Amount)),
            Gen.Frequency((4, coherentDwellings), (1, dwellings)),
            Gen.Select(start, Gen.Frequency((6, Gen.Int[0, 900].Select(d => (int?)d)), (1, Gen.Const((int?)null)))),
            Gen.Select(Name, Name, Name),
            Gen.Frequency((8, Gen.OneOf<string?>("Chenôve", "Dijon", "chenove", "Talant")), (1, Text)),
            Gen.Frequency((8, Gen.OneOf<string?>(SampleRequests.DemoConventionId)), (1, Gen.OneOf<string?>("dijon-2020-2022", null)), (1, Text)),
            Gen.Int[0, 9],
            (lines, others, mix, dates, names, municipality, conventionId, mistake) =>
            {
                var asked = lines.Where(l => l.Amount is > 0 and < 100_000_000m).Sum(l => l.Amount);
                var plan = new List<FinancingSource> { new() { Name = names.Item3 ?? "Prêts", Amount = others }, new() { Name = "Action Logement", Amount = asked } };
                var request = new FinancingRequest
                {
                    Landlord = new LandlordDetails { Name = names.Item1 ?? "Habitat test", Kind = LandlordKind.Oph },
                    Operation = new HousingOperation
                    {
                        Name = names.Item2 ?? "Résidence",
                        Municipality = municipality,
                        Kind = OperationKind.NewBuild,
                        Dwellings = mix,
                        TotalCostExcludingTax = others < decimal.MaxValue - asked ? others + asked : others,
                        FinancingPlan = others > 0 ? plan : plan.Skip(1).ToList(),
                        PlannedWorksStart = dates.Item1,
                        PlannedCompletion = dates.Item2 is { } days && dates.Item1.DayNumber + days <= DateOnly.MaxValue.DayNumber ? dates.Item1.AddDays(days) : null,
                    },
                    RequestedLines = lines,
                    ConventionId = conventionId,
                    EnvelopeLineId = "housing-production",
                };
                // One request in ten keeps a careless landlord's mistake among the coherent ones.
                return mistake switch
                {
                    0 => request with { Operation = request.Operation with { FinancingPlan = [.. request.Operation.FinancingPlan!, new FinancingSource { Name = "Reste", Amount = 1m }] } },
                    1 => request with { EnvelopeLineId = "employee-services" },
                    _ => request,
                };
            });
    }

    /// <summary>Damages a well-formed JSON object: a field given another value, an unknown field, a cut, a deep nest, a huge list.</summary>
    private static Gen<string> Damaged(string json, string[] paths) => Gen.Frequency(
        (6, Gen.Select(Gen.OneOf(paths), AnyJsonValue, (path, value) => Replace(json, path, value))),
        (1, Gen.OneOf("unknownField", "approvedAmmount", "requestedTotal").Select(name => json.Insert(1, $"\"{name}\": 1, "))),
        (1, Gen.Int[0, json.Length - 1].Select(cut => json[..cut])),
        (1, Gen.Int[10, 40].Select(depth => json.Insert(1, "\"nest\": " + new string('[', depth) + new string(']', depth) + ", "))),
        (1, Gen.Const(json.Insert(1, "\"list\": [" + string.Join(",", Enumerable.Repeat("{\"name\":\"x\",\"amount\":1}", 12_000)) + "], "))));

    private static string Replace(string json, string path, string value)
    {
        var root = JsonNode.Parse(json)!;
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            node = int.TryParse(part, out var index) ? node?.AsArray().ElementAtOrDefault(index) : node?[part];
        }

        var replacement = JsonNode.Parse(value);
        switch (node)
        {
            case JsonArray array when int.TryParse(parts[^1], out var at) && at < array.Count:
                array[at] = replacement;
                break;
            case JsonObject obj:
                obj[parts[^1]] = replacement;
                break;
            default:
                return json;
        }

        return root.ToJsonString();
    }
}

using System.Text.Json.Nodes;

namespace Partenariat.EndToEnd.Tests;

/// <summary>A valid financing request of landlord 123456782 on the local demonstration period, as a landlord sends it.</summary>
internal static class SampleRequest
{
    public const string Json = """
        {
          "landlord": { "name": "Habitat test", "kind": "Oph" },
          "operation": {
            "name": "Résidence des Lilas",
            "municipality": "Chenôve",
            "district": "Le Mail",
            "isNpnru": true,
            "kind": "NewBuild",
            "dwellings": { "plai": 4, "plus": 6 },
            "totalCostExcludingTax": 2000000,
            "financingPlan": [ { "name": "Prêt CDC", "amount": 1500000 }, { "name": "Action Logement", "amount": 500000 } ],
            "stateApprovalReference": "DDT21-2026-001",
            "plannedWorksStart": "2026-12-01",
            "plannedCompletion": "2027-06-30"
          },
          "requestedLines": [ { "kind": "Grant", "amount": 300000 }, { "kind": "Loan", "amount": 200000, "loanDurationYears": 25 } ],
          "conventionId": "local-demo-2026-2027",
          "envelopeLineId": "housing-production"
        }
        """;

    /// <summary>The sample's JSON as <paramref name="change"/> leaves it.</summary>
    public static string With(Action<JsonNode> change)
    {
        var node = JsonNode.Parse(Json)!;
        change(node);
        return node.ToJsonString();
    }
}

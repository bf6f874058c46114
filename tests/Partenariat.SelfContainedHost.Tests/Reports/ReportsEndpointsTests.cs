using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Partenariat.Testing;

namespace Partenariat.SelfContainedHost.Tests.Reports;

/// <summary>The reports' endpoints in the host answering with the steering committee's demo key (their OpenAPI description: Startup/OpenApiDescriptionTests).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReportsEndpointsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task GetReport_SteeringKeyOnTheSeededAmendment_AnswersItsAnnexes()
    {
        await using var factory = new HostFactory(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString });
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/reports/dijon-2020-2022", UriKind.Relative));
        request.Headers.Add("X-Api-Key", "local-steering-key");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2022-12-31", report.GetProperty("asOf").GetString()); // the period is over: its last day
        Assert.Equal(30_603_000m, report.GetProperty("annexes").GetProperty("annexe1").GetProperty("total").GetDecimal());
        Assert.Equal(30_000_000m, report.GetProperty("annexes").GetProperty("annexe2").GetProperty("total").GetDecimal());
    }
}

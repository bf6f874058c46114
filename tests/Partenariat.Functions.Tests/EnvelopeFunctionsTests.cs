using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;
using Partenariat.Testing;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.ReservationRights;

namespace Partenariat.Functions.Tests;

/// <summary>The envelopes' and the reservation-right registry's functions called directly: each reaches the shared API.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EnvelopeFunctionsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Landlord = "123456782";
    private const string OtherLandlord = "987654324";
    private AppStorage _storage = null!;
    private EnvelopeFunctions _functions = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"Authentication:ApiKeys:{Landlord}"] = "landlord-key",
            ["Authentication:ReviewerApiKey"] = "reviewer-key",
        }).Build();
        var conventions = ConventionDirectory.FromConfiguration(configuration);
        // The ledger store's clock only paces its retries (real waits); the APIs read the date from the fake one.
        _storage = await AppStorage.CreateAsync(azurite.ConnectionString);
        var ledgers = new EnvelopeLedgerStore(_storage.Tables, conventions, TimeProvider.System);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero));
        var authentication = new CallerAuthentication(configuration);
        _functions = new EnvelopeFunctions(new EnvelopeApi(authentication, ledgers, conventions, time), new ReservationRightsApi(authentication, _storage.Requests, time));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ListEnvelopesAsync_AnyCallersKey_AnswersEverySeededLine()
    {
        var result = await _functions.ListEnvelopesAsync(TestRequests.With("reviewer-key"), CancellationToken.None);

        var lines = Assert.IsType<ApiResults.JsonResult<EnvelopesView>>(result).Value!.Lines;
        var line = Assert.Single(lines, l => l.ConventionId == "dijon-2020-2022" && l.LineId == "housing-production");
        Assert.Equal((15_000_000m, 0m, 0m, 15_000_000m), (line.Planned, line.Reserved, line.Committed, line.Remaining));
        Assert.Null(line.ClosesAt); // the 2020-2022 period is over
    }

    [Fact]
    public async Task ListEnvelopesAsync_WithoutAKey_AnswersTheSharedApis401()
    {
        var result = await _functions.ListEnvelopesAsync(TestRequests.With(apiKey: null), CancellationToken.None);

        Assert.Equal(401, Assert.IsType<ProblemHttpResult>(result).StatusCode);
    }

    [Fact]
    public async Task ListReservationRightsAsync_Landlord_SeesItsOwnRowsOnly()
    {
        var own = "fr-" + Guid.NewGuid().ToString("N")[..16];
        var others = "fr-" + Guid.NewGuid().ToString("N")[..16];
        await AddRightsAsync(Landlord, own);
        await AddRightsAsync(OtherLandlord, others);

        var mine = await _functions.ListReservationRightsAsync(TestRequests.With("landlord-key"), CancellationToken.None);
        var reviewer = await _functions.ListReservationRightsAsync(TestRequests.With("reviewer-key", $"?requestId={others}"), CancellationToken.None);

        var page = Assert.IsType<ApiResults.JsonResult<ReservationRightsPage>>(mine).Value!;
        Assert.Contains(page.Items, r => r.RequestId == own);
        Assert.DoesNotContain(page.Items, r => r.LandlordId != Landlord);
        var right = Assert.Single(Assert.IsType<ApiResults.JsonResult<ReservationRightsPage>>(reviewer).Value!.Items);
        Assert.Equal((OtherLandlord, 7, ReservationRightKind.RecurringRight, ReservationRightStatus.Assigned, new DateOnly(2057, 6, 30)), (right.LandlordId, right.Count, right.Kind, right.Status, right.EndDate));
    }

    // A request's view whose steps assigned it rights: the registry reads them from there.
    private Task<string> AddRightsAsync(string landlord, string requestId) =>
        _storage.AddAsync(SampleViews.Of(landlord, requestId, RequestState.Closed,
            rights: new ReservationRightView(7, ReservationRightKind.RecurringRight, 30, ReservationRightStatus.Assigned, new DateOnly(2027, 6, 30), new DateOnly(2057, 6, 30))));
}

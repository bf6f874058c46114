using Azure.Data.Tables;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Tests.Requests;

/// <summary>The requests' views on Azurite: finding a request by its id alone, steps guarded by the row's ETag.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FinancingRequestStoreTests(AzuriteFixture azurite)
{
    private readonly FinancingRequestStore _store = new(new TableServiceClient(azurite.ConnectionString));

    [Fact]
    public async Task FindAsync_IdNamingItsLandlord_ReturnsThatLandlordsView()
    {
        await _store.CreateIfNotExistsAsync();
        var requestId = RequestIds.New("123456782");
        await AddAsync("123456782", requestId);

        var found = await _store.FindAsync(requestId);

        Assert.NotNull(found);
        Assert.Equal("123456782", found.LandlordId);
        Assert.Equal(requestId, found.RequestId);
    }

    [Fact]
    public async Task FindAsync_IdNamingAnotherLandlord_ReturnsNull()
    {
        await _store.CreateIfNotExistsAsync();
        var requestId = RequestIds.New("123456782");
        // Stored under another landlord than the one its id names: the point read does not find it.
        await AddAsync("987654324", requestId);

        Assert.Null(await _store.FindAsync(requestId));
    }

    [Fact]
    public async Task FindAsync_IdWithoutLandlord_FindsItInItsLandlordsPartition()
    {
        await _store.CreateIfNotExistsAsync();
        var requestId = RequestIds.New("landlord-from-a-token");
        await AddAsync("987654324", requestId);

        var found = await _store.FindAsync(requestId);

        Assert.Equal("987654324", found?.LandlordId);
    }

    [Theory]
    [InlineData("fr-nowhere")]
    [InlineData("fr-123456782-0000000000000000")]
    [InlineData("fr-0000000000000000")]
    public async Task FindAsync_UnknownOrMalformedId_ReturnsNull(string requestId)
    {
        await _store.CreateIfNotExistsAsync();

        Assert.Null(await _store.FindAsync(requestId));
    }

    [Fact]
    public async Task ApplyStepAsync_ReadGoneStale_ReadsAgainAndKeepsTheOtherChange()
    {
        await _store.CreateIfNotExistsAsync();
        var requestId = RequestIds.New("123456782");
        await AddAsync("123456782", requestId);
        var read = await _store.GetWithETagAsync("123456782", requestId);
        var at = new DateTimeOffset(2026, 5, 2, 0, 0, 0, TimeSpan.Zero);
        // Another writer changes the row after the read (an upload's timeline entry).
        Assert.True(await _store.AppendTimelineAsync("123456782", requestId, new TimelineEntry(at, "123456782", TimelineAction.DocumentUploaded, RequestState.Submitted, null)));

        var after = await _store.ApplyStepAsync("123456782", requestId, 2,
            v => v with { Status = RequestState.UnderReview, Timeline = [.. v.Timeline, new TimelineEntry(at, "system", TimelineAction.ReviewStarted, RequestState.UnderReview, null)] },
            read: read);

        var stored = await _store.GetWithTimelineAsync("123456782", requestId);
        Assert.Equal((2, RequestState.UnderReview), (stored!.Step, stored.Status));
        Assert.Equal([TimelineAction.DocumentUploaded, TimelineAction.ReviewStarted], stored.Timeline.Select(t => t.Action));
        Assert.Equal([TimelineAction.ReviewStarted], after.Timeline.Select(t => t.Action)); // what the step added
    }

    [Fact]
    public async Task ApplyStepAsync_StepAlreadyRecorded_WritesNothing()
    {
        await _store.CreateIfNotExistsAsync();
        var requestId = RequestIds.New("123456782");
        await AddAsync("123456782", requestId);
        var applied = 0;
        await _store.ApplyStepAsync("123456782", requestId, 2, v => { applied++; return v with { Status = RequestState.UnderReview }; });

        var again = await _store.ApplyStepAsync("123456782", requestId, 2, v => { applied++; return v with { Status = RequestState.Withdrawn }; });

        Assert.Equal(1, applied);
        Assert.Equal(RequestState.UnderReview, again.Status);
    }

    [Fact]
    public async Task RecordStepsAsync_TwoHundredSteps_TheViewRowStaysTheSameSizeAndTheTimelineReadsBackInOrder()
    {
        await _store.CreateIfNotExistsAsync();
        var requestId = RequestIds.New("123456782");
        await AddAsync("123456782", requestId);
        var key = new RequestKey(requestId, "123456782", "c", "l");
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(Workflow.Storage.StorageNames.RequestsTable);
        var sizeAfterOne = 0;
        for (var step = 1; step <= 200; step++)
        {
            await _store.RecordStepsAsync(key, [new RequestStep(step, new TimelineEntry(SampleViews.SubmittedAt.AddMinutes(step), "system", TimelineAction.EventRefused, RequestState.Submitted, $"Step {step}."))]);
            if (step == 1)
            {
                sizeAfterOne = (await table.GetEntityAsync<TableEntity>("123456782", requestId)).Value.GetString("View").Length;
            }
        }

        var viewRow = (await table.GetEntityAsync<TableEntity>("123456782", requestId)).Value;
        var read = await _store.GetWithTimelineAsync("123456782", requestId);

        Assert.Equal(sizeAfterOne + "200".Length - "1".Length, viewRow.GetString("View").Length);
        Assert.Equal(200, read!.Timeline.Count);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => $"Step {i}."), read.Timeline.Select(e => e.Details));
        var (items, _) = await _store.ListAsync("123456782", null, 100, null);
        Assert.DoesNotContain(items, v => v.RequestId != v.Request.RequestId);
        Assert.Single(items, v => v.RequestId == requestId);
    }

    [Fact]
    public async Task GetTimelineAsync_EntryAlteredInStorage_TheChainNamesIt()
    {
        await _store.CreateIfNotExistsAsync();
        var requestId = RequestIds.New("123456782");
        await AddAsync("123456782", requestId);
        var key = new RequestKey(requestId, "123456782", "c", "l");
        for (var step = 1; step <= 3; step++)
        {
            await _store.RecordStepsAsync(key, [new RequestStep(step, new TimelineEntry(SampleViews.SubmittedAt, "system", TimelineAction.ReviewStarted, RequestState.UnderReview, $"Step {step}."))]);
        }

        var chain = FinancingRequestStore.TimelineChain("123456782", requestId);
        var head = (await _store.GetWithETagAsync("123456782", requestId))!.TimelineHead;
        Assert.Empty(Domain.Common.AuditChain.Verify(chain, (await _store.GetTimelineAsync("123456782", requestId)).Select(e => e.Chained), head));

        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(Workflow.Storage.StorageNames.RequestsTable);
        var second = (await table.GetEntityAsync<TableEntity>("123456782", $"t:{requestId}:000002")).Value;
        second["Entry"] = second.GetString("Entry").Replace("Step 2.", "Step 9.", StringComparison.Ordinal);
        await table.UpdateEntityAsync(second, second.ETag);

        var problems = Domain.Common.AuditChain.Verify(chain, (await _store.GetTimelineAsync("123456782", requestId)).Select(e => e.Chained), head);
        Assert.Contains("entry 2 was altered", Assert.Single(problems), StringComparison.Ordinal);
    }

    private async Task AddAsync(string landlordId, string requestId)
    {
        Assert.True(await _store.TryAddAsync(SampleViews.Of(landlordId, requestId, RequestState.Submitted)));
    }
}

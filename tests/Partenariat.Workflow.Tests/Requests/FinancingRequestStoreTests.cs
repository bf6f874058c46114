using Azure.Data.Tables;
using Partenariat.Domain.Disbursements;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Telemetry;

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
    public async Task RecordStepsAsync_ReadGoneStale_ReadsAgainAndKeepsTheOtherChange()
    {
        var (key, requestId) = await NewRequestAsync();
        var read = await _store.GetWithETagAsync("123456782", requestId);
        // Another writer changes the row after the read (an upload's timeline entry).
        Assert.True(await AppendAsync(requestId, new TimelineEntry(At(1), "123456782", TimelineAction.DocumentUploaded, RequestState.Submitted, null)));

        var after = await _store.RecordStepsAsync(key, [Step(2, TimelineAction.ReviewStarted, RequestState.UnderReview)], read);

        var stored = await _store.GetWithTimelineAsync("123456782", requestId);
        Assert.Equal((2, RequestState.UnderReview), (stored!.Step, stored.Status));
        Assert.Equal([TimelineAction.DocumentUploaded, TimelineAction.ReviewStarted], stored.Timeline.Select(t => t.Action));
        Assert.Equal([TimelineAction.ReviewStarted], after!.Timeline.Select(t => t.Action)); // what the step added
    }

    [Fact]
    public async Task RecordStepsAsync_ViewThisProcessWroteLast_RecordsWithoutReadingIt()
    {
        await _store.CreateIfNotExistsAsync();
        var counter = new StorageRequestCounter();
        var counted = new FinancingRequestStore(new TableServiceClient(azurite.ConnectionString, counter.Attach(new TableClientOptions())));
        var requestId = RequestIds.New("123456782");
        Assert.True(await counted.TryAddAsync(SampleViews.Of("123456782", requestId, RequestState.Submitted)));
        var key = new RequestKey(requestId, "123456782", "c", "l");

        await counted.RecordStepsAsync(key, [Step(2, TimelineAction.ReviewStarted, RequestState.UnderReview)]);
        await counted.RecordStepsAsync(key, [Step(3, TimelineAction.SentToCommittee, RequestState.PendingCommittee)]);

        var counts = counter.Snapshot().ByOperation;
        Assert.Equal((0, 3), (counts.GetValueOrDefault("table.GetEntity"), counts.GetValueOrDefault("table.Batch")));
        Assert.Equal((3, RequestState.PendingCommittee), ((await _store.GetAsync("123456782", requestId))!.Step, (await _store.GetAsync("123456782", requestId))!.Status));
    }

    [Fact]
    public async Task RecordStepsAsync_ViewAnotherProcessChangedSinceThisOneKeptIt_RecordsOnTheStoredRowAndKeepsTheOtherChange()
    {
        var (key, requestId) = await NewRequestAsync();
        var other = new FinancingRequestStore(new TableServiceClient(azurite.ConnectionString)); // another host's
        Assert.True((await _store.GetKeptOrReadAsync("123456782", requestId))!.IsKept);
        Assert.True(await other.ChangeAsync("123456782", requestId, view => (view with { Timeline = [new TimelineEntry(At(1), "123456782", TimelineAction.DocumentUploaded, view.Status, null)] }, true)));

        await _store.RecordStepsAsync(key, [Step(2, TimelineAction.ReviewStarted, RequestState.UnderReview)]);

        var stored = await _store.GetWithTimelineAsync("123456782", requestId);
        Assert.Equal([TimelineAction.DocumentUploaded, TimelineAction.ReviewStarted], Actions(stored));
        Assert.Equal((2, RequestState.UnderReview), (stored!.Step, stored.Status));
    }

    [Fact]
    public async Task RecordStepsAsync_StepTheKeptVersionHoldsButTheRowNoLonger_RecordedAfterWhatTheRowHolds()
    {
        var (key, requestId) = await NewRequestAsync();
        await _store.RecordStepsAsync(key, [Payment(2)]); // kept by this process: step 2, the payment
        // Another host's episode recorded another step 2 since (the view diverged, see StepTrail).
        await new FinancingRequestStore(new TableServiceClient(azurite.ConnectionString)).RecordStepsAsync(key, [Refusal(2)]);

        // The kept version says the payment is recorded: only the row can say it is not.
        await _store.RecordStepsAsync(key, [Payment(2)]);

        var stored = await _store.GetWithTimelineAsync("123456782", requestId);
        Assert.Equal((2, RequestState.Disbursing), (stored!.Step, stored.Status));
        Assert.Equal(150_000m, stored.Tranches[0].Paid);
    }

    [Fact]
    public async Task ChangeAsync_ReadGoneStale_ReadsAgainAndKeepsTheStep()
    {
        var (key, requestId) = await NewRequestAsync();
        var read = await _store.GetWithETagAsync("123456782", requestId);
        // The orchestration records a step between the upload's read and its timeline entry.
        await _store.RecordStepsAsync(key, [Step(2, TimelineAction.ReviewStarted, RequestState.UnderReview)]);

        Assert.True(await AppendAsync(requestId, new TimelineEntry(At(3), "123456782", TimelineAction.DocumentUploaded, default, null), read));

        var stored = await _store.GetWithTimelineAsync("123456782", requestId);
        Assert.Equal((2, RequestState.UnderReview), (stored!.Step, stored.Status));
        Assert.Equal([TimelineAction.ReviewStarted, TimelineAction.DocumentUploaded], Actions(stored));
        Assert.Equal(RequestState.UnderReview, stored.Timeline[^1].Status);
    }

    [Fact]
    public async Task RecordStepsAsync_SameStepAgainLater_WritesNothing()
    {
        var (key, requestId) = await NewRequestAsync();
        await _store.RecordStepsAsync(key, [Step(2, TimelineAction.ReviewStarted, RequestState.UnderReview)]);

        // A retried activity, or the episode that replaced a killed one: the same step, at another time.
        var again = await _store.RecordStepsAsync(key, [Step(2, TimelineAction.ReviewStarted, RequestState.UnderReview, minutes: 9)]);

        Assert.Equal(RequestState.UnderReview, again!.Status);
        Assert.Empty(again.Timeline);
        Assert.Single(Actions(await _store.GetWithTimelineAsync("123456782", requestId)), a => a == TimelineAction.ReviewStarted);
    }

    [Fact]
    public async Task RecordStepsAsync_ALostEpisodeRecordedAnotherStepUnderItsNumber_TheStepIsRecordedAfterIt()
    {
        var (key, requestId) = await NewRequestAsync();
        // A killed host's episode took the wrong evidence first and recorded its refusal as step 2.
        await _store.RecordStepsAsync(key, [Refusal(2)]);

        // The episode that replaced it took the right evidence first: the payment is step 2, then
        // the wrong evidence's refusal step 3.
        await _store.RecordStepsAsync(key, [Payment(2)]);
        await _store.RecordStepsAsync(key, [Refusal(3, RequestState.Disbursing)]);

        var stored = await _store.GetWithTimelineAsync("123456782", requestId);
        Assert.Equal([TimelineAction.MilestoneRefused, TimelineAction.TranchePaid], Actions(stored));
        Assert.Equal((3, RequestState.Disbursing), (stored!.Step, stored.Status));
    }

    [Fact]
    public async Task RecordStepsAsync_NoteBeforeALostEpisodesStepTheOrchestrationTakesNext_KeepsTheStatusTheViewHas()
    {
        var (key, requestId) = await NewRequestAsync();
        // A killed host's episode took the withdrawal and recorded it as step 2.
        await _store.RecordStepsAsync(key, [Step(2, TimelineAction.Withdrawn, RequestState.Withdrawn)]);

        // The episode that replaced it took a stale decision first (refused: a note), then the withdrawal.
        await _store.RecordStepsAsync(key, [Step(2, TimelineAction.EventRefused, RequestState.Submitted, "CommitteeDecision does not apply to a request Submitted.")]);
        var between = await _store.GetAsync("123456782", requestId);
        await _store.RecordStepsAsync(key, [Step(3, TimelineAction.Withdrawn, RequestState.Withdrawn)]);

        Assert.Equal(RequestState.Withdrawn, between!.Status);
        var stored = await _store.GetWithTimelineAsync("123456782", requestId);
        Assert.Equal([TimelineAction.Withdrawn, TimelineAction.EventRefused], Actions(stored));
        Assert.Equal((3, RequestState.Withdrawn, RequestState.Withdrawn), (stored!.Step, stored.Status, stored.Timeline[^1].Status));
    }

    [Fact]
    public async Task RecordStepsAsync_ALostEpisodeTookTheSameStepsInAnotherOrder_EachEntryOnceAndTheViewAsTheOrchestrationLeftIt()
    {
        var (key, requestId) = await NewRequestAsync();
        await _store.RecordStepsAsync(key, [Refusal(2), Payment(3)]);

        await _store.RecordStepsAsync(key, [Payment(2)]);
        await _store.RecordStepsAsync(key, [Refusal(3, RequestState.Disbursing)]);
        await _store.RecordStepsAsync(key, [Refusal(3, RequestState.Disbursing)]); // retried
        await _store.RecordStepsAsync(key, [Step(4, TimelineAction.Closed, RequestState.Closed)]);

        var stored = await _store.GetWithTimelineAsync("123456782", requestId);
        Assert.Equal([TimelineAction.MilestoneRefused, TimelineAction.TranchePaid, TimelineAction.Closed], Actions(stored));
        Assert.Equal((4, RequestState.Closed), (stored!.Step, stored.Status));
    }

    [Fact]
    public async Task RecordStepsAsync_APaymentPlannedAgainUnderANewNumber_ItsEntryNotWrittenTwice()
    {
        var (key, requestId) = await NewRequestAsync();
        await _store.RecordStepsAsync(key, [Payment(2)]);

        // An episode given a lost episode's result planned the same tranche's payment again (the ledger paid it once).
        await _store.RecordStepsAsync(key, [Payment(3), Step(4, TimelineAction.EventRefused, RequestState.Disbursing, "CommitteeDecision does not apply to a request Disbursing.")]);

        var stored = await _store.GetWithTimelineAsync("123456782", requestId);
        Assert.Equal([TimelineAction.TranchePaid, TimelineAction.EventRefused], Actions(stored));
        Assert.Equal((4, 150_000m), (stored!.Step, stored.Tranches!.Sum(t => t.Paid)));
    }

    [Fact]
    public async Task GetWithTimelineAsync_EntriesBeyondTheViewsLength_LeftOut()
    {
        var (key, requestId) = await NewRequestAsync();
        await _store.RecordStepsAsync(key, [Step(2, TimelineAction.ReviewStarted, RequestState.UnderReview)]);
        // As if the timeline were read after a step whose view row was read before it.
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(Workflow.Storage.StorageNames.RequestsTable);
        var entry = (await table.GetEntityAsync<TableEntity>("123456782", $"t:{requestId}:000001")).Value;
        entry.RowKey = $"t:{requestId}:000002";
        entry["Sequence"] = 2L;
        await table.AddEntityAsync(entry);

        var stored = await _store.GetWithTimelineAsync("123456782", requestId);

        Assert.Equal([TimelineAction.ReviewStarted], Actions(stored));
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

    private async Task<(RequestKey Key, string RequestId)> NewRequestAsync()
    {
        await _store.CreateIfNotExistsAsync();
        var requestId = RequestIds.New("123456782");
        await AddAsync("123456782", requestId);
        return (new RequestKey(requestId, "123456782", "c", "l"), requestId);
    }

    private static DateTimeOffset At(int minutes) => SampleViews.SubmittedAt.AddMinutes(minutes);

    private static RequestStep Step(int number, TimelineAction action, RequestState status, string? details = null, int? minutes = null) =>
        new(number, new TimelineEntry(At(minutes ?? number), "system", action, status, details));

    private static RequestStep Refusal(int number, RequestState status = RequestState.Approved) =>
        Step(number, TimelineAction.MilestoneRefused, status, "Milestone refused: document 'd-1' is a Quote, and this tranche needs a WorksStartOrder.");

    private static RequestStep Payment(int number) =>
        Step(number, TimelineAction.TranchePaid, RequestState.Disbursing, "Tranche 1 (WorksStartOrder) of 150000 € paid on evidence d-2.") with
        {
            Tranches = [new TrancheView(1, DisbursementMilestone.WorksStartOrder, 150_000m, 150_000m, new DateOnly(2026, 5, 2), "d-2"), new TrancheView(2, DisbursementMilestone.CompletionDeclaration, 150_000m, 0m, null, null)],
        };

    private static List<TimelineAction> Actions(FinancingRequestView? view) => [.. view!.Timeline.Select(t => t.Action)];

    private async Task AddAsync(string landlordId, string requestId)
    {
        Assert.True(await _store.TryAddAsync(SampleViews.Of(landlordId, requestId, RequestState.Submitted)));
    }

    // A change outside the steps, as an upload's: one timeline entry with the request's status.
    private Task<bool> AppendAsync(string requestId, TimelineEntry entry, StoredView? read = null) =>
        _store.ChangeAsync("123456782", requestId, view => (view with { Timeline = [entry with { Status = view.Status }], UpdatedAt = entry.At }, true), read);
}

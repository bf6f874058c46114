using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Notifications;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Tests.Notifications;

/// <summary>
/// The steps' notifications, on Azurite and a real SMTP sink (MailDev): written as pending with the
/// steps, sent once, sent by a later run when a run recorded the steps and stopped before sending.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StepNotifierTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Landlord = "123456782";
    private MailSink? _mail;

    public async Task InitializeAsync() => _mail = await MailSink.StartAsync();

    public async Task DisposeAsync()
    {
        if (_mail is not null)
        {
            await _mail.DisposeAsync();
        }
    }

    [Fact]
    public async Task RecordAsync_StepsRecordedTwice_MailsEachEventOnce()
    {
        var (notifier, requests, key) = await StartAsync();
        var approved = Step(2, TimelineAction.Approved, RequestState.Approved);

        await notifier.RecordAsync(key, [approved]);
        await notifier.RecordAsync(key, [approved]); // a retried activity

        var mails = await MailsAboutAsync(key.RequestId, 1);
        Assert.Equal("Demande accordée : Résidence des Lilas", Assert.Single(mails).Subject);
        Assert.Empty(await requests.GetPendingNotificationsAsync(key));
    }

    [Fact]
    public async Task RecordAsync_AfterARunThatRecordedTheStepsAndStopped_SendsWhatIsPending()
    {
        var (notifier, requests, key) = await StartAsync();
        var paid = Step(2, TimelineAction.TranchePaid, RequestState.Disbursing);
        var notification = NotificationPolicy.For(key, paid)!;
        // The first run wrote the step and its notification, then stopped before the mail left.
        await requests.RecordStepsAsync(key, [paid], outbox: [new OutboxItem(2, notification.EventId, System.Text.Json.JsonSerializer.Serialize(notification, Http.PartenariatJson.Options))]);

        await notifier.RecordAsync(key, [paid]);

        var mail = Assert.Single(await MailsAboutAsync(key.RequestId, 1));
        Assert.StartsWith("Tranche versée", mail.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAsync_StepThatTellsNobody_WritesAndSendsNothing()
    {
        var (notifier, requests, key) = await StartAsync();

        await notifier.RecordAsync(key, [Step(2, TimelineAction.ReviewStarted, RequestState.UnderReview)]);

        Assert.Empty(await requests.GetPendingNotificationsAsync(key));
        Assert.Equal(RequestState.UnderReview, (await requests.GetAsync(Landlord, key.RequestId))!.Status);
    }

    private static RequestStep Step(int number, TimelineAction action, RequestState status) =>
        new(number, new TimelineEntry(SampleViews.SubmittedAt, "system", action, status, null));

    private async Task<IReadOnlyList<ReceivedMail>> MailsAboutAsync(string requestId, int expected)
    {
        // Every mail names its request: wait for the expected number, then make sure no other came.
        var mails = await Eventually.UntilAsync(
            async () => (await _mail!.MailsAsync()).Where(m => m.Text.Contains(requestId, StringComparison.Ordinal)).ToList() is { } found && found.Count >= expected ? found : null,
            describe: () => Task.FromResult($"{expected} mail(s) about {requestId}"));
        return mails;
    }

    private async Task<(StepNotifier Notifier, FinancingRequestStore Requests, RequestKey Key)> StartAsync()
    {
        var storage = await AppStorage.CreateAsync(azurite.ConnectionString);
        var requestId = RequestIds.New(Landlord);
        var request = SampleRequests.Valid() with { RequestId = requestId };
        await storage.AddAsync(SampleViews.Of(Landlord, requestId, RequestState.PendingCommittee, request) with { Step = 1 });
        var options = Options.Create(new MailOptions
        {
            Host = "127.0.0.1",
            Port = _mail!.SmtpPort,
            Security = "None",
            Reviewers = "comite@example.org",
            Landlords = new Dictionary<string, string> { [Landlord] = "bailleur@example.org" },
        });
        var notifier = new StepNotifier(storage.Requests, new Mailer(options), options, NullLogger<StepNotifier>.Instance);
        return (notifier, storage.Requests, new RequestKey(requestId, Landlord, request.ConventionId!, request.EnvelopeLineId!));
    }
}

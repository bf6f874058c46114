using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.DurableTask;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Notifications;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;

namespace Partenariat.Workflow.Committee;

/// <summary>The input of <see cref="SendForReview"/>.</summary>
/// <param name="Key">The request.</param>
/// <param name="Steps">The steps to record with the review; the last records the request as sent to the committee.</param>
/// <param name="Round">1 for the first review, more after an information request was answered.</param>
/// <param name="Findings">What the eligibility checks found; null: run them when sending, and say what they found in the last step.</param>
public sealed record ReviewRequest(RequestKey Key, IReadOnlyList<RequestStep> Steps, int Round, IReadOnlyList<string>? Findings);

/// <summary>A review message of the <c>committee-reviews</c> queue: a request awaits the committee.</summary>
public sealed record CommitteeReviewMessage(string RequestId, string LandlordId, int Round, string? Operation, string? Municipality, decimal RequestedAmount, IReadOnlyList<string> Findings);

/// <summary>
/// Puts a review message on the <c>committee-reviews</c> queue for the reviewers' tools, then
/// records the step. A retry after the step was recorded sends nothing; a crash between the send and
/// the record may send the message twice, which reviewers' tools tell apart by request id and round.
/// </summary>
public sealed class SendForReview(QueueServiceClient queues, FinancingRequestStore requests, StepNotifier notifier, ConventionDirectory conventions) : TaskActivity<ReviewRequest, bool>
{
    /// <inheritdoc />
    public override Task<bool> RunAsync(TaskActivityContext context, ReviewRequest input) => SendAsync(input);

    /// <summary>
    /// Sends the review message and records the steps the view does not hold yet, unless the last
    /// step is already recorded. Null findings: the eligibility checks run here, on the stored
    /// request, and the last step's details say what they found. The view is read once and written
    /// once, guarded by its ETag (read again only if it changed meanwhile); the version this process
    /// kept serves when it has one (<see cref="FinancingRequestStore.GetKeptOrReadAsync"/>).
    /// </summary>
    /// <returns>False when the steps were already recorded (nothing sent).</returns>
    public async Task<bool> SendAsync(ReviewRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var key = input.Key;
        var read = await requests.GetKeptOrReadAsync(key.LandlordId, key.RequestId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Financing request '{key.RequestId}' does not exist.");
        var steps = input.Steps;
        if (steps.Count > 0 && read.IsKept && read.View.Step >= steps[^1].Number)
        {
            // Sending nothing is answered on the row read, never on the version kept.
            read = await requests.GetWithETagAsync(key.LandlordId, key.RequestId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Financing request '{key.RequestId}' does not exist.");
        }

        if (steps.Count == 0 || read.View.Step >= steps[^1].Number)
        {
            return false;
        }

        var findings = input.Findings;
        if (findings is null)
        {
            findings = EligibilityChecks.Run(read.View, conventions);
            steps = [.. steps.SkipLast(1), steps[^1] with { Entry = steps[^1].Entry with { Details = EligibilityChecks.Describe(findings) } }];
        }

        var view = read.View;
        var message = new CommitteeReviewMessage(key.RequestId, key.LandlordId, input.Round, view.Request.Operation?.Name, view.Request.Operation?.Municipality, view.Request.RequestedTotal, findings);
        await queues.GetQueueClient(StorageNames.CommitteeReviewsQueue)
            .SendMessageAsync(JsonSerializer.Serialize(message, PartenariatJson.Options), cancellationToken).ConfigureAwait(false);
        await notifier.RecordAsync(key, steps, read, cancellationToken).ConfigureAwait(false);
        return true;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;
using Partenariat.Domain.Common;
using Partenariat.Domain.Requests;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;

namespace Partenariat.Workflow.Committee;

/// <summary>What became of a decision message.</summary>
/// <param name="Applied">Raised on the request's orchestration.</param>
/// <param name="Reason">Why it was set aside on the poison queue, when it was.</param>
public sealed record DecisionHandling(bool Applied, string? Reason);

/// <summary>A decision set aside on the poison queue, with why.</summary>
/// <param name="Reason">What is wrong with it.</param>
/// <param name="Message">The message as received (its first 5,000 characters: the envelope fits a queue message).</param>
/// <param name="SetAsideAt">When.</param>
public sealed record PoisonDecision(string Reason, string Message, DateTimeOffset SetAsideAt);

/// <summary>
/// Handles a message of the <c>committee-decisions</c> queue, the same in both hosts (the Functions
/// app's queue trigger and the self-contained host's WebJobs queue trigger call it): validates it and
/// raises it on the request's orchestration. A malformed or impossible decision (unreadable JSON,
/// unknown request, amount above the requested one, request not awaiting a decision) is put on the
/// <c>committee-decisions-poison</c> queue with its reason, at once: retrying would not mend it.
/// Storage failures throw, so the trigger retries the message.
/// </summary>
public sealed class CommitteeDecisionHandler(FinancingRequestStore requests, QueueServiceClient queues, TimeProvider timeProvider)
{
    /// <summary>The largest message read (Azure Queue storage's own limit).</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>The most characters of a refused message kept in its poison envelope (escaped, it stays within a queue message).</summary>
    public const int MaxPoisonMessageLength = 5_000;

    /// <summary>The most characters of a reason kept in a poison envelope.</summary>
    public const int MaxPoisonReasonLength = 3_000;

    /// <summary>Handles one message.</summary>
    public async Task<DecisionHandling> HandleAsync(string message, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var reason = await ApplyAsync(message, client, cancellationToken).ConfigureAwait(false);
        if (reason is null)
        {
            return new DecisionHandling(true, null);
        }

        // The envelope must fit a queue message (64 KiB) whatever the message held: both texts are cut.
        var poison = new PoisonDecision(Cut(reason, MaxPoisonReasonLength), Cut(message ?? string.Empty, MaxPoisonMessageLength), timeProvider.GetUtcNow());
        await queues.GetQueueClient(StorageNames.CommitteeDecisionsPoisonQueue)
            .SendMessageAsync(JsonSerializer.Serialize(poison, PartenariatJson.Options), cancellationToken).ConfigureAwait(false);
        return new DecisionHandling(false, reason);
    }

    private static string Cut(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        // Never half of a surrogate pair at the cut.
        var end = char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        return string.Create(CultureInfo.InvariantCulture, $"{text[..end]}… (cut: {text.Length} characters in all)");
    }

    private async Task<string?> ApplyAsync(string? message, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "The message is empty.";
        }

        // The API's reader: every field at fault in plain words, never a .NET type.
        CommitteeDecisionMessage decision;
        switch (JsonInputReader.Parse<CommitteeDecisionMessage>(Encoding.UTF8.GetBytes(message), MaxMessageBytes, "The message"))
        {
            case JsonInput<CommitteeDecisionMessage>.Read read:
                decision = read.Value;
                break;
            case JsonInput<CommitteeDecisionMessage>.Invalid invalid:
                return "The decision is not valid: " + invalid.Reason;
            case var refused:
                return refused.Reason;
        }

        if (TextRules.Check("requestId", decision.RequestId, InputLimits.MaxNameLength) is { Count: > 0 } badId)
        {
            return "The decision is not valid: " + JsonInputReader.Describe(badId);
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(decision.RequestId))
        {
            missing.Add("requestId");
        }

        if (decision.Outcome is null)
        {
            missing.Add("outcome (Approved, Rejected or InformationRequested)");
        }

        if (string.IsNullOrWhiteSpace(decision.Reviewer))
        {
            missing.Add("reviewer");
        }

        if (missing.Count > 0)
        {
            return "The decision lacks " + string.Join(", ", missing) + ".";
        }

        var view = await requests.FindAsync(decision.RequestId!, cancellationToken).ConfigureAwait(false);
        if (view is null)
        {
            return $"No financing request '{decision.RequestId}' exists.";
        }

        if (view.Status != RequestState.PendingCommittee)
        {
            return $"Request '{decision.RequestId}' is {view.Status}, not awaiting the committee's decision.";
        }

        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        if (CommitteeDecisions.Refusal(decision, view.Request, view.Round, today) is { } refusal)
        {
            return refusal;
        }

        // Raised with its defaults filled in: the orchestration applies exactly the decision checked here.
        decision = CommitteeDecisions.Complete(decision, view.Request, today);
        await client.RaiseEventAsync(view.RequestId, RequestEvent.Name, new RequestEvent(RequestEventKind.CommitteeDecision, decision.Reviewer!, Decision: decision), cancellationToken).ConfigureAwait(false);
        return null;
    }
}

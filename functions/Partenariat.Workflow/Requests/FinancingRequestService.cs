using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Partenariat.Domain.Common;
using Partenariat.Domain.Requests;
using Partenariat.Workflow.Conventions;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests.Orchestration;

namespace Partenariat.Workflow.Requests;

/// <summary>What became of a submission.</summary>
public abstract record SubmissionOutcome
{
    private SubmissionOutcome()
    {
    }

    /// <summary>Accepted (now, or before with the same idempotency key and body).</summary>
    public sealed record Accepted(FinancingRequestView View, bool Replayed) : SubmissionOutcome;

    /// <summary>The body is not JSON of a financing request.</summary>
    public sealed record Malformed(string Detail) : SubmissionOutcome;

    /// <summary>The request breaks rules; every error at once.</summary>
    public sealed record Invalid(IReadOnlyList<ValidationError> Errors) : SubmissionOutcome;

    /// <summary>The idempotency key was used before with another body.</summary>
    public sealed record KeyReused(string RequestId) : SubmissionOutcome;
}

/// <summary>
/// Submissions and landlords' and operators' actions on requests: validation with the domain's
/// rules, the stored view, the orchestration's start and its events. Nothing is stored for a
/// submission that fails validation.
/// </summary>
public sealed class FinancingRequestService(
    FinancingRequestStore requests,
    IdempotencyStore idempotency,
    ConventionDirectory conventions,
    IOptions<WorkflowOptions> workflow,
    IOptions<InputOptions> options,
    TimeProvider timeProvider)
{
    /// <summary>The longest <c>Idempotency-Key</c> accepted.</summary>
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>
    /// Submits a request for <paramref name="landlordId"/> from its JSON body (already read under
    /// its cap). Concurrent submissions with one key and one body all answer the same request: the
    /// first claims the key, the others find its claim and finish what it may not have finished yet
    /// (each part is idempotent; an orchestration the other started meanwhile is taken as started).
    /// </summary>
    public async Task<SubmissionOutcome> SubmitAsync(string landlordId, ReadOnlyMemory<byte> body, string? idempotencyKey, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var input = options.Value;
        FinancingRequest submitted;
        switch (JsonInputReader.Parse<FinancingRequest>(body, input.MaxRequestBodyBytes))
        {
            case JsonInput<FinancingRequest>.Read read:
                submitted = read.Value;
                break;
            case JsonInput<FinancingRequest>.Invalid invalid:
                return new SubmissionOutcome.Invalid(invalid.Errors);
            case var refused:
                return new SubmissionOutcome.Malformed(refused.Reason!);
        }

        var now = timeProvider.GetUtcNow();
        var errors = new List<ValidationError>();
        if (!string.IsNullOrEmpty(idempotencyKey))
        {
            errors.AddRange(TextRules.Check(FinancingRequestApi.IdempotencyKeyHeader, idempotencyKey, MaxIdempotencyKeyLength));
        }

        if (submitted.Landlord?.Siren is { Length: > 0 } siren && siren != landlordId)
        {
            errors.Add(new ValidationError("landlord.siren", ErrorCodes.Mismatch, $"landlord.siren must be your own SIREN ({landlordId}), or be left out."));
        }

        var requestId = RequestIds.New(landlordId);
        var request = submitted with
        {
            RequestId = requestId,
            Landlord = (submitted.Landlord ?? new LandlordDetails()) with { Siren = landlordId },
            SubmittedAt = now,
        };
        var validator = new FinancingRequestValidator(conventions.Catalog, conventions.Territory, input.Limits);
        errors.AddRange(validator.Validate(request, ValidationStage.Submission, DateOnly.FromDateTime(now.UtcDateTime)).Errors);
        if (errors.Count > 0)
        {
            return new SubmissionOutcome.Invalid(errors);
        }

        var replayed = false;
        if (!string.IsNullOrEmpty(idempotencyKey))
        {
            var claim = await idempotency.ClaimAsync(landlordId, idempotencyKey, body, requestId, now, now + input.IdempotencyKeyLifetime, cancellationToken).ConfigureAwait(false);
            if (!claim.SameBody)
            {
                return new SubmissionOutcome.KeyReused(claim.RequestId);
            }

            replayed = claim.Replayed;
            requestId = claim.RequestId;
            if (replayed && await requests.GetWithTimelineAsync(landlordId, requestId, cancellationToken).ConfigureAwait(false) is { } existing
                && await client.GetInstanceAsync(requestId, cancellationToken).ConfigureAwait(false) is not null)
            {
                return new SubmissionOutcome.Accepted(existing, Replayed: true);
            }
        }

        // New; or a retry (or a concurrent twin) that finds the first attempt unfinished: finish it (each part is idempotent).
        request = request with { RequestId = requestId };
        var view = new FinancingRequestView
        {
            RequestId = requestId,
            LandlordId = landlordId,
            Status = RequestState.Submitted,
            SubmittedAt = now,
            UpdatedAt = now,
            Request = request,
            Timeline = [new TimelineEntry(now, landlordId, TimelineAction.Submitted, RequestState.Submitted, $"{request.RequestedTotal:0.##} € requested for {request.Operation?.Name} ({request.Operation?.Municipality}).")],
            Step = 1,
            Documents = [],
        };
        var added = await requests.TryAddAsync(view, cancellationToken).ConfigureAwait(false);
        if (!added)
        {
            view = await requests.GetWithTimelineAsync(landlordId, requestId, cancellationToken).ConfigureAwait(false) ?? view;
        }

        // The first to add the view starts its orchestration; a retry, or a claimant whose twin
        // added the view first, looks before starting. Either may race a twin (the same key and
        // body, sent at the same moment: it knows the id from the key's claim), so a start that
        // fails is taken for the twin's when the instance exists. Without a key, no twin.
        var twinMayStart = !string.IsNullOrEmpty(idempotencyKey);
        if ((added && !replayed) || await client.GetInstanceAsync(requestId, cancellationToken).ConfigureAwait(false) is null)
        {
            await StartAsync(view.Request, landlordId, twinMayStart, client, cancellationToken).ConfigureAwait(false);
        }

        return new SubmissionOutcome.Accepted(view, replayed);
    }

    /// <summary>
    /// Starts the request's orchestration with the request as stored. When a concurrent twin
    /// submission (same key, same body) may start it too (<paramref name="twinMayStart"/>), the two
    /// race: when the start fails and the instance exists, the other started it, and that is what
    /// was wanted.
    /// </summary>
    private async Task StartAsync(FinancingRequest request, string landlordId, bool twinMayStart, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var requestId = request.RequestId!;
        var convention = conventions.Catalog.Find(request.ConventionId!)!;
        var input = new FinancingRequestInput(
            new RequestKey(requestId, landlordId, request.ConventionId!, request.EnvelopeLineId!),
            request,
            conventions.ClosesAt(convention),
            workflow.Value.InformationDue,
            workflow.Value.WorksStartOrderPercent)
        {
            LapseWarning = TimeSpan.FromDays(workflow.Value.LapseWarningDays),
        };
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(FinancingRequestOrchestration.Name, input, new StartOrchestrationOptions(requestId), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (twinMayStart)
        {
            // Each runtime says "already started" its own way: the instance itself tells whether the
            // concurrent first submission started it between our look and our start.
            if (await client.GetInstanceAsync(requestId, cancellationToken).ConfigureAwait(false) is null)
            {
                throw;
            }
        }
    }

    /// <summary>
    /// Raises <paramref name="requestEvent"/> on the request if its current status allows
    /// <paramref name="trigger"/>; otherwise returns why not (nothing is raised).
    /// </summary>
    public static async Task<string?> RaiseIfAllowedAsync(FinancingRequestView view, RequestTrigger trigger, RequestEvent requestEvent, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(client);
        var transition = RequestLifecycle.Transition(view.Status, trigger);
        if (!transition.IsAllowed)
        {
            return transition.Reason;
        }

        await client.RaiseEventAsync(view.RequestId, RequestEvent.Name, requestEvent, cancellationToken).ConfigureAwait(false);
        return null;
    }
}

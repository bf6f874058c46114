using Microsoft.DurableTask;

namespace Partenariat.Workflow.Diagnostics;

/// <summary>The input of <see cref="RetryThenFail"/>.</summary>
/// <param name="Failures">How many times the activity fails before it succeeds.</param>
/// <param name="MaxAttempts">The retry policy's attempts.</param>
public sealed record RetryThenFailInput(int Failures, int MaxAttempts);

/// <summary>Calls <see cref="FailOnDemand"/> under a retry policy: it succeeds when the policy outlasts the failures, else the orchestration fails with the activity's failure details.</summary>
public sealed class RetryThenFail : TaskOrchestrator<RetryThenFailInput, int>
{
    /// <inheritdoc />
    public override Task<int> RunAsync(TaskOrchestrationContext context, RetryThenFailInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var policy = new RetryPolicy(maxNumberOfAttempts: input.MaxAttempts, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 1);
        return context.CallActivityAsync<int>(
            nameof(FailOnDemand),
            new FailOnDemandInput(context.InstanceId, input.Failures),
            TaskOptions.FromRetryPolicy(policy));
    }
}

/// <summary>The input of <see cref="FailOnDemand"/>.</summary>
/// <param name="Key">Whose attempts are counted.</param>
/// <param name="Failures">How many attempts fail.</param>
public sealed record FailOnDemandInput(string Key, int Failures);

/// <summary>
/// Fails its first <see cref="FailOnDemandInput.Failures"/> attempts for a key (with an inner
/// exception, to show failure details carry it), then returns the attempt number. Attempts are
/// counted in this process only.
/// </summary>
public sealed class FailOnDemand(AttemptCounter attempts) : TaskActivity<FailOnDemandInput, int>
{
    /// <inheritdoc />
    public override Task<int> RunAsync(TaskActivityContext context, FailOnDemandInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = attempts.Next(input.Key);
        return attempt <= input.Failures
            ? throw new InvalidOperationException($"Attempt {attempt} of '{input.Key}' fails on demand.", new TimeoutException("The inner cause."))
            : Task.FromResult(attempt);
    }
}

/// <summary>Counts attempts per key (a singleton).</summary>
public sealed class AttemptCounter
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    /// <summary>The number of this attempt for <paramref name="key"/>, from 1.</summary>
    public int Next(string key) => _attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
}

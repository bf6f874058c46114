using Polly;
using Polly.Retry;

namespace Partenariat.Workflow.Configuration;

/// <summary>
/// The retry of work a host does at start against storage (creating the task hub, the tables and
/// queues): exponential back-off with jitter from 1 s to 30 s, for as long as the host runs, so that
/// a host whose storage does not answer yet still starts and reports it through its health endpoint.
/// </summary>
public static class StartupRetry
{
    /// <summary>The pipeline; <paramref name="onRetry"/> is told each failure and the delay before the next try.</summary>
    public static ResiliencePipeline Create(Action<Exception?, TimeSpan> onRetry)
    {
        ArgumentNullException.ThrowIfNull(onRetry);
        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(30),
                UseJitter = true,
                OnRetry = args =>
                {
                    onRetry(args.Outcome.Exception, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}

using Microsoft.DurableTask.Client;
using Partenariat.Workflow.Reconciliation;

namespace Partenariat.SelfContainedHost.Reconciliation;

/// <summary>
/// The reconciler's schedule in the self-contained host, twin of the Functions app's
/// <c>ReconcileCredit</c> timer function: a pass every <see cref="CreditReconciler.Interval"/>, the
/// first one interval after the start. (The WebJobs SDK's own timer trigger needs a version of its
/// extension this project's package source does not serve; a pass is idempotent, so hosts sharing a
/// task hub may each run theirs.)
/// </summary>
internal sealed partial class ReconciliationTimer(CreditReconciler reconciler, DurableTaskClient client, TimeProvider time, ILogger<ReconciliationTimer> logger) : BackgroundService
{
    /// <summary>The Functions app's name for the same timer.</summary>
    public const string FunctionName = "ReconcileCredit";

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CreditReconciler.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await reconciler.RunAsync(client, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Storage down, say: the next pass tries again.
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Error, Message = "A reconciliation pass failed; the next one tries again.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

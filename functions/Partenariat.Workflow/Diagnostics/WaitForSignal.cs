using Microsoft.DurableTask;

namespace Partenariat.Workflow.Diagnostics;

/// <summary>The input of <see cref="WaitForSignal"/>.</summary>
/// <param name="EventName">The external event to wait for.</param>
/// <param name="TimeoutSeconds">How long to wait; null waits forever.</param>
public sealed record WaitForSignalInput(string EventName, int? TimeoutSeconds = null);

/// <summary>Sets a custom status, then waits for one external event, raced against a durable timer when a timeout is given.</summary>
public sealed class WaitForSignal : TaskOrchestrator<WaitForSignalInput, string>
{
    /// <summary>The custom status while waiting.</summary>
    public const string WaitingStatus = "waiting";

    /// <summary>The output when the timeout passed first.</summary>
    public const string TimedOut = "timed-out";

    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskOrchestrationContext context, WaitForSignalInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus(WaitingStatus);
        if (input.TimeoutSeconds is not { } seconds)
        {
            return "received:" + await context.WaitForExternalEvent<string>(input.EventName);
        }

        try
        {
            var value = await context.WaitForExternalEvent<string>(input.EventName, TimeSpan.FromSeconds(seconds));
            return "received:" + value;
        }
        catch (TaskCanceledException)
        {
            return TimedOut;
        }
    }
}

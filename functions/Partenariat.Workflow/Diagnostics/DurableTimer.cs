using Microsoft.DurableTask;

namespace Partenariat.Workflow.Diagnostics;

/// <summary>Waits on a durable timer, then returns when (by the orchestration's clock) it fired.</summary>
public sealed class DurableTimer : TaskOrchestrator<int, DateTime>
{
    /// <inheritdoc />
    public override async Task<DateTime> RunAsync(TaskOrchestrationContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.CreateTimer(TimeSpan.FromSeconds(input), CancellationToken.None);
        return context.CurrentUtcDateTime;
    }
}

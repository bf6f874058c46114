using Microsoft.DurableTask;

namespace Partenariat.Workflow.Diagnostics;

/// <summary>The input of <see cref="SlowSequence"/>.</summary>
/// <param name="Steps">How many <see cref="Pause"/> activities run one after the other.</param>
/// <param name="PauseMilliseconds">How long each one takes.</param>
public sealed record SlowSequenceInput(int Steps, int PauseMilliseconds);

/// <summary>
/// Activities that take time, one after the other, with the step reached as custom status: the
/// workload of the crash tests, which kill a host while such instances are in flight.
/// </summary>
public sealed class SlowSequence : TaskOrchestrator<SlowSequenceInput, int>
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskOrchestrationContext context, SlowSequenceInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var total = 0;
        for (var step = 1; step <= input.Steps; step++)
        {
            total += await context.CallActivityAsync<int>(nameof(Pause), input.PauseMilliseconds);
            context.SetCustomStatus(step);
        }

        return total;
    }
}

using Microsoft.DurableTask;

namespace Partenariat.Workflow.Diagnostics;

/// <summary>Waits the given number of milliseconds, then returns it.</summary>
public sealed class Pause(TimeProvider timeProvider) : TaskActivity<int, int>
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, int input)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(input);
        await Task.Delay(TimeSpan.FromMilliseconds(input), timeProvider);
        return input;
    }
}

using Microsoft.DurableTask;

namespace Partenariat.Workflow.Diagnostics;

/// <summary>Calls <see cref="Square"/> for 1..N in parallel, then sums the results.</summary>
public sealed class FanOutFanIn : TaskOrchestrator<int, long>
{
    /// <inheritdoc />
    public override async Task<long> RunAsync(TaskOrchestrationContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegative(input);
        var squares = await Task.WhenAll(Enumerable.Range(1, input).Select(i => context.CallActivityAsync<long>(nameof(Square), i)));
        return squares.Sum();
    }
}

/// <summary>Squares a number.</summary>
public sealed class Square : TaskActivity<int, long>
{
    /// <inheritdoc />
    public override Task<long> RunAsync(TaskActivityContext context, int input) => Task.FromResult((long)input * input);
}

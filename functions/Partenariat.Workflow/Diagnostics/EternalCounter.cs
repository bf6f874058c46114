using Microsoft.DurableTask;

namespace Partenariat.Workflow.Diagnostics;

/// <summary>The input of <see cref="EternalCounter"/>.</summary>
/// <param name="Count">The generations so far.</param>
/// <param name="Target">When to stop.</param>
public sealed record EternalCounterInput(int Count, int Target);

/// <summary>Counts generations with <c>ContinueAsNew</c>, so its history never grows, and returns the final count.</summary>
public sealed class EternalCounter : TaskOrchestrator<EternalCounterInput, int>
{
    /// <inheritdoc />
    public override Task<int> RunAsync(TaskOrchestrationContext context, EternalCounterInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Count >= input.Target)
        {
            return Task.FromResult(input.Count);
        }

        context.ContinueAsNew(input with { Count = input.Count + 1 });
        return Task.FromResult(-1);
    }
}

using Microsoft.DurableTask;

namespace Partenariat.Workflow.Diagnostics;

/// <summary>Runs <see cref="HelloSequence"/> as a sub-orchestration (with a child id derived from its own) and returns its result.</summary>
public sealed class SubOrchestration : TaskOrchestrator<string?, IReadOnlyList<string>>
{
    /// <inheritdoc />
    public override Task<IReadOnlyList<string>> RunAsync(TaskOrchestrationContext context, string? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CallSubOrchestratorAsync<IReadOnlyList<string>>(
            nameof(HelloSequence), input, new SubOrchestrationOptions { InstanceId = context.InstanceId + ":child" });
    }
}

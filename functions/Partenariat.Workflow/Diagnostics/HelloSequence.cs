using Microsoft.DurableTask;

namespace Partenariat.Workflow.Diagnostics;

// The orchestrations of this folder are the durable runtime's own smoke tests: operators start them
// through the instance-management API to check a deployment, the benchmarks measure them, and the
// semantic test suite runs them on both hosts. They touch no business data.

/// <summary>Five activities in sequence: the "hello cities" of Durable Functions.</summary>
public sealed class HelloSequence : TaskOrchestrator<string?, IReadOnlyList<string>>
{
    /// <summary>The names greeted, in order.</summary>
    public static IReadOnlyList<string> Cities { get; } = ["Dijon", "Chenôve", "Longvic", "Quetigny", "Talant"];

    /// <inheritdoc />
    public override async Task<IReadOnlyList<string>> RunAsync(TaskOrchestrationContext context, string? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var greetings = new List<string>(Cities.Count);
        foreach (var city in Cities)
        {
            greetings.Add(await context.CallActivityAsync<string>(nameof(SayHello), input is null ? city : $"{city} ({input})"));
        }

        return greetings;
    }
}

/// <summary>Greets a name.</summary>
public sealed class SayHello : TaskActivity<string, string>
{
    /// <inheritdoc />
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"Hello, {input}!");
}

using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Partenariat.Functions;

/// <summary>
/// Runs the workflow's shared orchestrator and activity classes from orchestration- and
/// activity-trigger functions, so that each function is one line.
/// </summary>
internal static class DurableAdapters
{
    /// <summary>Runs <typeparamref name="TOrchestrator"/> with the orchestration's input.</summary>
    public static Task<TOutput> RunAsync<TOrchestrator, TInput, TOutput>(TaskOrchestrationContext context)
        where TOrchestrator : TaskOrchestrator<TInput, TOutput>, new()
    {
        ArgumentNullException.ThrowIfNull(context);
        return new TOrchestrator().RunAsync(context, context.GetInput<TInput>()!);
    }

    /// <summary>Runs <typeparamref name="TActivity"/>, created with the invocation's services, on <paramref name="input"/>.</summary>
    public static Task<TOutput> RunAsync<TActivity, TInput, TOutput>(FunctionContext context, TInput input)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(context);
        var activity = ActivatorUtilities.CreateInstance<TActivity>(context.InstanceServices);
        return activity.RunAsync(new FunctionActivityContext(context), input);
    }

    /// <summary>The activity's context as the shared classes see it, from the function's invocation.</summary>
    private sealed class FunctionActivityContext(FunctionContext context) : TaskActivityContext
    {
        public override TaskName Name => new(context.FunctionDefinition.Name);

        public override string InstanceId =>
            context.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? string.Empty : string.Empty;
    }
}

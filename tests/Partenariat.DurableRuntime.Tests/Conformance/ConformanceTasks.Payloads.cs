using Microsoft.DurableTask;

namespace Partenariat.DurableRuntime.Tests.Conformance;

/// <summary>The conformance tasks that carry payloads larger than a storage queue message.</summary>
public static partial class ConformanceTasks
{
    public const string LargeEcho = "Conf.LargeEcho";
    public const string LargeActivity = "Conf.LargeActivity";
    public const string LargeActivityEcho = "Conf.LargeActivityEcho";
    public const string LargeEvent = "Conf.LargeEvent";
    public const string LargeChild = "Conf.LargeChild";
    public const string LargeContinueAsNew = "Conf.LargeContinueAsNew";

    private static void RegisterPayloads(DurableTaskRegistry registry) => registry
        // A custom status stays small: the provider keeps it in a table property (64 KB at most).
        .AddOrchestratorFunc<string, string>(LargeEcho, (context, input) =>
        {
            context.SetCustomStatus(input.Length);
            return Task.FromResult(input);
        })
        .AddOrchestratorFunc<string, string>(LargeActivity, (context, input) => context.CallActivityAsync<string>(LargeActivityEcho, input))
        .AddActivityFunc<string, string>(LargeActivityEcho, (_, input) => input + input)
        .AddOrchestratorFunc<string, string>(LargeEvent, (context, _) => context.WaitForExternalEvent<string>("Large"))
        .AddOrchestratorFunc<string, string>(LargeChild, (context, input) => context.Parent is null
            ? context.CallSubOrchestratorAsync<string>(LargeChild, input)
            : context.CallActivityAsync<string>(LargeActivityEcho, input))
        .AddOrchestratorFunc<string, string>(LargeContinueAsNew, async (context, input) =>
        {
            if (input.StartsWith('1'))
            {
                await context.CreateTimer(TimeSpan.Zero, CancellationToken.None);
                context.ContinueAsNew("2" + input[1..]);
                return string.Empty;
            }

            context.SetCustomStatus(input.Length);
            return input;
        });
}

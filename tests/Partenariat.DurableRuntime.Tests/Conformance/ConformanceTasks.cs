using System.Text.Json.Nodes;
using Microsoft.DurableTask;

namespace Partenariat.DurableRuntime.Tests.Conformance;

/// <summary>
/// The orchestrators and activities of the conformance scenarios, registered once in every
/// conformance host. Each re-describes what one of Microsoft.DurableTask's integration scenarios
/// runs; what varies between the cases of a scenario comes in the input.
/// </summary>
public static partial class ConformanceTasks
{
    public const string Empty = "Conf.Empty";
    public const string DeniedByName = "Conf.DeniedByName";
    public const string SayHello = "Conf.SayHello";
    public const string SayHelloAsync = "Conf.SayHelloAsync";
    public const string Greet = "Conf.Greet";
    public const string GreetAsync = "Conf.GreetAsync";
    public const string PlusOne = "Conf.PlusOne";
    public const string Chain = "Conf.Chain";
    public const string TracedWork = "Conf.TracedWork";
    public const string TwoTracedActivities = "Conf.TwoTracedActivities";

    /// <summary>The name of the source of the spans the conformance activities' own code starts.</summary>
    public const string TracingSource = "Conf.Tracing";

    /// <summary>The source of the spans the conformance activities' own code starts.</summary>
    public static readonly System.Diagnostics.ActivitySource Tracing = new(TracingSource);
    public const string ToText = "Conf.ToText";
    public const string FanOut = "Conf.FanOut";
    public const string Echo = "Conf.Echo";
    public const string Timer = "Conf.Timer";
    public const string Replaying = "Conf.Replaying";
    public const string Clock = "Conf.Clock";
    public const string Guids = "Conf.Guids";
    public const string Events = "Conf.Events";
    public const string ParallelEvents = "Conf.ParallelEvents";
    public const string Counter = "Conf.Counter";
    public const string NewVersion = "Conf.NewVersion";
    public const string Recursive = "Conf.Recursive";
    public const string ParentOfChild = "Conf.ParentOfChild";
    public const string TaggedChild = "Conf.TaggedChild";
    public const string Status = "Conf.Status";
    public const string JsonNodes = "Conf.JsonNodes";
    public const string JsonNodeActivity = "Conf.JsonNodeActivity";
    public const string TaggedActivity = "Conf.TaggedActivity";
    public const string PreservedEvents = "Conf.PreservedEvents";
    public const string WaitForEvent = "Conf.WaitForEvent";
    public const string WaitOrTimer = "Conf.WaitOrTimer";

    /// <summary>Registers every conformance task.</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        RegisterPatterns(registry);
        RegisterEvents(registry);
        RegisterFailures(registry);
        RegisterVersions(registry);
        RegisterClassSyntax(registry);
        RegisterPayloads(registry);
    }

    private static void RegisterPatterns(DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc(Empty, _ => Task.FromResult<object?>(null))
        .AddOrchestratorFunc(DeniedByName, _ => Task.FromResult<object?>(null))
        .AddOrchestratorFunc<string, string>(Greet, (context, name) => context.CallActivityAsync<string>(SayHello, name))
        .AddOrchestratorFunc<string, string>(GreetAsync, (context, name) => context.CallActivityAsync<string>(SayHelloAsync, name))
        .AddActivityFunc<string, string>(SayHello, (_, name) => $"Hello, {name}!")
        .AddActivityFunc<string, string>(SayHelloAsync, async (_, name) => await Task.FromResult($"Hello, {name}!"))
        .AddActivityFunc<int, int>(PlusOne, (_, value) => value + 1)
        .AddActivityFunc<bool, bool>(TracedWork, (_, value) =>
        {
            using var span = Tracing.StartActivity("Work");
            return value;
        })
        .AddOrchestratorFunc(TwoTracedActivities, async context =>
        {
            await context.CallActivityAsync<bool>(TracedWork, true);
            return await context.CallActivityAsync<bool>(TracedWork, true);
        })
        .AddOrchestratorFunc(Chain, async context =>
        {
            var value = 0;
            for (var i = 0; i < 10; i++)
            {
                value = await context.CallActivityAsync<int>(PlusOne, value);
            }

            return value;
        })
        .AddActivityFunc<int, string>(ToText, (_, value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .AddOrchestratorFunc(FanOut, async context =>
        {
            var texts = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => context.CallActivityAsync<string>(ToText, i)));
            return texts.OrderDescending(StringComparer.Ordinal).ToArray();
        })
        .AddActivityFunc<JsonNode, JsonNode>(Echo, (_, value) => value)
        .AddOrchestratorFunc<double, object?>(Timer, async (context, seconds) =>
        {
            await context.CreateTimer(TimeSpan.FromSeconds(seconds), CancellationToken.None);
            return null;
        })
        .AddOrchestratorFunc(Replaying, async context =>
        {
            var seen = new List<bool> { context.IsReplaying };
            await context.CreateTimer(TimeSpan.Zero, CancellationToken.None);
            seen.Add(context.IsReplaying);
            await context.CreateTimer(TimeSpan.Zero, CancellationToken.None);
            seen.Add(context.IsReplaying);
            return seen;
        })
        .AddOrchestratorFunc(Clock, async context =>
        {
            var first = context.CurrentUtcDateTime;
            var firstBack = await context.CallActivityAsync<DateTime>(Echo, first);
            var second = context.CurrentUtcDateTime;
            var secondBack = await context.CallActivityAsync<DateTime>(Echo, second);
            return first == firstBack && second == secondBack && first != second;
        })
        .AddOrchestratorFunc(Guids, async context =>
        {
            var first = context.NewGuid();
            var second = context.NewGuid();
            var secondBack = await context.CallActivityAsync<Guid>(Echo, second);
            var third = context.NewGuid();
            var thirdBack = await context.CallActivityAsync<Guid>(Echo, third);
            return first != second && second == secondBack && third == thirdBack && second != third;
        })
        .AddOrchestratorFunc<int, int>(Counter, async (context, count) =>
        {
            if (count < 10)
            {
                await context.CreateTimer(TimeSpan.Zero, CancellationToken.None);
                context.ContinueAsNew(count + 1);
            }

            return count;
        })
        .AddOrchestratorFunc<int, string>(NewVersion, async (context, generation) =>
        {
            if (generation == 0)
            {
                await context.CreateTimer(TimeSpan.Zero, CancellationToken.None);
                context.ContinueAsNew(new ContinueAsNewOptions { NewInput = 1, NewVersion = "v2" });
                return string.Empty;
            }

            return context.Version;
        })
        .AddOrchestratorFunc<string, string>(ParentOfChild, (context, _) => context.Parent is { } parent
            ? Task.FromResult($"{parent.Name}/{parent.InstanceId}")
            : context.CallSubOrchestratorAsync<string>(ParentOfChild, string.Empty))
        .AddOrchestratorFunc<int, int>(Recursive, async (context, depth) =>
            depth < 3 ? 5 + await context.CallSubOrchestratorAsync<int>(Recursive, depth + 1) : 5)
        .AddOrchestratorFunc<TaggedChildInput, int>(TaggedChild, async (context, input) =>
        {
            if (input.Depth == 2 && Probes.Increment(input.ProbeKey) <= input.FailuresOfTheChild)
            {
                throw new ConformanceException("The child fails on demand.");
            }

            if (input.Depth < 2)
            {
                var options = new SubOrchestrationOptions
                {
                    InstanceId = input.ChildId,
                    Tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["tag1"] = "value1", ["tag2"] = "value2" },
                    Retry = input.FailuresOfTheChild > 0 ? new RetryPolicy(2, TimeSpan.FromMilliseconds(500)) : (TaskRetryOptions?)null,
                };
                return 1 + await context.CallSubOrchestratorAsync<int>(TaggedChild, input with { Depth = input.Depth + 1 }, options);
            }

            return 1;
        })
        .AddOrchestratorFunc(Status, async context =>
        {
            context.SetCustomStatus("Started!");
            var status = await context.WaitForExternalEvent<JsonNode>("StatusEvent");
            context.SetCustomStatus(status);
        })
        .AddOrchestratorFunc<JsonNode, JsonNode>(JsonNodes, (context, input) =>
            context.CallActivityAsync<JsonNode>(JsonNodeActivity, input ?? throw new ArgumentNullException(nameof(input))))
        .AddActivityFunc<JsonNode, JsonNode?>(JsonNodeActivity, (_, input) =>
        {
            if (input is not null)
            {
                input["newProperty"] = "new value";
            }

            return input;
        })
        .AddOrchestratorFunc<string, string>(TaggedActivity, (context, name) => context.CallActivityAsync<string>(
            SayHello,
            name,
            new TaskOptions { Tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["activityTag"] = "tagged", ["testType"] = "activityTags" } }));

    /// <summary>Input of <see cref="TaggedChild"/>: the child's id, how often it fails first, under which probe.</summary>
    public sealed record TaggedChildInput(int Depth, string ChildId, int FailuresOfTheChild, string ProbeKey);
}

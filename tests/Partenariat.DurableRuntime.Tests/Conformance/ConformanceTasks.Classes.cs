using Microsoft.DurableTask;

namespace Partenariat.DurableRuntime.Tests.Conformance;

/// <summary>The class-based conformance tasks, versioned ones included (<c>[DurableTask(name, Version = ...)]</c>).</summary>
public static partial class ConformanceTasks
{
    public const string VersionedClass = "Conf.VersionedClass";
    public const string ActivityOverride = "Conf.ActivityOverride";
    public const string ActivityOverrideActivity = "Conf.ActivityOverrideActivity";
    public const string InheritedFallback = "Conf.InheritedFallback";
    public const string InheritedFallbackActivity = "Conf.InheritedFallbackActivity";
    public const string Migrating = "Conf.Migrating";
    public const string Paging = "Conf.Paging";
    public const string PageActivity = "Conf.PageActivity";

    private static void RegisterClassSyntax(DurableTaskRegistry registry) => registry
        .AddOrchestrator<ClassHelloSequence>()
        .AddActivity<ClassSayHello>()
        .AddOrchestrator<ClassFaulty>()
        .AddActivity<ClassThrowing>()
        .AddOrchestrator<ClassRetry>()
        .AddActivity<ClassRetryable>()
        .AddOrchestrator<ClassParent>()
        .AddOrchestrator<ClassChild>()
        .AddActivity<ClassDouble>()
        .AddOrchestrator<ClassApproval>()
        .AddOrchestrator<VersionedClassV1>()
        .AddOrchestrator<VersionedClassV2>()
        .AddOrchestrator<ActivityOverrideV2>()
        .AddActivity<ActivityOverrideActivityV1>()
        .AddActivity<ActivityOverrideActivityV2>()
        .AddOrchestrator<InheritedFallbackV2>()
        .AddActivity<InheritedFallbackActivityUnversioned>()
        .AddOrchestrator<MigratingV1>()
        .AddOrchestrator<MigratingV2>()
        .AddOrchestratorFunc<string, int>(Paging, async (context, _) =>
        {
            var pageable = Pageable.Create((continuation, _, _) => context.CallActivityAsync<Page<string>>(PageActivity, continuation));
            var count = 0;
            await foreach (var item in pageable)
            {
                count++;
            }

            return count;
        })
        .AddActivityFunc<string?, Page<string>>(PageActivity, (_, continuation) => new Page<string>(
            [.. Enumerable.Range(0, 3).Select(i => $"item_{i}")],
            continuation switch
            {
                null => "1",
                "1" => "2",
                _ => null,
            }));

    [DurableTask("Conf.ClassHelloSequence")]
    public sealed class ClassHelloSequence : TaskOrchestrator<string?, List<string>>
    {
        public override async Task<List<string>> RunAsync(TaskOrchestrationContext context, string? input) =>
        [
            await context.CallActivityAsync<string>("Conf.ClassSayHello", "Dijon"),
            await context.CallActivityAsync<string>("Conf.ClassSayHello", "Talant"),
            await context.CallActivityAsync<string>("Conf.ClassSayHello", "Quetigny"),
        ];
    }

    [DurableTask("Conf.ClassSayHello")]
    public sealed class ClassSayHello : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"Hello {input}!");
    }

    [DurableTask("Conf.ClassFaulty")]
    public sealed class ClassFaulty : TaskOrchestrator<string?, string?>
    {
        public override async Task<string?> RunAsync(TaskOrchestrationContext context, string? input)
        {
            await context.CallActivityAsync<string>("Conf.ClassThrowing");
            return null;
        }
    }

    [DurableTask("Conf.ClassThrowing")]
    public sealed class ClassThrowing : TaskActivity<string?, string?>
    {
        public override Task<string?> RunAsync(TaskActivityContext context, string? input) =>
            throw new InvalidOperationException("Intentional failure of a class-based activity.");
    }

    [DurableTask("Conf.ClassRetry")]
    public sealed class ClassRetry : TaskOrchestrator<string?, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string? input) =>
            context.CallActivityAsync<string>("Conf.ClassRetryable", context.InstanceId, TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromMilliseconds(1))));
    }

    [DurableTask("Conf.ClassRetryable")]
    public sealed class ClassRetryable : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input) =>
            Probes.Increment(input) < 3 ? throw new InvalidOperationException("Not yet.") : Task.FromResult("Success after retries");
    }

    [DurableTask("Conf.ClassParent")]
    public sealed class ClassParent : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input) =>
            input + await context.CallSubOrchestratorAsync<int>("Conf.ClassChild", input);
    }

    [DurableTask("Conf.ClassChild")]
    public sealed class ClassChild : TaskOrchestrator<int, int>
    {
        public override Task<int> RunAsync(TaskOrchestrationContext context, int input) => context.CallActivityAsync<int>("Conf.ClassDouble", input);
    }

    [DurableTask("Conf.ClassDouble")]
    public sealed class ClassDouble : TaskActivity<int, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input * 2);
    }

    [DurableTask("Conf.ClassApproval")]
    public sealed class ClassApproval : TaskOrchestrator<string?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input) =>
            $"Received: {await context.WaitForExternalEvent<string>("ApprovalEvent")}";
    }

    [DurableTask(VersionedClass, Version = "v1")]
    public sealed class VersionedClassV1 : TaskOrchestrator<int, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, int input) => Task.FromResult($"v1:{input}");
    }

    [DurableTask(VersionedClass, Version = "v2")]
    public sealed class VersionedClassV2 : TaskOrchestrator<int, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, int input) => Task.FromResult($"v2:{input}");
    }

    [DurableTask(ActivityOverride, Version = "v2")]
    public sealed class ActivityOverrideV2 : TaskOrchestrator<int, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, int input) =>
            context.CallActivityAsync<string>(ActivityOverrideActivity, input, new TaskOptions { Version = "v1" });
    }

    [DurableTask(ActivityOverrideActivity, Version = "v1")]
    public sealed class ActivityOverrideActivityV1 : TaskActivity<int, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, int input) => Task.FromResult($"activity-v1:{input}");
    }

    [DurableTask(ActivityOverrideActivity, Version = "v2")]
    public sealed class ActivityOverrideActivityV2 : TaskActivity<int, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, int input) => Task.FromResult($"activity-v2:{input}");
    }

    [DurableTask(InheritedFallback, Version = "v2")]
    public sealed class InheritedFallbackV2 : TaskOrchestrator<int, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, int input) => context.CallActivityAsync<string>(InheritedFallbackActivity, input);
    }

    [DurableTask(InheritedFallbackActivity)]
    public sealed class InheritedFallbackActivityUnversioned : TaskActivity<int, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, int input) => Task.FromResult($"activity-unversioned:{input}");
    }

    [DurableTask(Migrating, Version = "v1")]
    public sealed class MigratingV1 : TaskOrchestrator<int, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, int input)
        {
            context.ContinueAsNew(new ContinueAsNewOptions { NewInput = input + 1, NewVersion = "v2" });
            return Task.FromResult(string.Empty);
        }
    }

    [DurableTask(Migrating, Version = "v2")]
    public sealed class MigratingV2 : TaskOrchestrator<int, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, int input) => Task.FromResult($"v2:{input}");
    }
}

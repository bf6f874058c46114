using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Partenariat.Testing;
using static Partenariat.DurableRuntime.Tests.Conformance.ConformanceTasks;

namespace Partenariat.DurableRuntime.Tests.Conformance;

/// <summary>Core scenarios: the worker's orchestration filter and exception properties provider.</summary>
[Collection(ConformanceCollection.Name)]
[Trait(Group, "Core")]
public sealed class WorkerOptionsTests(ConformanceFixture fixture) : ConformanceTest(fixture)
{
    private static readonly DenyingFilter Filter = new();

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public async Task UseOrchestrationFilter_DenyingItsNameOrTagOrAnother_RunsOnlyWhatItAllows(bool denies, bool byTag)
    {
        var client = await FilteredAsync();
        var caseKey = NewId("case");
        var options = new StartOrchestrationOptions { Tags = new Dictionary<string, string> { [caseKey] = "true" } };
        var allowed = await RunAsync(client, Empty, options: options);
        if (byTag)
        {
            Filter.DeniedTags[caseKey] = denies ? "true" : "false";
        }
        else
        {
            Filter.DeniedNames[denies ? DeniedByName : "not-" + Empty] = true;
        }

        var id = await client.ScheduleNewOrchestrationInstanceAsync(denies && !byTag ? DeniedByName : Empty, options);
        var after = denies
            ? await Eventually.UntilAsync(
                async () => Filter.Consulted.TryGetValue(caseKey, out var answer) && !answer ? await client.GetInstanceAsync(id) : null,
                Patience,
                () => Task.FromResult($"the filter to refuse '{id}'"))
            : await CompletedAsync(client, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, allowed.RuntimeStatus);
        Assert.Equal(denies ? OrchestrationRuntimeStatus.Pending : OrchestrationRuntimeStatus.Completed, after.RuntimeStatus);
        if (denies)
        {
            await client.TerminateInstanceAsync(id);
        }
    }

    [Fact]
    public async Task IExceptionPropertiesProvider_ActivityThrows_PropertiesInTheActivitysFailure()
    {
        var client = await PropertiesAsync();

        var result = await RunAsync(client, Audited);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, result.FailureDetails?.ErrorType);
        var failure = Assert.IsType<TaskFailureDetails>(result.FailureDetails?.InnerFailure);
        Assert.Equal(typeof(AuditException).FullName, failure.ErrorType);
        var properties = Assert.IsAssignableFrom<IDictionary<string, object?>>(failure.Properties);
        Assert.Equal(6, properties.Count);
        Assert.Equal("rule-123", properties["Code"]);
        Assert.Equal(100.0, properties["Count"]);
        Assert.Equal(new DateTime(2026, 10, 15, 14, 30, 0, DateTimeKind.Utc), properties["At"]);
        var details = Assert.IsAssignableFrom<IDictionary<string, object?>>(properties["Details"]);
        Assert.Equal("RULE", details["code"]);
        Assert.Equal(3.0, details["retries"]);
        Assert.Equal(true, details["critical"]);
        Assert.Equal(["first", "second", 500.0, null], Assert.IsAssignableFrom<IList<object?>>(properties["Items"]));
        Assert.Null(properties["Nothing"]);
    }

    [Fact]
    public async Task IExceptionPropertiesProvider_OrchestratorThrows_PropertiesInTheOrchestrationsFailure()
    {
        var client = await PropertiesAsync();

        var result = await RunAsync(client, OutOfRange);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var failure = Assert.IsType<TaskFailureDetails>(result.FailureDetails);
        Assert.Equal(typeof(ArgumentOutOfRangeException).FullName, failure.ErrorType);
        Assert.Contains("The share is out of range.", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(2, failure.Properties?.Count);
        Assert.Equal("share", failure.Properties?["Name"]);
        Assert.Equal("140%", failure.Properties?["Value"]);
        Assert.True(failure.IsCausedBy<ArgumentOutOfRangeException>());
    }

    [Fact]
    public async Task IExceptionPropertiesProvider_ActivityOfASubOrchestrationThrows_PropertiesKeptAtTheInnermostLevel()
    {
        var client = await PropertiesAsync();

        var result = await RunAsync(client, OutOfRangeParent);

        var parent = Assert.IsType<TaskFailureDetails>(result.FailureDetails);
        Assert.True(parent.IsCausedBy<TaskFailedException>());
        Assert.Contains(OutOfRangeChild, parent.ErrorMessage, StringComparison.Ordinal);
        var child = Assert.IsType<TaskFailureDetails>(parent.InnerFailure);
        Assert.Contains(OutOfRangeActivity, child.ErrorMessage, StringComparison.Ordinal);
        var activity = Assert.IsType<TaskFailureDetails>(child.InnerFailure);
        Assert.True(activity.IsCausedBy<ArgumentOutOfRangeException>());
        Assert.Equal(2, activity.Properties?.Count);
        Assert.Equal("tranche", activity.Properties?["Name"]);
        Assert.Equal("7", activity.Properties?["Value"]);
    }

#pragma warning disable CS0618 // the SDK marks its orchestration filter experimental
    private Task<DurableTaskClient> FilteredAsync() =>
        Fixture.ClientAsync("filtered", services => services.AddDurableTaskWorker(builder => builder.UseOrchestrationFilter(Filter)));
#pragma warning restore CS0618

    private Task<DurableTaskClient> PropertiesAsync() =>
        Fixture.ClientAsync("properties", services => services.AddSingleton<IExceptionPropertiesProvider, AuditProperties>());

    /// <summary>Denies instances by name or by a tag's value; records its answer under each scenario's own tag (<c>case-...</c>).</summary>
#pragma warning disable CS0618
    private sealed class DenyingFilter : IOrchestrationFilter
#pragma warning restore CS0618
    {
        public ConcurrentDictionary<string, bool> DeniedNames { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, string> DeniedTags { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, bool> Consulted { get; } = new(StringComparer.Ordinal);

        public ValueTask<bool> IsOrchestrationValidAsync(OrchestrationFilterParameters info, CancellationToken cancellationToken = default)
        {
            var tags = info.Tags ?? new Dictionary<string, string>();
            var allowed = (info.Name is null || !DeniedNames.ContainsKey(info.Name))
                && !tags.Any(tag => DeniedTags.TryGetValue(tag.Key, out var denied) && denied == tag.Value);
            foreach (var key in tags.Keys.Where(key => key.StartsWith("case-", StringComparison.Ordinal)))
            {
                Consulted[key] = allowed;
            }

            return ValueTask.FromResult(allowed);
        }
    }

    private sealed class AuditProperties : IExceptionPropertiesProvider
    {
        public IDictionary<string, object?>? GetExceptionProperties(Exception exception) => exception switch
        {
            ArgumentOutOfRangeException e => new Dictionary<string, object?> { ["Name"] = e.ParamName ?? string.Empty, ["Value"] = e.ActualValue ?? string.Empty },
            AuditException e => new Dictionary<string, object?>
            {
                ["Code"] = e.Code,
                ["Count"] = e.Count,
                ["At"] = e.At,
                ["Details"] = e.Details,
                ["Items"] = e.Items,
                ["Nothing"] = null,
            },
            _ => null,
        };
    }
}

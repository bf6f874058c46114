using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Partenariat.Testing;
using Partenariat.Workflow.Diagnostics;
using Partenariat.Workflow.Telemetry;

namespace Partenariat.DurableRuntime.Tests;

/// <summary>The durable host's telemetry, wired as both hosts wire it: spans of orchestrations and activities, storage requests counted.</summary>
[Collection(DurableHostCollection.Name)]
public sealed class DurableTelemetryTests(DurableHostFixture fixture)
{
    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_Traced_OneSpanPerOrchestrationAndActivityWithTheInstanceId()
    {
        var spans = new List<Activity>();
        using var host = DurableHostFixture.BuildHost(fixture.Azurite.ConnectionString, "traces" + Guid.NewGuid().ToString("N")[..8], configureServices: services => services
            .AddPartenariatTelemetry(new ConfigurationBuilder().Build())
            .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        await host.StartAsync();
        try
        {
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            var instanceId = "traced-" + Guid.NewGuid().ToString("N");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

            await client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), input: null, new StartOrchestrationOptions(instanceId), timeout.Token);
            var completed = await client.WaitForInstanceCompletionAsync(instanceId, timeout.Token);
            var ofInstance = await SpansOfAsync(spans, instanceId, expected: 7, timeout.Token);

            Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
            var create = Assert.Single(ofInstance, span => span.Source.Name == DurableTelemetry.ActivitySourceName);
            Assert.Equal("create_orchestration:HelloSequence", create.DisplayName);
            var orchestration = Assert.Single(ofInstance, span => span.Source.Name == "DurableTask.Core" && span.Kind == ActivityKind.Server && span.DisplayName == "orchestration:HelloSequence");
            var activities = ofInstance.Where(span => span.Kind == ActivityKind.Server && span.DisplayName == "activity:SayHello").ToList();
            Assert.Equal(HelloSequence.Cities.Count, activities.Count);
            Assert.All(ofInstance, span => Assert.Equal(create.TraceId, span.TraceId));
            Assert.Equal(create.SpanId, orchestration.ParentSpanId);
        }
        finally
        {
            await host.StopAsync(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task AddDurableTaskHosting_WorkerStarted_CountsTheProvidersStorageRequests()
    {
        using var host = DurableHostFixture.BuildHost(fixture.Azurite.ConnectionString, "counted" + Guid.NewGuid().ToString("N")[..8]);
        var requests = host.Services.GetRequiredService<StorageRequestCounter>();
        await host.StartAsync();
        try
        {
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            var instanceId = "counted-" + Guid.NewGuid().ToString("N");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

            await client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), input: null, new StartOrchestrationOptions(instanceId), timeout.Token);
            await client.WaitForInstanceCompletionAsync(instanceId, timeout.Token);

            // The task hub's creation, its queues' polling and the orchestration's history all go
            // through the provider's own clients: they are counted like the app's.
            var counts = requests.Snapshot().ByOperation;
            Assert.True(counts.GetValueOrDefault("queue.CreateQueue") >= 2, "control and work-item queues created");
            Assert.True(counts.GetValueOrDefault("queue.PutMessage") >= 11, "start, five activities and their five results sent");
            Assert.True(counts.GetValueOrDefault("queue.GetMessages") >= 6, "the queues polled");
            Assert.True(counts.GetValueOrDefault("table.Batch") >= 6, "history written once per episode");
        }
        finally
        {
            await host.StopAsync(TimeSpan.FromSeconds(30));
        }
    }

    // Spans are exported when they end, a moment after the worker reports the instance complete.
    private static Task<List<Activity>> SpansOfAsync(List<Activity> spans, string instanceId, int expected, CancellationToken cancellationToken) =>
        Eventually.UntilAsync(
            () =>
            {
                // The exporter appends from the worker's threads: read a copy.
                List<Activity> ofInstance = [.. spans.ToArray().Where(span => span?.GetTagItem(DurableTelemetry.InstanceIdTag) as string == instanceId)];
                return Task.FromResult(ofInstance.Count(span => span.Kind is ActivityKind.Server or ActivityKind.Producer) >= expected ? ofInstance : null);
            },
            describe: () => Task.FromResult($"{expected} spans of instance '{instanceId}'"),
            cancellationToken: cancellationToken);
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Partenariat.Testing;

namespace Partenariat.DurableRuntime.Tests;

/// <summary>The worker's life in its host: started, stopped, disposed.</summary>
[Collection(DurableHostCollection.Name)]
public sealed class TaskHubDurableTaskWorkerTests(DurableHostFixture fixture)
{
    [Fact]
    public async Task StopAsync_AgainAfterTheHostStoppedAndWasDisposed_DoesNothing()
    {
        // As under a WebApplicationFactory: the program's RunAsync stops and disposes the host, and the
        // factory stops it again.
        var host = DurableHostFixture.BuildHost(fixture.Azurite.ConnectionString, "stops" + Guid.NewGuid().ToString("N")[..8]);
        var worker = host.Services.GetServices<IHostedService>().OfType<TaskHubDurableTaskWorker>().Single();
        await host.StartAsync();
        await host.StopAsync(TimeSpan.FromSeconds(30));
        host.Dispose();

        var again = await Record.ExceptionAsync(() => worker.StopAsync(CancellationToken.None));

        Assert.Null(again);
        Assert.False(worker.IsRunning);
    }

    [Fact]
    public async Task StopAsync_FirstAfterTheHostWasDisposed_StopsTheWorker()
    {
        // As under a WebApplicationFactory whose program's RunAsync disposes the host while the
        // factory's stop has not reached the worker yet.
        var host = DurableHostFixture.BuildHost(fixture.Azurite.ConnectionString, "disposed" + Guid.NewGuid().ToString("N")[..8]);
        var worker = host.Services.GetServices<IHostedService>().OfType<TaskHubDurableTaskWorker>().Single();
        await host.StartAsync();
        await Eventually.UntilAsync(() => Task.FromResult(worker.IsRunning), "the worker to run", TimeSpan.FromSeconds(30));
        host.Dispose();

        var stop = await Record.ExceptionAsync(() => worker.StopAsync(CancellationToken.None));

        Assert.Null(stop);
        Assert.False(worker.IsRunning);
    }
}

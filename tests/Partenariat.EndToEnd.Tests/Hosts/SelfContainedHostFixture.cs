using Partenariat.Testing;

namespace Partenariat.EndToEnd.Tests.Hosts;

/// <summary>
/// The self-contained host as a user runs it: its build output in its own process, on a port the
/// system picks, with its operator key set, on its own Azurite and task hub.
/// </summary>
public sealed class SelfContainedHostFixture : HostFixture
{
    /// <inheritdoc />
    public override string? SkipReason => null;

    /// <inheritdoc />
    protected override Task<IHostUnderTest> StartAsync() => WithAzuriteAsync<IHostUnderTest>(async azurite =>
    {
        var taskHub = NewTaskHub();
        var key = NewKey();
        var settings = DurableSettings(taskHub);
        settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        settings["Authentication__OperatorApiKey"] = key;
        settings["DOTNET_ENVIRONMENT"] = "Development";
        var process = SelfContainedHostProcess.Start(settings);
        try
        {
            var root = await SelfContainedHostProcess.WaitForAddressAsync(process, TimeSpan.FromSeconds(60));
            // The worker has taken its partition: the first test does not wait for it.
            await process.WaitForLineAsync(l => l.Contains($"Durable worker started on task hub {taskHub}", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            return new RunningHost(process, () => process.Output, azurite, root, key, key, taskHub);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    });
}

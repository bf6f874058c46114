using Partenariat.Testing;

namespace Partenariat.EndToEnd.Tests.Hosts;

/// <summary>A host process and the Azurite it runs on, stopped together (the host first).</summary>
internal sealed class RunningHost(
    IAsyncDisposable process, Func<string> output, AzuriteInstance azurite, Uri baseAddress, string operatorKey, string functionKey, string taskHub) : IHostUnderTest
{
    public Uri BaseAddress { get; } = baseAddress;

    public string OperatorKey { get; } = operatorKey;

    public string FunctionKey { get; } = functionKey;

    public string TaskHub { get; } = taskHub;

    public string StorageConnectionString => azurite.ConnectionString;

    public string Output => output();

    public async ValueTask StopAsync()
    {
        await process.DisposeAsync();
        await azurite.DisposeAsync();
    }
}

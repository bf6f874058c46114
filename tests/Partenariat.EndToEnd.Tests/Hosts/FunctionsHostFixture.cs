using System.Text.Json;
using Azure.Storage.Blobs;
using Partenariat.Testing;

namespace Partenariat.EndToEnd.Tests.Hosts;

/// <summary>
/// The Functions app on the real Azure Functions host (<c>../shared/functions-host</c>), on its own
/// Azurite and task hub. The host keeps its keys in the storage account, encrypted when it makes
/// them itself; so the fixture writes them first, in clear, where the host reads them
/// (<c>azure-webjobs-secrets/{host id}/host.json</c>), and the tests know them.
/// </summary>
public sealed class FunctionsHostFixture : HostFixture
{
    /// <summary>The host id, which names the keys' folder (the host derives it from its address otherwise).</summary>
    public const string HostId = "partenariat-e2e";

    /// <inheritdoc />
    public override string? SkipReason => FunctionsHost.SkipReason;

    /// <inheritdoc />
    protected override Task<IHostUnderTest> StartAsync() => WithAzuriteAsync<IHostUnderTest>(async azurite =>
    {
        var taskHub = NewTaskHub();
        var durableKey = NewKey();
        var functionKey = NewKey();
        await WriteKeysAsync(azurite.ConnectionString, masterKey: NewKey(), functionKey, durableKey);
        var settings = DurableSettings(taskHub);
        // The Functions host does not read local.settings.json (Core Tools do): its Values, as app settings.
        foreach (var (name, value) in LocalSettings())
        {
            settings.TryAdd(name, value);
        }

        settings["AzureFunctionsWebHost__hostid"] = HostId;
        // One operator key for the webhooks and the operators' API, as on the self-contained host.
        settings["Authentication__OperatorApiKey"] = durableKey;
        var host = await FunctionsHost.StartAsync(azurite.ConnectionString, settings);
        return new RunningHost(host, () => host.Output, azurite, host.BaseAddress, durableKey, functionKey, taskHub);
    });

    private static IEnumerable<(string Name, string? Value)> LocalSettings()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsHost.AppOutput, "local.settings.json")));
        return [.. document.RootElement.GetProperty("Values").EnumerateObject()
            .Where(p => p.Name != "AzureWebJobsStorage")
            .Select(p => (p.Name, p.Value.GetString()))];
    }

    private static async Task WriteKeysAsync(string connectionString, string masterKey, string functionKey, string durableKey)
    {
        var container = new BlobServiceClient(connectionString).GetBlobContainerClient("azure-webjobs-secrets");
        await container.CreateIfNotExistsAsync();
        var secrets = new
        {
            masterKey = new { name = "master", value = masterKey, encrypted = false },
            functionKeys = new[] { new { name = "default", value = functionKey, encrypted = false } },
            systemKeys = new[] { new { name = "durabletask_extension", value = durableKey, encrypted = false } },
            hostName = HostId,
            instanceId = Guid.NewGuid().ToString("N"),
            source = "runtime",
            decryptionKeyId = string.Empty,
        };
        await container.GetBlobClient($"{HostId}/host.json").UploadAsync(BinaryData.FromString(JsonSerializer.Serialize(secrets)), overwrite: true);
    }
}

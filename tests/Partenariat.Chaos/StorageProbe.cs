using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Partenariat.Chaos;

/// <summary>
/// Writes acknowledged just before Azurite restarts (a table row, a queue message, a blob), read
/// back after it: Azure Storage never loses an acknowledged write, so anything lost across a clean
/// restart would be the emulator's fault, and would make the campaign's other findings meaningless.
/// </summary>
internal sealed class StorageProbe(string connectionString, string name)
{
    private readonly TableClient _table = new(connectionString, name);
    private readonly QueueClient _queue = new(connectionString, name);
    private readonly BlobContainerClient _container = new(connectionString, name);

    public async Task WriteAsync(CancellationToken cancellationToken = default)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await _table.AddEntityAsync(new TableEntity("probe", name), cancellationToken).ConfigureAwait(false);
        await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _queue.SendMessageAsync(name, cancellationToken).ConfigureAwait(false);
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _container.UploadBlobAsync(name, BinaryData.FromString(name), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the three writes are there (waiting for Azurite to answer again first).</summary>
    public async Task<bool> ReadBackAsync(CancellationToken cancellationToken = default)
    {
        var row = await Partenariat.Testing.Eventually.UntilAsync(
            async () => (bool?)(await _table.GetEntityIfExistsAsync<TableEntity>("probe", name, cancellationToken: cancellationToken).ConfigureAwait(false)).HasValue,
            TimeSpan.FromSeconds(60),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var message = (await _queue.PeekMessagesAsync(1, cancellationToken).ConfigureAwait(false)).Value.Any(m => m.Body.ToString() == name);
        var blob = (await _container.GetBlobClient(name).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;
        return row && message && blob;
    }
}

using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Partenariat.Workflow.Storage;

namespace Partenariat.Workflow.Requests;

/// <summary>
/// Submissions by <c>Idempotency-Key</c> (table <c>IdempotencyKeys</c>, a landlord's keys in its
/// partition): the first submission with a key claims it with its body's hash and request id;
/// a retry with the same body gets the same request; another body with the same key is refused.
/// </summary>
public sealed class IdempotencyStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.IdempotencyTable);

    /// <summary>Creates the table where missing.</summary>
    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>
    /// Claims <paramref name="key"/> for <paramref name="requestId"/> and a body; when already
    /// claimed, returns the first claim (its request id, and whether the body is the same).
    /// </summary>
    public async Task<(string RequestId, bool SameBody, bool Replayed)> ClaimAsync(string landlordId, string key, ReadOnlyMemory<byte> body, string requestId, CancellationToken cancellationToken = default)
    {
        var hash = Convert.ToHexString(SHA256.HashData(body.Span));
        var rowKey = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        try
        {
            await _table.AddEntityAsync(new TableEntity(landlordId, rowKey) { ["BodySha256"] = hash, ["RequestId"] = requestId, ["Key"] = key }, cancellationToken).ConfigureAwait(false);
            return (requestId, true, false);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            var first = await _table.GetEntityAsync<TableEntity>(landlordId, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return (first.Value.GetString("RequestId"), first.Value.GetString("BodySha256") == hash, true);
        }
    }
}

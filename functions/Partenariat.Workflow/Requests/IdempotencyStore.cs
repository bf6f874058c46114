using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Partenariat.Workflow.Storage;

namespace Partenariat.Workflow.Requests;

/// <summary>The claim an <c>Idempotency-Key</c> holds.</summary>
/// <param name="RequestId">The request the key stands for.</param>
/// <param name="SameBody">Whether the body is the one the key was first used with.</param>
/// <param name="Replayed">True when the key was already held (by an earlier or a concurrent submission).</param>
public sealed record IdempotencyClaim(string RequestId, bool SameBody, bool Replayed);

/// <summary>
/// Submissions by <c>Idempotency-Key</c> (table <c>IdempotencyKeys</c>, a landlord's keys in its
/// partition): the first submission with a key claims it with its body's hash, its request id and
/// when the claim expires; a retry with the same body before then gets the same request; another
/// body with the same key is refused. Past its expiry the key is free again: the next submission
/// with it claims it anew (replacing the old claim, guarded by its ETag).
/// </summary>
public sealed class IdempotencyStore(TableServiceClient tables)
{
    private const string ExpiresAtColumn = "ExpiresAt";

    private readonly TableClient _table = tables.GetTableClient(StorageNames.IdempotencyTable);

    /// <summary>Creates the table where missing.</summary>
    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>
    /// Claims <paramref name="key"/> for <paramref name="requestId"/> and a body until
    /// <paramref name="expiresAt"/>; when another claim holds it and has not expired on
    /// <paramref name="now"/>, returns that claim (its request id, and whether the body is the same).
    /// </summary>
    public async Task<IdempotencyClaim> ClaimAsync(
        string landlordId, string key, ReadOnlyMemory<byte> body, string requestId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var hash = Convert.ToHexString(SHA256.HashData(body.Span));
        var claim = new TableEntity(landlordId, RowKeyOf(key)) { ["BodySha256"] = hash, ["RequestId"] = requestId, ["Key"] = key, [ExpiresAtColumn] = expiresAt };
        while (true)
        {
            try
            {
                await _table.AddEntityAsync(claim, cancellationToken).ConfigureAwait(false);
                return new IdempotencyClaim(requestId, SameBody: true, Replayed: false);
            }
            catch (RequestFailedException exception) when (exception.Status == 409)
            {
                // Held: by a live claim (answer it), or by an expired one (take its place, if nobody did meanwhile).
            }

            var first = await _table.GetEntityIfExistsAsync<TableEntity>(landlordId, claim.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!first.HasValue || first.Value is not { } held)
            {
                continue; // removed meanwhile: claim it again
            }

            if (held.GetDateTimeOffset(ExpiresAtColumn) is { } heldUntil && heldUntil > now)
            {
                return new IdempotencyClaim(held.GetString("RequestId"), held.GetString("BodySha256") == hash, Replayed: true);
            }

            try
            {
                await _table.UpdateEntityAsync(claim, held.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return new IdempotencyClaim(requestId, SameBody: true, Replayed: false);
            }
            catch (RequestFailedException exception) when (exception.Status is 412 or 404)
            {
                // Another submission took the expired key first: read its claim.
            }
        }
    }

    private static string RowKeyOf(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

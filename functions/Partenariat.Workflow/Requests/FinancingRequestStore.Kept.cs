using System.Collections.Concurrent;

namespace Partenariat.Workflow.Requests;

// The views this process last read or wrote, for the workflow's activities: a request's steps run
// close together, and on one host the view the step before left is the stored one, so its read can
// be spared. The row's ETag says whether it is: a write over a version another process changed
// since (another host's step) fails, and the change is asked again on a fresh read.
public sealed partial class FinancingRequestStore
{
    /// <summary>How many views one process keeps; past it, a tenth of them are forgotten (and read again when needed).</summary>
    public const int KeptViews = 1_000;

    private readonly ConcurrentDictionary<string, StoredView> _kept = new(StringComparer.Ordinal);

    /// <summary>
    /// The request as this process last read or wrote it (<see cref="StoredView.IsKept"/>), or read
    /// when it has none: for the activities, whose writes are guarded by the row's ETag, and which
    /// never answer without writing on a kept version (they read the row first). The API's checks
    /// read the row (<see cref="GetWithETagAsync"/>).
    /// </summary>
    public async Task<StoredView?> GetKeptOrReadAsync(string landlordId, string requestId, CancellationToken cancellationToken = default) =>
        _kept.TryGetValue(KeptKey(landlordId, requestId), out var kept)
            ? kept with { IsKept = true }
            : await GetWithETagAsync(landlordId, requestId, cancellationToken).ConfigureAwait(false);

    private void Keep(StoredView stored)
    {
        if (_kept.Count >= KeptViews)
        {
            foreach (var key in _kept.Keys.Take(KeptViews / 10))
            {
                _kept.TryRemove(key, out _);
            }
        }

        _kept[KeptKey(stored.View.LandlordId, stored.View.RequestId)] = stored with { IsKept = false };
    }

    private void Forget(string landlordId, string requestId) => _kept.TryRemove(KeptKey(landlordId, requestId), out _);

    private static string KeptKey(string landlordId, string requestId) => $"{landlordId}/{requestId}";
}

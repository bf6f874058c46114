using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;

namespace Partenariat.Chaos;

/// <summary>An answer of the API: its status and body.</summary>
internal sealed record ApiAnswer(HttpStatusCode Status, string Body);

/// <summary>
/// How the campaign's landlords and reviewers reach the service while hosts die and Azurite
/// restarts, as a careful client would: every call goes to a host that is up, drawn at random, and
/// is sent again (to whichever host is up then) when it gets no answer or a 5xx, until
/// <see cref="Patience"/>; decisions go on the real queue, sent again while storage does not answer.
/// The requests' views are read from storage directly (one point read), without loading the hosts.
/// </summary>
internal sealed class ChaosClient(ChaosCluster cluster, int seed) : IDisposable
{
    /// <summary>Landlord 123456782's key (local.settings.json).</summary>
    public const string LandlordKey = "local-landlord-123456782-key";

    /// <summary>The landlord of every request.</summary>
    public const string Landlord = "123456782";

    /// <summary>The reviewers' key (local.settings.json).</summary>
    public const string ReviewerKey = "local-reviewer-key";

    /// <summary>The operators' key (local.settings.json).</summary>
    public const string OperatorKey = "local-operator-key";

    /// <summary>How long a call is sent again before the campaign gives up on it.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Random _random = new(seed);
    private readonly Lock _randomLock = new();
    private readonly QueueClient _decisions = new(cluster.ConnectionString, StorageNames.CommitteeDecisionsQueue);
    private readonly FinancingRequestStore _requests = new(new TableServiceClient(cluster.ConnectionString));
    private readonly QueueClient _poison = new(cluster.ConnectionString, StorageNames.CommitteeDecisionsPoisonQueue);
    private readonly ConcurrentQueue<string> _serverErrors = new();
    private long _calls;
    private long _retries;

    /// <summary>Calls made (each answered once).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Calls sent again for want of an answer.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>
    /// The answers 500 (Internal Server Error) met, with their call: each is a finding (a 502, 503
    /// or 504 from a host that is stopping or whose storage restarts is only retried).
    /// </summary>
    public IReadOnlyCollection<string> ServerErrors => _serverErrors;

    /// <summary>Sends a request built by <paramref name="build"/> (for a host's root address) until a host answers other than 5xx.</summary>
    /// <exception cref="TimeoutException">No host answered within <see cref="Patience"/>.</exception>
    public async Task<ApiAnswer> SendAsync(Func<Uri, HttpRequestMessage> build, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        var deadline = DateTime.UtcNow + Patience;
        string last = "no host was up";
        while (DateTime.UtcNow < deadline)
        {
            Uri? address;
            lock (_randomLock)
            {
                address = cluster.PickAddress(_random);
            }

            if (address is not null)
            {
                try
                {
                    using var request = build(address);
                    using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                    var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    if ((int)response.StatusCode < 500)
                    {
                        Interlocked.Increment(ref _calls);
                        return new ApiAnswer(response.StatusCode, body);
                    }

                    last = $"{(int)response.StatusCode} {body}";
                    if (response.StatusCode == HttpStatusCode.InternalServerError)
                    {
                        _serverErrors.Enqueue($"{request.Method} {request.RequestUri?.AbsolutePath}: {body}");
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    last = exception.Message;
                }
            }

            Interlocked.Increment(ref _retries);
            await Task.Delay(Pause(), cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"No host answered within {Patience.TotalMinutes:0} min; last: {last}");
    }

    /// <summary>A JSON call with a key.</summary>
    public Task<ApiAnswer> SendJsonAsync(HttpMethod method, string path, string key, string? json, IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default) =>
        SendAsync(address =>
        {
            var request = new HttpRequestMessage(method, new Uri(address, path));
            request.Headers.Add("X-Api-Key", key);
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                request.Headers.Add(name, value);
            }

            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            return request;
        }, cancellationToken);

    /// <summary>Uploads <paramref name="content"/> as a document of <paramref name="kind"/>.</summary>
    public Task<ApiAnswer> UploadAsync(string requestId, string kind, byte[] content, CancellationToken cancellationToken = default, string moreQuery = "") =>
        SendAsync(address =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, $"api/requests/{requestId}/documents?kind={kind}&fileName={kind}.pdf{moreQuery}"))
            {
                Content = new ByteArrayContent(content),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            request.Headers.Add("X-Api-Key", LandlordKey);
            return request;
        }, cancellationToken);

    /// <summary>Puts <paramref name="message"/> on the committee's queue, as a reviewer's tool does.</summary>
    public async Task SendDecisionAsync(string message, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                await _decisions.SendMessageAsync(message, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when ((exception is RequestFailedException || exception is HttpRequestException || exception is AggregateException) && DateTime.UtcNow < deadline)
            {
                Interlocked.Increment(ref _retries);
                await Task.Delay(Pause(), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The request's view as stored (without its timeline), or null while storage does not answer.</summary>
    public async Task<FinancingRequestView?> ReadAsync(string requestId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _requests.GetAsync(Landlord, requestId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RequestFailedException || exception is HttpRequestException || exception is AggregateException)
        {
            return null;
        }
    }

    /// <summary>How many messages the decisions' poison queue holds (Azurite answers up to 32 a call: counted by peeking pages is not possible, so by the queue's properties).</summary>
    public async Task<int> CountPoisonAsync(CancellationToken cancellationToken = default)
    {
        var properties = await _poison.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
        return properties.Value.ApproximateMessagesCount;
    }

    /// <summary>A random number, from the client's seeded source.</summary>
    public int Next(int maxExclusive)
    {
        lock (_randomLock)
        {
            return _random.Next(maxExclusive);
        }
    }

    public void Dispose() => _http.Dispose();

    // A careful client's back-off before it sends a call again (jittered, from the seed).
    private TimeSpan Pause() => TimeSpan.FromMilliseconds(300 + Next(1200));
}

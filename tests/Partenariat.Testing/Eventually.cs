using System.Diagnostics;

namespace Partenariat.Testing;

/// <summary>
/// The one way tests wait for something that happens in the background: poll a probe until it
/// answers, or fail after a timeout with what the probe saw last. Never a fixed sleep.
/// </summary>
public static class Eventually
{
    /// <summary>The default patience: enough for a durable step on a loaded two-core machine.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Polls <paramref name="probe"/> until it answers a value (not null).</summary>
    /// <param name="probe">Answers the awaited value, or null while it is not there yet.</param>
    /// <param name="timeout">How long to wait; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="describe">Says what was awaited and what is there instead, for the failure message.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The first value the probe answered.</returns>
    public static async Task<T> UntilAsync<T>(
        Func<Task<T?>> probe,
        TimeSpan? timeout = null,
        Func<Task<string>>? describe = null,
        CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        var patience = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        var interval = FirstInterval;
        Exception? lastError = null;
        while (true)
        {
            try
            {
                if (await probe().ConfigureAwait(false) is { } value)
                {
                    return value;
                }

                lastError = null;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A probe may fail while the system starts (connection refused...): keep polling.
                lastError = exception;
            }

            if (clock.Elapsed >= patience)
            {
                var seen = describe is null ? "the condition never held" : await describe().ConfigureAwait(false);
                throw new TimeoutException($"Waited {patience.TotalSeconds:0.#} s: {seen}.", lastError);
            }

            // The one pause between two looks: this helper's back-off.
            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, MaxInterval.Ticks));
        }
    }

    /// <summary>Polls <paramref name="probe"/> until it answers a value (not null), for values such as a JSON element or a tuple.</summary>
    /// <param name="probe">Answers the awaited value, or null while it is not there yet.</param>
    /// <param name="timeout">How long to wait; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="describe">Says what was awaited and what is there instead, for the failure message.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The first value the probe answered.</returns>
    public static async Task<T> UntilAsync<T>(
        Func<Task<T?>> probe,
        TimeSpan? timeout = null,
        Func<Task<string>>? describe = null,
        CancellationToken cancellationToken = default)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(probe);
        var found = await UntilAsync(
            async () => await probe().ConfigureAwait(false) is { } value ? new Found<T>(value) : null,
            timeout,
            describe,
            cancellationToken).ConfigureAwait(false);
        return found.Value;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds.</summary>
    public static Task UntilAsync(
        Func<Task<bool>> condition,
        TimeSpan? timeout = null,
        Func<Task<string>>? describe = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(async () => await condition().ConfigureAwait(false) ? Held.Value : null, timeout, describe, cancellationToken);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, with a fixed description.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, string describe, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        UntilAsync(condition, timeout, () => Task.FromResult(describe), cancellationToken);

    private sealed class Held
    {
        public static readonly Held Value = new();
    }

    private sealed record Found<T>(T Value);
}

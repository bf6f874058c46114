namespace Partenariat.Benchmarks;

/// <summary>How the scenarios send many requests of one kind: a fixed number at a time.</summary>
internal static class Concurrently
{
    /// <summary>Runs <paramref name="action"/> for 0 to <paramref name="count"/> - 1, <paramref name="concurrency"/> at a time at most.</summary>
    public static Task ForEachAsync(int count, int concurrency, Func<int, Task> action, CancellationToken cancellationToken = default) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, _) => await action(i));
}

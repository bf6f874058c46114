using System.Globalization;

namespace Partenariat.Chaos;

/// <summary>
/// The chaos campaign's command: <c>dotnet run -c Release --project tests/Partenariat.Chaos -- chaos [options]</c>
/// (<see cref="ChaosOptions.Usage"/>). Exit code 0 when every invariant holds, 1 when one fails, 2 for a wrong command line, 130 when stopped by Ctrl+C.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        ChaosOptions options;
        try
        {
            options = ChaosOptions.Parse(args);
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message + Environment.NewLine + ChaosOptions.Usage).ConfigureAwait(false);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        ChaosReport report;
        try
        {
            report = await ChaosCampaign.RunAsync(options, Log, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Log("stopped before its end (Ctrl+C): every process it started is stopped, nothing was checked");
            return 130;
        }

        Console.WriteLine(report.Describe());
        if (options.JsonPath is { } path)
        {
            await File.WriteAllTextAsync(path, report.ToJson(), stop.Token).ConfigureAwait(false);
        }

        return report.Passed ? 0 : 1;
    }

    private static void Log(string line) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss} {line}"));
}

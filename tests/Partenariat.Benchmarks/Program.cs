using System.Globalization;
using System.Text.Json;
using Partenariat.Benchmarks;

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

if (options.Scenario == "reports")
{
    // No durable host: the reports' read model and the ledger on Azurite.
    await ReportsScenario.RunAsync(options.Instances, options.Repeat, cancellation.Token);
    return 0;
}

if (options.Scenario == "azurite-costs")
{
    // No host, no settings: Azurite alone, request kind by request kind.
    await AzuriteCosts.RunAsync(options.Instances, options.Recount, lingering: 400, cancellation.Token);
    return 0;
}

var results = new List<BenchmarkResult>();
for (var round = 0; round < options.Repeat; round++)
{
    // Alternate the order between rounds: the second run of a process has warm code.
    var order = round % 2 == 0 ? options.Settings : options.Settings.Reverse().ToList();
    foreach (var settings in order)
    {
        Console.WriteLine($"== {options.Scenario}, {options.Instances} instances, settings: {settings.ToString().ToLowerInvariant()} (round {round + 1} of {options.Repeat})");
        var result = await new ScenarioRunner(options, settings).RunAsync(cancellation.Token);
        results.Add(result);
        Report.Print(result);
    }
}

Report.Summary(results);
if (options.JsonPath is { } path)
{
    await File.WriteAllTextAsync(path, JsonSerializer.Serialize(results, Report.Json), cancellation.Token);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Written to {Path.GetFullPath(path)}"));
}

return 0;

using Microsoft.Extensions.Configuration;
using Partenariat.DecisionCli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
var settings = new ConfigurationBuilder().AddEnvironmentVariables().Build();
return await DecisionCommand.RunAsync(args, settings, Console.Out, Console.Error, cancellation.Token);

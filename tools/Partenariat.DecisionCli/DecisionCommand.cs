using System.Text.Json;
using Azure;
using Microsoft.Extensions.Configuration;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;

namespace Partenariat.DecisionCli;

/// <summary>Runs the command line: reads the arguments, then sends the decision or says what to fix.</summary>
internal static class DecisionCommand
{
    /// <summary>Sent.</summary>
    public const int Sent = 0;

    /// <summary>Not sent: the storage refused or could not be reached.</summary>
    public const int NotSent = 1;

    /// <summary>The arguments are not valid.</summary>
    public const int InvalidArguments = 2;

    /// <summary>The storage used when no setting says otherwise: the local Azurite.</summary>
    public const string DefaultConnection = "UseDevelopmentStorage=true";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, IConfiguration settings, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var parsed = DecisionArguments.Parse(args);
        if (parsed.Help)
        {
            await output.WriteLineAsync(DecisionArguments.Usage).ConfigureAwait(false);
            return Sent;
        }

        if (parsed.Decision is not { } decision)
        {
            foreach (var message in parsed.Errors)
            {
                await error.WriteLineAsync("error: " + message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run with --help for the usage.").ConfigureAwait(false);
            return InvalidArguments;
        }

        var json = JsonSerializer.Serialize(decision, PartenariatJson.Options);
        if (parsed.DryRun)
        {
            await output.WriteLineAsync(json).ConfigureAwait(false);
            return Sent;
        }

        StorageConnection connection;
        try
        {
            connection = Connection(parsed.Connection, settings);
        }
        catch (InvalidOperationException exception)
        {
            await error.WriteLineAsync("error: " + exception.Message).ConfigureAwait(false);
            return InvalidArguments;
        }

        try
        {
            // Plain text: host.json's extensions.queues.messageEncoding is "none" (the client's default).
            var queue = connection.CreateQueueServiceClient().GetQueueClient(StorageNames.CommitteeDecisionsQueue);
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var receipt = await queue.SendMessageAsync(json, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"Sent to {StorageNames.CommitteeDecisionsQueue} ({connection.Description}), message {receipt.Value.MessageId}:").ConfigureAwait(false);
            await output.WriteLineAsync(json).ConfigureAwait(false);
            return Sent;
        }
        catch (Exception exception) when (exception is RequestFailedException or AggregateException or HttpRequestException)
        {
            await error.WriteLineAsync($"error: the decision was not sent to {StorageNames.CommitteeDecisionsQueue} ({connection.Description}): {exception.Message}").ConfigureAwait(false);
            await error.WriteLineAsync("Check that the storage is reachable (for a local run: ./run.sh starts Azurite) and the connection setting.").ConfigureAwait(false);
            return NotSent;
        }
    }

    /// <summary>
    /// The storage: <c>--connection</c>; else the <c>AzureWebJobsStorage</c> setting with Azure
    /// Functions' meaning (a connection string, or identity-based); else the local Azurite.
    /// </summary>
    private static StorageConnection Connection(string? explicitConnection, IConfiguration settings)
    {
        if (explicitConnection is not null)
        {
            settings = new ConfigurationBuilder().AddInMemoryCollection([new(StorageConnection.SettingName, explicitConnection)]).Build();
        }
        else if (!settings.GetSection(StorageConnection.SettingName).Exists())
        {
            settings = new ConfigurationBuilder().AddInMemoryCollection([new(StorageConnection.SettingName, DefaultConnection)]).Build();
        }

        return StorageConnection.FromConfiguration(settings);
    }
}

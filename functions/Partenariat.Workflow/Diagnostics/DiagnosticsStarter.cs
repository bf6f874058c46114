using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Partenariat.Workflow.Durable;

namespace Partenariat.Workflow.Diagnostics;

/// <summary>
/// The diagnostics starter, shared by both hosts: <c>POST {routePrefix}/diagnostics/{orchestrator}</c>
/// starts one of the durable runtime's smoke-test orchestrations (this folder's) with the request's
/// JSON body as its input; each host answers with Durable Functions' check-status response.
/// </summary>
public static class DiagnosticsStarter
{
    /// <summary>The function's name in the Functions app, and the endpoint's name in the self-contained host.</summary>
    public const string FunctionName = "StartDiagnostic";

    /// <summary>The route under host.json's route prefix.</summary>
    public const string Route = "diagnostics/{orchestrator}";

    /// <summary>The problem type of a name that is not a diagnostic orchestration.</summary>
    public const string UnknownOrchestrationType = "urn:partenariat:problems:diagnostics:unknown-orchestration";

    /// <summary>The problem type when the starter is off.</summary>
    public const string DisabledType = "urn:partenariat:problems:diagnostics:disabled";

    /// <summary>The problem type of a body that is not JSON.</summary>
    public const string InvalidInputType = "urn:partenariat:problems:diagnostics:invalid-input";

    /// <summary>The orchestrations this starter may start: the registered ones of the diagnostics folder.</summary>
    public static IReadOnlyList<string> Orchestrations { get; } =
        [.. WorkflowTasks.Orchestrators.Where(o => o.Type.Namespace == typeof(DiagnosticsStarter).Namespace).Select(o => o.Name)];

    /// <summary>
    /// Starts <paramref name="orchestrator"/> (its name in any case) with <paramref name="body"/> as input
    /// (none when empty).
    /// </summary>
    /// <returns>The new instance's id, or the problem to answer (404 unknown name, 400 body not JSON).</returns>
    public static async Task<DiagnosticStart> StartAsync(DurableTaskClient client, string orchestrator, Stream body, DiagnosticsOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return new DiagnosticStart(null, new ProblemDetails
            {
                Type = DisabledType,
                Title = "Diagnostics are off",
                Status = StatusCodes.Status404NotFound,
                Detail = $"The diagnostic orchestrations are off on this host; an operator turns them on with the setting {DiagnosticsOptions.SectionName}:Enabled = true.",
            });
        }

        var name = Orchestrations.FirstOrDefault(o => string.Equals(o, orchestrator, StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            return new DiagnosticStart(null, new ProblemDetails
            {
                Type = UnknownOrchestrationType,
                Title = "Unknown diagnostic orchestration",
                Status = StatusCodes.Status404NotFound,
                Detail = $"'{orchestrator}' is not a diagnostic orchestration; use one of: {string.Join(", ", Orchestrations)}.",
            });
        }

        JsonElement? input;
        try
        {
            input = await ReadInputAsync(body, options.MaxInputBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException exception)
        {
            return new DiagnosticStart(null, new ProblemDetails
            {
                Type = InvalidInputType,
                Title = "The input is too large",
                Status = StatusCodes.Status400BadRequest,
                Detail = exception.Message,
            });
        }
        catch (JsonException exception)
        {
            return new DiagnosticStart(null, new ProblemDetails
            {
                Type = InvalidInputType,
                Title = "The input is not JSON",
                Status = StatusCodes.Status400BadRequest,
                Detail = $"Send the orchestration's input as a JSON body (or no body for none): {exception.Message}",
            });
        }

        var instanceId = await client.ScheduleNewOrchestrationInstanceAsync(name, input, cancellationToken).ConfigureAwait(false);
        return new DiagnosticStart(instanceId, null);
    }

    private static async Task<JsonElement?> ReadInputAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        // Read at most one byte more than allowed: enough to know the input is too large, never the whole of a large body.
        var buffer = new byte[maxBytes + 1];
        var read = 0;
        int count;
        while (read < buffer.Length && (count = await body.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
        {
            read += count;
        }

        if (read > maxBytes)
        {
            throw new InvalidDataException($"The input must be at most {maxBytes} bytes of JSON.");
        }

        var text = System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
        return document.RootElement.Clone();
    }
}

/// <summary>What <see cref="DiagnosticsStarter.StartAsync"/> did: started an instance, or found a problem.</summary>
/// <param name="InstanceId">The started instance's id, when started.</param>
/// <param name="Problem">Why nothing started.</param>
public sealed record DiagnosticStart(string? InstanceId, ProblemDetails? Problem);

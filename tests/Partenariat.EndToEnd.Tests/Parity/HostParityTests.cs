using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Partenariat.SelfContainedHost.Authentication;
using Partenariat.Testing;
using Partenariat.Workflow.Durable;
using Partenariat.Workflow.Configuration;

namespace Partenariat.EndToEnd.Tests.Parity;

/// <summary>
/// The two hosts cannot drift: every function of the Functions app's <c>functions.metadata</c> has
/// its twin in the self-contained host (the same orchestration and activity names, the same routes
/// and verbs with the same need for a key, the same queues), and nothing exists in one host only.
/// </summary>
public sealed class HostParityTests : IClassFixture<HostParityTests.SelfContainedEndpoints>
{
    private readonly SelfContainedEndpoints _host;
    private readonly List<JsonElement> _functions;

    public HostParityTests(SelfContainedEndpoints host)
    {
        _host = host;
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsHost.AppOutput, "functions.metadata")));
        _functions = [.. metadata.RootElement.EnumerateArray().Select(f => f.Clone())];
    }

    [Fact]
    public void OrchestrationTriggers_AreTheRegisteredOrchestrators()
    {
        Assert.Equal(
            WorkflowTasks.Orchestrators.Select(o => o.Name).Order(StringComparer.Ordinal),
            Triggered("orchestrationTrigger").Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ActivityTriggers_AreTheRegisteredActivities()
    {
        Assert.Equal(
            WorkflowTasks.Activities.Select(a => a.Name).Order(StringComparer.Ordinal),
            Triggered("activityTrigger").Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void HttpTriggers_AreTheSelfContainedHostsEndpoints()
    {
        var prefix = HttpOptions.DefaultRoutePrefix;
        var functions = Triggered("httpTrigger")
            .SelectMany(f => Methods(f.Trigger).Select(method => Route(method, $"{prefix}/{f.Trigger.GetProperty("route").GetString()}", AuthLevel(f.Trigger))))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(functions);
        Assert.Equal(functions, _host.ApiRoutes);
    }

    [Fact]
    public void HttpTriggers_AreNamedAsTheEndpoints()
    {
        Assert.Equal(
            Triggered("httpTrigger").Select(f => f.Name).Order(StringComparer.Ordinal),
            _host.ApiEndpointNames);
    }

    [Fact]
    public void QueueTriggers_AreTheSelfContainedHostsQueueTriggers()
    {
        var functions = Triggered("queueTrigger").Select(f => f.Trigger.GetProperty("queueName").GetString()).Order(StringComparer.Ordinal);

        Assert.Equal(functions, _host.QueueNames);
    }

    [Fact]
    public void TimerTriggers_AreTheSelfContainedHostsTimers()
    {
        var functions = Triggered("timerTrigger").Select(f => f.Name).Order(StringComparer.Ordinal);

        Assert.NotEmpty(functions);
        Assert.Equal(functions, _host.Timers);
    }

    [Fact]
    public void Functions_HaveOnlyKnownTriggers()
    {
        string[] known = ["httpTrigger", "orchestrationTrigger", "activityTrigger", "queueTrigger", "timerTrigger"];

        Assert.All(_functions, f => Assert.Contains(f.GetProperty("bindings").EnumerateArray().Single(IsTrigger).GetProperty("type").GetString(), known));
    }

    private IEnumerable<(string Name, JsonElement Trigger)> Triggered(string type) =>
        _functions
            .Select(f => (Name: f.GetProperty("name").GetString()!, Trigger: f.GetProperty("bindings").EnumerateArray().Single(IsTrigger)))
            .Where(f => f.Trigger.GetProperty("type").GetString() == type);

    private static bool IsTrigger(JsonElement binding) =>
        binding.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal);

    private static IEnumerable<string> Methods(JsonElement trigger) =>
        trigger.TryGetProperty("methods", out var methods) && methods.ValueKind == JsonValueKind.Array
            ? methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant())
            : ["*"];

    // Anonymous, or the key the Functions host asks for (Function, Admin...).
    private static string AuthLevel(JsonElement trigger) =>
        trigger.TryGetProperty("authLevel", out var level) && level.GetString() is { } text && text != "Anonymous" ? "key" : "anonymous";

    private static string Route(string method, string route, string auth) => $"{method} /{route.TrimEnd('/')} ({auth})";

    /// <summary>The self-contained host in memory: its endpoints and queue triggers.</summary>
    public sealed class SelfContainedEndpoints : IDisposable
    {
        // Served by the Functions host itself (Durable's webhooks) or by this host only for its documentation.
        private static readonly string[] HostOwnPrefixes = ["/runtime/webhooks/", "/openapi/"];

        private readonly WebApplicationFactory<Program> _factory = new();

        public SelfContainedEndpoints()
        {
            var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
                .OfType<RouteEndpoint>()
                // A trailing slash (a group's "/" route) matches the same requests.
                .Select(e => (Endpoint: e, Route: "/" + e.RoutePattern.RawText!.Trim('/')))
                .Where(e => !HostOwnPrefixes.Any(p => e.Route.StartsWith(p, StringComparison.Ordinal)))
                .ToList();
            ApiRoutes = [.. endpoints
                .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                    .Select(method => $"{method} {e.Route} ({(e.Endpoint.Metadata.GetMetadata<KeyRequired>() is null ? "anonymous" : "key")})"))
                .Order(StringComparer.Ordinal)];
            ApiEndpointNames = [.. endpoints.Select(e => e.Endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? e.Route).Order(StringComparer.Ordinal)];
            QueueNames = [.. typeof(Program).Assembly.GetTypes()
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
                .SelectMany(m => m.GetParameters())
                .SelectMany(p => p.GetCustomAttributes().Where(a => a.GetType().Name == "QueueTriggerAttribute"))
                .Select(a => (string?)a.GetType().GetProperty("QueueName")?.GetValue(a))
                .Order(StringComparer.Ordinal)];
            // The host's timers: its hosted services that name the Functions app's timer function they stand for.
            Timers = [.. _factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()
                .Select(s => s.GetType().GetField("FunctionName", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string)
                .OfType<string>()
                .Order(StringComparer.Ordinal)];
        }

        /// <summary>"VERB /route (anonymous|key)" of every endpoint of the app's own API.</summary>
        public IReadOnlyList<string> ApiRoutes { get; }

        /// <summary>The endpoints' names (the Functions app's function names).</summary>
        public IReadOnlyList<string> ApiEndpointNames { get; }

        /// <summary>The queues that the host's queue-triggered methods read.</summary>
        public IReadOnlyList<string?> QueueNames { get; }

        /// <summary>The Functions app's timer functions the host's own timers stand for.</summary>
        public IReadOnlyList<string> Timers { get; }

        public void Dispose() => _factory.Dispose();
    }
}

using System.Text;
using System.Text.Json;
using Partenariat.Testing;
using Partenariat.Workflow.Diagnostics;

namespace Partenariat.Workflow.Tests.Diagnostics;

/// <summary>The diagnostics starter both hosts call: which orchestrations it starts, and with what input.</summary>
public sealed class DiagnosticsStarterTests
{
    [Fact]
    public async Task StartAsync_DiagnosticNameInAnyCase_StartsTheRegisteredOrchestrationWithTheBodyAsInput()
    {
        var client = new RecordingDurableClient();

        var started = await DiagnosticsStarter.StartAsync(client, "waitforsignal", Body("""{"EventName":"go"}"""), On);

        Assert.Null(started.Problem);
        Assert.Equal("instance-1", started.InstanceId);
        var (name, input) = Assert.Single(client.Started);
        Assert.Equal(nameof(WaitForSignal), name);
        Assert.Equal("go", Assert.IsType<JsonElement>(input).GetProperty("EventName").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    public async Task StartAsync_EmptyBody_StartsWithoutInput(string body)
    {
        var client = new RecordingDurableClient();

        await DiagnosticsStarter.StartAsync(client, nameof(HelloSequence), Body(body), On);

        Assert.Null(Assert.Single(client.Started).Input);
    }

    [Theory]
    [InlineData("NoSuchOrchestration")]
    [InlineData(nameof(SayHello))]
    public async Task StartAsync_NotADiagnosticOrchestration_Answers404ProblemAndStartsNothing(string name)
    {
        var client = new RecordingDurableClient();

        var started = await DiagnosticsStarter.StartAsync(client, name, Body("1"), On);

        Assert.Null(started.InstanceId);
        Assert.Equal(404, started.Problem?.Status);
        Assert.Equal(DiagnosticsStarter.UnknownOrchestrationType, started.Problem?.Type);
        Assert.Contains(nameof(HelloSequence), started.Problem?.Detail, StringComparison.Ordinal);
        Assert.Empty(client.Started);
    }

    [Fact]
    public async Task StartAsync_BodyNotJson_Answers400ProblemAndStartsNothing()
    {
        var client = new RecordingDurableClient();

        var started = await DiagnosticsStarter.StartAsync(client, nameof(HelloSequence), Body("{not json"), On);

        Assert.Equal(400, started.Problem?.Status);
        Assert.Equal(DiagnosticsStarter.InvalidInputType, started.Problem?.Type);
        Assert.Empty(client.Started);
    }

    [Fact]
    public void Orchestrations_AreTheRegisteredOrchestratorsOfTheDiagnosticsFolder()
    {
        Assert.Contains(nameof(HelloSequence), DiagnosticsStarter.Orchestrations);
        Assert.Contains(nameof(RetryThenFail), DiagnosticsStarter.Orchestrations);
        Assert.DoesNotContain(nameof(SayHello), DiagnosticsStarter.Orchestrations);
    }

    [Fact]
    public async Task StartAsync_NullArguments_Throw()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => DiagnosticsStarter.StartAsync(null!, nameof(HelloSequence), Body("1"), On));
        await Assert.ThrowsAsync<ArgumentNullException>(() => DiagnosticsStarter.StartAsync(new RecordingDurableClient(), nameof(HelloSequence), null!, On));
    }

    [Fact]
    public async Task StartAsync_Off_StartsNothingAndSaysHowToTurnItOn()
    {
        var client = new RecordingDurableClient();

        var started = await DiagnosticsStarter.StartAsync(client, nameof(HelloSequence), Body("1"), new DiagnosticsOptions());

        Assert.Empty(client.Started);
        Assert.Equal((DiagnosticsStarter.DisabledType, 404), (started.Problem?.Type, started.Problem?.Status));
        Assert.Contains("Partenariat:Diagnostics:Enabled", started.Problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_InputOverTheCap_RefusedWithoutStarting()
    {
        var client = new RecordingDurableClient();

        var started = await DiagnosticsStarter.StartAsync(client, nameof(HelloSequence), Body("\"" + new string('x', 100) + "\""), On with { MaxInputBytes = 50 });

        Assert.Empty(client.Started);
        Assert.Equal((DiagnosticsStarter.InvalidInputType, 400), (started.Problem?.Type, started.Problem?.Status));
        Assert.Contains("at most 50 bytes", started.Problem!.Detail, StringComparison.Ordinal);
    }

    private static readonly DiagnosticsOptions On = new() { Enabled = true };

    private static MemoryStream Body(string text) => new(Encoding.UTF8.GetBytes(text));
}

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

        var started = await DiagnosticsStarter.StartAsync(client, "waitforsignal", Body("""{"EventName":"go"}"""));

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

        await DiagnosticsStarter.StartAsync(client, nameof(HelloSequence), Body(body));

        Assert.Null(Assert.Single(client.Started).Input);
    }

    [Theory]
    [InlineData("NoSuchOrchestration")]
    [InlineData(nameof(SayHello))]
    public async Task StartAsync_NotADiagnosticOrchestration_Answers404ProblemAndStartsNothing(string name)
    {
        var client = new RecordingDurableClient();

        var started = await DiagnosticsStarter.StartAsync(client, name, Body("1"));

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

        var started = await DiagnosticsStarter.StartAsync(client, nameof(HelloSequence), Body("{not json"));

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
        await Assert.ThrowsAsync<ArgumentNullException>(() => DiagnosticsStarter.StartAsync(null!, nameof(HelloSequence), Body("1")));
        await Assert.ThrowsAsync<ArgumentNullException>(() => DiagnosticsStarter.StartAsync(new RecordingDurableClient(), nameof(HelloSequence), null!));
    }

    private static MemoryStream Body(string text) => new(Encoding.UTF8.GetBytes(text));
}

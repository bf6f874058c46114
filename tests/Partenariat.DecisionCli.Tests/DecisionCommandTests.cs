using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Partenariat.Testing;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;

namespace Partenariat.DecisionCli.Tests;

/// <summary>The command sending to a real queue (Azurite).</summary>
public sealed class DecisionCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Fact]
    public async Task RunAsync_ApprovalWithTheStorageSetting_PutsPlainJsonTheHandlerReadsOnTheQueue()
    {
        var requestId = "fr-" + Guid.NewGuid().ToString("N")[..16];

        var code = await RunAsync(["approve", requestId, "--amount", "400000", "--reviewer", "Mme Martin"], Settings(azurite.ConnectionString));

        Assert.Equal(DecisionCommand.Sent, code);
        Assert.Contains($"Sent to {StorageNames.CommitteeDecisionsQueue}", _output.ToString(), StringComparison.Ordinal);
        var decision = await FindAsync(requestId);
        Assert.Equal(CommitteeOutcome.Approved, decision.Outcome);
        Assert.Equal(400_000m, decision.ApprovedAmount);
        Assert.Equal("Mme Martin", decision.Reviewer);
    }

    [Fact]
    public async Task RunAsync_ConnectionOption_WinsOverTheSetting()
    {
        var requestId = "fr-" + Guid.NewGuid().ToString("N")[..16];

        var code = await RunAsync(["reject", requestId, "--reason", "Not eligible", "--reviewer", "M. Durand", "--connection", azurite.ConnectionString], Settings("UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://127.0.0.1:1"));

        Assert.Equal(DecisionCommand.Sent, code);
        Assert.Equal("Not eligible", (await FindAsync(requestId)).Reason);
    }

    [Fact]
    public async Task RunAsync_InvalidArguments_Answers2WithTheErrorsAndSendsNothing()
    {
        var code = await RunAsync(["approve", "fr-1", "--amount", "lots"], Settings(azurite.ConnectionString));

        Assert.Equal(DecisionCommand.InvalidArguments, code);
        Assert.Contains("error: --amount must be a positive amount", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("error: Give who decides with --reviewer", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_output.ToString());
    }

    [Fact]
    public async Task RunAsync_MalformedStorageSetting_Answers2NamingTheSetting()
    {
        var code = await RunAsync(["approve", "fr-1", "--reviewer", "X"], Settings("not a connection string"));

        Assert.Equal(DecisionCommand.InvalidArguments, code);
        Assert.Contains(StorageConnection.SettingName, _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DryRun_PrintsTheMessageOnly()
    {
        var code = await RunAsync(["ask", "fr-dry", "--question", "Which lender?", "--reviewer", "X", "--round", "2", "--decision-id", "d-1", "--dry-run"], Settings("not used"));

        Assert.Equal(DecisionCommand.Sent, code);
        Assert.Equal("""{"requestId":"fr-dry","decisionId":"d-1","round":2,"outcome":"InformationRequested","question":"Which lender?","reviewer":"X"}""", _output.ToString().Trim());
    }

    private Task<int> RunAsync(string[] args, IConfiguration settings) => DecisionCommand.RunAsync(args, settings, _output, _error);

    private static IConfiguration Settings(string connection) =>
        new ConfigurationBuilder().AddInMemoryCollection([new(StorageConnection.SettingName, connection)]).Build();

    private async Task<CommitteeDecisionMessage> FindAsync(string requestId)
    {
        var queue = new QueueClient(azurite.ConnectionString, StorageNames.CommitteeDecisionsQueue);
        var peeked = await queue.PeekMessagesAsync(32);
        var decisions = peeked.Value.Select(m => JsonSerializer.Deserialize<CommitteeDecisionMessage>(m.Body.ToString(), PartenariatJson.Options)!);
        return Assert.Single(decisions, d => d.RequestId == requestId);
    }
}

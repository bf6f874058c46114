using System.Text.Json;
using Partenariat.Infrastructure.Tests.Bicep;
using Partenariat.Workflow.Reconciliation;

namespace Partenariat.Infrastructure.Tests.Templates;

/// <summary>
/// The reconciler's counters are watched: a log alert per counter on the workspace (any count over
/// 15 minutes, looked at every 5), both sent to an action group that mails the address alertEmail
/// names, or no one when it is empty.
/// </summary>
[Collection(BicepCollection.Name)]
public sealed class ReconciliationAlertTests(CompiledInfrastructure infrastructure)
{
    /// <summary>Each counter's alert severity: a disagreement needs a person (1), released credit a look (2).</summary>
    private static readonly Dictionary<string, int> Severities = new(StringComparer.Ordinal)
    {
        [CreditReconciler.ReleasedMetric] = 2,
        [CreditReconciler.FindingsMetric] = 1,
    };

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void Alerts_EachReconcilerCounter_QueriesItsRowsOfAppMetricsOnTheWorkspace(string environment)
    {
        var deployment = Deployment(environment);
        var workspace = deployment.Single(ResourceTypes.Workspace).StringAt("id");
        var rules = deployment.OfType(ResourceTypes.ScheduledQueryRule);

        Assert.Equal(Severities.Count, rules.Count);
        foreach (var (metric, severity) in Severities)
        {
            var rule = RuleFor(rules, metric);
            Assert.StartsWith("AppMetrics", Criterion(rule).StringAt("query"), StringComparison.Ordinal);
            Assert.Equal(severity, rule.At("properties.severity").GetInt32());
            Assert.Equal(workspace, Assert.Single(rule.At("properties.scopes").EnumerateArray()).GetString(), ignoreCase: true);
        }
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void Alerts_Criteria_AnyCountOverFifteenMinutesLookedAtEveryFive(string environment)
    {
        Assert.All(Deployment(environment).OfType(ResourceTypes.ScheduledQueryRule), rule =>
        {
            Assert.True(rule.At("properties.enabled").GetBoolean());
            Assert.Equal(("PT5M", "PT15M"), (rule.StringAt("properties.evaluationFrequency"), rule.StringAt("properties.windowSize")));
            var criterion = Criterion(rule);
            Assert.Equal(("Total", "Sum"), (criterion.StringAt("timeAggregation"), criterion.StringAt("metricMeasureColumn")));
            Assert.Equal("GreaterThan", criterion.StringAt("operator"));
            Assert.Equal(0d, criterion.At("threshold").GetDouble());
        });
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void Alerts_Actions_TheOperatorsActionGroup(string environment)
    {
        var deployment = Deployment(environment);
        var group = deployment.Single(ResourceTypes.ActionGroup).StringAt("id");

        Assert.All(deployment.OfType(ResourceTypes.ScheduledQueryRule), rule =>
            Assert.Equal(group, Assert.Single(rule.At("properties.actions.actionGroups").EnumerateArray()).GetString(), ignoreCase: true));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void ActionGroup_ParameterFilesAlertEmail_MailsItOrNoOneWhenEmpty(string environment)
    {
        var alertEmail = infrastructure.For(environment).Parameter("alertEmail")?.GetString() ?? string.Empty;

        string[] expected = alertEmail.Length == 0 ? [] : [alertEmail];

        Assert.Equal(expected, MailedAddresses(Deployment(environment)));
    }

    [Fact]
    public void ActionGroup_AlertEmailGiven_MailsThatAddress()
    {
        Assert.Equal([CompiledInfrastructure.OpenedAlertEmail], MailedAddresses(infrastructure.For(CompiledInfrastructure.Opened).Deployment));
    }

    private static JsonElement RuleFor(IReadOnlyList<JsonElement> rules, string metric) =>
        Assert.Single(rules, r => Criterion(r).StringAt("query").Contains($"'{metric}'", StringComparison.Ordinal));

    private static JsonElement Criterion(JsonElement rule) =>
        Assert.Single(rule.At("properties.criteria.allOf").EnumerateArray());

    private static string[] MailedAddresses(PredictedDeployment deployment) =>
        [.. deployment.Single(ResourceTypes.ActionGroup).At("properties.emailReceivers").EnumerateArray().Select(r => r.StringAt("emailAddress"))];

    private PredictedDeployment Deployment(string environment) => infrastructure.For(environment).Deployment;
}

using Partenariat.Infrastructure.Tests.Bicep;
using Partenariat.Testing;

namespace Partenariat.Infrastructure.Tests.Documentation;

/// <summary>The "Deploy to Azure" section of docs/operations.md keeps up with the template it documents.</summary>
[Collection(BicepCollection.Name)]
public sealed class OperationsDeploySectionTests(CompiledInfrastructure infrastructure)
{
    private static readonly Lazy<string> Section = new(ReadSection);

    [Fact]
    public void DeploySection_Parameters_DescribeEveryTemplateParameter()
    {
        var parameters = infrastructure.Template.At("parameters").EnumerateObject().Select(p => p.Name).ToList();
        Assert.NotEmpty(parameters);
        var undocumented = parameters.Where(p => !Section.Value.Contains($"| `{p}` |", StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, $"Parameters missing from the table of docs/operations.md: {string.Join(", ", undocumented)}");
    }

    [Fact]
    public void DeploySection_Outputs_AreOnesTheTemplateHas()
    {
        var outputs = infrastructure.Template.At("outputs").EnumerateObject().Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        string[] named = ["functionAppName", "functionAppUrl", "keyVaultName", "keyVaultSecretNames", "storageAccountName", "deploymentStorageAccountName", "virtualNetworkName", "taskHubName"];
        Assert.All(named, n => Assert.Contains($"`{n}`", Section.Value, StringComparison.Ordinal));
        Assert.All(named, n => Assert.Contains(n, outputs));
    }

    [Theory]
    [InlineData("--template-file infra/main.bicep --parameters infra/main.prod.bicepparam")]
    [InlineData("./eng/package.sh")]
    [InlineData("az functionapp deployment source config-zip")]
    [InlineData("artifacts/package/partenariat-functions.zip")]
    public void DeploySection_Commands_AreTheProjectsOwn(string command) =>
        Assert.Contains(command, Section.Value, StringComparison.Ordinal);

    [Theory]
    [InlineData("Authentication__OperatorApiKey")]
    [InlineData("Authentication__ApiKeys__<SIREN>")]
    [InlineData("Authentication__Jwt__Authority")]
    [InlineData("Authentication__Jwt__Audience")]
    [InlineData("operator-api-key")]
    [InlineData("landlord-api-key-<SIREN>")]
    public void DeploySection_SecretSettings_AreDocumented(string name) =>
        Assert.Contains($"`{name}`", Section.Value, StringComparison.Ordinal);

    [Fact]
    public void DeploySection_PackageOutput_IsWhatThePackageScriptWrites()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "eng", "package.sh"));
        Assert.Contains("artifacts/package/partenariat-functions.zip", script, StringComparison.Ordinal);
    }

    private static string ReadSection()
    {
        var operations = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "operations.md"));
        var start = operations.IndexOf("\n## Deploy to Azure\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/operations.md has no '## Deploy to Azure' section.");
        var end = operations.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? operations[start..] : operations[start..end];
    }
}

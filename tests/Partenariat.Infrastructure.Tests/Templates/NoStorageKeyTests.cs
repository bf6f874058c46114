using Partenariat.Infrastructure.Tests.Bicep;

namespace Partenariat.Infrastructure.Tests.Templates;

/// <summary>
/// No storage key, SAS or connection string with a key anywhere: not in the compiled template
/// (modules included), not in any environment's predicted deployment.
/// </summary>
[Collection(BicepCollection.Name)]
public sealed class NoStorageKeyTests(CompiledInfrastructure infrastructure)
{
    /// <summary>What a key, or a connection string or SAS made with one, looks like in a template.</summary>
    private static readonly string[] KeyMarkers =
    [
        "listKeys(",
        "listAccountSas(",
        "listServiceSas(",
        "AccountKey",
        "SharedAccessKey",
        "SharedAccessSignature",
        "DefaultEndpointsProtocol",
        "primaryKey",
        "InstrumentationKey=",
        "APPINSIGHTS_INSTRUMENTATIONKEY",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "StorageAccountConnectionString",
    ];

    [Fact]
    public void CompiledTemplate_Text_HoldsNoKeyOrKeyedConnectionString()
    {
        Assert.True(infrastructure.Build.ExitCode == 0, infrastructure.Build.Transcript);
        var found = KeyMarkers.Where(m => infrastructure.TemplateText.Contains(m, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(found.Count == 0, $"The compiled template holds {string.Join(", ", found)}.");
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void PredictedDeployment_Text_HoldsNoKeyOrKeyedConnectionString(string environment)
    {
        var text = infrastructure.For(environment).DeploymentText;
        Assert.NotEmpty(text);
        var found = KeyMarkers.Where(m => text.Contains(m, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(found.Count == 0, $"The {environment} deployment holds {string.Join(", ", found)}.");
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void AppSettings_Values_HoldNoConnectionStringExceptApplicationInsights(string environment)
    {
        // APPLICATIONINSIGHTS_CONNECTION_STRING names an endpoint and the component's id, not a
        // secret; with local authentication off it is useless without an Entra token.
        var connectionStrings = infrastructure.For(environment).Deployment.AppSettings
            .Where(s => s.Key != "APPLICATIONINSIGHTS_CONNECTION_STRING")
            .Where(s => s.Key.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase) || s.Value.Contains("Endpoint=", StringComparison.OrdinalIgnoreCase))
            .Select(s => s.Key);
        Assert.Empty(connectionStrings);
    }
}

using System.Text.RegularExpressions;
using Partenariat.Infrastructure.Tests.Bicep;
using Partenariat.Testing;

namespace Partenariat.Infrastructure.Tests.Templates;

/// <summary>The durable task hub the deployment names is the one in host.json, which the package carries.</summary>
[Collection(BicepCollection.Name)]
public sealed partial class TaskHubTests(CompiledInfrastructure infrastructure)
{
    /// <summary>extensions.durableTask.hubName of the repository's host.json.</summary>
    internal static string HostJsonHubName() =>
        Json.ParseFile(Path.Combine(RepositoryPaths.Root, "host.json")).StringAt("extensions.durableTask.hubName");

    [Fact]
    public void HostJson_HubName_IsAValidTaskHubName()
    {
        // The Azure Storage provider's rule: letters and digits, 3 to 45 characters, starting with a letter.
        Assert.Matches(TaskHubName(), HostJsonHubName());
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void Outputs_TaskHubName_IsHostJsonsHubName(string environment) =>
        Assert.Equal(HostJsonHubName(), infrastructure.For(environment).Deployment.Outputs.StringAt("taskHubName"));

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void FunctionApp_TaskHubTag_IsHostJsonsHubName(string environment) =>
        Assert.Equal(HostJsonHubName(), infrastructure.For(environment).Deployment.Single(ResourceTypes.Site).StringAt("tags.durable-task-hub"));

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void AppSettings_HubNameOverride_IsAbsentSoHostJsonDecides(string environment)
    {
        // An app setting would silently win over the packaged host.json.
        Assert.DoesNotContain(
            infrastructure.For(environment).Deployment.AppSettings.Keys,
            k => k.StartsWith("AzureFunctionsJobHost__extensions__durableTask__", StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$", RegexOptions.CultureInvariant)]
    private static partial Regex TaskHubName();
}

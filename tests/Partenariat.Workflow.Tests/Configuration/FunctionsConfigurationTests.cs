using Microsoft.Extensions.Configuration;
using Partenariat.Workflow.Configuration;

namespace Partenariat.Workflow.Tests.Configuration;

public sealed class FunctionsConfigurationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("partenariat-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void AddFunctionsConfiguration_HostJson_IsReadUnderTheJobHostSection()
    {
        Write("host.json", """{ "version": "2.0", "extensions": { "http": { "routePrefix": "v2" }, "queues": { "batchSize": 8 } } }""");

        var configuration = Build();

        Assert.Equal("v2", configuration["AzureFunctionsJobHost:extensions:http:routePrefix"]);
        Assert.Equal("8", configuration["AzureFunctionsJobHost:extensions:queues:batchSize"]);
        Assert.Equal("2.0", configuration["AzureFunctionsJobHost:version"]);
    }

    [Fact]
    public void AddFunctionsConfiguration_LocalSettingsValues_BecomeSettings()
    {
        Write("host.json", """{ "version": "2.0" }""");
        Write("local.settings.json", """{ "IsEncrypted": false, "Values": { "AzureWebJobsStorage": "UseDevelopmentStorage=true", "Storage__accountName": "acct" } }""");

        var configuration = Build();

        Assert.Equal("UseDevelopmentStorage=true", configuration["AzureWebJobsStorage"]);
        Assert.Equal("acct", configuration["Storage:accountName"]);
        Assert.Null(configuration["IsEncrypted"]);
    }

    [Fact]
    public void AddFunctionsConfiguration_EnvironmentVariable_OverridesBothFiles()
    {
        var suffix = Guid.NewGuid().ToString("N");
        Write("host.json", $$"""{ "extensions": { "test{{suffix}}": "from-host-json" } }""");
        Write("local.settings.json", $$"""{ "Values": { "Setting{{suffix}}": "from-local-settings" } }""");
        Environment.SetEnvironmentVariable($"AzureFunctionsJobHost__extensions__test{suffix}", "from-environment");
        Environment.SetEnvironmentVariable($"Setting{suffix}", "from-environment-too");
        try
        {
            var configuration = Build();

            Assert.Equal("from-environment", configuration[$"AzureFunctionsJobHost:extensions:test{suffix}"]);
            Assert.Equal("from-environment-too", configuration[$"Setting{suffix}"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"AzureFunctionsJobHost__extensions__test{suffix}", null);
            Environment.SetEnvironmentVariable($"Setting{suffix}", null);
        }
    }

    [Fact]
    public void AddFunctionsConfiguration_NoHostJson_ThrowsNamingTheFolder()
    {
        var exception = Assert.Throws<InvalidOperationException>(Build);

        Assert.Contains("host.json was not found", exception.Message, StringComparison.Ordinal);
        Assert.Contains(_folder, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFunctionsConfiguration_MalformedHostJson_ThrowsSayingWhichFile()
    {
        Write("host.json", """{ "extensions": { "http": """);

        var exception = Assert.Throws<InvalidOperationException>(Build);

        Assert.StartsWith("host.json in", exception.Message, StringComparison.Ordinal);
        Assert.Contains("is not valid JSON", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveScriptRoot_SettingGiven_ReturnsIt()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsScriptRoot"] = _folder }).Build();

        Assert.Equal(_folder, FunctionsConfiguration.ResolveScriptRoot(configuration));
    }

    [Fact]
    public void ResolveScriptRoot_NoSetting_ReturnsTheAppFolder()
    {
        var configuration = new ConfigurationBuilder().Build();

        Assert.Equal(AppContext.BaseDirectory, FunctionsConfiguration.ResolveScriptRoot(configuration));
    }

    [Fact]
    public void AddFunctionsConfiguration_RepositoryHostJson_HasTheApiRoutePrefix()
    {
        var configuration = new ConfigurationBuilder().AddFunctionsConfiguration(Partenariat.Testing.RepositoryPaths.Root).Build();

        Assert.Equal("api", HttpOptions.From(configuration).RoutePrefix);
        Assert.Equal("2.0", configuration["AzureFunctionsJobHost:version"]);
    }

    private IConfigurationRoot Build() => new ConfigurationBuilder().AddFunctionsConfiguration(_folder).Build();

    private void Write(string name, string content) => File.WriteAllText(Path.Combine(_folder, name), content);
}

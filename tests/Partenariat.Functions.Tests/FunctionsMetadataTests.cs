using System.Text.Json;
using Partenariat.Testing;

namespace Partenariat.Functions.Tests;

/// <summary>The <c>functions.metadata</c> that the Worker SDK generates at build, which the Functions host reads.</summary>
public sealed class FunctionsMetadataTests
{
    [Fact]
    public void Build_ProducesMetadataWithTheHealthFunction()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsHost.AppOutput, "functions.metadata")));

        var health = Assert.Single(metadata.RootElement.EnumerateArray(), f => f.GetProperty("name").GetString() == "Health");
        Assert.Equal("Partenariat.Functions.dll", health.GetProperty("scriptFile").GetString());
        var trigger = Assert.Single(health.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "httpTrigger");
        Assert.Equal("health", trigger.GetProperty("route").GetString());
        Assert.Equal(["get"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
    }

    [Fact]
    public void Build_CopiesTheRepositoryHostJsonAndTheWorkerConfiguration()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")), File.ReadAllText(Path.Combine(FunctionsHost.AppOutput, "host.json")));
        using var worker = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsHost.AppOutput, "worker.config.json")));
        Assert.Equal("dotnet-isolated", worker.RootElement.GetProperty("description").GetProperty("language").GetString());
        Assert.True(File.Exists(Path.Combine(FunctionsHost.AppOutput, ".azurefunctions", "Microsoft.Azure.WebJobs.Extensions.FunctionMetadataLoader.dll")), "the build brings the host extensions the app needs");
    }
}

using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;

namespace Partenariat.DurableRuntime.Tests;

/// <summary>host.json's versioning and instance-override keys, read with Durable Functions' meaning.</summary>
public sealed class DurableTaskHostOptionsTests
{
    [Fact]
    public void Read_NoVersioningKey_NoVersioning()
    {
        var options = Read();

        Assert.False(options.IsVersioningSet);
        Assert.Null(options.ToVersioningOptions());
        Assert.False(options.OverridesRunningInstances);
    }

    [Fact]
    public void Read_DefaultVersionOnly_DurableFunctionsDefaultStrategies()
    {
        var versioning = Read(("defaultVersion", "1.2")).ToVersioningOptions();

        Assert.NotNull(versioning);
        Assert.Equal("1.2", versioning.Version);
        Assert.Equal("1.2", versioning.DefaultVersion);
        Assert.Equal(DurableTaskWorkerOptions.VersionMatchStrategy.CurrentOrOlder, versioning.MatchStrategy);
        Assert.Equal(DurableTaskWorkerOptions.VersionFailureStrategy.Reject, versioning.FailureStrategy);
    }

    [Fact]
    public void Read_StrategiesInAnyCase_Read()
    {
        var options = Read(("versionMatchStrategy", "strict"), ("versionFailureStrategy", "FAIL"), ("overridableExistingInstanceStates", "AnyState"));

        Assert.Equal(DurableTaskWorkerOptions.VersionMatchStrategy.Strict, options.VersionMatchStrategy);
        Assert.Equal(DurableTaskWorkerOptions.VersionFailureStrategy.Fail, options.VersionFailureStrategy);
        Assert.Equal(string.Empty, options.ToVersioningOptions()?.Version);
        Assert.True(options.OverridesRunningInstances);
    }

    [Theory]
    [InlineData("versionMatchStrategy", "Newest")]
    [InlineData("versionMatchStrategy", "1")]
    [InlineData("versionFailureStrategy", "Ignore")]
    [InlineData("overridableExistingInstanceStates", "Sometimes")]
    public void Read_UnknownValue_FailsNamingTheKeyAndTheValues(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read((key, value)));

        Assert.Contains("extensions.durableTask." + key, error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    private static DurableTaskHostOptions Read(params (string Key, string Value)[] settings) =>
        DurableTaskHostOptions.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(DurableTaskHostOptions.SectionPath + ":" + setting.Key, (string?)setting.Value)))
            .Build());
}

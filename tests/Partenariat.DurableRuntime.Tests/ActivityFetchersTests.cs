using Microsoft.Extensions.Configuration;

namespace Partenariat.DurableRuntime.Tests;

public sealed class ActivityFetchersTests
{
    [Theory]
    [InlineData("24", 1)]
    [InlineData("50", 2)]
    [InlineData("100", 4)]
    [InlineData("10000", 8)]
    public void ActivityFetchers_MaxConcurrentActivityFunctions_OneLoopPer25UpTo8(string maxConcurrentActivityFunctions, int expected)
    {
        var options = Options((DurableTaskHostOptions.SectionPath + ":maxConcurrentActivityFunctions", maxConcurrentActivityFunctions));

        Assert.Equal(expected, TaskHubDurableTaskWorker.ActivityFetchers(options));
    }

    [Fact]
    public void ActivityFetchers_DurableFunctionsDefault_IsTheProvidersSingleLoopOnTwoCores()
    {
        // Durable Functions' default is 10 per processor: 20 here, the provider's own single loop.
        var options = Options();

        Assert.Equal(Math.Clamp(10 * Environment.ProcessorCount / 25, 1, 8), TaskHubDurableTaskWorker.ActivityFetchers(options));
        Assert.Equal(10 * Environment.ProcessorCount, options.MaxConcurrentActivityFunctions);
    }

    private static DurableTaskHostOptions Options(params (string Key, string Value)[] settings) =>
        DurableTaskHostOptions.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value)))
            .Build());
}

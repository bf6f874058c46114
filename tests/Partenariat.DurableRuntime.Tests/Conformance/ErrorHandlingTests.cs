using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using static Partenariat.DurableRuntime.Tests.Conformance.ConformanceTasks;

namespace Partenariat.DurableRuntime.Tests.Conformance;

/// <summary>Core scenarios: failures, their details, and retries (policies, handlers, tasks nobody registered).</summary>
[Collection(ConformanceCollection.Name)]
[Trait(Group, "Core")]
public sealed class ErrorHandlingTests(ConformanceFixture fixture) : ConformanceTest(fixture)
{
    private static readonly string Application = typeof(ApplicationException).AssemblyQualifiedName!;
    private static readonly string Custom = typeof(ConformanceException).AssemblyQualifiedName!;
    private static readonly string ThirdParty = typeof(Xunit.Sdk.XunitException).AssemblyQualifiedName!;

    public static TheoryData<string> ExceptionTypes => [Application, Custom, ThirdParty];

    // A built-in, an application's and a third party's exception type, by the number of attempts.
    private static string TypeFor(int attempts) => attempts switch
    {
        1 => Application,
        2 => Custom,
        _ => ThirdParty,
    };

    [Fact]
    public async Task CallActivityAsync_ActivityThrows_OrchestrationFailsWithTheTaskAndItsInnerChain()
    {
        var result = await RunAsync(Client, Faulty);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var failure = Assert.IsType<TaskFailureDetails>(result.FailureDetails);
        Assert.Equal(typeof(TaskFailedException).FullName, failure.ErrorType);
        Assert.Contains("#0", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(FaultyActivity, failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(Boom, failure.ErrorMessage, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(failure.StackTrace));
        var activity = Assert.IsType<TaskFailureDetails>(failure.InnerFailure);
        Assert.Equal(typeof(InvalidOperationException).FullName, activity.ErrorType);
        Assert.Equal(Boom, activity.ErrorMessage);
        var cause = Assert.IsType<TaskFailureDetails>(activity.InnerFailure);
        Assert.Equal(typeof(ConformanceException).FullName, cause.ErrorType);
        Assert.Equal("Inner!", cause.ErrorMessage);
    }

    [Theory]
    [MemberData(nameof(ExceptionTypes))]
    public async Task ScheduleNewOrchestrationInstanceAsync_OrchestratorThrows_FailsWithTheExceptionsTypeMessageAndStack(string exceptionType)
    {
        var result = await RunAsync(Client, Throwing, exceptionType);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var failure = Assert.IsType<TaskFailureDetails>(result.FailureDetails);
        Assert.Equal(Type.GetType(exceptionType)!.FullName, failure.ErrorType);
        Assert.Equal(Boom, failure.ErrorMessage);
        Assert.Contains(typeof(ConformanceTasks).FullName!, failure.StackTrace, StringComparison.Ordinal);
        Assert.True(failure.IsCausedBy(Type.GetType(exceptionType)!));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    public async Task RetryPolicy_ActivityAlwaysFails_TriedAsOftenAsThePolicySays(int attempts)
    {
        var key = NewId("retry-activity");

        var result = await RunAsync(Client, RetriedActivity, new RetryInput(key, Application, int.MaxValue, RetryMode.Policy, attempts));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(attempts, Probes.Count(key));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    public async Task RetryHandler_ActivityAlwaysFails_HandlerAskedOncePerAttempt(int attempts)
    {
        var key = NewId("handler-activity");

        var result = await RunAsync(Client, RetriedActivity, new RetryInput(key, TypeFor(attempts), int.MaxValue, RetryMode.Handler, attempts));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(attempts, Probes.Count(key));
        Assert.Equal(attempts, Probes.Count(key + ":handler"));
    }

    [Theory]
    [InlineData(10, false, int.MaxValue, 2, 1, OrchestrationRuntimeStatus.Failed)]
    [InlineData(2, false, int.MaxValue, null, 1, OrchestrationRuntimeStatus.Failed)]
    [InlineData(2, true, int.MaxValue, null, 2, OrchestrationRuntimeStatus.Failed)]
    [InlineData(10, true, 4, null, 5, OrchestrationRuntimeStatus.Completed)]
    public async Task RetryPolicyWithFailureFilter_Activity_TriedAsThePolicyAndFilterSay(
        int maxAttempts, bool retry, int failures, int? timeoutMilliseconds, int expectedAttempts, OrchestrationRuntimeStatus expected)
    {
        var key = NewId("filter-activity");

        var result = await RunAsync(Client, RetriedActivity, new RetryInput(key, Custom, failures, RetryMode.PolicyWithFilter, maxAttempts, retry, timeoutMilliseconds));

        Assert.Equal(expected, result.RuntimeStatus);
        Assert.Equal(expectedAttempts, Probes.Count(key));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    public async Task RetryPolicy_SubOrchestratorAlwaysFails_TriedAsOftenAsThePolicySays(int attempts)
    {
        var key = NewId("retry-child");

        var result = await RunAsync(Client, RetriedChild, new RetryInput(key, TypeFor(attempts), int.MaxValue, RetryMode.Policy, attempts));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(attempts, Probes.Count(key));
        Assert.Contains(Boom, result.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
        Assert.True(result.FailureDetails?.IsCausedBy<TaskFailedException>());
    }

    [Theory]
    [InlineData(10, false, int.MaxValue, 2, 1, OrchestrationRuntimeStatus.Failed)]
    [InlineData(2, false, int.MaxValue, null, 1, OrchestrationRuntimeStatus.Failed)]
    [InlineData(2, true, int.MaxValue, null, 2, OrchestrationRuntimeStatus.Failed)]
    [InlineData(10, true, 4, null, 5, OrchestrationRuntimeStatus.Completed)]
    public async Task RetryPolicyWithFailureFilter_SubOrchestrator_TriedAsThePolicyAndFilterSay(
        int maxAttempts, bool retry, int failures, int? timeoutMilliseconds, int expectedAttempts, OrchestrationRuntimeStatus expected)
    {
        var key = NewId("filter-child");

        var result = await RunAsync(Client, RetriedChild, new RetryInput(key, Custom, failures, RetryMode.PolicyWithFilter, maxAttempts, retry, timeoutMilliseconds));

        Assert.Equal(expected, result.RuntimeStatus);
        Assert.Equal(expectedAttempts, Probes.Count(key));
        Assert.Equal(expected == OrchestrationRuntimeStatus.Failed, result.FailureDetails?.IsCausedBy<TaskFailedException>() == true);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    public async Task RetryHandler_SubOrchestratorAlwaysFails_HandlerAskedAtLeastOncePerAttempt(int attempts)
    {
        var key = NewId("handler-child");

        var result = await RunAsync(Client, RetriedChild, new RetryInput(key, TypeFor(attempts), int.MaxValue, RetryMode.Handler, attempts));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(attempts, Probes.Count(key));
        Assert.True(Probes.Count(key + ":handler") >= attempts, $"The handler was asked {Probes.Count(key + ":handler")} times for {attempts} attempts.");
        Assert.True(result.FailureDetails?.IsCausedBy<TaskFailedException>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RetryHandler_TaskNobodyRegistered_NeverAskedAndTheOrchestrationFails(bool activity)
    {
        var key = NewId("missing");

        var result = await RunAsync(Client, MissingTask, new MissingTaskInput(activity, key));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(0, Probes.Count(key));
        Assert.Equal(activity ? ActivityRunner.NotFoundErrorType : OrchestrationObjects.NotFoundErrorType, result.FailureDetails?.InnerFailure?.ErrorType);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ActivityDeepInsideThrows_EveryLevelOfTheFailureKept()
    {
        var result = await RunAsync(Client, NestedFailure);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var parent = Assert.IsType<TaskFailureDetails>(result.FailureDetails);
        Assert.True(parent.IsCausedBy<TaskFailedException>());
        Assert.Contains(NestedFailureChild, parent.ErrorMessage, StringComparison.Ordinal);
        var child = Assert.IsType<TaskFailureDetails>(parent.InnerFailure);
        Assert.True(child.IsCausedBy<TaskFailedException>());
        Assert.Contains(DeepException, child.ErrorMessage, StringComparison.Ordinal);
        var first = Assert.IsType<TaskFailureDetails>(child.InnerFailure);
        Assert.True(first.IsCausedBy<ConformanceException>());
        Assert.Equal("first", first.ErrorMessage);
        var second = Assert.IsType<TaskFailureDetails>(first.InnerFailure);
        Assert.True(second.IsCausedBy<ApplicationException>());
        Assert.Equal("second", second.ErrorMessage);
        var third = Assert.IsType<TaskFailureDetails>(second.InnerFailure);
        Assert.True(third.IsCausedBy<Xunit.Sdk.XunitException>());
        Assert.Equal("third", third.ErrorMessage);
    }
}

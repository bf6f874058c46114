using Microsoft.DurableTask;

namespace Partenariat.DurableRuntime.Tests.Conformance;

/// <summary>The conformance tasks that fail, retry, or call what nobody registered.</summary>
public static partial class ConformanceTasks
{
    public const string Faulty = "Conf.Faulty";
    public const string FaultyActivity = "Conf.FaultyActivity";
    public const string Throwing = "Conf.Throwing";
    public const string RetriedActivity = "Conf.RetriedActivity";
    public const string Flaky = "Conf.Flaky";
    public const string RetriedChild = "Conf.RetriedChild";
    public const string FlakyChild = "Conf.FlakyChild";
    public const string MissingTask = "Conf.MissingTask";
    public const string NestedFailure = "Conf.NestedFailure";
    public const string NestedFailureChild = "Conf.NestedFailureChild";
    public const string DeepException = "Conf.DeepException";
    public const string Audited = "Conf.Audited";
    public const string AuditedActivity = "Conf.AuditedActivity";
    public const string OutOfRange = "Conf.OutOfRange";
    public const string OutOfRangeParent = "Conf.OutOfRangeParent";
    public const string OutOfRangeChild = "Conf.OutOfRangeChild";
    public const string OutOfRangeActivity = "Conf.OutOfRangeActivity";
    public const string CatchByType = "Conf.CatchByType";
    public const string ThrowInvalidOperation = "Conf.ThrowInvalidOperation";
    public const string ThrowArgument = "Conf.ThrowArgument";

    /// <summary>The message of every failure on demand.</summary>
    public const string Boom = "Kah-boom, on demand.";

    /// <summary>How a retried call is retried.</summary>
    public enum RetryMode
    {
        /// <summary>A retry policy: so many attempts.</summary>
        Policy,

        /// <summary>A retry handler: it decides after each failure.</summary>
        Handler,

        /// <summary>A retry policy whose failure filter decides whether to retry at all.</summary>
        PolicyWithFilter,
    }

    /// <summary>Creates the exception type a scenario names, with <paramref name="message"/>.</summary>
    public static Exception MakeException(string typeName, string message) =>
        (Exception)Activator.CreateInstance(Type.GetType(typeName, throwOnError: true)!, message)!;

    private static void RegisterFailures(DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc(Faulty, context => context.CallActivityAsync(FaultyActivity))
        .AddActivityFunc(FaultyActivity, (TaskActivityContext _) => throw new InvalidOperationException(Boom, new ConformanceException("Inner!")))
        .AddOrchestratorFunc<string>(Throwing, (context, typeName) => throw MakeException(typeName!, Boom))
        .AddOrchestratorFunc<RetryInput, object?>(RetriedActivity, async (context, input) =>
        {
            await context.CallActivityAsync(Flaky, input, RetryOptions(context, input));
            return null;
        })
        .AddActivityFunc<RetryInput>(Flaky, (_, input) =>
        {
            if (Probes.Increment(input.Key) <= input.Failures)
            {
                throw MakeException(input.ExceptionType, Boom);
            }
        })
        .AddOrchestratorFunc<RetryInput, object?>(RetriedChild, async (context, input) =>
        {
            await context.CallSubOrchestratorAsync(FlakyChild, input, RetryOptions(context, input));
            return null;
        })
        .AddOrchestratorFunc<RetryInput, object?>(FlakyChild, (_, input) =>
            Probes.Increment(input.Key) <= input.Failures ? throw MakeException(input.ExceptionType, Boom) : Task.FromResult<object?>(null))
        .AddOrchestratorFunc<MissingTaskInput, object?>(MissingTask, async (context, input) =>
        {
            var options = TaskOptions.FromRetryHandler(_ =>
            {
                Probes.Increment(input.HandlerKey);
                return false;
            });
            if (input.Activity)
            {
                await context.CallActivityAsync("Conf.NobodyRegisteredThis", options: options);
            }
            else
            {
                await context.CallSubOrchestratorAsync("Conf.NobodyRegisteredThis", options: options);
            }

            return null;
        })
        .AddOrchestratorFunc(NestedFailure, context => context.CallSubOrchestratorAsync(NestedFailureChild))
        .AddOrchestratorFunc(NestedFailureChild, context => context.CallActivityAsync(DeepException))
        .AddActivityFunc(DeepException, (TaskActivityContext _) =>
            throw new ConformanceException("first", new ApplicationException("second", new Xunit.Sdk.XunitException("third"))))
        .AddOrchestratorFunc(Audited, context => context.CallActivityAsync(AuditedActivity))
        .AddActivityFunc(AuditedActivity, (TaskActivityContext _) => throw new AuditException(
            "Business rule broken.",
            "rule-123",
            100,
            new DateTime(2026, 10, 15, 14, 30, 0, DateTimeKind.Utc),
            new Dictionary<string, object?> { ["code"] = "RULE", ["retries"] = 3, ["critical"] = true },
            ["first", "second", 500, null]))
        .AddOrchestratorFunc(OutOfRange, _ => throw new ArgumentOutOfRangeException("share", "140%", "The share is out of range."))
        .AddOrchestratorFunc(OutOfRangeParent, context => context.CallSubOrchestratorAsync(OutOfRangeChild))
        .AddOrchestratorFunc(OutOfRangeChild, context => context.CallActivityAsync(OutOfRangeActivity))
        .AddActivityFunc(OutOfRangeActivity, (TaskActivityContext _) => throw new ArgumentOutOfRangeException("tranche", "7", "The tranche is out of range."))
        .AddOrchestratorFunc(CatchByType, async context =>
        {
            var results = new List<string>
            {
                await CaughtAsync(context, ThrowInvalidOperation, failure => failure.IsCausedBy<InvalidOperationException>()),
                await CaughtAsync(context, ThrowArgument, failure => failure.IsCausedBy<ArgumentException>()),
                await context.CallActivityAsync<string>(SayHello, "success"),
                await CaughtAsync(context, ThrowInvalidOperation, failure => failure.IsCausedBy<Exception>()),
            };
            return results;
        })
        .AddActivityFunc(ThrowInvalidOperation, (TaskActivityContext _) => throw new InvalidOperationException("Invalid operation"))
        .AddActivityFunc(ThrowArgument, (TaskActivityContext _) => throw new ArgumentException("Invalid argument"));

    private static async Task<string> CaughtAsync(TaskOrchestrationContext context, string activity, Func<TaskFailureDetails, bool> matches)
    {
        try
        {
            await context.CallActivityAsync(activity);
            return "no exception";
        }
        catch (TaskFailedException exception)
        {
            return matches(exception.FailureDetails) ? "caught " + activity : "caught another type";
        }
    }

    private static TaskOptions RetryOptions(TaskOrchestrationContext context, RetryInput input) => input.Mode switch
    {
        RetryMode.Handler => TaskOptions.FromRetryHandler(retry =>
        {
            if (!retry.OrchestrationContext.IsReplaying)
            {
                Probes.Increment(input.Key + ":handler");
            }

            return retry.LastFailure.IsCausedBy<Exception>()
                && retry.LastFailure.IsCausedBy(Type.GetType(input.ExceptionType, throwOnError: true)!)
                && retry.LastAttemptNumber < input.MaxAttempts;
        }),
        RetryMode.PolicyWithFilter => TaskOptions.FromRetryPolicy(new RetryPolicy(
            input.MaxAttempts,
            TimeSpan.FromMilliseconds(1),
            backoffCoefficient: 2,
            retryTimeout: input.RetryTimeoutMilliseconds is { } timeout ? TimeSpan.FromMilliseconds(timeout) : null)
        {
            HandleFailure = failure => input.Retry && failure.IsCausedBy(Type.GetType(input.ExceptionType, throwOnError: true)!),
        }),
        _ => TaskOptions.FromRetryPolicy(new RetryPolicy(input.MaxAttempts, TimeSpan.FromMilliseconds(1))),
    };

    /// <summary>Input of the retried calls: the probe key counting attempts, how often and with what the call fails, how it is retried.</summary>
    public sealed record RetryInput(
        string Key,
        string ExceptionType,
        int Failures,
        RetryMode Mode,
        int MaxAttempts,
        bool Retry = true,
        int? RetryTimeoutMilliseconds = null);

    /// <summary>Input of <see cref="MissingTask"/>: an activity or a sub-orchestrator, and the probe counting retry handler calls.</summary>
    public sealed record MissingTaskInput(bool Activity, string HandlerKey);
}

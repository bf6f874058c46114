using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Partenariat.Workflow.Diagnostics;

namespace Partenariat.Functions;

/// <summary>The durable runtime's smoke-test orchestrations and activities (see Partenariat.Workflow.Diagnostics).</summary>
public static class DiagnosticsFunctions
{
    [Function(nameof(HelloSequence))]
    public static Task<IReadOnlyList<string>> HelloSequenceAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableAdapters.RunAsync<HelloSequence, string?, IReadOnlyList<string>>(context);

    [Function(nameof(FanOutFanIn))]
    public static Task<long> FanOutFanInAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableAdapters.RunAsync<FanOutFanIn, int, long>(context);

    [Function(nameof(WaitForSignal))]
    public static Task<string> WaitForSignalAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableAdapters.RunAsync<WaitForSignal, WaitForSignalInput, string>(context);

    [Function(nameof(DurableTimer))]
    public static Task<DateTime> DurableTimerAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableAdapters.RunAsync<DurableTimer, int, DateTime>(context);

    [Function(nameof(SubOrchestration))]
    public static Task<IReadOnlyList<string>> SubOrchestrationAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableAdapters.RunAsync<SubOrchestration, string?, IReadOnlyList<string>>(context);

    [Function(nameof(RetryThenFail))]
    public static Task<int> RetryThenFailAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableAdapters.RunAsync<RetryThenFail, RetryThenFailInput, int>(context);

    [Function(nameof(EternalCounter))]
    public static Task<int> EternalCounterAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableAdapters.RunAsync<EternalCounter, EternalCounterInput, int>(context);

    [Function(nameof(SlowSequence))]
    public static Task<int> SlowSequenceAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableAdapters.RunAsync<SlowSequence, SlowSequenceInput, int>(context);

    [Function(nameof(SayHello))]
    public static Task<string> SayHelloAsync([ActivityTrigger] string input, FunctionContext context) =>
        DurableAdapters.RunAsync<SayHello, string, string>(context, input);

    [Function(nameof(Square))]
    public static Task<long> SquareAsync([ActivityTrigger] int input, FunctionContext context) =>
        DurableAdapters.RunAsync<Square, int, long>(context, input);

    [Function(nameof(FailOnDemand))]
    public static Task<int> FailOnDemandAsync([ActivityTrigger] FailOnDemandInput input, FunctionContext context) =>
        DurableAdapters.RunAsync<FailOnDemand, FailOnDemandInput, int>(context, input);

    [Function(nameof(Pause))]
    public static Task<int> PauseAsync([ActivityTrigger] int input, FunctionContext context) =>
        DurableAdapters.RunAsync<Pause, int, int>(context, input);
}

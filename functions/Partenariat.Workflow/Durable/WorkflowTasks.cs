using Microsoft.DurableTask;
using Partenariat.Workflow.Diagnostics;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Envelopes;
using Partenariat.Workflow.Requests.Activities;
using Partenariat.Workflow.Requests.Orchestration;

namespace Partenariat.Workflow.Durable;

/// <summary>
/// Every orchestrator and activity of the workflow, listed once, explicitly (no reflection scan): the
/// self-contained host registers this list with its worker, and the Functions app has one function
/// per entry (a test compares the two).
/// </summary>
public static class WorkflowTasks
{
    /// <summary>The orchestrators.</summary>
    public static IReadOnlyList<TaskRegistration> Orchestrators { get; } =
    [
        new(FinancingRequestOrchestration.Name, typeof(FinancingRequestOrchestration)),
        new(FinancingRequestOrchestrationV1.Name, typeof(FinancingRequestOrchestrationV1)), // until its last request has ended
        new(nameof(HelloSequence), typeof(HelloSequence)),
        new(nameof(FanOutFanIn), typeof(FanOutFanIn)),
        new(nameof(WaitForSignal), typeof(WaitForSignal)),
        new(nameof(DurableTimer), typeof(DurableTimer)),
        new(nameof(SubOrchestration), typeof(SubOrchestration)),
        new(nameof(RetryThenFail), typeof(RetryThenFail)),
        new(nameof(EternalCounter), typeof(EternalCounter)),
        new(nameof(SlowSequence), typeof(SlowSequence)),
    ];

    /// <summary>The activities.</summary>
    public static IReadOnlyList<TaskRegistration> Activities { get; } =
    [
        new(nameof(RecordSteps), typeof(RecordSteps)),
        new(nameof(ReserveCredit), typeof(ReserveCredit)),
        new(nameof(CommitCredit), typeof(CommitCredit)),
        new(nameof(ReleaseCredit), typeof(ReleaseCredit)),
        new(nameof(LapseEnvelopeLine), typeof(LapseEnvelopeLine)),
        new(nameof(SendForReview), typeof(SendForReview)),
        new(nameof(PayTranche), typeof(PayTranche)),
        new(nameof(SayHello), typeof(SayHello)),
        new(nameof(Square), typeof(Square)),
        new(nameof(FailOnDemand), typeof(FailOnDemand)),
        new(nameof(Pause), typeof(Pause)),
    ];

    /// <summary>Adds every orchestrator and activity to a Microsoft.DurableTask registry.</summary>
    public static DurableTaskRegistry AddWorkflowTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var orchestrator in Orchestrators)
        {
            registry.AddOrchestrator(orchestrator.Name, orchestrator.Type);
        }

        foreach (var activity in Activities)
        {
            registry.AddActivity(activity.Name, activity.Type);
        }

        return registry;
    }
}

using Microsoft.DurableTask;

namespace Partenariat.Workflow.Requests.Activities;

/// <summary>
/// Records steps of a request's life in its view (status, timeline, decision, tranches, rights), in
/// one ETag-guarded write; the steps the view already holds are skipped (idempotent by number).
/// </summary>
public sealed class RecordSteps(FinancingRequestStore requests) : TaskActivity<RequestSteps, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, RequestSteps input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await requests.RecordStepsAsync(input.Key, input.Steps).ConfigureAwait(false);
        return true;
    }
}

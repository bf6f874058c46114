using Microsoft.DurableTask;
using Partenariat.Workflow.Notifications;

namespace Partenariat.Workflow.Requests.Activities;

/// <summary>
/// Records steps of a request's life in its view (status, timeline, decision, tranches, rights), in
/// one ETag-guarded write; the steps the view already holds are skipped (idempotent by number);
/// then mails the people they concern (see <see cref="StepNotifier"/>).
/// </summary>
public sealed class RecordSteps(StepNotifier steps) : TaskActivity<RequestSteps, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, RequestSteps input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await steps.RecordAsync(input.Key, input.Steps).ConfigureAwait(false);
        return true;
    }
}

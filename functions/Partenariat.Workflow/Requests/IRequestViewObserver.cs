namespace Partenariat.Workflow.Requests;

/// <summary>
/// Told of each view <see cref="FinancingRequestStore"/> has just stored (a submission, a step, an
/// upload's entry), and again of the stored view when a retried step finds itself already recorded,
/// so that what it keeps from the views catches up after a failure between the two writes. The
/// reports' projection listens (docs/architecture.md, "The reports' read model"). An observer is
/// idempotent: it may be told of the same view twice.
/// </summary>
public interface IRequestViewObserver
{
    /// <summary>The view as stored (its timeline: at most the entries the write added).</summary>
    Task ViewStoredAsync(FinancingRequestView view, CancellationToken cancellationToken = default);
}

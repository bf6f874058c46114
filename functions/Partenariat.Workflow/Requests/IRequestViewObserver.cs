namespace Partenariat.Workflow.Requests;

/// <summary>
/// Told of each view <see cref="FinancingRequestStore"/> has just stored (a submission, a step, an
/// upload's entry) with the view it replaced, and again of the stored view when a retried step
/// finds itself already recorded (then without the one before), so that what it keeps from the
/// views catches up after a failure between the two writes. The reports' projection listens
/// (docs/architecture.md, "The reports' read model"). An observer is idempotent: it may be told of
/// the same view twice.
/// </summary>
public interface IRequestViewObserver
{
    /// <summary>
    /// <paramref name="view"/> as stored (its timeline: at most the entries the write added), and
    /// <paramref name="before"/> the view it replaced when the store knows it (null for a new request
    /// or a retried step).
    /// </summary>
    Task ViewStoredAsync(FinancingRequestView? before, FinancingRequestView view, CancellationToken cancellationToken = default);
}

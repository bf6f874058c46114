namespace Partenariat.Workflow.Reconciliation;

/// <summary>Credit the reconciler released: a request whose orchestration no longer runs still held it.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Line">Its envelope line (<c>{conventionId}|{lineId}</c>).</param>
/// <param name="Instance">What became of its orchestration: Failed, Terminated, Completed, or Missing (purged).</param>
/// <param name="Released">The credit released, in euros (zero for a place on the waitlist).</param>
/// <param name="Woken">Waitlisted requests the released credit woke.</param>
public sealed record ReconciledCredit(string RequestId, string Line, string Instance, decimal Released, IReadOnlyList<string> Woken);

/// <summary>Something the reconciler saw and could not put right by itself: operators look at it.</summary>
/// <param name="Line">The envelope line.</param>
/// <param name="RequestId">The request, when the finding concerns one.</param>
/// <param name="What">What disagrees.</param>
public sealed record ReconciliationFinding(string Line, string? RequestId, string What);

/// <summary>One pass of the reconciler over every envelope line.</summary>
/// <param name="StartedAt">When it started.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="PositionsChecked">How many positions holding credit or waiting it looked at.</param>
/// <param name="Released">What it released.</param>
/// <param name="Findings">What disagrees and was left to operators.</param>
public sealed record ReconciliationRun(DateTimeOffset StartedAt, DateTimeOffset EndedAt, int PositionsChecked, IReadOnlyList<ReconciledCredit> Released, IReadOnlyList<ReconciliationFinding> Findings);

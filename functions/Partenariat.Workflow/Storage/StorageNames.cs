namespace Partenariat.Workflow.Storage;

/// <summary>
/// The names of every queue, blob container and table the app uses, in one place: the hosts create
/// them at start where missing, and the deployment (infra/) creates them too.
/// </summary>
public static class StorageNames
{
    /// <summary>Review messages for the committee's tools: a request awaits a decision.</summary>
    public const string CommitteeReviewsQueue = "committee-reviews";

    /// <summary>The committee's decisions, as JSON messages, read by a queue-triggered function.</summary>
    public const string CommitteeDecisionsQueue = "committee-decisions";

    /// <summary>Where decisions that cannot be applied go, with their reason (the queue trigger's poison queue).</summary>
    public const string CommitteeDecisionsPoisonQueue = CommitteeDecisionsQueue + "-poison";

    /// <summary>The blob container of supporting documents.</summary>
    public const string DocumentsContainer = "supporting-documents";

    /// <summary>The financing requests' views (one row per request, partitioned by landlord).</summary>
    public const string RequestsTable = "FinancingRequests";

    /// <summary>The envelope lines' ledgers (one partition per line: its positions and its payment orders, one per request and tranche).</summary>
    public const string LedgerTable = "EnvelopeLedger";

    /// <summary>Submissions by idempotency key: a retried submission returns the first answer.</summary>
    public const string IdempotencyTable = "IdempotencyKeys";

    /// <summary>The reconciler's passes, for operators.</summary>
    public const string ReconciliationsTable = "Reconciliations";

    /// <summary>The reports' read model: one compact row per request, partitioned by convention period, kept from the views.</summary>
    public const string ReportRequestsTable = "ReportRequests";

    /// <summary>Every queue the app uses.</summary>
    public static IReadOnlyList<string> Queues { get; } = [CommitteeReviewsQueue, CommitteeDecisionsQueue, CommitteeDecisionsPoisonQueue];

    /// <summary>Every blob container the app uses (the durable task hub's own are created by its provider).</summary>
    public static IReadOnlyList<string> Containers { get; } = [DocumentsContainer];

    /// <summary>Every table the app uses (the durable task hub's own are created by its provider).</summary>
    public static IReadOnlyList<string> Tables { get; } = [RequestsTable, LedgerTable, IdempotencyTable, ReconciliationsTable, ReportRequestsTable];
}

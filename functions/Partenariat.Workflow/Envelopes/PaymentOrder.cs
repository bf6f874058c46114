using Partenariat.Domain.Disbursements;

namespace Partenariat.Workflow.Envelopes;

/// <summary>The order to pay one disbursement (a tranche of a request), kept in the ledger beside it.</summary>
/// <param name="DisbursementId">Its idempotency key: <c>{requestId}-tranche-{n}</c>.</param>
/// <param name="RequestId">The request paid.</param>
/// <param name="LandlordId">The landlord paid.</param>
/// <param name="Tranche">The tranche's number.</param>
/// <param name="Milestone">The milestone that triggers it.</param>
/// <param name="Amount">The amount paid.</param>
/// <param name="PaidOn">The payment date.</param>
/// <param name="EvidenceDocumentId">The document that proves the milestone.</param>
public sealed record PaymentOrder(string DisbursementId, string RequestId, string LandlordId, int Tranche, string Milestone, decimal Amount, DateOnly PaidOn, string EvidenceDocumentId)
{
    /// <summary>What every disbursement id of <paramref name="requestId"/> starts with.</summary>
    public static string DisbursementIdPrefix(string requestId) => requestId + "-tranche-";

    /// <summary>The disbursement id of tranche <paramref name="tranche"/> of <paramref name="requestId"/> (the domain's rule).</summary>
    public static string DisbursementIdOf(string requestId, int tranche) => DisbursementSchedule.DisbursementIdOf(requestId, tranche);
}

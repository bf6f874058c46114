using Partenariat.Domain.Disbursements;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Documents;

/// <summary>
/// The rule for a tranche's evidence, checked by the milestone's API (to answer the landlord at once)
/// and by the payment's activity (whatever path raised the milestone): a document of the request, of
/// the kind the milestone needs (a works start order for the first tranche, a completion declaration
/// for the balance). The request's view lists its documents, so a caller that has read the view
/// reads nothing more; a document the view does not list (a view stored before views listed their
/// documents, or an upload cut short between its blob and its listing) is looked up in Blob storage.
/// </summary>
public sealed class MilestoneEvidence(DocumentStore documents)
{
    /// <summary>The kind of document that proves <paramref name="milestone"/>.</summary>
    public static DocumentKind KindFor(DisbursementMilestone milestone) =>
        milestone == DisbursementMilestone.WorksStartOrder ? DocumentKind.WorksStartOrder : DocumentKind.CompletionDeclaration;

    /// <summary>The kind of document that proves a milestone the landlord reports.</summary>
    public static DocumentKind KindFor(MilestoneKind milestone) =>
        milestone == MilestoneKind.WorksStarted ? DocumentKind.WorksStartOrder : DocumentKind.CompletionDeclaration;

    /// <summary>
    /// The kind of the landlord's document <paramref name="documentId"/> of request
    /// <paramref name="requestId"/>, from its <paramref name="view"/> when it lists it; null when the
    /// request has no such document.
    /// </summary>
    public async Task<DocumentKind?> KindOfAsync(string landlordId, string requestId, FinancingRequestView? view, string documentId, CancellationToken cancellationToken = default) =>
        view?.Documents?.FirstOrDefault(d => string.Equals(d.DocumentId, documentId, StringComparison.Ordinal))?.Kind
        ?? (await documents.GetAsync(landlordId, requestId, documentId, cancellationToken).ConfigureAwait(false))?.Kind;
}

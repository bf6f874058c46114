using Partenariat.Domain.Common;
using Partenariat.Domain.Landlords;

namespace Partenariat.Domain.Requests;

/// <summary>
/// A financing request (demande de financement) as submitted by a social landlord for one housing
/// operation: plain data, bindable from JSON; check it with <see cref="FinancingRequestValidator"/>.
/// Every property may be missing in the input, so reference properties are nullable.
/// </summary>
public sealed record FinancingRequest
{
    /// <summary>The request's id, given by the workflow; the key of every ledger operation.</summary>
    public string? RequestId { get; init; }

    /// <summary>The applicant landlord.</summary>
    public LandlordDetails? Landlord { get; init; }

    /// <summary>The housing operation to finance.</summary>
    public HousingOperation? Operation { get; init; }

    /// <summary>What is asked of Action Logement: loans and/or grants.</summary>
    public IReadOnlyList<RequestedLine>? RequestedLines { get; init; }

    /// <summary>The convention (hence the period) the request is charged to, e.g. <c>dijon-2020-2022</c>.</summary>
    public string? ConventionId { get; init; }

    /// <summary>The envelope line of that convention, e.g. <c>housing-production</c>.</summary>
    public string? EnvelopeLineId { get; init; }

    /// <summary>
    /// Whether a direct or indirect capital link exists between the Action Logement group and the
    /// landlord. Recorded for reporting ONLY: under CCH art. L.313-17-3 it must never be a selection
    /// criterion, so no rule, ranking, default or validation of this library reads it.
    /// </summary>
    public bool CapitalLinkWithActionLogement { get; init; }

    /// <summary>When the request was submitted (passed in by the caller; used to order the queue).</summary>
    public DateTimeOffset SubmittedAt { get; init; }

    /// <summary>The sum of the requested lines' amounts (meaningful once the request is valid; 0 for amounts whose sum no number holds).</summary>
    public decimal RequestedTotal => Amounts.TrySum(RequestedLines?.Where(l => l is not null).Select(l => l.Amount) ?? []) ?? 0m;
}

/// <summary>The landlord as entered on a request.</summary>
public sealed record LandlordDetails
{
    /// <summary>The landlord's name.</summary>
    public string? Name { get; init; }

    /// <summary>The landlord's SIREN (9 digits, spaces allowed).</summary>
    public string? Siren { get; init; }

    /// <summary>The landlord's kind.</summary>
    public LandlordKind? Kind { get; init; }
}

/// <summary>What kind of works an operation is.</summary>
public enum OperationKind
{
    /// <summary>New build by the landlord (construction neuve).</summary>
    NewBuild,

    /// <summary>Off-plan purchase (vente en l'état futur d'achèvement, VEFA).</summary>
    OffPlanPurchase,

    /// <summary>Acquisition-improvement (acquisition-amélioration).</summary>
    AcquisitionImprovement,

    /// <summary>Rehabilitation / thermal renovation of the landlord's stock (réhabilitation).</summary>
    Rehabilitation,
}

/// <summary>A housing operation (opération): what is built or renovated, where, at what cost.</summary>
public sealed record HousingOperation
{
    /// <summary>The operation's name.</summary>
    public string? Name { get; init; }

    /// <summary>The commune, one of the metropolis's (any case and accents; aliases accepted).</summary>
    public string? Municipality { get; init; }

    /// <summary>The city-policy district (QPV or QV), optional; must lie in <see cref="Municipality"/>.</summary>
    public string? District { get; init; }

    /// <summary>True for an operation of the urban renewal programme (NPNRU), on or off site.</summary>
    public bool IsNpnru { get; init; }

    /// <summary>New build, off-plan purchase (VEFA), acquisition-improvement or rehabilitation.</summary>
    public OperationKind? Kind { get; init; }

    /// <summary>The dwellings (logements) per product.</summary>
    public DwellingMix? Dwellings { get; init; }

    /// <summary>Total cost excluding tax (prix de revient HT), in euros.</summary>
    public decimal TotalCostExcludingTax { get; init; }

    /// <summary>The financing plan: its sources must add up exactly to the total cost.</summary>
    public IReadOnlyList<FinancingSource>? FinancingPlan { get; init; }

    /// <summary>The State approval reference (agrément / décision de financement de l'État) for PLAI, PLUS, PLS.</summary>
    public string? StateApprovalReference { get; init; }

    /// <summary>Planned start of works (ordre de service).</summary>
    public DateOnly? PlannedWorksStart { get; init; }

    /// <summary>Planned completion (achèvement).</summary>
    public DateOnly? PlannedCompletion { get; init; }
}

/// <summary>Number of dwellings per product; each zero or more, total more than zero.</summary>
public sealed record DwellingMix
{
    /// <summary>Prêt locatif aidé d'intégration (very social, State-approved).</summary>
    public int Plai { get; init; }

    /// <summary>Prêt locatif à usage social (social, State-approved).</summary>
    public int Plus { get; init; }

    /// <summary>Prêt locatif social (State-approved).</summary>
    public int Pls { get; init; }

    /// <summary>Logement intermédiaire (intermediate rental housing).</summary>
    public int Li { get; init; }

    /// <summary>Places in collective structures (résidences sociales, jeunes actifs, ...).</summary>
    public int CollectiveStructure { get; init; }

    /// <summary>All dwellings.</summary>
    public int Total => Plai + Plus + Pls + Li + CollectiveStructure;

    /// <summary>Dwellings whose product needs a State approval (PLAI, PLUS, PLS).</summary>
    public int StateApproved => Plai + Plus + Pls;
}

/// <summary>One source of the financing plan (e.g. a Banque des Territoires loan, equity, a State grant).</summary>
public sealed record FinancingSource
{
    /// <summary>The source's name.</summary>
    public string? Name { get; init; }

    /// <summary>The amount in euros.</summary>
    public decimal Amount { get; init; }
}

/// <summary>How Action Logement funds a line.</summary>
public enum FundingKind
{
    /// <summary>Loan (prêt).</summary>
    Loan,

    /// <summary>Concessional loan (prêt bonifié), e.g. in NPNRU operations.</summary>
    ConcessionalLoan,

    /// <summary>Grant (subvention).</summary>
    Grant,
}

/// <summary>One thing asked of Action Logement.</summary>
public sealed record RequestedLine
{
    /// <summary>Loan, concessional loan or grant.</summary>
    public FundingKind? Kind { get; init; }

    /// <summary>The amount in euros, more than zero.</summary>
    public decimal Amount { get; init; }

    /// <summary>For a loan: its duration in years (1 to 60); absent for a grant.</summary>
    public int? LoanDurationYears { get; init; }
}

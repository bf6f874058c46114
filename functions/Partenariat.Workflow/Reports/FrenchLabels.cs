using Partenariat.Domain.Reports;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;

namespace Partenariat.Workflow.Reports;

/// <summary>The French words people read in the reports' CSV files, workbook and charts.</summary>
public static class FrenchLabels
{
    /// <summary>A request's status.</summary>
    public static string Of(RequestState state) => state switch
    {
        RequestState.Submitted => "Déposée",
        RequestState.UnderReview => "En instruction",
        RequestState.Waitlisted => "En liste d'attente",
        RequestState.PendingCommittee => "Devant le comité",
        RequestState.InformationRequested => "Compléments demandés",
        RequestState.Approved => "Accordée",
        RequestState.Rejected => "Refusée",
        RequestState.Disbursing => "En décaissement",
        RequestState.Disbursed => "Décaissée",
        RequestState.RightsAssigned => "Droits attribués",
        RequestState.Closed => "Clôturée",
        RequestState.ClosedWithoutFollowUp => "Classée sans suite",
        RequestState.Withdrawn => "Retirée",
        RequestState.Expired => "Caduque",
        RequestState.Cancelled => "Annulée",
        _ => state.ToString(),
    };

    /// <summary>Whom a request waits for.</summary>
    public static string Of(WaitingParty party) => party switch
    {
        WaitingParty.Services => "Action Logement Services",
        WaitingParty.Credit => "Crédits libérés",
        WaitingParty.Committee => "Comité",
        WaitingParty.Landlord => "Bailleur",
        _ => "Personne",
    };

    /// <summary>Why a request may lapse.</summary>
    public static string Of(RiskReason reason) => reason switch
    {
        RiskReason.WaitingForCredit => "En attente de crédits libérés",
        _ => "Engagement attendu après la fin de la période",
    };

    /// <summary>A financing product.</summary>
    public static string Of(DwellingProduct product) => product switch
    {
        DwellingProduct.Plai => "PLAI",
        DwellingProduct.Plus => "PLUS",
        DwellingProduct.Pls => "PLS",
        DwellingProduct.Li => "LI",
        _ => "Structures collectives",
    };

    /// <summary>A kind of reservation right.</summary>
    public static string Of(ReservationRightKind kind) => kind == ReservationRightKind.SingleRight ? "Droit unique" : "Droit de suite";
}

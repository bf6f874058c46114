namespace Partenariat.Domain.Landlords;

/// <summary>The legal kind of a social landlord (bailleur social / maître d'ouvrage).</summary>
public enum LandlordKind
{
    /// <summary>Office public de l'habitat (OPH).</summary>
    Oph,

    /// <summary>Entreprise sociale pour l'habitat (ESH).</summary>
    Esh,

    /// <summary>Société coopérative d'HLM.</summary>
    Cooperative,

    /// <summary>Société d'économie mixte (SEM).</summary>
    Sem,

    /// <summary>Approved non-profit body (organisme agréé, maîtrise d'ouvrage d'insertion).</summary>
    ApprovedNonProfit,

    /// <summary>Local authority (collectivité territoriale) acting as project owner.</summary>
    LocalAuthority,
}

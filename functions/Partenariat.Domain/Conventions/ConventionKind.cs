namespace Partenariat.Domain.Conventions;

/// <summary>What kind of agreement a convention is.</summary>
public enum ConventionKind
{
    /// <summary>A framework agreement (convention-cadre de territoire), e.g. 2017-2019.</summary>
    FrameworkAgreement,

    /// <summary>An amendment (avenant) to a framework agreement, e.g. 2020-2022.</summary>
    Amendment,
}

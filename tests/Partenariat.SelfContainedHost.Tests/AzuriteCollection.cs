using Partenariat.Testing;

namespace Partenariat.SelfContainedHost.Tests;

/// <summary>The tests of this assembly share one Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

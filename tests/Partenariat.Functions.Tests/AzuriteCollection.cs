using Partenariat.Testing;

namespace Partenariat.Functions.Tests;

/// <summary>The tests of this assembly that need storage share one Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

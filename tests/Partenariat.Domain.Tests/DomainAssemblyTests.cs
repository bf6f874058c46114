using Partenariat.Domain.Conventions;

namespace Partenariat.Domain.Tests;

public sealed class DomainAssemblyTests
{
    private static readonly System.Reflection.Assembly Domain = typeof(Convention).Assembly;

    [Fact]
    public void GetReferencedAssemblies_Domain_OnlyTheBaseClassLibrary()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.NotEmpty(references);
        Assert.All(references, name => Assert.True(name == "netstandard" || name.StartsWith("System", StringComparison.Ordinal), $"Unexpected reference {name}."));
    }

    [Fact]
    public void GetTypes_Domain_AllUnderTheRootNamespace()
        => Assert.All(Domain.GetTypes().Where(t => t.IsPublic), t => Assert.StartsWith("Partenariat.Domain.", t.FullName, StringComparison.Ordinal));
}

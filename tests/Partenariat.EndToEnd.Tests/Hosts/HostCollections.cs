namespace Partenariat.EndToEnd.Tests.Hosts;

/// <summary>The tests run against the self-contained host.</summary>
[CollectionDefinition(Name)]
public sealed class SelfContainedHostCollection : ICollectionFixture<SelfContainedHostFixture>
{
    public const string Name = "Self-contained host";
}

/// <summary>The tests run against the Functions app on the Functions host.</summary>
[CollectionDefinition(Name)]
public sealed class FunctionsHostCollection : ICollectionFixture<FunctionsHostFixture>
{
    public const string Name = "Functions host";
}

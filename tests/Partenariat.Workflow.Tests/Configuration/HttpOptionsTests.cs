using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Partenariat.Workflow.Configuration;

namespace Partenariat.Workflow.Tests.Configuration;

public sealed class HttpOptionsTests
{
    [Fact]
    public void From_NoSetting_DefaultsToApi()
    {
        var options = HttpOptions.From(new ConfigurationBuilder().Build());

        Assert.Equal("api", options.RoutePrefix);
        Assert.Equal("api/health", options.Route("health"));
    }

    [Fact]
    public void From_EmptyPrefix_RoutesAtTheRoot()
    {
        var options = HttpOptions.From(Configuration(""));

        Assert.Equal(string.Empty, options.RoutePrefix);
        Assert.Equal("health", options.Route("health"));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("v1/partenariat")]
    [InlineData("")]
    public void Validate_WellFormedPrefix_HasNoError(string prefix)
    {
        Assert.Empty(Validate(HttpOptions.From(Configuration(prefix))));
    }

    [Theory]
    [InlineData("/api")]
    [InlineData("api/")]
    [InlineData("a pi")]
    [InlineData("api//v1")]
    public void Validate_MalformedPrefix_NamesTheKey(string prefix)
    {
        var errors = Validate(HttpOptions.From(Configuration(prefix)));

        var error = Assert.Single(errors);
        Assert.Contains("extensions.http.routePrefix", error.ErrorMessage, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string prefix) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureFunctionsJobHost:extensions:http:routePrefix"] = prefix })
        .Build();

    private static List<ValidationResult> Validate(HttpOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}

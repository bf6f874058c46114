using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Partenariat.Workflow.Configuration;

/// <summary>host.json's <c>extensions.http</c>, with Azure Functions' meaning.</summary>
public sealed class HttpOptions
{
    /// <summary>The configuration path of these options.</summary>
    public const string SectionPath = FunctionsConfiguration.JobHostSection + ":extensions:http";

    /// <summary>Azure Functions' default route prefix.</summary>
    public const string DefaultRoutePrefix = "api";

    /// <summary>
    /// The prefix of every HTTP function's route; empty for none. Default <c>api</c>.
    /// </summary>
    [RegularExpression("^([A-Za-z0-9_.~-]+(/[A-Za-z0-9_.~-]+)*)?$", ErrorMessage = "extensions.http.routePrefix must be a relative path of letters, digits and '-', '_', '.', '~' segments, without leading or trailing '/'.")]
    public string RoutePrefix { get; set; } = DefaultRoutePrefix;

    /// <summary>The route of <paramref name="route"/> under the prefix, e.g. <c>api/health</c>.</summary>
    public string Route(string route) => string.IsNullOrEmpty(RoutePrefix) ? route : $"{RoutePrefix}/{route}";

    /// <summary>Reads the options from configuration.</summary>
    public static HttpOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new HttpOptions();
        configuration.GetSection(SectionPath).Bind(options);
        return options;
    }
}

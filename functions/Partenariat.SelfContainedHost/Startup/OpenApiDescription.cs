using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Partenariat.SelfContainedHost.Authentication;
using Partenariat.Workflow.Authentication;

namespace Partenariat.SelfContainedHost.Startup;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: its schemas as the API writes its JSON
/// (camelCase, enums by name, as <c>PartenariatJson</c>), the ways to authenticate
/// (the <c>X-Api-Key</c> header, an Entra ID bearer token, and for the function-level endpoints the
/// Functions host's key) and, on each operation, which of them it takes.
/// </summary>
internal static class OpenApiDescription
{
    /// <summary>The landlords', reviewers', operators' and steering committee's key (<see cref="CallerAuthentication.HeaderName"/>).</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>An Entra ID access token in <c>Authorization: Bearer</c>, where the host is set to accept them.</summary>
    public const string BearerScheme = "Bearer";

    /// <summary>The Functions host's key in the <c>x-functions-key</c> header (function-level endpoints).</summary>
    public const string FunctionKeyScheme = "FunctionKey";

    /// <summary>The same key in the <c>code</c> query parameter.</summary>
    public const string FunctionCodeScheme = "FunctionCode";

    public static IServiceCollection AddPartenariatOpenApi(this IServiceCollection services)
    {
        // The schemas follow the JSON options of minimal APIs: enums by name, as PartenariatJson writes
        // them in every answer (camelCase is the default already). Nothing else changes: the handlers
        // write with PartenariatJson, the health answer's nulls stay as the Functions host writes them.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Partenariat";
                document.Info.Description = "Financing requests of social landlords under the Dijon Métropole / Action Logement convention. "
                    + "Errors are RFC 9457 problem details (application/problem+json) with a stable type (urn:partenariat:problems:*) and a detail that says what to fix.";
                AddSecuritySchemes(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<CallerRequired>().Any())
                {
                    operation.Security = [Requirement(context.Document, ApiKeyScheme), Requirement(context.Document, BearerScheme)];
                }
                else if (metadata.OfType<KeyRequired>().Any())
                {
                    operation.Security = [Requirement(context.Document, FunctionKeyScheme), Requirement(context.Document, FunctionCodeScheme)];
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }

    // Each requirement alone is enough: the operation takes one scheme or another.
    private static OpenApiSecurityRequirement Requirement(OpenApiDocument? document, string scheme)
    {
        if (document is not null)
        {
            AddSecuritySchemes(document);
        }

        return new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
    }

    private static void AddSecuritySchemes(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        var schemes = document.Components.SecuritySchemes;
        schemes.TryAdd(ApiKeyScheme, Key(ParameterLocation.Header, CallerAuthentication.HeaderName,
            "The key given to your organisation: one per landlord (Authentication:ApiKeys:<SIREN>), the reviewers', the operators' and the steering committee's."));
        schemes.TryAdd(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An Entra ID access token of the configured authority and audience (Authentication:Jwt:Authority and Audience); its roles claim says who calls. Accepted only where those settings are set.",
        });
        schemes.TryAdd(FunctionKeyScheme, Key(ParameterLocation.Header, HostKeys.Header, "The host's key, as Azure Functions takes a function-level key (here, the operator key)."));
        schemes.TryAdd(FunctionCodeScheme, Key(ParameterLocation.Query, HostKeys.QueryParameter, "The same key in the query string."));
    }

    private static OpenApiSecurityScheme Key(ParameterLocation location, string name, string description) =>
        new() { Type = SecuritySchemeType.ApiKey, In = location, Name = name, Description = description };
}

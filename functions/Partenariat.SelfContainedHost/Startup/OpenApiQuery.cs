using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Partenariat.SelfContainedHost.Startup;

/// <summary>
/// Declares the query parameters a handler reads from <see cref="HttpRequest.Query"/> itself (the
/// handlers read their query by hand, to answer every problem at once as ProblemDetails, so the
/// OpenAPI generator cannot see them).
/// </summary>
internal static class OpenApiQuery
{
    /// <summary>An optional query parameter of the operation.</summary>
    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder builder, string name, string description, OpenApiSchema schema, bool required = false) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Query, Required = required, Description = description, Schema = schema });
            return Task.CompletedTask;
        });

    /// <summary>A string.</summary>
    public static OpenApiSchema Text() => new() { Type = JsonSchemaType.String };

    /// <summary>A date written yyyy-mm-dd.</summary>
    public static OpenApiSchema Date() => new() { Type = JsonSchemaType.String, Format = "date" };

    /// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public static OpenApiSchema Whole(int minimum, int maximum) => new()
    {
        Type = JsonSchemaType.Integer,
        Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Maximum = maximum.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>One of <paramref name="values"/>.</summary>
    public static OpenApiSchema OneOf(IEnumerable<string> values) => new() { Type = JsonSchemaType.String, Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))] };

    /// <summary>One of the names of <typeparamref name="TEnum"/>.</summary>
    public static OpenApiSchema OneOf<TEnum>()
        where TEnum : struct, Enum => OneOf(Enum.GetNames<TEnum>());
}

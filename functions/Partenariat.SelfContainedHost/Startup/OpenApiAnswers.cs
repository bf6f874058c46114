namespace Partenariat.SelfContainedHost.Startup;

/// <summary>The answers several operations share, declared once for the OpenAPI description.</summary>
internal static class OpenApiAnswers
{
    /// <summary>What an operation behind a role's key answers without a key (401) or with another role's (403).</summary>
    public static RouteHandlerBuilder ProducesKeyProblems(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>
    /// An action posted as JSON about one request: its body capped at <paramref name="maxBodyBytes"/>
    /// (413 past it), accepted with a <typeparamref name="TAnswer"/> (202), refused without the
    /// role's key (401, 403), for a request that does not exist (404) or whose state refuses it (409).
    /// How the body itself is refused (400) is the operation's own.
    /// </summary>
    public static RouteHandlerBuilder IsJsonAction<TBody, TAnswer>(this RouteHandlerBuilder builder, long maxBodyBytes)
        where TBody : notnull => builder
        .WithMetadata(new BodySizeLimit(maxBodyBytes))
        .Accepts<TBody>("application/json")
        .Produces<TAnswer>(StatusCodes.Status202Accepted)
        .ProducesKeyProblems()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
}

using Microsoft.AspNetCore.Http;
using Partenariat.Domain.Common;
using Partenariat.Workflow.Authentication;

namespace Partenariat.Workflow.Http;

/// <summary>The API's errors as ProblemDetails, each with a stable <c>type</c> and a detail that says what to fix.</summary>
public static class Problems
{
    private const string TypePrefix = "urn:partenariat:problems:";

    /// <summary>401: no key, or a key of nobody.</summary>
    public static IResult Unauthenticated() => Results.Problem(
        type: TypePrefix + "unauthenticated", title: "Authentication is required", statusCode: StatusCodes.Status401Unauthorized,
        detail: $"Send your API key in the '{CallerAuthentication.HeaderName}' header, or, where Entra ID tokens are accepted, a valid token in 'Authorization: Bearer <token>'.");

    /// <summary>403: a known caller without the role.</summary>
    public static IResult Forbidden(string role) => Results.Problem(
        type: TypePrefix + "forbidden", title: "Not allowed", statusCode: StatusCodes.Status403Forbidden,
        detail: $"This operation is for {role}s; use a {role}'s key.");

    /// <summary>404: no such request for this caller (also another landlord's).</summary>
    public static IResult RequestNotFound(string requestId) => Results.Problem(
        type: TypePrefix + "request-not-found", title: "No such financing request", statusCode: StatusCodes.Status404NotFound,
        detail: $"You have no financing request '{requestId}'. List yours with GET /api/requests.");

    /// <summary>400: the body is not usable JSON.</summary>
    public static IResult Malformed(string detail) => Results.Problem(
        type: TypePrefix + "malformed-body", title: "The body cannot be read", statusCode: StatusCodes.Status400BadRequest, detail: detail);

    /// <summary>413: the body is larger than its route accepts; nothing was read further, nothing stored.</summary>
    public static IResult BodyTooLarge(long maxBytes) => Results.Problem(
        type: TypePrefix + "body-too-large", title: "The body is too large", statusCode: StatusCodes.Status413PayloadTooLarge,
        detail: $"This route accepts a JSON body of at most {maxBytes} bytes; nothing was stored. Every field has a length limit: shorten the texts and lists.",
        extensions: new Dictionary<string, object?> { ["maxBytes"] = maxBytes });

    /// <summary>400: the request breaks rules; every error with its field.</summary>
    public static IResult Invalid(IReadOnlyList<ValidationError> errors, string title = "The financing request is not valid")
    {
        ArgumentNullException.ThrowIfNull(errors);
        var byField = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
        return Results.ValidationProblem(byField, type: TypePrefix + "validation", title: title,
            detail: "Fix each field listed in 'errors' and send the request again.",
            extensions: new Dictionary<string, object?> { ["codes"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray()) });
    }

    /// <summary>409: the idempotency key was used with another body.</summary>
    public static IResult IdempotencyKeyReused(string requestId) => Results.Problem(
        type: TypePrefix + "idempotency-key-reused", title: "Idempotency key already used", statusCode: StatusCodes.Status409Conflict,
        detail: $"This Idempotency-Key was used for another body (request '{requestId}'). Use a new key for a new request, or resend the first body.");

    /// <summary>409: the request's status does not allow the action.</summary>
    public static IResult NotNow(string reason) => Results.Problem(
        type: TypePrefix + "invalid-state", title: "Not possible in the request's current status", statusCode: StatusCodes.Status409Conflict, detail: reason);
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Partenariat.Workflow.Http;

/// <summary>
/// The API's successful answers, written with <see cref="PartenariatJson"/> whatever the host's
/// own JSON settings, so that both hosts answer byte for byte the same (enums as strings).
/// </summary>
public static class ApiResults
{
    /// <summary>200 with <paramref name="value"/>.</summary>
    public static JsonResult<T> Ok<T>(T value) => new(value, StatusCodes.Status200OK, null);

    /// <summary>201 with <paramref name="value"/> and its <paramref name="location"/>.</summary>
    public static JsonResult<T> Created<T>(string location, T value) => new(value, StatusCodes.Status201Created, location);

    /// <summary>202 with <paramref name="value"/> and where to follow it.</summary>
    public static JsonResult<T> Accepted<T>(string location, T value) => new(value, StatusCodes.Status202Accepted, location);

    /// <summary>A JSON answer with a status code and, optionally, a Location header.</summary>
    public sealed class JsonResult<T>(T value, int statusCode, string? location) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IContentTypeHttpResult
    {
        /// <inheritdoc />
        public int? StatusCode => statusCode;

        /// <inheritdoc />
        public T? Value => value;

        object? IValueHttpResult.Value => value;

        /// <inheritdoc />
        public string ContentType => "application/json; charset=utf-8";

        /// <summary>The Location header, if any.</summary>
        public string? Location => location;

        /// <inheritdoc />
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = ContentType;
            if (location is not null)
            {
                httpContext.Response.Headers.Location = location;
            }

            await JsonSerializer.SerializeAsync(httpContext.Response.Body, value, PartenariatJson.Options, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}

using System.Text;
using Microsoft.AspNetCore.Http;
using Partenariat.Workflow.Authentication;

namespace Partenariat.Testing;

/// <summary>HTTP requests as a host hands them to the shared APIs, for APIs and functions called directly.</summary>
public static class TestRequests
{
    /// <summary>A request carrying <paramref name="apiKey"/> (none when null), <paramref name="query"/> (e.g. <c>?top=1</c>) and <paramref name="json"/> as its body.</summary>
    public static HttpRequest With(string? apiKey, string query = "", string? json = null)
    {
        var request = new DefaultHttpContext().Request;
        if (apiKey is not null)
        {
            request.Headers[CallerAuthentication.HeaderName] = apiKey;
        }

        request.QueryString = new QueryString(query.Length > 0 ? query : null);
        if (json is not null)
        {
            request.ContentType = "application/json";
            request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        }

        return request;
    }

    /// <summary>A request carrying <paramref name="apiKey"/> and <paramref name="content"/> of <paramref name="contentType"/> as its body.</summary>
    public static HttpRequest WithBody(string apiKey, byte[] content, string contentType, string query = "")
    {
        ArgumentNullException.ThrowIfNull(content);
        var request = With(apiKey, query);
        request.ContentType = contentType;
        request.ContentLength = content.Length;
        request.Body = new MemoryStream(content);
        return request;
    }

    /// <summary>A request carrying <paramref name="token"/> as its bearer token.</summary>
    public static HttpRequest WithBearer(string token)
    {
        var request = new DefaultHttpContext().Request;
        request.Headers.Authorization = "Bearer " + token;
        return request;
    }
}

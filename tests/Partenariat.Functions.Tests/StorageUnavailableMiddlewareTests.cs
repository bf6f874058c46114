using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Testing;
using Partenariat.Workflow.Http;

namespace Partenariat.Functions.Tests;

/// <summary>The middleware on invocations as the worker gives them (<see cref="TestFunctionContext"/>).</summary>
public sealed class StorageUnavailableMiddlewareTests
{
    private static readonly Exception Refused = new Azure.RequestFailedException("Connection refused (127.0.0.1:10002)\nRetry failed after 4 tries.", new HttpRequestException("Connection refused"));

    private readonly FakeLogger<StorageUnavailableMiddleware> _logger = new();

    [Fact]
    public async Task Invoke_HttpFunctionStorageUnreachable_Answers503ProblemWithRetryAfter()
    {
        var context = TestFunctionContext.Http(HttpMethods.Post, "/api/requests");

        await Middleware().Invoke(context, _ => throw Refused);

        var response = context.GetHttpContext()!.Response;
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, response.StatusCode);
        Assert.Equal(StorageUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        response.Body.Position = 0;
        var problem = await System.Text.Json.JsonSerializer.DeserializeAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(response.Body, System.Text.Json.JsonSerializerOptions.Web);
        Assert.Equal(("urn:partenariat:problems:storage-unavailable", 503), (problem?.Type, problem?.Status));
        Assert.Contains("Send it again", problem?.Detail, StringComparison.Ordinal);
        var logged = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal((Microsoft.Extensions.Logging.LogLevel.Warning, 202), (logged.Level, logged.Id.Id));
        Assert.Equal("POST /api/requests answered 503: storage did not answer (Connection refused (127.0.0.1:10002)).", logged.Message);
    }

    [Fact]
    public async Task Invoke_NonHttpFunctionStorageUnreachable_Throws()
    {
        // A queue, timer, orchestration or activity trigger: the runtime retries it.
        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => Middleware().Invoke(TestFunctionContext.WithoutHttp(), _ => throw Refused));

        Assert.Same(Refused, thrown);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task Invoke_HttpFunctionOtherFault_Throws()
    {
        var context = TestFunctionContext.Http(HttpMethods.Post, "/api/requests");
        var fault = new Azure.RequestFailedException(500, "Internal error.");

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => Middleware().Invoke(context, _ => throw fault));

        Assert.Same(fault, thrown);
        Assert.Equal(0, context.GetHttpContext()!.Response.Body.Length);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task Invoke_HttpFunctionResponseAlreadyStarted_Throws()
    {
        // Too late for another status: the invocation fails as it would without the middleware.
        var context = TestFunctionContext.Http(HttpMethods.Post, "/api/requests");
        context.GetHttpContext()!.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>(new StartedResponse());

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => Middleware().Invoke(context, _ => throw Refused));

        Assert.Same(Refused, thrown);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task Invoke_HttpFunctionAnswers_LeavesItsAnswer()
    {
        var context = TestFunctionContext.Http(HttpMethods.Get, "/api/requests");

        await Middleware().Invoke(context, c => Results.Accepted().ExecuteAsync(c.GetHttpContext()!));

        Assert.Equal(StatusCodes.Status202Accepted, context.GetHttpContext()!.Response.StatusCode);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    private StorageUnavailableMiddleware Middleware() => new(_logger);

    private sealed class StartedResponse : Microsoft.AspNetCore.Http.Features.HttpResponseFeature
    {
        public override bool HasStarted => true;
    }
}

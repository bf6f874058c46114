using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Partenariat.Functions.Tests;

/// <summary>
/// An invocation's context as the worker gives it to middleware, with its items: for an
/// HTTP-triggered function, the request's HttpContext where the ASP.NET Core integration keeps it
/// (what middleware writes there is what the integration sends); for any other trigger, none.
/// </summary>
internal sealed class TestFunctionContext : FunctionContext
{
    // Where the ASP.NET Core integration keeps the request's HttpContext (read by GetHttpContext).
    private const string HttpContextKey = "HttpRequestContext";

    private TestFunctionContext(HttpContext? http)
    {
        if (http is not null)
        {
            Items[HttpContextKey] = http;
        }
    }

    public override string InvocationId => "invocation-1";

    public override string FunctionId => "function-1";

    public override TraceContext TraceContext => throw new NotSupportedException();

    public override BindingContext BindingContext => throw new NotSupportedException();

    public override RetryContext RetryContext => throw new NotSupportedException();

    public override IServiceProvider InstanceServices { get; set; } = new ServiceCollection().BuildServiceProvider();

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features { get; } = new InvocationFeatures();

    /// <summary>An HTTP-triggered function's invocation for <paramref name="method"/> <paramref name="path"/>, its response body readable.</summary>
    public static TestFunctionContext Http(string method, string path)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Request.Method = method;
        http.Request.Path = path;
        http.Response.Body = new MemoryStream();
        return new TestFunctionContext(http);
    }

    /// <summary>A queue, timer, orchestration or activity trigger's invocation: no HttpContext.</summary>
    public static TestFunctionContext WithoutHttp() => new(null);

    private sealed class InvocationFeatures : IInvocationFeatures
    {
        private readonly Dictionary<Type, object> _features = [];

        public T? Get<T>() => _features.TryGetValue(typeof(T), out var feature) ? (T)feature : default;

        public void Set<T>(T instance) => _features[typeof(T)] = instance!;

        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => _features.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Partenariat.Functions;
using Partenariat.Workflow;
using Partenariat.Workflow.Health;
using Partenariat.Workflow.Storage;
using Partenariat.Workflow.Telemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// After the ASP.NET Core integration: it runs inside that middleware, which gives it the request's HttpContext and sends what it writes.
builder.UseMiddleware<StorageUnavailableMiddleware>();
builder.Services.AddPartenariatTelemetry(builder.Configuration);
builder.Services.AddPartenariatStorage();
builder.Services.AddWorkflowServices();
builder.Services.AddHealthChecks().AddStorageChecks();
builder.Build().Run();

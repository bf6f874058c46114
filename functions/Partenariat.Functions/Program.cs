using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Partenariat.Workflow;
using Partenariat.Workflow.Health;
using Partenariat.Workflow.Storage;
using Partenariat.Workflow.Telemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddPartenariatTelemetry(builder.Configuration);
builder.Services.AddPartenariatStorage();
builder.Services.AddWorkflowServices();
builder.Services.AddHealthChecks().AddStorageChecks();
builder.Build().Run();

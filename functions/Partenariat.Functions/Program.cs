using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Partenariat.Workflow;
using Partenariat.Workflow.Health;
using Partenariat.Workflow.Storage;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddPartenariatStorage();
builder.Services.AddWorkflowServices();
builder.Services.AddHealthChecks().AddStorageChecks();
builder.Build().Run();

using Partenariat.SelfContainedHost.Startup;

var builder = WebApplication.CreateBuilder(args);
builder.AddPartenariatHost();

var app = builder.Build();
app.MapPartenariatHost();
app.Run();

/// <summary>The self-contained host's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;

using System.Text.Json;
using Partenariat.Testing;

namespace Partenariat.Infrastructure.Tests.Bicep;

/// <summary>
/// infra/ compiled once for all the template tests: a copy of it (with the root host.json that
/// main.bicep reads) in a temporary folder, so that nothing is written into the repository; there
/// <c>bicep build</c> and <c>bicep lint</c> of main.bicep, and for each parameter file
/// <c>bicep lint</c>, <c>bicep build-params</c> and <c>bicep snapshot</c> (the deployment it
/// predicts, for a fixed subscription, tenant, resource group and region).
/// </summary>
public sealed class CompiledInfrastructure : IAsyncLifetime
{
    public const string SubscriptionId = "11111111-2222-3333-4444-555555555555";
    public const string TenantId = "66666666-7777-8888-9999-000000000000";
    public const string Location = "francecentral";

    private readonly Dictionary<string, EnvironmentBuild> _environments = new(StringComparer.Ordinal);
    private DirectoryInfo? _workspace;

    /// <summary>The infra/ folder of the repository.</summary>
    public static string InfraDirectory => Path.Combine(RepositoryPaths.Root, "infra");

    /// <summary>The environments: one per parameter file infra/main.&lt;environment&gt;.bicepparam.</summary>
    public static IReadOnlyList<string> EnvironmentNames =>
        [.. Directory.GetFiles(InfraDirectory, "main.*.bicepparam")
            .Select(f => Path.GetFileName(f)["main.".Length..^".bicepparam".Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>The environments, as theory data.</summary>
    public static TheoryData<string> Environments => [.. EnvironmentNames];

    /// <summary><c>bicep build main.bicep</c>.</summary>
    public CommandResult Build { get; private set; } = null!;

    /// <summary><c>bicep lint main.bicep</c>.</summary>
    public CommandResult Lint { get; private set; } = null!;

    /// <summary><c>bicep lint --pattern **/*.bicep</c>: every module, including one main.bicep would not use.</summary>
    public CommandResult LintAll { get; private set; } = null!;

    /// <summary>The ARM JSON template compiled from main.bicep, modules included.</summary>
    public JsonElement Template { get; private set; }

    /// <summary>The same, as text.</summary>
    public string TemplateText { get; private set; } = string.Empty;

    /// <summary>
    /// The environment name of a parameter file written for the tests only: the template's defaults,
    /// with <see cref="OpenedRanges"/> as allowedPublicIpRanges (what an operator passes to debug)
    /// and <see cref="OpenedAlertEmail"/> as alertEmail.
    /// </summary>
    public const string Opened = "opened";

    /// <summary>The public addresses the <see cref="Opened"/> deployment lets in.</summary>
    public static IReadOnlyList<string> OpenedRanges { get; } = ["203.0.113.7/32", "198.51.100.0/28"];

    /// <summary>The address the <see cref="Opened"/> deployment mails its alerts to.</summary>
    public const string OpenedAlertEmail = "operators@example.org";

    /// <summary>What was built for one environment (or for <see cref="Opened"/>).</summary>
    public EnvironmentBuild For(string environment) =>
        _environments.TryGetValue(environment, out var build)
            ? build
            : throw new ArgumentException($"No parameter file for '{environment}'.", nameof(environment));

    public async Task InitializeAsync()
    {
        _workspace = Directory.CreateTempSubdirectory("partenariat-infra-");
        var infra = Path.Combine(_workspace.FullName, "infra");
        CopyTemplates(InfraDirectory, infra);
        File.Copy(Path.Combine(RepositoryPaths.Root, "host.json"), Path.Combine(_workspace.FullName, "host.json"));
        var output = Directory.CreateDirectory(Path.Combine(_workspace.FullName, "out")).FullName;

        var templatePath = Path.Combine(output, "main.json");
        Build = await BicepCli.RunAsync(infra, "build", "main.bicep", "--outfile", templatePath);
        Lint = await BicepCli.RunAsync(infra, "lint", "main.bicep");
        LintAll = await BicepCli.RunAsync(infra, "lint", "--pattern", "**/*.bicep");
        if (Build.ExitCode == 0)
        {
            TemplateText = await File.ReadAllTextAsync(templatePath);
            Template = Json.ParseFile(templatePath);
        }

        await File.WriteAllTextAsync(
            Path.Combine(infra, $"main.{Opened}.bicepparam"),
            $"using 'main.bicep'\n\nparam environmentName = 'dbg'\nparam allowedPublicIpRanges = [{string.Join(", ", OpenedRanges.Select(r => $"'{r}'"))}]\nparam alertEmail = '{OpenedAlertEmail}'\n");
        foreach (var environment in EnvironmentNames.Append(Opened))
        {
            var parameterFile = $"main.{environment}.bicepparam";
            var parametersPath = Path.Combine(output, $"main.{environment}.parameters.json");
            var lint = await BicepCli.RunAsync(infra, "lint", parameterFile);
            var buildParams = await BicepCli.RunAsync(infra, "build-params", parameterFile, "--outfile", parametersPath);
            var snapshot = await BicepCli.RunAsync(
                infra, "snapshot", parameterFile,
                "--subscription-id", SubscriptionId,
                "--tenant-id", TenantId,
                "--resource-group", ResourceGroupOf(environment),
                "--location", Location,
                "--deployment-name", "main");
            var snapshotPath = Path.Combine(infra, $"main.{environment}.snapshot.json");
            _environments[environment] = new EnvironmentBuild(
                environment,
                lint,
                buildParams,
                snapshot,
                buildParams.ExitCode == 0 ? Json.ParseFile(parametersPath).At("parameters") : default,
                snapshot.ExitCode == 0 ? new PredictedDeployment(Json.ParseFile(snapshotPath)) : null,
                snapshot.ExitCode == 0 ? await File.ReadAllTextAsync(snapshotPath) : string.Empty);
        }
    }

    public Task DisposeAsync()
    {
        _workspace?.Delete(recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The resource group each environment's snapshot is taken for.</summary>
    public static string ResourceGroupOf(string environment) => $"rg-partenariat-{environment}";

    private static void CopyTemplates(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from).Where(f => Path.GetExtension(f) is ".bicep" or ".bicepparam" || Path.GetFileName(f) == "bicepconfig.json"))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(from))
        {
            CopyTemplates(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}

/// <summary>What was built for one environment's parameter file.</summary>
public sealed class EnvironmentBuild
{
    internal EnvironmentBuild(string name, CommandResult lint, CommandResult buildParams, CommandResult snapshot, JsonElement parameters, PredictedDeployment? deployment, string deploymentText)
    {
        Name = name;
        Lint = lint;
        BuildParams = buildParams;
        SnapshotCommand = snapshot;
        Parameters = parameters;
        _deployment = deployment;
        DeploymentText = deploymentText;
    }

    private readonly PredictedDeployment? _deployment;

    /// <summary>The environment's name (dev, prod...).</summary>
    public string Name { get; }

    internal CommandResult Lint { get; }

    internal CommandResult BuildParams { get; }

    internal CommandResult SnapshotCommand { get; }

    /// <summary>The parameter file's values, as ARM parameters (<c>name: { value }</c>).</summary>
    public JsonElement Parameters { get; }

    /// <summary>The snapshot as text.</summary>
    public string DeploymentText { get; }

    /// <summary>The predicted deployment; fails the test when the snapshot could not be taken.</summary>
    internal PredictedDeployment Deployment => _deployment
        ?? throw new Xunit.Sdk.XunitException($"bicep snapshot failed for '{Name}':{Environment.NewLine}{SnapshotCommand.Transcript}");

    /// <summary>A parameter's value from the file, or null when the file leaves it to its default.</summary>
    public JsonElement? Parameter(string name) =>
        Parameters.ValueKind == JsonValueKind.Object && Parameters.TryAt($"{name}.value", out var value) ? value : null;
}

/// <summary>The template tests share one compilation of infra/.</summary>
[CollectionDefinition(Name)]
public sealed class BicepCollection : ICollectionFixture<CompiledInfrastructure>
{
    public const string Name = "Bicep";
}

using System.Text.Json;

namespace Partenariat.Infrastructure.Tests.Bicep;

/// <summary>
/// A deployment as <c>bicep snapshot</c> predicts it for one parameter file: every resource,
/// modules flattened and loops expanded, with parameters, names and resource ids resolved (values
/// known only once deployed, such as an identity's client id, stay as <c>[reference(...)]</c>
/// expressions).
/// </summary>
internal sealed class PredictedDeployment
{
    public PredictedDeployment(JsonElement snapshot)
    {
        Snapshot = snapshot;
        Resources = [.. snapshot.At("predictedResources").EnumerateArray()];
        Outputs = snapshot.At("outputs");
        Diagnostics = [.. snapshot.At("diagnostics").EnumerateArray().Select(d => d.GetRawText())];
    }

    /// <summary>The whole snapshot.</summary>
    public JsonElement Snapshot { get; }

    /// <summary>Every resource the deployment would create or update.</summary>
    public IReadOnlyList<JsonElement> Resources { get; }

    /// <summary>The template's outputs, resolved where they can be.</summary>
    public JsonElement Outputs { get; }

    /// <summary>What the snapshot reported.</summary>
    public IReadOnlyList<string> Diagnostics { get; }

    /// <summary>The resources of one type, e.g. <c>Microsoft.Web/sites</c>.</summary>
    public IReadOnlyList<JsonElement> OfType(string type) =>
        [.. Resources.Where(r => string.Equals(r.StringAt("type"), type, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The one resource of a type; fails when there is none or more than one.</summary>
    public JsonElement Single(string type)
    {
        var found = OfType(type);
        return found.Count == 1
            ? found[0]
            : throw new Xunit.Sdk.XunitException($"Expected one {type}, found {found.Count}: {string.Join(", ", found.Select(r => r.StringAt("name")))}");
    }

    /// <summary>The resource of a type with that name; fails when there is none.</summary>
    public JsonElement Named(string type, string name) =>
        OfType(type).SingleOrDefault(r => string.Equals(PublicCloud.Resolve(r.StringAt("name")), name, StringComparison.OrdinalIgnoreCase)) is { ValueKind: JsonValueKind.Object } found
            ? found
            : throw new Xunit.Sdk.XunitException($"No {type} named {name}; there are: {string.Join(", ", OfType(type).Select(r => r.StringAt("name")))}");

    /// <summary>The storage account of the app's data (output storageAccountName).</summary>
    public JsonElement DataAccount => Named(ResourceTypes.StorageAccount, Outputs.StringAt("storageAccountName"));

    /// <summary>The storage account of the deployed package (output deploymentStorageAccountName).</summary>
    public JsonElement PackageAccount => Named(ResourceTypes.StorageAccount, Outputs.StringAt("deploymentStorageAccountName"));

    /// <summary>The identity the app runs as: the one whose client id the template outputs (identityClientId).</summary>
    public JsonElement AppIdentity
    {
        get
        {
            var clientId = Outputs.StringAt("identityClientId");
            var identity = OfType(ResourceTypes.Identity).Where(i => IsReference(clientId, i.StringAt("id"), "clientId")).ToList();
            return identity.Count == 1 ? identity[0] : throw new Xunit.Sdk.XunitException($"The output identityClientId names no single identity: {clientId}");
        }
    }

    /// <summary>The identity the platform handles the deployed package with: the app's identity's name followed by -deploy.</summary>
    public JsonElement DeploymentIdentity => Named(ResourceTypes.Identity, AppIdentity.StringAt("name") + "-deploy");

    /// <summary>The resource id of the extension resource's scope (a role assignment's, a diagnostic setting's), in the public cloud.</summary>
    public static string ScopeOf(JsonElement extension)
    {
        var id = PublicCloud.Resolve(extension.StringAt("id"));
        var marker = id.LastIndexOf("/providers/", StringComparison.OrdinalIgnoreCase);
        return marker > 0 ? id[..marker] : throw new Xunit.Sdk.XunitException($"Not an extension resource: {id}");
    }

    /// <summary>Whether <paramref name="scope"/> is <paramref name="resourceId"/> or one of the resources that contain it.</summary>
    public static bool Covers(string scope, string resourceId) =>
        string.Equals(scope, resourceId, StringComparison.OrdinalIgnoreCase)
        || resourceId.StartsWith(scope + "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The last segment of a resource's name (a queue's own name rather than account/default/queue).</summary>
    public static string ShortName(JsonElement resource) => resource.StringAt("name").Split('/')[^1];

    /// <summary>
    /// Whether <paramref name="value"/> is the expression reading <paramref name="property"/> of the
    /// deployed resource <paramref name="resourceId"/>, e.g. an identity's client id.
    /// </summary>
    public static bool IsReference(string value, string resourceId, string property)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(resourceId);
        var prefix = $"[reference('{resourceId}', '";
        var suffix = $"').{property}]";
        return value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && value.EndsWith(suffix, StringComparison.Ordinal)
            && !value[prefix.Length..^suffix.Length].Contains('\'', StringComparison.Ordinal);
    }

    /// <summary>The Function App's settings, name to value.</summary>
    public IReadOnlyDictionary<string, string> AppSettings
    {
        get
        {
            var settings = Single(ResourceTypes.Site).At("properties.siteConfig.appSettings").EnumerateArray()
                .Select(s => (Name: s.StringAt("name"), Value: s.StringAt("value")))
                .ToList();
            var duplicates = settings.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            return duplicates.Count == 0
                ? settings.ToDictionary(s => s.Name, s => s.Value, StringComparer.OrdinalIgnoreCase)
                : throw new Xunit.Sdk.XunitException($"App settings set twice (names are case-insensitive): {string.Join(", ", duplicates)}");
        }
    }
}

/// <summary>The resource types the tests look at.</summary>
internal static class ResourceTypes
{
    public const string Identity = "Microsoft.ManagedIdentity/userAssignedIdentities";
    public const string VirtualNetwork = "Microsoft.Network/virtualNetworks";
    public const string NetworkSecurityGroup = "Microsoft.Network/networkSecurityGroups";
    public const string PrivateEndpoint = "Microsoft.Network/privateEndpoints";
    public const string PrivateDnsZoneGroup = "Microsoft.Network/privateEndpoints/privateDnsZoneGroups";
    public const string PrivateDnsZone = "Microsoft.Network/privateDnsZones";
    public const string PrivateDnsZoneLink = "Microsoft.Network/privateDnsZones/virtualNetworkLinks";
    public const string DiagnosticSetting = "Microsoft.Insights/diagnosticSettings";
    public const string StorageAccount = "Microsoft.Storage/storageAccounts";
    public const string Queue = "Microsoft.Storage/storageAccounts/queueServices/queues";
    public const string Container = "Microsoft.Storage/storageAccounts/blobServices/containers";
    public const string BlobService = "Microsoft.Storage/storageAccounts/blobServices";
    public const string Table = "Microsoft.Storage/storageAccounts/tableServices/tables";
    public const string KeyVault = "Microsoft.KeyVault/vaults";
    public const string Workspace = "Microsoft.OperationalInsights/workspaces";
    public const string ApplicationInsights = "Microsoft.Insights/components";
    public const string Plan = "Microsoft.Web/serverfarms";
    public const string Site = "Microsoft.Web/sites";
    public const string PublishingCredentialsPolicy = "Microsoft.Web/sites/basicPublishingCredentialsPolicies";
    public const string RoleAssignment = "Microsoft.Authorization/roleAssignments";
    public const string ScheduledQueryRule = "Microsoft.Insights/scheduledQueryRules";
    public const string ActionGroup = "Microsoft.Insights/actionGroups";
}

using System.Text.Json;
using Partenariat.Infrastructure.Tests.Bicep;

namespace Partenariat.Infrastructure.Tests.Templates;

/// <summary>
/// The landlords' and operators' API keys come from Key Vault references resolved with the app's
/// identity, never from plain settings; the vault is RBAC-only with soft delete; JWT settings are
/// plain (an issuer and an audience are not secrets) and present only where configured.
/// </summary>
[Collection(BicepCollection.Name)]
public sealed class KeyVaultSecretTests(CompiledInfrastructure infrastructure)
{
    /// <summary>Names of settings that hold a secret: their values must be Key Vault references.</summary>
    private static readonly string[] SecretNameParts = ["ApiKey", "Secret", "Password", "Token", "PrivateKey"];

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void AppSettings_OperatorApiKey_IsAKeyVaultReference(string environment)
    {
        var vault = VaultName(environment);
        Assert.Equal(
            $"@Microsoft.KeyVault(VaultName={vault};SecretName=operator-api-key)",
            Deployment(environment).AppSettings["Authentication__OperatorApiKey"]);
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void AppSettings_LandlordApiKeys_AreOneKeyVaultReferencePerConfiguredSiren(string environment)
    {
        var vault = VaultName(environment);
        var sirens = infrastructure.For(environment).Parameter("landlordSirens") is { } value
            ? value.EnumerateArray().Select(s => s.GetString()!).ToList()
            : [];
        var expected = sirens.ToDictionary(
            s => $"Authentication__ApiKeys__{s}",
            s => $"@Microsoft.KeyVault(VaultName={vault};SecretName=landlord-api-key-{s})");
        var actual = Deployment(environment).AppSettings
            .Where(s => s.Key.StartsWith("Authentication__ApiKeys__", StringComparison.Ordinal))
            .ToDictionary(s => s.Key, s => s.Value);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void AppSettings_SmtpServer_ComesFromKeyVaultAndThePagesFromTheApp(string environment)
    {
        var vault = VaultName(environment);
        var settings = Deployment(environment).AppSettings;
        Assert.Equal($"@Microsoft.KeyVault(VaultName={vault};SecretName=smtp-host)", settings["Partenariat__Mail__Host"]);
        Assert.Equal($"@Microsoft.KeyVault(VaultName={vault};SecretName=smtp-username)", settings["Partenariat__Mail__UserName"]);
        Assert.Equal($"@Microsoft.KeyVault(VaultName={vault};SecretName=smtp-password)", settings["Partenariat__Mail__Password"]);
        Assert.EndsWith(".azurewebsites.net/api/pages/", settings["Partenariat__Mail__PagesUrl"], StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettings_DevLandlordApiKeys_ArePresent()
    {
        // dev configures API-key landlords: the loop that makes their settings is exercised.
        Assert.Contains(Deployment("dev").AppSettings.Keys, k => k.StartsWith("Authentication__ApiKeys__", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void AppSettings_EverySecretSetting_IsAKeyVaultReferenceToTheAppsVault(string environment)
    {
        var vault = VaultName(environment);
        var secrets = Deployment(environment).AppSettings
            .Where(s => SecretNameParts.Any(p => s.Key.Contains(p, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        Assert.NotEmpty(secrets);
        Assert.All(secrets, s => Assert.StartsWith($"@Microsoft.KeyVault(VaultName={vault};SecretName=", s.Value, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void Outputs_KeyVaultSecretNames_AreEverySecretTheSettingsReferTo(string environment)
    {
        var referred = Deployment(environment).AppSettings.Values
            .Where(v => v.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal))
            .Select(v => v.Split("SecretName=")[1].TrimEnd(')'))
            .Order(StringComparer.Ordinal);
        var listed = Deployment(environment).Outputs.At("keyVaultSecretNames").EnumerateArray()
            .Select(s => s.GetString()!)
            .Order(StringComparer.Ordinal);
        Assert.Equal(referred, listed);
    }

    [Theory]
    [MemberData(nameof(CompiledInfrastructure.Environments), MemberType = typeof(CompiledInfrastructure))]
    public void KeyVault_Access_IsRbacOnlyWithSoftDelete(string environment)
    {
        var vault = Deployment(environment).Single(ResourceTypes.KeyVault);
        Assert.True(vault.At("properties.enableRbacAuthorization").GetBoolean());
        Assert.True(vault.At("properties.enableSoftDelete").GetBoolean());
        Assert.False(vault.TryAt("properties.accessPolicies", out _));
        Assert.Equal(CompiledInfrastructure.TenantId, vault.StringAt("properties.tenantId"));
        Assert.False(vault.At("properties.enabledForTemplateDeployment").GetBoolean());
    }

    [Fact]
    public void KeyVault_Production_HasPurgeProtection()
    {
        var vault = Deployment("prod").Single(ResourceTypes.KeyVault);
        Assert.True(vault.At("properties.enablePurgeProtection").GetBoolean());
    }

    [Fact]
    public void KeyVault_Dev_LeavesPurgeProtectionOut()
    {
        // Key Vault rejects an explicit false: off means the property is absent.
        var vault = Deployment("dev").Single(ResourceTypes.KeyVault);
        Assert.False(vault.TryAt("properties.enablePurgeProtection", out var value) && value.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public void AppSettings_ProductionJwt_AreTheAudienceAndTheTenantsIssuer()
    {
        var settings = Deployment("prod").AppSettings;
        Assert.Equal(infrastructure.For("prod").Parameter("jwtAudience")?.GetString(), settings["Authentication__Jwt__Audience"]);
        Assert.Equal(
            $"[format('{{0}}{{1}}/v2.0', environment().authentication.loginEndpoint, '{CompiledInfrastructure.TenantId}')]",
            settings["Authentication__Jwt__Authority"]);
    }

    [Fact]
    public void AppSettings_DevWithoutAudience_HaveNoJwtSettings()
    {
        Assert.Equal(string.Empty, infrastructure.For("dev").Parameter("jwtAudience")?.GetString());
        Assert.DoesNotContain(Deployment("dev").AppSettings.Keys, k => k.StartsWith("Authentication__Jwt__", StringComparison.Ordinal));
    }

    private PredictedDeployment Deployment(string environment) => infrastructure.For(environment).Deployment;

    private string VaultName(string environment) => Deployment(environment).Single(ResourceTypes.KeyVault).StringAt("name");
}

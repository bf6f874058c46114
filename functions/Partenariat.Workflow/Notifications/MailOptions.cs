using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace Partenariat.Workflow.Notifications;

/// <summary>
/// The mail settings (section <c>Partenariat:Mail</c>): the SMTP server that carries the
/// notifications, and who gets them. Without <see cref="Host"/> no mail is sent (each event is
/// still recorded once, as not sent). In Azure the values come from Key Vault references.
/// </summary>
public sealed class MailOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Partenariat:Mail";

    /// <summary>The SMTP server's host name; empty: mail is off.</summary>
    public string? Host { get; set; }

    /// <summary>Its port (587 for submission with STARTTLS, 25, or a local sink's).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>How the connection is secured: <c>None</c>, <c>StartTls</c> (default) or <c>SslOnConnect</c>.</summary>
    public string Security { get; set; } = "StartTls";

    /// <summary>The account, when the server asks for one.</summary>
    public string? UserName { get; set; }

    /// <summary>Its password.</summary>
    public string? Password { get; set; }

    /// <summary>The sender's address.</summary>
    public string From { get; set; } = "partenariat@localhost";

    /// <summary>The sender's display name.</summary>
    public string FromName { get; set; } = "Partenariat – Action Logement";

    /// <summary>The reviewers' address(es), comma-separated: told of each request that awaits a decision.</summary>
    public string? Reviewers { get; set; }

    /// <summary>Each landlord's address, by SIREN (<c>Partenariat:Mail:Landlords:&lt;SIREN&gt;</c>).</summary>
    public Dictionary<string, string> Landlords { get; set; } = [];

    /// <summary>Where the mails link to: the pages' address (e.g. <c>https://app.example/api/pages/</c>); empty: no link.</summary>
    public string? PagesUrl { get; set; }

    /// <summary>
    /// Whether mail is sent at all: a host is set, and is not a Key Vault reference the platform
    /// left unresolved (<c>@Microsoft.KeyVault(...)</c>, the secret not set yet).
    /// </summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(Host) && !Host.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsEnabled)
        {
            yield break;
        }

        if (Security is not ("None" or "StartTls" or "SslOnConnect"))
        {
            yield return new ValidationResult($"{SectionName}:Security must be None, StartTls or SslOnConnect, not '{Security}'.", [nameof(Security)]);
        }

        foreach (var (name, value) in new[] { (nameof(From), From) }
            .Concat((Reviewers ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(a => (nameof(Reviewers), a)))
            .Concat(Landlords.Select(l => ($"{nameof(Landlords)}:{l.Key}", l.Value))))
        {
            if (!MailAddress.TryCreate(value, out _))
            {
                yield return new ValidationResult($"{SectionName}:{name} is not an e-mail address: '{value}'.", [name]);
            }
        }

        if (PagesUrl is { Length: > 0 } && !Uri.TryCreate(PagesUrl, UriKind.Absolute, out _))
        {
            yield return new ValidationResult($"{SectionName}:PagesUrl must be an absolute URL, not '{PagesUrl}'.", [nameof(PagesUrl)]);
        }
    }
}

using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Partenariat.Workflow.Notifications;

/// <summary>Sends a mail through the configured SMTP server (MailKit), one connection per mail.</summary>
public sealed class Mailer(IOptions<MailOptions> options)
{
    /// <summary>Whether mail is on.</summary>
    public bool IsEnabled => options.Value.IsEnabled;

    /// <summary>
    /// Sends <paramref name="draft"/> with the Message-ID <paramref name="messageId"/>: the same
    /// event always carries the same id, so a mail sent again after a crash is one that mail
    /// clients and servers can tell as the same.
    /// </summary>
    public async Task SendAsync(MailMessageDraft draft, string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var settings = options.Value;
        var message = new MimeMessage { MessageId = messageId, Subject = draft.Subject };
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        message.To.AddRange(draft.To.Select(MailboxAddress.Parse));
        message.Body = new TextPart("plain") { Text = draft.Body };
        message.Headers.Add("Auto-Submitted", "auto-generated");

        using var client = new SmtpClient();
        var security = settings.Security switch
        {
            "None" => SecureSocketOptions.None,
            "SslOnConnect" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(settings.Host ?? throw new InvalidOperationException($"{MailOptions.SectionName}:Host is not set: mail is off."), settings.Port, security, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }
}

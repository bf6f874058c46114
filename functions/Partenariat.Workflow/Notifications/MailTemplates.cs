using System.Globalization;
using System.Text;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Notifications;

/// <summary>A mail to send: to whom, its subject and its text.</summary>
/// <param name="To">The recipients.</param>
/// <param name="Subject">The subject.</param>
/// <param name="Body">The plain-text body.</param>
public sealed record MailMessageDraft(IReadOnlyList<string> To, string Subject, string Body);

/// <summary>The notifications' mails, in French: one template per kind of event.</summary>
public static class MailTemplates
{
    // The hosts run with invariant globalization (no ICU): French months and number separators are written here.
    private static readonly string[] Months =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    /// <summary>The mail for <paramref name="notification"/> on <paramref name="view"/>, or null when nobody is to be told (no address configured).</summary>
    public static MailMessageDraft? Compose(Notification notification, FinancingRequestView view, MailOptions options)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(options);
        var operation = view.Request.Operation?.Name ?? view.RequestId;
        var landlord = view.Request.Landlord?.Name ?? view.LandlordId;
        var forReviewers = notification.Kind == NotificationKind.ReviewNeeded;
        IReadOnlyList<string> to = forReviewers
            ? (options.Reviewers ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : options.Landlords.TryGetValue(view.LandlordId, out var address) ? [address] : [];
        if (to.Count == 0)
        {
            return null;
        }

        var (subject, lines) = notification.Kind switch
        {
            NotificationKind.ReviewNeeded => (
                $"Demande à décider : {operation}",
                new[]
                {
                    $"La demande « {operation} » de {landlord} attend la décision du comité.",
                    $"Montant demandé : {Money(view.Request.RequestedTotal)}.",
                    $"Commune : {view.Request.Operation?.Municipality ?? "non précisée"}.",
                    Findings(notification.Details),
                }),
            NotificationKind.InformationRequested => (
                $"Le comité vous demande des informations : {operation}",
                new[]
                {
                    $"Le comité d’engagement demande des informations sur votre demande « {operation} » :",
                    $"« {notification.Details} »",
                    view.InformationRequest is { } open ? $"Répondez avant le {Date(DateOnly.FromDateTime(open.DueAt.UtcDateTime))} à {open.DueAt.UtcDateTime:HH:mm} (UTC) ; sans réponse, la demande sera classée sans suite." : string.Empty,
                }),
            NotificationKind.Approved => (
                $"Demande accordée : {operation}",
                new[]
                {
                    view.Decision is { IsReducedApproval: true } reduced
                        ? $"Le comité a accordé votre demande « {operation} » pour un montant réduit de {Money(reduced.ApprovedAmount)} (sur {Money(reduced.RequestedAmount)} demandés)."
                        : $"Le comité a accordé votre demande « {operation} » pour {Money(view.Decision?.ApprovedAmount ?? view.Request.RequestedTotal)}.",
                    view.Decision is { Conditions.Count: > 0 } conditional ? "Conditions : " + string.Join(" ; ", conditional.Conditions) + "." : string.Empty,
                    "Les versements suivent vos jalons : déclarez le démarrage des travaux avec l’ordre de service pour la première tranche.",
                }),
            NotificationKind.Rejected => (
                $"Demande refusée : {operation}",
                new[]
                {
                    $"Le comité n’a pas retenu votre demande « {operation} ».",
                    $"Motif : {view.Decision?.Reason ?? notification.Details}",
                }),
            NotificationKind.TranchePaid => (
                $"Tranche versée : {operation}",
                new[]
                {
                    $"Une tranche de votre financement « {operation} » est versée.",
                    string.Join(" ", view.Tranches.Where(t => t.PaidOn is not null).Select(t => $"Tranche {t.Number} : {Money(t.Paid)} versés le {Date(t.PaidOn!.Value)}.")),
                }),
            NotificationKind.LapseAhead => (
                $"Fin de période proche : {operation}",
                new[]
                {
                    $"La période de la convention se termine bientôt et votre demande « {operation} » n’est pas encore engagée ({Status(view.Status)}).",
                    "Sans engagement avant la fin de la période, la demande expirera : les crédits non engagés ne sont pas redéployés.",
                    view.InformationRequest is { Answer: null } open ? $"Une question du comité attend votre réponse : « {open.Question} »." : string.Empty,
                }),
            _ => throw new ArgumentOutOfRangeException(nameof(notification), notification.Kind, "No template."),
        };

        var body = new StringBuilder();
        body.AppendLine("Bonjour,").AppendLine();
        foreach (var line in lines.Where(l => l.Length > 0))
        {
            body.AppendLine(line);
        }

        body.AppendLine().AppendLine($"Référence de la demande : {view.RequestId}");
        if (options.PagesUrl is { Length: > 0 } pages)
        {
            var page = forReviewers ? "instruction.html" : "bailleur.html";
            body.AppendLine($"Suivre la demande : {pages.TrimEnd('/')}/{page}#demande={Uri.EscapeDataString(view.RequestId)}");
        }

        body.AppendLine().AppendLine("Ce message est envoyé automatiquement par Partenariat (Dijon Métropole – Action Logement) ; merci de ne pas y répondre.");
        return new MailMessageDraft(to, subject, body.ToString());
    }

    /// <summary>An amount as French writes it: 1 234 567,5 €.</summary>
    public static string Money(decimal amount) =>
        amount.ToString("#,##0.##", CultureInfo.InvariantCulture).Replace(',', '\u202f').Replace('.', ',') + "\u00a0€";

    /// <summary>A date as French writes it: 1 décembre 2026.</summary>
    public static string Date(DateOnly date) => $"{date.Day} {Months[date.Month - 1]} {date.Year}";

    private static string Status(Domain.Requests.RequestState status) => status switch
    {
        Domain.Requests.RequestState.Waitlisted => "en liste d’attente",
        Domain.Requests.RequestState.InformationRequested => "informations demandées",
        Domain.Requests.RequestState.PendingCommittee => "en attente du comité",
        _ => "en cours d’instruction",
    };

    private static string Findings(string? details) =>
        string.IsNullOrWhiteSpace(details) ? "Les contrôles n’ont rien relevé." : $"Constats des contrôles : {details}";
}

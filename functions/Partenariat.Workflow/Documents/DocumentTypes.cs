namespace Partenariat.Workflow.Documents;

/// <summary>What a supporting document is (pièce justificative).</summary>
public enum DocumentKind
{
    /// <summary>The operation's financing plan (plan de financement).</summary>
    FinancingPlan,

    /// <summary>The State's approval (agrément / décision de financement de l'État).</summary>
    StateApproval,

    /// <summary>The building permit (permis de construire).</summary>
    BuildingPermit,

    /// <summary>The site plan (plan de situation / de masse).</summary>
    SitePlan,

    /// <summary>The works start order (ordre de service de démarrage des travaux): evidence of works started.</summary>
    WorksStartOrder,

    /// <summary>The completion declaration (déclaration attestant l'achèvement et la conformité des travaux): evidence of completion.</summary>
    CompletionDeclaration,

    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>
/// The document types accepted, each recognised by its own first bytes (its signature), so that a
/// declared <c>Content-Type</c> is believed only when the file agrees.
/// </summary>
public static class DocumentTypes
{
    /// <summary>PDF.</summary>
    public const string Pdf = "application/pdf";

    /// <summary>PNG.</summary>
    public const string Png = "image/png";

    /// <summary>JPEG.</summary>
    public const string Jpeg = "image/jpeg";

    /// <summary>How many first bytes <see cref="Sniff"/> needs at most.</summary>
    public const int SignatureLength = 8;

    private static readonly (string ContentType, byte[] Signature, string Description)[] Signatures =
    [
        (Pdf, "%PDF-"u8.ToArray(), "'%PDF-'"),
        (Png, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "the PNG signature (89 50 4E 47 0D 0A 1A 0A)"),
        (Jpeg, [0xFF, 0xD8, 0xFF], "FF D8 FF"),
    ];

    /// <summary>The accepted content types.</summary>
    public static IReadOnlyList<string> Accepted { get; } = [Pdf, Png, Jpeg];

    /// <summary>
    /// The accepted media type <paramref name="declared"/> names (case and parameters ignored, e.g.
    /// <c>application/PDF; name=x</c>), or null when it names none of them.
    /// </summary>
    public static string? Normalize(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared))
        {
            return null;
        }

        var mediaType = declared.Split(';', 2)[0].Trim();
        return mediaType.Equals("image/jpg", StringComparison.OrdinalIgnoreCase)
            ? Jpeg
            : Accepted.FirstOrDefault(t => t.Equals(mediaType, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The accepted type whose signature <paramref name="head"/> (the file's first bytes) starts with, or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        foreach (var (contentType, signature, _) in Signatures)
        {
            if (head.StartsWith(signature))
            {
                return contentType;
            }
        }

        return null;
    }

    /// <summary>How a file of <paramref name="contentType"/> must begin, for error messages.</summary>
    public static string SignatureOf(string contentType) =>
        Signatures.FirstOrDefault(s => s.ContentType == contentType).Description ?? "its format's signature";

    /// <summary>The file extension of an accepted type.</summary>
    public static string ExtensionOf(string contentType) => contentType switch
    {
        Pdf => ".pdf",
        Png => ".png",
        Jpeg => ".jpg",
        _ => string.Empty,
    };
}

using System.Text;

namespace Partenariat.Domain.Common;

/// <summary>
/// Folds a name into a lookup key that ignores case, French accents, and the difference between
/// spaces, hyphens and apostrophes ("saint apollinaire" and "Saint-Apollinaire" meet).
/// </summary>
internal static class TextKey
{
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSeparator = false;
        foreach (var c in text)
        {
            var lower = char.ToLowerInvariant(c);
            if (lower is ' ' or '-' or '\'' or '\u2019' or '_' or '\t' or '.' or '\u2010' or '\u2011')
            {
                pendingSeparator = builder.Length > 0;
                continue;
            }

            if (pendingSeparator)
            {
                builder.Append(' ');
                pendingSeparator = false;
            }

            builder.Append(FoldLetter(lower));
        }

        return builder.ToString();
    }

    private static string FoldLetter(char c) => c switch
    {
        'à' or 'â' or 'ä' or 'á' or 'À' or 'Â' or 'Ä' or 'Á' => "a",
        'ç' or 'Ç' => "c",
        'é' or 'è' or 'ê' or 'ë' or 'É' or 'È' or 'Ê' or 'Ë' => "e",
        'î' or 'ï' or 'í' or 'Î' or 'Ï' or 'Í' => "i",
        'ô' or 'ö' or 'ó' or 'Ô' or 'Ö' or 'Ó' => "o",
        'ù' or 'û' or 'ü' or 'ú' or 'Ù' or 'Û' or 'Ü' or 'Ú' => "u",
        'ÿ' or 'Ÿ' => "y",
        'œ' or 'Œ' => "oe",
        'æ' or 'Æ' => "ae",
        _ => c.ToString(),
    };
}

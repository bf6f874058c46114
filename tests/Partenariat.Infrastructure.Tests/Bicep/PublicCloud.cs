using System.Text;

namespace Partenariat.Infrastructure.Tests.Bicep;

/// <summary>
/// Evaluates, as Azure's public cloud would, the expressions <c>bicep snapshot</c> leaves in names
/// and ids because they depend on the cloud deployed to: <c>environment().suffixes.*</c> inside
/// <c>format</c>, <c>replace</c> and <c>resourceId</c>. Anything else is reported, not guessed.
/// </summary>
internal static class PublicCloud
{
    private static readonly Dictionary<string, string> Suffixes = new(StringComparer.Ordinal)
    {
        ["environment().suffixes.storage"] = "core.windows.net",
        ["environment().suffixes.keyvaultDns"] = ".vault.azure.net",
    };

    /// <summary>The value itself when it is not an expression (<c>[...]</c>), else its value in the public cloud.</summary>
    public static string Resolve(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.StartsWith('[') || value.StartsWith("[[", StringComparison.Ordinal))
        {
            return value;
        }

        var parser = new Parser(value[1..^1]);
        var result = parser.Expression();
        parser.End();
        return result;
    }

    private sealed class Parser(string text)
    {
        private int _position;

        public string Expression()
        {
            SkipSpaces();
            if (Peek() == '\'')
            {
                return StringLiteral();
            }

            var name = Identifier();
            Expect('(');
            var arguments = new List<string>();
            if (name == "environment")
            {
                Expect(')');
                var path = new StringBuilder("environment()");
                while (Peek() == '.')
                {
                    _position++;
                    path.Append('.').Append(Identifier());
                }

                return Suffixes.TryGetValue(path.ToString(), out var suffix)
                    ? suffix
                    : throw Unsupported(path.ToString());
            }

            SkipSpaces();
            while (Peek() != ')')
            {
                arguments.Add(Expression());
                SkipSpaces();
                if (Peek() == ',')
                {
                    _position++;
                }
            }

            Expect(')');
            return Call(name, arguments);
        }

        public void End()
        {
            SkipSpaces();
            if (_position != text.Length)
            {
                throw Unsupported(text[_position..]);
            }
        }

        private string Call(string name, List<string> arguments) => name switch
        {
            "format" => string.Format(System.Globalization.CultureInfo.InvariantCulture, arguments[0], [.. arguments.Skip(1)]),
            "replace" when arguments.Count == 3 => arguments[0].Replace(arguments[1], arguments[2], StringComparison.Ordinal),
            "resourceId" when arguments.Count == 4 =>
                $"/subscriptions/{arguments[0]}/resourceGroups/{arguments[1]}/providers/{arguments[2]}/{arguments[3]}",
            _ => throw Unsupported($"{name}({string.Join(", ", arguments)})"),
        };

        private string StringLiteral()
        {
            Expect('\'');
            var value = new StringBuilder();
            while (true)
            {
                var c = text[_position++];
                if (c == '\'')
                {
                    if (Peek() != '\'')
                    {
                        return value.ToString();
                    }

                    _position++;
                }

                value.Append(c);
            }
        }

        private string Identifier()
        {
            var start = _position;
            while (_position < text.Length && char.IsLetterOrDigit(text[_position]))
            {
                _position++;
            }

            return start < _position ? text[start.._position] : throw Unsupported(text[start..]);
        }

        private void Expect(char c)
        {
            SkipSpaces();
            if (Peek() != c)
            {
                throw Unsupported(text[_position..]);
            }

            _position++;
        }

        private char Peek() => _position < text.Length ? text[_position] : '\0';

        private void SkipSpaces()
        {
            while (_position < text.Length && text[_position] == ' ')
            {
                _position++;
            }
        }

        private Xunit.Sdk.XunitException Unsupported(string part) =>
            new($"Cannot evaluate '{part}' in [{text}]: only format, replace, resourceId and environment().suffixes.storage/keyvaultDns are known here.");
    }
}

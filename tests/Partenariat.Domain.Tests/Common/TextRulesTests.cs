using Partenariat.Domain.Common;

namespace Partenariat.Domain.Tests.Common;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("Résidence des Lilas")]
    [InlineData("Office public de l'habitat — Dijon 🏠")]
    [InlineData("")]
    [InlineData(null)]
    public void Check_PlainText_HasNoError(string? text) => Assert.Empty(TextRules.Check("name", text, 100));

    [Theory]
    [InlineData("a\u202Eb", 0x202E)]
    [InlineData("a\u2067b", 0x2067)]
    [InlineData("a\u200Fb", 0x200F)]
    [InlineData("a\u0000b", 0x0000)]
    [InlineData("a\u001Bb", 0x001B)]
    [InlineData("a\u0085b", 0x0085)]
    [InlineData("a\u2028b", 0x2028)]
    [InlineData("a\uFEFFb", 0xFEFF)]
    [InlineData("a\tb", 0x0009)]
    public void Check_RefusedCharacter_NamesItAndItsPosition(string text, int codePoint)
    {
        var error = Assert.Single(TextRules.Check("operation.name", text, 100));

        Assert.Equal(("operation.name", ErrorCodes.InvalidCharacter), (error.Field, error.Code));
        Assert.Contains($"U+{codePoint:X4} at position 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_LoneHalfOfASurrogatePair_IsRefused()
    {
        // Built here: an attribute's string cannot hold a lone surrogate.
        var text = "a" + (char)0xD800 + "b";

        Assert.Contains("U+D800 at position 2", Assert.Single(TextRules.Check("name", text, 100)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_LineBreaksInAMultilineText_AreAccepted()
        => Assert.Empty(TextRules.Check("answer", "Permis joint.\r\n\tRéférence PC-021.", 100, multiline: true));

    [Fact]
    public void Check_BidiControlInAMultilineText_IsRefused()
        => Assert.Equal(ErrorCodes.InvalidCharacter, Assert.Single(TextRules.Check("answer", "ok\n\u202Eko", 100, multiline: true)).Code);

    [Fact]
    public void Check_TooLongAndRefusedCharacter_ReportsBoth()
        => Assert.Equal(
            [ErrorCodes.TooLong, ErrorCodes.InvalidCharacter],
            TextRules.Check("reason", new string('é', 40_000) + "\u0000", 1_000, multiline: true).Select(e => e.Code));

    [Fact]
    public void Check_AtTheLimit_IsAccepted() => Assert.Empty(TextRules.Check("name", new string('x', 100), 100));
}

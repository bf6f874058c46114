using Partenariat.Domain.Common;

namespace Partenariat.Domain.Tests.Common;

public sealed class TextKeyTests
{
    [Theory]
    [InlineData("Chenôve", "chenove")]
    [InlineData("CHENÔVE", "chenove")]
    [InlineData("Fénay", "fenay")]
    [InlineData("  Saint-Apollinaire ", "saint apollinaire")]
    [InlineData("saint  apollinaire", "saint apollinaire")]
    [InlineData("Fontaine d’Ouche", "fontaine d ouche")]
    [InlineData("Marsannay-la-Côte", "marsannay la cote")]
    [InlineData("BRETENIÈRE", "breteniere")]
    [InlineData("Œuvre", "oeuvre")]
    public void Fold_Name_IgnoresCaseAccentsAndSeparators(string input, string expected)
        => Assert.Equal(expected, TextKey.Fold(input));
}

using Partenariat.Domain.Territory;

namespace Partenariat.Domain.Tests.Territory;

public sealed class MetropolitanTerritoryTests
{
    private static readonly MetropolitanTerritory Dijon = MetropolitanTerritory.DijonMetropole;

    [Fact]
    public void Municipalities_DijonMetropole_Are23WithExactSpellings()
    {
        string[] expected =
        [
            "Ahuy", "Bressey-sur-Tille", "Bretenière", "Chenôve", "Chevigny-Saint-Sauveur", "Corcelles-les-Monts", "Daix", "Dijon",
            "Fénay", "Flavignerot", "Fontaine-lès-Dijon", "Hauteville-lès-Dijon", "Longvic", "Magny-sur-Tille", "Marsannay-la-Côte",
            "Neuilly-Crimolois", "Ouges", "Perrigny-lès-Dijon", "Plombières-lès-Dijon", "Quetigny", "Saint-Apollinaire",
            "Sennecey-lès-Dijon", "Talant",
        ];

        Assert.Equal(expected, Dijon.Municipalities.Select(m => m.Name));
    }

    [Theory]
    [InlineData("chenove", "Chenôve")]
    [InlineData("CHENÔVE", "Chenôve")]
    [InlineData("Chenôve", "Chenôve")]
    [InlineData("fenay", "Fénay")]
    [InlineData("marsannay la cote", "Marsannay-la-Côte")]
    [InlineData("  saint-apollinaire ", "Saint-Apollinaire")]
    [InlineData("fontaine les dijon", "Fontaine-lès-Dijon")]
    [InlineData("Neuilly-lès-Dijon", "Neuilly-Crimolois")]
    [InlineData("neuilly les dijon", "Neuilly-Crimolois")]
    [InlineData("Crimolois", "Neuilly-Crimolois")]
    [InlineData("neuilly-crimolois", "Neuilly-Crimolois")]
    public void FindMunicipality_ToleratedSpelling_ReturnsCanonicalName(string input, string expected)
        => Assert.Equal(expected, Dijon.FindMunicipality(input)?.Name);

    [Theory]
    [InlineData("Paris")]
    [InlineData("Beaune")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void FindMunicipality_Unknown_ReturnsNull(string? input) => Assert.Null(Dijon.FindMunicipality(input));

    [Fact]
    public void Municipalities_SruDeficit_AreTheFiveOfTheConvention()
        => Assert.Equal(
            ["Chevigny-Saint-Sauveur", "Dijon", "Fontaine-lès-Dijon", "Marsannay-la-Côte", "Saint-Apollinaire"],
            Dijon.Municipalities.Where(m => m.IsSruDeficit).Select(m => m.Name));

    [Theory]
    [InlineData("Chenôve", "Le Mail", DistrictKind.Qpv, NpnruInterest.National)]
    [InlineData("Dijon", "Fontaine d'Ouche", DistrictKind.Qpv, NpnruInterest.Regional)]
    [InlineData("Dijon", "Grésilles", DistrictKind.Qpv, NpnruInterest.None)]
    [InlineData("Longvic", "Bief du Moulin", DistrictKind.Qpv, NpnruInterest.None)]
    [InlineData("Talant", "Belvédère", DistrictKind.Qpv, NpnruInterest.None)]
    [InlineData("Longvic", "Guynemer", DistrictKind.Qv, NpnruInterest.None)]
    [InlineData("Quetigny", "Centre-Ville", DistrictKind.Qv, NpnruInterest.None)]
    public void FindDistrict_ConventionDistricts_HaveKindAndNpnruStatus(string municipality, string name, DistrictKind kind, NpnruInterest npnru)
    {
        var district = Dijon.FindDistrict(municipality, name);

        Assert.NotNull(district);
        Assert.Equal((name, municipality, kind, npnru), (district.Name, district.Municipality, district.Kind, district.Npnru));
        Assert.Equal(npnru != NpnruInterest.None, district.IsNpnru);
    }

    [Fact]
    public void Districts_DijonMetropole_AreFiveQpvAndTwoQv()
    {
        Assert.Equal(7, Dijon.Districts.Count);
        Assert.Equal(5, Dijon.Districts.Count(d => d.Kind == DistrictKind.Qpv));
        Assert.Equal(["Le Mail", "Fontaine d'Ouche"], Dijon.Districts.Where(d => d.IsNpnru).Select(d => d.Name));
    }

    [Theory]
    [InlineData("chenove", "mail", "Le Mail")]
    [InlineData("DIJON", "la fontaine d’ouche", "Fontaine d'Ouche")]
    [InlineData("dijon", "les gresilles", "Grésilles")]
    [InlineData("talant", "le belvedere", "Belvédère")]
    [InlineData("quetigny", "le centre ville", "Centre-Ville")]
    public void FindDistrict_ToleratedSpelling_ReturnsCanonicalDistrict(string municipality, string input, string expected)
        => Assert.Equal(expected, Dijon.FindDistrict(municipality, input)?.Name);

    [Theory]
    [InlineData("Dijon", "Le Mail")]
    [InlineData("Chenôve", "Grésilles")]
    [InlineData("Quetigny", "Guynemer")]
    [InlineData("Paris", "Le Mail")]
    [InlineData("Dijon", "Nowhere")]
    [InlineData("Dijon", null)]
    public void FindDistrict_NotInThatMunicipality_ReturnsNull(string municipality, string? district)
        => Assert.Null(Dijon.FindDistrict(municipality, district));

    [Fact]
    public void FindDistrictsNamed_DistrictElsewhere_ReturnsItsMunicipality()
        => Assert.Equal("Chenôve", Assert.Single(Dijon.FindDistrictsNamed("le mail")).Municipality);

    [Fact]
    public void DistrictsOf_Longvic_ReturnsBothDistricts()
        => Assert.Equal(["Bief du Moulin", "Guynemer"], Dijon.DistrictsOf("longvic").Select(d => d.Name));

    [Fact]
    public void Constructor_DuplicateNameOrAlias_Throws()
        => Assert.Throws<ArgumentException>(() => new MetropolitanTerritory(
            [new Municipality("Dijon", [], false), new Municipality("Other", ["DIJON"], false)], []));

    [Fact]
    public void Constructor_DistrictInUnknownMunicipality_Throws()
        => Assert.Throws<ArgumentException>(() => new MetropolitanTerritory(
            [new Municipality("Dijon", [], false)], [new PriorityDistrict("Le Mail", "Chenôve", DistrictKind.Qpv, NpnruInterest.National)]));

    [Fact]
    public void Constructor_ConfiguredSruList_IsUsed()
    {
        var territory = new MetropolitanTerritory([new Municipality("Talant", [], true)], []);

        Assert.True(territory.FindMunicipality("talant")!.IsSruDeficit);
    }
}

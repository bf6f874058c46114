using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Tests.Requests;

/// <summary>Request ids: the landlord's SIREN and 16 random hexadecimal digits.</summary>
public sealed class RequestIdsTests
{
    [Fact]
    public void New_SirenLandlord_NamesTheLandlordAndDiffersEachTime()
    {
        var first = RequestIds.New("123456782");
        var second = RequestIds.New("123456782");

        Assert.Matches("^fr-123456782-[0-9a-f]{16}$", first);
        Assert.NotEqual(first, second);
        Assert.Equal("123456782", RequestIds.LandlordOf(first));
    }

    [Fact]
    public void New_LandlordIdNotASiren_NamesNoLandlord()
    {
        var id = RequestIds.New("landlord-from-a-token");

        Assert.Matches("^fr-[0-9a-f]{16}$", id);
        Assert.Null(RequestIds.LandlordOf(id));
        Assert.True(RequestIds.IsWithoutLandlord(id));
    }

    [Theory]
    [InlineData("fr-1")]
    [InlineData("fr-nowhere-0123456789abcdef")]
    [InlineData("fr-12345678-0123456789abcdef")]
    [InlineData("fr-123456782-0123456789ABCDEF")]
    [InlineData("fr-123456782-0123456789abcdef' or RowKey ne '")]
    [InlineData("")]
    public void LandlordOf_NotAnIdWithLandlord_ReturnsNull(string id)
    {
        Assert.Null(RequestIds.LandlordOf(id));
        Assert.False(RequestIds.IsWithoutLandlord(id));
        Assert.False(RequestIds.IsWellFormed(id));
    }

    [Fact]
    public void IsWellFormed_EitherFormAndNothingElse()
    {
        Assert.True(RequestIds.IsWellFormed(RequestIds.New("123456782")));
        Assert.True(RequestIds.IsWellFormed(RequestIds.New("landlord-from-a-token")));
        Assert.False(RequestIds.IsWellFormed(null));
        Assert.False(RequestIds.IsWellFormed("fr-123456782-0123456789abcdef#"));
        Assert.False(RequestIds.IsWellFormed(new string('x', 2_000)));
    }
}

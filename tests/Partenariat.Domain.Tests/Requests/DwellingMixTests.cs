using Partenariat.Domain.Requests;

namespace Partenariat.Domain.Tests.Requests;

public sealed class DwellingMixTests
{
    [Fact]
    public void Total_AllProducts_CountsEveryDwelling()
        => Assert.Equal(15, new DwellingMix { Plai = 1, Plus = 2, Pls = 3, Li = 4, CollectiveStructure = 5 }.Total);

    [Fact]
    public void StateApproved_AllProducts_CountsPlaiPlusPlsOnly()
        => Assert.Equal(6, new DwellingMix { Plai = 1, Plus = 2, Pls = 3, Li = 4, CollectiveStructure = 5 }.StateApproved);
}

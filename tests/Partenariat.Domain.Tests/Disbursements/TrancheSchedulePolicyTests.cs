using Partenariat.Domain.Common;
using Partenariat.Domain.Disbursements;

namespace Partenariat.Domain.Tests.Disbursements;

public sealed class TrancheSchedulePolicyTests
{
    [Fact]
    public void Default_Always_IsFiftyPercent() => Assert.Equal(50m, TrancheSchedulePolicy.Default.WorksStartOrderPercent);

    [Theory]
    [InlineData("0.01", true)]
    [InlineData("100", true)]
    [InlineData("0", false)]
    [InlineData("-10", false)]
    [InlineData("100.01", false)]
    public void Validate_Percent_AcceptsMoreThanZeroUpToHundred(string percent, bool valid)
    {
        var policy = new TrancheSchedulePolicy { WorksStartOrderPercent = decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture) };

        var errors = policy.Validate();

        Assert.Equal(valid, errors.Count == 0);
        Assert.All(errors, e => Assert.Equal(("worksStartOrderPercent", ErrorCodes.OutOfRange), (e.Field, e.Code)));
    }
}

using Partenariat.Domain.Requests;
using Partenariat.Domain.Tests.TestData;

namespace Partenariat.Domain.Tests.Requests;

public sealed class FinancingRequestTests
{
    [Fact]
    public void RequestedTotal_LoanAndGrant_IsTheirSum() => Assert.Equal(600_000m, SampleRequests.Valid().RequestedTotal);

    [Fact]
    public void RequestedTotal_NoLines_IsZero() => Assert.Equal(0m, new FinancingRequest().RequestedTotal);
}

using Partenariat.Domain.Common;

namespace Partenariat.Domain.Tests.Common;

public sealed class ResultTests
{
    [Fact]
    public void Success_Value_IsSuccessWithoutErrors()
    {
        var result = Result.Success("ok");
        Assert.True(result.IsSuccess);
        Assert.Equal("ok", result.Value);
        Assert.Empty(result.Errors);
        Assert.Equal(string.Empty, result.Reason);
    }

    [Fact]
    public void Failure_Errors_KeepsAllAndJoinsReason()
    {
        var result = Result.Failure<string>([new("a", "x", "First."), new("b", "y", "Second.")]);
        Assert.False(result.IsSuccess);
        Assert.Null(result.Value);
        Assert.Equal(2, result.Errors.Count);
        Assert.Equal("First. Second.", result.Reason);
    }

    [Fact]
    public void Failure_NoErrors_Throws() => Assert.Throws<ArgumentException>(() => Result.Failure<string>([]));

    [Fact]
    public void Success_Null_Throws() => Assert.Throws<ArgumentNullException>(() => Result.Success<string>(null!));
}

using System.Security.Cryptography;
using Partenariat.Workflow.Documents;

namespace Partenariat.Workflow.Tests.Documents;

public sealed class DocumentTypesTests
{
    public static TheoryData<byte[], string?> Heads => new()
    {
        { "%PDF-1.7\n"u8.ToArray(), DocumentTypes.Pdf },
        { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00], DocumentTypes.Png },
        { [0xFF, 0xD8, 0xFF, 0xE0, 0x00], DocumentTypes.Jpeg },
        { "%PDF"u8.ToArray(), null },
        { [0x89, 0x50, 0x4E, 0x47], null },
        { "GIF89a"u8.ToArray(), null },
        { "<html>"u8.ToArray(), null },
        { [], null },
    };

    [Theory]
    [MemberData(nameof(Heads))]
    public void Sniff_FirstBytes_RecognisesOnlyTheAcceptedSignatures(byte[] head, string? expected) =>
        Assert.Equal(expected, DocumentTypes.Sniff(head));

    [Theory]
    [InlineData("application/pdf", DocumentTypes.Pdf)]
    [InlineData("Application/PDF; name=plan.pdf", DocumentTypes.Pdf)]
    [InlineData("image/png", DocumentTypes.Png)]
    [InlineData("image/jpeg", DocumentTypes.Jpeg)]
    [InlineData("image/jpg", DocumentTypes.Jpeg)]
    [InlineData("image/gif", null)]
    [InlineData("application/octet-stream", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Normalize_DeclaredType_NamesTheAcceptedTypeOrNull(string? declared, string? expected) =>
        Assert.Equal(expected, DocumentTypes.Normalize(declared));
}

public sealed class DocumentReaderTests
{
    [Fact]
    public async Task FillAsync_WholeDocumentInChunks_HashesEveryByteOnce()
    {
        var bytes = RandomNumberGenerator.GetBytes(10_000);
        using var reader = new DocumentReader(new TrickleStream(bytes, 7), maxBytes: 10_000);
        var buffer = new byte[4096];
        var total = 0;
        int filled;
        do
        {
            filled = await reader.FillAsync(buffer);
            total += filled;
        }
        while (!reader.IsComplete);

        Assert.Equal(10_000, total);
        Assert.Equal(10_000, reader.Length);
        Assert.False(reader.IsTooLarge);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), reader.Sha256());
    }

    [Fact]
    public async Task FillAsync_ExactlyTheCap_IsAccepted()
    {
        using var reader = new DocumentReader(new MemoryStream(new byte[100]), maxBytes: 100);
        var buffer = new byte[1000];

        var filled = await reader.FillAsync(buffer);

        Assert.Equal(100, filled);
        Assert.True(reader.IsComplete);
        Assert.False(reader.IsTooLarge);
    }

    [Fact]
    public async Task FillAsync_OneBytePastTheCap_StopsReadingAndSaysTooLarge()
    {
        var source = new MemoryStream(new byte[1_000_000]);
        using var reader = new DocumentReader(source, maxBytes: 100);
        var buffer = new byte[64];

        while (!reader.IsTooLarge && !reader.IsComplete)
        {
            await reader.FillAsync(buffer);
        }

        Assert.True(reader.IsTooLarge);
        Assert.Equal(101, reader.Length);
        Assert.Equal(101, source.Position);
    }

    [Fact]
    public void Constructor_NullStreamOrNoCap_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new DocumentReader(null!, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DocumentReader(new MemoryStream(), 0));
    }

    /// <summary>A stream that gives at most a few bytes per read, as a network does.</summary>
    private sealed class TrickleStream(byte[] bytes, int perRead) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, perRead)], cancellationToken);
    }
}

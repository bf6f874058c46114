using System.Security.Cryptography;

namespace Partenariat.Testing;

/// <summary>Supporting documents the tests upload.</summary>
public static class SampleDocuments
{
    /// <summary><paramref name="size"/> random bytes that open with a PDF's signature (<c>%PDF-1.7</c>).</summary>
    public static byte[] Pdf(int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        "%PDF-1.7\n"u8[..Math.Min(size, 9)].CopyTo(bytes);
        return bytes;
    }
}

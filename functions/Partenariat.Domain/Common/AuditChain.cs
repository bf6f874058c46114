using System.Security.Cryptography;
using System.Text;

namespace Partenariat.Domain.Common;

/// <summary>
/// The hash chain that makes a record tamper-evident: each entry carries the SHA-256 of the entry
/// before it (its chain's <see cref="Genesis"/> for the first) together with its own content, so
/// that changing, removing or reordering a stored entry breaks every hash after it. The content is
/// the entry's canonical text (its stored JSON); the chain is per record (a request's timeline, a
/// line's ledger), named by <paramref name="chain"/> so that an entry cannot be moved to another.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of a chain's first entry.</summary>
    public const string Genesis = "";

    /// <summary>The hash of entry <paramref name="sequence"/> of <paramref name="chain"/> with <paramref name="content"/>, after <paramref name="previousHash"/>: lowercase hexadecimal SHA-256.</summary>
    public static string Hash(string chain, long sequence, string previousHash, string content)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(content);
        var text = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{chain}\n{sequence}\n{previousHash}\n{content}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// Checks a chain's entries, in order: each must follow the one before (sequence + 1, its
    /// previous hash the hash before) and carry the hash of its own content. Returns the problems,
    /// each naming the entry at fault; empty when the chain holds. <paramref name="expectedHead"/>,
    /// when given, is the hash the chain must end with (kept beside the record: removing the last
    /// entries is seen too).
    /// </summary>
    public static IReadOnlyList<string> Verify(string chain, IEnumerable<ChainedEntry> entries, string? expectedHead = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var problems = new List<string>();
        var previous = Genesis;
        long expected = 1;
        foreach (var entry in entries)
        {
            if (entry.Sequence != expected)
            {
                problems.Add($"{chain}: entry {entry.Sequence} comes where entry {expected} was expected (an entry is missing or out of order).");
            }

            if (!string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal))
            {
                problems.Add($"{chain}: entry {entry.Sequence} does not follow the entry before it (its previous hash is {Short(entry.PreviousHash)}, not {Short(previous)}).");
            }

            var actual = Hash(chain, entry.Sequence, entry.PreviousHash, entry.Content);
            if (!string.Equals(actual, entry.Hash, StringComparison.Ordinal))
            {
                problems.Add($"{chain}: entry {entry.Sequence} was altered (its content hashes to {Short(actual)}, it records {Short(entry.Hash)}).");
            }

            previous = entry.Hash;
            expected = entry.Sequence + 1;
        }

        if (expectedHead is not null && !string.Equals(previous, expectedHead, StringComparison.Ordinal))
        {
            problems.Add($"{chain}: the chain ends with {Short(previous)} but its record says {Short(expectedHead)} (entries were removed or added).");
        }

        return problems;
    }

    private static string Short(string hash) => hash.Length == 0 ? "(the start)" : hash[..Math.Min(12, hash.Length)];
}

/// <summary>An entry of a hash chain as stored.</summary>
/// <param name="Sequence">Its number in the chain, from 1.</param>
/// <param name="PreviousHash">The hash of the entry before (empty for the first).</param>
/// <param name="Content">Its canonical content (the stored JSON).</param>
/// <param name="Hash">Its own hash.</param>
public sealed record ChainedEntry(long Sequence, string PreviousHash, string Content, string Hash);

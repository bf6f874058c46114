using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Partenariat.Workflow.Requests;

/// <summary>How a step offered to a request's view is taken (see <see cref="StepTrail.Take"/>).</summary>
public enum StepTaking
{
    /// <summary>The view holds this very step already (a retried activity, a replayed episode): nothing to write.</summary>
    AlreadyRecorded,

    /// <summary>A new step: its changes and its timeline entry are written.</summary>
    Recorded,

    /// <summary>
    /// A lost episode recorded this step's entry already, under another number: its changes are
    /// applied again (in the order the orchestration took them), its entry is not written twice.
    /// </summary>
    RecordedBefore,
}

/// <summary>
/// What a request's view row remembers of its last steps, to know a step again by its content, not
/// only by its number. A killed host's orchestration episode is never checkpointed, yet its
/// activities may have recorded steps; the episode that replaces it can take the request's events in
/// another order (two milestones, the wrong evidence then the right one) and offer other steps under
/// the same numbers. Skipping them by number would lose them (a tranche paid with no
/// <c>TranchePaid</c> entry). So the row keeps a digest of each of its last
/// <see cref="Kept"/> steps: a step offered under a number the view has passed is taken as already
/// recorded only when its digest is the one recorded under that number; otherwise the view has
/// diverged, the steps recorded from that number on are set aside as unmatched (the lost episode's),
/// and the orchestration's steps are recorded from there, each entry written unless it is one of the
/// unmatched (then only its changes are applied).
/// </summary>
/// <param name="Step">The number of the view's last step (the view's <see cref="FinancingRequestView.Step"/>).</param>
/// <param name="First">The number of the first step whose digest is kept.</param>
/// <param name="Digests">The digests of the steps <paramref name="First"/> to <paramref name="Step"/>.</param>
/// <param name="Unmatched">Digests of steps a lost episode recorded that the orchestration has not taken (yet).</param>
public sealed record StepTrail(int Step, int First, ImmutableArray<string> Digests, ImmutableArray<string> Unmatched)
{
    /// <summary>How many of the last steps' digests a row keeps: more than one episode ever records.</summary>
    public const int Kept = 16;

    /// <summary>The trail of a view whose steps' digests are unknown (written before trails, or new): steps up to <paramref name="step"/> are known by number only.</summary>
    public static StepTrail Unknown(int step) => new(step, step + 1, [], []);

    /// <summary>
    /// Takes <paramref name="step"/>: how (see <see cref="StepTaking"/>) and the trail after it.
    /// Steps are offered in their orchestration's order.
    /// </summary>
    public (StepTaking Taking, StepTrail After) Take(RequestStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var digest = DigestOf(step);
        var trail = this;
        if (step.Number <= Step)
        {
            var index = step.Number - First;
            if (index < 0 || Digests[index].Length == 0 || Digests[index] == digest)
            {
                return (StepTaking.AlreadyRecorded, this);
            }

            // Diverged: what the view holds from this number on is a lost episode's.
            trail = new StepTrail(step.Number - 1, First, Digests[..index], Unmatched.AddRange(Digests[index..]));
        }

        var matched = trail.Unmatched.IndexOf(digest);
        // A number skipped (never by the orchestration, which counts on) is kept as unknown.
        var digests = trail.Digests.AddRange(Enumerable.Repeat(string.Empty, Math.Max(0, step.Number - trail.Step - 1))).Add(digest);
        var first = trail.First;
        if (digests.Length > Kept)
        {
            first += digests.Length - Kept;
            digests = digests[(digests.Length - Kept)..];
        }

        var after = new StepTrail(step.Number, first, digests, matched < 0 ? trail.Unmatched : trail.Unmatched.RemoveAt(matched));
        return (matched < 0 ? StepTaking.Recorded : StepTaking.RecordedBefore, after);
    }

    /// <summary>
    /// A step's digest: who, what and the details; not the time (two episodes take one step at
    /// different times) nor the status after it (a note, a refusal say, keeps the status the request
    /// had, which depends on the order the events were taken in).
    /// </summary>
    public static string DigestOf(RequestStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var entry = step.Entry;
        var content = string.Join('\n', entry.Actor, entry.Action.ToString(), entry.Details ?? string.Empty);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..12];
    }

    /// <summary>The trail as its row's column holds it: <c>first:d1,d2,...|u1,u2,...</c>.</summary>
    public string Format() =>
        string.Create(CultureInfo.InvariantCulture, $"{First}:{string.Join(',', Digests)}|{string.Join(',', Unmatched)}");

    /// <summary>The trail of a view at step <paramref name="step"/> from its row's column (<see cref="Unknown"/> when the row has none).</summary>
    public static StepTrail Parse(int step, string? column)
    {
        if (string.IsNullOrEmpty(column))
        {
            return Unknown(step);
        }

        var colon = column.IndexOf(':', StringComparison.Ordinal);
        var bar = column.IndexOf('|', StringComparison.Ordinal);
        if (colon < 0 || bar < colon || !int.TryParse(column.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var first))
        {
            throw new FormatException($"A step trail reads 'first:d1,d2|u1,u2'; the row holds '{column}'.");
        }

        var digests = Split(column[(colon + 1)..bar]);
        var unmatched = Split(column[(bar + 1)..]);
        return first + digests.Length - 1 == step
            ? new StepTrail(step, first, digests, unmatched)
            : throw new FormatException($"The step trail '{column}' does not end at the view's step {step}.");
    }

    private static ImmutableArray<string> Split(string list) =>
        list.Length == 0 ? [] : [.. list.Split(',')];
}

using Partenariat.Domain.Requests;

namespace Partenariat.Chaos;

/// <summary>How a request's life is meant to go in the campaign.</summary>
internal enum LifePlanKind
{
    /// <summary>Approved, both tranches paid: closed.</summary>
    Closed,

    /// <summary>Approved for less than requested (the difference freed), both tranches paid: closed.</summary>
    ClosedReduced,

    /// <summary>The committee asks a question, the landlord answers, approved at the second round: closed.</summary>
    ClosedAfterInformation,

    /// <summary>Rejected.</summary>
    Rejected,

    /// <summary>Withdrawn by the landlord before the committee decides.</summary>
    Withdrawn,

    /// <summary>Withdrawn by the landlord while the committee waits for an answer.</summary>
    WithdrawnWhileAsked,

    /// <summary>Left before the committee: waits for it.</summary>
    LeftBeforeCommittee,

    /// <summary>Asked a question the landlord leaves unanswered: waits for the landlord.</summary>
    LeftUnanswered,

    /// <summary>Approved, works not started: waits for the landlord's milestones.</summary>
    LeftApproved,

    /// <summary>First tranche paid, works not completed: waits for the landlord's completion.</summary>
    LeftMidway,
}

/// <summary>A malformed decision sent before the real one: it must change nothing (a 4xx answer over HTTP, the poison queue over the queue).</summary>
internal enum MalformedDecision
{
    None,
    NotJson,
    NoReviewer,
    UnknownRequest,
    StaleRound,
    AboveRequested,
}

/// <summary>
/// One request's life as the campaign plans it, drawn from the seed: what it goes through, and the
/// noise around it (inputs sent twice, malformed or wrong ones first), which must change nothing;
/// its decisions go over the committee's queue or, for half of the lives, POST /api/committee/decisions;
/// its completion is reported with its evidence in one upload, as the landlord's page does, for half
/// of the lives, and by an upload then POST .../milestones for the others.
/// </summary>
internal sealed record LifePlan(
    int Number,
    LifePlanKind Kind,
    bool SubmitTwice,
    MalformedDecision Malformed,
    bool DecisionTwice,
    bool WrongEvidenceFirst,
    bool MilestoneTwice,
    bool AnswerTwice,
    bool DecideOverHttp,
    bool MalformedMilestone,
    bool CompletionWithItsEvidence = false)
{
    // Weights, in percent.
    private static readonly (LifePlanKind Kind, int Weight)[] Mix =
    [
        (LifePlanKind.Closed, 46), (LifePlanKind.ClosedReduced, 10), (LifePlanKind.ClosedAfterInformation, 8),
        (LifePlanKind.Rejected, 8), (LifePlanKind.Withdrawn, 6), (LifePlanKind.WithdrawnWhileAsked, 4),
        (LifePlanKind.LeftBeforeCommittee, 4), (LifePlanKind.LeftUnanswered, 4), (LifePlanKind.LeftApproved, 5), (LifePlanKind.LeftMidway, 5),
    ];

    /// <summary>The status the life ends in, terminal or waiting for someone.</summary>
    public RequestState ExpectedEnd => Kind switch
    {
        LifePlanKind.Closed or LifePlanKind.ClosedReduced or LifePlanKind.ClosedAfterInformation => RequestState.Closed,
        LifePlanKind.Rejected => RequestState.Rejected,
        LifePlanKind.Withdrawn or LifePlanKind.WithdrawnWhileAsked => RequestState.Withdrawn,
        LifePlanKind.LeftBeforeCommittee => RequestState.PendingCommittee,
        LifePlanKind.LeftUnanswered => RequestState.InformationRequested,
        LifePlanKind.LeftApproved => RequestState.Approved,
        LifePlanKind.LeftMidway => RequestState.Disbursing,
        _ => throw new InvalidOperationException($"Unknown plan {Kind}."),
    };

    /// <summary>The landlord's and committee's actions the life takes (what the campaign's progress counts).</summary>
    public int Steps => Kind switch
    {
        LifePlanKind.Closed or LifePlanKind.ClosedReduced => 4,
        LifePlanKind.ClosedAfterInformation => 6,
        LifePlanKind.Rejected or LifePlanKind.Withdrawn or LifePlanKind.LeftUnanswered or LifePlanKind.LeftApproved => 2,
        LifePlanKind.WithdrawnWhileAsked or LifePlanKind.LeftMidway => 3,
        LifePlanKind.LeftBeforeCommittee => 1,
        _ => throw new InvalidOperationException($"Unknown plan {Kind}."),
    };

    /// <summary>Draws <paramref name="count"/> lives from <paramref name="random"/>.</summary>
    public static IReadOnlyList<LifePlan> Draw(int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var total = Mix.Sum(m => m.Weight);
        var malformed = Enum.GetValues<MalformedDecision>();
        return [.. Enumerable.Range(1, count).Select(number =>
        {
            var draw = random.Next(total);
            var kind = Mix.First(m => (draw -= m.Weight) < 0).Kind;
            return new LifePlan(
                number,
                kind,
                SubmitTwice: random.Next(100) < 10,
                Malformed: random.Next(100) < 15 ? malformed[1 + random.Next(malformed.Length - 1)] : MalformedDecision.None,
                DecisionTwice: random.Next(100) < 15,
                WrongEvidenceFirst: random.Next(100) < 10,
                MilestoneTwice: random.Next(100) < 15,
                AnswerTwice: random.Next(100) < 30,
                DecideOverHttp: random.Next(100) < 50,
                MalformedMilestone: random.Next(100) < 10,
                CompletionWithItsEvidence: random.Next(100) < 50);
        })];
    }
}

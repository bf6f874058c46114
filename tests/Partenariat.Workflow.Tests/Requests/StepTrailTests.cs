using Partenariat.Domain.Requests;
using Partenariat.Testing;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Tests.Requests;

public sealed class StepTrailTests
{
    [Fact]
    public void Take_NextStep_Recorded()
    {
        var (taking, after) = StepTrail.Unknown(1).Take(Step(2, "a"));

        Assert.Equal(StepTaking.Recorded, taking);
        Assert.Equal((2, 2), (after.Step, after.First));
        Assert.Equal([StepTrail.DigestOf(Step(2, "a"))], after.Digests.ToArray());
    }

    [Fact]
    public void Take_SameStepAtAnotherTime_AlreadyRecorded()
    {
        var trail = StepTrail.Unknown(1).Take(Step(2, "a")).After;

        var (taking, after) = trail.Take(Step(2, "a", minutes: 30));

        Assert.Equal(StepTaking.AlreadyRecorded, taking);
        Assert.Same(trail, after);
    }

    [Fact]
    public void Take_StepKnownByNumberOnly_AlreadyRecorded()
    {
        var (taking, _) = StepTrail.Unknown(5).Take(Step(4, "anything"));

        Assert.Equal(StepTaking.AlreadyRecorded, taking);
    }

    [Fact]
    public void Take_AnotherStepUnderARecordedNumber_RecordedAndTheRecordedOnesSetAside()
    {
        var trail = Taken(StepTrail.Unknown(1), Step(2, "wrong evidence"), Step(3, "closed"));

        var (taking, after) = trail.Take(Step(2, "right evidence"));

        Assert.Equal(StepTaking.Recorded, taking);
        Assert.Equal(2, after.Step);
        Assert.Equal([StepTrail.DigestOf(Step(2, "wrong evidence")), StepTrail.DigestOf(Step(3, "closed"))], after.Unmatched.ToArray());
    }

    [Fact]
    public void Take_AStepALostEpisodeRecordedUnderAnotherNumber_RecordedBeforeAndMatchedOnce()
    {
        var trail = Taken(StepTrail.Unknown(1), Step(2, "wrong evidence"), Step(3, "right evidence"));

        var (first, afterFirst) = trail.Take(Step(2, "right evidence"));
        var (second, afterSecond) = afterFirst.Take(Step(3, "wrong evidence"));
        var (third, _) = afterSecond.Take(Step(4, "wrong evidence"));

        Assert.Equal([StepTaking.RecordedBefore, StepTaking.RecordedBefore, StepTaking.Recorded], [first, second, third]);
        Assert.Empty(afterSecond.Unmatched);
        Assert.Equal(3, afterSecond.Step);
    }

    [Fact]
    public void Take_ManySteps_KeepsTheLastDigestsOnly()
    {
        var trail = Taken(StepTrail.Unknown(1), [.. Enumerable.Range(2, 40).Select(n => Step(n, $"step {n}"))]);

        Assert.Equal(StepTrail.Kept, trail.Digests.Length);
        Assert.Equal((41, 41 - StepTrail.Kept + 1), (trail.Step, trail.First));
        Assert.Equal(StepTaking.AlreadyRecorded, trail.Take(Step(3, "forgotten, known by number")).Taking);
    }

    [Fact]
    public void Format_ThenParse_SameTrail()
    {
        var trail = Taken(StepTrail.Unknown(1), Step(2, "a"), Step(3, "b")).Take(Step(3, "c")).After;

        var parsed = StepTrail.Parse(trail.Step, trail.Format());

        Assert.Equal((trail.Step, trail.First), (parsed.Step, parsed.First));
        Assert.Equal(trail.Digests.ToArray(), parsed.Digests.ToArray());
        Assert.Equal(trail.Unmatched.ToArray(), parsed.Unmatched.ToArray());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("2:abc|")]
    public void Parse_ColumnNotATrailOfTheStep_Throws(string column)
    {
        var failure = Assert.Throws<FormatException>(() => StepTrail.Parse(3, column));

        Assert.Contains(column, failure.Message, StringComparison.Ordinal);
    }

    private static StepTrail Taken(StepTrail trail, params RequestStep[] steps) =>
        steps.Aggregate(trail, (current, step) => current.Take(step).After);

    private static RequestStep Step(int number, string details, int? minutes = null) =>
        new(number, new TimelineEntry(SampleViews.SubmittedAt.AddMinutes(minutes ?? number), "system", TimelineAction.EventRefused, RequestState.Approved, details));
}

using System.Text;
using Microsoft.AspNetCore.Http;
using Partenariat.Domain.Common;
using Partenariat.Domain.Requests;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Http;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Tests.Http;

/// <summary>The one reader of JSON input: caps, depth, shape in plain words, then the value.</summary>
public sealed class JsonInputReaderTests
{
    private const int Cap = 64 * 1024;

    private static JsonInput<T> Parse<T>(string json, long cap = Cap, string subject = "The body")
        where T : class => JsonInputReader.Parse<T>(Encoding.UTF8.GetBytes(json), cap, subject);

    private static IReadOnlyList<ValidationError> Errors<T>(string json)
        where T : class => Assert.IsType<JsonInput<T>.Invalid>(Parse<T>(json)).Errors;

    [Fact]
    public void Parse_WronglyTypedFields_NamesEveryFieldWithWhatItAcceptsAndNoDotNetType()
    {
        var errors = Errors<FinancingRequest>("""
            {"operation": {"dwellings": {"plai": "quatre", "plus": 4.5}, "totalCostExcludingTax": "beaucoup", "kind": 2,
             "plannedWorksStart": "01/12/2026", "financingPlan": {"name": "x"}}, "capitalLinkWithActionLogement": "non"}
            """);

        Assert.Equal(
            [
                ("operation.dwellings.plai", ErrorCodes.InvalidType), ("operation.dwellings.plus", ErrorCodes.InvalidValue),
                ("operation.totalCostExcludingTax", ErrorCodes.InvalidType), ("operation.kind", ErrorCodes.InvalidType),
                ("operation.plannedWorksStart", ErrorCodes.InvalidValue), ("operation.financingPlan", ErrorCodes.InvalidType),
                ("capitalLinkWithActionLogement", ErrorCodes.InvalidType),
            ],
            errors.Select(e => (e.Field, e.Code)));
        Assert.Equal("Expected a whole number (at most 2147483647); got the text \"quatre\".", errors[0].Message);
        Assert.Contains("one of NewBuild, OffPlanPurchase, AcquisitionImprovement, Rehabilitation", errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("yyyy-mm-dd", errors[4].Message, StringComparison.Ordinal);
        Assert.All(errors, e => Assert.DoesNotContain("System.", e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"kind": 1, "date": "2026-12-06", "evidenceDocumentId": "doc-1"}""")]
    [InlineData("""{"kind": "1", "date": "2026-12-06", "evidenceDocumentId": "doc-1"}""")]
    [InlineData("""{"kind": "WorksStarted, Completion", "date": "2026-12-06", "evidenceDocumentId": "doc-1"}""")]
    public void Parse_MilestoneKindNotOneOfItsNames_IsRefused(string json)
    {
        var error = Assert.Single(Errors<MilestoneBody>(json));

        Assert.Equal("kind", error.Field);
        Assert.StartsWith("Expected one of WorksStarted, Completion (as text); got ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EnumNameInAnotherCase_IsRead()
        => Assert.Equal(MilestoneKind.Completion, Assert.IsType<JsonInput<MilestoneBody>.Read>(Parse<MilestoneBody>("""{"kind": "completion"}""")).Value.Kind);

    [Fact]
    public void Parse_MisspeltField_IsRefusedListingTheFields()
    {
        // Read leniently, a misspelt approvedAmount would approve the whole requested amount.
        var error = Assert.Single(Errors<CommitteeDecisionMessage>("""{"requestId": "fr-1", "outcome": "Approved", "approvedAmmount": 1000}"""));

        Assert.Equal(("approvedAmmount", ErrorCodes.UnknownField), (error.Field, error.Code));
        Assert.Contains("approvedAmount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RepeatedField_IsRefused()
        => Assert.Equal(
            [("ConventionId", ErrorCodes.Duplicate)],
            Errors<FinancingRequest>("""{"conventionId": "a", "ConventionId": "b"}""").Select(e => (e.Field, e.Code)));

    [Fact]
    public void Parse_ComputedFieldAsAViewEchoesIt_IsNotRead()
    {
        var read = Assert.IsType<JsonInput<FinancingRequest>.Read>(Parse<FinancingRequest>("""{"requestedTotal": "anything", "requestedLines": [{"kind": "Grant", "amount": 5}]}"""));

        Assert.Equal(5m, read.Value.RequestedTotal);
    }

    [Fact]
    public void Parse_InvalidUtf8_IsMalformed()
    {
        var bytes = "{\"reason\": \"a"u8.ToArray().Concat(new byte[] { 0xC3, 0x28 }).Concat("\"}"u8.ToArray()).ToArray();

        var read = JsonInputReader.Parse<ReasonBody>(bytes, Cap);

        // Refused by the parser, or by the shape check: never read.
        Assert.True(read is JsonInput<ReasonBody>.Malformed or JsonInput<ReasonBody>.Invalid { Errors: [{ Code: ErrorCodes.InvalidCharacter }] }, read.ToString());
    }

    [Fact]
    public void Parse_NullForANumber_IsRefusedButNullForAnOptionalFieldIsRead()
    {
        Assert.Equal(("rights.count", ErrorCodes.InvalidType), Errors<CommitteeDecisionMessage>("""{"rights": {"count": null}}""").Select(e => (e.Field, e.Code)).Single());
        Assert.IsType<JsonInput<CommitteeDecisionMessage>.Read>(Parse<CommitteeDecisionMessage>("""{"rights": null, "approvedAmount": null}"""));
    }

    [Theory]
    [InlineData("""{"approvedAmount": 1e400}""")]
    [InlineData("""{"approvedAmount": 79228162514264337593543950336}""")]
    public void Parse_NumberNoAmountHolds_IsRefused(string json)
        => Assert.Equal(("approvedAmount", ErrorCodes.InvalidValue), Errors<CommitteeDecisionMessage>(json).Select(e => (e.Field, e.Code)).Single());

    [Fact]
    public void Parse_ThousandsOfMistakes_StopsAtFiftyAndSaysSo()
    {
        var json = "{\"operation\": {\"financingPlan\": [" + string.Join(",", Enumerable.Repeat("{\"amount\": \"x\"}", 3_000)) + "]}}";

        var errors = Errors<FinancingRequest>(json);

        Assert.Equal(JsonShape.MaxErrors + 1, errors.Count);
        Assert.Equal(ErrorCodes.TooMany, errors[^1].Code);
    }

    [Theory]
    [InlineData("", "The body is empty")]
    [InlineData("   ", "The body is empty")]
    [InlineData("[1, 2]", "The body must be a JSON object")]
    [InlineData("\"text\"", "The body must be a JSON object")]
    [InlineData("{\"reason\": ", "The body is not valid JSON")]
    [InlineData("{\"\\ud800\": 1}", "The body holds text that is not valid Unicode")]
    public void Parse_NotAJsonObject_IsMalformedInPlainWords(string json, string expected)
        => Assert.StartsWith(expected, Assert.IsType<JsonInput<ReasonBody>.Malformed>(Parse<ReasonBody>(json)).Detail, StringComparison.Ordinal);

    [Fact]
    public void Parse_LoneSurrogateInAText_IsRefusedAsNoUnicode()
        => Assert.Equal(("reason", ErrorCodes.InvalidCharacter), Errors<ReasonBody>("{\"reason\": \"a\\ud800b\"}").Select(e => (e.Field, e.Code)).Single());

    [Fact]
    public void Parse_NestedDeeperThanTheCap_IsMalformed()
    {
        var json = "{\"reason\": " + new string('[', 100) + new string(']', 100) + "}";

        Assert.Contains("depth", Assert.IsType<JsonInput<ReasonBody>.Malformed>(Parse<ReasonBody>(json)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LargerThanTheCap_IsRefusedUnread()
        => Assert.Equal(100, Assert.IsType<JsonInput<ReasonBody>.TooLarge>(Parse<ReasonBody>("{\"reason\": \"" + new string('a', 200) + "\"}", cap: 100)).MaxBytes);

    [Fact]
    public void Reason_RefusedQueueMessage_NamesTheMessageAndEveryField()
    {
        Assert.StartsWith("The message is not valid JSON", Parse<CommitteeDecisionMessage>("{", subject: "The message").Reason, StringComparison.Ordinal);
        Assert.Equal(
            "outcome: Expected one of Approved, Rejected, InformationRequested (as text); got the number 5. approvedAmount: Expected an amount: a number such as 1500000 or 1500000.50; got the text \"lots\".",
            Parse<CommitteeDecisionMessage>("""{"outcome": 5, "approvedAmount": "lots"}""").Reason);
    }

    [Fact]
    public async Task ReadBodyAsync_ChunkedBodyFarLargerThanTheCap_StopsReadingJustPastIt()
    {
        var body = new CountingStream(5_800_000);
        var http = new DefaultHttpContext().Request;
        http.Body = body;

        var read = await JsonInputReader.ReadBodyAsync(http, Cap);

        Assert.Null(read);
        Assert.InRange(body.Consumed, Cap + 1, Cap + 8 * 1024);
    }

    [Fact]
    public async Task ReadBodyAsync_DeclaredLengthAboveTheCap_ReadsNothing()
    {
        var body = new CountingStream(5_800_000);
        var http = new DefaultHttpContext().Request;
        http.Body = body;
        http.ContentLength = 5_800_000;

        Assert.Null(await JsonInputReader.ReadBodyAsync(http, Cap));
        Assert.Equal(0, body.Consumed);
    }

    [Fact]
    public async Task ReadBodyAsync_BodyAtTheCap_IsReadWhole()
    {
        var http = new DefaultHttpContext().Request;
        http.Body = new CountingStream(Cap);

        Assert.Equal(Cap, (await JsonInputReader.ReadBodyAsync(http, Cap))!.Length);
    }

    /// <summary>A body of <paramref name="length"/> spaces, as a client streams it (no declared length), counting what is read of it.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        public long Consumed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Consumed; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Consumed);
            buffer.AsSpan(offset, n).Fill((byte)' ');
            Consumed += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using Azure.Data.Tables;
using Partenariat.Domain.Common;
using Partenariat.Domain.Decisions;
using Partenariat.Domain.Disbursements;
using Partenariat.Domain.Requests;
using Partenariat.Domain.ReservationRights;
using Partenariat.Testing;
using Partenariat.Workflow.Requests;

namespace Partenariat.Workflow.Tests.Requests;

/// <summary>
/// The bounds are what keeps a request's view row within Table storage's limits (a text property
/// holds 32,768 characters, and the view's JSON escapes every non-ASCII character as six): a view
/// with every text at its longest, every character escaped, and every list full is stored.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorstCaseViewTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TryAddAsync_EveryTextAtItsLimitInEscapedCharacters_StoresTheView()
    {
        var store = new FinancingRequestStore(new TableServiceClient(azurite.ConnectionString));
        await store.CreateIfNotExistsAsync();
        var requestId = RequestIds.New("123456782");
        static string Text(int length) => new('’', length);
        var request = SampleRequests.Valid() with
        {
            RequestId = requestId,
            Landlord = new LandlordDetails { Name = Text(InputLimits.MaxNameLength), Siren = "123456782", Kind = Domain.Landlords.LandlordKind.Oph },
            Operation = SampleRequests.Valid().Operation! with
            {
                Name = Text(InputLimits.MaxNameLength),
                Municipality = Text(InputLimits.MaxNameLength - 7) + "Chenôve",
                District = Text(InputLimits.MaxNameLength - 7) + "Le Mail",
                StateApprovalReference = Text(InputLimits.MaxReferenceLength),
                TotalCostExcludingTax = 500_000m + ((InputLimits.MaxFinancingSources - 1) * 200_000m),
                FinancingPlan =
                [
                    new FinancingSource { Name = "Action Logement" + Text(InputLimits.MaxNameLength - 15), Amount = 500_000m },
                    .. Enumerable.Range(1, InputLimits.MaxFinancingSources - 1).Select(_ => new FinancingSource { Name = Text(InputLimits.MaxNameLength), Amount = 200_000m }),
                ],
            },
            RequestedLines = [.. Enumerable.Range(0, InputLimits.MaxRequestedLines).Select(_ => new RequestedLine { Kind = FundingKind.Loan, Amount = 100_000m, LoanDurationYears = 40 })],
        };
        var decision = GrantDecision.Create(
            new GrantDecisionInput
            {
                RequestId = requestId, Outcome = DecisionOutcome.Approved, ApprovedAmount = 500_000m, Reason = Text(InputLimits.MaxTextLength),
                RightsCount = 10, RightsKind = ReservationRightKind.RecurringRight, RightsDurationYears = 30,
                Conditions = [.. Enumerable.Range(0, InputLimits.MaxConditions).Select(_ => Text(InputLimits.MaxConditionLength))],
                Reviewer = Text(InputLimits.MaxNameLength), DecidedOn = new DateOnly(2026, 5, 2),
            },
            request with { SubmittedAt = SampleViews.SubmittedAt });
        Assert.True(decision.IsSuccess, decision.Reason);
        var view = SampleViews.Of("123456782", requestId, RequestState.Approved, request) with
        {
            InformationRequest = new InformationRequestView(Text(InputLimits.MaxTextLength), SampleViews.SubmittedAt, Text(InputLimits.MaxTextLength)),
            Decision = DecisionView.From(decision.Value),
            Tranches = [new TrancheView(1, DisbursementMilestone.WorksStartOrder, 250_000m, 0m, null, "doc-000000000000000000000000"), new TrancheView(2, DisbursementMilestone.CompletionDeclaration, 250_000m, 0m, null, "doc-000000000000000000000001")],
            ReservationRights = new ReservationRightView(10, ReservationRightKind.RecurringRight, 30, ReservationRightStatus.Planned, null, null),
        };
        Assert.True(FinancingRequestValidator.Default.Validate(request with { SubmittedAt = SampleViews.SubmittedAt }, ValidationStage.Submission, new DateOnly(2026, 5, 1)).Errors.All(e => e.Field == "conventionId"));

        var json = System.Text.Json.JsonSerializer.Serialize(view, Workflow.Http.PartenariatJson.Options).Length;

        Assert.True(await store.TryAddAsync(view));
        // Heavy indeed (every character escaped), and within the text's 32,768 characters with room to spare.
        Assert.InRange(json, 25_000, 31_000);

        Assert.Equal(Text(InputLimits.MaxTextLength), (await store.GetAsync("123456782", requestId))!.InformationRequest!.Answer);
    }
}

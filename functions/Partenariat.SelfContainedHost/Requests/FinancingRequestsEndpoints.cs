using Microsoft.DurableTask.Client;
using Partenariat.SelfContainedHost.Startup;
using Microsoft.OpenApi;
using Partenariat.Workflow.Requests;

namespace Partenariat.SelfContainedHost.Requests;

/// <summary>The landlords' financing-request API, twin of the Functions app's FinancingRequestFunctions.</summary>
internal static class FinancingRequestsEndpoints
{
    public static IEndpointRouteBuilder MapFinancingRequestsApi(this IEndpointRouteBuilder endpoints)
    {
        var (submission, action) = BodySizeLimit.Of(endpoints);
        var group = endpoints.MapGroup(FinancingRequestApi.Route).WithTags("Financing requests");
        group.MapPost(string.Empty, SubmitAsync)
            .WithMetadata(new BodySizeLimit(submission))
            .WithName("SubmitFinancingRequest")
            .WithSummary("Submits a financing request; an Idempotency-Key header makes a retry return the first answer.")
            .Accepts<Domain.Requests.FinancingRequest>("application/json")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = FinancingRequestApi.IdempotencyKeyHeader,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "Optional: a key of your own (a UUID, say), one per new request. A retry with the same key and the same body answers the request the first one created (202, nothing submitted twice); the same key with another body answers 409 idempotency-key-reused. Keys are kept per landlord.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
                return Task.CompletedTask;
            })
            .Produces<FinancingRequestView>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesKeyProblems()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet(string.Empty, ListAsync)
            .WithName("ListFinancingRequests")
            .WithSummary("Lists your requests, optionally in one status (?status=), a page at a time (?pageSize=, ?continuationToken=).")
            .WithQuery("status", "Only the requests in this status.", OpenApiQuery.OneOf<Domain.Requests.RequestState>())
            .WithQuery("pageSize", "Requests a page (20 by default).", OpenApiQuery.Whole(1, FinancingRequestApi.MaxPageSize))
            .WithQuery("continuationToken", "The previous page's continuationToken, for the next page.", OpenApiQuery.Text())
            .Produces<RequestPage>()
            .ProducesValidationProblem()
            .ProducesKeyProblems();
        group.MapGet("{requestId}", GetAsync)
            .WithName("GetFinancingRequest")
            .WithSummary("One of your requests with its timeline, decision, tranches and reservation rights.")
            .Produces<FinancingRequestView>()
            .ProducesKeyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("{requestId}/information-answer", AnswerAsync)
            .WithName("AnswerInformationRequest")
            .WithSummary("Answers the committee's information request.")
            .ProducesValidationProblem()
            .IsJsonAction<InformationAnswer, FinancingRequestView>(action);
        group.MapPost("{requestId}/withdrawal", WithdrawAsync)
            .WithName("WithdrawFinancingRequest")
            .WithSummary("Withdraws the request (possible until the committee's decision).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .IsJsonAction<ReasonBody, FinancingRequestView>(action);
        group.MapPost("{requestId}/milestones", ReportMilestoneAsync)
            .WithName("ReportMilestone")
            .WithSummary("Reports works started or completion with its evidence document: pays the tranche it opens.")
            .ProducesValidationProblem()
            .IsJsonAction<MilestoneBody, FinancingRequestView>(action);
        return endpoints;
    }

    private static Task<IResult> SubmitAsync(HttpRequest request, FinancingRequestApi api, DurableTaskClient client, CancellationToken cancellationToken) =>
        api.SubmitAsync(request, client, cancellationToken);

    private static Task<IResult> ListAsync(HttpRequest request, FinancingRequestApi api, CancellationToken cancellationToken) =>
        api.ListAsync(request, cancellationToken);

    private static Task<IResult> GetAsync(HttpRequest request, string requestId, FinancingRequestApi api, CancellationToken cancellationToken) =>
        api.GetAsync(request, requestId, cancellationToken);

    private static Task<IResult> AnswerAsync(HttpRequest request, string requestId, FinancingRequestApi api, DurableTaskClient client, CancellationToken cancellationToken) =>
        api.AnswerAsync(request, requestId, client, cancellationToken);

    private static Task<IResult> WithdrawAsync(HttpRequest request, string requestId, FinancingRequestApi api, DurableTaskClient client, CancellationToken cancellationToken) =>
        api.WithdrawAsync(request, requestId, client, cancellationToken);

    private static Task<IResult> ReportMilestoneAsync(HttpRequest request, string requestId, FinancingRequestApi api, DurableTaskClient client, CancellationToken cancellationToken) =>
        api.ReportMilestoneAsync(request, requestId, client, cancellationToken);
}

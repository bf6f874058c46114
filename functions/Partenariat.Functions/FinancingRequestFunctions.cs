using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Partenariat.Workflow.Requests;

namespace Partenariat.Functions;

/// <summary>The landlords' financing-request API and the request's orchestration: one-line adapters to the workflow.</summary>
public sealed class FinancingRequestFunctions(FinancingRequestApi api)
{
    private const string Route = FinancingRequestApi.Route;

    [Function("SubmitFinancingRequest")]
    public Task<IResult> SubmitAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        api.SubmitAsync(request, client, cancellationToken);

    [Function("ListFinancingRequests")]
    public Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, CancellationToken cancellationToken) =>
        api.ListAsync(request, cancellationToken);

    [Function("GetFinancingRequest")]
    public Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{requestId}")] HttpRequest request, string requestId, CancellationToken cancellationToken) =>
        api.GetAsync(request, requestId, cancellationToken);

    [Function("AnswerInformationRequest")]
    public Task<IResult> AnswerAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{requestId}/information-answer")] HttpRequest request, string requestId, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        api.AnswerAsync(request, requestId, client, cancellationToken);

    [Function("WithdrawFinancingRequest")]
    public Task<IResult> WithdrawAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{requestId}/withdrawal")] HttpRequest request, string requestId, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        api.WithdrawAsync(request, requestId, client, cancellationToken);

    [Function("ReportMilestone")]
    public Task<IResult> ReportMilestoneAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{requestId}/milestones")] HttpRequest request, string requestId, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        api.ReportMilestoneAsync(request, requestId, client, cancellationToken);
}

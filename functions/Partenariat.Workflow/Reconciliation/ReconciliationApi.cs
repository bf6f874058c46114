using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Partenariat.Domain.Common;
using Partenariat.Workflow.Authentication;
using Partenariat.Workflow.Http;

namespace Partenariat.Workflow.Reconciliation;

/// <summary>
/// The operators' view of the reconciler, shared by both hosts: its last passes (what it released,
/// what it left to them) and a pass on demand.
/// </summary>
public sealed class ReconciliationApi(CallerAuthentication authentication, CreditReconciler reconciler, ReconciliationStore runs)
{
    /// <summary>The route, under host.json's prefix.</summary>
    public const string Route = "operations/reconciliation";

    private const int MaxTop = 50;

    /// <summary>GET /api/operations/reconciliation?top=: the last passes, newest first (operators).</summary>
    public async Task<IResult> ListAsync(HttpRequest http, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (await AuthorizeAsync(http, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            return failure;
        }

        var top = 10;
        if (http.Query["top"].ToString() is { Length: > 0 } text && (!int.TryParse(text, out top) || top is < 1 or > MaxTop))
        {
            return Problems.Invalid([new ValidationError("top", ErrorCodes.OutOfRange, $"top must be a whole number from 1 to {MaxTop}.")], "The query is not valid");
        }

        return ApiResults.Ok(await runs.ListAsync(top, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>POST /api/operations/reconciliation: a pass now, answered when done (operators).</summary>
    public async Task<IResult> RunAsync(HttpRequest http, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (await AuthorizeAsync(http, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            return failure;
        }

        return ApiResults.Ok(await reconciler.RunAsync(client, cancellationToken).ConfigureAwait(false));
    }

    private async ValueTask<IResult?> AuthorizeAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        var caller = await authentication.AuthenticateAsync(http, cancellationToken).ConfigureAwait(false);
        return caller is null ? Problems.Unauthenticated() : caller.Role != CallerRole.Operator ? Problems.Forbidden("operator") : null;
    }
}

using Partenariat.Domain.Requests;
using Partenariat.Workflow.Requests;

namespace Partenariat.Testing;

/// <summary>Requests' views stored directly, for handlers tested without a workflow run.</summary>
public static class SampleViews
{
    /// <summary>When the sample views were submitted.</summary>
    public static readonly DateTimeOffset SubmittedAt = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The view of request <paramref name="requestId"/> of <paramref name="landlordId"/> in
    /// <paramref name="status"/>, submitted at <paramref name="submittedAt"/> (default
    /// <see cref="SubmittedAt"/>): <paramref name="request"/> (its id and submission time set), or a
    /// request with nothing but them; with <paramref name="rights"/> when given.
    /// </summary>
    public static FinancingRequestView Of(
        string landlordId, string requestId, RequestState status = RequestState.PendingCommittee, FinancingRequest? request = null,
        ReservationRightView? rights = null, DateTimeOffset? submittedAt = null)
    {
        var at = submittedAt ?? SubmittedAt;
        return new()
        {
            RequestId = requestId,
            LandlordId = landlordId,
            Status = status,
            SubmittedAt = at,
            UpdatedAt = at,
            Request = (request ?? new FinancingRequest()) with { RequestId = requestId, SubmittedAt = at },
            ReservationRights = rights,
        };
    }
}

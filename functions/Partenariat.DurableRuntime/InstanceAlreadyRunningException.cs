namespace Partenariat.DurableRuntime;

/// <summary>An orchestration was started with the id of an instance that is still pending, running or suspended.</summary>
public sealed class InstanceAlreadyRunningException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public InstanceAlreadyRunningException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InstanceAlreadyRunningException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public InstanceAlreadyRunningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The instance id.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The exception for <paramref name="instanceId"/>.</summary>
    public static InstanceAlreadyRunningException For(string instanceId, Exception innerException) =>
        new($"An orchestration instance with id '{instanceId}' is still running: wait for it to finish, or terminate it, before starting it again.", innerException)
        {
            InstanceId = instanceId,
        };
}

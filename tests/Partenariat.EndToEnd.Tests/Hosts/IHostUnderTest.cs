namespace Partenariat.EndToEnd.Tests.Hosts;

/// <summary>What the end-to-end tests know of the host they drive: where it listens, its keys, how to stop it.</summary>
public interface IHostUnderTest
{
    /// <summary>Where the host listens (its root, e.g. <c>http://127.0.0.1:41234/</c>).</summary>
    Uri BaseAddress { get; }

    /// <summary>
    /// The key of Durable's webhooks, and the one the check-status URLs carry: the operator key of the
    /// self-contained host, the <c>durabletask_extension</c> system key of the Functions host.
    /// </summary>
    string OperatorKey { get; }

    /// <summary>A key for the function-level endpoints (the operator key here; a function key on the Functions host).</summary>
    string FunctionKey { get; }

    /// <summary>The task hub the host runs on (its own, for this test run).</summary>
    string TaskHub { get; }

    /// <summary>The connection string of the host's own storage (its Azurite), for tests that put messages on its queues.</summary>
    string StorageConnectionString { get; }

    /// <summary>What the host printed so far, for failure messages.</summary>
    string Output { get; }

    /// <summary>Stops the host and its storage.</summary>
    ValueTask StopAsync();
}

using System.Diagnostics;

namespace Partenariat.Workflow.Telemetry;

/// <summary>
/// The activity source of this application's durable hosting: the spans a client in this process
/// starts when it schedules an orchestration or raises an event, which the Durable Task Framework's
/// orchestration and activity spans then hang under; and the name of its meter.
/// </summary>
public static class DurableTelemetry
{
    /// <summary>The activity source's name.</summary>
    public const string ActivitySourceName = "Partenariat.Durable";

    /// <summary>The meter of the durable runtime (the task hub's duplicate messages), by the same name.</summary>
    public const string MeterName = "Partenariat.Durable";

    /// <summary>The tag naming the orchestration instance, the Durable Task Framework's own.</summary>
    public const string InstanceIdTag = "durabletask.task.instance_id";

    /// <summary>The tag naming the orchestration or activity, the Durable Task Framework's own.</summary>
    public const string NameTag = "durabletask.task.name";

    /// <summary>The tag naming the raised event.</summary>
    public const string EventNameTag = "durabletask.event.name";

    /// <summary>The activity source.</summary>
    public static ActivitySource Source { get; } = new(ActivitySourceName);
}

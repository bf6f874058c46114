namespace Partenariat.Workflow.Durable;

/// <summary>An orchestrator or activity class and the name it is called by, the same in both hosts.</summary>
/// <param name="Name">The orchestration or activity name (the Functions app's function name).</param>
/// <param name="Type">The <c>TaskOrchestrator&lt;,&gt;</c> or <c>TaskActivity&lt;,&gt;</c> class.</param>
public sealed record TaskRegistration(string Name, Type Type);

namespace Partenariat.Workflow.Telemetry;

/// <summary>The storage services a request can go to.</summary>
public enum StorageService
{
    /// <summary>Blob storage.</summary>
    Blob,

    /// <summary>Queue storage.</summary>
    Queue,

    /// <summary>Table storage.</summary>
    Table,
}

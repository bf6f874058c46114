using System.Net;

namespace Partenariat.Workflow.Telemetry;

/// <summary>
/// Names a storage request by its REST operation (<c>GetMessages</c>, <c>DeleteMessage</c>,
/// <c>Batch</c>, <c>QueryEntities</c>, <c>LeaseBlob</c>, ...) from its method and URI, the same way
/// for a request the client sends and for a line of the storage emulator's request log.
/// </summary>
public static class StorageOperations
{
    /// <summary>The operation of a request.</summary>
    public static string Classify(StorageService service, string method, Uri uri)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(uri);
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (IsPathStyle(uri) && segments.Length > 0)
        {
            // Emulator and IP endpoints carry the account as the first path segment.
            segments = segments[1..];
        }

        var query = uri.Query;
        method = method.ToUpperInvariant();
        return service switch
        {
            StorageService.Queue => Queue(method, segments, query),
            StorageService.Table => Table(method, segments),
            _ => Blob(method, segments, query),
        };
    }

    private static string Queue(string method, string[] segments, string query) => segments.Length switch
    {
        0 => Has(query, "comp=list") ? "ListQueues" : method + "QueueService",
        1 => (method, Has(query, "comp=metadata")) switch
        {
            ("PUT", false) => "CreateQueue",
            ("DELETE", _) => "DeleteQueue",
            ("PUT", true) => "SetQueueMetadata",
            _ => "GetQueueProperties",
        },
        2 => method switch
        {
            "GET" => Has(query, "peekonly=true") ? "PeekMessages" : "GetMessages",
            "POST" => "PutMessage",
            "DELETE" => "ClearMessages",
            _ => method + "Messages",
        },
        _ => method switch
        {
            "DELETE" => "DeleteMessage",
            "PUT" => "UpdateMessage",
            _ => method + "Message",
        },
    };

    private static string Table(string method, string[] segments)
    {
        if (segments.Length == 0)
        {
            return method + "TableService";
        }

        var resource = Uri.UnescapeDataString(segments[0]);
        if (resource.Equals("$batch", StringComparison.OrdinalIgnoreCase))
        {
            return "Batch";
        }

        if (resource.StartsWith("Tables", StringComparison.OrdinalIgnoreCase) && (resource.Length == 6 || resource[6] == '('))
        {
            return method switch
            {
                "POST" => "CreateTable",
                "DELETE" => "DeleteTable",
                _ => "QueryTables",
            };
        }

        var keyed = resource.Contains("PartitionKey=", StringComparison.OrdinalIgnoreCase);
        return method switch
        {
            "GET" => keyed ? "GetEntity" : "QueryEntities",
            "POST" => "InsertEntity",
            "PUT" => "UpdateEntity",
            "PATCH" or "MERGE" => "MergeEntity",
            "DELETE" => "DeleteEntity",
            _ => method + "Entity",
        };
    }

    private static string Blob(string method, string[] segments, string query)
    {
        if (segments.Length == 0)
        {
            return Has(query, "comp=list") ? "ListContainers" : method + "BlobService";
        }

        var container = segments.Length == 1;
        if (Has(query, "comp=lease"))
        {
            return container ? "LeaseContainer" : "LeaseBlob";
        }

        if (container)
        {
            return method switch
            {
                "PUT" => Has(query, "comp=metadata") ? "SetContainerMetadata" : "CreateContainer",
                "DELETE" => "DeleteContainer",
                _ => Has(query, "comp=list") ? "ListBlobs" : "GetContainerProperties",
            };
        }

        return method switch
        {
            "PUT" when Has(query, "comp=metadata") => "SetBlobMetadata",
            "PUT" when Has(query, "comp=blocklist") => "PutBlockList",
            "PUT" when Has(query, "comp=block") => "PutBlock",
            "PUT" => "PutBlob",
            "GET" => Has(query, "comp=metadata") ? "GetBlobMetadata" : "GetBlob",
            "HEAD" => "GetBlobProperties",
            "DELETE" => "DeleteBlob",
            _ => method + "Blob",
        };
    }

    private static bool Has(string query, string parameter) => query.Contains(parameter, StringComparison.OrdinalIgnoreCase);

    private static bool IsPathStyle(Uri uri) =>
        IPAddress.TryParse(uri.Host, out _) || uri.IsLoopback || !uri.Host.Contains('.', StringComparison.Ordinal);
}

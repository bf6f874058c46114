using System.Net;
using System.Net.Sockets;

namespace Partenariat.Testing;

/// <summary>The loopback interface, where every server of the tests listens.</summary>
public static class Loopback
{
    /// <summary>A port of 127.0.0.1 that was free a moment ago: nothing listens there until someone takes it.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

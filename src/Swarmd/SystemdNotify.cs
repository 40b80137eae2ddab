using System.Net.Sockets;
using System.Text;

namespace Swarmd;

/// <summary>
/// The sd_notify protocol, for <c>Type=notify</c> units (docs/service.md): when systemd passes NOTIFY_SOCKET,
/// swarmd says READY=1 once every link has started (dockerserver is listening) and STOPPING=1 when it begins to
/// stop. Without NOTIFY_SOCKET, or if the socket cannot be reached, nothing happens.
/// </summary>
internal static class SystemdNotify
{
    public static void Ready() => Send("READY=1");

    public static void Stopping() => Send("STOPPING=1");

    private static void Send(string state)
    {
        var path = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        if (string.IsNullOrEmpty(path) || OperatingSystem.IsWindows())
        {
            return;
        }

        // A leading '@' names a socket in the abstract namespace, spelt with a NUL byte.
        var endpoint = new UnixDomainSocketEndPoint(path[0] == '@' ? "\0" + path[1..] : path);
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.SendTo(Encoding.UTF8.GetBytes(state), endpoint);
        }
        catch (SocketException)
        {
            // Readiness is a courtesy to the service manager; swarmd runs the same without it.
        }
    }
}

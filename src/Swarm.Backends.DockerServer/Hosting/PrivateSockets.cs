using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Swarm.Core.Beam;

namespace Swarm.Backends.DockerServer.Hosting;

/// <summary>
/// Unix sockets owner-only (0600, as dockerd's) from the moment they exist: Kestrel binds them while the process
/// umask is 077, so the file is born without group or world bits, then they are set to 0600 and checked. A socket
/// that cannot be made private fails the start. The umask is process-wide: while a server with a unix socket
/// starts (milliseconds), files other threads create are owner-only too, and such starts take turns.
/// </summary>
internal static partial class PrivateSockets
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrWorld = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static readonly SemaphoreSlim Turn = new(1, 1);

    /// <summary>Runs <paramref name="start"/> (the server's start, which binds its listeners), binding unix sockets private.</summary>
    public static async Task StartAsync(Func<CancellationToken, Task> start, DockerServerOptions options, CancellationToken cancellationToken)
    {
        var paths = options.Listeners.Where(l => l.IsUnix).Select(l => l.SocketPath!).ToArray();
        if (paths.Length == 0 || OperatingSystem.IsWindows())
        {
            await start(cancellationToken).ConfigureAwait(false);
            return;
        }

        await Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var previous = Umask(0b000_111_111);
            try
            {
                await start(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Umask(previous);
            }
        }
        finally
        {
            Turn.Release();
        }

        foreach (var path in paths)
        {
            MakePrivate(path);
        }
    }

    /// <summary>Sets the socket to 0600 and checks it took; otherwise the start fails, naming the path.</summary>
    [UnsupportedOSPlatform("windows")]
    public static void MakePrivate(string path)
    {
        try
        {
            File.SetUnixFileMode(path, OwnerOnly);
            if ((File.GetUnixFileMode(path) & GroupOrWorld) == 0)
            {
                return;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Refused(path, ex.Message, ex);
        }

        throw Refused(path, "its mode keeps group or world bits", null);
    }

    private static BeamException Refused(string path, string why, Exception? inner) =>
        new(BeamErrorKind.Unavailable, $"dockerserver cannot make unix socket {path} owner-only (0600): {why}", inner);

    [DllImport("libc", EntryPoint = "umask")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint Umask(uint mask);
}

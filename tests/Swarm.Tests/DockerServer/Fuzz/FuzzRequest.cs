using System.Text;

namespace Swarm.Tests.DockerServer.Fuzz;

/// <summary>One generated input: the bytes to send and how to send them.</summary>
/// <param name="Method">The HTTP method (for the report).</param>
/// <param name="Target">The request target (for the report).</param>
/// <param name="Bytes">Everything to send.</param>
/// <param name="Ending">What the client does after sending.</param>
/// <param name="MayWaitForHead">A request dockerserver may legitimately leave unanswered for a while (<c>logs</c> with <c>follow</c>).</param>
public sealed record FuzzRequest(string Method, string Target, byte[] Bytes, FuzzEnding Ending, bool MayWaitForHead)
{
    public override string ToString()
    {
        var text = Encoding.UTF8.GetString(Bytes);
        var shown = text.Length > 600 ? string.Concat(text.AsSpan(0, 600), $"... ({text.Length} chars)") : text;
        return $"{Ending}: {shown.Replace("\r\n", "\\r\\n", StringComparison.Ordinal)}";
    }
}

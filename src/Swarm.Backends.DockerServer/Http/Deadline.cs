namespace Swarm.Backends.DockerServer.Http;

/// <summary>Waits until a moment however far ahead: one timer takes at most about 49 days, clients send up to year 9999.</summary>
internal static class Deadline
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(24);

    public static async Task WaitUntilAsync(DateTimeOffset at, TimeProvider time, CancellationToken cancellationToken)
    {
        for (var left = at - time.GetUtcNow(); left > TimeSpan.Zero; left = at - time.GetUtcNow())
        {
            await Task.Delay(left < Longest ? left : Longest, time, cancellationToken).ConfigureAwait(false);
        }
    }
}

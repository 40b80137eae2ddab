namespace Swarm.Core.Beam;

/// <summary>
/// Serves a <see cref="BeamReceiver"/>: every message read is handed to a <see cref="BeamRouter"/>, which runs
/// it concurrently with the others and guarantees its reply.
/// </summary>
internal static class BeamServer
{
    /// <summary>
    /// Pumps messages from <paramref name="receiver"/> into <paramref name="router"/> until the pipe closes or
    /// <paramref name="cancellationToken"/> fires, then stops the router (requests still running are cancelled
    /// and answered).
    /// </summary>
    public static async Task ServeAsync(BeamReceiver receiver, BeamRouter router, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(router);
        try
        {
            while (await receiver.WaitToReceiveAsync(cancellationToken).ConfigureAwait(false))
            {
                while (receiver.TryReceive(out var message))
                {
                    _ = router.DispatchAsync(message);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the expected way out.
        }
        finally
        {
            // Anything still queued gets an answer rather than silence.
            while (receiver.TryReceive(out var left))
            {
                if (left.Ret is { } ret)
                {
                    try
                    {
                        await ret.SendAsync(Message.Error(BeamErrorKind.Unavailable, $"{router.Owner} is stopping"), CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (BeamException)
                    {
                        // The caller's route is closed too.
                    }
                }
            }

            await router.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}

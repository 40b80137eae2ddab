namespace Swarm.Core.Backends.Simulator;

/// <summary>
/// A change signal: waiters take <see cref="Next"/>, and <see cref="Fire"/> completes it and arms a new one.
/// Callers hold the simulator's lock while taking and firing, so no change is missed between a check and a wait.
/// </summary>
internal sealed class Pulse
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => _next.Task;

    public void Fire()
    {
        var fired = _next;
        _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        fired.TrySetResult();
    }
}

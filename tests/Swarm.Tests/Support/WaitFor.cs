namespace Swarm.Tests.Support;

/// <summary>Awaits a condition or a task with a timeout whose error names what was awaited. Never a bare sleep.</summary>
public static class WaitFor
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Re-checks <paramref name="condition"/> (each 20 ms) until it holds.</summary>
    public static async Task ConditionAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        using var cts = new CancellationTokenSource(limit);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (!await condition())
            {
                await timer.WaitForNextTickAsync(cts.Token);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"timed out after {limit.TotalSeconds}s waiting for {what}");
        }
    }

    /// <summary>Re-checks a synchronous condition until it holds.</summary>
    public static Task ConditionAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        ConditionAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>Awaits <paramref name="task"/>.</summary>
    public static async Task TaskAsync(Task task, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        try
        {
            await task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"timed out after {limit.TotalSeconds}s waiting for {what}");
        }
    }

    /// <summary>Awaits <paramref name="task"/> and returns its result.</summary>
    public static async Task<T> TaskAsync<T>(Task<T> task, string what, TimeSpan? timeout = null)
    {
        await TaskAsync((Task)task, what, timeout);
        return await task;
    }
}

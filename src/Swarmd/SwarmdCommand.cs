using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Swarm.Core.Backends;
using Swarm.Core.Hosting;
using Swarmd.Logging;

namespace Swarmd;

/// <summary>
/// swarmd: with no spec, lists the backends; otherwise chains one instance per spec, left to right, and runs
/// them until Ctrl-C (or SIGTERM, SIGQUIT), then stops them in reverse order. Exit codes: 0 done, 1 failed at run
/// time, 2 bad command line or spec.
/// </summary>
/// <remarks>
/// No Generic Host: the chain already starts in spec order and stops in reverse (<see cref="SwarmChain"/>), and
/// the host's builder, configuration and lifetime cost a Native AOT swarmd several milliseconds of start-up
/// (docs/benchmarks.md). What the host did here is done below: signals, a 30 s stop limit, readiness.
/// </remarks>
internal static class SwarmdCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    /// <summary>How long the chain may take to stop after a signal before swarmd gives up on it.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        SwarmdArguments parsed;
        try
        {
            parsed = SwarmdArguments.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await stderr.WriteLineAsync($"swarmd: {ex.Message}").ConfigureAwait(false);
            return Usage;
        }

        if (parsed.Version)
        {
            await stdout.WriteLineAsync($"swarmd {Version}").ConfigureAwait(false);
            return Ok;
        }

        var services = BuildServices(parsed);
        await using (services.ConfigureAwait(false))
        {
            return await RunAsync(parsed, services, stdout, stderr, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> RunAsync(SwarmdArguments parsed, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var registry = services.GetRequiredService<BackendRegistry>();
        if (parsed.Help)
        {
            await stdout.WriteAsync(SwarmdHelp.Text(registry)).ConfigureAwait(false);
            return Ok;
        }

        if (parsed.Specs.Count == 0)
        {
            await stdout.WriteAsync(SwarmdHelp.BackendList(registry)).ConfigureAwait(false);
            return Ok;
        }

        SwarmChain chain;
        try
        {
            chain = await services.GetRequiredService<SwarmChainFactory>().CreateAsync([.. parsed.Specs]).ConfigureAwait(false);
        }
        catch (SwarmSpecException ex)
        {
            await stderr.WriteLineAsync($"swarmd: {ex.Message}").ConfigureAwait(false);
            return Usage;
        }

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Swarmd");
        try
        {
            await using (chain.ConfigureAwait(false))
            {
                await RunChainAsync(chain, parsed.Specs, logger, cancellationToken).ConfigureAwait(false);
            }

            return Ok;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The full exception only at debug level: the one line is what a user needs.
            await stderr.WriteLineAsync($"swarmd: {(parsed.LogLevel <= LogLevel.Debug ? ex.ToString() : Describe(ex))}").ConfigureAwait(false);
            return Failed;
        }
    }

    private static async Task RunChainAsync(SwarmChain chain, IReadOnlyList<string> specs, ILogger logger, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signals = new StopSignals(stopping, logger);
        try
        {
            // A link that fails to start makes the chain stop those already started, and the error goes up.
            await chain.StartAsync(stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return; // a signal during start: the chain has stopped what it had started.
        }

        SwarmdLog.Running(logger, string.Join(" -> ", specs));
        SystemdNotify.Ready();
        try
        {
            await Task.Delay(Timeout.Infinite, stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // A signal (or the caller) asked to stop: the normal way out.
        }

        SystemdNotify.Stopping();
        using var limit = new CancellationTokenSource(ShutdownTimeout);
        await chain.StopAsync(limit.Token).ConfigureAwait(false);
        SwarmdLog.Stopped(logger);
    }

    private static string Version =>
        typeof(SwarmdCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static ServiceProvider BuildServices(SwarmdArguments parsed)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .SetMinimumLevel(parsed.LogLevel)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddProvider(new StderrLoggerProvider(parsed.LogFormat)));
        services.AddSwarm().AddStandardBackends();
        return services.BuildServiceProvider();
    }

    private static string Describe(Exception ex) => ex switch
    {
        AggregateException { InnerExceptions.Count: 1 } one => Describe(one.InnerExceptions[0]),
        AggregateException many => string.Join("; ", many.InnerExceptions.Select(Describe)),
        _ => ex.Message,
    };

    /// <summary>SIGINT (Ctrl-C), SIGTERM (systemd, docker, kill) and SIGQUIT stop the chain instead of the process.</summary>
    private sealed class StopSignals : IDisposable
    {
        private readonly PosixSignalRegistration[] _registrations;

        public StopSignals(CancellationTokenSource stopping, ILogger logger) =>
            _registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT }.Select(signal =>
                PosixSignalRegistration.Create(signal, context =>
                {
                    context.Cancel = true;
                    if (!stopping.IsCancellationRequested)
                    {
                        SwarmdLog.Stopping(logger, context.Signal.ToString());
                        stopping.Cancel();
                    }
                }))];

        public void Dispose()
        {
            foreach (var registration in _registrations)
            {
                registration.Dispose();
            }
        }
    }
}

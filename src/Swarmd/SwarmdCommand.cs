using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Swarm.Core.Backends;
using Swarm.Core.Hosting;

namespace Swarmd;

/// <summary>
/// swarmd: with no spec, lists the backends; otherwise chains one instance per spec, left to right, and runs
/// them until Ctrl-C (or SIGTERM), then stops them in reverse order. Exit codes: 0 done, 1 failed at run time,
/// 2 bad command line or spec.
/// </summary>
internal static class SwarmdCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

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

        using var host = BuildHost(parsed);
        var registry = host.Services.GetRequiredService<BackendRegistry>();
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

        try
        {
            foreach (var chain in host.Services.GetServices<IHostedService>().OfType<SwarmChainService>())
            {
                await chain.PrepareAsync().ConfigureAwait(false);
            }
        }
        catch (SwarmSpecException ex)
        {
            await stderr.WriteLineAsync($"swarmd: {ex.Message}").ConfigureAwait(false);
            return Usage;
        }

        try
        {
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return Ok;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The full exception only at debug level: the one line is what a user needs.
            await stderr.WriteLineAsync($"swarmd: {(parsed.LogLevel <= LogLevel.Debug ? ex.ToString() : Describe(ex))}").ConfigureAwait(false);
            return Failed;
        }
    }

    private static string Version =>
        typeof(SwarmdCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static IHost BuildHost(SwarmdArguments parsed)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "swarmd", DisableDefaults = true, Args = [] });
        builder.Logging
            .SetMinimumLevel(parsed.LogLevel)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            })
            .AddFilter("Microsoft.Hosting", LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        var swarm = builder.Services.AddSwarm().AddStandardBackends();
        if (parsed.Specs.Count > 0)
        {
            swarm.AddChain([.. parsed.Specs]);
        }

        return builder.Build();
    }

    private static string Describe(Exception ex) => ex switch
    {
        AggregateException { InnerExceptions.Count: 1 } one => Describe(one.InnerExceptions[0]),
        AggregateException many => string.Join("; ", many.InnerExceptions.Select(Describe)),
        _ => ex.Message,
    };
}

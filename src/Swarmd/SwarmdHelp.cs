using System.Text;
using Swarm.Core.Backends;

namespace Swarmd;

/// <summary>What swarmd prints with no spec and with --help.</summary>
internal static class SwarmdHelp
{
    public static string BackendList(BackendRegistry registry)
    {
        var text = new StringBuilder("Available backends:\n");
        var width = registry.All.Max(b => b.Name.Length);
        foreach (var backend in registry.All)
        {
            text.Append("  ").Append(backend.Name.PadRight(width)).Append("  ").Append(backend.Description).Append('\n');
        }

        text.Append("\nRun a chain, one quoted spec per link: swarmd 'dockerserver tcp://127.0.0.1:4243' simulator\n");
        text.Append("More: swarmd --help\n");
        return text.ToString();
    }

    public static string Text(BackendRegistry registry)
    {
        var text = new StringBuilder();
        text.Append("""
            Usage: swarmd [--log-level LEVEL] [--log-format plain|json] 'SPEC' ['SPEC'...]
                   swarmd              list the backends
                   swarmd --help       this text
                   swarmd --version    the version

            Each argument is one spec: a backend name and its options, split with shell-like quoting.
            Specs are chained left to right: what the first emits goes to the second, and so on, as in
            libswarm. Ctrl-C stops every link in reverse order.

              swarmd 'dockerserver tcp://127.0.0.1:4243' simulator
              swarmd 'dockerserver tcp://localhost:4245' 'openstack --flavor=m1.tiny'
              swarmd 'dockerserver unix:///tmp/swarm.sock' debug "aggregate 'simulator --name=a' 'simulator --name=b'"

            Options:
              --log-level LEVEL   trace, debug, information (default), warning, error, none; logs go to stderr
              --log-format FMT    plain (default: one line per entry) or json (one JSON object per line)

            Exit codes: 0 stopped cleanly, 1 failed while running, 2 bad command line or spec.

            Backends:

            """);
        foreach (var backend in registry.All)
        {
            text.Append("  ").Append(backend.Name).Append(": ").Append(backend.Description).Append('\n');
            text.Append("      ").Append(backend.Usage).Append("\n\n");
        }

        return text.ToString();
    }
}

using System.Globalization;
using Swarm.Core.Beam;

namespace Swarm.Core.Backends.Simulator;

/// <summary>Signal names and numbers (Linux x86_64), and which ones end a process that does not catch them.</summary>
internal static class SimSignals
{
    private static readonly Dictionary<string, int> Numbers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["HUP"] = 1, ["INT"] = 2, ["QUIT"] = 3, ["ILL"] = 4, ["TRAP"] = 5, ["ABRT"] = 6, ["BUS"] = 7, ["FPE"] = 8,
        ["KILL"] = 9, ["USR1"] = 10, ["SEGV"] = 11, ["USR2"] = 12, ["PIPE"] = 13, ["ALRM"] = 14, ["TERM"] = 15,
        ["CHLD"] = 17, ["CONT"] = 18, ["STOP"] = 19, ["TSTP"] = 20, ["TTIN"] = 21, ["TTOU"] = 22, ["URG"] = 23,
        ["XCPU"] = 24, ["XFSZ"] = 25, ["VTALRM"] = 26, ["PROF"] = 27, ["WINCH"] = 28, ["IO"] = 29, ["PWR"] = 30, ["SYS"] = 31,
    };

    /// <summary>The number of a signal written as <c>SIGKILL</c>, <c>KILL</c> or <c>9</c>; invalid otherwise.</summary>
    public static int Parse(string signal)
    {
        var name = signal.StartsWith("SIG", StringComparison.OrdinalIgnoreCase) ? signal[3..] : signal;
        if (Numbers.TryGetValue(name, out var number))
        {
            return number;
        }

        return int.TryParse(signal, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number is > 0 and < 65
            ? number
            : throw BeamException.Invalid($"Invalid signal: {signal}");
    }

    /// <summary>True when the default action of the signal ends the process (not CHLD, CONT, STOP-like, URG, WINCH).</summary>
    public static bool Terminates(int number) => number is not (17 or 18 or 19 or 20 or 21 or 22 or 23 or 28);
}

using System.Collections.Immutable;
using System.Globalization;
using Swarm.Core.Containers;

namespace Swarm.Core.Beam;

/// <summary>The Ack to Wait: the exit code and, if the wait itself failed, why (<c>[code, error?]</c>).</summary>
/// <param name="Result">The outcome.</param>
public sealed record WaitResultBody(WaitResult Result) : BeamBody
{
    /// <inheritdoc />
    public override ImmutableArray<string> Encode() => [Result.StatusCode.ToString(CultureInfo.InvariantCulture), Result.Error ?? ""];

    /// <summary>Reads <c>[code, error?]</c>.</summary>
    public static WaitResultBody Decode(ImmutableArray<string> args) => new(new WaitResult(
        int.TryParse(BeamArgs.At(args, 0), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : 0,
        BeamArgs.At(args, 1) is { Length: > 0 } error ? error : null));
}

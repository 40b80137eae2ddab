using System.Collections.Immutable;

namespace Swarm.Core.Beam;

/// <summary>
/// The string form of the protocol: which body each verb's request and replies carry, and how to read one back
/// from its arguments. In a process nothing goes through here; it is for logging (the <c>debug</c> backend) and for
/// any transport that leaves the process. Every verb of <c>docs/beam-protocol.md</c> has a row in both tables.
/// </summary>
public static class BeamCodec
{
    /// <summary>Reads the body of a request of <paramref name="verb"/>.</summary>
    public static BeamBody DecodeRequest(Verb verb, ImmutableArray<string> args) => verb switch
    {
        Verb.Resolve => ReferenceBody.Decode(args),
        Verb.Create => SpecBody.Decode(args),
        Verb.Stop or Verb.Restart => TimeoutBody.Decode(args),
        Verb.Kill => SignalBody.Decode(args),
        Verb.Rename => NameBody.Decode(args),
        Verb.Delete => DeleteBody.Decode(args),
        Verb.Logs => LogOptionsBody.Decode(args),
        Verb.Wait => WaitBody.Decode(args),
        Verb.Watch => WatchBody.Decode(args),
        Verb.Images => ImageQueryBody.Decode(args),
        Verb.Networks => NetworkQueryBody.Decode(args),
        Verb.NetworkCreate => NetworkSpecBody.Decode(args),
        Verb.NetworkDelete => ReferenceBody.Decode(args),
        Verb.NetworkConnect => EndpointBody.Decode(args),
        Verb.NetworkDisconnect => DisconnectBody.Decode(args),
        Verb.Volumes => VolumeQueryBody.Decode(args),
        Verb.VolumeCreate => VolumeSpecBody.Decode(args),
        Verb.VolumeDelete => VolumeDeleteBody.Decode(args),
        Verb.Get or Verb.List or Verb.Start or Verb.Pause or Verb.Unpause or Verb.Connect or Verb.File => EmptyBody.Instance,
        _ => throw BeamException.Invalid($"{verb} is a reply, not a request"),
    };

    /// <summary>Reads the body of a <paramref name="reply"/> to a request of <paramref name="request"/> sent to <paramref name="target"/>.</summary>
    public static BeamBody DecodeReply(Verb request, BeamTarget target, Verb reply, ImmutableArray<string> args) => reply switch
    {
        Verb.Error => ErrorBody.Decode(args),
        Verb.Log => LogBody.Decode(args),
        Verb.Event => EventBody.Decode(args),
        Verb.Ack or Verb.Set => request switch
        {
            Verb.Resolve or Verb.Create => ContainerBody.Decode(args),
            Verb.Get when target == BeamTarget.Instance => HostInfoBody.Decode(args),
            Verb.Get => ContainerBody.Decode(args),
            Verb.List => ContainerListBody.Decode(args),
            Verb.Start or Verb.Stop => ChangedBody.Decode(args),
            Verb.Wait => WaitResultBody.Decode(args),
            Verb.Images => ImageListBody.Decode(args),
            Verb.Networks => NetworkListBody.Decode(args),
            Verb.NetworkCreate => NetworkBody.Decode(args),
            Verb.Volumes => VolumeListBody.Decode(args),
            Verb.VolumeCreate => VolumeBody.Decode(args),
            _ => EmptyBody.Instance,
        },
        _ => throw BeamException.Invalid($"{reply} is a request, not a reply"),
    };

    /// <summary>A verb and its body's arguments for a log line, with env and label values masked unless <paramref name="redact"/> is false.</summary>
    public static string Describe(Verb verb, BeamBody body, bool redact = true, int maxArgLength = 200, int maxArgs = 10)
    {
        ArgumentNullException.ThrowIfNull(body);
        var args = (redact ? body.Redacted() : body).Encode();
        if (args.IsEmpty)
        {
            return verb.ToString();
        }

        var shown = args.Take(maxArgs).Select(a => a.Length > maxArgLength ? string.Concat(a.AsSpan(0, maxArgLength), "…") : a);
        var more = args.Length > maxArgs ? $" … ({args.Length} args)" : "";
        return $"{verb} {string.Join(' ', shown)}{more}";
    }
}

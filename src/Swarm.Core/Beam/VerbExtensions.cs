namespace Swarm.Core.Beam;

/// <summary>Facts about verbs that every hop relies on.</summary>
public static class VerbExtensions
{
    /// <summary>
    /// True for replies that end a request: everything but <see cref="Verb.Log"/> and <see cref="Verb.Event"/>,
    /// which a streaming request may send any number of times before its terminal reply.
    /// </summary>
    public static bool IsTerminalReply(this Verb verb) => verb is not (Verb.Log or Verb.Event);
}

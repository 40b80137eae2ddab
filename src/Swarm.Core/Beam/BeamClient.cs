using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Swarm.Core.Beam;

/// <summary>
/// Sends requests to a Beam object and waits for their replies. An Error reply is thrown as a
/// <see cref="BeamException"/> of the same kind. The typed container calls are in <c>Swarm.Core.Containers</c>.
/// </summary>
public class BeamClient
{
    /// <summary>Creates a client for <paramref name="target"/>.</summary>
    public BeamClient(IBeamSender target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
    }

    /// <summary>The object this client talks to.</summary>
    public IBeamSender Target { get; }

    /// <summary>Sends a request and returns its terminal reply; throws if the reply is an Error.</summary>
    public async Task<Message> CallAsync(Verb verb, ImmutableArray<string> args, CancellationToken cancellationToken, Stream? attachment = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var slot = new ReplySlot();
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static (s, ct) => ((ReplySlot)s!).Cancel(ct), slot)
            : default;
        await Target.SendAsync(new Message(verb, args) { Ret = slot, Cancellation = cancellationToken, Attachment = attachment }, cancellationToken).ConfigureAwait(false);
        var reply = await slot.Reply.ConfigureAwait(false);

        // A caller that cancelled sees its cancellation, not the Error the handler answered it with.
        cancellationToken.ThrowIfCancellationRequested();
        return ThrowIfError(reply, verb);
    }

    /// <summary>
    /// Sends a streaming request and yields its non-terminal replies (Log, Event) until the terminal Ack.
    /// Stopping the enumeration cancels the request.
    /// </summary>
    public async IAsyncEnumerable<Message> StreamAsync(
        Verb verb,
        ImmutableArray<string> args,
        [EnumeratorCancellation] CancellationToken cancellationToken,
        Stream? attachment = null)
    {
        var stream = new ReplyStream();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await Target.SendAsync(new Message(verb, args) { Ret = stream, Cancellation = cts.Token, Attachment = attachment }, cancellationToken).ConfigureAwait(false);
            while (await stream.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (stream.Reader.TryRead(out var reply))
                {
                    if (!reply.Verb.IsTerminalReply())
                    {
                        yield return reply;
                        continue;
                    }

                    ThrowIfError(reply, verb);
                    yield break;
                }
            }

            throw new BeamException(BeamErrorKind.Internal, $"the reply stream of {verb} closed without a terminal reply");
        }
        finally
        {
            // Tell the producer to stop, whether we finished, failed or were abandoned.
            stream.Close();
            await cts.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Throws the <see cref="BeamException"/> an Error reply carries; returns any other reply.</summary>
    public static Message ThrowIfError(Message reply, Verb request)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Verb == Verb.Error)
        {
            throw new BeamException(BeamErrorKindNames.Parse(reply.Arg(0)), reply.Arg(1) ?? $"{request} failed");
        }

        return reply;
    }
}

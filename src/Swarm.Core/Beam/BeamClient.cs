using System.Runtime.CompilerServices;

namespace Swarm.Core.Beam;

/// <summary>
/// Sends requests to a Beam object and waits for their replies. An Error reply is thrown as a
/// <see cref="BeamException"/> of the same kind. The typed container calls are <c>ContainerHostClient</c>'s.
/// </summary>
public static class BeamClient
{
    /// <summary>Sends a request to <paramref name="target"/> and returns its terminal reply; throws if the reply is an Error.</summary>
    public static async Task<Message> CallAsync(IBeamSender target, Verb verb, BeamBody? body, CancellationToken cancellationToken, Stream? attachment = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        cancellationToken.ThrowIfCancellationRequested();
        var slot = new ReplySlot();
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static (s, ct) => ((ReplySlot)s!).Cancel(ct), slot)
            : default;
        await target.SendAsync(new Message(verb, body) { Ret = slot, Cancellation = cancellationToken, Attachment = attachment }, cancellationToken).ConfigureAwait(false);
        var reply = await slot.Reply.ConfigureAwait(false);

        // A caller that cancelled sees its cancellation, not the Error the handler answered it with.
        cancellationToken.ThrowIfCancellationRequested();
        return ThrowIfError(reply, verb);
    }

    /// <summary>Sends a request and returns the body of its terminal reply as <typeparamref name="T"/>.</summary>
    public static async Task<T> CallAsync<T>(IBeamSender target, Verb verb, BeamBody? body, CancellationToken cancellationToken)
        where T : BeamBody
    {
        var reply = await CallAsync(target, verb, body, cancellationToken).ConfigureAwait(false);
        return Expect<T>(reply, verb);
    }

    /// <summary>
    /// Sends a streaming request and yields its non-terminal replies (Log, Event) until the terminal Ack.
    /// Stopping the enumeration cancels the request.
    /// </summary>
    public static async IAsyncEnumerable<Message> StreamAsync(
        IBeamSender target,
        Verb verb,
        BeamBody? body,
        [EnumeratorCancellation] CancellationToken cancellationToken,
        Stream? attachment = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var stream = new ReplyStream();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await target.SendAsync(new Message(verb, body) { Ret = stream, Cancellation = cts.Token, Attachment = attachment }, cancellationToken).ConfigureAwait(false);
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
        if (reply.Body is ErrorBody error)
        {
            throw new BeamException(error.Kind, error.Text.Length > 0 ? error.Text : $"{request} failed");
        }

        return reply;
    }

    /// <summary>The body of <paramref name="reply"/> as <typeparamref name="T"/>; an internal error naming the verb when it is another.</summary>
    public static T Expect<T>(Message reply, Verb request)
        where T : BeamBody
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply.Body as T
            ?? throw new BeamException(BeamErrorKind.Internal, $"the reply to {request} carried a {reply.Body.GetType().Name}, not a {typeof(T).Name}");
    }
}

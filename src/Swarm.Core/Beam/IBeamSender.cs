namespace Swarm.Core.Beam;

/// <summary>
/// Somewhere a message can be sent: an instance's input, a container handle, a reply route. Sending hands the
/// message over and returns; it does not wait for the message to be handled.
/// </summary>
public interface IBeamSender
{
    /// <summary>Hands a message over. Fails if the receiving end has closed.</summary>
    ValueTask SendAsync(Message message, CancellationToken cancellationToken = default);
}

using Microsoft.Extensions.Logging;

namespace Swarm.Backends.Openstack;

/// <summary>The backend's log lines. None carries a password, secret or token: only names, ids and URLs.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Authenticating to {AuthUrl} with {Method} auth ({Source})")]
    public static partial void Authenticating(ILogger logger, string authUrl, string method, string source);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Token issued for project {Project}, expires at {ExpiresAt:O}")]
    public static partial void Authenticated(ILogger logger, string project, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Discovered Keystone v3 at {Url} from {Given}")]
    public static partial void DiscoveredIdentity(ILogger logger, string url, string given);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "{Service} answered 401 to {Method} {Url}; re-authenticating once")]
    public static partial void Reauthenticating(ILogger logger, string service, string method, string url);

    [LoggerMessage(EventId = 4030, Level = LogLevel.Warning, Message = "{Service} answered 401 to {Method} {Url} with a token issued a moment ago (Keystone also revokes tokens issued in the second of a revocation); re-authenticating after {DelayMs} ms")]
    public static partial void ReauthenticatingAgain(ILogger logger, string service, string method, string url, long delayMs);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "{Service}: {Method} {Url} failed ({Reason}); retry {Attempt} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string service, string method, string url, string reason, int attempt, long delayMs);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Using Nova at {Url} with microversion {Microversion}")]
    public static partial void ComputeReady(ILogger logger, string url, string microversion);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Created server {Name} ({Id}) with flavor {Flavor} and image {Image}")]
    public static partial void ServerCreated(ILogger logger, string name, string id, string flavor, string image);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Debug, Message = "Server {Id}: {Action}")]
    public static partial void ServerAction(ILogger logger, string id, string action);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "Watch poll failed, will retry: {Reason}")]
    public static partial void WatchPollFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Created network {Name} ({Id}) with subnets {Subnets}")]
    public static partial void NetworkCreated(ILogger logger, string name, string id, string subnets);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "Removed network {Name} ({Id})")]
    public static partial void NetworkRemoved(ILogger logger, string name, string id);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "Could not remove {What} while undoing a failed call: {Reason}")]
    public static partial void CleanupFailed(ILogger logger, string what, string reason);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Information, Message = "Removing port {PortId} that swarmd left unbound on network {Network}")]
    public static partial void LeftoverPort(ILogger logger, string portId, string network);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Debug, Message = "Server {ServerId}: port {PortId} {Action}")]
    public static partial void PortAction(ILogger logger, string serverId, string portId, string action);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Information, Message = "Connected network {Network} to router {RouterId} for published ports")]
    public static partial void RouterConnected(ILogger logger, string network, string routerId);

    [LoggerMessage(EventId = 4016, Level = LogLevel.Information, Message = "Container {Container}: {Port}/{Protocol} published on {Address}:{HostPort} (port forwarding {ForwardingId})")]
    public static partial void PortPublished(ILogger logger, string container, int port, string protocol, string address, int hostPort, string forwardingId);

    [LoggerMessage(EventId = 4017, Level = LogLevel.Information, Message = "{Action} floating IP {Address} ({Id}): {Why}")]
    public static partial void FloatingIpAction(ILogger logger, string action, string address, string id, string why);

    [LoggerMessage(EventId = 4018, Level = LogLevel.Information, Message = "Created volume {Name} ({Id}): {Size} GiB, type {Type}")]
    public static partial void VolumeCreated(ILogger logger, string name, string id, int size, string type);

    [LoggerMessage(EventId = 4019, Level = LogLevel.Information, Message = "Removed volume {Name} ({Id})")]
    public static partial void VolumeRemoved(ILogger logger, string name, string id);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Information, Message = "Created the claims network {Name} ({Id}): names are now unique across every swarmd on this project")]
    public static partial void ClaimsNetworkCreated(ILogger logger, string name, string id);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Warning, Message = "Taking over the claim on {Kind} name {Name} (port {PortId}): nothing holds the name and the claim is {AgeSeconds} s old (a swarmd stopped half way)")]
    public static partial void StaleClaim(ILogger logger, string kind, string name, string portId, long ageSeconds);

    [LoggerMessage(EventId = 4022, Level = LogLevel.Warning, Message = "Could not release the claim on {Kind} name {Name}: {Reason}; it is taken over once stale")]
    public static partial void ClaimNotReleased(ILogger logger, string kind, string name, string reason);

    [LoggerMessage(EventId = 4023, Level = LogLevel.Information, Message = "Claimed {Kind} name {Name}, which was in use without a claim")]
    public static partial void ClaimBackfilled(ILogger logger, string kind, string name);

    [LoggerMessage(EventId = 4024, Level = LogLevel.Warning, Message = "Could not square name claims with the cloud at start-up: {Reason}; names made without a claim are not protected until the next start")]
    public static partial void ReconcileFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 4025, Level = LogLevel.Warning, Message = "Removing network {Name} ({Id}), which a swarmd left half made")]
    public static partial void HalfMadeNetwork(ILogger logger, string name, string id);

    [LoggerMessage(EventId = 4026, Level = LogLevel.Warning, Message = "The cloud has no Neutron: container names are checked in this swarmd only, so two swarmd processes on this project can create one name twice")]
    public static partial void NoClaims(ILogger logger);

    [LoggerMessage(EventId = 4027, Level = LogLevel.Warning, Message = "Could not remove {What} of removed container {Container}: {Reason}")]
    public static partial void ReleaseFailed(ILogger logger, string what, string container, string reason);

    [LoggerMessage(EventId = 4028, Level = LogLevel.Warning, Message = "Removing what a create of container {Container} left when its swarmd stopped before the server was made: {What}")]
    public static partial void HalfMadeContainer(ILogger logger, string container, string what);

    [LoggerMessage(EventId = 4029, Level = LogLevel.Warning, Message = "Deleting attachment {AttachmentId} ({Status}) of volume {Volume} ({VolumeId}): its server {ServerId} is gone from Nova")]
    public static partial void LeftoverAttachment(ILogger logger, string attachmentId, string? status, string volume, string volumeId, string serverId);
}

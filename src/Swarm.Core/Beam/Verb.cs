namespace Swarm.Core.Beam;

/// <summary>
/// The verbs of the Beam protocol. The first thirteen keep libswarm's order and numbers (three are renamed so that
/// one word names one idea from Docker route to verb to method: libswarm's Attach is <see cref="Resolve"/>, Ls is
/// <see cref="List"/>, Spawn is <see cref="Create"/>); every verb added since is appended, so a number never changes
/// meaning. <c>docs/beam-protocol.md</c> specifies each one: its request body, its replies and its role.
/// </summary>
public enum Verb
{
    /// <summary>Terminal success reply. May carry a body and, as its <see cref="Message.Ret"/>, a handle.</summary>
    Ack = 0,

    /// <summary>To an instance: find a container by name, full id or unique id prefix; the Ack hands over its handle (libswarm: Attach).</summary>
    Resolve = 1,

    /// <summary>To a container handle: stream its live output (Docker's attach), taking its input from the attachment.</summary>
    Connect = 2,

    /// <summary>Terminal failure reply: an <see cref="ErrorBody"/>.</summary>
    Error = 3,

    /// <summary>Reserved by libswarm for file transfer; no backend implements it.</summary>
    File = 4,

    /// <summary>To an instance: describe the host. To a container handle: describe the container.</summary>
    Get = 5,

    /// <summary>Non-terminal reply: one chunk of output.</summary>
    Log = 6,

    /// <summary>To an instance: list every container it manages (libswarm: Ls).</summary>
    List = 7,

    /// <summary>Terminal reply carrying a value.</summary>
    Set = 8,

    /// <summary>To an instance: create a container from a spec; the Ack hands over its handle (libswarm: Spawn).</summary>
    Create = 9,

    /// <summary>To a container handle: start it; acknowledged once it runs.</summary>
    Start = 10,

    /// <summary>To a container handle: stop it; acknowledged once it has stopped.</summary>
    Stop = 11,

    /// <summary>To an instance: stream container events (non-terminal <see cref="Event"/> replies).</summary>
    Watch = 12,

    /// <summary>To a container handle: remove it; acknowledged once it is gone.</summary>
    Delete = 13,

    /// <summary>To a container handle: stop then start it.</summary>
    Restart = 14,

    /// <summary>To a container handle: deliver a signal (stop it at once when the backend has no signals).</summary>
    Kill = 15,

    /// <summary>To a container handle: freeze it.</summary>
    Pause = 16,

    /// <summary>To a container handle: thaw it.</summary>
    Unpause = 17,

    /// <summary>To a container handle: give it a new name.</summary>
    Rename = 18,

    /// <summary>To a container handle: stream its logs as <see cref="Log"/> replies, then Ack.</summary>
    Logs = 19,

    /// <summary>To a container handle: reply when it reaches a condition (not-running, next-exit, removed).</summary>
    Wait = 20,

    /// <summary>Non-terminal reply to <see cref="Watch"/>: one container event.</summary>
    Event = 21,

    /// <summary>To an instance: list images, or resolve one reference to an image.</summary>
    Images = 22,

    /// <summary>To an instance: list networks, or resolve one reference (name, id, id prefix) to a network.</summary>
    Networks = 23,

    /// <summary>To an instance: create a network from a spec; the Ack carries its record.</summary>
    NetworkCreate = 24,

    /// <summary>To an instance: remove a network by reference; acknowledged once it is gone.</summary>
    NetworkDelete = 25,

    /// <summary>To a container handle: put the container on one more network (Docker's network connect).</summary>
    NetworkConnect = 26,

    /// <summary>To a container handle: take the container off a network (Docker's network disconnect).</summary>
    NetworkDisconnect = 27,

    /// <summary>To an instance: list volumes, or resolve one name to a volume.</summary>
    Volumes = 28,

    /// <summary>To an instance: create a volume from a spec (a name in use answers that volume); the Ack carries its record.</summary>
    VolumeCreate = 29,

    /// <summary>To an instance: remove a volume by name; acknowledged once it is gone.</summary>
    VolumeDelete = 30,
}

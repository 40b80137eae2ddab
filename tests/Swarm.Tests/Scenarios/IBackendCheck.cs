namespace Swarm.Tests.Scenarios;

/// <summary>
/// What a scenario checks beyond the Docker clients, at each step: nothing more on the simulator; in Neutron, Cinder and
/// over a real TCP connection on OpenStack. The scenarios are the same on both, so both backends pass the same tests.
/// </summary>
public interface IBackendCheck
{
    /// <summary>The address a published port is on, as a regular expression (<c>0.0.0.0</c>; a floating IP).</summary>
    string AddressPattern { get; }

    /// <summary>A container's host port is published and forwarded to its port.</summary>
    Task PublishedAsync(string containerId, string address, int hostPort, int containerPort);

    /// <summary>The removed container's host port, and what was made for it, are gone.</summary>
    Task UnpublishedAsync(string containerName, string address, int hostPort);

    /// <summary>The volume is attached to the container.</summary>
    Task VolumeInUseAsync(string volume, string containerId);

    /// <summary>The volume is attached to nothing.</summary>
    Task VolumeFreeAsync(string volume);

    /// <summary>The volume no longer exists.</summary>
    Task VolumeGoneAsync(string volume);
}

/// <summary>The simulator's check: the Docker clients show everything there is.</summary>
public sealed class NoBackendCheck : IBackendCheck
{
    public static readonly NoBackendCheck Instance = new();

    public string AddressPattern => @"0\.0\.0\.0";

    public Task PublishedAsync(string containerId, string address, int hostPort, int containerPort) => Task.CompletedTask;

    public Task UnpublishedAsync(string containerName, string address, int hostPort) => Task.CompletedTask;

    public Task VolumeInUseAsync(string volume, string containerId) => Task.CompletedTask;

    public Task VolumeFreeAsync(string volume) => Task.CompletedTask;

    public Task VolumeGoneAsync(string volume) => Task.CompletedTask;
}

using Swarm.Core.Containers;

namespace Swarm.Core.Backends.Simulator;

/// <summary>One simulated volume: what was asked at create; the containers that mount it are found from them.</summary>
internal sealed record SimVolume(string Name, string Driver, IReadOnlyDictionary<string, string> Options, IReadOnlyDictionary<string, string> Labels, DateTimeOffset Created)
{
    /// <summary>Where dockerd's local driver keeps a volume's files.</summary>
    public string Mountpoint => $"/var/lib/docker/volumes/{Name}/_data";

    /// <summary>True for a volume made for one container.</summary>
    public bool Anonymous => Labels.ContainsKey(DockerVolumes.AnonymousLabel);
}

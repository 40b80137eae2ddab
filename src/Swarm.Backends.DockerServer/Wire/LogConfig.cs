namespace Swarm.Backends.DockerServer.Wire;

/// <summary><c>HostConfig.LogConfig</c>; docker-py's <c>containers.run()</c> reads its <c>Type</c>.</summary>
internal sealed record LogConfig
{
    public static readonly LogConfig Default = new();

    public string Type { get; init; } = "json-file";

    public IReadOnlyDictionary<string, string> Config { get; init; } = Empty.Labels;
}

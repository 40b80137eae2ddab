namespace Swarm.Tests.Support;

/// <summary>
/// Runs a script against dockerode 5 (npm, installed by scripts/install-test-deps.sh) with <c>docker</c> bound to a
/// client of the given server. The script prints what the test checks; an exception is its exit code 1 with the
/// error on stderr (dockerode throws on 304).
/// </summary>
public static class Dockerode
{
    public static async Task<CliResult> RunAsync(Uri server, string script, TimeSpan? timeout = null)
    {
        Clients.RequireDockerode();
        var program = $$"""
            const Docker = require('dockerode');
            const docker = new Docker({ host: '{{server.Host}}', port: {{server.Port}} });
            (async () => {
            {{script}}
            })().catch(e => { console.error(`${e.statusCode ?? ''} ${e.message}`); process.exit(1); });
            """;
        var file = Path.Combine(Path.GetTempPath(), $"dockerode-{Guid.NewGuid():N}.js");
        await File.WriteAllTextAsync(file, program);
        try
        {
            return await Cli.RunAsync(Clients.Which("node")!, [file],
                new Dictionary<string, string?> { ["NODE_PATH"] = Clients.NodeModules },
                timeout: timeout ?? TimeSpan.FromMinutes(3));
        }
        finally
        {
            File.Delete(file);
        }
    }
}

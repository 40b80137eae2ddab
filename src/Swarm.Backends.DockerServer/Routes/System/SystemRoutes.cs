using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Swarm.Backends.DockerServer.Http;
using Swarm.Backends.DockerServer.Wire;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary><c>/_ping</c>, <c>/version</c> and <c>/info</c>.</summary>
internal static class SystemRoutes
{
    private static readonly StringValues MaxVersion = ApiVersion.Max;
    private static readonly StringValues False = "false";
    private static readonly StringValues Linux = "linux";
    private static readonly StringValues Inactive = "inactive";
    private static readonly StringValues NoCache = "no-cache, no-store, must-revalidate";
    private static readonly StringValues PragmaNoCache = "no-cache";
    private static readonly byte[] Ok = "OK"u8.ToArray();

    /// <summary>swarmd's version (the assembly's informational version, without build metadata).</summary>
    public static readonly string ServerVersion =
        (typeof(SystemRoutes).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    private static readonly string Arch = RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.Arm => "arm",
        Architecture.X86 => "386",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static readonly string Kernel = Environment.OSVersion.Version.ToString(3);

    /// <summary>
    /// HEAD and GET <c>/_ping</c>: the CLI negotiates from <c>Api-Version</c>; without it the CLI drops to 1.24.
    /// </summary>
    public static async Task PingAsync(DockerCall call)
    {
        var response = call.Response;
        AddVersionHeaders(response);
        var headers = response.Headers;
        headers["Builder-Version"] = "1";
        headers["Swarm"] = Inactive;
        headers.CacheControl = NoCache;
        headers.Pragma = PragmaNoCache;
        response.ContentType = "text/plain; charset=utf-8";
        if (HttpMethods.IsHead(call.Request.Method))
        {
            response.ContentLength = 0;
            return;
        }

        response.ContentLength = Ok.Length;
        await response.Body.WriteAsync(Ok, call.Aborted).ConfigureAwait(false);
    }

    public static Task VersionAsync(DockerCall call)
    {
        AddVersionHeaders(call.Response);
        var version = new VersionResponse
        {
            Platform = new PlatformName("swarmd for .NET"),
            Components =
            [
                new VersionComponent("Engine", ServerVersion, new Dictionary<string, string>
                {
                    ["ApiVersion"] = ApiVersion.Max,
                    ["MinAPIVersion"] = ApiVersion.Min,
                    ["Arch"] = Arch,
                    ["Os"] = "linux",
                    ["GoVersion"] = RuntimeInformation.FrameworkDescription,
                    ["KernelVersion"] = Kernel,
                    ["Experimental"] = "false",
                    ["GitCommit"] = "",
                    ["BuildTime"] = "",
                }),
            ],
            Version = ServerVersion,
            ApiVersion = ApiVersion.Max,
            MinAPIVersion = ApiVersion.Min,
            GoVersion = RuntimeInformation.FrameworkDescription,
            Os = "linux",
            Arch = Arch,
            KernelVersion = Kernel,
        };
        return JsonResponse.WriteAsync(call.Response, 200, version, DockerJson.Default.VersionResponse, call.Aborted);
    }

    public static async Task InfoAsync(DockerCall call)
    {
        var host = await call.Host.GetInfoAsync(call.Aborted).ConfigureAwait(false);
        var info = new InfoResponse
        {
            ID = host.Id,
            Containers = host.Containers,
            ContainersRunning = host.ContainersRunning,
            ContainersPaused = host.ContainersPaused,
            ContainersStopped = host.ContainersStopped,
            Images = host.Images,
            Driver = host.Driver,
            DriverStatus = [.. host.Status.Select(s => new[] { s.Key, s.Value })],
            KernelVersion = Kernel,
            OperatingSystem = host.OperatingSystem,
            Architecture = RuntimeInformation.OSArchitecture == Architecture.X64 ? "x86_64" : Arch,
            NCPU = host.Cpus,
            MemTotal = host.MemoryBytes,
            Name = host.Name,
            ServerVersion = ServerVersion,
        };
        await JsonResponse.WriteAsync(call.Response, 200, info, DockerJson.Default.InfoResponse, call.Aborted).ConfigureAwait(false);
    }

    private static void AddVersionHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers["Api-Version"] = MaxVersion;
        headers["Docker-Experimental"] = False;
        headers["OSType"] = Linux;
    }
}
